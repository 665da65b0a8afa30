//! 入力内容の確認: every answer, each one a row to change, then 「この内容で結果を見る」.

use oqs_line_check::wizard::Model;
use oqs_line_check::wizard::wrap::width;
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
    let mut y = 0;
    for (i, r) in rows.iter().enumerate() {
        let focused = i == m.cursor;
        let pad = " ".repeat(label_width.saturating_sub(width(r.label)));
        let value_style = if r.missing {
            theme.error()
        } else {
            theme.value()
        };
        let line = if focused {
            Line::from(vec![
                Span::styled(MARKER, theme.focused()),
                Span::styled(format!("{}{pad}{}", r.label, r.value), theme.focused()),
            ])
        } else {
            Line::from(vec![
                Span::raw(NO_MARKER),
                Span::raw(format!("{}{pad}", r.label)),
                Span::styled(r.value.clone(), value_style),
            ])
        };
        f.render_widget(Paragraph::new(line), row(body, y));
        y += 1;
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
    f.render_widget(
        Paragraph::new(Span::styled(note, theme.dim())),
        row(body, y),
    );
}
