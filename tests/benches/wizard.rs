//! Benchmarks of the wizard: one key through `update` and one whole frame drawn by the real
//! screens into ratatui's TestBackend, on the heaviest screens (the 都道府県 list while filtering,
//! the result scrolled), at 80x24, 200x60 and 300x100. `cargo bench --bench wizard`; see
//! docs/performance.md.
//!
//! The screens live in the binary crate, which a bench cannot import; they are compiled into this
//! bench from their own source with `#[path]` (they use only the library crate and ratatui), so
//! what is measured is exactly the code the binary draws with.
//!
//! After criterion, with `--bench`, the start-up budget is reported from a plain loop of single
//! key + frame timings: median under 1 ms at 200x60. Nothing fails on time.

// Cargo builds every `harness = false` bench with `--cfg test` but without the test harness, so
// the screens' `#[cfg(test)]` modules (snapshots, fuzz) come along with their `#[test]` functions
// dropped: their helpers would read as dead code. The binary's own build lints the screens in
// full; here dead code is allowed. The fuzz module maps keys with the shell's `keys`: it gets
// the real one.
#[allow(dead_code)]
#[path = "../../src/screens/mod.rs"]
mod screens;
#[allow(dead_code)]
#[path = "../../src/shell/keys.rs"]
mod shell_keys;
// What `keys` bounds a window's size with (its `super::clamped`); its test module comes along
// without its test, so its imports read as unused.
#[allow(dead_code, unused_imports)]
#[path = "../../src/shell/clamped.rs"]
mod clamped;
mod shell {
    pub(crate) use super::shell_keys as keys;
}

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion};
use oqs_line_check::rules::embedded;
use oqs_line_check::wizard::text_field::Edit;
use oqs_line_check::wizard::{Model, Msg, Step, result_view, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use screens::{Theme, view};

const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

const SIZES: [(u16, u16); 3] = [(80, 24), (200, 60), (300, 100)];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).expect("a real date")
}

fn send(m: &mut Model<'_>, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        update(m, msg);
    }
}

fn text(s: &str) -> Vec<Msg> {
    s.chars().map(Msg::Char).collect()
}

fn new_model((width, height): (u16, u16)) -> Model<'static> {
    let mut m = Model::new(embedded::rules().expect("embedded rules"), today());
    update(&mut m, Msg::Resize { width, height });
    m
}

/// On 都道府県 (光ネクスト, not コラボ光), with `typed` in the filter.
fn prefecture_model(size: (u16, u16), typed: &str) -> Model<'static> {
    let mut m = new_model(size);
    send(&mut m, [Msg::Submit, Msg::Char('2')]);
    assert_eq!(m.step, Step::Prefecture);
    send(&mut m, text(typed));
    m
}

/// On the result of わからない everywhere (the longest result), scrolled one page down.
fn result_model(size: (u16, u16)) -> Model<'static> {
    let mut m = new_model(size);
    send(&mut m, [Msg::Char('1'), Msg::Char('3')]);
    send(&mut m, text("13"));
    send(
        &mut m,
        [
            Msg::Submit,
            Msg::End,
            Msg::Submit,
            Msg::Down,
            Msg::Submit,
            Msg::Char('3'),
            Msg::Down,
            Msg::Submit,
            Msg::Char('3'),
            Msg::Submit,
        ],
    );
    assert_eq!(m.step, Step::Result);
    send(&mut m, [Msg::PageDown]);
    assert!(m.result_scroll > 0 || size.1 >= 60, "scrolled");
    m
}

/// A screen and the two keys that, sent in turn, change it back and forth, so every frame differs
/// from the one before (as in real use) and the state stays bounded however long the bench runs.
struct Scenario {
    name: &'static str,
    model: fn((u16, u16)) -> Model<'static>,
    keys: [Msg; 2],
}

fn scenarios() -> [Scenario; 2] {
    [
        Scenario {
            name: "prefecture_filter",
            // Typing the third letter of 「tok」 and deleting it again: the filter runs each time.
            model: |size| prefecture_model(size, "to"),
            keys: [Msg::Char('k'), Msg::Edit(Edit::Backspace)],
        },
        Scenario {
            name: "result_scroll",
            model: result_model,
            keys: [Msg::Down, Msg::Up],
        },
    ]
}

/// The real app's loop body: one key through `update`, then one whole frame.
struct App {
    model: Model<'static>,
    terminal: Terminal<TestBackend>,
    keys: [Msg; 2],
    turn: usize,
}

impl App {
    fn new(s: &Scenario, size: (u16, u16)) -> App {
        let model = (s.model)(size);
        let mut terminal = Terminal::new(TestBackend::new(size.0, size.1)).expect("a test backend");
        terminal
            .draw(|f| view(&model, &THEME, f))
            .expect("the first frame");
        App {
            model,
            terminal,
            keys: s.keys.clone(),
            turn: 0,
        }
    }

    fn key(&mut self) {
        let msg = self.keys[self.turn % 2].clone();
        self.turn += 1;
        black_box(update(&mut self.model, msg));
    }

    fn frame(&mut self) {
        let model = &self.model;
        self.terminal
            .draw(|f| view(model, &THEME, f))
            .expect("a frame");
    }

    fn key_and_frame(&mut self) {
        self.key();
        self.frame();
    }
}

fn key_and_frame(c: &mut Criterion) {
    let mut g = c.benchmark_group("key+frame");
    for s in scenarios() {
        for size in SIZES {
            let mut app = App::new(&s, size);
            let id = BenchmarkId::new(s.name, format!("{}x{}", size.0, size.1));
            g.bench_function(id, |b| b.iter(|| app.key_and_frame()));
        }
    }
    g.finish();
}

/// The parts, at 200x60: `update` alone, a frame alone, and the result's wrapped lines.
fn parts(c: &mut Criterion) {
    let size = (200, 60);
    let mut g = c.benchmark_group("parts_200x60");
    for s in scenarios() {
        let mut app = App::new(&s, size);
        g.bench_function(BenchmarkId::new("update", s.name), |b| b.iter(|| app.key()));
        let mut app = App::new(&s, size);
        g.bench_function(BenchmarkId::new("frame", s.name), |b| {
            b.iter(|| app.frame())
        });
    }
    let m = result_model(size);
    g.bench_function("result_view::lines", |b| {
        b.iter(|| result_view::lines(black_box(&m)).len())
    });
    g.finish();
}

/// Issue 4's budget, from single timings: the median of one key + one frame at 200x60.
fn report_budget() {
    const BUDGET: Duration = Duration::from_millis(1);
    const WARM_UP: usize = 100;
    const SAMPLES: usize = 1001;
    println!();
    println!(
        "budget: key + full redraw, median under {BUDGET:?} at 200x60 ({SAMPLES} single timings)"
    );
    for s in scenarios() {
        for size in SIZES {
            let mut app = App::new(&s, size);
            for _ in 0..WARM_UP {
                app.key_and_frame();
            }
            let mut times: Vec<Duration> = (0..SAMPLES)
                .map(|_| {
                    let start = Instant::now();
                    app.key_and_frame();
                    start.elapsed()
                })
                .collect();
            times.sort();
            let median = times[SAMPLES / 2];
            let p99 = times[SAMPLES * 99 / 100];
            let verdict = match (size, median < BUDGET) {
                ((200, 60), true) => "within budget",
                ((200, 60), false) => "OVER BUDGET",
                _ => "(no budget at this size)",
            };
            println!(
                "  {:<18} {:>3}x{:<3}  median {:>9.1?}  p99 {:>9.1?}  {verdict}",
                s.name, size.0, size.1, median, p99
            );
        }
    }
}

/// `WIZARD_LOOP="result_scroll 200x60 1000"`: only that many key + frame turns of one scenario,
/// for a profiler (`valgrind --tool=callgrind`); the difference between two counts of turns gives
/// the instructions of one turn, free of set-up and of the machine's load.
fn profile_loop(spec: &str) {
    let words: Vec<&str> = spec.split_whitespace().collect();
    let [name, size, turns] = words[..] else {
        panic!("WIZARD_LOOP wants \"SCENARIO WIDTHxHEIGHT TURNS\", not {spec:?}");
    };
    let size = size
        .split_once('x')
        .and_then(|(w, h)| Some((w.parse().ok()?, h.parse().ok()?)))
        .expect("a size like 200x60");
    let turns: usize = turns.parse().expect("a number of turns");
    let s = scenarios()
        .into_iter()
        .find(|s| s.name == name)
        .expect("a scenario: prefecture_filter or result_scroll");
    let mut app = App::new(&s, size);
    for _ in 0..turns {
        app.key_and_frame();
    }
}

fn main() {
    if let Ok(spec) = std::env::var("WIZARD_LOOP") {
        profile_loop(&spec);
        return;
    }
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(30)
        .configure_from_args();
    key_and_frame(&mut c);
    parts(&mut c);
    c.final_summary();
    // `cargo bench` passes --bench; `cargo test --benches` does not, and only checks that the
    // benchmarks run.
    if std::env::args().any(|a| a == "--bench") {
        report_budget();
    }
}
