//! Loading rules: the embedded file, and `--rules FILE` with one mistake at a time. Every bad
//! file must give `FILE:line:column: <Japanese message>` on stderr, exit 2 and print nothing on
//! stdout; the line must be the one with the mistake.

use oqs_line_check::rules::embedded;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use chrono::NaiveDate;
use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::load::{self, LoadError};
use oqs_line_check::rules::{ActionCode, Area, RawAnswers, V6Status, Verdict, decide};
use regex::Regex;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).unwrap()
}

/// The embedded text with the `nth` (0-based) occurrence of `old` replaced by `new`.
fn edit_nth(old: &str, nth: usize, new: &str) -> String {
    let (at, _) = embedded::TOML
        .match_indices(old)
        .nth(nth)
        .unwrap_or_else(|| panic!("occurrence {nth} of {old:?} is not in the embedded rules"));
    format!(
        "{}{}{}",
        &embedded::TOML[..at],
        new,
        &embedded::TOML[at + old.len()..]
    )
}

/// The embedded text with the one occurrence of `old` replaced by `new`.
fn edit(old: &str, new: &str) -> String {
    assert_eq!(
        embedded::TOML.matches(old).count(),
        1,
        "{old:?} must occur exactly once in the embedded rules"
    );
    edit_nth(old, 0, new)
}

/// The 1-based number of the line holding the `nth` occurrence of `needle`.
fn line_of_nth(text: &str, needle: &str, nth: usize) -> usize {
    let (at, _) = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("occurrence {nth} of {needle:?} not found"));
    text[..at].matches('\n').count() + 1
}

fn line_of(text: &str, needle: &str) -> usize {
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} must be unique");
    line_of_nth(text, needle, 0)
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run_with_rules(path: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("--rules")
        .arg(path)
        .args(args)
        .output()
        .unwrap()
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// Checks one broken file both through the library and through the binary, and that the error
/// names `expected_line`. Returns the library's error for further checks.
fn assert_rejected(name: &str, text: &str, expected_line: usize) -> LoadError {
    let err = load::from_toml(name, text).expect_err("the broken rules must not load");
    assert_eq!(err.file, name);
    assert_eq!(
        err.line, expected_line,
        "the error should point at line {expected_line}: {err}"
    );
    assert!(err.column >= 1, "a column is given: {err}");
    assert!(has_japanese(&err.message), "Japanese message: {err}");
    assert_eq!(
        err.to_string(),
        format!("{name}:{}:{}: {}", err.line, err.column, err.message)
    );

    let dir = TempDir::new().unwrap();
    let path = write(&dir, "rules.toml", text);
    for args in [
        &["check", "--line", "next-family", "--prefecture", "東京"][..],
        &[
            "check",
            "--line",
            "next-family",
            "--prefecture",
            "東京",
            "--format",
            "json",
        ][..],
        &["list", "lines"][..],
    ] {
        let out = run_with_rules(&path, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        if args.contains(&"json") {
            // A script that asked for JSON gets the errors object, naming the file and line.
            let v: serde_json::Value = serde_json::from_str(stdout.trim())
                .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {stdout}"));
            assert_eq!(v["errors"][0]["field"], "rules", "{v}");
            let message = v["errors"][0]["message"].as_str().unwrap_or_default();
            assert!(message.contains(&format!(":{expected_line}:")), "{message}");
        } else {
            assert!(
                stdout.is_empty(),
                "nothing on stdout for a bad rules file ({args:?}): {stdout}"
            );
        }
        let stderr = String::from_utf8(out.stderr).unwrap();
        let prefix = format!("{}:{}:{}: ", path.display(), expected_line, err.column);
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&prefix))
            .unwrap_or_else(|| panic!("stderr has no line starting {prefix:?}: {stderr}"));
        assert!(has_japanese(&line[prefix.len()..]), "{line}");
        assert!(line.ends_with(&err.message), "{line}");
    }
    err
}

#[test]
fn the_embedded_rules_load() {
    let rules = embedded::rules().unwrap();
    assert_eq!(rules.prefectures.len(), 47);
    assert_eq!(rules.lines.len(), 19);
    assert_eq!(rules.portal_categories.len(), 3);
    assert_eq!(rules.wrong_applications.len(), 4);
    assert_eq!(rules.reapplication.days, 7);
    assert_eq!(
        rules.source.as_of,
        NaiveDate::from_ymd_opt(2022, 4, 1).unwrap()
    );
    // The embedded text is the file in assets/, byte for byte.
    let on_disk =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rules.toml"))
            .unwrap();
    assert_eq!(on_disk, embedded::TOML);
    // And loading it from disk gives the same rules.
    let from_disk =
        load::from_file(&Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/rules.toml")).unwrap();
    assert_eq!(from_disk.prefectures.len(), 47);
    assert_eq!(from_disk.lines.len(), rules.lines.len());
}

#[test]
fn an_unmodified_copy_is_accepted_by_the_binary() {
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "rules.toml", embedded::TOML);
    let out = run_with_rules(
        &path,
        &[
            "check",
            "--line",
            "next-family",
            "--prefecture",
            "東京",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "confirm");
}

#[test]
fn bad_toml_syntax() {
    let text = edit(
        "[portal]\nname = \"医療機関等向けポータルサイト\"",
        "[portal]\nname = \"医療機関等向けポータルサイト",
    );
    let line = line_of(&text, "name = \"医療機関等向けポータルサイト\n");
    let err = assert_rejected("broken.toml", &text, line);
    assert!(err.message.contains("書き方"), "{err}");
}

#[test]
fn a_missing_prefecture() {
    let okinawa = "\n[[prefectures]]\ncode = 47\nname = \"沖縄県\"\nkana = \"おきなわ\"\nromaji = \"okinawa\"\narea = \"west\"";
    let text = edit(okinawa, "");
    // The error points at the prefectures table (its first entry).
    let line = line_of_nth(&text, "[[prefectures]]", 0);
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("47"), "{err}");
    assert!(err.message.contains("46"), "{err}");
}

#[test]
fn a_duplicated_prefecture_code() {
    let text = edit(
        "code = 47\nname = \"沖縄県\"",
        "code = 46\nname = \"沖縄県\"",
    );
    let line = line_of_nth(&text, "code = 46", 1);
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("46"), "{err}");
    assert!(err.message.contains("重複"), "{err}");
}

#[test]
fn a_prefecture_code_out_of_range() {
    let text = edit(
        "code = 47\nname = \"沖縄県\"",
        "code = 48\nname = \"沖縄県\"",
    );
    let line = line_of(&text, "code = 48");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn another_kanji_spelling_must_tell_its_prefecture_apart() {
    // 「京都」 for 東京都 is 京都府's name: refused at the name_alt line.
    let text = edit(
        "name = \"東京都\"\n",
        "name = \"東京都\"\nname_alt = [\"京都\"]\n",
    );
    let line = line_of(&text, "name_alt = [\"京都\"]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("name_alt「京都」"), "{err}");
    assert!(err.message.contains("code = 26"), "{err}");
    // The same as its own name (with or without 府): refused too.
    let text = edit("name_alt = [\"大坂\"]", "name_alt = [\"大阪府\"]");
    let line = line_of(&text, "name_alt = [\"大阪府\"]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("別の綴りと同じ"), "{err}");
    // An empty one.
    let text = edit("name_alt = [\"大坂\"]", "name_alt = [\"\"]");
    let line = line_of(&text, "name_alt = [\"\"]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("name_alt が空です"), "{err}");
}

#[test]
fn another_kanji_spelling_from_the_file_is_read() {
    let text = edit(
        "name = \"新潟県\"\n",
        "name = \"新潟県\"\nname_alt = [\"新瀉\"]\n",
    );
    let rules = oqs_line_check::rules::load::from_toml("rules.toml", &text).expect("loads");
    let parsed = oqs_line_check::rules::prefecture::parse_prefecture(&rules, "新瀉県");
    assert_eq!(parsed.map(|p| p.code).ok(), Some(15));
}

#[test]
fn a_duplicated_line_id() {
    let text = edit("id = \"other\"\n", "id = \"bbiq\"\n");
    let line = line_of_nth(&text, "id = \"bbiq\"", 1);
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("bbiq"), "{err}");
    assert!(err.message.contains("重複"), "{err}");
}

#[test]
fn an_unknown_key() {
    let text = edit(
        "id = \"commufa\"\n",
        "id = \"commufa\"\ncolour = \"blue\"\n",
    );
    let line = line_of(&text, "colour = ");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("colour"), "{err}");
}

#[test]
fn an_unknown_top_level_table() {
    let text = format!("{}\n\n[extra]\nvalue = 1\n", embedded::TOML);
    let line = line_of(&text, "[extra]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("extra"), "{err}");
}

#[test]
fn a_fleets_address() {
    let text = edit(
        "contract_url = \"https://flets.com/v6option/flow.html\"",
        "contract_url = \"https://fleets.com/v6option/flow.html\"",
    );
    let line = line_of(&text, "contract_url = \"https://fleets.com");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("fleets"), "{err}");
}

#[test]
fn a_fleets_address_in_upper_case_or_in_a_text() {
    let text = edit(
        "collabo_list_url = \"https://flets-w.com/collabo/list/index.php\"",
        "collabo_list_url = \"https://FLEETS-W.com/collabo/list/index.php\"",
    );
    let line = line_of(&text, "FLEETS-W");
    assert_rejected("rules.toml", &text, line);

    let text = edit(
        "text = \"コラボ光のお客さまIDは",
        "text = \"fleets.com を見てください。コラボ光のお客さまIDは",
    );
    let line = line_of(&text, "fleets.com を見て");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_plain_http_address() {
    let text = edit(
        "collabo_list_url = \"https://flets.com/collabo/list/\"",
        "collabo_list_url = \"http://flets.com/collabo/list/\"",
    );
    let line = line_of(&text, "http://flets.com/collabo");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("https://"), "{err}");

    // In a step's url too.
    let text = edit(
        "url = \"https://flets.com/key/\"",
        "url = \"http://flets.com/key/\"",
    );
    let line = line_of(&text, "http://flets.com/key/");
    assert_rejected("rules.toml", &text, line);

    // And an address that is not a URL at all.
    let text = edit(
        "url = \"https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf\"",
        "url = \"www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf\"",
    );
    let line = line_of(&text, "url = \"www.ssk.or.jp");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_bad_date() {
    let text = edit("on_since = \"2012-05-29\"", "on_since = \"2012-02-30\"");
    let line = line_of(&text, "on_since = \"2012-02-30\"");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("2012-02-30"), "{err}");

    let text = edit("as_of = \"2022-04-01\"", "as_of = \"2022年4月\"");
    let line = line_of(&text, "as_of = \"2022年4月\"");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_bad_pattern() {
    let text = edit("pattern = \"^CAF[0-9]{10}$\"", "pattern = \"^CAF[0-9\"");
    let line = line_of(&text, "pattern = \"^CAF[0-9\"");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("pattern"), "{err}");
}

#[test]
fn a_pattern_that_disagrees_with_prefix_or_digits() {
    // Too few digits for `digits = 10`.
    let text = edit(
        "pattern = \"^CAF[0-9]{10}$\"",
        "pattern = \"^CAF[0-9]{9}$\"",
    );
    let line = line_of(&text, "pattern = \"^CAF[0-9]{9}$\"");
    assert_rejected("rules.toml", &text, line);

    // Unanchored: would accept a digit too many.
    let text = edit("pattern = \"^COP[0-9]{8}$\"", "pattern = \"^COP[0-9]{8}\"");
    let line = line_of(&text, "pattern = \"^COP[0-9]{8}\"");
    assert_rejected("rules.toml", &text, line);

    // The wrong prefix.
    let text = edit("pattern = \"^COP[0-9]{8}$\"", "pattern = \"^C0P[0-9]{8}$\"");
    let line = line_of(&text, "pattern = \"^C0P");
    assert_rejected("rules.toml", &text, line);

    // `digits` changed instead of the pattern: still a disagreement.
    let text = edit("digits = 8\n", "digits = 9\n");
    let line = line_of(&text, "pattern = \"^COP[0-9]{8}$\"");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_step_contact_that_does_not_exist() {
    let text = edit("contact = \"ntt-east\"", "contact = \"ntt-easst\"");
    let line = line_of(&text, "contact = \"ntt-easst\"");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("ntt-easst"), "{err}");
}

#[test]
fn a_line_category_that_does_not_exist() {
    let text = edit("line_category = 3\n", "line_category = 4\n");
    let line = line_of(&text, "line_category = 4");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_missing_action() {
    let block_start = embedded::TOML
        .find("[actions.use_connecting_line_id]")
        .unwrap();
    let block_end = block_start + embedded::TOML[block_start..].find("\n\n").unwrap();
    let text = format!(
        "{}{}",
        &embedded::TOML[..block_start],
        &embedded::TOML[block_end..]
    );
    assert!(!text.contains("use_connecting_line_id"));
    // The error points at the actions table (its first entry).
    let line = line_of(&text, "[actions.confirm_line_type]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("use_connecting_line_id"), "{err}");
}

#[test]
fn an_unknown_action() {
    let text = edit(
        "[actions.confirm_line_type]",
        "[actions.call_the_president]\nshort = \"s\"\ntext = \"x\"\ndetail = \"y\"\nsource = \"z\"\n\n[actions.confirm_line_type]",
    );
    let line = line_of(&text, "[actions.call_the_president]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("call_the_president"), "{err}");
}

#[test]
fn an_ambiguous_width_symbol_in_a_shown_text() {
    let text = edit(
        "text = \"回線の種類を確かめてください。\"",
        "text = \"※回線の種類を確かめてください。\"",
    );
    let line = line_of(&text, "※回線の種類");
    assert_rejected("rules.toml", &text, line);
}

#[test]
fn a_control_or_invisible_character_in_a_shown_text() {
    // An escape sequence written as TOML escapes, and a right-to-left override: neither may
    // reach the terminal or `check`'s output, so the file is refused at its line.
    for (hostile, shown) in [
        ("\\u001b[2J", "\\u{1b}"),
        ("\\u202e", "\\u{202e}"),
        ("\u{200d}", "\\u{200d}"),
    ] {
        let text = edit(
            "text = \"回線の種類を確かめてください。\"",
            &format!("text = \"回線の種類{hostile}を確かめてください。\""),
        );
        let line = line_of(&text, "text = \"回線の種類");
        let err = assert_rejected("rules.toml", &text, line);
        assert!(err.message.contains(shown), "{err}");
        assert!(!err.to_string().chars().any(|c| c.is_control()), "{err}");
    }
}

#[test]
fn a_line_offered_in_an_area_without_a_v6_rule() {
    // Remove the West 光ネクスト rule: West types have no v6 rule any more.
    let start = embedded::TOML
        .find("[[v6_rules]]\nfamily = \"next\"\narea = \"west\"")
        .unwrap();
    let end = start + embedded::TOML[start..].find("\n\n").unwrap();
    let text = format!("{}{}", &embedded::TOML[..start], &embedded::TOML[end..]);
    let err = load::from_toml("rules.toml", &text).unwrap_err();
    assert!(err.line > 0, "{err}");
    assert!(err.message.contains("v6_rules"), "{err}");
}

#[test]
fn a_missing_file() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("no-such-rules.toml");
    let err = load::from_file(&path).unwrap_err();
    assert!(has_japanese(&err.message), "{err}");

    let out = run_with_rules(&path, &["check", "--line", "unknown", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["field"], "rules", "{v}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    let prefix = format!("{}: ", path.display());
    let line = stderr
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("stderr names the file: {stderr}"));
    assert!(line.contains("ファイルがありません"), "{line}");
}

#[test]
fn a_file_that_is_not_utf8() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"[source]\ntitle = \"\xff\xfe\"\n").unwrap();
    let out = run_with_rules(&path, &["list", "lines"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(&path.display().to_string()), "{stderr}");
    assert!(has_japanese(&stderr), "{stderr}");
}

#[test]
fn a_valid_modified_file_is_really_used() {
    // Move the East cut-off from 2012-05-29 to 2013-01-01: the date alone is refused, as its
    // sentences would still name the old day; with them it loads.
    let text = edit("on_since = \"2012-05-29\"", "on_since = \"2013-01-01\"");
    let err = load::from_toml("modified.toml", &text).unwrap_err();
    assert!(err.message.contains("on_or_after_text"), "{err}");
    assert!(err.message.contains("2013年1月1日"), "{err}");
    let text = text.replace("2012年5月29日 (平成24年)", "2013年1月1日 (平成25年)");
    let rules = load::from_toml("modified.toml", &text).unwrap();
    let raw = |applied: &str| RawAnswers {
        line: Some("next-family".into()),
        prefecture: Some("東京".into()),
        applied: Some(applied.into()),
        customer_id: Some("CAF0123456789".into()),
        ..RawAnswers::default()
    };
    let d = decide(
        &rules,
        &parse_answers(&rules, &raw("2012-12-31"), today()).unwrap(),
    );
    assert_eq!(d.v6_option, V6Status::ContractRequired);
    assert_eq!(d.verdict, Verdict::ActionRequired);
    let d = decide(
        &rules,
        &parse_answers(&rules, &raw("2013-01-01"), today()).unwrap(),
    );
    assert_eq!(d.v6_option, V6Status::DefaultOn);
    assert_eq!(d.verdict, Verdict::Ready);
    // The embedded rules still say 2012-05-29.
    let embedded = embedded::rules().unwrap();
    let d = decide(
        embedded,
        &parse_answers(embedded, &raw("2012-12-31"), today()).unwrap(),
    );
    assert_eq!(d.v6_option, V6Status::DefaultOn);

    // Through the binary.
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "modified.toml", &text);
    let args = [
        "check",
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--applied",
        "2012-12-31",
        "--customer-id",
        "CAF0123456789",
        "--format",
        "json",
    ];
    let out = run_with_rules(&path, &args);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["verdict"], "action_required");
    let out = Command::new(BIN).args(args).output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["v6_option"], "default_on");
    assert_eq!(v["verdict"], "ready");
}

/// The embedded text without the block (header to blank line) that starts with `header`.
fn without_block(header: &str) -> String {
    let start = embedded::TOML.find(header).unwrap();
    let end = start + embedded::TOML[start..].find("\n\n").unwrap();
    format!("{}{}", &embedded::TOML[..start], &embedded::TOML[end..])
}

#[test]
fn a_missing_verdict() {
    let text = without_block("[verdicts.confirm]");
    assert!(!text.contains("verdicts.confirm"));
    let line = line_of(&text, "[verdicts.ready]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("verdicts.confirm"), "{err}");
}

#[test]
fn an_unknown_verdict() {
    let text = edit(
        "[verdicts.ready]",
        "[verdicts.maybe]\nexplanation = \"x\"\nsource = \"z\"\n\n[verdicts.ready]",
    );
    let line = line_of(&text, "[verdicts.maybe]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("maybe"), "{err}");
}

#[test]
fn a_missing_action_variant() {
    let text = without_block("[actions.apply_on_portal.variants.without_customer_id]");
    // The action has no variants left: the error points at the action.
    let line = line_of(&text, "[actions.apply_on_portal]");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(
        err.message
            .contains("actions.apply_on_portal.variants.without_customer_id"),
        "{err}"
    );
    // One of two missing: still named.
    let text = without_block("[actions.contract_v6_option.variants.collabo]");
    let err = load::from_toml("rules.toml", &text).unwrap_err();
    assert!(err.message.contains("variants.collabo"), "{err}");
}

#[test]
fn an_action_variant_the_decision_does_not_use() {
    for (header, name) in [
        ("[actions.find_customer_id.variants.collabo]", "collabo"),
        ("[actions.apply_on_portal.variants.someday]", "someday"),
    ] {
        let text = edit(
            "[actions.use_connecting_line_id]",
            &format!("{header}\ntext = \"x\"\n\n[actions.use_connecting_line_id]"),
        );
        let line = line_of(&text, header);
        let err = assert_rejected("rules.toml", &text, line);
        assert!(err.message.contains(name), "{err}");
    }
}

#[test]
fn an_action_variant_with_neither_text_nor_detail() {
    let header = "[actions.apply_on_portal.variants.without_customer_id]";
    let start = embedded::TOML.find(header).unwrap();
    let detail = start + embedded::TOML[start..].find("\ndetail = ").unwrap() + 1;
    let end = detail + embedded::TOML[detail..].find('\n').unwrap() + 1;
    let text = format!("{}{}", &embedded::TOML[..detail], &embedded::TOML[end..]);
    let line = line_of(&text, header);
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("text か detail"), "{err}");
}

#[test]
fn a_joined_text_that_does_not_end_a_sentence() {
    let text = edit(
        "請求書や契約書の会社名を見てください。\"",
        "請求書や契約書の会社名を見てください\"",
    );
    let line = line_of(&text, "how_to_tell = ");
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("「。」"), "{err}");
}

#[test]
fn the_new_texts_are_checked_like_the_others() {
    for (old, new) in [
        (
            "explanation = \"まだわからないことがあります。",
            "explanation = \"※まだわからないことがあります。",
        ),
        (
            "contact_about = \"この回線での",
            "contact_about = \"① この回線での",
        ),
        (
            "order_here = \"契約がないとわかったときは、下のページから",
            "order_here = \"契約がないとわかったときは、https://fleets.com/ から",
        ),
    ] {
        let text = edit(old, new);
        let line = line_of(&text, new);
        assert_rejected("rules.toml", &text, line);
    }
}

#[test]
fn modified_verdict_action_and_contact_texts_are_used() {
    let text = edit(
        "explanation = \"まだわからないことがあります。下の順に確かめてください。\"",
        "explanation = \"テスト用の説明です。\"",
    )
    .replacen(
        "about = \"回線タイプ、フレッツ・v6オプションの契約、お客さまIDがわからないときに問い合わせます。\"",
        "about = \"テスト用の窓口の説明です。\"",
        1,
    )
    .replace(
        "detail = \"「電気通信回線種別」を「医療機関等向けポータルサイトで入力する内容」のとおり選びます。そのほかの申請内容は、1で問い合わせたときの案内に従ってください。\"",
        "detail = \"テスト用の区分2と3の説明です。\"",
    );
    let dir = TempDir::new().unwrap();
    let path = write(&dir, "rules.toml", &text);
    let out = run_with_rules(
        &path,
        &[
            "check",
            "--line",
            "next",
            "--prefecture",
            "東京",
            "--collab",
            "no",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("\nテスト用の説明です。\n"), "{t}");
    assert!(t.contains("テスト用の窓口の説明です。"), "{t}");
    let out = run_with_rules(&path, &["check", "--line", "bbiq"]);
    let t = String::from_utf8(out.stdout).unwrap();
    assert!(t.contains("テスト用の区分2と3の説明です。"), "{t}");
}

#[test]
fn a_modified_contact_and_prefecture_area_are_used() {
    // Move 新潟県 to the West and change NTT West's hours.
    let text = edit(
        "name = \"新潟県\"\nkana = \"にいがた\"\nromaji = \"niigata\"\narea = \"east\"",
        "name = \"新潟県\"\nkana = \"にいがた\"\nromaji = \"niigata\"\narea = \"west\"",
    );
    let text = text.replacen(
        "name = \"NTT西日本 (フレッツ光の契約情報の確認窓口)\"\nphone = \"0120-116-116\"\nhours = \"午前9時から午後5時、年末年始を除く\"",
        "name = \"NTT西日本 (フレッツ光の契約情報の確認窓口)\"\nphone = \"0120-116-116\"\nhours = \"午前10時から午後4時\"",
        1,
    );
    let rules = load::from_toml("modified.toml", &text).unwrap();
    let raw = RawAnswers {
        line: Some("next-family".into()),
        prefecture: Some("新潟".into()),
        collab: Some("no".into()),
        ..RawAnswers::default()
    };
    let d = decide(&rules, &parse_answers(&rules, &raw, today()).unwrap());
    assert_eq!(d.area, Some(Area::West));
    assert_eq!(d.contacts.len(), 1);
    assert_eq!(d.contacts[0].hours.as_deref(), Some("午前10時から午後4時"));
    // An East-only type is now refused in 新潟.
    let raw = RawAnswers {
        line: Some("next-giga-family-smart".into()),
        ..raw
    };
    assert!(parse_answers(&rules, &raw, today()).is_err());
    // find_customer_id follows the area too.
    let raw = RawAnswers {
        line: Some("next-family".into()),
        ..raw
    };
    let d = decide(&rules, &parse_answers(&rules, &raw, today()).unwrap());
    let find = d
        .actions
        .iter()
        .find(|a| a.code == ActionCode::FindCustomerId)
        .unwrap();
    assert!(
        find.steps
            .iter()
            .all(|s| !s.contains("https://flets.com/key/"))
    );
}

#[test]
fn a_directory_instead_of_a_file() {
    let dir = TempDir::new().unwrap();
    let out = run_with_rules(dir.path(), &["list", "lines"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).unwrap();
    let line = stderr
        .lines()
        .find(|l| l.starts_with(&format!("{}: ", dir.path().display())))
        .unwrap_or_else(|| panic!("stderr names the path: {stderr}"));
    assert!(line.contains("フォルダーです"), "{line}");
    assert!(!line.contains("os error"), "no English from the OS: {line}");
}

#[test]
fn customer_id_input_sentences_and_places() {
    // A sentence the messages join to another must end with 「。」.
    let text = edit(
        "phone_number = \"電話番号のようです。お客さまIDは電話番号ではありません。\"",
        "phone_number = \"電話番号のようです\"",
    );
    let err = assert_rejected("rules.toml", &text, line_of(&text, "phone_number = "));
    assert!(err.message.contains("「。」で終えて"), "{err}");

    // Each area once, with at least one place.
    let text = edit(
        "area = \"west\"\nplaces = [\"回線終端装置 (ONU) のシール\"]",
        "area = \"east\"\nplaces = [\"回線終端装置 (ONU) のシール\"]",
    );
    let line = line_of_nth(&text, "area = \"east\"\nplaces", 1);
    let err = assert_rejected("rules.toml", &text, line);
    assert!(err.message.contains("written_on が重複"), "{err}");

    let text = edit(
        "area = \"west\"\nplaces = [\"回線終端装置 (ONU) のシール\"]",
        "area = \"west\"\nplaces = []",
    );
    let err = assert_rejected("rules.toml", &text, line_of(&text, "places = []"));
    assert!(err.message.contains("places"), "{err}");
}

#[test]
fn where_the_id_is_written_is_read_from_the_file() {
    let text = edit(
        "places = [\"回線終端装置 (ONU) のシール\"]",
        "places = [\"ONUの側面\"]",
    );
    let rules = load::from_toml("rules.toml", &text).expect("loads");
    let e = oqs_line_check::rules::customer_id::validate(&rules, Some(Area::West), "0120-116-116")
        .expect_err("a phone number is no ID");
    assert!(
        e.message.contains("お客さまIDはONUの側面に書かれている"),
        "{e}"
    );
}

#[test]
fn shape_and_syntax_mistakes_are_told_in_japanese_on_their_line() {
    let rules = std::fs::read_to_string("assets/rules.toml").unwrap();
    let deep = format!("{}b = 1\n", "a.".repeat(300));
    let cases = [
        format!("customer_id = \"x\"\n{rules}"),
        rules.replacen("code = 1\n", "code = \"a\"\n", 1),
        rules.replacen("code = 1\n", "code = -1\n", 1),
        rules.replacen("name_alt = [", "name_alt = \"x\"\nnot_alt = [", 1),
        rules.replacen("[source]\ntitle = ", "[source]\ntitle = {a = 1}\nx = ", 1),
        format!("{rules}\n{deep}"),
    ];
    let place = Regex::new(r"^[^:]+:\d+:\d+: ").unwrap();
    for (n, text) in cases.iter().enumerate() {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("broken.toml");
        std::fs::write(&path, text).unwrap();
        let out = run_with_rules(&path, &["list", "lines"]);
        assert_eq!(out.status.code(), Some(2), "case {n}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        let line = stderr
            .lines()
            .find(|l| l.starts_with(&format!("{}:", path.display())))
            .unwrap_or_else(|| panic!("case {n}: stderr names the file: {stderr}"));
        assert!(place.is_match(line), "case {n}: a line and column: {line}");
        // The message after the file's name: a temporary name may hold any letters (「u8」).
        let message = &line[path.display().to_string().len()..];
        for english in [
            "struct",
            "Raw",
            "sequence",
            "a string",
            "u8",
            "recursion",
            "map",
            "integer",
            "string \"",
            "invalid",
            "expected",
        ] {
            assert!(!message.contains(english), "case {n}: {english}: {line}");
        }
        assert!(has_japanese(line), "case {n}: {line}");
    }
}
