//! 入力内容の確認: every answer, each one a row to change, then 「この内容で結果を見る」.

use oqs_line_check::wizard::Model;
use oqs_line_check::wizard::wrap::{width, wrap, wrap_at_spaces};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::chrome::row;
use super::theme::{MARKER, NO_MARKER, Theme};

pub const SHOW_RESULT: &str = "この内容で結果を見る";

pub fn draw(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    let rows = m.review_rows();
    let label_width = rows.iter().map(|r| width(r.label)).max().unwrap_or(0) + 2;
    // A long value wraps under the value column, never cut.
    let room = usize::from(body.width)
        .saturating_sub(MARKER.len() + label_width)
        .max(10);
    let mut y = 0;
    for (i, r) in rows.iter().enumerate() {
        let focused = i == m.cursor;
        let value_style = if r.missing {
            theme.error()
        } else {
            theme.value()
        };
        for (n, part) in wrap_at_spaces(&r.value, room).into_iter().enumerate() {
            let label = if n == 0 { r.label } else { "" };
            let pad = " ".repeat(label_width.saturating_sub(width(label)));
            let line = if focused {
                Line::from(vec![
                    Span::styled(if n == 0 { MARKER } else { NO_MARKER }, theme.focused()),
                    Span::styled(format!("{label}{pad}{part}"), theme.focused()),
                ])
            } else {
                Line::from(vec![
                    Span::raw(NO_MARKER),
                    Span::raw(format!("{label}{pad}")),
                    Span::styled(part, value_style),
                ])
            };
            f.render_widget(Paragraph::new(line), row(body, y));
            y += 1;
        }
    }
    y += 1;
    let focused = m.cursor >= rows.len();
    let button = format!("[ {SHOW_RESULT} ]");
    let line = if focused {
        Line::from(vec![
            Span::styled(MARKER, theme.focused()),
            Span::styled(button, theme.focused()),
        ])
    } else {
        Line::from(vec![Span::raw(NO_MARKER), Span::raw(button)])
    };
    f.render_widget(Paragraph::new(line), row(body, y));
    y += 2;
    let note = if rows.iter().any(|r| r.missing) {
        "答えが足りない項目があります。結果へ進むと、その質問から続けます。"
    } else {
        "直したい項目を選んで Enter を押すと、その質問に戻ります。"
    };
    for l in wrap(note, usize::from(body.width)) {
        f.render_widget(Paragraph::new(Span::styled(l, theme.dim())), row(body, y));
        y += 1;
    }
}
