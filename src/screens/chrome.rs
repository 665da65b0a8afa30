//! The frame every screen shares: border, title and progress, question, message line, keys.

use oqs_line_check::wizard::Model;
use oqs_line_check::wizard::help::key_hints;
use oqs_line_check::wizard::layout::{BORDER, FOOTER_ROWS, HEADER_ROWS, PADDING};
use oqs_line_check::wizard::wrap::{width, wrap};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::theme::Theme;

pub const APP_TITLE: &str = "オンライン資格確認 回線チェック";

/// Draws the frame and returns the body's area.
pub fn draw(
    m: &Model<'_>,
    theme: &Theme,
    f: &mut Frame<'_>,
    message: Option<Line<'static>>,
    result_lines: usize,
) -> Rect {
    let area = f.area();
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Line::from(format!(" {APP_TITLE} ")).style(theme.title()));
    f.render_widget(block, area);
    let inner = Rect {
        x: area.x + BORDER + PADDING,
        y: area.y + BORDER,
        width: area.width.saturating_sub(2 * (BORDER + PADDING)),
        height: area.height.saturating_sub(2 * BORDER),
    };

    // Row 1: progress and step title. Row 2: the question.
    let progress = m.progress().heading(m.step.title());
    f.render_widget(
        Paragraph::new(Line::from(Span::styled(progress, theme.heading()))),
        row(inner, 0),
    );
    // The question, on the row after the title and, if it wraps, the blank row under it.
    let question = wrap(m.step.question(), usize::from(inner.width));
    for (y, q) in (1..HEADER_ROWS).zip(question) {
        f.render_widget(Paragraph::new(q), row(inner, y));
    }

    let footer_y = inner.height.saturating_sub(FOOTER_ROWS);
    if let Some(msg) = message {
        f.render_widget(Paragraph::new(msg), row(inner, footer_y));
    }
    f.render_widget(
        Paragraph::new(hints(m, theme, inner.width, result_lines)),
        row(inner, footer_y + 1),
    );

    Rect {
        x: inner.x,
        y: inner.y + HEADER_ROWS,
        width: inner.width,
        height: inner.height.saturating_sub(HEADER_ROWS + FOOTER_ROWS),
    }
}

/// The key hints, as many as fit.
fn hints(m: &Model<'_>, theme: &Theme, room: u16, result_lines: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (key, what) in key_hints(m, result_lines) {
        let w = width(key) + 1 + width(what) + 2;
        if used + w > usize::from(room) {
            break;
        }
        used += w;
        spans.push(Span::styled(key, theme.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
    Line::from(spans)
}

/// One row of `area`, or an empty rect below it.
pub fn row(area: Rect, y: u16) -> Rect {
    if y >= area.height {
        return Rect::new(area.x, area.y, 0, 0);
    }
    Rect {
        x: area.x,
        y: area.y + y,
        width: area.width,
        height: 1,
    }
}
