//! Benchmarks of the rules crate: loading the rules, one whole evaluation, and each parser the
//! wizard runs on every keystroke. `cargo bench --bench rules`; see docs/performance.md.
//!
//! Nothing here passes or fails on time: criterion reports, docs/performance.md records.

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::{RawAnswers, RuleSet, customer_id, date, decide, prefecture};
use oqs_line_check::rules::{embedded, load};

fn rules() -> &'static RuleSet {
    embedded::rules().expect("the embedded rules load")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date")
}

fn raw(pairs: &[(&str, &str)]) -> RawAnswers {
    let mut r = RawAnswers::default();
    for &(k, v) in pairs {
        let v = Some(v.to_string());
        match k {
            "line" => r.line = v,
            "prefecture" => r.prefecture = v,
            "collab" => r.collab = v,
            "applied" => r.applied = v,
            "v6" => r.v6 = v,
            "customer-id" => r.customer_id = v,
            "multiple-lines" => r.multiple_lines = v,
            _ => panic!("no answer {k}"),
        }
    }
    r
}

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    // What every caller after the first pays: the LazyLock's cached result.
    g.bench_function("embedded_cached", |b| {
        b.iter(|| black_box(embedded::rules().is_ok()))
    });
    // What the first caller of a process pays: the build's checked copy decoded.
    g.bench_function("embedded_decode", |b| {
        b.iter(|| black_box(embedded::decode().is_ok()))
    });
    // What `--rules FILE` pays without the read: the TOML parsed and every check run.
    g.bench_function("from_toml_cold", |b| {
        b.iter(|| load::from_toml(black_box(embedded::NAME), black_box(embedded::TOML)))
    });
    g.finish();
}

fn evaluate(c: &mut Criterion) {
    let r = rules();
    let cases = [
        (
            "east_next_2010",
            raw(&[
                ("line", "next-family"),
                ("prefecture", "東京"),
                ("applied", "平成22年4月1日"),
                ("v6", "unknown"),
                ("customer-id", "ＣＡＦ０１２３４５６７８９"),
            ]),
        ),
        (
            "west_cross_collabo",
            raw(&[
                ("line", "cross"),
                ("prefecture", "osaka"),
                ("collab", "yes"),
                ("customer-id", "CAF0123456789"),
                ("multiple-lines", "no"),
            ]),
        ),
        ("unknown_line", raw(&[("line", "unknown")])),
    ];
    let mut g = c.benchmark_group("evaluate");
    for (name, answers) in &cases {
        assert!(parse_answers(r, answers, today()).is_ok(), "{name}");
        g.bench_with_input(
            BenchmarkId::new("parse_answers+decide", name),
            answers,
            |b, a| {
                b.iter(|| {
                    let answers = parse_answers(r, black_box(a), today()).expect("valid answers");
                    decide(r, &answers)
                })
            },
        );
    }
    g.finish();
}

fn customer_ids(c: &mut Criterion) {
    let rules = rules();
    let mut g = c.benchmark_group("customer_id_validate");
    for (name, input) in [
        ("plain", "CAF0123456789"),
        ("fullwidth_separated", "ｃａｆ－０１２３－４５６７－８９"),
        ("rejected_short", "CAF012345"),
    ] {
        g.bench_with_input(BenchmarkId::from_parameter(name), input, |b, i| {
            b.iter(|| customer_id::validate(rules, None, black_box(i)))
        });
    }
    g.finish();
}

fn dates(c: &mut Criterion) {
    let mut g = c.benchmark_group("date_parse");
    for (name, input) in [
        ("iso", "2012-05-29"),
        ("slashes", "2012/5/29"),
        ("compact", "20120529"),
        ("kanji", "2012年5月29日"),
        ("era_kanji", "平成24年5月29日"),
        ("era_letter", "H24.5.29"),
        ("fullwidth_era", "Ｒ３．５．１０"),
    ] {
        assert!(date::parse_applied_date(input, today()).is_ok(), "{input}");
        g.bench_with_input(BenchmarkId::from_parameter(name), input, |b, i| {
            b.iter(|| date::parse_applied_date(black_box(i), today()))
        });
    }
    g.finish();
}

fn prefectures(c: &mut Criterion) {
    let r = rules();
    let mut g = c.benchmark_group("prefecture_parse");
    // 沖縄 is the last of the 47: the lookup walks them all.
    for (name, input) in [
        ("kanji", "沖縄県"),
        ("kana", "おきなわ"),
        ("romaji", "Okinawa"),
        ("code", "47"),
    ] {
        assert!(prefecture::parse_prefecture(r, input).is_ok(), "{input}");
        g.bench_with_input(BenchmarkId::from_parameter(name), input, |b, i| {
            b.iter(|| prefecture::parse_prefecture(r, black_box(i)))
        });
    }
    g.finish();

    // The wizard's list filter, once per keystroke, as the filter string grows.
    let mut g = c.benchmark_group("prefecture_filter");
    for typed in ["", "o", "ok", "oki", "okin", "okina", "okinawa"] {
        g.bench_with_input(BenchmarkId::new("romaji", typed.len()), typed, |b, t| {
            b.iter(|| prefecture::filter(r, black_box(t)).len())
        });
    }
    for typed in ["お", "おき", "おきな", "おきなわ"] {
        g.bench_with_input(
            BenchmarkId::new("kana", typed.chars().count()),
            typed,
            |b, t| b.iter(|| prefecture::filter(r, black_box(t)).len()),
        );
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30);
    targets = load, evaluate, customer_ids, dates, prefectures
}
criterion_main!(benches);
