//! A batch run on several threads writes what a run on one thread writes, byte for byte: the
//! rows in the file's order, the same summary, the same progress, and the same error at the same
//! row when the file or the output fails part way.

use std::io::{self, Write};

use chrono::NaiveDate;
use oqs_line_check::batch::{
    Batch, BatchError, Encoding, Format, Headings, Options, OutputEncoding, OutputOptions, Summary,
};
use oqs_line_check::rules::{RuleSet, embedded};

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).expect("a date")
}

const HEADER: &str =
    "医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線\n";

/// A technician's list over several chunks of rows: good rows of every verdict, rows with
/// mistakes, blank rows, a row over the size cap, names Shift_JIS cannot hold, and the same
/// spellings again and again (each thread keeps its own memo of them).
fn varied_rows(rows: usize) -> String {
    const LINES: [&str; 9] = [
        "next-family",
        "光ネクスト ファミリータイプ",
        "cross",
        "Bフレッツ",
        "ipsec",
        "commufa",
        "隼",
        "ファミリータイプ",
        "光回線",
    ];
    const PREFECTURES: [&str; 6] = ["東京都", "おおさか", "Okinawa", "13", "福", "とうきょう県"];
    const DATES: [&str; 7] = [
        "2010-04-01",
        "平成26年6月1日",
        "2012年5月",
        "R3.5.10",
        "",
        "2099-01-01",
        "昨日",
    ];
    const IDS: [&str; 6] = [
        "CAF0123456789",
        "ｃａｆ－０１２３－４５６７－８９",
        "",
        "COP01234567",
        "CAF123",
        "XYZ",
    ];
    const NAMES: [&str; 5] = ["さくら内科", "𠮷田医院", "=1+2", "みなと 歯科", "髙橋薬局"];
    let mut csv = String::from(HEADER);
    for i in 0..rows {
        if i % 97 == 0 {
            csv.push_str(",,,,,,,\n");
            continue;
        }
        if i % 1201 == 0 {
            csv.push_str(&format!(
                "長い行{i},{},東京都,,,,,\n",
                "x".repeat(70 * 1024)
            ));
            continue;
        }
        // One row in three may have mistakes; the others take the values that read.
        let pick = |from: &[&'static str], good: usize, salt: usize| -> &'static str {
            let n = if i % 3 == 0 { from.len() } else { good };
            from[(i / salt) % n]
        };
        csv.push_str(&format!(
            "{}{i},{},{},{},{},{},{},{}\n",
            NAMES[i % NAMES.len()],
            pick(&LINES, 5, 1),
            pick(&PREFECTURES, 4, 3),
            pick(&["yes", "no", "わからない", "たぶん"], 3, 7),
            pick(&DATES, 5, 11),
            pick(&["", "contracted", "未契約", "unknown"], 4, 5),
            pick(&IDS, 3, 13),
            pick(&["no", "yes", ""], 3, 17),
        ));
    }
    csv
}

fn options(output: OutputOptions, jobs: usize) -> Options {
    Options {
        encoding: Encoding::Auto,
        output,
        today: today(),
        jobs,
    }
}

/// The run's output, summary and progress rows, or its error with what was written before it.
fn run(
    input: &[u8],
    output: OutputOptions,
    jobs: usize,
) -> (Vec<u8>, Result<Summary, String>, Vec<u64>) {
    let mut out = Vec::new();
    let mut progress = Vec::new();
    let result = Batch::open(rules(), input, options(output, jobs))
        .and_then(|b| b.run(&mut out, |p| progress.push(p.rows)))
        .map(|(summary, _)| summary)
        .map_err(|e| e.to_string());
    (out, result, progress)
}

fn every_output() -> Vec<OutputOptions> {
    let mut all = Vec::new();
    for encoding in [
        OutputEncoding::Utf8Bom,
        OutputEncoding::Utf8,
        OutputEncoding::ShiftJis,
    ] {
        for headings in [Headings::Japanese, Headings::Keys] {
            all.push(OutputOptions {
                format: Format::Csv,
                headings,
                encoding,
            });
        }
    }
    all.push(OutputOptions {
        format: Format::JsonLines,
        ..OutputOptions::default()
    });
    all
}

#[test]
fn several_threads_write_what_one_thread_writes() {
    let utf8 = varied_rows(3_000);
    let sjis = encoding_rs::SHIFT_JIS.encode(&utf8).0.into_owned();
    for (input, name) in [(utf8.as_bytes(), "UTF-8"), (&sjis[..], "Shift_JIS")] {
        for output in every_output() {
            let (one_out, one, one_progress) = run(input, output, 1);
            let one = one.expect("one thread runs");
            // The data is what it claims: several chunks, errors, blank rows skipped.
            assert!(
                one.rows > 2_900 && one.rows < 3_000,
                "{name} {output:?}: {one:?}"
            );
            assert!(one.errors > 500, "{name} {output:?}: {one:?}");
            // Every verdict is there.
            let verdicts = [
                one.ready,
                one.action_required,
                one.confirm,
                one.other_method,
                one.not_eligible,
            ];
            assert!(verdicts.iter().all(|&n| n > 150), "{one:?}");
            assert!(one.ids_rewritten > 100, "{one:?}");
            for jobs in [2, 3] {
                let (out, summary, progress) = run(input, output, jobs);
                assert_eq!(summary.as_ref(), Ok(&one), "{name} {output:?} jobs {jobs}");
                assert_eq!(progress, one_progress, "{name} {output:?} jobs {jobs}");
                assert!(
                    out == one_out,
                    "{name} {output:?} jobs {jobs}: the output differs from one thread's"
                );
            }
        }
    }
}

/// Each result row's number (the first cell of the keys CSV), as the technician reads it.
fn row_numbers(out: &[u8]) -> Vec<u64> {
    let text = String::from_utf8_lossy(out);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV row");
            r[0].parse()
                .unwrap_or_else(|_| panic!("a row number: {r:?}"))
        })
        .collect()
}

#[test]
fn rows_are_numbered_as_excel_numbers_them_after_empty_lines_and_cells_with_line_breaks() {
    let keys = OutputOptions {
        format: Format::Csv,
        headings: Headings::Keys,
        encoding: OutputEncoding::Utf8,
    };
    for eol in ["\n", "\r\n"] {
        // Excel shows an empty line as an empty row, and a cell with a line break as one row.
        let mut csv = format!("医療機関名,回線の種類{eol}");
        let mut expected = Vec::new();
        let mut excel_row = 1;
        for i in 0..1_500u64 {
            excel_row += 1;
            match i % 7 {
                0 => csv.push_str(eol),
                1 => csv.push_str(&format!(",{eol}")),
                2 => {
                    csv.push_str(&format!("\"医院{i}{eol}分院\",commufa{eol}"));
                    expected.push(excel_row);
                }
                _ => {
                    csv.push_str(&format!("医院{i},commufa{eol}"));
                    expected.push(excel_row);
                }
            }
        }
        for jobs in [1, 3] {
            let (out, result, _) = run(csv.as_bytes(), keys, jobs);
            assert!(result.is_ok(), "{eol:?} jobs {jobs}: {result:?}");
            assert_eq!(row_numbers(&out), expected, "{eol:?} jobs {jobs}");
        }
    }
}

#[test]
fn a_row_that_never_ends_stops_both_at_the_same_row_after_the_same_results() {
    let mut csv = varied_rows(2_000).into_bytes();
    // An opening quote that never closes: the rest of the file is one cell.
    csv.extend_from_slice("最後の医院,\"cross".as_bytes());
    csv.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    let output = OutputOptions::default();
    let (one_out, one, _) = run(&csv, output, 1);
    let one = one.expect_err("a row that never ends is an error");
    assert!(one.contains("2002 行目"), "{one}");
    // The rows before it were written.
    assert!(one_out.len() > 100_000, "{}", one_out.len());
    for jobs in [2, 3] {
        let (out, result, _) = run(&csv, output, jobs);
        assert_eq!(result.as_ref().err(), Some(&one), "jobs {jobs}");
        assert!(
            out == one_out,
            "jobs {jobs}: a different output before the error"
        );
    }
}

/// A disk that fills up after `room` bytes.
struct Full {
    room: usize,
    written: Vec<u8>,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.written.len() + buf.len() > self.room {
            return Err(io::Error::from(io::ErrorKind::StorageFull));
        }
        self.written.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_write_that_fails_part_way_is_the_runs_error_on_any_number_of_threads() {
    let csv = varied_rows(3_000);
    for jobs in [1, 2, 3] {
        let b = Batch::open(
            rules(),
            csv.as_bytes(),
            options(OutputOptions::default(), jobs),
        )
        .expect("opens");
        let full = Full {
            room: 200_000,
            written: Vec::new(),
        };
        match b.run(full, |_| {}) {
            Err(BatchError::Write(e)) => {
                assert_eq!(e.kind(), io::ErrorKind::StorageFull, "jobs {jobs}")
            }
            Err(other) => panic!("jobs {jobs}: {other}"),
            Ok((summary, _)) => panic!("jobs {jobs}: ran to the end: {summary:?}"),
        }
    }
}
