//! `check --sheet FILE`: the sheet to print or send. What is on it for the four longest cases,
//! that it is one self-contained page (no script, nothing loaded), that everything in it is
//! escaped, and that it is written as the wizard's saves are (mode 0600, never over a file).
//! tests/sheet-print.sh prints the same pages with a real browser.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use regex::Regex;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

/// The four longest cases, as `check` flags.
const CASES: [(&str, &[&str]); 4] = [
    (
        "unknown",
        &[
            "--line",
            "unknown",
            "--collab",
            "unknown",
            "--prefecture",
            "unknown",
        ],
    ),
    (
        "east",
        &[
            "--line",
            "next-family",
            "--prefecture",
            "東京",
            "--collab",
            "no",
            "--applied",
            "2010-04-01",
            "--v6",
            "unknown",
            "--customer-id",
            "caf0123456789",
            "--multiple-lines",
            "no",
            "--clinic-name",
            "さくら内科クリニック",
        ],
    ),
    (
        "west",
        &[
            "--line",
            "cross",
            "--prefecture",
            "osaka",
            "--collab",
            "yes",
            "--customer-id",
            "CAF0123456789",
            "--multiple-lines",
            "no",
            "--clinic-name",
            "みどり薬局",
        ],
    ),
    ("ctc", &["--line", "commufa", "--clinic-name", "CTC歯科"]),
];

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn check(dir: &Path, flags: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["check"];
    args.extend_from_slice(flags);
    args.extend_from_slice(extra);
    run(dir, &args)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The case's sheet, and its decision as `check --format json` gives it.
fn sheet(dir: &Path, name: &str, flags: &[&str]) -> (String, Value) {
    let file = format!("{name}.html");
    let o = check(dir, flags, &["--sheet", &file]);
    assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
    assert!(stderr(&o).contains(&file), "{name}: {}", stderr(&o));
    let html = std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|e| panic!("{e}"));
    let json = check(dir, flags, &["--format", "json"]);
    let decision = serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    (html, decision)
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(strings).collect(),
        Value::Object(o) => o.values().flat_map(strings).collect(),
        _ => Vec::new(),
    }
}

/// Text as the sheet writes it.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn each_case_has_everything_a_front_desk_acts_on() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (name, flags) in CASES {
        let (html, d) = sheet(dir.path(), name, flags);
        assert!(
            html.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
            "{name}"
        );
        assert!(html.contains("<meta charset=\"utf-8\">"), "{name}");
        assert!(html.contains("@page { size: A4;"), "{name}");
        let verdict = d["verdict"].as_str().unwrap_or_default();
        assert!(
            html.contains(&format!("<section class=\"verdict {verdict}\">")),
            "{name}"
        );
        for action in d["actions"].as_array().into_iter().flatten() {
            for key in ["text", "detail"] {
                let t = esc(action[key].as_str().unwrap_or_default());
                assert!(html.contains(&t), "{name}: {t}");
            }
        }
        // One box to tick per action, and one per known wrong application.
        let boxes = d["actions"].as_array().map_or(0, Vec::len)
            + if d["portal"]["line_category"].is_null() {
                0
            } else {
                d["wrong_applications"].as_array().map_or(0, Vec::len)
            };
        assert_eq!(
            html.matches("<span class=\"box\"></span>").count(),
            boxes,
            "{name}"
        );
        for c in d["contacts"].as_array().into_iter().flatten() {
            assert!(
                html.contains(&esc(c["name"].as_str().unwrap_or_default())),
                "{name}"
            );
            if let Some(phone) = c["phone"].as_str() {
                assert!(html.contains(&format!("電話 {phone}")), "{name}: {phone}");
            }
        }
        if let Some(label) = d["portal"]["line_category_label"].as_str() {
            assert!(
                html.contains(&format!("<code>{}</code>", esc(label))),
                "{name}"
            );
        }
        if let Some(id) = d["portal"]["customer_id"].as_str() {
            assert!(html.contains(&format!("<code>{id}</code>")), "{name}");
            assert!(html.contains("半角大文字"), "{name}");
        }
        for blank in ["申請日: ", "自動返信メール確認日: "] {
            assert!(html.contains(blank), "{name}: {blank}");
        }
        assert!(html.contains("2022年4月現在"), "{name}");
        if name == "east" {
            // The contact an action names has its number on the action's own line.
            assert!(
                html.contains("<li>問い合わせ先: NTT東日本 <span class=\"phone\">電話 0120-116-116</span></li>"),
                "{html}"
            );
        }
        match d["clinic_name"].as_str() {
            Some(clinic) => assert!(
                html.contains(&format!("<span class=\"name\">{clinic}</span>")),
                "{name}"
            ),
            // No name given: a line to write it on.
            None => assert!(html.contains("医療機関名: <span class=\"fill wide\"></span>")),
        }
    }
}

#[test]
fn the_sheet_runs_nothing_and_loads_nothing() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let url = Regex::new(r#"https?://[^\s"<>)]+"#).unwrap_or_else(|e| panic!("{e}"));
    let href = Regex::new(r#"href="([^"]*)""#).unwrap_or_else(|e| panic!("{e}"));
    let handler = Regex::new(r"\son[a-z]+\s*=").unwrap_or_else(|e| panic!("{e}"));
    for (name, flags) in CASES {
        let (html, d) = sheet(dir.path(), name, flags);
        let lower = html.to_lowercase();
        for never in [
            "<script",
            "<link",
            "<img",
            "<iframe",
            "<object",
            "<embed",
            "<base",
            "<meta http-equiv",
            "src=",
            "url(",
            "@import",
            "javascript:",
            "<svg",
            "<form",
        ] {
            assert!(!lower.contains(never), "{name}: {never}");
        }
        assert!(!handler.is_match(&lower), "{name}: an event handler");
        // Every address is one of the rules' own, shown as text (and as a link to follow).
        let allowed: BTreeSet<String> = strings(&d)
            .iter()
            .flat_map(|s| {
                url.find_iter(s)
                    .map(|m| esc(m.as_str()))
                    .collect::<Vec<_>>()
            })
            .collect();
        for m in url.find_iter(&html) {
            assert!(allowed.contains(m.as_str()), "{name}: {}", m.as_str());
        }
        for h in href.captures_iter(&html) {
            let target = h.get(1).map_or("", |m| m.as_str());
            assert!(allowed.contains(target), "{name}: href {target}");
            assert!(
                html.contains(&format!(">{target}</a>")),
                "{name}: {target} written out"
            );
        }
        assert!(
            !allowed.is_empty() || name == "ctc",
            "{name}: the rules give addresses"
        );
    }
}

#[test]
fn the_clinic_name_and_every_value_are_escaped() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let o = check(
        dir.path(),
        &[
            "--line",
            "commufa",
            "--clinic-name",
            "<b onclick='x'>A&B\"</b>",
        ],
        &["--sheet", "s.html"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("s.html")).unwrap_or_default();
    assert!(
        html.contains("&lt;b onclick=&#39;x&#39;&gt;A&amp;B&quot;&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b onclick"), "{html}");
    assert!(html.contains("<title>&lt;b onclick"), "{html}");
}

#[test]
fn the_sheet_is_written_as_saves_are_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let flags = ["--line", "commufa"];
    let o = check(dir.path(), &flags, &["--sheet", "s.html"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let path = dir.path().join("s.html");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).map(|m| m.permissions().mode() & 0o777);
        assert_eq!(mode.ok(), Some(0o600));
    }
    std::fs::write(&path, "前のページ").unwrap_or_else(|e| panic!("{e}"));
    let o = check(dir.path(), &flags, &["--sheet", "s.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("すでにあります"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        "前のページ"
    );

    let o = check(dir.path(), &flags, &["--sheet", "無い/s.html"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("フォルダーがありません"),
        "{}",
        stderr(&o)
    );
    // Nothing else was left behind (no temporary file).
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), 1, "{names:?}");
}
