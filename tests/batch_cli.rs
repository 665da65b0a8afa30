//! `oqs-line-check batch`: UTF-8 with and without a BOM, Shift_JIS (detected and
//! given), a bad row among good ones, files that cannot be read, JSON lines, the summary, the
//! output file; and, in the library, that every row's result is `check`'s decision.

use oqs_line_check::rules::embedded;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use chrono::NaiveDate;
use oqs_line_check::batch::{self, Batch, Encoding, Evaluator, Format, Options, OutputOptions};
use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::{RawAnswers, RuleSet, decide};
use proptest::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_oqs-line-check");

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

/// The CSV header of the result with `--headings keys` (which most tests here use, with
/// `--output-encoding utf-8`, to read the ids; the defaults for Excel have tests of their own).
const HEADER: &str = "row,name,verdict,verdict_label,v6_option,line_category,customer_id,actions,error_fields,errors,notes,contact,phone,customer_id_rewritten";

/// One clinic per verdict, with Japanese headers and an extra column.
const CLINICS: &str = "\
医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線,備考
さくら内科,next-family,東京都,no,2010-04-01,unknown,ＣＡＦ０１２３４５６７８９,no,メモ
みなと歯科,cross,大阪,yes,,,CAF1234567890,no,
ひかり薬局,next-mansion,北海道,no,平成26年6月1日,,cop-0123-4567,no,
あおば整形,commufa,愛知県,,,,,,
もみじ眼科,next,福岡県,unknown,,,,,
つばき皮膚科,other-flets,13,,,,,,
";

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

fn dir_with(name: &str, bytes: &[u8]) -> TempDir {
    let dir = tempfile::tempdir().expect("dir");
    write(dir.path(), name, bytes);
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

/// How long a child may run before the test stops it and fails.
const CHILD_BOUND: std::time::Duration = std::time::Duration::from_secs(20);

/// `child`'s output, read while it runs; the test fails if it runs longer than [`CHILD_BOUND`].
fn output_bounded(mut child: std::process::Child) -> Output {
    use std::io::Read;
    fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut all = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut all);
            }
            all
        })
    }
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > CHILD_BOUND {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the child ran longer than {CHILD_BOUND:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout"),
        stderr: stderr.join().expect("stderr"),
    }
}

/// `batch` with `args`, its result with the keys as headings, in UTF-8 without a BOM: the ids
/// most tests here read (the defaults for Excel have tests of their own, in batch_excel.rs).
fn run_batch(dir: &Path, args: &[&str]) -> Output {
    let mut all = vec!["batch", "--headings", "keys", "--output-encoding", "utf-8"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// The result CSV as rows of cells (the header first).
fn cells(out: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out)
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

fn sjis(s: &str) -> Vec<u8> {
    encoding_rs::SHIFT_JIS.encode(s).0.into_owned()
}

/// The expected result rows of CLINICS: (row, name, verdict, v6, category, id, actions).
fn expected() -> Vec<[&'static str; 7]> {
    vec![
        [
            "2",
            "さくら内科",
            "action_required",
            "contract_required",
            "1",
            "CAF0123456789",
            "confirm_v6_option contract_v6_option apply_on_portal check_auto_reply_email",
        ],
        [
            "3",
            "みなと歯科",
            "ready",
            "default_on",
            "1",
            "CAF1234567890",
            "apply_on_portal check_auto_reply_email",
        ],
        [
            "4",
            "ひかり薬局",
            "ready",
            "default_on",
            "1",
            "COP01234567",
            "apply_on_portal check_auto_reply_email",
        ],
        [
            "5",
            "あおば整形",
            "other_method",
            "not_applicable",
            "2",
            "",
            "consult_connectable_list apply_on_portal check_auto_reply_email",
        ],
        [
            "6",
            "もみじ眼科",
            "confirm",
            "unknown",
            "1",
            "",
            "confirm_v6_option find_customer_id apply_on_portal check_auto_reply_email",
        ],
        [
            "7",
            "つばき皮膚科",
            "not_eligible",
            "not_applicable",
            "",
            "",
            "consult_connectable_list",
        ],
    ]
}

fn assert_clinics(o: &Output) {
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows[0].join(","), HEADER);
    assert_eq!(rows.len(), 7);
    for (row, want) in rows[1..].iter().zip(expected()) {
        let got = [
            &row[0], &row[1], &row[2], &row[4], &row[5], &row[6], &row[7],
        ];
        assert_eq!(got, want.map(String::from).each_ref(), "{row:?}");
        assert_eq!(row[8], "", "no error fields: {row:?}");
        assert_eq!(row[9], "", "no errors: {row:?}");
    }
    assert_eq!(rows[1][3], "申請の前に手続きが必要です");
}

#[test]
fn utf8_with_japanese_headers() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_clinics(&o);
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "注意: 列「備考」は判定に使いません (使える見出しは oqs-line-check batch --help にあります)。"
        ),
        "{err}"
    );
    assert!(
        err.contains("一括判定が終わりました: 6 件 (文字コード: UTF-8)"),
        "{err}"
    );
    for line in [
        "  申請できます (ready): 2 件",
        "  申請の前に手続きが必要です (action_required): 1 件",
        "  確認が必要です (confirm): 1 件",
        "  別の接続方式です (other_method): 1 件",
        "  この接続方式の対象外です (not_eligible): 1 件",
        "  エラー (error): 0 件",
    ] {
        assert!(err.lines().any(|l| l == line), "{line:?} in\n{err}");
    }
    // stderr is not a terminal: no progress bar, no carriage returns.
    assert!(!err.contains("処理中") && !err.contains('\r'), "{err:?}");
}

/// CLINICS with every answer written the way the wizard's screens show it.
const CLINICS_IN_JAPANESE: &str = "\
医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線,備考
さくら内科,フレッツ 光ネクスト ファミリータイプ,東京都,いいえ,2010-04-01,わからない,ＣＡＦ０１２３４５６７８９,いいえ,メモ
みなと歯科,光クロス,大阪,はい,,,CAF1234567890,いいえ,
ひかり薬局,ﾌﾚｯﾂ 光ﾈｸｽﾄ ﾏﾝｼｮﾝﾀｲﾌﾟ,北海道,イイエ,平成26年6月1日,,cop-0123-4567,いいえ,
あおば整形,ビジネスコムファ光,愛知県,,,,,,
もみじ眼科,フレッツ光ネクスト,福岡県,不明,不明,,わからない,,
つばき皮膚科,その他のフレッツ,13,,,,,,
";

#[test]
fn japanese_values_as_the_screens_show_them_under_japanese_headers() {
    for bytes in [
        CLINICS_IN_JAPANESE.as_bytes().to_vec(),
        sjis(&CLINICS_IN_JAPANESE.replace('\n', "\r\n")),
    ] {
        let dir = dir_with("c.csv", &bytes);
        let o = run_batch(dir.path(), &["c.csv"]);
        assert_clinics(&o);
    }
    // A value it does not take lists those it does, in Japanese and English.
    let csv = "回線の種類,コラボ光,v6オプション\nunknown,たぶん,オン\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][8], "collab v6");
    assert!(
        rows[1][9].contains("はい (yes)、いいえ (no)、わからない (unknown)"),
        "{:?}",
        rows[1]
    );
    assert!(
        rows[1][9].contains("契約済み (contracted)、未契約 (not-contracted)"),
        "{:?}",
        rows[1]
    );
}

#[test]
fn utf8_with_a_bom_and_the_answer_file_keys_as_headers() {
    let kebab = CLINICS.replacen(
        "医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線,備考",
        "name,line,prefecture,collab,applied,v6,customer_id,multiple-lines,note",
        1,
    );
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(kebab.replace('\n', "\r\n").as_bytes());
    let dir = dir_with("c.csv", &bytes);
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_clinics(&o);
    assert!(text(&o.stderr).contains("(文字コード: UTF-8 (BOM 付き))"));
}

#[test]
fn shift_jis_as_excel_writes_it_is_detected_or_given() {
    let dir = dir_with("c.csv", &sjis(&CLINICS.replace('\n', "\r\n")));
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_clinics(&o);
    assert!(text(&o.stderr).contains("(文字コード: Shift_JIS)"));
    for given in ["shift_jis", "sjis", "cp932"] {
        let o = run_batch(dir.path(), &["c.csv", "--encoding", given]);
        assert_clinics(&o);
    }
    // The output is UTF-8 whatever the input was.
    let o = run_batch(dir.path(), &["c.csv"]);
    assert!(String::from_utf8(o.stdout).is_ok());
}

#[test]
fn shift_jis_read_as_utf8_makes_row_errors_not_a_crash() {
    // ASCII headers, Japanese cells: every row with Japanese in a used cell is an error.
    let csv = "name,line,prefecture\n東京医院,cross,東京\nOsaka Clinic,cross,27\n";
    let dir = dir_with("c.csv", &sjis(csv));
    let o = run_batch(dir.path(), &["c.csv", "--encoding", "utf-8"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][0], "2");
    assert_eq!(rows[1][8], "row");
    assert!(rows[1][9].contains("--encoding shift_jis"), "{:?}", rows[1]);
    // Without an お客さまID: to confirm, but decided.
    assert_eq!(rows[2][2], "confirm");
}

#[test]
fn a_bad_row_among_good_ones_gets_its_row_number_and_exit_1() {
    let csv = "\
医療機関名,回線の種類,都道府県,お客さまID,申込日
一,cross,大阪,CAF1234567890,
二,cross,大阪,CAF123,
三,next-family,東京,CAF0123456789,2099-01-01
四,commufa,,,
";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = cells(&o.stdout);
    assert_eq!(rows.len(), 5, "every row has a result");
    assert_eq!(rows[1][2], "ready");
    let bad = &rows[2];
    assert_eq!(
        (bad[0].as_str(), bad[1].as_str(), bad[2].as_str()),
        ("3", "二", "")
    );
    assert_eq!(bad[8], "customer_id");
    assert!(bad[9].starts_with("お客さまID: "), "{bad:?}");
    let worse = &rows[3];
    assert_eq!(worse[8], "applied");
    assert!(worse[9].contains("今日の日付"), "{worse:?}");
    assert_eq!(rows[4][2], "other_method");
    let err = text(&o.stderr);
    assert!(err.contains("  エラー (error): 2 件"), "{err}");
    assert!(err.contains("エラーのある行: 3, 4。"), "{err}");
}

#[test]
fn several_errors_in_a_row_are_all_listed() {
    let csv = "line,prefecture,collab,v6\nnext,zzz,maybe,yes\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][8], "collab prefecture v6");
    assert_eq!(rows[1][9].matches(" / ").count(), 2, "{:?}", rows[1]);
}

#[test]
fn json_lines_one_object_per_row() {
    let csv = format!("{CLINICS}ゆり医院,cross,,,,,,,\n");
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let objects: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(objects.len(), 7);
    let first = &objects[0];
    assert_eq!(first["row"], 2);
    assert_eq!(first["name"], "さくら内科");
    assert_eq!(first["verdict"], "action_required");
    assert_eq!(first["v6_option"], "contract_required");
    assert_eq!(first["line_category"], 1);
    assert_eq!(first["customer_id"], "CAF0123456789");
    assert_eq!(first["actions"][1], "contract_v6_option");
    assert_eq!(first["errors"], serde_json::json!([]));
    assert_eq!(objects[5]["line_category"], Value::Null);
    let bad = &objects[6];
    assert_eq!(bad["row"], 8);
    assert_eq!(bad["verdict"], Value::Null);
    assert_eq!(bad["errors"][0]["field"], "prefecture");
    assert_eq!(bad["errors"][0]["code"], "missing");
    assert!(
        bad["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("都道府県の列「都道府県」が空です。")),
        "{bad}"
    );
}

#[test]
fn a_missing_answer_names_the_column_to_fill_in_or_add() {
    let csv = "医療機関名,回線の種類\nA,\nB,next\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv", "--format", "json"]);
    assert_eq!(o.status.code(), Some(1));
    let out = text(&o.stdout);
    let messages: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON"))
        .map(|v| v["errors"][0]["message"].as_str().unwrap_or("").to_string())
        .collect();
    assert!(
        messages[0].starts_with("回線の種類の列「回線の種類」が空です。"),
        "{messages:?}"
    );
    assert!(
        messages[1].starts_with(
            "都道府県の列がありません。1行目の見出しに「prefecture」または「都道府県」の列を足してください。"
        ),
        "{messages:?}"
    );
}

#[test]
fn files_that_cannot_be_read_exit_2_and_print_no_result() {
    let dir = tempfile::tempdir().expect("dir");
    write(dir.path(), "empty.csv", b"");
    write(
        dir.path(),
        "noline.csv",
        "名前,都道府県\nA,東京\n".as_bytes(),
    );
    write(
        dir.path(),
        "dup.csv",
        "line,回線の種類\ncross,cross\n".as_bytes(),
    );
    let mut utf16 = vec![0xFF, 0xFE];
    for u in "line\r\ncross\r\n".encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    write(dir.path(), "utf16.csv", &utf16);
    write(dir.path(), "ok.csv", b"line\ncommufa\n");
    for (args, message) in [
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "none.csv",
            ][..],
            "none.csv: ファイルがありません",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                ".",
            ][..],
            "フォルダーです",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "empty.csv",
            ][..],
            "empty.csv: ファイルが空です",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "noline.csv",
            ][..],
            "回線の種類の列",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "dup.csv",
            ][..],
            "列「line」と「回線の種類」はどちらも回線の種類の列です",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "utf16.csv",
            ][..],
            "UTF-16 のファイル",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "ok.csv",
                "--output",
                "ok.csv",
            ][..],
            "読み込むファイルと同じです",
        ),
        (
            &[
                "batch",
                "--headings",
                "keys",
                "--output-encoding",
                "utf-8",
                "ok.csv",
                "--encoding",
                "latin1",
            ][..],
            "の値「latin1」は使えません。使える値: auto, utf-8, shift_jis",
        ),
        (
            &["batch", "ok.csv", "--bogus"][..],
            "使い方は oqs-line-check batch --help で確かめられます。",
        ),
    ] {
        let o = run_in(dir.path(), args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(o.stdout.is_empty(), "{args:?}: {}", text(&o.stdout));
        let err = text(&o.stderr);
        assert!(err.starts_with("エラー: "), "{args:?}: {err}");
        assert!(err.contains(message), "{args:?}: want {message:?} in {err}");
    }
    // The input was left alone.
    assert_eq!(
        std::fs::read(dir.path().join("ok.csv")).expect("read"),
        b"line\ncommufa\n"
    );
}

#[test]
fn output_file_gets_the_result_and_stdout_stays_empty() {
    let dir = dir_with("c.csv", CLINICS.as_bytes());
    let o = run_batch(dir.path(), &["c.csv", "--output", "result.csv"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    let written = std::fs::read(dir.path().join("result.csv")).expect("the result file");
    assert_clinics(&Output {
        status: o.status,
        stdout: written,
        stderr: Vec::new(),
    });
    // No temporary file is left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn standard_input_blank_rows_and_names_that_spreadsheets_would_run() {
    let csv = "name,line\n=HYPERLINK(\"x\"),commufa\n,,\n\n名前\u{1b}[2J,commufa\n";
    let mut child = Command::new(BIN)
        .args([
            "batch",
            "--headings",
            "keys",
            "--output-encoding",
            "utf-8",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(csv.as_bytes())
        .expect("write");
    let o = output_bounded(child);
    // The name with a control character is refused, as `check --clinic-name` refuses it.
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows.len(), 3, "blank rows are skipped: {rows:?}");
    assert_eq!(rows[1][1], "'=HYPERLINK(\"x\")");
    // The blank row and the empty line still count: Excel's row numbers.
    assert_eq!(rows[2][0], "5");
    // Shown as written, escaped: nothing reaches a terminal or a spreadsheet raw.
    assert_eq!(rows[2][1], "名前\\u{1b}[2J");
    assert_eq!(rows[2][8], "clinic_name");
    assert!(text(&o.stderr).contains("一括判定が終わりました: 2 件"));
}

#[test]
fn the_example_files_run_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    for name in ["clinics.csv", "clinics-sjis.csv"] {
        let o = run_batch(&root, &[name]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        let rows = cells(&o.stdout);
        assert_eq!(rows.len(), 7, "{name}");
        let verdicts: Vec<&str> = rows[1..].iter().map(|r| r[2].as_str()).collect();
        for v in [
            "ready",
            "action_required",
            "confirm",
            "other_method",
            "not_eligible",
        ] {
            assert!(verdicts.contains(&v), "{name}: {v} in {verdicts:?}");
        }
    }
    let o = run_in(&root, &["check", "--answers", "answers.toml"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
}

// ---------------------------------------------------------------------------------------------
// In the library: streaming, and every row decided as `check` decides it.
// ---------------------------------------------------------------------------------------------

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date")
}

#[test]
fn a_large_file_streams_through_a_small_reader() {
    // 5,000 rows handed over a few bytes at a time, Shift_JIS: the same counts as UTF-8.
    struct Trickle(Vec<u8>, usize);
    impl std::io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7).min(self.0.len() - self.1);
            buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
            self.1 += n;
            Ok(n)
        }
    }
    let mut csv = String::from("医療機関名,回線の種類,都道府県,お客さまID\n");
    for i in 0..5_000 {
        csv.push_str(&format!("医院{i},cross,大阪府,CAF{:010}\n", i));
    }
    for (bytes, jobs) in [
        (csv.clone().into_bytes(), 1),
        (sjis(&csv), 1),
        (sjis(&csv), 3),
    ] {
        let options = Options {
            encoding: Encoding::Auto,
            output: OutputOptions {
                format: Format::JsonLines,
                ..OutputOptions::default()
            },
            today: today(),
            jobs,
        };
        let b = Batch::open(rules(), Trickle(bytes, 0), options).expect("opens");
        let mut progress = Vec::new();
        let (summary, out) = b.run(Vec::new(), |p| progress.push(p.rows)).expect("runs");
        assert_eq!(summary.rows, 5_000);
        assert_eq!(summary.ready, 5_000);
        assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 5_000);
        assert_eq!(progress.len(), 5_000 / batch::PROGRESS_EVERY as usize);
    }
}

fn pool(values: &'static [&'static str]) -> impl Strategy<Value = Option<String>> {
    prop::sample::select(values).prop_map(|v| (!v.is_empty()).then(|| v.to_string()))
}

prop_compose! {
    fn raw_answers()(
        line in pool(&["next", "next-family", "next-giga-family-smart", "next-family-superhispeed",
                       "cross", "commufa", "bbiq", "ipsec", "other-flets", "other", "unknown",
                       "fiber", "光ネクスト ファミリータイプ", "Ｂフレッツ", "ファミリータイプ",
                       " 隼 ", "わからない", ""]),
        prefecture in pool(&["13", "東京", "とうきょう", "osaka", "27", "大阪府", "北海道", "47",
                             "zzz", "unknown", ""]),
        collab in pool(&["yes", "no", "unknown", "maybe", ""]),
        applied in pool(&["2010-04-01", "2012-05-28", "2012-05-29", "2021-05-10", "2021-05-11",
                          "平成24年5月29日", "H24.5.28", "2021-02-30", "2012年5月", "H22",
                          "R3.5", "2013", "平成二十四年五月二十九日(火)", "unknown", ""]),
        opened in pool(&["2012-05-20", "2021年4月", "2021-05-11", "2012", "2099-01-01", "unknown", ""]),
        v6 in pool(&["contracted", "not-contracted", "unknown", "yes", ""]),
        customer_id in pool(&["CAF0123456789", "ｃａｆ０１２３４５６７８９", "COP01234567",
                              "C0P01234567", "CAF12", "unknown", ""]),
        multiple_lines in pool(&["yes", "no", "unknown", "2", ""]),
    ) -> RawAnswers {
        RawAnswers { line, prefecture, collab, applied, opened, v6, customer_id, multiple_lines, clinic_name: None }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// A batch row is `check`'s decision: the same errors, or the same verdict, v6 status,
    /// category, normalised ID and action codes; the prefecture and line memos change nothing.
    #[test]
    fn every_row_is_checks_decision(raws in prop::collection::vec(raw_answers(), 1..20)) {
        let mut evaluator = Evaluator::new(rules(), today());
        for raw in raws {
            let by_check = parse_answers(rules(), &raw, today()).map(|a| decide(rules(), &a));
            let plain = batch::evaluate(rules(), &raw, today());
            let mut memo_raw = raw.clone();
            let memo = evaluator.evaluate(&mut memo_raw);
            prop_assert_eq!(&plain, &memo);
            match (by_check, plain) {
                (Ok(d), Ok(row)) => {
                    prop_assert_eq!(row.verdict, d.verdict);
                    prop_assert_eq!(row.v6_option, d.v6_option);
                    prop_assert_eq!(row.line_category, d.portal.line_category);
                    prop_assert_eq!(row.customer_id, d.customer_id.map(|n| n.normalized));
                    let codes: Vec<_> = d.actions.iter().map(|a| a.code).collect();
                    prop_assert_eq!(row.actions, codes);
                }
                (Err(errors), Err(row_errors)) => {
                    let a: Vec<_> = errors.iter().map(|e| (Some(e.field), e.code, e.message.clone())).collect();
                    let b: Vec<_> = row_errors.iter().map(|e| (e.field, e.code, e.message.clone())).collect();
                    prop_assert_eq!(a, b);
                }
                (a, b) => prop_assert!(false, "check {:?} but batch {:?}", a.is_ok(), b.is_ok()),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// In a pseudo-terminal: the progress bar shows on a terminal and is wiped before the summary.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_progress_bar_on_a_terminal_only() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::Read;

    let mut csv = String::from("name,line\n");
    for i in 0..5_000 {
        csv.push_str(&format!("c{i},commufa\n"));
    }
    let dir = dir_with("c.csv", csv.as_bytes());
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args([
        "batch",
        "--headings",
        "keys",
        "--output-encoding",
        "utf-8",
        "c.csv",
        "--output",
        "out.csv",
    ]);
    cmd.cwd(dir.path());
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let reading = std::thread::spawn(move || {
        let mut all = Vec::new();
        let mut buf = [0u8; 4096];
        // Linux ends a pty with EIO once the child has gone.
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            all.extend_from_slice(&buf[..n]);
        }
        all
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if start.elapsed() > CHILD_BOUND {
            let _ = child.kill();
            panic!("the batch ran longer than {CHILD_BOUND:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    };
    drop(pair.master);
    let out = String::from_utf8_lossy(&reading.join().expect("reader")).into_owned();
    assert_eq!(status.exit_code(), 0, "{out}");
    assert!(out.contains("処理中 ["), "{out:?}");
    let summary = out.find("一括判定が終わりました").expect("a summary");
    let bar = out.rfind("処理中").expect("a bar");
    assert!(bar < summary, "{out:?}");
    // Wiped with spaces and a carriage return, no cursor movement.
    assert!(out[bar..summary].contains("\r "), "{out:?}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
    // With stderr not a terminal (every other test here), there is no bar.
    let o = run_batch(dir.path(), &["c.csv", "--output", "out2.csv"]);
    assert!(!text(&o.stderr).contains("処理中"));
}

#[test]
fn every_heading_the_technicians_guide_lists_names_its_column() {
    use oqs_line_check::batch::columns::{Column, column_of};
    use oqs_line_check::rules::Field;
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/technicians.md"))
            .expect("docs/technicians.md");
    let table = guide
        .split("| 内容 | 見出し (どれでも) | 値 |")
        .nth(1)
        .expect("the headings table");
    let mut seen = Vec::new();
    for row in table.lines().skip(2).take_while(|l| l.starts_with('|')) {
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let label = cells[1].trim_end_matches(" (必須)");
        let expected = if label == "医療機関名" {
            Column::Name
        } else {
            Column::Answer(
                Field::all()
                    .find(|f| f.label() == label)
                    .unwrap_or_else(|| panic!("no field is called {label}")),
            )
        };
        let headings: Vec<&str> = cells[2].split('`').skip(1).step_by(2).collect();
        assert!(headings.len() >= 2, "{row}");
        for h in headings {
            assert_eq!(column_of(h), Some(expected), "{label}: {h}");
            seen.push(h);
        }
        seen.push(label);
    }
    // The guide lists every answer, and お客様ID among the ID's headings.
    for f in Field::all() {
        assert!(
            seen.contains(&f.label()),
            "{} is not in the guide",
            f.label()
        );
    }
    assert!(seen.contains(&"お客様ID"), "{seen:?}");
}

/// A year or a month decides as a day does when wholly on one side of the area's cut-off
/// (平成24年5月29日 in the East); a month that contains it leaves the v6 option unknown with the
/// reason in `notes`, and a 開通日 before it settles it.
#[test]
fn partial_dates_and_an_opened_day_decide_as_check_does() {
    let csv = "医療機関名,回線の種類,都道府県,申込日,開通日,お客さまID,複数の回線\n\
               いち,next-family,東京,H22,,CAF0123456789,no\n\
               に,next-family,東京,2012年6月,,CAF0123456789,no\n\
               さん,next-family,東京,2012年5月,,CAF0123456789,no\n\
               よん,next-family,東京,,2012/5/20(日),CAF0123456789,no\n\
               ご,next-family,東京,平成二十四年五月,,CAF0123456789,no\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows[0].join(","), HEADER);
    let v6: Vec<&str> = rows[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        v6,
        [
            "contract_required",
            "default_on",
            "unknown",
            "contract_required",
            "unknown"
        ]
    );
    assert_eq!(rows[1][10], "");
    assert_eq!(rows[2][10], "");
    for r in [&rows[3], &rows[5]] {
        assert!(
            r[10]
                .starts_with("申込日 2012年5月 (平成24年): NTT東日本の光ネクストは、2012年5月29日"),
            "{r:?}"
        );
        assert!(r[10].contains("何日に申し込んだかで決まります"), "{r:?}");
    }
    assert!(
        rows[4][10].starts_with("開通日 2012年5月20日 (平成24年): "),
        "{:?}",
        rows[4]
    );
    assert!(
        rows[4][10].contains("申込日もそれより前です"),
        "{:?}",
        rows[4]
    );
}

#[test]
fn a_collabo_row_with_commufa_or_bbiq_is_an_error_on_the_collab_column() {
    let csv = "line,prefecture,collab\ncommufa,愛知県,yes\nbbiq,福岡県,no\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][8], "collab", "{:?}", rows[1]);
    assert!(
        rows[1][9].contains("コラボ光とビジネスコムファ光の両方は当てはまりません"),
        "{:?}",
        rows[1]
    );
    assert_eq!(rows[2][2], "other_method", "{:?}", rows[2]);
}

#[test]
fn an_explicit_not_contracted_is_believed_confirm_then_contract() {
    let csv = "line,prefecture,collab,applied,v6,customer_id\n\
               cross,東京都,no,,not-contracted,CAF0123456789\n\
               next-family,大阪府,no,2022-01-01,未契約,CAF0123456789\n\
               cross,東京都,no,,unknown,CAF0123456789\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    for row in &rows[1..3] {
        assert_eq!(row[2], "action_required", "{row:?}");
        assert_eq!(row[4], "contract_required", "{row:?}");
        assert!(
            row[7].starts_with("confirm_v6_option contract_v6_option"),
            "{row:?}"
        );
    }
    assert_eq!(rows[3][2], "ready", "{:?}", rows[3]);
}

#[test]
fn a_customer_id_for_a_line_that_takes_none_never_stops_the_row() {
    let csv = "line,prefecture,customer_id\ncommufa,愛知県,CAF123\nipsec,,09012345678\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    for row in &rows[1..] {
        assert_eq!(row[2], "other_method", "{row:?}");
        assert_eq!(row[6], "", "the ID is left out: {row:?}");
        assert_eq!(row[9], "", "{row:?}");
    }
}

#[test]
fn line_types_as_technicians_write_them_and_an_ambiguous_one_lists_the_candidates() {
    let csv = "医療機関名,回線の種類,都道府県,お客さまID\n\
               a,光ネクスト ファミリータイプ,東京都,CAF0123456789\n\
               b,フレッツ 光ネクスト ファミリー・スーパーハイスピードタイプ 隼,大阪府,CAF0123456789\n\
               c,Bフレッツ,東京都,\n\
               d,コムファ,愛知県,\n\
               e,ビビック,福岡県,\n\
               f,ファミリータイプ,東京都,CAF0123456789\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_in(
        dir.path(),
        &["batch", "--headings", "keys", "--format", "json", "c.csv"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows: Vec<Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let verdicts: Vec<&str> = rows[..5]
        .iter()
        .map(|r| r["verdict"].as_str().unwrap_or("error"))
        .collect();
    assert_eq!(
        verdicts,
        [
            "confirm",
            "confirm",
            "not_eligible",
            "other_method",
            "other_method"
        ]
    );
    assert_eq!(rows[3]["line_category"], 2);
    assert_eq!(rows[4]["line_category"], 2);
    let error = &rows[5]["errors"][0];
    assert_eq!(error["field"], "line");
    assert_eq!(error["code"], "ambiguous");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("フレッツ 光クロス (cross)")
            && message.contains("フレッツ 光ネクスト ファミリータイプ (next-family)"),
        "{message}"
    );
}

/// Runs `batch -` on `input` through a pipe, with a bound on the wait.
fn batch_stdin(input: Vec<u8>, args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(["batch", "-"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    let mut stdin = child.stdin.take().expect("stdin");
    let feeder = std::thread::spawn(move || {
        // The program may stop reading early (that is the point): a closed pipe is fine.
        let _ = stdin.write_all(&input);
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        assert!(std::time::Instant::now() < deadline, "batch did not finish");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let o = child.wait_with_output().expect("output");
    let _ = feeder.join();
    o
}

#[test]
fn a_stream_without_line_ends_stops_with_exit_2_and_says_which_row() {
    for (input, row) in [
        (vec![0u8; 8 << 20], "1 行目"),
        (
            [b"name,line\n".to_vec(), vec![0u8; 8 << 20]].concat(),
            "2 行目",
        ),
        (
            [b"name,line\n\"".to_vec(), vec![b'a'; 8 << 20]].concat(),
            "2 行目",
        ),
    ] {
        let o = batch_stdin(input, &[]);
        assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
        let err = text(&o.stderr);
        assert!(
            err.contains(&format!("{row}が 1 MiB を超えても終わりません")),
            "{err}"
        );
    }
}

#[test]
fn a_row_over_64_kib_is_an_error_row_and_the_rest_run() {
    let csv = format!(
        "name,line\na,commufa\n{},commufa\nc,commufa\n",
        "b".repeat(70 * 1024)
    );
    let o = batch_stdin(csv.into_bytes(), &["--headings", "keys"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[1][2], "other_method");
    assert_eq!(rows[2][0], "3");
    assert_eq!(
        rows[2][1], "",
        "the name of a row read no further is not shown"
    );
    assert_eq!(rows[2][8], "row");
    assert!(
        rows[2][9].contains("この行は長すぎます (71 KiB。64 KiB まで)"),
        "{:?}",
        rows[2]
    );
    assert_eq!(rows[3][2], "other_method");
}

#[test]
fn shift_jis_behind_a_utf8_bom_gets_advice_that_works() {
    let bytes = [
        &[0xEF, 0xBB, 0xBF][..],
        &sjis("医療機関名,回線の種類\nさくら,commufa\n"),
    ]
    .concat();
    let dir = dir_with("c.csv", &bytes);
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("--encoding shift_jis を指定してください"),
        "{err}"
    );
    assert!(err.contains("BOM"), "{err}");
    // The advice, followed: read as Shift_JIS, the BOM skipped.
    let o = run_in(
        dir.path(),
        &[
            "batch",
            "c.csv",
            "--encoding",
            "shift_jis",
            "--headings",
            "keys",
        ],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][1], "さくら");
    assert_eq!(rows[1][2], "other_method");
}

/// The remarks `check` makes on the answers reach a batch row too: a line outside its region,
/// an お客さまID the line does not take.
#[test]
fn a_row_notes_what_check_notes() {
    let csv = "line,prefecture,customer-id\nbbiq,東京都,CAF0123456789\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["--format", "json", "c.csv"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let row: Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let check = Command::new(BIN)
        .args(["check", "--line", "bbiq", "--prefecture", "東京都"])
        .args(["--customer-id", "CAF0123456789", "--format", "json"])
        .output()
        .expect("check");
    let check: Value = serde_json::from_slice(&check.stdout).expect("JSON");
    assert_eq!(row["notes"], check["notes"]);
    let notes = row["notes"].as_array().expect("notes");
    for start in ["BBIQは九州地区", "この回線の申請ではお客さまIDを入力しない"]
    {
        assert!(
            notes
                .iter()
                .any(|n| n.as_str().is_some_and(|n| n.starts_with(start))),
            "{start}: {notes:?}"
        );
    }
}

/// The name column is read as `check --clinic-name` reads it: ① becomes 1, a symbol of uncertain
/// width is the row's error on 医療機関名, shown as written.
#[test]
fn the_name_column_is_read_as_the_clinic_name_flag() {
    let csv = "name,line\n髙橋医院①,commufa\nさくら★,commufa\n";
    let dir = dir_with("c.csv", csv.as_bytes());
    let o = run_batch(dir.path(), &["c.csv"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    let rows = cells(&o.stdout);
    assert_eq!(rows[1][1], "髙橋医院1");
    assert_eq!(rows[1][2], "other_method");
    assert_eq!(rows[2][1], "さくら\\u{2605}");
    assert_eq!(rows[2][2], "");
    assert_eq!(rows[2][8], "clinic_name");
    assert!(
        rows[2][9].contains("4文字目の記号は使えません"),
        "{:?}",
        rows[2]
    );
}
