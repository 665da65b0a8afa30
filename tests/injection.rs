//! Control characters and escape sequences from any source never reach the terminal or a saved
//! file raw: a flag's value (`--customer-id $'\e[2J'`), a rules file's text, a rules
//! file's name, keys typed and text pasted into the wizard. What `check` and `list` print on
//! stdout and stderr, what the wizard sends to its terminal, and what it saves are checked byte
//! by byte. (The screens' cells are checked for every random input by src/screens/fuzz.rs.)

mod common;

use oqs_line_check::rules::embedded;
use std::path::Path;
use std::process::{Command, Output};

use common::{Tui, key};
use oqs_line_check::rules::text::is_invisible;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

/// Hostile values: clear the screen, set the window title (OSC), an 8-bit CSI, a device control
/// string, a backspace and carriage return that would overwrite what is shown, a bell, DEL, a
/// right-to-left override and a zero-width joiner inside a word.
const PAYLOADS: [&str; 9] = [
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}]2;PWNED\u{7}",
    "\u{9b}31mPWNED",
    "\u{1b}P1$rPWNED\u{1b}\\",
    "CAF0123\u{8}\u{8}\rPWNED",
    "東京\u{7}\u{7f}",
    "\u{202e}CAF0123456789",
    "東\u{200d}京",
    "\u{1b}[31m東京\u{1b}[0m",
];

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run oqs-line-check")
}

/// The text has no control character but the newline, and no invisible formatting character.
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    if let Some(c) = text
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_invisible(c))
    {
        panic!("{what} holds {c:?} raw:\n{text}");
    }
}

fn assert_output_clean(args: &[&str], out: &Output) {
    assert_clean(&format!("stdout of {args:?}"), &out.stdout);
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
}

const GOOD: [(&str, &str); 7] = [
    ("--line", "next-family"),
    ("--prefecture", "13"),
    ("--collab", "no"),
    ("--applied", "2010-04-01"),
    ("--v6", "not-contracted"),
    ("--customer-id", "CAF0123456789"),
    ("--multiple-lines", "no"),
];

/// Runs `check` (text and JSON) with `answer(flag, good value)` as each answer's value; every
/// run must be refused (exit 2) with clean stdout and stderr.
fn check_refused(answer: impl Fn(&str, &str) -> String) {
    for format in ["text", "json"] {
        let values: Vec<(&str, String)> = GOOD.iter().map(|(f, g)| (*f, answer(f, g))).collect();
        let mut args = vec!["check", "--format", format];
        for (flag, value) in &values {
            args.extend([*flag, value.as_str()]);
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_output_clean(&args, &out);
        if format == "json" {
            let v: serde_json::Value =
                serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{args:?}: {e}"));
            assert!(v["errors"].as_array().is_some_and(|e| !e.is_empty()));
        }
    }
}

#[test]
fn hostile_answer_flags_are_echoed_as_visible_escapes() {
    // Each payload in every answer at once (every bad answer is reported) …
    for payload in PAYLOADS {
        check_refused(|_, _| payload.to_string());
    }
    // … and all of them in one answer at a time, the others good.
    let all = PAYLOADS.concat();
    for (hostile, _) in GOOD {
        check_refused(|flag, good| {
            if flag == hostile {
                format!("{good}{all}")
            } else {
                good.to_string()
            }
        });
    }
}

#[test]
fn hostile_flags_subcommands_and_choices_clap_refuses() {
    for payload in PAYLOADS {
        let unknown_flag = format!("--{payload}");
        let cases: Vec<Vec<&str>> = vec![
            vec!["check", &unknown_flag],
            vec![payload],
            vec!["list", payload],
            vec!["check", "--format", payload],
            vec!["list", "lines", "--format", payload],
            vec!["check", "--format", "json", &unknown_flag],
        ];
        for args in cases {
            let out = run(&args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
            assert_output_clean(&args, &out);
        }
    }
}

#[test]
fn a_hostile_rules_file_name_is_shown_as_text() {
    let dir = TempDir::new().expect("a temporary directory");
    for payload in PAYLOADS {
        let missing = dir.path().join(format!("rules{payload}.toml"));
        let missing = missing.to_string_lossy();
        let args = ["--rules", &*missing, "list", "lines"];
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_output_clean(&args, &out);
    }
}

/// The embedded rules with `old` replaced by `new` (which must occur once).
fn edited(old: &str, new: &str) -> String {
    assert_eq!(embedded::TOML.matches(old).count(), 1, "{old:?}");
    embedded::TOML.replacen(old, new, 1)
}

fn run_with_rules(dir: &TempDir, text: &str, args: &[&str]) -> Output {
    let path = dir.path().join("rules.toml");
    std::fs::write(&path, text).expect("write the rules file");
    let mut all = vec!["--rules", path.to_str().expect("a UTF-8 temporary path")];
    all.extend_from_slice(args);
    run(&all)
}

#[test]
fn a_rules_file_with_control_or_invisible_characters_is_refused_and_echoed_as_text() {
    let dir = TempDir::new().expect("a temporary directory");
    // A shown text that occurs once in the rules (the edit keeps every other key in place).
    let hint = "hint = \"法人・事業所向け\"";
    let texts = [
        // Escapes TOML turns into control characters.
        edited(
            hint,
            "hint = \"NTTの光回線\\u001b[2J\\u001b]2;PWNED\\u0007\"",
        ),
        edited(hint, "hint = \"NTTの光回線\\u009b31m\""),
        edited(hint, "hint = \"NTTの光回線\\b\\b\\rPWNED\""),
        // Raw control bytes in the file (TOML itself refuses them).
        edited(hint, "hint = \"NTTの光回線\u{1b}[2J\""),
        edited(hint, "hint = \"NTTの光回線\u{7f}\""),
        // Invisible formatting characters, escaped and raw.
        edited(hint, "hint = \"\\u202eNTTの光回線\""),
        edited(hint, "hint = \"NTT\u{200d}の光回線\""),
        edited(hint, "hint = \"NTTの\u{2066}光回線\u{2069}\""),
        // A key that is not allowed, spelled with an escape.
        edited(hint, &format!("{hint}\n\"\\u001b[2J\" = 1")),
    ];
    for text in &texts {
        for args in [
            &["list", "lines"][..],
            &["check", "--line", "next-family", "--prefecture", "13"][..],
            &[
                "check",
                "--line",
                "cross",
                "--prefecture",
                "13",
                "--format",
                "json",
            ][..],
        ] {
            let out = run_with_rules(&dir, text, args);
            assert_eq!(
                out.status.code(),
                Some(2),
                "{args:?} accepted a rules file with a hostile text: {}",
                String::from_utf8_lossy(&out.stdout)
            );
            assert_output_clean(args, &out);
        }
    }
}

// -------------------------------------------------------------------------------------------
// The wizard in a pseudo-terminal
// -------------------------------------------------------------------------------------------

/// Sequences the wizard never sends itself: any operating system command (window title …), a
/// device control string, an 8-bit CSI, and the payloads' own words.
fn assert_no_injected_bytes(t: &Tui) {
    let raw = t.raw_output();
    for (what, needle) in [
        ("an OSC sequence", &b"\x1b]"[..]),
        ("a DCS sequence", b"\x1bP"),
        ("an 8-bit CSI", "\u{9b}".as_bytes()),
        ("a right-to-left override", "\u{202e}".as_bytes()),
        ("a zero-width joiner", "\u{200d}".as_bytes()),
        ("a bell", b"\x07"),
        ("a backspace", b"\x08"),
    ] {
        assert!(
            !raw.windows(needle.len()).any(|w| w == needle),
            "the wizard sent {what} to the terminal:\n{}",
            t.dump()
        );
    }
}

fn saved_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("read the wizard's folder")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).expect("read a saved file");
            (name, text)
        })
        .collect();
    files.sort();
    files
}

#[test]
fn hostile_flags_typing_and_pasting_reach_neither_the_terminal_nor_the_saved_files() {
    let id = "CAF\u{1b}]2;PWNED\u{7}01234\u{202e}56789\u{1b}P1$r\u{1b}\\";
    let mut t = Tui::start(&[
        "--line",
        "cross",
        "--collab",
        "no",
        "--prefecture",
        "\u{1b}[2J東京\u{200d}",
        "--customer-id",
        id,
        "--multiple-lines",
        "no",
    ]);
    // The prefecture's text is kept for the user to fix, its control characters dropped.
    t.wait_for("3問目 都道府県");
    t.wait_for("[2J東京");
    // Type over it: an Esc-led sequence as keys, a bell, a backspace, then the right answer.
    t.send("\u{7}");
    t.send(key::CTRL_U);
    t.send("13");
    t.wait_for("選択中: 東京都 (13 NTT東日本)");
    t.send(key::ENTER);
    // The ID flag's text, without its control characters, waits on the ID question.
    t.wait_for("4問目 お客さまID");
    t.wait_for("]2;PWNED");
    // A bracketed paste holding escape sequences and a newline: inserted as text, not run.
    t.send(key::CTRL_U);
    t.send("\u{1b}[200~CAF\u{1b}]2;PWNED\u{7}\u{1b}[2J0123456789\r\n\u{1b}[201~");
    t.wait_for("お客さまID: CAF]2;PWNED[2J0123456789");
    t.wait_for("4問目 お客さまID");
    t.send(key::CTRL_U);
    t.send("CAF0123456789");
    t.wait_for("形式は正しいです。");
    t.send(key::ENTER);
    t.wait_for("お客さまID (2回目): ");
    t.send("CAF0123456789");
    t.wait_for("お客さまID (2回目): CAF0123456789");
    t.send(key::ENTER);
    // A new ID asks again whether the clinic has more than one line.
    t.wait_for("6問目 複数の回線");
    t.send("2");
    t.wait_for("入力内容の確認");
    t.wait_for("> [ この内容で結果を見る ]");
    t.send(key::ENTER);
    t.wait_for("F2 保存");
    t.send(key::F2);
    t.wait_for("保存しました");

    let files = saved_files(t.dir());
    let exts: Vec<&str> = files
        .iter()
        .filter_map(|(n, _)| n.rsplit_once('.').map(|(_, e)| e))
        .collect();
    assert_eq!(exts, ["html", "json", "toml"], "{files:?}");
    for (name, text) in &files {
        assert_clean(name, text.as_bytes());
        assert!(!text.contains("PWNED"), "{name}:\n{text}");
    }

    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status}");
    // The summary left on the normal screen is text too.
    t.assert_normal_mode();
    assert!(t.screen().contains("判定: 申請できます"), "{}", t.screen());
    assert_no_injected_bytes(&t);
}
