//! Saving when it cannot work (issue 5), with the real binary in a pseudo-terminal: the folder
//! the wizard was started in is removed while it runs, or made read-only. The result screen says
//! so in Japanese, in full on its message line, nothing is written or overwritten, and the result
//! and every answer stay on screen. (Each fault on its own, and the messages' wording, are unit
//! tests in src/shell/save.rs.)

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{Tui, key};

/// CTC: the shortest walk to a result.
fn walk_to_result(t: &mut Tui) {
    t.wait_for("1/8 回線の種類");
    t.send("3");
    t.wait_for("> [ この内容で結果を見る ]");
    t.send(key::ENTER);
    t.wait_for("F2 保存");
    t.wait_for("判定: 別の接続方式です");
}

/// After a failed save: the message in full (in the save dialog and on the message line), the
/// result still there, the answers behind it, and a second try from the result opened again
/// says the same.
fn assert_failed_save_keeps_everything(t: &mut Tui, message: &str) {
    let dialog = |t: &Tui| {
        t.wait_for("保存できませんでした");
        t.wait_for(message);
        t.wait_for("画面の結果はそのまま残っています。");
    };
    dialog(t);
    t.send(key::ENTER);
    t.wait_gone("Enter で閉じます");
    t.wait_for("判定: 別の接続方式です");
    t.wait_for(&format!("保存できません: {message}"));
    // Esc alone, and its effect waited for: an Esc followed at once by more bytes would be read
    // as the start of an escape sequence.
    t.send(key::ESC);
    t.wait_for("2/2 入力内容の確認");
    t.wait_for("ビジネスコムファ光 (CTC)");
    t.send(key::ENTER);
    t.wait_for("判定: 別の接続方式です");
    t.wait_gone("保存できません");
    t.send(key::F2);
    dialog(t);
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    t.assert_terminal_restored();
}

#[test]
fn the_folder_removed_while_the_wizard_runs() {
    let mut t = Tui::start(&[]);
    walk_to_result(&mut t);
    std::fs::remove_dir_all(t.dir()).expect("remove the wizard's folder");
    t.send(key::F2);
    assert_failed_save_keeps_everything(
        &mut t,
        "フォルダーがありません。別の場所で起動し直してください。",
    );
    assert!(!t.dir().exists(), "nothing recreated the folder");
}

/// `chattr +i` (root ignores mode bits, not this flag), undone on drop.
struct Immutable<'a>(&'a Path);

impl<'a> Immutable<'a> {
    fn set(dir: &'a Path) -> Option<Immutable<'a>> {
        Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
            .then_some(Immutable(dir))
    }
}

impl Drop for Immutable<'_> {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(self.0).status();
    }
}

fn entries(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("read the wizard's folder")
        .flatten()
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read_to_string(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn a_read_only_folder_with_an_earlier_result_in_it() {
    use std::os::unix::fs::PermissionsExt;
    let mut t = Tui::start(&[]);
    walk_to_result(&mut t);
    let dir = t.dir().to_path_buf();
    std::fs::write(dir.join("earlier.md"), "前の結果").expect("an earlier result");
    let mode = |m| std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(m));
    mode(0o555).expect("clear the write bits");
    let immutable = Immutable::set(&dir);
    let probe = dir.join(".probe");
    let writable_anyway = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    t.send(key::F2);
    if writable_anyway {
        // Root on a file system without the immutable flag (tmpfs): no read-only folder can be
        // made here, so only "nothing overwritten" is shown. On ext4 (this project's machines)
        // the branch below runs.
        t.wait_for("保存しました");
        drop(immutable);
        mode(0o755).expect("restore the write bits");
        let md = std::fs::read_to_string(dir.join("earlier.md")).unwrap_or_default();
        assert_eq!(md, "前の結果");
        return;
    }
    // The folder stays read-only through the second try.
    assert_failed_save_keeps_everything(
        &mut t,
        "書き込めないフォルダーです。別の場所で起動し直してください。",
    );
    let after = entries(&dir);
    drop(immutable);
    mode(0o755).expect("restore the write bits");
    assert_eq!(
        after,
        [("earlier.md".to_string(), "前の結果".to_string())],
        "nothing written, nothing overwritten"
    );
}
