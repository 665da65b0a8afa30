//! The wizard's random events driven through the whole shell path but the terminal:
//! crossterm events (presses, releases and repeats of any key with any modifiers, pastes of
//! hostile text, resizes to any size, focus and mouse events) through the real key mapping
//! (`shell::keys`), mixed with the wizard messages of tests/common/events.rs (the same events the
//! state-machine properties use), into `update`, and every state drawn by `view` on a ratatui
//! TestBackend of random size. For every frame:
//!
//! - nothing panics, at any size from 0×0 up, also while the wizard's idea of the window size
//!   and the real one differ (a resize not yet reported);
//! - no cell holds a control character or an invisible formatting character, whatever was typed,
//!   pasted or reported by a failed save, so nothing can reach the terminal raw;
//! - the cursor (the IME's anchor) is inside the window when shown;
//! - the view draws inside its area and relative to it: the same state drawn into a window
//!   placed anywhere inside a larger screen gives the same cells there and leaves every cell
//!   around it untouched (a widget placed by absolute coordinates, or one spilling out of its
//!   area, would show up as a difference).
//!
//! And whenever the wizard asks to save, the files it would write hold no control character
//! other than the newline, and no invisible character.

use chrono::NaiveDate;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers, MediaKeyCode,
    ModifierKeyCode, MouseButton, MouseEvent, MouseEventKind,
};
use oqs_line_check::rules::RawAnswers;
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::text::is_invisible;
use oqs_line_check::wizard::{Command, Model, Msg, Saved, update};
use proptest::prelude::*;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::{Theme, view};
use crate::shell::keys;

#[path = "../../tests/common/events.rs"]
mod events;

/// The largest screen the fuzz draws on. Resize messages may claim any size up to 65535×65535;
/// the TestBackend is capped so its buffer stays small.
const MAX_WIDTH: u16 = 320;
const MAX_HEIGHT: u16 = 120;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default()
}

/// One thing that happens to the running wizard.
#[derive(Debug, Clone)]
enum Input {
    /// A terminal event, mapped by the shell's key handling (a resize also resizes the screen).
    Event(Event),
    /// A message as the wizard's own tests send it (a resize here changes only what the wizard
    /// believes the size is).
    Msg(Msg),
}

fn any_modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::ALT),
        1 => any::<u8>().prop_map(KeyModifiers::from_bits_truncate),
    ]
}

fn any_key_code() -> impl Strategy<Value = KeyCode> {
    prop_oneof![
        8 => events::any_char().prop_map(KeyCode::Char),
        2 => prop::sample::select(vec!['c', 's', 'u', 'w', 'a', 'e', 'x']).prop_map(KeyCode::Char),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::PageUp,
            KeyCode::PageDown,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Insert,
            KeyCode::Null,
            KeyCode::CapsLock,
            KeyCode::Menu,
            KeyCode::Media(MediaKeyCode::Play),
            KeyCode::Modifier(ModifierKeyCode::LeftShift),
        ]),
        1 => (0u8..=24).prop_map(KeyCode::F),
    ]
}

fn any_kind() -> impl Strategy<Value = KeyEventKind> {
    prop_oneof![
        6 => Just(KeyEventKind::Press),
        2 => Just(KeyEventKind::Release),
        2 => Just(KeyEventKind::Repeat),
    ]
}

fn any_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        12 => (any_key_code(), any_modifiers(), any_kind()).prop_map(|(code, modifiers, kind)| {
            Event::Key(KeyEvent {
                code,
                modifiers,
                kind,
                state: KeyEventState::NONE,
            })
        }),
        2 => events::paste_text().prop_map(Event::Paste),
        1 => events::any_size().prop_map(|(w, h)| Event::Resize(w, h)),
        1 => prop::sample::select(vec![
            Event::FocusGained,
            Event::FocusLost,
            Event::Mouse(MouseEvent {
                kind: MouseEventKind::Down(MouseButton::Left),
                column: 3,
                row: 4,
                modifiers: KeyModifiers::NONE,
            }),
        ]),
    ]
}

fn any_input() -> impl Strategy<Value = Input> {
    prop_oneof![
        3 => any_event().prop_map(Input::Event),
        2 => events::any_msg().prop_map(Input::Msg),
    ]
}

/// Where a run starts: a fresh wizard, or a technician's start from flags (the review with every
/// answer, a West line, CTC, or answers with a bad ID and a bad date left in their fields).
fn any_start() -> impl Strategy<Value = usize> {
    0..STARTS
}

const STARTS: usize = 5;

fn start_model(start: usize) -> Model<'static> {
    let rules = embedded::rules().unwrap_or_else(|e| panic!("the embedded rules load: {e}"));
    let raw = |line: &str, pref: &str, applied: &str, id: &str| RawAnswers {
        line: Some(line.into()),
        prefecture: Some(pref.into()),
        collab: Some("no".into()),
        applied: Some(applied.into()),
        opened: None,
        v6: Some("not-contracted".into()),
        customer_id: Some(id.into()),
        multiple_lines: Some("no".into()),
        clinic_name: None,
    };
    match start {
        1 => Model::with_answers(
            rules,
            today(),
            &raw("next-family", "13", "2010-04-01", "CAF0123456789"),
        ),
        2 => Model::with_answers(
            rules,
            today(),
            &raw("cross", "27", "unknown", "CAF9876543210"),
        ),
        3 => Model::with_answers(
            rules,
            today(),
            &RawAnswers {
                line: Some("ctc-commufa".into()),
                ..RawAnswers::default()
            },
        ),
        4 => Model::with_answers(
            rules,
            today(),
            &raw("next-family", "hokkaido", "平成99年", "\u{1b}[2JCAF12"),
        ),
        _ => Model::new(rules, today()),
    }
}

fn clamp((w, h): (u16, u16)) -> (u16, u16) {
    (w.min(MAX_WIDTH), h.min(MAX_HEIGHT))
}

fn terminal(size: (u16, u16)) -> Terminal<TestBackend> {
    let (w, h) = clamp(size);
    Terminal::new(TestBackend::new(w, h)).unwrap_or_else(|e| panic!("a {w}x{h} test backend: {e}"))
}

/// Draws the model, and checks the frame (see the module's description).
fn draw_and_check(term: &mut Terminal<TestBackend>, m: &Model<'_>, theme: &Theme) {
    term.draw(|f| {
        view(m, theme, f);
        assert_no_raw_text(f.buffer_mut(), m);
    })
    .unwrap_or_else(|e| panic!("draw: {e}"));
    let area = term.backend().buffer().area;
    if term.backend().cursor_visible() {
        let p = term.backend().cursor_position();
        assert!(
            area.contains(p),
            "cursor {p:?} outside the {}x{} window on {:?}",
            area.width,
            area.height,
            m.step
        );
    }
}

/// No cell of a frame holds a control character or an invisible formatting character.
fn assert_no_raw_text(buffer: &Buffer, m: &Model<'_>) {
    for (i, cell) in buffer.content.iter().enumerate() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(|c| c.is_control() || is_invisible(c)),
            "cell {i} holds {symbol:?} on {:?}",
            m.step
        );
    }
}

/// The frame the model draws in a window of `size` at `at` on a screen of `screen` cells, as
/// the screen shows it after this one draw, and where the cursor is if shown.
fn draw_once(
    m: &Model<'_>,
    theme: &Theme,
    screen: (u16, u16),
    window: Rect,
) -> (Buffer, Option<Position>) {
    let mut term = Terminal::with_options(
        TestBackend::new(screen.0, screen.1),
        TerminalOptions {
            viewport: Viewport::Fixed(window),
        },
    )
    .unwrap_or_else(|e| panic!("a test backend: {e}"));
    term.draw(|f| {
        assert_eq!(f.area(), window);
        view(m, theme, f);
    })
    .unwrap_or_else(|e| panic!("draw: {e}"));
    let backend = term.backend();
    let cursor = backend.cursor_visible().then(|| backend.cursor_position());
    (backend.buffer().clone(), cursor)
}

/// Draws the model in a window at the origin, and in a window of the same size placed at
/// (`dx`, `dy`) on a larger screen: the placed window shows the same cells, every cell around it
/// stays untouched, and the cursor moves with the window.
fn check_placed_anywhere(m: &Model<'_>, theme: &Theme, size: (u16, u16), dx: u16, dy: u16) {
    let (w, h) = clamp(size);
    let (expected, cursor) = draw_once(m, theme, (w, h), Rect::new(0, 0, w, h));
    let window = Rect::new(dx, dy, w, h);
    let screen = (w + dx + 3, h + dy + 2);
    let (placed, placed_cursor) = draw_once(m, theme, screen, window);
    let blank = ratatui::buffer::Cell::default();
    for y in 0..screen.1 {
        for x in 0..screen.0 {
            let p = Position::new(x, y);
            let cell = &placed[p];
            if window.contains(p) {
                let want = &expected[(x - dx, y - dy)];
                assert_eq!(
                    cell, want,
                    "({x}, {y}) differs when the window is placed at ({dx}, {dy}) on {:?}",
                    m.step
                );
            } else {
                assert_eq!(
                    cell, &blank,
                    "({x}, {y}) outside the window at ({dx}, {dy}) was drawn on {:?}",
                    m.step
                );
            }
        }
    }
    assert_eq!(
        placed_cursor,
        cursor.map(|p| Position::new(p.x + dx, p.y + dy)),
        "the cursor does not move with the window"
    );
}

fn assert_clean_file(ext: &str, content: &str) {
    if let Some(c) = content
        .chars()
        .find(|&c| (c.is_control() && c != '\n') || is_invisible(c))
    {
        panic!("the saved {ext} holds {c:?}:\n{content}");
    }
}

/// Runs `inputs` from `start` the way the shell's loop does, drawing after each one.
fn run(start: usize, size: (u16, u16), theme: Theme, inputs: Vec<Input>, placed: (u16, u16)) {
    let mut m = start_model(start);
    let mut term = terminal(size);
    update(
        &mut m,
        Msg::Resize {
            width: size.0,
            height: size.1,
        },
    );
    let mut size = clamp(size);
    draw_and_check(&mut term, &m, &theme);
    for input in inputs {
        let msg = match input {
            Input::Event(event) => {
                if let Event::Resize(w, h) = event {
                    size = clamp((w, h));
                    term.backend_mut().resize(size.0, size.1);
                }
                keys::to_msg(event)
            }
            Input::Msg(msg) => Some(msg),
        };
        if let Some(msg) = msg {
            match update(&mut m, msg) {
                Command::None => {}
                Command::Quit => break,
                Command::Save(request) => {
                    for (ext, content) in &request.files {
                        assert_clean_file(ext, content);
                    }
                    let paths = request
                        .files
                        .iter()
                        .map(|(ext, _)| format!("oqs-line-check-20240401-093000.{ext}"))
                        .collect();
                    let saved = Saved {
                        paths,
                        place: "起動したフォルダー".to_string(),
                        refused: Vec::new(),
                    };
                    update(&mut m, Msg::Saved(Ok(saved)));
                }
            }
        }
        draw_and_check(&mut term, &m, &theme);
    }
    // The last state, drawn into a window placed elsewhere on a larger screen.
    check_placed_anywhere(&m, &theme, size, placed.0, placed.1);
}

/// Random runs: [`CASES`] unless PROPTEST_CASES asks for more (or fewer).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CASES)
}

/// Random runs per `cargo test`, each of up to [`MAX_INPUTS`] inputs with every state drawn
/// (docs/reliability.md gives the figures). Drawing is the slow part in a debug build.
const CASES: u32 = 64;
const MAX_INPUTS: usize = 48;

/// The screen a run starts on: the named sizes, any size up to 160×60 (the windows people use),
/// or now and then any size up to the cap.
fn any_screen() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => events::any_size().prop_map(clamp),
        3 => (0u16..=160, 0u16..=60),
        1 => (0u16..=MAX_WIDTH, 0u16..=MAX_HEIGHT),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn random_events_draw_safely_at_any_size(
        start in any_start(),
        size in any_screen(),
        color in any::<bool>(),
        ascii in any::<bool>(),
        inputs in prop::collection::vec(any_input(), 0..MAX_INPUTS),
        placed in (0u16..40, 0u16..20),
    ) {
        run(start, size, Theme { color, ascii }, inputs, placed);
    }
}

/// Every start, at every size the issue names, with the same short walk: the fixed part of the
/// fuzz, so those sizes are drawn on every run whatever the random cases pick.
#[test]
fn named_sizes_draw_safely() {
    let walk = || {
        [
            Msg::Submit,
            Msg::Down,
            Msg::Submit,
            Msg::Paste("\u{1b}[2J\u{202e}CAF0123456789".into()),
            Msg::Help,
            Msg::Back,
            Msg::End,
            Msg::Submit,
            Msg::PageDown,
            Msg::Save,
            Msg::Interrupt,
        ]
        .into_iter()
        .map(Input::Msg)
        .collect::<Vec<_>>()
    };
    let sizes = [(0, 0), (1, 1), (10, 3), (79, 23), (80, 24), (300, 100)];
    for start in 0..STARTS {
        for (n, size) in sizes.into_iter().enumerate() {
            // Box-drawing and ASCII borders in turn.
            let ascii = (start + n) % 2 == 1;
            run(start, size, Theme { color: true, ascii }, walk(), (7, 3));
        }
    }
}

/// A save failure's message is shown as text, whatever it holds.
#[test]
fn a_save_message_is_shown_as_text() {
    use oqs_line_check::wizard::SaveFailure;
    let mut m = start_model(1);
    for msg in [Msg::End, Msg::Submit, Msg::Save] {
        update(&mut m, msg);
    }
    let hostile = "\u{1b}]0;x\u{7}\u{202e}\u{9b}31m失敗a\u{200d}b".to_string();
    update(
        &mut m,
        Msg::Saved(Err(SaveFailure {
            summary: hostile.clone(),
            reasons: vec![hostile.clone()],
            advice: hostile,
        })),
    );
    let mut term = terminal((80, 24));
    draw_and_check(
        &mut term,
        &m,
        &Theme {
            color: true,
            ascii: false,
        },
    );
    let screen: String = term
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    // Shown, as visible escapes (a wide character's second cell is a placeholder: match ASCII).
    assert!(
        screen.contains("\\u{1b}]0;x\\u{7}\\u{202e}\\u{9b}31m"),
        "{screen}"
    );
    assert!(screen.contains("a\\u{200d}b"), "{screen}");
}
