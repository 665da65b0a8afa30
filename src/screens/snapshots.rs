//! Snapshots of every screen at 80x24 (insta, on ratatui's TestBackend), for the walks the issue
//! names: East 光ネクスト applied 2010, West 光クロス via コラボ光, CTC, and わからない everywhere.

use chrono::NaiveDate;
use insta::assert_snapshot;
use oqs_line_check::rules::embedded;
use oqs_line_check::wizard::{Model, Msg, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::{Theme, view};

const THEME: Theme = Theme {
    color: true,
    ascii: false,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

fn model() -> Model<'static> {
    let mut m = Model::new(embedded::rules().expect("embedded rules"), today());
    update(
        &mut m,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    m
}

fn render(m: &Model<'_>, width: u16, height: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    t.draw(|f| view(m, &THEME, f)).expect("draw");
    screen_text(t.backend().buffer())
}

/// The buffer as the terminal shows it: one line per row, a wide character once (ratatui keeps
/// a placeholder cell after it, which a terminal never draws).
fn screen_text(buffer: &Buffer) -> String {
    let area = buffer.area;
    let mut out = String::new();
    for y in area.top()..area.bottom() {
        let mut skip = 0;
        for x in area.left()..area.right() {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let symbol = buffer[(x, y)].symbol();
            out.push_str(symbol);
            skip = UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}

fn send(m: &mut Model<'_>, msgs: &[Msg]) {
    for msg in msgs {
        update(m, msg.clone());
    }
}

fn text(s: &str) -> Vec<Msg> {
    s.chars().map(Msg::Char).collect()
}

/// Sends the messages and snapshots the screen after them.
fn step(m: &mut Model<'_>, name: &str, msgs: &[Msg]) {
    send(m, msgs);
    let screen = render(m, 80, 24);
    assert_no_ambiguous_width(&screen);
    if m.overlay.is_some() {
        assert_dialog_stands_clear(m, &screen);
    }
    assert_snapshot!(name, screen);
}

/// A dialog has a blank column either side of its box, down its whole height: nothing of the
/// screen behind touches its border (the review saw 「│ >│ ...」 and 「│ N│ ...」).
fn assert_dialog_stands_clear(m: &Model<'_>, screen: &str) {
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    t.draw(|f| view(m, &THEME, f)).expect("draw");
    let buffer = t.backend().buffer();
    let at = |x: u16, y: u16| buffer[(x, y)].symbol().to_string();
    let area = buffer.area;
    // The dialog's top-left corner: the first 「┌」 that is not the screen's own.
    let corner = (area.top()..area.bottom())
        .flat_map(|y| (1..area.right()).map(move |x| (x, y)))
        .find(|&(x, y)| at(x, y) == "┌");
    let Some((left, top)) = corner else {
        panic!("no dialog box on screen:\n{screen}");
    };
    let right = (left + 1..area.right())
        .find(|&x| at(x, top) == "┐")
        .unwrap_or_else(|| panic!("no top-right corner:\n{screen}"));
    let bottom = (top + 1..area.bottom())
        .find(|&y| at(left, y) == "└")
        .unwrap_or_else(|| panic!("no bottom-left corner:\n{screen}"));
    for y in top..=bottom {
        for x in [left - 1, right + 1] {
            assert_eq!(
                at(x, y),
                " ",
                "row {y} column {x} touches the dialog:\n{screen}"
            );
        }
        // Nor a lone column of it between the margin and the screen's border.
        for x in [left.wrapping_sub(2), right + 2] {
            let lone = x == 1 || x + 2 == area.right();
            assert!(
                !lone || at(x, y) == " ",
                "row {y}: a lone column {x} of the screen behind beside the dialog:\n{screen}"
            );
        }
        if left >= 2 {
            assert!(
                UnicodeWidthStr::width(at(left - 2, y).as_str()) <= 1,
                "row {y}: a wide character runs into the dialog's margin:\n{screen}"
            );
        }
    }
}

/// No ambiguous-width symbol in any text (the borders are box drawing by design; `--ascii` and
/// the legacy Windows console get `+-|`).
fn assert_no_ambiguous_width(screen: &str) {
    const BORDERS: &str = "─│┌┐└┘";
    for c in screen.chars() {
        if BORDERS.contains(c) {
            continue;
        }
        assert_eq!(
            c.width(),
            c.width_cjk(),
            "ambiguous-width {c:?} (U+{:04X}) on screen:\n{screen}",
            c as u32
        );
    }
}

/// The first page holds the whole summary: the verdict, every step, the portal's entries and
/// whom to call first.
fn assert_summary_on_first_page(m: &Model<'_>, screen: &str) {
    let rules = m.rules();
    let decision = m.decision.as_ref().expect("a result");
    let s = oqs_line_check::rules::summary::summary(rules, decision);
    let mut wanted = vec![s.title.clone()];
    for (n, t) in s.todos.iter().enumerate() {
        wanted.push(format!("{}. {}", n + 1, t.short));
        if let Some(t) = &t.target {
            wanted.push(t.to_string());
        }
    }
    wanted.extend(s.portal.iter().map(|e| format!("{}: {}", e.field, e.value)));
    if let Some(c) = &s.first_contact {
        wanted.extend(c.phone.clone());
        wanted.extend(c.hours.clone());
    }
    let flat: String = screen
        .chars()
        .filter(|c| !matches!(c, '│' | '\n'))
        .collect();
    for w in wanted {
        assert!(
            screen.contains(&w) || flat.contains(&w),
            "{w} not on the first page:\n{screen}"
        );
    }
}

/// Snapshots the result page by page.
fn result_pages(m: &mut Model<'_>, prefix: &str) {
    let mut page = 1;
    loop {
        let screen = render(m, 80, 24);
        assert_no_ambiguous_width(&screen);
        if page == 1 {
            assert_summary_on_first_page(m, &screen);
        }
        assert_snapshot!(format!("{prefix}_result_{page}"), screen);
        let before = m.result_scroll;
        update(m, Msg::PageDown);
        if m.result_scroll == before || page >= 8 {
            break;
        }
        page += 1;
    }
}

#[test]
fn east_next_applied_2010_needs_the_v6_option() {
    let mut m = model();
    step(&mut m, "east_1_line", &[]);
    step(&mut m, "east_2_collab", &[Msg::Submit]);
    step(&mut m, "east_3_prefecture", &[Msg::Char('2')]);
    step(&mut m, "east_3_prefecture_filtered", &text("とう"));
    step(&mut m, "east_4_type", &[Msg::Submit]);
    step(&mut m, "east_5_applied", &[Msg::Submit]);
    step(&mut m, "east_5_applied_typed", &text("2010/4/1"));
    step(&mut m, "east_6_v6", &[Msg::Submit]);
    step(&mut m, "east_7_id", &[Msg::Char('3')]);
    step(&mut m, "east_7_id_typed", &text("ｃａｆ－０１２３－４５６"));
    step(&mut m, "east_7_id_rejected", &[Msg::Submit]);
    let mut rest = text("789");
    rest.push(Msg::Submit);
    step(&mut m, "east_7_id_confirm", &rest);
    let mut again = text("CAF0123456789");
    again.push(Msg::Submit);
    step(&mut m, "east_7_multiple_lines", &again);
    step(&mut m, "east_8_review", &[Msg::Char('2')]);
    send(&mut m, &[Msg::Submit]);
    result_pages(&mut m, "east");
}

/// May 2012 contains the East's cut-off (平成24年5月29日): the day is asked for, in the text
/// style, and the same month given again goes on; the help names the East's day.
#[test]
fn east_month_that_contains_the_cut_off_asks_for_the_day() {
    let mut m = model();
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    send(&mut m, &text("とう"));
    send(&mut m, &[Msg::Submit, Msg::Submit]);
    step(&mut m, "month_1_typed", &text("平成二十四年五月"));
    step(&mut m, "month_2_day_asked", &[Msg::Submit]);
    assert_eq!(m.step, oqs_line_check::wizard::Step::Applied);
    assert!(m.error.is_none());
    step(&mut m, "month_3_help", &[Msg::Help]);
    send(&mut m, &[Msg::Back]);
    // Given again as it is: the answer, and the v6 question follows.
    step(&mut m, "month_4_v6", &[Msg::Submit]);
    assert_eq!(m.step, oqs_line_check::wizard::Step::V6);
}

/// A 開通日 month that contains the cut-off asks for the day as a 申込日 month does: a day before
/// it would settle the option.
#[test]
fn east_opened_month_that_contains_the_cut_off_asks_for_the_day() {
    use oqs_line_check::wizard::Step;
    let mut m = model();
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    send(&mut m, &text("とう"));
    send(
        &mut m,
        &[Msg::Submit, Msg::Submit, Msg::Down, Msg::Down, Msg::Submit],
    );
    assert_eq!(m.step, Step::Opened);
    send(&mut m, &text("2012年5月"));
    step(&mut m, "opened_month_day_asked", &[Msg::Submit]);
    assert_eq!(m.step, Step::Opened);
    assert!(m.error.is_none());
    let request = m.request.clone().unwrap_or_default();
    assert!(request.contains("開通日がその日より前なら"), "{request}");
    // Given again as it is: the answer, and the v6 question follows.
    send(&mut m, &[Msg::Submit]);
    assert_eq!(m.step, Step::V6);
}

/// 「開通日しかわからない」 leads to the 開通日 question; a 開通日 before the East's cut-off
/// (平成24年5月29日) settles the option as not contracted at first.
#[test]
fn east_opened_day_only() {
    use oqs_line_check::rules::V6Status;
    use oqs_line_check::wizard::Step;
    let mut m = model();
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    send(&mut m, &text("とう"));
    send(&mut m, &[Msg::Submit, Msg::Submit]);
    step(&mut m, "opened_1_choice", &[Msg::Down, Msg::Down]);
    step(&mut m, "opened_2_question", &[Msg::Submit]);
    assert_eq!(m.step, Step::Opened);
    step(&mut m, "opened_3_typed", &text("2012/5/20(日)"));
    step(&mut m, "opened_4_help", &[Msg::Help]);
    send(&mut m, &[Msg::Back, Msg::Submit]);
    assert_eq!(m.step, Step::V6);
    // わからない, then the ID and one line: the review lists the 開通日.
    send(&mut m, &[Msg::Char('3')]);
    send(&mut m, &text("CAF0123456789"));
    send(&mut m, &[Msg::Submit]);
    send(&mut m, &text("CAF0123456789"));
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    step(&mut m, "opened_5_review", &[]);
    send(&mut m, &[Msg::Submit]);
    let decision = m.decision.clone().expect("decided");
    assert_eq!(decision.v6_option, V6Status::ContractRequired);
    assert!(
        decision
            .notes
            .iter()
            .any(|n| n.contains("申込日もそれより前です")),
        "{:?}",
        decision.notes
    );
}

#[test]
fn west_cross_collabo_is_ready() {
    let mut m = model();
    send(&mut m, &[Msg::Char('2'), Msg::Char('1')]);
    send(&mut m, &text("osaka"));
    send(&mut m, &[Msg::Submit]);
    step(&mut m, "west_id", &text("CAF9876543210"));
    send(&mut m, &[Msg::Submit]);
    send(&mut m, &text("CAF9876543210"));
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    step(&mut m, "west_review", &[]);
    send(&mut m, &[Msg::Submit]);
    result_pages(&mut m, "west");
}

#[test]
fn ctc_is_another_method() {
    let mut m = model();
    step(&mut m, "ctc_prefecture", &[Msg::Char('3')]);
    let mut keys = text("東京");
    keys.push(Msg::Submit);
    step(&mut m, "ctc_review", &keys);
    send(&mut m, &[Msg::Submit]);
    result_pages(&mut m, "ctc");
}

/// The longest type name wraps under the review's value column, and after F2 the message line
/// names the saved files and still says where the reader is: nothing is cut at 80 columns.
#[test]
fn long_values_and_the_save_status_are_never_cut() {
    let rules = embedded::rules().expect("embedded rules");
    let some = |s: &str| Some(s.to_string());
    let raw = oqs_line_check::rules::RawAnswers {
        line: some("next-mansion-superhispeed"),
        collab: some("no"),
        prefecture: some("27"),
        applied: some("R3.5.11"),
        customer_id: some("CAF0123456789"),
        multiple_lines: some("no"),
        ..Default::default()
    };
    let mut m = Model::with_answers(rules, today(), &raw);
    send(
        &mut m,
        &[Msg::Resize {
            width: 80,
            height: 24,
        }],
    );
    step(&mut m, "west_long_type_review", &[]);
    let screen = render(&m, 80, 24);
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows
        .iter()
        .position(|r| r.contains("光ネクストのタイプ  "))
        .expect("the type's row");
    let inside = |r: &str| r.trim_matches('│').trim().to_string();
    let (label, first) = inside(rows[at])
        .split_once("  ")
        .map(|(l, v)| (l.to_string(), v.trim().to_string()))
        .unwrap_or_default();
    assert_eq!(label, "光ネクストのタイプ");
    // The two rows give the whole name (the space at the break is trimmed here).
    let value = format!("{first} {}", inside(rows[at + 1]));
    assert_eq!(
        value, "フレッツ 光ネクスト マンション・スーパーハイスピードタイプ",
        "{screen}"
    );
    // The continuation starts under the value, not under the label.
    let column = |r: &str, s: &str| r.find(s).map(|i| UnicodeWidthStr::width(&r[..i]));
    assert_eq!(
        column(rows[at], "フレッツ"),
        column(rows[at + 1], inside(rows[at + 1]).as_str())
    );

    send(&mut m, &[Msg::Submit, Msg::Save]);
    // A deep folder: each path takes two lines, and the dialog grows to show them all.
    let folder = "/home/clinic/Documents/online-shikaku-kakunin/kaisen-check/2026-11";
    let saved = ["html", "json", "toml"]
        .map(|e| format!("{folder}/oqs-line-check-20261125-102710.{e}"))
        .to_vec();
    let saved = oqs_line_check::wizard::Saved {
        paths: saved,
        place: "起動したフォルダー".to_string(),
        refused: Vec::new(),
    };
    send(&mut m, &[Msg::Saved(Ok(saved))]);
    let screen = render(&m, 80, 24);
    for e in ["html", "json", "toml"] {
        assert!(
            screen.contains(&format!("oqs-line-check-20261125-102710.{e}")),
            "{screen}"
        );
    }
    assert_eq!(screen.matches("kaisen-check/").count(), 3, "{screen}");
    assert!(screen.contains("取り扱いに注意してください。"), "{screen}");
    assert!(screen.contains("Enter で閉じます"), "{screen}");
    send(&mut m, &[Msg::Back]);
    step(&mut m, "west_long_type_saved", &[]);
    let screen = render(&m, 80, 24);
    let total = oqs_line_check::wizard::result_view::lines(&m).len();
    assert!(
        screen.contains(&format!(
            "1-17行目 / 全{total}行  保存済み: oqs-line-check-20261125-102710"
        )),
        "{screen}"
    );
}

#[test]
fn unknown_everywhere_asks_to_confirm() {
    let mut m = model();
    send(&mut m, &[Msg::Char('1'), Msg::Char('3')]);
    send(&mut m, &text("13"));
    send(&mut m, &[Msg::Submit]);
    // 光ネクストのタイプ: わからない is the last option.
    send(&mut m, &[Msg::End, Msg::Submit]);
    step(&mut m, "unknown_applied_on_unknown", &[Msg::Down]);
    send(&mut m, &[Msg::Submit]);
    send(&mut m, &[Msg::Char('3')]);
    step(&mut m, "unknown_id_on_unknown", &[Msg::Down]);
    send(&mut m, &[Msg::Submit, Msg::Char('3')]);
    step(&mut m, "unknown_review", &[]);
    send(&mut m, &[Msg::Submit]);
    result_pages(&mut m, "unknown");
}

/// 「わからない」 to the first question and everything after it.
#[test]
fn unknown_line_everywhere() {
    use oqs_line_check::wizard::Step;
    let mut m = model();
    send(&mut m, &[Msg::Char('8')]);
    for _ in 0..20 {
        if m.step == Step::Review {
            break;
        }
        send(&mut m, &[Msg::End, Msg::Submit]);
    }
    assert_eq!(m.step, Step::Review);
    send(&mut m, &[Msg::Submit]);
    assert_eq!(m.step, Step::Result);
    let screen = render(&m, 80, 24);
    assert_summary_on_first_page(&m, &screen);
    assert_snapshot!("unknown_line_result_1", screen);
}

#[test]
fn overlays_and_small_windows() {
    let mut m = model();
    step(&mut m, "help_line", &[Msg::Help]);
    step(&mut m, "quit_confirm", &[Msg::Back, Msg::Interrupt]);
    send(&mut m, &[Msg::Back]);
    assert_snapshot!("too_small_40x10", render(&m, 40, 10));
    // Keys pressed while it is too small: the screen says they were not taken.
    let mut small = m.clone();
    send(
        &mut small,
        &[
            Msg::Resize {
                width: 40,
                height: 10,
            },
            Msg::Char('1'),
            Msg::Down,
        ],
    );
    assert_snapshot!("too_small_keys_not_taken", render(&small, 40, 10));
    for (w, h) in [(1, 1), (0, 0), (10, 3), (79, 24), (80, 23)] {
        let screen = render(&m, w, h);
        if w >= 2 && h > 0 {
            assert!(
                screen.contains("ウ"),
                "{w}x{h} should ask for a larger window:\n{screen}"
            );
        }
    }
}

#[test]
fn ascii_borders_and_no_color() {
    let mut m = model();
    send(&mut m, &[Msg::Submit]);
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    let theme = Theme {
        color: false,
        ascii: true,
    };
    t.draw(|f| view(&m, &theme, f)).expect("draw");
    let screen = screen_text(t.backend().buffer());
    assert!(!screen.contains('─') && !screen.contains('│'), "{screen}");
    assert!(screen.contains('+') && screen.contains('|'), "{screen}");
    // Focus is shown by the marker, not by colour alone.
    assert!(screen.contains("> 1. はい"), "{screen}");
    let buffer = t.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "NO_COLOR must draw without colours"
    );
}

#[test]
fn the_caret_is_where_the_ime_opens() {
    let mut m = model();
    send(&mut m, &[Msg::Submit, Msg::Char('2')]);
    send(&mut m, &text("とう"));
    let mut t = Terminal::new(TestBackend::new(80, 24)).expect("test backend");
    t.draw(|f| view(&m, &THEME, f)).expect("draw");
    // Border 1 + padding 1 + marker 2 + 「絞り込み: 」 (10 columns) + 「とう」 (4 columns).
    t.backend_mut()
        .assert_cursor_position(ratatui::layout::Position::new(18, 4));
}

#[test]
fn the_readme_shows_the_real_result_screen() {
    let readme = include_str!("../../README.md");
    let snapshot = include_str!("snapshots/oqs_line_check__screens__snapshots__east_result_1.snap");
    // The snapshot's body, after insta's header.
    let body = snapshot
        .splitn(3, "---\n")
        .nth(2)
        .unwrap_or_default()
        .trim_end();
    assert!(!body.is_empty());
    assert!(
        readme.contains(body),
        "README.md's result screen differs from the snapshot east_result_1: copy it again"
    );
}

#[test]
fn every_help_fits_an_80x24_window() {
    use oqs_line_check::wizard::Step;
    use oqs_line_check::wizard::help::help;
    use oqs_line_check::wizard::wrap::wrap;
    // Walk the longest path (光ネクスト in the East, then in the West) and open F1 on each step.
    for pref in ["13", "27"] {
        let mut m = model();
        let mut keys = vec![Msg::Char('1'), Msg::Char('3')];
        keys.extend(text(pref));
        keys.extend([Msg::Submit, Msg::End, Msg::Submit]);
        keys.extend(text("2010/4/1"));
        keys.extend([Msg::Submit, Msg::Char('3')]);
        let mut seen = Vec::new();
        let mut check = |m: &mut Model<'_>| {
            update(m, Msg::Help);
            let screen = render(m, 80, 24);
            let (_, paragraphs) = help(m);
            let last = paragraphs.last().cloned().unwrap_or_default();
            let tail = wrap(&last, 70).last().cloned().unwrap_or_default();
            assert!(
                screen.contains(tail.trim()),
                "help of {:?} is cut short at 80x24:\n{screen}",
                m.step
            );
            seen.push(m.step);
            update(m, Msg::Back);
        };
        check(&mut m);
        for key in keys {
            let before = m.step;
            update(&mut m, key);
            if m.step != before {
                check(&mut m);
            }
        }
        assert!(seen.contains(&Step::CustomerId), "{seen:?}");
    }
}

/// A West-only type, then 東京都 from the review: the type question is asked again and its
/// message line says why, in the rules' words.
#[test]
fn a_type_the_new_prefecture_does_not_offer_says_why() {
    use oqs_line_check::rules::RawAnswers;
    use oqs_line_check::wizard::{Edit, Step};
    let raw = RawAnswers {
        line: Some("next-family-superhispeed".into()),
        prefecture: Some("27".into()),
        collab: Some("no".into()),
        applied: Some("2022-01-01".into()),
        opened: None,
        v6: None,
        customer_id: Some("CAF0123456789".into()),
        multiple_lines: Some("no".into()),
        clinic_name: None,
    };
    let mut m = Model::with_answers(embedded::rules().expect("embedded rules"), today(), &raw);
    send(
        &mut m,
        &[Msg::Resize {
            width: 80,
            height: 24,
        }],
    );
    assert_eq!(m.step, Step::Review);
    let mut keys = vec![
        Msg::Home,
        Msg::Down,
        Msg::Down,
        Msg::Submit,
        Msg::Edit(Edit::Clear),
    ];
    keys.extend(text("東京都"));
    keys.push(Msg::Submit);
    step(&mut m, "stale_type_after_a_prefecture_change", &keys);
    assert_eq!(m.step, Step::NextType);
}

/// The save dialog when the folder the wizard was started in refused the files and the home
/// folder took them, and when no folder took them (the shell's real wording, for two folders
/// that do not exist).
#[test]
fn save_dialogs_name_each_folder_and_its_cause() {
    use crate::shell::save::{self, HOME, Place, START};
    use oqs_line_check::wizard::{Command, Saved};
    let mut m = model();
    send(&mut m, &[Msg::Char('3')]);
    send(&mut m, &text("愛知"));
    send(&mut m, &[Msg::Submit, Msg::Submit]);
    assert!(matches!(update(&mut m, Msg::Save), Command::Save(_)));
    let home = "/home/clinic";
    let stem = "oqs-line-check-20261125-093000";
    let saved = Saved {
        paths: ["html", "json", "toml"]
            .iter()
            .map(|ext| format!("{home}/{stem}.{ext}"))
            .collect(),
        place: HOME.to_string(),
        refused: vec![format!(
            "{START} (/proc) に保存できません: ファイルを作れないフォルダーです。"
        )],
    };
    step(&mut m, "save_in_the_home_folder", &[Msg::Saved(Ok(saved))]);
    send(&mut m, &[Msg::Submit]);

    let Command::Save(request) = update(&mut m, Msg::Save) else {
        panic!("F2 saves again");
    };
    let places = [
        Place {
            dir: "/nonexistent/受付".into(),
            name: START,
        },
        Place {
            dir: "/nonexistent/home".into(),
            name: HOME,
        },
    ];
    let failure = save::save(&places, stem, &request)
        .err()
        .unwrap_or_else(|| panic!("no such folders"));
    step(
        &mut m,
        "save_failed_everywhere",
        &[Msg::Saved(Err(failure))],
    );
    step(&mut m, "save_failed_message_line", &[Msg::Submit]);
}

/// A word for わからない typed as the お客さまID reads as the choice: one line, no value that
/// would be entered on the portal and no note about normalising it.
#[test]
fn a_word_for_unknown_in_the_id_field_reads_as_the_choice() {
    use oqs_line_check::wizard::Edit;
    let mut m = model();
    send(&mut m, &[Msg::Char('2'), Msg::Char('2')]);
    send(&mut m, &text("osaka"));
    send(&mut m, &[Msg::Submit]);
    step(&mut m, "id_typed_unknown", &text("unknown"));
    send(&mut m, &[Msg::Edit(Edit::Clear)]);
    step(&mut m, "id_typed_fumei", &text("不明"));
}

/// An お客さまID typed with the IME on, and a phone number typed for it: the message names the
/// mix-up and, for the kana, the ID that was meant.
#[test]
fn id_typed_with_the_ime_on_or_a_phone_number() {
    use oqs_line_check::wizard::Edit;
    let mut m = model();
    send(&mut m, &[Msg::Char('2'), Msg::Char('2')]);
    send(&mut m, &text("tokyo"));
    send(&mut m, &[Msg::Submit]);
    let mut kana = text("かｆ０１２３４５６７８９");
    kana.push(Msg::Submit);
    step(&mut m, "id_rejected_ime_kana", &kana);
    send(&mut m, &[Msg::Edit(Edit::Clear)]);
    let mut phone = text("03-1234-5678");
    phone.push(Msg::Submit);
    step(&mut m, "id_rejected_phone_number", &phone);
}

/// Questions opened from the review: Esc goes back there (the footer says 戻る, also on the
/// first question), and the 都道府県 filter, typed in and cleared, keeps the answer highlighted.
#[test]
fn questions_opened_from_the_review_keep_the_answer_and_say_esc_returns() {
    use oqs_line_check::rules::RawAnswers;
    use oqs_line_check::wizard::{Edit, Step};
    let raw = RawAnswers {
        line: Some("cross".into()),
        collab: Some("no".into()),
        prefecture: Some("27".into()),
        customer_id: Some("CAF0123456789".into()),
        multiple_lines: Some("no".into()),
        ..RawAnswers::default()
    };
    let mut m = Model::with_answers(embedded::rules().expect("embedded rules"), today(), &raw);
    send(
        &mut m,
        &[Msg::Resize {
            width: 80,
            height: 24,
        }],
    );
    assert_eq!(m.step, Step::Review);
    step(&mut m, "from_review_line", &[Msg::Home, Msg::Submit]);
    send(&mut m, &[Msg::Back]);
    assert_eq!(m.step, Step::Review);
    send(&mut m, &[Msg::Home, Msg::Down, Msg::Down, Msg::Submit]);
    assert_eq!(m.step, Step::Prefecture);
    step(
        &mut m,
        "from_review_prefecture_filter_cleared",
        &[Msg::Char('o'), Msg::Edit(Edit::Backspace)],
    );
}

/// Every dialog the result screen opens, at 80x24, with the screen behind it full of text: the
/// help, 保存しました, and 終了しますか before and after saving (保存しています is on the message
/// line, not in a dialog).
#[test]
fn every_dialog_on_the_result_screen() {
    use oqs_line_check::wizard::{Command, Saved};
    let mut m = model();
    send(&mut m, &[Msg::Char('3')]);
    send(&mut m, &text("愛知"));
    send(&mut m, &[Msg::Submit, Msg::Submit]);
    step(&mut m, "dialog_result_help", &[Msg::Help]);
    send(&mut m, &[Msg::Back]);
    step(&mut m, "dialog_quit_unsaved", &[Msg::Submit]);
    send(&mut m, &[Msg::Back]);
    assert!(m.overlay.is_none());
    assert!(matches!(update(&mut m, Msg::Save), Command::Save(_)));
    let saved = Saved {
        paths: ["html", "json", "toml"]
            .iter()
            .map(|ext| format!("/home/clinic/oqs-line-check-20261125-093000.{ext}"))
            .collect(),
        place: "起動したフォルダー".to_string(),
        refused: Vec::new(),
    };
    step(&mut m, "dialog_saved", &[Msg::Saved(Ok(saved))]);
    send(&mut m, &[Msg::Submit]);
    step(&mut m, "dialog_quit_saved", &[Msg::Submit]);
}
