//! The question screens: a list to choose from (with a filter field for 都道府県), or a text
//! field with its live check and a わからない choice.

use oqs_line_check::rules::Field;
use oqs_line_check::rules::customer_id::{formats_hint, notice_message};
use oqs_line_check::wizard::layout;
use oqs_line_check::wizard::model::UNKNOWN_WORD_READ;
use oqs_line_check::wizard::wrap::{width, wrap};
use oqs_line_check::wizard::{Choice, Focus, IdPreview, Model, Step};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::chrome::row;
use super::theme::{MARKER, NO_MARKER, Theme};

/// The message line: an error that has no place in the body (the review's). A question shows
/// its error in the body, wrapped, where it has room.
pub fn message(m: &Model<'_>, theme: &Theme) -> Option<Line<'static>> {
    if m.step.is_question() {
        return None;
    }
    m.error
        .as_ref()
        .map(|e| Line::from(Span::styled(e.message.clone(), theme.error())))
}

/// The current error wrapped to `w` columns, in the error style.
fn error_lines(m: &Model<'_>, theme: &Theme, w: usize) -> Vec<Line<'static>> {
    m.error
        .iter()
        .flat_map(|e| wrap(&e.message, w))
        .map(|l| Line::from(Span::styled(l, theme.error())))
        .collect()
}

pub fn draw(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    match m.step {
        Step::Prefecture => prefecture(m, theme, f, body),
        Step::Applied
        | Step::Opened
        | Step::CustomerId
        | Step::CustomerIdConfirm
        | Step::ClinicName => text(m, theme, f, body),
        _ => list(m, &m.choices(), theme, f, body, 0),
    }
}

/// Draws the options from row `top`, scrolled so the cursor shows, then the error if any, then
/// the hint of the focused option. Options are numbered with the digit that chooses them (see
/// [`layout::choice_digit`]), except 都道府県's, where digits are typed into the filter.
fn list(m: &Model<'_>, choices: &[Choice], theme: &Theme, f: &mut Frame<'_>, body: Rect, top: u16) {
    let prefecture = m.step == Step::Prefecture;
    let cols = usize::from(body.width);
    let errors = if prefecture {
        Vec::new()
    } else {
        error_lines(m, theme, cols)
    };
    let hints = match choices.get(m.cursor) {
        Some(c) if !prefecture => wrap(&c.hint, cols),
        _ => Vec::new(),
    };
    // Room under the options: a blank row, the error, the hint (at least 2 rows of it shown).
    let below = if prefecture {
        0
    } else {
        1 + errors.len() + hints.len().min(2)
    };
    let rows = body
        .height
        .saturating_sub(top + 1 + u16::try_from(below).unwrap_or(u16::MAX))
        .max(1);
    let first = scroll_for(m.cursor, usize::from(rows), choices.len());
    let name_width = choices.iter().map(|c| width(&c.label)).max().unwrap_or(0);
    for (i, c) in choices
        .iter()
        .enumerate()
        .skip(first)
        .take(usize::from(rows))
    {
        let y = top + u16::try_from(i - first).unwrap_or(0);
        // 都道府県 before a choice: nothing is highlighted, so nothing looks chosen.
        let focused = i == m.cursor && !m.prefecture_unchosen();
        let number = match layout::choice_digit(i, choices.len()) {
            Some(d) if !prefecture => format!("{d}. "),
            _ => String::new(),
        };
        let label = match m.step {
            // Names padded to one width, so the codes line up (鹿児島県 is the longest).
            Step::Prefecture => {
                let pad = name_width.saturating_sub(width(&c.label));
                format!("{number}{}{}  {}", c.label, " ".repeat(pad), c.hint)
            }
            _ => format!("{number}{}", c.label),
        };
        let line = if focused {
            Line::from(vec![
                Span::styled(MARKER, theme.focused()),
                Span::styled(label, theme.focused()),
            ])
        } else {
            Line::from(vec![Span::raw(NO_MARKER), Span::raw(label)])
        };
        f.render_widget(Paragraph::new(line), row(body, y));
    }
    let shown = choices.len().min(usize::from(rows));
    let mut y = top + u16::try_from(shown).unwrap_or(rows);
    if choices.len() > shown {
        // Which options are on screen, as the result says which lines are.
        let last = first + shown;
        let more = if last >= choices.len() {
            "(ここまでです)"
        } else {
            "(上下キーで続きを見られます)"
        };
        let text = format!("{}-{last}件目 / 全{}件 {more}", first + 1, choices.len());
        f.render_widget(
            Paragraph::new(Span::styled(text, theme.dim())),
            row(body, y),
        );
        y += 1;
    }
    y += 1;
    for l in errors {
        f.render_widget(Paragraph::new(l), row(body, y));
        y += 1;
    }
    // The focused option's hint, under the list.
    for l in hints {
        f.render_widget(Paragraph::new(Span::styled(l, theme.dim())), row(body, y));
        y += 1;
    }
}

/// The first visible index so that `cursor` is on screen.
fn scroll_for(cursor: usize, rows: usize, len: usize) -> usize {
    if rows == 0 || len <= rows {
        return 0;
    }
    cursor.saturating_sub(rows - 1).min(len - rows)
}

fn prefecture(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    let label = "絞り込み: ";
    field_row(
        m,
        theme,
        f,
        body,
        0,
        label,
        m.fields.prefecture.value(),
        // The marker belongs to the highlighted prefecture in the list; the filter field is
        // always where typing goes.
        false,
    );
    let choices = m.choices();
    let mut status = error_lines(m, theme, usize::from(body.width));
    if status.is_empty() {
        let text = match choices.get(m.cursor) {
            Some(_) if m.prefecture_unchosen() => format!(
                "{}件  まだ選ばれていません。名前を入力するか、上下キーで選んでください",
                choices.len()
            ),
            Some(c) => format!("{}件  選択中: {} ({})", choices.len(), c.label, c.hint),
            None => "当てはまる都道府県がありません。文字を消して入力し直してください".to_string(),
        };
        status.push(Line::from(Span::styled(text, theme.dim())));
    }
    // A long error pushes the list down rather than being cut.
    let mut y = 1;
    for l in status {
        f.render_widget(Paragraph::new(l), row(body, y));
        y += 1;
    }
    // The filter runs once per frame: the status line and the list read the same choices.
    list(m, &choices, theme, f, body, y + 1);
    if m.overlay.is_none() {
        place_cursor(m, f, body, 0, label);
    }
}

/// A labelled one-line field with a visible frame of brackets: `label[value   ]`.
#[allow(clippy::too_many_arguments)]
fn field_row(
    m: &Model<'_>,
    theme: &Theme,
    f: &mut Frame<'_>,
    body: Rect,
    y: u16,
    label: &str,
    value: &str,
    focused: bool,
) {
    let field = m.field(m.step);
    let room = usize::from(body.width).saturating_sub(width(label) + 2);
    let scroll = field.map_or(0, |fl| fl.scroll(room));
    let visible = skip_columns(value, scroll, room);
    let pad = room.saturating_sub(width(&visible));
    let style = if focused {
        theme.focused()
    } else {
        theme.dim()
    };
    let marker = if focused { MARKER } else { NO_MARKER };
    let line = Line::from(vec![
        Span::styled(marker, style),
        Span::raw(label.to_string()),
        Span::styled(
            format!("{visible}{}", " ".repeat(pad)),
            theme.value().add_modifier(Modifier::UNDERLINED),
        ),
    ]);
    f.render_widget(Paragraph::new(line), row(body, y));
}

/// `s` without its first `skip` columns, cut to `room` columns.
fn skip_columns(s: &str, skip: usize, room: usize) -> String {
    let mut out = String::new();
    let mut col = 0;
    let mut used = 0;
    for c in s.chars() {
        let w = width(c.encode_utf8(&mut [0u8; 4]));
        if col < skip {
            col += w;
            continue;
        }
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    out
}

/// 「label value」 with a long value wrapped under itself.
fn labelled(label: &str, value: &str, style: Style, w: usize) -> Vec<Line<'static>> {
    let room = w.saturating_sub(width(label)).max(10);
    wrap(value, room)
        .into_iter()
        .enumerate()
        .map(|(n, part)| {
            let head = if n == 0 {
                label.to_string()
            } else {
                " ".repeat(width(label))
            };
            Line::from(vec![Span::raw(head), Span::styled(part, style)])
        })
        .collect()
}

/// Puts the terminal cursor at the caret, so an IME opens its window there.
fn place_cursor(m: &Model<'_>, f: &mut Frame<'_>, body: Rect, y: u16, label: &str) {
    let Some(field) = m.field(m.step) else { return };
    let room = usize::from(body.width).saturating_sub(width(label) + 2);
    let caret = field.caret_column().saturating_sub(field.scroll(room));
    let x = usize::from(body.x) + MARKER.len() + width(label) + caret;
    if let Ok(x) = u16::try_from(x)
        && y < body.height
        && x < body.x + body.width
    {
        f.set_cursor_position(Position::new(x, body.y + y));
    }
}

fn text(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    let on_field = m.focus == Focus::Field || !m.has_unknown_choice();
    let (label, value) = match m.step {
        Step::Applied => (
            format!("{}: ", Field::Applied.label()),
            m.fields.applied.value(),
        ),
        Step::Opened => (
            format!("{}: ", Field::Opened.label()),
            m.fields.opened.value(),
        ),
        Step::CustomerId => (
            format!("{}: ", Field::CustomerId.label()),
            m.fields.customer_id.value(),
        ),
        Step::ClinicName => (
            format!("{}: ", Field::ClinicName.label()),
            m.fields.clinic_name.value(),
        ),
        _ => (
            format!("{} (2回目): ", Field::CustomerId.label()),
            m.fields.customer_id_confirm.value(),
        ),
    };
    field_row(m, theme, f, body, 0, &label, value, on_field);

    let mut lines: Vec<Line<'static>> = Vec::new();
    let w = usize::from(body.width).saturating_sub(4);
    // Every sentence wraps: nothing is cut at the window's edge.
    let said = |lines: &mut Vec<Line<'static>>, text: &str, style| {
        for l in wrap(text, w) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    };
    match m.step {
        Step::Applied | Step::Opened => {
            let preview = if m.step == Step::Applied {
                m.applied_preview()
            } else {
                m.opened_preview()
            };
            if let Some(p) = preview {
                lines.extend(labelled("読み取った日付: ", &p, theme.ok(), w));
            }
            // A request for the day, in the plain text style: nothing was typed wrong.
            if let Some(request) = &m.request {
                said(&mut lines, request, theme.value());
            }
            said(
                &mut lines,
                &format!("入力例: {}", oqs_line_check::rules::date::FORMS),
                theme.dim(),
            );
            if m.step == Step::Opened {
                said(
                    &mut lines,
                    &m.rules().application_date.opened_tells,
                    theme.dim(),
                );
            }
        }
        Step::CustomerId => {
            match m.customer_id_preview() {
                // The word is not an ID: there is no value to enter and nothing was normalised.
                Some(IdPreview::Unknown) => lines.extend(labelled(
                    "読み取った内容: ",
                    UNKNOWN_WORD_READ,
                    theme.ok(),
                    w,
                )),
                Some(IdPreview::Id(n, verdict)) => {
                    lines.extend(labelled("入力される値: ", &n.normalized, theme.value(), w));
                    for notice in &n.notices {
                        said(
                            &mut lines,
                            &format!("  ({})", notice_message(*notice)),
                            theme.dim(),
                        );
                    }
                    match verdict {
                        Ok(()) => said(
                            &mut lines,
                            "形式は正しいです。Enter で次へ進みます。",
                            theme.ok(),
                        ),
                        // Live while typing (dim); in the error style once Enter was pressed.
                        Err(e) if m.error.is_none() => said(&mut lines, &e.message, theme.dim()),
                        Err(_) => {}
                    }
                }
                None => {
                    let hint =
                        formats_hint(&m.rules().customer_id_formats, m.draft.area(m.rules()));
                    said(&mut lines, &format!("形式: {hint}"), theme.dim());
                }
            }
        }
        Step::ClinicName => said(
            &mut lines,
            "結果、印刷用のページ、保存するファイルの名前に入ります。空のまま Enter で、名前なしで進みます。",
            theme.dim(),
        ),
        _ => said(
            &mut lines,
            "1回目と同じお客さまIDを、貼り付けを使わずに入力してください。",
            theme.dim(),
        ),
    }
    // The error uses the body's full width, as on the list screens.
    lines.extend(error_lines(m, theme, usize::from(body.width)));
    // Rows left above the わからない choice (a blank, the choice and its hint).
    let opened_row = m.step == Step::Applied;
    let below = match (m.has_unknown_choice(), opened_row) {
        (true, true) => 5,
        (true, false) => 3,
        _ => 0,
    };
    let mut y = 2u16;
    for l in lines {
        if y + below >= body.height {
            break;
        }
        f.render_widget(Paragraph::new(l), row(body, y));
        y += 1;
    }
    if m.has_unknown_choice() {
        choice_rows(m, theme, f, body, y + 1, opened_row);
    }
    if on_field && m.overlay.is_none() {
        place_cursor(m, f, body, 0, &label);
    }
}

/// The choices under a text field from row `y`: わからない, and on the 申込日 question
/// 「開通日しかわからない」, each with its hint.
fn choice_rows(
    m: &Model<'_>,
    theme: &Theme,
    f: &mut Frame<'_>,
    body: Rect,
    y: u16,
    opened_row: bool,
) {
    let choice = |label: &'static str, focused: bool| {
        if focused {
            Line::from(vec![
                Span::styled(MARKER, theme.focused()),
                Span::styled(label, theme.focused()),
            ])
        } else {
            Line::from(vec![Span::raw(NO_MARKER), Span::raw(label)])
        }
    };
    f.render_widget(
        Paragraph::new(choice("わからない", m.focus == Focus::Unknown)),
        row(body, y),
    );
    f.render_widget(
        Paragraph::new(Span::styled(
            "  (下キーで選び Enter。確かめ方を最後の画面でご案内します)",
            theme.dim(),
        )),
        row(body, y + 1),
    );
    if opened_row {
        f.render_widget(
            Paragraph::new(choice("開通日しかわからない", m.focus == Focus::OpenedOnly)),
            row(body, y + 2),
        );
        f.render_widget(
            Paragraph::new(Span::styled(
                "  (「開通のご案内」の開通日を次に入力します)",
                theme.dim(),
            )),
            row(body, y + 3),
        );
    }
}
