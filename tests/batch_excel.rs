//! `batch`'s result as a technician opens it: by a double-click in Japanese Excel. Each test
//! decodes the bytes as Excel does (a UTF-8 BOM means UTF-8; without one, Japanese Excel reads
//! Windows-31J), and checks where the result may and may not be written.

use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

/// Three clinics: one to act on (an old East line, its ID typed full-width), one ready (a West
/// コラボ光 line, its ID in lower case with hyphens), one whose ID is wrong.
const CLINICS: &str = "\
医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線
さくら内科,next-family,東京都,no,2010-04-01,unknown,ＣＡＦ０１２３４５６７８９,no
=みなと歯科,cross,大阪府,yes,,,caf-1234-567-890,no
ひかり薬局,next-mansion,北海道,no,2015-06-01,,COP0123,no
";

fn dir_with(name: &str, bytes: &[u8]) -> TempDir {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join(name), bytes).expect("write");
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
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The bytes as Japanese Excel reads a CSV: UTF-8 after a BOM, Windows-31J without one.
fn as_excel_reads(bytes: &[u8]) -> String {
    match bytes.strip_prefix("\u{feff}".as_bytes()) {
        Some(utf8) => String::from_utf8(utf8.to_vec()).expect("UTF-8 after the BOM"),
        None => {
            let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
            assert!(!bad, "bytes that are not Windows-31J");
            text.into_owned()
        }
    }
}

fn cells(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_string).collect())
        .collect()
}

/// The cell of `row` under `heading`.
fn cell<'a>(rows: &'a [Vec<String>], row: usize, heading: &str) -> &'a str {
    let i = rows[0]
        .iter()
        .position(|h| h == heading)
        .unwrap_or_else(|| panic!("no heading {heading} in {:?}", rows[0]));
    &rows[row][i]
}

/// Every line ends with CRLF, and no LF stands alone.
fn assert_crlf(bytes: &[u8]) {
    assert!(bytes.ends_with(b"\r\n"));
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' {
            assert_eq!(bytes[i - 1], b'\r', "a bare LF at byte {i}");
        }
    }
}

#[test]
fn by_default_utf8_with_a_bom_crlf_and_japanese_headings_and_values() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(dir.path(), &["batch", "c.csv"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "one row has an error: {}",
        stderr(&o)
    );
    assert!(o.stdout.starts_with("\u{feff}".as_bytes()), "a BOM first");
    assert_crlf(&o.stdout);
    let rows = cells(&as_excel_reads(&o.stdout));
    assert_eq!(
        rows[0],
        [
            "行",
            "医療機関名",
            "判定",
            "フレッツ・v6オプション",
            "電気通信回線種別",
            "お客さまID",
            "お客さまIDの書き直し",
            "やること",
            "問い合わせ先",
            "電話番号",
            "注意",
            "エラーの項目",
            "エラー",
        ]
    );
    assert_eq!(cell(&rows, 1, "医療機関名"), "さくら内科");
    assert_eq!(cell(&rows, 1, "判定"), "申請の前に手続きが必要です");
    assert_eq!(cell(&rows, 1, "フレッツ・v6オプション"), "申し込みが必要");
    assert_eq!(
        cell(&rows, 1, "電気通信回線種別"),
        "1：IP-VPN回線事業者(NTTなど。ただし、CTC・QTnetを除く)"
    );
    assert_eq!(cell(&rows, 1, "お客さまID"), "CAF0123456789");
    // What was rewritten, as the wizard's preview says it.
    assert_eq!(
        cell(&rows, 1, "お客さまIDの書き直し"),
        "書き直しあり (全角の文字を半角にしました)"
    );
    assert_eq!(
        cell(&rows, 2, "お客さまIDの書き直し"),
        "書き直しあり (空白やハイフンを取り除きました、小文字を大文字にしました)"
    );
    assert_eq!(cell(&rows, 3, "お客さまIDの書き直し"), "");
    assert_eq!(
        cell(&rows, 1, "やること"),
        "1. v6オプションの契約を確かめる / 2. 契約がなければv6オプションを申し込む / 3. ポータルサイトで申請する / 4. 自動返信メールで申請内容を確かめる"
    );
    assert!(cell(&rows, 1, "問い合わせ先").starts_with("NTT東日本"));
    assert_eq!(cell(&rows, 1, "電話番号"), "0120-116-116");
    // A コラボ光 line: its operator first, through the area's list; no phone number of theirs.
    assert!(cell(&rows, 2, "問い合わせ先").starts_with("ご契約中のコラボ光の事業者"));
    assert!(cell(&rows, 2, "問い合わせ先").contains("https://flets-w.com/"));
    assert_eq!(cell(&rows, 2, "電話番号"), "");
    // The error row: the field by its Japanese name, no verdict.
    assert_eq!(cell(&rows, 3, "判定"), "");
    assert_eq!(cell(&rows, 3, "エラーの項目"), "お客さまID");
    assert!(cell(&rows, 3, "エラー").contains("お客さまID"));
}

#[test]
fn shift_jis_for_older_excel_and_an_error_row_for_what_it_cannot_hold() {
    let csv = format!("{CLINICS}えがお\u{1F600}クリニック,cross,大阪府,no,,,CAF1234567890,no\n");
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_in(
        dir.path(),
        &["batch", "c.csv", "--output-encoding", "shift_jis"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        !o.stdout.starts_with("\u{feff}".as_bytes()),
        "no BOM in Shift_JIS"
    );
    assert!(std::str::from_utf8(&o.stdout).is_err(), "not UTF-8");
    assert_crlf(&o.stdout);
    let rows = cells(&as_excel_reads(&o.stdout));
    assert_eq!(rows[0][1], "医療機関名");
    assert_eq!(cell(&rows, 1, "医療機関名"), "さくら内科");
    assert_eq!(cell(&rows, 1, "判定"), "申請の前に手続きが必要です");
    // Never a silent 「?」: the row says what it could not write and how to get it.
    assert_eq!(cell(&rows, 4, "行"), "5");
    assert_eq!(cell(&rows, 4, "医療機関名"), "えがお〓クリニック");
    assert_eq!(cell(&rows, 4, "判定"), "");
    assert_eq!(cell(&rows, 4, "エラーの項目"), "行全体");
    let error = cell(&rows, 4, "エラー");
    assert!(
        error.contains("Shift_JIS で書けない文字 (U+1F600)"),
        "{error}"
    );
    assert!(error.contains("--output-encoding utf-8-bom"), "{error}");
    assert!(!rows.iter().flatten().any(|c| c.contains('?')), "{rows:?}");
    assert!(stderr(&o).contains("  エラー: 2 件"), "{}", stderr(&o));
}

#[test]
fn a_name_a_spreadsheet_would_run_stays_text_in_both_encodings() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    for encoding in ["utf-8-bom", "shift_jis"] {
        let o = run_in(
            dir.path(),
            &["batch", "c.csv", "--output-encoding", encoding],
        );
        let rows = cells(&as_excel_reads(&o.stdout));
        assert_eq!(cell(&rows, 2, "医療機関名"), "'=みなと歯科", "{encoding}");
    }
}

#[test]
fn keys_headings_keep_the_ids_scripts_read() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(dir.path(), &["batch", "c.csv", "--headings", "keys"]);
    let rows = cells(&as_excel_reads(&o.stdout));
    assert_eq!(
        rows[0][..10],
        [
            "row",
            "name",
            "verdict",
            "verdict_label",
            "v6_option",
            "line_category",
            "customer_id",
            "actions",
            "error_fields",
            "errors"
        ]
    );
    assert_eq!(cell(&rows, 1, "verdict"), "action_required");
    assert_eq!(cell(&rows, 1, "v6_option"), "contract_required");
    assert_eq!(cell(&rows, 1, "line_category"), "1");
    assert_eq!(
        cell(&rows, 1, "actions"),
        "confirm_v6_option contract_v6_option apply_on_portal check_auto_reply_email"
    );
    assert_eq!(cell(&rows, 1, "customer_id_rewritten"), "true");
    assert_eq!(cell(&rows, 3, "error_fields"), "customer_id");
    assert_eq!(cell(&rows, 1, "phone"), "0120-116-116");
}

#[test]
fn json_lines_gain_the_contact_and_the_rewrite_and_stay_utf8() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(dir.path(), &["batch", "c.csv", "--format", "json"]);
    assert!(!o.stdout.starts_with("\u{feff}".as_bytes()));
    let rows: Vec<Value> = String::from_utf8(o.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(rows[0]["verdict"], "action_required");
    assert_eq!(rows[0]["customer_id_rewritten"], true);
    assert_eq!(
        rows[0]["customer_id_notices"],
        serde_json::json!(["fullwidth"])
    );
    assert_eq!(
        rows[1]["customer_id_notices"],
        serde_json::json!(["separators", "lowercase"])
    );
    assert_eq!(rows[2]["customer_id_notices"], serde_json::json!([]));
    assert_eq!(rows[0]["contact"]["phone"], "0120-116-116");
    assert!(
        rows[1]["contact"]["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://flets-w.com/"))
    );
    assert_eq!(rows[1]["contact"]["phone"], Value::Null);
    assert_eq!(rows[2]["contact"], Value::Null);
}

#[test]
fn the_summary_counts_the_rewritten_ids() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(dir.path(), &["batch", "c.csv"]);
    assert!(
        stderr(&o).contains("お客さまIDを半角大文字に書き直した行: 2 件"),
        "{}",
        stderr(&o)
    );
    // Japanese headings, Japanese summary: no ids, the error column by its heading.
    let err = stderr(&o);
    assert!(err.lines().any(|l| l == "  申請できます: 1 件"), "{err}");
    assert!(err.lines().any(|l| l == "  エラー: 1 件"), "{err}");
    assert!(err.contains("内容は結果の「エラー」列にあります"), "{err}");
    assert!(!err.contains("(ready)"), "{err}");
}

#[test]
fn the_output_encoding_is_for_csv_only() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--format",
            "json",
            "--output-encoding",
            "shift_jis",
        ],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(
        stderr(&o)
            .contains("--output-encoding (結果の CSV の文字コード) は CSV の結果にだけ使えます"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn an_existing_file_is_replaced_only_with_overwrite() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    std::fs::write(dir.path().join("result.csv"), "元の一覧\n").expect("write");
    let o = run_in(dir.path(), &["batch", "c.csv", "--output", "result.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("結果の書き込み先 result.csv は既にあるファイルです")
            && err.contains("--overwrite"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("result.csv")).expect("read"),
        "元の一覧\n"
    );
    assert!(o.stdout.is_empty());

    let o = run_in(
        dir.path(),
        &["batch", "c.csv", "--output", "result.csv", "--overwrite"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let written = std::fs::read(dir.path().join("result.csv")).expect("read");
    assert_eq!(cells(&as_excel_reads(&written)).len(), 4);
    // Nothing but the input and the result: no temporary file left.
    assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
}

#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_never_replaced() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    std::fs::create_dir(dir.path().join("folder")).expect("mkdir");
    std::fs::write(dir.path().join("old.csv"), "前の結果\n").expect("write");
    std::os::unix::fs::symlink("old.csv", dir.path().join("link.csv")).expect("symlink");
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for (target, what) in [
        ("folder", "フォルダー"),
        ("link.csv", "シンボリックリンク"),
        ("pipe", "デバイスなどの特別なファイル"),
        ("/dev/null", "デバイスなどの特別なファイル"),
    ] {
        let o = run_in(
            dir.path(),
            &["batch", "c.csv", "--output", target, "--overwrite"],
        );
        assert_eq!(o.status.code(), Some(2), "{target}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("結果の書き込み先 {target} は{what}です")),
            "{target}: {err}"
        );
    }
    assert_eq!(
        std::fs::read_link(dir.path().join("link.csv")).expect("still a link"),
        Path::new("old.csv")
    );
}

#[test]
fn a_write_error_names_the_users_path_not_the_temporary_file() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(
        dir.path(),
        &["batch", "c.csv", "--output", "no-such-folder/result.csv"],
    );
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("結果の書き込み先 no-such-folder/result.csv のフォルダーがありません"),
        "{err}"
    );
    assert!(!err.contains(".oqs-line-check-"), "{err}");
    assert!(!err.contains("os error"), "{err}");
}

#[test]
fn output_dash_is_standard_output() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_in(dir.path(), &["batch", "c.csv", "--output", "-"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(cells(&as_excel_reads(&o.stdout)).len(), 4);
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn the_templates_open_in_excel_and_head_every_column() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for (name, bom) in [("template.csv", true), ("template-sjis.csv", false)] {
        let bytes = std::fs::read(root.join(name)).expect("the template");
        assert_eq!(bytes.starts_with("\u{feff}".as_bytes()), bom, "{name}");
        assert_crlf(&bytes);
        let header = &cells(&as_excel_reads(&bytes))[0];
        let columns =
            oqs_line_check::batch::Columns::from_header(header.iter().map(String::as_str))
                .expect("a header batch reads");
        assert_eq!(columns.name, Some(0), "{name}");
        // Every answer, the clinic's name being the name column.
        assert_eq!(
            columns.answers.len() + 1,
            oqs_line_check::rules::Field::all().count(),
            "{name}"
        );
        assert!(columns.ignored.is_empty(), "{name}");
        // Filled in as a clinic would, in the template's own encoding, it runs.
        let row = "さくら内科,光ネクスト ファミリータイプ,東京都,いいえ,2010-04-01,,わからない,CAF0123456789,いいえ\r\n";
        let filled = if bom {
            [&bytes[..], row.as_bytes()].concat()
        } else {
            [&bytes[..], &encoding_rs::SHIFT_JIS.encode(row).0].concat()
        };
        let dir = dir_with(name, &filled);
        let o = run_in(dir.path(), &["batch", name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let rows = cells(&as_excel_reads(&o.stdout));
        assert_eq!(
            cell(&rows, 1, "判定"),
            "申請の前に手続きが必要です",
            "{name}"
        );
    }
}
