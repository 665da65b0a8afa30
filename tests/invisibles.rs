//! Invisible characters (tag characters, Hangul fillers, the combining grapheme joiner,
//! variation selectors, zero-width and direction controls) from every source: dropped from
//! answers given as flags, in an answer file or typed, and refused in a rules file. What is
//! shown and saved never holds one.

mod common;

use std::process::{Command, Output};

use common::{Tui, key};
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::text::is_invisible;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

/// Tag characters spelling "AB" (hidden text), the Hangul fillers, U+034F, a variation selector
/// of each plane, a zero-width space and a right-to-left override.
const HIDDEN: [char; 11] = [
    '\u{E0041}',
    '\u{E0042}',
    '\u{3164}',
    '\u{115F}',
    '\u{1160}',
    '\u{FFA0}',
    '\u{034F}',
    '\u{FE0F}',
    '\u{E0100}',
    '\u{200B}',
    '\u{202E}',
];

/// `clean` with every hidden character put after its first character.
fn hide(clean: &str) -> String {
    let mut chars = clean.chars();
    let first = chars.next().map(String::from).unwrap_or_default();
    format!(
        "{first}{}{}",
        HIDDEN.iter().collect::<String>(),
        chars.as_str()
    )
}

const ANSWERS: [(&str, &str); 7] = [
    ("line", "cross"),
    ("prefecture", "東京"),
    ("collab", "no"),
    ("applied", "2010-04-01"),
    ("v6", "not-contracted"),
    ("customer-id", "CAF0123456789"),
    ("multiple-lines", "no"),
];

fn check(extra: &[String]) -> Output {
    Command::new(BIN)
        .arg("check")
        .args(extra)
        .args(["--format", "json"])
        .env_remove("NO_COLOR")
        .output()
        .expect("run oqs-line-check")
}

fn assert_no_invisible(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_invisible(c)) {
        panic!("{what} holds U+{:04X}:\n{text}", c as u32);
    }
}

fn clean_decision() -> String {
    let args: Vec<String> = ANSWERS
        .iter()
        .flat_map(|(k, v)| [format!("--{k}"), (*v).to_string()])
        .collect();
    let out = check(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn flags_with_hidden_characters_decide_as_the_clean_flags() {
    let args: Vec<String> = ANSWERS
        .iter()
        .flat_map(|(k, v)| [format!("--{k}"), hide(v)])
        .collect();
    let out = check(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_invisible("stdout", &stdout);
    assert_eq!(stdout, clean_decision());
}

#[test]
fn an_answer_file_with_hidden_characters_decides_as_the_clean_one() {
    let dir = TempDir::new().expect("dir");
    let text: String = ANSWERS
        .iter()
        .map(|(k, v)| format!("{k} = \"{}\"\n", hide(v)))
        .collect();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, text).expect("write");
    let out = check(&["--answers".to_string(), path.display().to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_invisible("stdout", &stdout);
    assert_eq!(stdout, clean_decision());
}

#[test]
fn a_wrong_answer_with_hidden_characters_is_echoed_without_them() {
    let out = check(&[
        "--prefecture".to_string(),
        hide("東京府"),
        "--line".to_string(),
        "cross".to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_no_invisible("stdout", &stdout);
    assert_no_invisible("stderr", &stderr);
    assert!(
        !stdout.contains("\\u{e0041}"),
        "stripped, not escaped: {stdout}"
    );
}

#[test]
fn a_rules_file_with_hidden_characters_or_disguised_addresses_is_refused() {
    let hint = "hint = \"法人・事業所向け\"";
    assert_eq!(embedded::TOML.matches(hint).count(), 1);
    let dir = TempDir::new().expect("dir");
    let path = dir.path().join("rules.toml");
    let mut cases: Vec<(String, &str)> = HIDDEN
        .iter()
        .map(|c| {
            (
                format!("hint = \"法人{c}・事業所向け\""),
                "見えない書式文字",
            )
        })
        .collect();
    cases.extend([
        (
            "hint = \"ｆｌｅｅｔｓ.com を参照\"".to_string(),
            "「fleets」は誤記です",
        ),
        (
            "hint = \"HTTP://flets.com/ を参照\"".to_string(),
            "http:// のアドレスは使えません",
        ),
        (
            "hint = \"https://fl\u{0435}ts.com/ を参照\"".to_string(),
            "半角英数字でない文字 (U+0435)",
        ),
    ]);
    for (new, why) in cases {
        std::fs::write(&path, embedded::TOML.replacen(hint, &new, 1)).expect("write");
        let out = Command::new(BIN)
            .arg("--rules")
            .arg(&path)
            .args(["list", "lines"])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{new}: {stderr}");
        assert!(stderr.contains(why), "{new}: {stderr}");
        assert!(stderr.contains("rules.toml:"), "{new}: {stderr}");
        assert_no_invisible("stderr", &stderr);
    }
}

#[test]
fn hidden_characters_typed_in_the_wizard_never_reach_the_field_or_the_screen() {
    let mut t = Tui::start(&["--line", "cross", "--collab", "no"]);
    t.wait_for("都道府県");
    t.send(key::CTRL_U);
    t.send(&hide("東京"));
    t.wait_for("選択中: 東京都 (13 NTT東日本)");
    let raw = String::from_utf8_lossy(&t.raw_output()).into_owned();
    assert_no_invisible("what the wizard drew", &raw);
    t.send(key::CTRL_C);
    t.wait_for("終了の確認");
    t.send(key::CTRL_C);
    let status = t.wait_exit();
    assert_eq!(status.exit_code(), 0, "{status}");
}
