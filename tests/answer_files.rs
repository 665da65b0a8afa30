//! Answer files: `--answers FILE` for `check` and the wizard. Each error path with its
//! line and column, the order in which flags and the file combine, the JSON errors, and the
//! round trip: what the wizard's save writes, read back with `check --answers`, gives the same
//! decision.

use oqs_line_check::rules::embedded;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use oqs_line_check::rules::answer_file::AnswerFile;
use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::{RuleSet, decide};
use oqs_line_check::wizard::save_content;
use oqs_line_check::wizard::{Edit, Model, Msg, Step, update};
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");
const ID: &str = "CAF0123456789";

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

/// A directory with `a.toml` holding `text`.
fn file(text: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("a.toml"), text).expect("write");
    dir
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run oqs-line-check")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8")
}

/// `check --answers a.toml ARGS --format json` in `dir`: exit 0 and the object.
fn check_json(dir: &Path, args: &[&str]) -> Value {
    let mut all = vec!["check", "--answers", "a.toml", "--format", "json"];
    all.extend_from_slice(args);
    let o = run_in(dir, &all);
    assert_eq!(o.status.code(), Some(0), "{all:?}: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("JSON")
}

/// `check --answers a.toml` with `text` in the file: exit 2, nothing on stdout, and stderr.
fn check_error(text: &str) -> String {
    let dir = file(text);
    let o = run_in(dir.path(), &["check", "--answers", "a.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.starts_with("エラー: "), "{err}");
    err
}

const EAST: &str = "line = \"next-family\"\nprefecture = \"東京都\"\ncollab = \"no\"\napplied = \"2010-04-01\"\nv6 = \"unknown\"\ncustomer-id = \"CAF0123456789\"\nmultiple-lines = \"no\"\n";

#[test]
fn a_full_answer_file_decides_like_the_flags() {
    let dir = file(EAST);
    let from_file = check_json(dir.path(), &[]);
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--line",
            "next-family",
            "--prefecture",
            "東京都",
            "--collab",
            "no",
            "--applied",
            "2010-04-01",
            "--v6",
            "unknown",
            "--customer-id",
            ID,
            "--multiple-lines",
            "no",
            "--format",
            "json",
        ],
    );
    let from_flags: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(from_file, from_flags);
    assert_eq!(from_file["verdict"], "action_required");
    // The text form works too.
    let o = run_in(dir.path(), &["check", "--answers", "a.toml"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("== 判定: 申請の前に手続きが必要です =="));
}

#[test]
fn flags_win_over_the_file() {
    let dir = file(EAST);
    // The date from the file says "before the cut-off"; the flag's says after it.
    let v = check_json(dir.path(), &["--applied", "2013-01-01"]);
    assert_eq!(v["applied"], "2013-01-01");
    assert_eq!(v["v6_option"], "default_on");
    assert_eq!(v["verdict"], "ready");
    // A flag for a field the file leaves out adds to it.
    let dir = file("line = \"cross\"\n");
    let v = check_json(dir.path(), &["--prefecture", "27", "--customer-id", ID]);
    assert_eq!(v["area"], "west");
    assert_eq!(v["verdict"], "ready");
    // A bad value in the file is no error when a flag replaces it.
    let dir = file("line = \"next-family\"\nprefecture = \"13\"\napplied = \"2021-02-30\"\n");
    let v = check_json(dir.path(), &["--applied", "unknown"]);
    assert_eq!(v["verdict"], "confirm");
}

#[test]
fn toml_values_other_than_strings_are_read_as_their_text() {
    let dir = file(
        "line = \"next-family\"\nprefecture = 13\napplied = 2010-04-01\ncollab = false\nmultiple-lines = true\ncustomer-id = \"unknown\"\n",
    );
    let v = check_json(dir.path(), &[]);
    assert_eq!(v["prefecture"]["code"], 13);
    assert_eq!(v["applied"], "2010-04-01");
    assert_eq!(v["collab"], "no");
    assert_eq!(v["multiple_lines"], "yes");
    assert_eq!(v["customer_id"], Value::Null);
}

#[test]
fn each_bad_value_is_shown_at_its_line_and_column_naming_the_field() {
    let cases = [
        (
            "line = \"fiber\"\n",
            "a.toml:1:8: 回線の種類 (line): 「fiber」という回線の種類はありません",
        ),
        (
            "line = \"cross\"\n\ncollab = \"maybe\"\n",
            "a.toml:3:10: コラボ光 (collab): 「maybe」は使えません",
        ),
        (
            "line = \"cross\"\nprefecture = \"とうきょ\"\n",
            "a.toml:2:14: 都道府県 (prefecture): 「とうきょ」に当たる都道府県が見つかりません",
        ),
        (
            "line = \"next\"\nprefecture = \"13\"\n  applied   =   \"2021-02-30\"\n",
            "a.toml:3:17: 申込日 (applied):",
        ),
        (
            "line = \"next\"\nprefecture = \"13\"\nv6 = \"yes\"\n",
            "a.toml:3:6: フレッツ・v6オプション (v6): 「yes」は使えません",
        ),
        (
            "line = \"cross\"\nprefecture = \"27\"\ncustomer-id = \"COP01234567\"\n",
            "a.toml:3:15: お客さまID (customer-id):",
        ),
        (
            "line = \"cross\"\nprefecture = \"27\"\nmultiple-lines = \"2\"\n",
            "a.toml:3:18: 複数の回線 (multiple-lines): 「2」は使えません",
        ),
        // Between answers: the type is not offered in the area: shown at the line key.
        (
            "prefecture = \"大阪\"\nline = \"next-giga-family-smart\"\n",
            "a.toml:2:8: 回線の種類 (line):",
        ),
    ];
    for (text, want) in cases {
        let err = check_error(text);
        assert!(err.contains(want), "{text:?}: want {want:?} in\n{err}");
        assert!(
            err.starts_with("エラー: 回答ファイルの値に誤りがあります。\n"),
            "{err}"
        );
    }
}

#[test]
fn several_bad_values_are_all_shown_each_at_its_line() {
    let err = check_error("line = \"cross\"\nprefecture = \"27\"\ncollab = \"x\"\nv6 = \"y\"\n");
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("a.toml:3:10: コラボ光")),
        "{err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("a.toml:4:6: フレッツ・v6オプション")),
        "{err}"
    );
}

#[test]
fn a_missing_answer_is_not_the_files_and_has_no_line() {
    // 光ネクスト without a prefecture: `check` needs it; no key to point at.
    let err = check_error("line = \"next\"\n");
    assert!(
        err.contains(
            "エラー: 都道府県の指定 (--prefecture、または回答ファイルの prefecture) がありません。"
        ),
        "{err}"
    );
    assert!(!err.contains("a.toml:"), "{err}");
}

#[test]
fn every_mistake_of_a_file_is_listed() {
    let err = check_error("line = \"next\"\ncolab = \"yes\"\nv6 = 3.5\ncustomer_id = \"x\"\n");
    for place in ["a.toml:2:1: ", "a.toml:3:6: ", "a.toml:4:1: "] {
        assert!(err.contains(place), "{place}: {err}");
    }
    let dir = file("line = \"a\nprefecture = x\n");
    let o = run_in(
        dir.path(),
        &["check", "--answers", "a.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let lines: Vec<u64> = json["errors"]
        .as_array()
        .map(|a| a.iter().filter_map(|e| e["line"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(lines, [1, 2], "{json}");
}

#[test]
fn toml_mistakes_unknown_keys_and_wrong_types_have_a_place() {
    let cases = [
        (
            "line = \"cross\"\nv6 = contracted\n",
            "a.toml:2:6: 回答ファイルの書き方に誤りがあります:",
        ),
        ("line = \"cross\"\nprefecture = \"大阪\n", "a.toml:2:"),
        (
            "line = \"cross\"\nline = \"next\"\n",
            "同じ項目が二度書かれています",
        ),
        (
            "line = \"cross\"\ncustomer_id = \"CAF0123456789\"\n",
            "a.toml:2:1: 「customer_id」という項目はありません。「customer-id」と書いてください",
        ),
        (
            "line = \"cross\"\n[clinic]\nname = \"x\"\n",
            "a.toml:2:2: 「clinic」という項目はありません。使える項目: line, collab, prefecture, applied, opened, v6, customer-id, multiple-lines",
        ),
        (
            "line = \"cross\"\nprefecture = [\"大阪\"]\n",
            "a.toml:2:14: 都道府県 (prefecture) の値が配列 ([ ])になっています",
        ),
        (
            "line = 1.5\n",
            "a.toml:1:8: 回線の種類 (line) の値が小数になっています",
        ),
    ];
    for (text, want) in cases {
        let err = check_error(text);
        assert!(err.contains(want), "{text:?}: want {want:?} in\n{err}");
        assert!(
            err.starts_with("エラー: 回答ファイルに誤りがあります。\n"),
            "{err}"
        );
    }
}

#[test]
fn a_file_that_cannot_be_read_is_named() {
    let dir = tempfile::tempdir().expect("dir");
    let o = run_in(dir.path(), &["check", "--answers", "none.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("none.toml: 回答ファイルを読めません (ファイルがありません)"),
        "{}",
        stderr(&o)
    );
    let o = run_in(dir.path(), &["check", "--answers", "."]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("フォルダーです"), "{}", stderr(&o));
    // Shift_JIS from an old editor.
    std::fs::write(
        dir.path().join("sjis.toml"),
        encoding_rs::SHIFT_JIS
            .encode("line = \"cross\"\nprefecture = \"大阪\"\n")
            .0,
    )
    .expect("write");
    let o = run_in(dir.path(), &["check", "--answers", "sjis.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("UTF-8 のテキストではありません"),
        "{}",
        stderr(&o)
    );
    // Not an answer file at all.
    std::fs::write(dir.path().join("big.toml"), "#".repeat(200_000)).expect("write");
    let o = run_in(dir.path(), &["check", "--answers", "big.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("大きすぎます"), "{}", stderr(&o));
}

#[test]
fn a_bom_and_comments_are_fine() {
    let dir = file(&format!("\u{feff}# 東京の医院\n{EAST}"));
    assert_eq!(check_json(dir.path(), &[])["verdict"], "action_required");
}

#[test]
fn json_errors_carry_the_file_line_and_column() {
    let dir = file("line = \"cross\"\nprefecture = \"27\"\ncollab = \"x\"\n");
    let o = run_in(
        dir.path(),
        &["check", "--answers", "a.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let e = &v["errors"][0];
    assert_eq!(e["field"], "collab");
    assert_eq!(e["code"], "invalid");
    assert_eq!(e["file"], "a.toml");
    assert_eq!(e["line"], 3);
    assert_eq!(e["column"], 10);
    assert!(
        e["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("コラボ光: "))
    );
    // A syntax error: the file is the field.
    let dir = file("line = \n");
    let o = run_in(
        dir.path(),
        &["check", "--answers", "a.toml", "--format", "json"],
    );
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["errors"][0]["field"], "answers_file");
    assert_eq!(v["errors"][0]["code"], "syntax");
    assert_eq!(v["errors"][0]["line"], 1);
    // Flag errors keep their old form, without a place.
    let o = run_in(
        dir.path(),
        &[
            "check", "--line", "cross", "--collab", "x", "--format", "json",
        ],
    );
    let v: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["errors"][0]["field"], "collab");
    assert!(v["errors"][0].get("line").is_none(), "{v}");
}

#[test]
fn the_wizard_stops_on_a_bad_file_value_but_not_on_a_missing_one() {
    // A bad value: exit 2 before any question (stdin is not a terminal: plain mode).
    let dir = file("line = \"cross\"\ncustomer-id = \"CAF12\"\n");
    let o = run_in(dir.path(), &["--answers", "a.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o).contains("a.toml:2:15: お客さまID (customer-id):"),
        "{}",
        stderr(&o)
    );
    // Only missing answers: the wizard asks them (here it starts at the prefecture).
    let dir = file("line = \"cross\"\ncollab = \"no\"\n");
    let o = run_in(dir.path(), &["--answers", "a.toml"]);
    assert_eq!(o.status.code(), Some(1), "input ends before the result");
    let out = stdout(&o);
    assert!(out.contains("[3問目 都道府県"), "{out}");
    assert!(!out.contains("[1/"), "{out}");
    // A bad flag stays the wizard's to mend (as without a file); the file's values are fine.
    let o = run_in(dir.path(), &["--answers", "a.toml", "--prefecture", "zzz"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("入力されている内容: zzz"),
        "{}",
        stdout(&o)
    );
}

// ---------------------------------------------------------------------------------------------
// The round trip: the wizard's saved answer file, read by `check --answers`.
// ---------------------------------------------------------------------------------------------

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

fn pick(m: &mut Model<'_>, id: &str) {
    let at = m
        .choices()
        .iter()
        .position(|c| c.id == id)
        .unwrap_or_else(|| panic!("no {id} on {:?}", m.step));
    update(m, Msg::Home);
    for _ in 0..at {
        update(m, Msg::Down);
    }
    update(m, Msg::Submit);
}

fn enter(m: &mut Model<'_>, text: &str) {
    if text == "unknown" {
        update(m, Msg::NextFocus);
    } else {
        update(m, Msg::Edit(Edit::Clear));
        update(m, Msg::Paste(text.to_string()));
    }
    update(m, Msg::Submit);
}

/// Walks the wizard through `answers` ((step, value) in order) to the result.
fn walk(answers: &[(Step, &str)]) -> Model<'static> {
    let mut m = Model::new(rules(), today());
    for &(step, value) in answers {
        assert_eq!(m.step, step, "{answers:?}");
        match step {
            Step::Prefecture | Step::Applied | Step::CustomerId | Step::CustomerIdConfirm => {
                enter(&mut m, value)
            }
            _ => pick(&mut m, value),
        }
    }
    assert_eq!(m.step, Step::Review);
    update(&mut m, Msg::End);
    update(&mut m, Msg::Submit);
    assert_eq!(m.step, Step::Result);
    m
}

#[test]
fn the_wizards_saved_answers_give_the_same_decision_with_check() {
    use Step::*;
    let walks: Vec<Vec<(Step, &str)>> = vec![
        vec![
            (Line, "next"),
            (Collab, "no"),
            (Prefecture, "東京"),
            (NextType, "next-family"),
            (Applied, "平成22年4月1日"),
            (V6, "unknown"),
            (CustomerId, "ｃａｆ-0123-456-789"),
            (CustomerIdConfirm, ID),
            (MultipleLines, "no"),
        ],
        vec![
            (Line, "cross"),
            (Collab, "yes"),
            (Prefecture, "osaka"),
            (CustomerId, ID),
            (CustomerIdConfirm, ID),
            (MultipleLines, "unknown"),
        ],
        vec![(Line, "commufa"), (Prefecture, "東京")],
        vec![(Line, "ipsec")],
        vec![(Line, "unknown"), (Collab, "unknown"), (Prefecture, "47")],
        vec![
            (Line, "next"),
            (Collab, "unknown"),
            (Prefecture, "13"),
            (NextType, "next"),
            (Applied, "unknown"),
            (V6, "not-contracted"),
            (CustomerId, "unknown"),
            (MultipleLines, "yes"),
        ],
        vec![
            (Line, "next"),
            (Collab, "no"),
            (Prefecture, "北海道"),
            (NextType, "next-mansion"),
            (Applied, "2013-01-01"),
            (CustomerId, "COP01234567"),
            (CustomerIdConfirm, "COP01234567"),
            (MultipleLines, "no"),
        ],
    ];
    for w in walks {
        let m = walk(&w);
        let decision = m.decision.clone().expect("a decision");
        let answers = m.draft.answers(rules());
        let files = save_content::files(rules(), &answers, &decision, today());
        let toml = &files
            .iter()
            .find(|(ext, _)| *ext == "toml")
            .expect("toml")
            .1;
        let json = &files
            .iter()
            .find(|(ext, _)| *ext == "json")
            .expect("json")
            .1;

        // In the library: the file parses and decides the same.
        let file = AnswerFile::parse("saved.toml", toml).expect("the saved file parses");
        let again = parse_answers(rules(), &file.answers, today()).expect("its answers parse");
        let mut want = decision.clone();
        let mut got = decide(rules(), &again);
        // The saved ID is the normalised one: what was typed, its notices and the note about
        // them stay behind.
        for d in [&mut want, &mut got] {
            if let Some(id) = d.customer_id.as_mut() {
                id.input.clear();
                id.notices.clear();
            }
            d.portal.customer_id_note = None;
        }
        assert_eq!(got, want, "{w:?}\n{toml}");

        // With the binary: `check --answers` prints the saved JSON's decision.
        let dir = file_with("saved.toml", toml);
        let o = run_in(
            dir.path(),
            &["check", "--answers", "saved.toml", "--format", "json"],
        );
        assert_eq!(o.status.code(), Some(0), "{w:?}: {}", stderr(&o));
        let mut from_check: Value = serde_json::from_slice(&o.stdout).expect("JSON");
        let mut saved: Value = serde_json::from_str(json).expect("saved JSON");
        for v in [&mut from_check, &mut saved] {
            if v["customer_id"].is_object() {
                v["customer_id"]["input"] = Value::Null;
                v["customer_id"]["notices"] = Value::Null;
            }
            v["portal"]["customer_id_note"] = Value::Null;
        }
        assert_eq!(from_check, saved, "{w:?}\n{toml}");
    }
}

fn file_with(name: &str, text: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join(name), text).expect("write");
    dir
}

#[test]
fn a_mistyped_choice_flag_stops_the_wizard_with_a_message() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_oqs-line-check"))
        .args(["--line", "nxt", "--collab", "maybe"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("回線の種類") && err.contains("nxt"), "{err}");
    assert!(err.contains("コラボ光") && err.contains("maybe"), "{err}");
    assert!(out.stdout.is_empty(), "the wizard did not start");
}
