//! Boxes drawn over a screen: the help (F1), 終了しますか, and where a save went. The area under
//! them and a column either side is cleared first: text behind must not touch a border, and wide
//! characters cut by a border would otherwise corrupt it (ratatui#2526).

use oqs_line_check::rules::text;
use oqs_line_check::wizard::help::help;
use oqs_line_check::wizard::wrap::wrap;
use oqs_line_check::wizard::{Model, Overlay, SaveState, Step, save_content};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::chrome::row;
use super::theme::{MARKER, NO_MARKER, Theme};

pub fn draw(m: &Model<'_>, o: &Overlay, theme: &Theme, f: &mut Frame<'_>) {
    match o {
        Overlay::Help => help_box(m, theme, f),
        Overlay::QuitConfirm { yes } => quit_box(m, *yes, theme, f),
        Overlay::SaveResult => save_box(m, theme, f),
    }
}

fn centered(outer: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(outer.width);
    let h = height.min(outer.height);
    Rect {
        x: outer.x + (outer.width - w) / 2,
        y: outer.y + (outer.height - h) / 2,
        width: w,
        height: h,
    }
}

fn boxed(title: String, theme: &Theme, f: &mut Frame<'_>, area: Rect) -> Rect {
    // The box and a blank column either side of it: text of the screen behind must not touch
    // the border (「│ >│ ...」 read as part of the dialog). Where that leaves a single column
    // before the screen's own border (its padding, where a long address may run), that column
    // is cleared too: a lone character there would read as stray.
    let screen = f.area();
    let mut left = area.x.saturating_sub(1);
    let mut right = area.right().saturating_add(1).min(screen.right());
    if left == screen.x + 2 {
        left -= 1;
    }
    if right + 2 == screen.right() {
        right += 1;
    }
    let margin = Rect {
        x: left,
        width: right - left,
        ..area
    }
    .intersection(screen);
    f.render_widget(Clear, margin);
    clear_wide_left_edge(f, margin);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Line::from(format!(" {title} ")).style(theme.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    }
}

/// A wide character just left of the cleared area would be drawn over its first column: blank it.
fn clear_wide_left_edge(f: &mut Frame<'_>, area: Rect) {
    let Some(x) = area.x.checked_sub(1) else {
        return;
    };
    let buf = f.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((x, y))
            && cell.symbol().width() > 1
        {
            cell.set_symbol(" ");
        }
    }
}

fn help_box(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>) {
    let outer = f.area();
    let area = centered(
        outer,
        outer.width.saturating_sub(6),
        outer.height.saturating_sub(4),
    );
    let (title, paragraphs) = help(m);
    let inner = boxed(title, theme, f, area);
    let mut y = 0;
    for p in paragraphs {
        for l in wrap(&p, usize::from(inner.width)) {
            if y + 1 >= inner.height {
                break;
            }
            f.render_widget(Paragraph::new(l), row(inner, y));
            y += 1;
        }
    }
    f.render_widget(
        Paragraph::new(Span::styled("Esc または F1 で閉じます", theme.dim())),
        row(inner, inner.height.saturating_sub(1)),
    );
}

fn save_box(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>) {
    let outer = f.area();
    let width = outer.width.saturating_sub(6);
    let plain = Style::default();
    // The shell's texts are sanitised already; shown as text all the same.
    let (title, lines): (&str, Vec<(String, Style)>) = match &m.save {
        SaveState::Saved(saved) => {
            // Where it tried first and why not, then where the files are.
            let mut lines: Vec<(String, Style)> = saved
                .refused
                .iter()
                .map(|r| (text::sanitize(r), theme.error()))
                .collect();
            let head = if saved.refused.is_empty() {
                "次のファイルに結果を保存しました:".to_string()
            } else {
                format!("代わりに{}に、次のファイルを保存しました:", saved.place)
            };
            lines.push((head, theme.ok()));
            lines.extend(saved.paths.iter().map(|p| (text::sanitize(p), plain)));
            lines.push((save_content::PRINT_HINT.to_string(), plain));
            if m.decision.as_ref().is_some_and(|d| d.customer_id.is_some()) {
                lines.push((
                    "お客さまIDが入っています。取り扱いに注意してください。".to_string(),
                    plain,
                ));
            }
            ("保存しました", lines)
        }
        SaveState::Failed(failure) => {
            let mut lines: Vec<(String, Style)> = failure
                .reasons
                .iter()
                .map(|r| (text::sanitize(r), theme.error()))
                .collect();
            lines.push(("画面の結果はそのまま残っています。".to_string(), plain));
            lines.push((text::sanitize(&failure.advice), plain));
            ("保存できませんでした", lines)
        }
        _ => ("保存", vec![("保存しています...".to_string(), theme.dim())]),
    };
    // As tall as the wrapped lines, a blank row and the closing hint need (full paths and
    // reasons take more rows than a short message).
    let room = usize::from(width.saturating_sub(4));
    let wrapped: Vec<(String, Style)> = lines
        .iter()
        .flat_map(|(l, style)| wrap(l, room).into_iter().map(|w| (w, *style)))
        .collect();
    let height = u16::try_from(wrapped.len())
        .unwrap_or(u16::MAX)
        .saturating_add(4)
        .max(8);
    let area = centered(outer, width, height);
    let inner = boxed(title.to_string(), theme, f, area);
    for (y, (l, style)) in wrapped.into_iter().enumerate() {
        let Ok(y) = u16::try_from(y) else { break };
        if y + 1 >= inner.height {
            break;
        }
        f.render_widget(Paragraph::new(Span::styled(l, style)), row(inner, y));
    }
    f.render_widget(
        Paragraph::new(Span::styled("Enter で閉じます", theme.dim())),
        row(inner, inner.height.saturating_sub(1)),
    );
}

fn quit_box(m: &Model<'_>, yes: bool, theme: &Theme, f: &mut Frame<'_>) {
    let area = centered(f.area(), 56, 8);
    let inner = boxed("終了の確認".to_string(), theme, f, area);
    let question = match (&m.step, &m.save) {
        (Step::Result, SaveState::Saved(_)) => "終了しますか。",
        (Step::Result, _) => "結果を保存せずに終了しますか (F2 で保存できます)。",
        _ => "終了しますか。入力した答えは失われます。",
    };
    let mut y = 0;
    for l in wrap(question, usize::from(inner.width)) {
        f.render_widget(Paragraph::new(l), row(inner, y));
        y += 1;
    }
    y += 1;
    let button = |label: &'static str, focused: bool| -> Vec<Span<'static>> {
        if focused {
            vec![
                Span::styled(MARKER, theme.focused()),
                Span::styled(label, theme.focused()),
            ]
        } else {
            vec![Span::raw(NO_MARKER), Span::raw(label)]
        }
    };
    let mut spans = button("1. 終了する", yes);
    spans.push(Span::raw("    "));
    spans.extend(button("2. 続ける", !yes));
    f.render_widget(Paragraph::new(Line::from(spans)), row(inner, y));
}
