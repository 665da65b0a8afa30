//! The binary: `check` (text and JSON), `list`, exit codes, and the Japanese messages for every
//! kind of bad input.

use oqs_line_check::rules::embedded;
use std::collections::BTreeSet;
use std::process::{Command, Output};
use std::sync::LazyLock;

use regex::Regex;
use serde_json::Value;
use unicode_width::UnicodeWidthChar;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");
const ID: &str = "CAF0123456789";
const EAST_URL: &str = "https://flets.com/v6option/flow.html";
const WEST_URL: &str = "https://flets-w.com/opt/v6option/";
const PHONE: &str = "0120-116-116";
const HOURS: &str = "午前9時から午後5時、年末年始を除く";

fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Runs `check ARGS --format json`, expects exit 0 and returns the object.
fn json(args: &[&str]) -> Value {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "{all:?}: {}", stderr(&o));
    assert!(o.stderr.is_empty(), "{all:?}: {}", stderr(&o));
    let out = stdout(&o);
    assert_clean_output(&format!("{all:?}"), &out);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{all:?}: {e}: {out}"))
}

/// Runs `check ARGS` (text), expects exit 0 and returns the text.
fn text(args: &[&str]) -> String {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(0), "{all:?}: {}", stderr(&o));
    let out = stdout(&o);
    assert_clean_output(&format!("{all:?}"), &out);
    out
}

/// The text's details: each step in full and what follows, after the summary.
fn details(t: &str) -> &str {
    let at = t
        .find("\n== やることの説明 ==")
        .unwrap_or_else(|| panic!("no details: {t}"));
    &t[at..]
}

/// A section of the text, from its heading to the next blank line.
fn section<'t>(t: &'t str, heading: &str) -> &'t str {
    let at = t
        .find(&format!("== {heading} ==\n"))
        .unwrap_or_else(|| panic!("no {heading}: {t}"));
    t[at..].split("\n\n").next().unwrap_or_default()
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

static URL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)https?://[A-Za-z0-9._~:/?#@!$&'*+,;=%-]+").unwrap());

/// The addresses the rules show (not the `source` quotes, which hold the seed's typos).
static RULE_URLS: LazyLock<BTreeSet<String>> = LazyLock::new(|| {
    fn walk(v: &toml::Value, out: &mut BTreeSet<String>) {
        match v {
            toml::Value::String(s) => out.extend(URL.find_iter(s).map(|m| m.as_str().to_string())),
            toml::Value::Array(a) => a.iter().for_each(|v| walk(v, out)),
            toml::Value::Table(t) => t
                .iter()
                .filter(|(k, _)| k.as_str() != "source")
                .for_each(|(_, v)| walk(v, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(&toml::from_str(embedded::TOML).unwrap(), &mut out);
    assert_eq!(out.len(), 6, "{out:?}");
    out
});

fn assert_clean_output(what: &str, s: &str) {
    for m in URL.find_iter(s) {
        assert!(
            RULE_URLS.contains(m.as_str()),
            "{what}: {} is not in assets/rules.toml",
            m.as_str()
        );
    }
    assert!(!s.to_ascii_lowercase().contains("fleets"), "{what}: fleets");
    if let Some(c) = s.chars().find(|c| c.width() != c.width_cjk()) {
        panic!("{what}: ambiguous-width {c:?} (U+{:04X})", c as u32);
    }
}

fn codes(v: &Value) -> Vec<&str> {
    v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["code"].as_str().unwrap())
        .collect()
}

fn action<'v>(v: &'v Value, code: &str) -> &'v Value {
    v["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {:?}", codes(v)))
}

// ---------------------------------------------------------------------------------------------
// The JSON contract.

#[test]
fn json_has_every_field_of_the_contract() {
    let v = json(&[
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--collab",
        "yes",
        "--applied",
        "2012-05-28",
        "--customer-id",
        "caf-0123-456789",
        "--multiple-lines",
        "yes",
    ]);
    assert_eq!(v["verdict"], "action_required");
    assert_eq!(v["area"], "east");
    assert_eq!(v["prefecture"]["code"], 13);
    assert_eq!(v["prefecture"]["name"], "東京都");
    assert_eq!(v["line"], "next-family");
    assert_eq!(v["collab"], "yes");
    assert_eq!(v["applied"], "2012-05-28");
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["portal"]["line_category"], 1);
    assert_eq!(v["portal"]["customer_id"], ID);
    assert_eq!(v["customer_id"]["input"], "caf-0123-456789");
    assert_eq!(v["customer_id"]["normalized"], ID);
    let notices: Vec<&str> = v["customer_id"]["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(notices.contains(&"separators"), "{notices:?}");
    assert!(notices.contains(&"lowercase"), "{notices:?}");
    assert!(!notices.contains(&"fullwidth"), "{notices:?}");

    assert_eq!(
        codes(&v),
        [
            "confirm_v6_option",
            "contract_v6_option",
            "use_connecting_line_id",
            "apply_on_portal",
            "check_auto_reply_email"
        ]
    );
    for a in v["actions"].as_array().unwrap() {
        assert!(a["code"].is_string());
        assert!(has_japanese(a["text"].as_str().unwrap()), "{a}");
        assert!(a["url"].is_string() || a["url"].is_null(), "{a}");
    }
    // A コラボ光 line orders the option from its operator: no NTT page.
    assert!(action(&v, "contract_v6_option")["url"].is_null());

    let contacts = v["contacts"].as_array().unwrap();
    assert_eq!(contacts.len(), 2);
    assert!(contacts[0]["name"].as_str().unwrap().contains("コラボ光"));
    assert_eq!(contacts[0]["url"], "https://flets.com/collabo/list/");
    assert!(contacts[0]["phone"].is_null());
    assert!(contacts[0]["hours"].is_null());
    assert!(
        contacts[1]["name"]
            .as_str()
            .unwrap()
            .starts_with("NTT東日本")
    );
    assert_eq!(contacts[1]["phone"], PHONE);
    assert_eq!(contacts[1]["hours"], HOURS);
    assert!(contacts[1]["url"].is_null());
}

#[test]
fn json_nulls_for_what_is_not_known() {
    let v = json(&["--line", "unknown"]);
    assert_eq!(v["verdict"], "confirm");
    assert!(v["area"].is_null());
    assert!(v["prefecture"].is_null());
    assert!(v["applied"].is_null());
    assert!(v["customer_id"].is_null());
    assert!(v["portal"]["line_category"].is_null());
    assert!(v["portal"]["customer_id"].is_null());
    assert_eq!(v["collab"], "unknown");
    assert_eq!(v["v6_option"], "not_applicable");
    assert_eq!(
        codes(&v),
        [
            "confirm_line_type",
            "check_again",
            "consult_connectable_list"
        ]
    );
    // Both NTTs (no prefecture), then the コラボ operator.
    let contacts = v["contacts"].as_array().unwrap();
    assert!(
        contacts[0]["name"]
            .as_str()
            .unwrap()
            .starts_with("NTT東日本")
    );
    assert!(
        contacts[1]["name"]
            .as_str()
            .unwrap()
            .starts_with("NTT西日本")
    );
    assert_eq!(contacts[0]["phone"], PHONE);
    assert_eq!(contacts[1]["phone"], PHONE);
}

#[test]
fn json_full_width_id_and_its_notice() {
    let v = json(&[
        "--line",
        "cross",
        "--prefecture",
        "１３",
        "--customer-id",
        "ＣＡＦ０１２３４５６７８９",
        "--v6",
        "contracted",
    ]);
    assert_eq!(v["verdict"], "ready");
    assert_eq!(v["prefecture"]["code"], 13);
    assert_eq!(v["customer_id"]["normalized"], ID);
    assert_eq!(
        v["customer_id"]["notices"],
        serde_json::json!(["fullwidth"])
    );
    assert_eq!(v["portal"]["customer_id"], ID);
}

#[test]
fn json_escapes_ambiguous_width_characters_in_echoed_input() {
    // U+2010 HYPHEN is ambiguous-width; it is a separator, so the ID is fine.
    let o = run(&[
        "check",
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--customer-id",
        "CAF\u{2010}0123456789",
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_clean_output("json", &out);
    let v: Value = serde_json::from_str(&out).unwrap();
    // The value is still exactly what was typed.
    assert_eq!(v["customer_id"]["input"], "CAF\u{2010}0123456789");
    assert_eq!(v["customer_id"]["normalized"], ID);
}

#[test]
fn exit_0_for_every_verdict() {
    let cases: [(&[&str], &str); 6] = [
        (
            &[
                "--line",
                "next-family",
                "--prefecture",
                "大阪",
                "--applied",
                "2021-05-11",
                "--customer-id",
                ID,
            ],
            "ready",
        ),
        (
            &[
                "--line",
                "next-family",
                "--prefecture",
                "大阪",
                "--applied",
                "2021-05-10",
                "--customer-id",
                ID,
            ],
            "action_required",
        ),
        (&["--line", "next", "--prefecture", "大阪"], "confirm"),
        (&["--line", "commufa"], "other_method"),
        (&["--line", "other-flets"], "not_eligible"),
        (&["--line", "unknown"], "confirm"),
    ];
    for (args, verdict) in cases {
        let v = json(args);
        assert_eq!(v["verdict"], verdict, "{args:?}");
        // The text form exits 0 as well.
        let t = text(args);
        assert!(t.contains("判定: "), "{t}");
    }
}

#[test]
fn json_for_each_other_line() {
    let cases = [
        ("commufa", "other_method", Some(2)),
        ("bbiq", "other_method", Some(2)),
        ("ipsec", "other_method", Some(3)),
        ("other", "other_method", None),
        ("other-flets", "not_eligible", None),
        ("unknown", "confirm", None),
    ];
    for (line, verdict, category) in cases {
        let v = json(&["--line", line, "--prefecture", "福岡"]);
        assert_eq!(v["verdict"], verdict, "{line}");
        assert_eq!(v["portal"]["line_category"], serde_json::json!(category));
        assert!(codes(&v).contains(&"consult_connectable_list"), "{line}");
        assert_eq!(
            action(&v, "consult_connectable_list")["url"],
            "https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf"
        );
    }
}

#[test]
fn json_boundaries_through_the_binary() {
    let v6 = |pref: &str, line: &str, applied: &str| {
        json(&["--line", line, "--prefecture", pref, "--applied", applied])["v6_option"].clone()
    };
    assert_eq!(
        v6("千葉", "next-mansion", "2012-05-28"),
        "contract_required"
    );
    assert_eq!(v6("千葉", "next-mansion", "2012-05-29"), "default_on");
    assert_eq!(
        v6("広島", "next-mansion", "2021-05-10"),
        "contract_required"
    );
    assert_eq!(v6("広島", "next-mansion", "2021-05-11"), "default_on");
    assert_eq!(v6("千葉", "cross", "2001-01-01"), "default_on");
    assert_eq!(v6("広島", "cross", "2001-01-01"), "default_on");

    let west = json(&[
        "--line",
        "next-mansion",
        "--prefecture",
        "広島",
        "--applied",
        "2021-05-10",
    ]);
    let contract = action(&west, "contract_v6_option");
    assert_eq!(contract["url"], WEST_URL);

    let v = json(&[
        "--line",
        "next",
        "--prefecture",
        "広島",
        "--v6",
        "contracted",
    ]);
    assert_eq!(v["v6_option"], "contracted");
    let v = json(&[
        "--line",
        "next",
        "--prefecture",
        "広島",
        "--applied",
        "2024-01-01",
        "--v6",
        "not-contracted",
    ]);
    assert_eq!(v["v6_option"], "contract_required");
    let v = json(&[
        "--line",
        "next",
        "--prefecture",
        "広島",
        "--applied",
        "unknown",
    ]);
    assert_eq!(v["v6_option"], "unknown");
    assert_eq!(v["verdict"], "confirm");
}

// ---------------------------------------------------------------------------------------------
// Input errors.

/// Runs a check that must fail with an input error; returns (stdout, stderr).
fn input_error(args: &[&str]) -> (String, String) {
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    let o = run(&all);
    assert_eq!(o.status.code(), Some(2), "{all:?}: {}", stdout(&o));
    let err = stderr(&o);
    assert!(has_japanese(&err), "{all:?}: {err}");
    assert_clean_output(&format!("stderr of {all:?}"), &err);
    (stdout(&o), err)
}

#[test]
fn input_errors_in_json_one_entry_per_bad_field() {
    let (out, err) = input_error(&[
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--customer-id",
        "CAF12345",
        "--applied",
        "2012-02-30",
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    let errors = v["errors"].as_array().unwrap();
    let fields: Vec<&str> = errors
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["applied", "customer_id"]);
    for e in errors {
        assert!(!e["code"].as_str().unwrap().is_empty());
        let message = e["message"].as_str().unwrap();
        assert!(has_japanese(message));
        // Each message is on stderr too.
        assert!(err.contains(message), "{err}");
    }
    assert!(errors[0]["message"].as_str().unwrap().starts_with("申込日"));
    assert!(
        errors[1]["message"]
            .as_str()
            .unwrap()
            .starts_with("お客さまID")
    );
    assert_eq!(v.as_object().unwrap().len(), 1, "only errors: {v}");
}

#[test]
fn input_errors_in_text_print_nothing_on_stdout() {
    let (out, err) = input_error(&["--line", "cross", "--prefecture", "あいうえお"]);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("都道府県"), "{err}");
    assert!(err.contains("あいうえお"), "{err}");
}

#[test]
fn a_type_the_area_does_not_offer_is_exit_2_on_line() {
    for (line, pref) in [
        ("next-giga-family-smart", "大阪"),
        ("next-mansion-gigaline", "京都"),
        ("next-family-superhispeed", "東京"),
        ("next-mansion-superhispeed", "北海道"),
    ] {
        let (out, err) = input_error(&["--line", line, "--prefecture", pref, "--format", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["errors"].as_array().unwrap().len(), 1);
        assert_eq!(v["errors"][0]["field"], "line", "{line} {pref}");
        assert!(err.contains("回線の種類"), "{err}");
    }
}

#[test]
fn next_and_cross_without_prefecture_is_exit_2_on_prefecture() {
    for line in ["next", "next-family", "next-mansion-superhispeed", "cross"] {
        let (out, err) = input_error(&["--line", line, "--format", "json"]);
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["errors"].as_array().unwrap().len(), 1);
        assert_eq!(v["errors"][0]["field"], "prefecture", "{line}");
        assert!(err.contains("都道府県"), "{err}");
    }
}

#[test]
fn every_answer_flag_names_its_field() {
    let cases = [
        (vec!["--line", "fibre"], "line", "回線の種類"),
        (
            vec!["--line", "unknown", "--collab", "perhaps"],
            "collab",
            "コラボ光",
        ),
        (
            vec!["--line", "unknown", "--prefecture", "99"],
            "prefecture",
            "都道府県",
        ),
        (
            vec!["--line", "unknown", "--applied", "yesterday"],
            "applied",
            "申込日",
        ),
        (
            vec!["--line", "unknown", "--v6", "on"],
            "v6",
            "v6オプション",
        ),
        (
            vec!["--line", "unknown", "--customer-id", "XYZ"],
            "customer_id",
            "お客さまID",
        ),
        (
            vec!["--line", "unknown", "--multiple-lines", "2"],
            "multiple_lines",
            "複数の回線",
        ),
        (vec![], "line", "回線の種類"),
    ];
    for (mut args, field, label) in cases {
        args.extend(["--format", "json"]);
        let (out, err) = input_error(&args);
        let v: Value = serde_json::from_str(&out).unwrap();
        let errors = v["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 1, "{args:?}: {v}");
        assert_eq!(errors[0]["field"], field, "{args:?}");
        assert!(err.contains(label), "{args:?}: {err}");
    }
}

#[test]
fn an_unknown_flag_or_a_bad_format_is_explained_in_japanese() {
    for args in [
        &["check", "--line", "next", "--colour", "blue"][..],
        &["check", "--line", "unknown", "--format", "xml"][..],
        &[
            "check", "--line", "unknown", "--format", "xml", "--format", "json",
        ][..],
        &["check", "--line"][..],
        &["list", "cities"][..],
        &["list"][..],
        &["inspect"][..],
        &["--nope"][..],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        if args.contains(&"json") {
            // A script that asked for JSON gets the errors object even from a refused flag.
            assert!(
                stdout(&o).contains("\"errors\""),
                "{args:?}: {}",
                stdout(&o)
            );
        } else {
            assert!(o.stdout.is_empty(), "{args:?}: {}", stdout(&o));
        }
        let err = stderr(&o);
        assert!(err.starts_with("エラー: "), "{args:?}: {err}");
        assert!(has_japanese(&err), "{args:?}: {err}");
        for english in [
            "error:",
            "Usage:",
            "For more information",
            "unexpected argument",
        ] {
            assert!(!err.contains(english), "{args:?}: English from clap: {err}");
        }
    }
    let err = stderr(&run(&["check", "--line", "unknown", "--format", "xml"]));
    assert!(
        err.contains("xml") && err.contains("text") && err.contains("json"),
        "{err}"
    );
    let err = stderr(&run(&["check", "--line", "next", "--colour", "blue"]));
    assert!(err.contains("--colour"), "{err}");
}

#[test]
fn help_exits_0() {
    for args in [&["--help"][..], &["check", "--help"][..], &["-h"][..]] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        assert!(has_japanese(&stdout(&o)), "{args:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// The text format.

#[test]
fn text_has_verdict_numbered_actions_portal_values_and_contacts() {
    let t = text(&[
        "--line",
        "next-family",
        "--prefecture",
        "大阪",
        "--applied",
        "平成20年4月1日",
        "--customer-id",
        ID,
        "--collab",
        "no",
    ]);
    assert!(t.contains("判定: 申請の前に手続きが必要です"), "{t}");
    // Numbered actions, in order, in full after the summary.
    let t = details(&t);
    let one = t
        .find("\n1. フレッツ・v6オプションを契約しているか")
        .unwrap();
    // Step 2 holds only if step 1 finds no contract: its title says so.
    let two = t
        .find("\n2. 1で契約がないとわかったときは、フレッツ・v6オプションを申し込んで")
        .unwrap();
    let three = t.find("\n3. 医療機関等向けポータルサイトで申請").unwrap();
    let four = t.find("\n4. 自動返信メール").unwrap();
    assert!(one < two && two < three && three < four, "{t}");
    assert!(t.contains(WEST_URL), "{t}");
    // NTT西日本's price, labelled as such.
    assert!(
        t.contains("NTT西日本と直接契約している回線では、工事費は税抜2,000円"),
        "{t}"
    );
    // What to enter on the portal, in the summary only.
    let t = text(&[
        "--line",
        "next-family",
        "--prefecture",
        "大阪",
        "--applied",
        "平成20年4月1日",
        "--customer-id",
        ID,
        "--collab",
        "no",
    ]);
    assert!(!details(&t).contains("電気通信回線種別: "), "{t}");
    assert!(
        t.contains("電気通信回線種別: 1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)"),
        "{t}"
    );
    assert!(
        t.contains(&format!("お客さまID: {ID} (「半角大文字」で入力)")),
        "{t}"
    );
    // Contacts.
    assert!(
        t.contains("NTT西日本 (フレッツ光の契約情報の確認窓口)"),
        "{t}"
    );
    assert!(t.contains(&format!("電話: {PHONE}")), "{t}");
    assert!(t.contains(HOURS), "{t}");
    assert!(!t.contains("NTT東日本 (フレッツ"), "{t}");
}

#[test]
fn text_collabo_in_the_west_gets_no_ntt_price() {
    let t = text(&[
        "--line",
        "next",
        "--prefecture",
        "osaka",
        "--collab",
        "yes",
        "--applied",
        "2010-01-01",
    ]);
    let d = details(&t);
    let step2 = &d[d.find("\n2. ").unwrap()..d.find("\n3. ").unwrap()];
    assert!(!step2.contains("2,000"), "{step2}");
    assert!(!step2.contains(WEST_URL), "{step2}");
    assert!(
        step2.contains("ご契約中のコラボ光の事業者に申し込んでください"),
        "{step2}"
    );
    // Nowhere else either.
    assert!(!t.contains("2,000"), "{t}");
    assert!(!t.contains(WEST_URL), "{t}");

    // The East: NTT東日本's page only for a line that may be contracted with NTT directly.
    let east = |collab: &str| {
        text(&[
            "--line",
            "next",
            "--prefecture",
            "tokyo",
            "--collab",
            collab,
            "--applied",
            "2010-01-01",
        ])
    };
    assert!(!east("yes").contains(EAST_URL));
    assert!(east("no").contains(EAST_URL));
    assert!(east("unknown").contains(EAST_URL));
}

#[test]
fn text_another_method_asks_before_applying() {
    for line in ["commufa", "bbiq", "ipsec"] {
        let all = text(&["--line", line]);
        let t = details(&all);
        let one = t
            .find("\n1. 「接続可能回線・事業者一覧表」に書かれた問い合わせ先に、接続のしかたを問い合わせてください。")
            .unwrap_or_else(|| panic!("{t}"));
        let two = t.find("\n2. 医療機関等向けポータルサイトで申請").unwrap();
        let three = t.find("\n3. 自動返信メール").unwrap();
        assert!(one < two && two < three, "{t}");
        assert!(
            t.contains("1で問い合わせたときの案内に従ってください"),
            "{t}"
        );
        assert!(!t.contains("ではないか"), "{t}");
        // The steps never ask for an お客さまID (the checklist still names the mistakes).
        let steps = section(&all, "やること (この順に)");
        assert!(!steps.contains("お客さまID"), "{line}: {all}");
        let steps = t.split("== よくある").next().unwrap_or_default();
        assert!(!steps.contains("お客さまID"), "{line}: {t}");
    }
}

#[test]
fn text_unknown_line_says_what_to_do_once_the_type_is_known() {
    let t = text(&["--line", "unknown"]);
    assert!(t.contains("\n1. 回線の種類を確かめてください。"), "{t}");
    assert!(
        t.contains("\n2. 1で確かめた回線がフレッツ 光ネクストかフレッツ 光クロス (コラボ光を含む) だったときは、回線の種類を選び直して、もう一度このチェックをしてください。"),
        "{t}"
    );
    assert!(
        t.contains("\n3. 1で確かめた回線がフレッツ 光ネクスト・光クロス (コラボ光を含む) 以外だったときは、「接続可能回線・事業者一覧表」に書かれた問い合わせ先に"),
        "{t}"
    );
    // The collab answer is not known: how to tell, then whom to ask, with no space between.
    assert!(t.contains("見てください。回線タイプ"), "{t}");
    assert!(!t.contains("。 "), "{t}");
}

#[test]
fn text_for_each_verdict() {
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "--line",
                "cross",
                "--prefecture",
                "沖縄",
                "--customer-id",
                ID,
            ],
            "判定: 申請できます",
        ),
        (
            &[
                "--line",
                "next",
                "--prefecture",
                "沖縄",
                "--v6",
                "not-contracted",
                "--customer-id",
                ID,
            ],
            "判定: 申請の前に手続きが必要です",
        ),
        (
            &["--line", "cross", "--prefecture", "沖縄"],
            "判定: 確認が必要です",
        ),
        (&["--line", "bbiq"], "判定: 別の接続方式です"),
        (&["--line", "other-flets"], "判定: この接続方式の対象外です"),
    ];
    for (args, heading) in cases {
        let t = text(args);
        assert!(t.starts_with(&format!("== {heading} ==")), "{t}");
        assert!(t.contains("\n1. "), "{t}");
        // A line of another method: whom to ask is the first step's 一覧表, said there once.
        let another_method =
            heading.ends_with("別の接続方式です") || heading.ends_with("対象外です");
        assert_eq!(
            t.contains("== まず問い合わせる先 =="),
            !another_method,
            "{t}"
        );
    }
    // bbiq: category 2 on the portal, no お客さまID.
    let t = text(&["--line", "bbiq"]);
    assert!(
        t.contains("電気通信回線種別: 2：IP-VPN回線事業者(CTC・QTnetに限る)"),
        "{t}"
    );
    assert!(!t.contains("お客さまID: "), "{t}");
}

#[test]
fn collab_yes_puts_the_operator_first_in_text() {
    let t = text(&[
        "--line",
        "cross",
        "--prefecture",
        "北海道",
        "--collab",
        "yes",
    ]);
    let contacts = &t[t.find("== まず問い合わせる先 ==").unwrap()..];
    let operator = contacts.find("コラボ光の事業者").unwrap();
    let ntt = contacts.find("NTT東日本").unwrap();
    assert!(operator < ntt, "{contacts}");
    assert!(
        contacts.contains("https://flets.com/collabo/list/"),
        "{contacts}"
    );
}

#[test]
fn every_line_and_collab_prints_clean_output() {
    // The checks on URLs, `fleets` and ambiguous width run inside json() and text().
    let lines = [
        "next",
        "next-family",
        "next-giga-family-smart",
        "next-family-superhispeed",
        "cross",
        "commufa",
        "bbiq",
        "ipsec",
        "other-flets",
        "other",
        "unknown",
    ];
    for line in lines {
        let pref = if line.contains("superhispeed") {
            "大阪"
        } else {
            "東京"
        };
        for collab in ["yes", "no", "unknown"] {
            // コラボ光 with CTC's or QTnet's line is refused (tested below).
            if collab == "yes" && ["commufa", "bbiq"].contains(&line) {
                continue;
            }
            let args = [
                "--line",
                line,
                "--prefecture",
                pref,
                "--collab",
                collab,
                "--applied",
                "2000-01-01",
                "--multiple-lines",
                "yes",
            ];
            json(&args);
            text(&args);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// list.

#[test]
fn list_lines_text_and_json() {
    let o = run(&["list", "lines"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert_clean_output("list lines", &t);
    assert_eq!(t.lines().count(), 19);
    for (id, name) in [
        ("next-family", "フレッツ 光ネクスト ファミリータイプ"),
        ("cross", "フレッツ 光クロス"),
        ("commufa", "ビジネスコムファ光"),
        ("unknown", "わからない"),
    ] {
        let line = t
            .lines()
            .find(|l| l.split_whitespace().next() == Some(id))
            .unwrap_or_else(|| panic!("{id} missing: {t}"));
        assert!(line.contains(name), "{line}");
    }

    let o = run(&["list", "lines", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_clean_output("list lines json", &out);
    let v: Value = serde_json::from_str(&out).unwrap();
    let lines = v.as_array().unwrap();
    assert_eq!(lines.len(), 19);
    let giga = lines
        .iter()
        .find(|l| l["id"] == "next-giga-family-smart")
        .unwrap();
    assert_eq!(giga["areas"], serde_json::json!(["east"]));
    assert_eq!(giga["line_category"], 1);
    assert!(giga["name"].is_string());
    let ipsec = lines.iter().find(|l| l["id"] == "ipsec").unwrap();
    assert_eq!(ipsec["line_category"], 3);
}

#[test]
fn list_prefectures_text_and_json() {
    let o = run(&["list", "prefectures"]);
    assert_eq!(o.status.code(), Some(0));
    let t = stdout(&o);
    assert_clean_output("list prefectures", &t);
    assert_eq!(t.lines().count(), 47);
    assert!(t.lines().next().unwrap().starts_with("01 北海道"), "{t}");
    assert!(t.lines().last().unwrap().starts_with("47 沖縄県"), "{t}");
    assert!(
        t.lines()
            .any(|l| l.starts_with("15 新潟県") && l.contains("NTT東日本"))
    );
    assert!(
        t.lines()
            .any(|l| l.starts_with("16 富山県") && l.contains("NTT西日本"))
    );

    let o = run(&["list", "prefectures", "--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let prefs = v.as_array().unwrap();
    assert_eq!(prefs.len(), 47);
    let codes: Vec<u64> = prefs.iter().map(|p| p["code"].as_u64().unwrap()).collect();
    assert_eq!(codes, (1..=47).collect::<Vec<u64>>());
    let east = prefs.iter().filter(|p| p["area"] == "east").count();
    assert_eq!(east, 17);
    assert_eq!(prefs[12]["name"], "東京都");
    assert_eq!(prefs[12]["romaji"], "tokyo");
    assert_eq!(prefs[12]["kana"], "とうきょう");
}

#[test]
fn json_errors_object_even_for_a_flag_clap_refuses() {
    let o = run(&["check", "--bogus", "--format", "json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["field"], "arguments");
    assert!(errors[0]["message"].as_str().unwrap().contains("--bogus"));
    assert!(stderr(&o).contains("--bogus"));
}

#[test]
fn collabo_without_an_area_points_to_both_operator_lists() {
    let v = json(&["--line", "unknown", "--collab", "yes"]);
    let urls: Vec<&str> = v["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["url"].as_str())
        .collect();
    assert_eq!(
        urls,
        [
            "https://flets.com/collabo/list/",
            "https://flets-w.com/collabo/list/index.php"
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Japanese answers, わからない, and the command line's own messages.

#[test]
fn japanese_values_give_the_same_result_as_the_ids() {
    let japanese = json(&[
        "--line",
        "フレッツ 光ネクスト ファミリータイプ",
        "--prefecture",
        "東京",
        "--collab",
        "はい",
        "--applied",
        "平成22年4月1日",
        "--v6",
        "未契約",
        "--customer-id",
        ID,
        "--multiple-lines",
        "いいえ",
    ]);
    let english = json(&[
        "--line",
        "next-family",
        "--prefecture",
        "13",
        "--collab",
        "yes",
        "--applied",
        "2010-04-01",
        "--v6",
        "not-contracted",
        "--customer-id",
        ID,
        "--multiple-lines",
        "no",
    ]);
    assert_eq!(japanese, english);
    // Line names with or without 「フレッツ」, in either width.
    for line in ["光ネクスト", "フレッツ光ネクスト", "ﾌﾚｯﾂ 光ﾈｸｽﾄ", "next"]
    {
        let v = json(&["--line", line, "--prefecture", "大阪", "--collab", "ｲｲｴ"]);
        assert_eq!(v["line"], "next", "{line}");
        assert_eq!(v["collab"], "no", "{line}");
    }
    for line in ["光クロス", "フレッツ 光クロス", "フレッツ　光クロス"] {
        assert_eq!(
            json(&["--line", line, "--prefecture", "13"])["line"],
            "cross"
        );
    }
}

#[test]
fn wakaranai_and_fumei_are_unknown_where_unknown_is_allowed() {
    let unknown = json(&[
        "--line",
        "next-family",
        "--prefecture",
        "13",
        "--applied",
        "unknown",
        "--customer-id",
        "unknown",
    ]);
    for word in ["不明", "わからない", "ワカラナイ", "ＵＮＫＮＯＷＮ"] {
        let v = json(&[
            "--line",
            "next-family",
            "--prefecture",
            "13",
            "--applied",
            word,
            "--customer-id",
            word,
        ]);
        assert_eq!(v, unknown, "{word}");
        assert_eq!(json(&["--line", word])["line"], "unknown", "{word}");
    }
}

#[test]
fn a_bad_choice_lists_the_values_in_japanese_and_english() {
    let (_, err) = input_error(&["--line", "unknown", "--collab", "たぶん", "--v6", "on"]);
    assert!(
        err.contains("コラボ光: 「たぶん」は使えません。はい (yes)、いいえ (no)、わからない (unknown) のどれかを指定してください"),
        "{err}"
    );
    assert!(
        err.contains("契約済み (contracted)、未契約 (not-contracted)、わからない (unknown)"),
        "{err}"
    );
    let (_, err) = input_error(&["--line", "ファイバー"]);
    assert!(
        err.contains("「ファイバー」という回線の種類はありません"),
        "{err}"
    );
    assert!(err.contains("フレッツ 光クロス (cross)"), "{err}");
}

#[test]
fn a_bad_date_or_id_says_unknown_is_allowed() {
    let (_, err) = input_error(&[
        "--line",
        "next-family",
        "--prefecture",
        "13",
        "--applied",
        "きのう",
        "--customer-id",
        "わからないです",
    ]);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(lines[0].starts_with("エラー: 申込日: "), "{err}");
    assert!(lines[1].starts_with("エラー: お客さまID: "), "{err}");
    for line in lines {
        assert!(
            line.ends_with("わからないときは unknown (または わからない) と指定してください"),
            "{line}"
        );
    }
}

#[test]
fn an_impossible_toml_date_in_an_answer_file_is_told_in_japanese() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.toml");
    std::fs::write(
        &file,
        "line = \"next-family\"\nprefecture = \"東京\"\napplied = 2012-13-01\n",
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let (_, err) = input_error(&["--answers", path]);
    assert!(
        err.contains(&format!(
            "{path}:3:11: 申込日 (applied): 2012年13月1日という日付はありません。月は1から12までです。"
        )),
        "{err}"
    );
    assert!(
        !err.contains("invalid") && !err.contains("expected"),
        "{err}"
    );
    // A TOML date the reader refuses for its form only is read like any typed date.
    std::fs::write(
        &file,
        "line = \"next-family\"\nprefecture = \"東京\"\napplied = 2010-4-01\n",
    )
    .unwrap();
    let v = json(&["--answers", path]);
    assert_eq!(v["applied"], "2010-04-01");
}

/// Runs the binary with `args`, expects exit 2 and returns stderr.
fn arguments_error(args: &[&str]) -> String {
    let o = run(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}");
    let err = stderr(&o);
    assert!(err.starts_with("エラー: "), "{args:?}: {err}");
    err
}

static PLACEHOLDER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[A-Z][A-Za-z0-9_.]*>").unwrap());

#[test]
fn a_missing_argument_is_named_in_japanese_with_an_example() {
    let err = arguments_error(&["list"]);
    assert!(
        err.starts_with(
            "エラー: 必要な指定がありません: 一覧の種類 (lines または prefectures)。例: oqs-line-check list lines\n"
        ),
        "{err}"
    );
    let err = arguments_error(&["batch"]);
    assert!(
        err.starts_with(
            "エラー: 必要な指定がありません: 読み込む CSV ファイル。例: oqs-line-check batch clinics.csv\n"
        ),
        "{err}"
    );
    let err = arguments_error(&["list", "cities"]);
    assert!(
        err.starts_with(
            "エラー: 一覧の種類 (lines または prefectures) の値「cities」は使えません。使える値: lines, prefectures"
        ),
        "{err}"
    );
}

#[test]
fn a_flag_without_its_value_says_so_with_an_example() {
    let err = arguments_error(&["check", "--line"]);
    assert!(
        err.starts_with(
            "エラー: --line (回線の種類) の値がありません。--line のあとに値を書いてください。例: --line next-family"
        ),
        "{err}"
    );
    assert!(
        !err.contains("使える値: \n") && !err.contains("「」"),
        "{err}"
    );
    let err = arguments_error(&["check", "--line", "next", "--format"]);
    assert!(
        err.contains("--format (出力の形式) の値がありません"),
        "{err}"
    );
    assert!(err.contains("使える値: text, json"), "{err}");
    let err = arguments_error(&["batch", "a.csv", "-o"]);
    assert!(
        err.contains("--output (結果を書き込むファイル) の値がありません"),
        "{err}"
    );
}

#[test]
fn no_placeholder_reaches_the_user_for_any_missing_argument() {
    let value_flags = [
        "--answers",
        "--line",
        "--prefecture",
        "--collab",
        "--applied",
        "--v6",
        "--customer-id",
        "--multiple-lines",
        "--rules",
        "--format",
    ];
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["batch"],
        vec!["list", "x"],
        vec!["batch", "a.csv", "--encoding"],
        vec!["batch", "a.csv", "--output"],
        vec!["batch", "a.csv", "--format"],
        vec!["list", "lines", "--format"],
        vec!["check", "--format", "json", "--format", "text"],
        vec!["batch", "a.csv", "--output", "x", "--output", "y"],
        vec!["list", "lines", "--format", "xml"],
    ];
    for flag in value_flags {
        cases.push(vec!["check", flag]);
        cases.push(vec![flag]);
    }
    for args in cases {
        let err = arguments_error(&args);
        assert!(!PLACEHOLDER.is_match(&err), "{args:?}: {err}");
        assert!(has_japanese(&err), "{args:?}: {err}");
        assert!(!err.contains("使える値: \n"), "{args:?}: {err}");
    }
}

#[test]
fn cross_with_v6_not_contracted_is_believed_confirm_then_contract() {
    let r = embedded::rules().unwrap();
    let args = [
        "--line",
        "cross",
        "--prefecture",
        "13",
        "--collab",
        "no",
        "--v6",
        "未契約",
        "--customer-id",
        "CAF0123456789",
    ];
    let out = text(&args);
    assert!(out.contains("申請の前に手続きが必要です"), "{out}");
    assert!(!out.contains(r.v6.always_on.as_str()), "{out}");
    assert!(out.contains(&r.v6.answered_missing), "{out}");
    assert!(
        out.contains("1. フレッツ・v6オプションを契約しているか確かめてください。"),
        "{out}"
    );
    assert!(
        out.contains("2. 1で契約がないとわかったときは、フレッツ・v6オプションを申し込んでください。\n   この接続方式ではフレッツ・v6オプションの契約が必要です。申し込み方は、問い合わせ先に聞いてください。"),
        "no page to order from for 光クロス: {out}"
    );
    let v = json(&args);
    assert_eq!(v["verdict"], "action_required");
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["actions"][0]["code"], "confirm_v6_option");
    assert_eq!(v["actions"][1]["code"], "contract_v6_option");
    assert_eq!(v["actions"][1]["url"], Value::Null);
    assert_eq!(v["notes"], serde_json::json!([]));
    // 契約済み agrees with the rule and わからない changes nothing: said under the verdict.
    let mut contracted = args;
    contracted[7] = "contracted";
    assert_eq!(json(&contracted)["notes"], serde_json::json!([]));
    assert_eq!(json(&contracted)["v6_option"], "default_on");
    let mut unknown = args;
    unknown[7] = "unknown";
    assert_eq!(json(&unknown)["notes"], serde_json::json!([r.v6.always_on]));
    assert_eq!(json(&unknown)["verdict"], "ready");
}

#[test]
fn v6_not_contracted_after_the_cut_off_is_confirmed_then_contracted() {
    let r = embedded::rules().unwrap();
    for (pref, applied, url) in [
        ("13", "2013-01-01", EAST_URL),
        ("大阪", "2022-01-01", WEST_URL),
    ] {
        let args = [
            "--line",
            "next-family",
            "--collab",
            "no",
            "--prefecture",
            pref,
            "--applied",
            applied,
            "--v6",
            "not-contracted",
            "--customer-id",
            "CAF0123456789",
            "--multiple-lines",
            "no",
        ];
        let out = text(&args);
        assert!(out.contains("申請の前に手続きが必要です"), "{out}");
        assert!(out.contains(&r.v6.answered_missing), "{out}");
        assert!(
            out.contains(
                "2. 1で契約がないとわかったときは、フレッツ・v6オプションを申し込んでください。"
            ),
            "{out}"
        );
        assert!(!out.contains("より前に申し込んだ回線"), "{out}");
        let v = json(&args);
        let codes: Vec<&str> = v["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            [
                "confirm_v6_option",
                "contract_v6_option",
                "apply_on_portal",
                "check_auto_reply_email"
            ]
        );
        assert_eq!(v["actions"][1]["url"], url);
    }
    // Before the cut-off 未契約 is what the rule expects: contract, nothing to confirm.
    let v = json(&[
        "--line",
        "next-family",
        "--prefecture",
        "13",
        "--applied",
        "2010-01-01",
        "--v6",
        "not-contracted",
        "--customer-id",
        ID,
    ]);
    assert_eq!(v["actions"][0]["code"], "contract_v6_option");
    assert_eq!(
        v["actions"][0]["text"],
        "フレッツ・v6オプションを申し込んでください。"
    );
}

// ---------------------------------------------------------------------------------------------
// お客さまID as people type it.

/// `check --customer-id ID` for a 光ネクスト line in `pref`, in JSON: exit 2, the one error on
/// the お客さまID with its code; returns the message (also on stderr).
fn id_error(pref: &str, id: &str, code: &str) -> String {
    let (out, err) = input_error(&[
        "--line",
        "next-family",
        "--prefecture",
        pref,
        "--customer-id",
        id,
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v["errors"][0]["field"], "customer_id", "{v}");
    assert_eq!(v["errors"][0]["code"], code, "{id}: {v}");
    let message = v["errors"][0]["message"].as_str().unwrap().to_string();
    assert!(message.starts_with("お客さまID: "), "{message}");
    assert!(err.contains(&message), "{err}");
    message
}

#[test]
fn kana_from_the_ime_names_the_id_meant() {
    let m = id_error("東京", "かｆ０１２３４５６７８９", "ime_kana");
    assert!(
        m.contains("日本語入力がオンのまま入力されたようです"),
        "{m}"
    );
    assert!(m.contains("半角英数に切り替えて"), "{m}");
    assert!(m.contains("「CAF0123456789」ではありませんか"), "{m}");
    let m = id_error("13", "ｃおｐ01234567", "ime_kana");
    assert!(m.contains("「COP01234567」ではありませんか"), "{m}");
}

#[test]
fn numbers_that_are_no_id_name_the_mix_up() {
    let m = id_error("大阪", "0120-116-116", "phone_number");
    assert!(
        m.contains("NTT西日本 (フレッツ光の契約情報の確認窓口)の電話番号です"),
        "{m}"
    );
    assert!(
        m.contains("回線終端装置 (ONU) のシールに書かれている"),
        "{m}"
    );
    let m = id_error("東京", "090-1234-5678", "phone_number");
    assert!(m.contains("電話番号のようです"), "{m}");
    assert!(
        m.contains("「開通のご案内」や回線終端装置 (ONU) のシール"),
        "{m}"
    );
    let m = id_error("東京", "E1234567890", "approval_number");
    assert!(
        m.contains("転用承諾番号や事業者変更承諾番号かもしれません"),
        "{m}"
    );
    let m = id_error("東京", "12345678901", "missing_prefix");
    assert!(
        m.contains("電話番号やほかの書類の番号かもしれません"),
        "{m}"
    );
}

#[test]
fn the_three_mended_id_messages() {
    let m = id_error("東京", "CAAF0123456789", "prefix_typo");
    assert!(m.contains("「CAAF」ではなく「CAF」ではありませんか"), "{m}");
    let m = id_error("東京", "COP0123456789", "too_many_digits");
    assert!(
        m.contains("書類のお客さまIDが「CAF」で始まるなら「CAF0123456789」です"),
        "{m}"
    );
    let m = id_error("東京", "CAF01234567", "too_few_digits");
    assert!(
        m.contains("数字8桁のお客さまIDは「COP」で始まります"),
        "{m}"
    );
}

#[test]
fn a_rewritten_id_is_said_in_text_and_json() {
    let args = [
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--applied",
        "2020-01-01",
        "--v6",
        "contracted",
        "--customer-id",
        "ｃａｆ-0123-456789",
    ];
    let note = "入力「ｃａｆ-0123-456789」は「CAF0123456789」として扱いました。全角の文字を半角にしました。空白やハイフンを取り除きました。小文字を大文字にしました。ポータルサイトには、お客さまIDを半角大文字の英字と半角数字で、空白やハイフンを入れずに入力してください。";
    let v = json(&args);
    assert_eq!(v["portal"]["customer_id"], ID);
    assert_eq!(v["portal"]["customer_id_note"], note);
    let out = text(&args);
    assert!(out.contains(&format!("== 補足 ==\n{note}\n")), "{out}");
    // Typed as the portal wants it: nothing to say, and the field is null.
    let mut exact = args;
    exact[9] = ID;
    let v = json(&exact);
    assert!(v["portal"]["customer_id_note"].is_null(), "{v}");
    assert!(!text(&exact).contains("として扱いました"));
}

#[cfg(unix)]
#[test]
fn a_flag_value_that_is_not_utf8_is_reported_by_its_flag() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let bad = OsStr::from_bytes(b"\x93\x8c\x8b\x9e");
    let mut joined = b"--prefecture=".to_vec();
    joined.extend_from_slice(bad.as_bytes());
    for args in [
        vec![OsStr::new("check"), OsStr::new("--prefecture"), bad],
        vec![OsStr::new("check"), OsStr::from_bytes(&joined)],
    ] {
        let o = Command::new(BIN)
            .args(&args)
            .args(["--format", "json"])
            .output()
            .expect("run");
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        assert!(
            err.contains(
                "エラー: --prefecture (都道府県) の値に UTF-8 でない文字が含まれています。"
            ),
            "{args:?}: {err}"
        );
        let v: Value = serde_json::from_slice(&o.stdout).expect("json");
        assert_eq!(v["errors"][0]["field"], "prefecture", "{v}");
    }
}

/// 医療機関名: optional, normalised, on the text's first line and in the JSON; a name with a
/// control character is an input error naming the field.
#[test]
fn the_clinic_name_is_shown_and_checked() {
    let args = [
        "--line",
        "commufa",
        "--clinic-name",
        "  ｻｸﾗ内科　クリニック ",
    ];
    let out = text(&args);
    assert!(
        out.starts_with("医療機関名: サクラ内科 クリニック\n"),
        "{out}"
    );
    let v = json(&args);
    assert_eq!(v["clinic_name"], "サクラ内科 クリニック");
    assert_eq!(json(&["--line", "commufa"])["clinic_name"], Value::Null);
    assert!(!text(&["--line", "commufa"]).contains("医療機関名"));

    let o = run(&[
        "check",
        "--line",
        "commufa",
        "--clinic-name",
        "さくら\u{1b}[2J",
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("医療機関名"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
    let long = "あ".repeat(51);
    let o = run(&["check", "--line", "commufa", "--clinic-name", &long]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("50文字まで"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// Dates as people know them: the source's cut-offs are 平成24年5月29日 (East) and 令和3年5月11日
// (West).

fn east(extra: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = [
        "--line",
        "next-family",
        "--prefecture",
        "東京",
        "--customer-id",
        ID,
        "--multiple-lines",
        "no",
    ]
    .map(String::from)
    .to_vec();
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

fn json_of(args: &[String]) -> Value {
    json(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn a_year_or_month_wholly_on_one_side_decides_as_a_day_does() {
    for (applied, v6, precision) in [
        ("2010年", "contract_required", "year"),
        ("H22", "contract_required", "year"),
        ("平成二十二年", "contract_required", "year"),
        ("2012/4", "contract_required", "month"),
        ("2012年6月", "default_on", "month"),
        ("H24.6", "default_on", "month"),
        ("2013", "default_on", "year"),
    ] {
        let v = json_of(&east(&["--applied", applied]));
        assert_eq!(v["v6_option"], v6, "{applied}");
        assert!(v["applied"].is_null(), "{applied}: {}", v["applied"]);
        assert_eq!(v["applied_period"]["precision"], precision, "{applied}");
        assert_eq!(v["notes"], serde_json::json!([]), "{applied}");
    }
    let v = json_of(&east(&["--applied", "2012年6月"]));
    assert_eq!(v["applied_period"]["first"], "2012-06-01");
    assert_eq!(v["applied_period"]["last"], "2012-06-30");
    // West: the month before 令和3年5月 is before its cut-off.
    let v = json(&[
        "--line",
        "next",
        "--prefecture",
        "大阪",
        "--applied",
        "R3.4",
        "--customer-id",
        ID,
    ]);
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["verdict"], "action_required");
}

#[test]
fn a_month_that_contains_the_cut_off_leaves_the_option_unknown_and_says_why() {
    let v = json_of(&east(&["--applied", "2012年5月"]));
    assert_eq!(v["verdict"], "confirm");
    assert_eq!(v["v6_option"], "unknown");
    assert_eq!(codes(&v)[0], "confirm_v6_option");
    let note = v["notes"][0].as_str().unwrap();
    assert!(note.starts_with("申込日 2012年5月 (平成24年): "), "{note}");
    assert!(note.contains("2012年5月29日 (平成24年) 以降"), "{note}");
    assert!(note.contains("何日に申し込んだかで決まります"), "{note}");
    let out = text(
        &east(&["--applied", "2012年5月"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(out.contains("何日に申し込んだかで決まります"), "{out}");
    // May 2021 is the West's month; in the East it is long after the cut-off.
    let v = json(&[
        "--line",
        "next",
        "--prefecture",
        "大阪",
        "--applied",
        "令和3年5月",
        "--customer-id",
        ID,
    ]);
    assert_eq!(v["v6_option"], "unknown");
    assert!(
        v["notes"][0].as_str().unwrap().contains("2021年5月11日"),
        "{}",
        v["notes"]
    );
    assert_eq!(
        json_of(&east(&["--applied", "令和3年5月"]))["v6_option"],
        "default_on"
    );
}

#[test]
fn kanji_numerals_and_a_weekday_are_read_and_the_day_kept_as_iso() {
    let v = json_of(&east(&["--applied", " 平成二十四年五月二十九日（火） "]));
    assert_eq!(v["applied"], "2012-05-29");
    assert_eq!(v["applied_period"]["precision"], "day");
    assert_eq!(v["v6_option"], "default_on");
    let v = json_of(&east(&["--applied", "2012年5月28日(月)"]));
    assert_eq!(v["applied"], "2012-05-28");
    assert_eq!(v["v6_option"], "contract_required");
}

#[test]
fn a_wrong_weekday_or_an_impossible_month_is_exit_2_on_the_date() {
    let mut all = vec!["check".to_string()];
    all.extend(east(&["--applied", "2012年5月29日(水)"]));
    let o = run(&all.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("申込日: 2012年5月29日は火曜日です"), "{err}");
    let mut all = vec!["check".to_string()];
    all.extend(east(&["--applied", "2012年13月"]));
    let o = run(&all.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("月は1から12までです"), "{}", stderr(&o));
}

#[test]
fn an_opened_day_before_the_cut_off_settles_the_rule_as_off() {
    let v = json_of(&east(&["--opened", "2012-05-20"]));
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["verdict"], "action_required");
    assert_eq!(v["opened"], "2012-05-20");
    assert!(v["applied"].is_null());
    let note = v["notes"][0].as_str().unwrap();
    assert!(
        note.starts_with("開通日 2012年5月20日 (平成24年): "),
        "{note}"
    );
    assert!(note.contains("申込日もそれより前です"), "{note}");
    // A month of 開通日 that contains the cut-off, with a 申込日 month: still settled by the
    // 開通日 when it is before.
    let v = json_of(&east(&["--applied", "2012年5月", "--opened", "2012/5/28"]));
    assert_eq!(v["v6_option"], "contract_required");
}

#[test]
fn an_opened_day_on_or_after_the_cut_off_tells_nothing() {
    let v = json_of(&east(&["--opened", "2012年6月"]));
    assert_eq!(v["v6_option"], "unknown");
    assert_eq!(v["verdict"], "confirm");
    assert!(v["opened"].is_null());
    assert_eq!(v["opened_period"]["precision"], "month");
    let note = v["notes"][0].as_str().unwrap();
    assert!(note.contains("開通日だけでは決まりません"), "{note}");
    // A 申込日 that settles it is not overruled.
    let v = json_of(&east(&["--applied", "2010", "--opened", "2012年6月"]));
    assert_eq!(v["v6_option"], "contract_required");
    assert_eq!(v["notes"], serde_json::json!([]));
}

/// A 開通日 month that contains the cut-off: a day before it would settle the rule, so the day
/// decides, and the note says so (not that the 開通日 is after the cut-off).
#[test]
fn an_opened_month_that_contains_the_cut_off_leaves_it_to_the_day() {
    let v = json_of(&east(&["--opened", "2012年5月"]));
    assert_eq!(v["v6_option"], "unknown");
    let note = v["notes"][0].as_str().unwrap();
    assert!(note.starts_with("開通日 2012年5月 (平成24年): "), "{note}");
    assert!(
        note.contains("開通日がその日より前かどうかで決まります"),
        "{note}"
    );
    assert!(!note.contains("その日以降でも"), "{note}");
}

#[test]
fn an_opened_day_before_the_applied_day_is_exit_2_on_opened() {
    let mut all = vec!["check".to_string()];
    all.extend(east(&["--applied", "2012-06-10", "--opened", "2012-06-01"]));
    let o = run(&all.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("開通日: 開通日 (2012年6月1日) が申込日 (2012年6月10日) より前です"),
        "{err}"
    );
}

#[test]
fn collabo_with_commufa_or_bbiq_is_an_input_error_naming_the_collab_field() {
    for (line, name) in [("commufa", "ビジネスコムファ光"), ("bbiq", "BBIQ")] {
        let (out, err) = input_error(&["--line", line, "--collab", "yes", "--prefecture", "23"]);
        assert!(out.is_empty(), "{out}");
        assert!(
            err.starts_with(&format!(
                "エラー: コラボ光: コラボ光と{name}の両方は当てはまりません。"
            )),
            "{err}"
        );
        // How to tell the two apart, and what each answer becomes.
        assert!(err.contains("CTC") && err.contains("QTnet"), "{err}");
        assert!(err.contains("「いいえ」(no)"), "{err}");
        let o = run(&[
            "check", "--line", line, "--collab", "はい", "--format", "json",
        ]);
        assert_eq!(o.status.code(), Some(2));
        let v: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["errors"][0]["field"], "collab");
        assert_eq!(v["errors"][0]["code"], "not_collabo_line");
        // No longer a category 2 verdict for a コラボ光 line; 「いいえ」 or 「わからない」 is fine.
        for collab in ["no", "unknown"] {
            let v = json(&["--line", line, "--collab", collab]);
            assert_eq!(v["portal"]["line_category"], 2);
        }
    }
}

#[test]
fn collabo_with_commufa_in_an_answer_file_is_refused_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "line = \"ビジネスコムファ光\"\ncollab = \"はい\"\nprefecture = \"愛知県\"\n",
    )
    .unwrap();
    let o = Command::new(BIN)
        .args(["check", "--answers", "a.toml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("コラボ光とビジネスコムファ光の両方は当てはまりません"),
        "{err}"
    );
    assert!(
        err.contains("collab"),
        "the answer file's key is named: {err}"
    );
}

#[test]
fn commufa_or_bbiq_outside_its_region_is_said_in_the_notes_and_the_text() {
    let cases = [
        (
            "bbiq",
            "東京都",
            "BBIQは九州地区 (福岡県、佐賀県、長崎県、熊本県、大分県、宮崎県、鹿児島県) の回線ですが、答えた都道府県は東京都です。",
        ),
        (
            "commufa",
            "大阪府",
            "ビジネスコムファ光は中部地区 (愛知県、岐阜県、三重県、静岡県、長野県) の回線ですが、答えた都道府県は大阪府です。",
        ),
    ];
    // Under the verdict of both lines: they are IP-VPN too (portal category 2's note).
    let ip_vpn = serde_json::json!(embedded::rules().unwrap().portal_category(2).unwrap().note);
    for (line, pref, note) in cases {
        let v = json(&["--line", line, "--prefecture", pref]);
        let notes = v["notes"].as_array().unwrap();
        assert_eq!(notes.len(), 2, "{v}");
        assert_eq!(notes[0], ip_vpn, "{v}");
        let n = notes[1].as_str().unwrap();
        assert!(n.starts_with(note), "{n}");
        assert!(
            n.ends_with("申請の前に、都道府県と回線の種類が正しいか確かめてください。"),
            "{n}"
        );
        // Said, not refused: the verdict and category stand.
        assert_eq!(v["verdict"], "other_method");
        assert_eq!(v["portal"]["line_category"], 2);
        // To check before applying: on the first page, under the verdict, and not again.
        assert_eq!(v["key_notes"], serde_json::json!([ip_vpn, n]));
        let out = text(&["--line", line, "--prefecture", pref]);
        assert!(
            section(&out, "判定: 別の接続方式です").contains(note),
            "{out}"
        );
        assert_eq!(out.matches(note).count(), 1, "{out}");
    }
    // Inside the region, or with no prefecture: nothing to say on the prefecture.
    for args in [
        ["--line", "bbiq", "--prefecture", "福岡県"],
        ["--line", "commufa", "--prefecture", "長野"],
        ["--line", "commufa", "--prefecture", "unknown"],
    ] {
        assert_eq!(
            json(&args)["notes"],
            serde_json::json!([ip_vpn]),
            "{args:?}"
        );
    }
}

#[test]
fn a_customer_id_for_a_line_that_takes_none_is_left_out_with_a_note() {
    let rules = embedded::rules().unwrap();
    let note = &rules.customer_id.not_taken;
    // Any text at all, even one that is no ID: never an error for these lines.
    for line in ["commufa", "bbiq", "ipsec", "other", "other-flets"] {
        // CTC's and QTnet's lines are said to be IP-VPN too, first.
        let category: Vec<String> = rules
            .line(line)
            .and_then(|l| l.line_category)
            .and_then(|c| rules.portal_category(c))
            .and_then(|c| c.note.clone())
            .into_iter()
            .collect();
        for id in [ID, "CAF123", "09012345678", "ｃａｆ"] {
            let args = ["--line", line, "--customer-id", id];
            let v = json(&args);
            assert_eq!(v["customer_id"], Value::Null, "{line} {id}");
            assert_eq!(v["portal"]["customer_id"], Value::Null, "{line} {id}");
            let mut want = category.clone();
            want.push(note.clone());
            assert_eq!(v["notes"], serde_json::json!(want), "{line} {id}");
            assert_eq!(v["key_notes"], serde_json::json!(want), "{line} {id}");
            let out = text(&args);
            let verdict = out.split("\n\n").next().unwrap_or_default();
            assert!(verdict.ends_with(note.as_str()), "{out}");
            assert_eq!(out.matches(note.as_str()).count(), 1, "{out}");
            assert!(!out.contains(id), "the ID is not shown: {out}");
        }
        // わからない is no ID: nothing to say of it.
        let v = json(&["--line", line, "--customer-id", "unknown"]);
        assert_eq!(v["notes"], serde_json::json!(category), "{line}");
    }
    // A line that takes one still refuses a bad ID; an unknown line still checks it.
    for line in ["cross", "unknown"] {
        let (_, err) = input_error(&[
            "--line",
            line,
            "--prefecture",
            "13",
            "--customer-id",
            "CAF123",
        ]);
        assert!(err.contains("お客さまID"), "{err}");
    }
}

#[test]
fn the_checklist_shows_for_categories_2_and_3_the_items_that_concern_them() {
    let r = embedded::rules().unwrap();
    let text_of = |id: &str| {
        r.wrong_applications
            .iter()
            .find(|w| w.id == id)
            .map(|w| w.text.clone())
            .unwrap()
    };
    for (line, first) in [
        ("commufa", "collabo-chose-2"),
        ("bbiq", "collabo-chose-2"),
        ("ipsec", "flets-chose-3"),
    ] {
        let v = json(&["--line", line]);
        let list = v["wrong_applications"].as_array().unwrap();
        assert_eq!(list.len(), 1, "{line}: {v}");
        assert_eq!(list[0], text_of(first).as_str(), "{line}");
        let out = text(&["--line", line]);
        assert!(
            out.contains(&format!(
                "== よくある申請の誤り ==\n送信する前に、次の誤りがないか確かめてください:\n   [ ] {}\n\n",
                text_of(first)
            )),
            "{out}"
        );
    }
    // Category 1: the rules' order. No category: no checklist.
    let v = json(&["--line", "cross", "--prefecture", "13"]);
    assert_eq!(
        v["wrong_applications"][0],
        text_of("collabo-chose-2").as_str()
    );
    for line in ["other", "other-flets"] {
        assert_eq!(
            json(&["--line", line])["wrong_applications"],
            serde_json::json!([])
        );
    }
}

#[test]
fn the_contract_step_says_the_option_is_free_and_what_it_is_for_in_both_areas() {
    let r = embedded::rules().unwrap();
    for (pref, applied) in [("13", "2010-01-01"), ("大阪", "2020-01-01")] {
        for collab in ["yes", "no", "unknown"] {
            let args = [
                "--line",
                "next-family",
                "--prefecture",
                pref,
                "--applied",
                applied,
                "--v6",
                "not-contracted",
                "--collab",
                collab,
                "--customer-id",
                ID,
            ];
            let v = json(&args);
            let contract = &v["actions"][0];
            assert_eq!(contract["code"], "contract_v6_option");
            let steps: Vec<&str> = contract["steps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect();
            assert!(
                steps.contains(&r.v6.about.as_str()),
                "{pref} {collab}: {steps:?}"
            );
            assert!(r.v6.about.contains("利用料無料"));
            // コラボ光: no confirmation needed, and what to ask the operator.
            let collabo = [
                r.collabo.no_confirmation_needed.as_str(),
                r.collabo.ask_only.as_str(),
            ];
            for s in collabo {
                assert_eq!(
                    steps.contains(&s),
                    collab == "yes",
                    "{pref} {collab}: {steps:?}"
                );
            }
            if collab == "yes" {
                let out = text(&args);
                assert!(out.contains("事前確認は原則不要です。"), "{out}");
                assert!(
                    out.contains(&format!("   - {}\n", r.collabo.ask_only)),
                    "{out}"
                );
            }
        }
    }
}

/// Rows an 80-column terminal takes to show `t`, each line wrapped where it runs out.
fn rows_at_80(t: &str) -> usize {
    t.lines()
        .map(|l| unicode_width::UnicodeWidthStr::width(l).div_ceil(80).max(1))
        .sum()
}

/// The longest cases: everything before the details fits the first page of an 80x24 terminal
/// (with a row for the prompt), and it holds the verdict, every step in a line with its page or
/// number, the portal's entries and whom to call first with the number and hours.
#[test]
fn the_summary_is_the_first_page_of_the_text() {
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &[
                "--line",
                "unknown",
                "--collab",
                "unknown",
                "--applied",
                "unknown",
                "--v6",
                "unknown",
                "--customer-id",
                "unknown",
                "--multiple-lines",
                "unknown",
            ],
            &[
                "== 判定: 確認が必要です ==",
                "1. 回線の種類を確かめる: 電話 0120-116-116\n2. 種類がわかったらもう一度チェック\n3. 一覧表の問い合わせ先に接続のしかたを聞く\n   https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf\n",
                "電気通信回線種別: 回線の種類がわかってから決まります",
                "== まず問い合わせる先 ==\nNTT東日本 (フレッツ光の契約情報の確認窓口)\n   電話: 0120-116-116 / 受付: 午前9時から午後5時、年末年始を除く\n",
            ],
        ),
        (
            &[
                "--line",
                "next-family",
                "--prefecture",
                "東京都",
                "--applied",
                "2010-04-01",
                "--v6",
                "unknown",
                "--customer-id",
                "unknown",
                "--multiple-lines",
                "unknown",
            ],
            &[
                "== 判定: 確認が必要です ==",
                "1. v6オプションの契約を確かめる: 電話 0120-116-116\n2. 契約がなければv6オプションを申し込む: https://flets.com/v6option/flow.html\n3. お客さまIDを確かめる\n4. 接続する回線のお客さまIDを使う\n5. ポータルサイトで申請する\n6. 自動返信メールで申請内容を確かめる\n",
                "== 医療機関等向けポータルサイトで入力する内容 ==\n電気通信回線種別: 1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)\nお客さまID: 確かめたお客さまIDを「半角大文字」で入力\n",
                "== まず問い合わせる先 ==\nNTT東日本 (フレッツ光の契約情報の確認窓口)\n   電話: 0120-116-116 / 受付: 午前9時から午後5時、年末年始を除く\n",
            ],
        ),
        (
            &[
                "--line",
                "cross",
                "--prefecture",
                "大阪府",
                "--collab",
                "yes",
                "--customer-id",
                "unknown",
                "--multiple-lines",
                "unknown",
            ],
            &[
                "== 判定: 確認が必要です ==",
                "1. お客さまIDを確かめる\n2. 接続する回線のお客さまIDを使う\n3. ポータルサイトで申請する\n4. 自動返信メールで申請内容を確かめる\n",
                "お客さまID: 確かめたお客さまIDを「半角大文字」で入力\n",
                "== まず問い合わせる先 ==\nご契約中のコラボ光の事業者\n   URL: https://flets-w.com/collabo/list/index.php\n",
            ],
        ),
        (
            &["--line", "commufa", "--prefecture", "愛知県"],
            &[
                "== 判定: 別の接続方式です ==",
                "1. 一覧表の問い合わせ先に接続のしかたを聞く\n   https://www.ssk.or.jp/seikyushiharai/online/online_04.files/claimsys35.pdf\n2. ポータルサイトで申請する\n3. 自動返信メールで申請内容を確かめる\n",
                "この回線もIP-VPN接続ですが、フレッツ光ではありません。",
                "== 医療機関等向けポータルサイトで入力する内容 ==\n電気通信回線種別: 2：IP-VPN回線事業者(CTC・QTnetに限る)\n",
            ],
        ),
    ];
    for (args, wanted) in cases {
        let t = text(args);
        let summary = &t[..t.len() - details(&t).len()];
        assert!(rows_at_80(summary) <= 23, "{args:?}:\n{summary}");
        for w in wanted {
            assert!(summary.contains(w), "{w}\nnot in\n{summary}");
        }
        // The portal's entries are not said again below it.
        let after = details(&t);
        assert!(!after.contains("電気通信回線種別: "), "{after}");
        assert!(!after.contains("お客さまID: "), "{after}");
    }
}
