//! Batch checks: 100,000 clinics, read, decided and written, on one core. The target (issue 6)
//! is at least 200,000 rows per second; criterion reports the rate as elements per second.
//! `cargo bench --bench batch`.
//!
//! The rows mix every line type, prefectures by name, reading, romaji and code, Western and era
//! dates, full-width and plain IDs, and one row in fifty with an error, as a technician's file
//! would; the same file is run as UTF-8 and as Shift_JIS, into CSV and JSON lines.

use oqs_line_check::rules::embedded;
use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use oqs_line_check::batch::{Batch, Encoding, Format, Options, OutputOptions};
use oqs_line_check::rules::RuleSet;

const ROWS: usize = 100_000;

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

/// A small deterministic generator (no dependency): the same file on every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() as usize) % from.len()]
    }
}

/// The benchmark's CSV, in UTF-8.
fn clinics(rows: usize) -> String {
    let mut g = Lcg(6);
    let lines = [
        "next-family",
        "next",
        "next-mansion",
        "cross",
        "cross",
        "commufa",
        "bbiq",
        "ipsec",
        "other-flets",
        "unknown",
    ];
    let prefectures = [
        "東京都",
        "大阪",
        "tokyo",
        "13",
        "27",
        "北海道",
        "ふくおか",
        "神奈川県",
        "愛知",
        "沖縄県",
    ];
    let mut s = String::with_capacity(rows * 90);
    s.push_str(
        "医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線\n",
    );
    for i in 0..rows {
        let year = 2005 + g.next() % 18;
        let month = 1 + g.next() % 12;
        let day = 1 + g.next() % 28;
        let applied = match g.next() % 4 {
            0 => format!("平成{}年{month}月{day}日", year - 1988),
            _ => format!("{year}-{month:02}-{day:02}"),
        };
        let digits = g.next() % 10_000_000_000;
        let id = match g.next() % 10 {
            0 => format!("ｃａｆ{digits:010}"),
            1 => String::new(),
            _ => format!("CAF{digits:010}"),
        };
        // One row in fifty has an error (a short ID).
        let id = if i % 50 == 49 {
            "CAF123".to_string()
        } else {
            id
        };
        s.push_str(&format!(
            "医療機関{i},{},{},{},{applied},{},{id},{}\n",
            g.pick(&lines),
            g.pick(&prefectures),
            g.pick(&["yes", "no", "unknown", ""]),
            g.pick(&["contracted", "not-contracted", "unknown", ""]),
            g.pick(&["yes", "no", ""]),
        ));
    }
    s
}

fn batch(c: &mut Criterion) {
    let utf8 = clinics(ROWS).into_bytes();
    let sjis = encoding_rs::SHIFT_JIS.encode(std::str::from_utf8(&utf8).unwrap_or_default());
    let sjis = sjis.0.into_owned();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date");
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(ROWS as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(15));
    for (name, input) in [("utf8", &utf8), ("shift_jis", &sjis)] {
        for (fname, format) in [("csv", Format::Csv), ("json", Format::JsonLines)] {
            let options = Options {
                encoding: Encoding::Auto,
                output: OutputOptions {
                    format,
                    ..OutputOptions::default()
                },
                today,
            };
            g.bench_with_input(
                BenchmarkId::new(format!("{name}_{fname}"), ROWS),
                input,
                |b, input| {
                    b.iter(|| {
                        let batch = Batch::open(rules(), black_box(&input[..]), options)
                            .expect("the header reads");
                        let (summary, _) =
                            batch.run(std::io::sink(), |_| {}).expect("the rows run");
                        black_box(summary.rows)
                    })
                },
            );
        }
    }
    g.finish();
}

criterion_group!(benches, batch);
criterion_main!(benches);
