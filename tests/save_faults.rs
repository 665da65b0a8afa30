//! Saving when the folder the wizard was started in cannot take the files, with the real binary
//! in a pseudo-terminal: the folder is removed while the wizard runs, made read-only, or is a
//! system folder (/proc). The files then go to the home folder (HOME, set to a folder of the
//! test's), and the dialog says where it tried first, with the full path and the real cause,
//! and where the files are. When the home folder cannot take them either, the dialog names both
//! folders and their causes, advises mending and pressing F2 again (never starting again, which
//! would lose the answers), and the result and every answer stay on screen. (Each fault on its
//! own, and the wording, are unit tests in src/shell/save.rs.)

#![cfg(unix)]

mod common;

use std::path::Path;
use std::process::Command;

use common::{Tui, key};

/// IPsec+IKE: the shortest walk to a result.
fn walk_to_result(t: &mut Tui) {
    t.wait_for("1問目 回線の種類");
    t.send("5");
    t.wait_for("> [ この内容で結果を見る ]");
    t.send(key::ENTER);
    t.wait_for("F2 保存");
    t.wait_for("判定: 別の接続方式です");
}

/// The dialog's text with its rows joined, so a sentence it wrapped reads whole: on each row
/// inside the dialog, what lies between its two borders (the frame's border, then the dialog's
/// left and right ones).
fn dialog_text(t: &Tui) -> String {
    t.screen()
        .lines()
        .filter_map(|l| {
            let parts: Vec<&str> = l.split('│').collect();
            (parts.len() >= 5).then(|| parts[2].trim().to_string())
        })
        .collect::<Vec<_>>()
        .join("")
}

fn assert_dialog_says(t: &Tui, text: &str) {
    let joined = dialog_text(t);
    assert!(joined.contains(text), "{text:?} not in:\n{}", t.dump());
}

/// After a failed save: the dialog names each folder tried with its cause and advises F2
/// again; the result is still there, the answers behind it, the message line says what
/// happened, and a second try from the result opened again says the same.
fn assert_failed_save_keeps_everything(t: &mut Tui, reasons: &[String]) {
    let dialog = |t: &Tui| {
        t.wait_for("保存できませんでした");
        t.wait_for("Enter で閉じます");
        for r in reasons {
            assert_dialog_says(t, r);
        }
        assert_dialog_says(t, "画面の結果はそのまま残っています。");
        assert_dialog_says(t, "F2 でもう一度保存してください。");
        assert!(!t.screen().contains("起動し直"), "{}", t.dump());
    };
    dialog(t);
    t.send(key::ENTER);
    t.wait_gone("Enter で閉じます");
    t.wait_for("判定: 別の接続方式です");
    // The message line keeps the position and says what happened (the reasons were in the
    // dialog).
    t.wait_for("行目 / 全");
    t.wait_for("保存できませんでした");
    // Esc alone, and its effect waited for: an Esc followed at once by more bytes would be read
    // as the start of an escape sequence.
    t.send(key::ESC);
    t.wait_for("入力内容の確認");
    t.wait_for("IPsec+IKE接続サービス");
    t.send(key::ENTER);
    t.wait_for("判定: 別の接続方式です");
    t.wait_gone("保存できませんでした");
    t.send(key::F2);
    dialog(t);
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    // Left with the result on screen and nothing saved: the summary says so.
    t.assert_normal_mode();
    let summary = t.screen();
    assert!(summary.contains("判定: 別の接続方式です"), "{summary}");
    assert!(summary.contains("結果は保存していません。"), "{summary}");
}

/// After a save that went to the home folder: the dialog says why not in `refused` and that
/// the files are in the home folder; they are there, readable only by the user.
fn assert_saved_in_home(t: &mut Tui, refused: &str, home: &Path) {
    t.wait_for("保存しました");
    t.wait_for("Enter で閉じます");
    assert_dialog_says(t, refused);
    assert_dialog_says(t, "代わりにホームフォルダーに、次のファイルを保存しました:");
    assert_dialog_says(t, &home.display().to_string());
    t.send(key::ENTER);
    t.wait_gone("Enter で閉じます");
    // The message line keeps naming the place after the dialog is closed.
    t.wait_for("ホームフォルダーに保存済み");
    let mut exts: Vec<String> = std::fs::read_dir(home)
        .expect("read the home folder")
        .flatten()
        .map(|e| {
            use std::os::unix::fs::PermissionsExt;
            let mode = e.metadata().expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{:?}", e.file_name());
            let name = e.file_name().to_string_lossy().into_owned();
            assert!(name.starts_with("oqs-line-check-"), "{name}");
            name.rsplit_once('.')
                .map(|(_, x)| x.to_string())
                .unwrap_or_default()
        })
        .collect();
    exts.sort();
    assert_eq!(exts, ["html", "json", "toml"]);
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit().exit_code(), 0);
    // The summary names the folder the files went to.
    t.assert_normal_mode();
    let summary = t.screen();
    assert!(
        summary.contains("保存したファイル (ホームフォルダー):"),
        "{summary}"
    );
}

#[test]
fn the_folder_removed_while_the_wizard_runs_goes_to_the_home_folder() {
    let home = tempfile::tempdir().expect("a home folder");
    let mut t = Tui::start_with(&[], None, &[("HOME", home.path())]);
    walk_to_result(&mut t);
    let dir = t.dir().to_path_buf();
    std::fs::remove_dir_all(&dir).expect("remove the wizard's folder");
    t.send(key::F2);
    assert_saved_in_home(
        &mut t,
        &format!(
            "起動したフォルダー ({}) に保存できません: フォルダーがありません。",
            dir.display()
        ),
        home.path(),
    );
    assert!(!dir.exists(), "nothing recreated the folder");
}

#[test]
fn the_folder_removed_and_no_home_folder() {
    let elsewhere = tempfile::tempdir().expect("a temporary directory");
    let no_home = elsewhere.path().join("いない");
    let mut t = Tui::start_with(&[], None, &[("HOME", &no_home)]);
    walk_to_result(&mut t);
    let dir = t.dir().to_path_buf();
    std::fs::remove_dir_all(&dir).expect("remove the wizard's folder");
    t.send(key::F2);
    assert_failed_save_keeps_everything(
        &mut t,
        &[
            format!(
                "起動したフォルダー ({}) に保存できません: フォルダーがありません。",
                dir.display()
            ),
            format!(
                "ホームフォルダー ({}) に保存できません: フォルダーがありません。",
                no_home.display()
            ),
            "(フォルダーを作り直す)".to_string(),
        ],
    );
    assert!(
        !dir.exists() && !no_home.exists(),
        "nothing created a folder"
    );
}

/// Started in /proc, which exists but takes no files: said as such (not "no folder"), and the
/// files go to the home folder.
#[cfg(target_os = "linux")]
#[test]
fn started_in_proc_says_so_and_saves_in_the_home_folder() {
    let home = tempfile::tempdir().expect("a home folder");
    let mut t = Tui::start_with(&[], Some(Path::new("/proc")), &[("HOME", home.path())]);
    walk_to_result(&mut t);
    t.send(key::F2);
    assert!(
        !t.screen().contains("フォルダーがありません"),
        "{}",
        t.dump()
    );
    assert_saved_in_home(
        &mut t,
        "起動したフォルダー (/proc) に保存できません: ファイルを作れないフォルダーです。",
        home.path(),
    );
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
    // The home folder is read-only too: nothing can take the files.
    let home = tempfile::tempdir().expect("a home folder");
    let mut t = Tui::start_with(&[], None, &[("HOME", home.path())]);
    walk_to_result(&mut t);
    let dir = t.dir().to_path_buf();
    std::fs::write(dir.join("earlier.md"), "前の結果").expect("an earlier result");
    let mode = |d: &Path, m| std::fs::set_permissions(d, std::fs::Permissions::from_mode(m));
    mode(&dir, 0o555).expect("clear the write bits");
    mode(home.path(), 0o555).expect("clear the write bits");
    let immutable = [Immutable::set(&dir), Immutable::set(home.path())];
    let probe = dir.join(".probe");
    let writable_anyway = std::fs::File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    t.send(key::F2);
    if writable_anyway {
        // Root on a file system without the immutable flag (tmpfs): no read-only folder can be
        // made here, so only "nothing overwritten" is shown. On ext4 (this project's machines)
        // the branch below runs.
        eprintln!("branch: the folder could not be made read-only (root without chattr +i)");
        t.wait_for("保存しました");
        t.wait_for("Enter で閉じます");
        t.send(key::ENTER);
        t.wait_gone("Enter で閉じます");
        t.send(key::CTRL_C);
        t.wait_for("終了の確認");
        t.send(key::CTRL_C);
        assert_eq!(t.wait_exit().exit_code(), 0);
        t.assert_terminal_restored();
        drop(immutable);
        mode(&dir, 0o755).expect("restore the write bits");
        mode(home.path(), 0o755).expect("restore the write bits");
        let after = entries(&dir);
        assert!(
            after.contains(&("earlier.md".to_string(), "前の結果".to_string())),
            "{after:?}"
        );
        let mut exts: Vec<&str> = after
            .iter()
            .filter(|(n, _)| n.starts_with("oqs-line-check-"))
            .filter_map(|(n, _)| n.rsplit_once('.').map(|(_, x)| x))
            .collect();
        exts.sort_unstable();
        assert_eq!(exts, ["json", "md", "toml"], "{after:?}");
        assert_eq!(
            after.len(),
            4,
            "nothing but the three files added: {after:?}"
        );
        assert_eq!(entries(home.path()), [], "the start folder took the files");
        return;
    }
    eprintln!("branch: the folders are read-only");
    // The folders stay read-only through the second try.
    let cause = "書き込む権限がありません。";
    assert_failed_save_keeps_everything(
        &mut t,
        &[
            format!(
                "起動したフォルダー ({}) に保存できません: {cause}",
                dir.display()
            ),
            format!(
                "ホームフォルダー ({}) に保存できません: {cause}",
                home.path().display()
            ),
            "(フォルダーに書き込めるようにする)".to_string(),
        ],
    );
    let after = entries(&dir);
    let home_after = entries(home.path());
    drop(immutable);
    mode(&dir, 0o755).expect("restore the write bits");
    mode(home.path(), 0o755).expect("restore the write bits");
    assert_eq!(
        after,
        [("earlier.md".to_string(), "前の結果".to_string())],
        "nothing written, nothing overwritten"
    );
    assert_eq!(home_after, [], "nothing written in the home folder");
}
