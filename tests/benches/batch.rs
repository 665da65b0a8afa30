//! Batch checks: 100,000 clinics, read, decided and written, on one core (the target is at
//! least 200,000 rows per second), and the UTF-8 CSV case again on every core as the command
//! runs it (`all_cores`); criterion reports the rate as elements per second.
//! `cargo bench --bench batch`.
//!
//! The rows are a technician's list at its most varied: every line type by id and by the names
//! people write (「光ネクスト ファミリータイプ」, 「Bフレッツ」, 「隼」), prefectures in kanji, kana,
//! romaji and code, dates in every form the parser reads (Western with - / . or none, 年月日, 平成
//! and 令和 in kanji, letters and kanji numerals, a year or a month alone, full width, with a
//! weekday), お客さまIDs full-width, lower case and with hyphens, and one row in three with a
//! mistake (an impossible or future date, an era year out of range, a short or mistyped ID, an
//! unknown prefecture, an unknown or ambiguous line, a choice that is none). The same file is run
//! as UTF-8 and as Shift_JIS, into CSV and JSON lines.
//!
//! Side by side with Python (batch must take no longer than Python's `csv` module takes
//! to read and write the same file): `BATCH_VS_PYTHON=1000000 cargo bench --bench batch` writes
//! that many rows of the same data to a temporary file, builds the release binary, and runs
//! `oqs-line-check batch FILE -o OUT` and `python3 tests/benches/pycsv.py FILE OUT` one after the
//! other `BATCH_VS_RUNS` times (default 5), then prints the medians of wall and CPU time, their
//! ratios and the load average (criterion is skipped). `BATCH_VS_BIN=PATH` measures that binary
//! instead of building one (an earlier build, for a before and after on the same data).
//! docs/performance.md records the figures.

use oqs_line_check::rules::embedded;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group};
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

/// 1 to 99 in kanji numerals (二十九), as people write era years, months and days.
fn kanji(n: u32) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let (tens, ones) = (n / 10, n % 10);
    let mut s = String::new();
    if tens > 1 {
        s.push_str(DIGITS[tens as usize]);
    }
    if tens > 0 {
        s.push('十');
    }
    s.push_str(DIGITS[ones as usize]);
    s
}

/// ASCII digits and letters as their full-width forms (２０１２, ｃａｆ).
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' | 'a'..='z' | 'A'..='Z' | '/' | '-' => {
                char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}

/// A 申込日 in one of the forms people write it.
fn date(g: &mut Lcg) -> String {
    let year = 2005 + (g.next() % 20) as i32;
    let month = 1 + (g.next() % 12) as u32;
    let day = 1 + (g.next() % 28) as u32;
    let d = NaiveDate::from_ymd_opt(year, month, day).expect("a real date");
    // 平成 to 2019-04-30, 令和 from 2019-05-01.
    let reiwa = d >= NaiveDate::from_ymd_opt(2019, 5, 1).expect("a real date");
    let (era, letter, n) = if reiwa {
        ("令和", "R", (year - 2018) as u32)
    } else {
        ("平成", "H", (year - 1988) as u32)
    };
    let era_year = if n == 1 {
        format!("{era}元年")
    } else {
        format!("{era}{n}年")
    };
    let weekday =
        ["月", "火", "水", "木", "金", "土", "日"][d.weekday().num_days_from_monday() as usize];
    match g.next() % 16 {
        0 | 1 => format!("{year}-{month:02}-{day:02}"),
        2 => format!("{year}/{month}/{day}"),
        3 => format!("{year}.{month}.{day}"),
        4 => format!("{year}{month:02}{day:02}"),
        5 => format!("{year}年{month}月{day}日"),
        6 => format!("{era_year}{month}月{day}日"),
        7 => format!("{letter}{n}.{month}.{day}"),
        8 => format!("{era}{}年{}月{}日", kanji(n), kanji(month), kanji(day)),
        9 => format!("{year}年"),
        10 => format!("{year}年{month}月"),
        11 => full_width(&format!("{year}/{month}/{day}")),
        12 => format!("{year}年{month}月{day}日({weekday})"),
        13 => format!("{era_year}{month}月"),
        14 => "わからない".to_string(),
        _ => String::new(),
    }
}

/// An お客さまID as it is typed: plain, full-width, lower case, with hyphens or spaces.
fn customer_id(g: &mut Lcg) -> String {
    let digits = format!("{:010}", g.next() % 10_000_000_000);
    let (a, b) = digits.split_at(4);
    match g.next() % 10 {
        0 => full_width(&format!("caf{digits}")),
        1 => format!("caf-{a}-{b}"),
        2 => format!("CAF {a} {b}"),
        3 => format!("COP{}", &digits[..8]),
        4 => String::new(),
        5 => "わからない".to_string(),
        _ => format!("CAF{digits}"),
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
        "commufa",
        "bbiq",
        "ipsec",
        "other-flets",
        "unknown",
        "光ネクスト ファミリータイプ",
        "フレッツ・光ネクスト・マンションタイプ",
        "フレッツ 光クロス",
        "光クロス",
        "Bフレッツ",
        "ファミリー・スーパーハイスピードタイプ 隼",
        "コムファ",
        "わからない",
    ];
    let prefectures = [
        "東京都",
        "大阪",
        "とうきょう",
        "トウキョウ",
        "tokyo",
        "Osaka",
        "13",
        "27",
        "北海道",
        "ふくおか",
        "神奈川県",
        "愛知",
        "沖縄県",
    ];
    let mut s = String::with_capacity(rows * 110);
    s.push_str(
        "医療機関名,回線の種類,都道府県,コラボ光,申込日,v6オプション,お客さまID,複数の回線\n",
    );
    for i in 0..rows {
        let mut line = g.pick(&lines).to_string();
        let mut prefecture = g.pick(&prefectures).to_string();
        let mut collab = g
            .pick(&["yes", "no", "unknown", "", "はい", "いいえ"])
            .to_string();
        let mut applied = date(&mut g);
        let v6 = g.pick(&[
            "contracted",
            "not-contracted",
            "unknown",
            "",
            "契約済み",
            "未契約",
        ]);
        let mut id = customer_id(&mut g);
        let multiple = g.pick(&["yes", "no", "", "いいえ"]);
        // One row in three has a mistake.
        if i % 3 == 2 {
            match g.next() % 10 {
                0 => id = "CAF123".to_string(),
                1 => id = format!("CAAF{:010}", g.next() % 10_000_000_000),
                2 => applied = "2021-02-30".to_string(),
                3 => applied = "2099-01-01".to_string(),
                4 => applied = "平成35年1月1日".to_string(),
                5 => applied = "昨年".to_string(),
                6 => prefecture = "東京府".to_string(),
                7 => line = "fibre".to_string(),
                8 => line = "ファミリータイプ".to_string(),
                _ => collab = "maybe".to_string(),
            }
        }
        s.push_str(&format!(
            "医療機関{i},{line},{prefecture},{collab},{applied},{v6},{id},{multiple}\n"
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let cases = [
        ("utf8_csv", &utf8, Format::Csv, 1),
        ("utf8_json", &utf8, Format::JsonLines, 1),
        ("shift_jis_csv", &sjis, Format::Csv, 1),
        ("shift_jis_json", &sjis, Format::JsonLines, 1),
        ("utf8_csv_all_cores", &utf8, Format::Csv, cores),
    ];
    for (name, input, format, jobs) in cases {
        let options = Options {
            encoding: Encoding::Auto,
            output: OutputOptions {
                format,
                ..OutputOptions::default()
            },
            today,
            jobs,
        };
        g.bench_with_input(BenchmarkId::new(name, ROWS), input, |b, input| {
            b.iter(|| {
                let batch =
                    Batch::open(rules(), black_box(&input[..]), options).expect("the header reads");
                let (summary, _) = batch.run(std::io::sink(), |_| {}).expect("the rows run");
                black_box(summary.rows)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, batch);

fn main() {
    match std::env::var("BATCH_VS_PYTHON") {
        Ok(rows) if std::env::args().any(|a| a == "--bench") => {
            side_by_side::run(rows.parse().expect("BATCH_VS_PYTHON=ROWS"));
        }
        _ => {
            benches();
            Criterion::default().configure_from_args().final_summary();
        }
    }
}

/// batch against Python's csv module on the same generated file.
mod side_by_side {
    use std::path::Path;
    use std::process::{Command, Stdio};

    use super::{Duration, Instant, clinics};

    pub fn run(rows: usize) {
        let runs: usize = std::env::var("BATCH_VS_RUNS")
            .ok()
            .and_then(|r| r.parse().ok())
            .unwrap_or(5);
        // An earlier build, for a before and after on the same data.
        let bin = std::env::var_os("BATCH_VS_BIN").map_or_else(build, std::path::PathBuf::from);
        let dir = tempfile::tempdir().expect("a temporary folder");
        let input = dir.path().join("clinics.csv");
        std::fs::write(&input, clinics(rows)).expect("write the generated file");
        let size = std::fs::metadata(&input).map_or(0, |m| m.len());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/benches/pycsv.py");
        let batch_out = dir.path().join("batch.csv");
        let python_out = dir.path().join("python.csv");
        let load_before = load_average();
        let (mut batch, mut python) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let _ = std::fs::remove_file(&batch_out);
            let mut b = Command::new(&bin);
            b.arg("batch").arg(&input).arg("-o").arg(&batch_out);
            batch.push(timed(&mut b));
            let mut p = Command::new("python3");
            p.arg(script).arg(&input).arg(&python_out);
            python.push(timed(&mut p));
        }
        let (bw, bc) = medians(&batch);
        let (pw, pc) = medians(&python);
        println!(
            "batch-vs-python: {rows} rows ({:.1} MB), medians of {runs} alternating runs",
            size as f64 / 1e6
        );
        println!("  oqs-line-check batch: wall {bw:.2} s, CPU (user+sys) {bc:.2} s");
        println!("  python3 csv:          wall {pw:.2} s, CPU (user+sys) {pc:.2} s");
        println!(
            "  ratio batch / python: wall {:.2}, CPU {:.2} (1.00 or less meets the issue's bar)",
            bw / pw,
            bc / pc
        );
        println!(
            "  load average before / after: {load_before} / {}; batch decides rows on {} cores",
            load_average(),
            std::thread::available_parallelism().map_or(1, |n| n.get())
        );
    }

    /// Builds the release binary (a no-op when it is fresh) and returns its path: what is
    /// measured is always `--release`, whatever profile the bench is built with.
    fn build() -> std::path::PathBuf {
        let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
        let status = Command::new(env!("CARGO"))
            .args(["build", "--release", "--quiet", "--manifest-path", manifest])
            .args(["--bin", "oqs-line-check"])
            .status()
            .expect("run cargo build --release");
        assert!(status.success(), "cargo build --release failed");
        let bench_bin = Path::new(env!("CARGO_BIN_EXE_oqs-line-check"));
        let target = bench_bin
            .parent()
            .and_then(Path::parent)
            .expect("the target directory");
        target.join("release").join("oqs-line-check")
    }

    /// Wall time and the child's CPU time (user + sys) of one run, output discarded.
    fn timed(cmd: &mut Command) -> (Duration, Duration) {
        let cpu_before = children_cpu();
        let start = Instant::now();
        let status = cmd
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run the command");
        let wall = start.elapsed();
        // batch exits 1 when some rows have errors, as a third of these do.
        assert!(
            matches!(status.code(), Some(0 | 1)),
            "{cmd:?} failed: {status}"
        );
        (wall, children_cpu().saturating_sub(cpu_before))
    }

    fn medians(samples: &[(Duration, Duration)]) -> (f64, f64) {
        let median = |mut v: Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        (
            median(samples.iter().map(|s| s.0.as_secs_f64()).collect()),
            median(samples.iter().map(|s| s.1.as_secs_f64()).collect()),
        )
    }

    /// CPU time (user + sys) of the children waited for so far.
    #[cfg(unix)]
    fn children_cpu() -> Duration {
        // SAFETY: getrusage writes into the zeroed struct it is given and reads nothing else.
        let usage = unsafe {
            let mut usage: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
            usage
        };
        let tv = |t: libc::timeval| {
            Duration::from_secs(t.tv_sec.max(0) as u64)
                + Duration::from_micros(t.tv_usec.max(0) as u64)
        };
        tv(usage.ru_utime) + tv(usage.ru_stime)
    }

    #[cfg(not(unix))]
    fn children_cpu() -> Duration {
        Duration::ZERO
    }

    fn load_average() -> String {
        std::fs::read_to_string("/proc/loadavg")
            .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|_| "unknown".to_string())
    }
}
