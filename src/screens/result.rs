//! 結果: the verdict banner, the steps in order, what to enter on the portal, the checklist,
//! the contacts. Scrolls when taller than the window.

use oqs_line_check::rules::text;
use oqs_line_check::wizard::result_view::{self, LineStyle, StyledLine};
use oqs_line_check::wizard::wrap::width;
use oqs_line_check::wizard::{Model, SaveState, Saved};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::chrome::row;
use super::theme::Theme;

/// The message line: where the reader is in the result (always, when it scrolls), then whether
/// it was saved, in the longest wording that fits `room` columns beside the position.
pub fn message(
    m: &Model<'_>,
    lines: &[StyledLine],
    theme: &Theme,
    room: usize,
) -> Option<Line<'static>> {
    let total = lines.len();
    let page = result_view::body_height(m.viewport);
    let (full, short) = if total > page {
        let last = m.result_scroll + result_view::shown(lines, m.result_scroll, page);
        let at = format!("{}-{last}行目 / 全{total}行", m.result_scroll + 1);
        let more = if last >= total {
            "(ここまでです)"
        } else {
            "(上下キーで続きを読めます)"
        };
        (format!("{at} {more}"), at)
    } else {
        (String::new(), String::new())
    };
    let (status, style): (Vec<String>, _) = match &m.save {
        SaveState::NotSaved => (Vec::new(), theme.dim()),
        SaveState::Saving => (vec!["保存しています...".to_string()], theme.dim()),
        SaveState::Saved(saved) => (saved_wordings(saved), theme.ok()),
        // The shell's messages are sanitised already; shown as text all the same. The whole
        // message was in the dialog; here it is shown only when it fits.
        SaveState::Failed(failure) => (
            vec![
                text::sanitize(&failure.summary),
                "保存できませんでした (F2 でもう一度保存できます)".to_string(),
                "保存できませんでした".to_string(),
            ],
            theme.error(),
        ),
    };
    let gap = |position: &str| if position.is_empty() { "" } else { "  " };
    let fits = |position: &str, status: &str| {
        width(position) + width(gap(position)) + width(status) <= room
    };
    let chosen = status.iter().find_map(|s| {
        [&full, &short]
            .into_iter()
            .find(|p| fits(p, s))
            .map(|p| (p.clone(), s.clone()))
    });
    let (position, status) = match chosen {
        Some(c) => c,
        None if status.is_empty() && fits(&full, "") => (full, String::new()),
        None => (short, String::new()),
    };
    let mut spans = vec![Span::styled(position.clone(), theme.dim())];
    if !status.is_empty() {
        spans.push(Span::raw(gap(&position)));
        spans.push(Span::styled(status, style));
    }
    Some(Line::from(spans))
}

/// What the save made, longest first: 「起動したフォルダーに保存しました: oqs-line-check-20261125-0930
/// (.html .json .toml)」 down to 「保存済み」. The files share one name; the dialog showed the full
/// paths. Saved in a second place (the first refused), every wording names the place.
fn saved_wordings(saved: &Saved) -> Vec<String> {
    let path = |p: &String| std::path::Path::new(p).to_path_buf();
    let stem = saved
        .paths
        .first()
        .map(path)
        .and_then(|p| p.file_stem().map(|s| text::sanitize(&s.to_string_lossy())))
        .unwrap_or_default();
    let extensions: Vec<String> = saved
        .paths
        .iter()
        .filter_map(|p| {
            path(p)
                .extension()
                .map(|e| format!(".{}", text::sanitize(&e.to_string_lossy())))
        })
        .collect();
    let extensions = extensions.join(" ");
    let count = saved.paths.len();
    let place = text::sanitize(&saved.place);
    let mut out = Vec::new();
    if !stem.is_empty() {
        out.push(format!("{place}に保存しました: {stem} ({extensions})"));
    }
    if saved.refused.is_empty() {
        if !stem.is_empty() {
            out.push(format!("保存しました: {stem} ({extensions})"));
            out.push(format!("保存済み: {stem} ({extensions})"));
            out.push(format!("保存済み: {stem} ({count}ファイル)"));
            out.push(format!("保存済み: {stem}"));
        }
        out.push("保存済み".to_string());
    } else {
        if !stem.is_empty() {
            out.push(format!("{place}に保存済み: {stem} ({count}ファイル)"));
        }
        out.push(format!("{place}に保存済み ({count}ファイル)"));
        out.push(format!("{place}に保存済み"));
        out.push("保存済み".to_string());
    }
    out
}

pub fn draw(m: &Model<'_>, lines: &[StyledLine], theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    let shown = result_view::shown(lines, m.result_scroll, usize::from(body.height));
    // An address alone on its line may run into the right padding (see `URL_OVERHANG`).
    let overhang = u16::try_from(result_view::URL_OVERHANG).unwrap_or(0);
    let wide = Rect {
        width: body
            .width
            .saturating_add(overhang)
            .min(f.area().right().saturating_sub(body.x)),
        ..body
    };
    for (n, l) in lines.iter().skip(m.result_scroll).take(shown).enumerate() {
        let y = u16::try_from(n).unwrap_or(u16::MAX);
        let text = l.text.clone();
        let line = match l.style {
            LineStyle::Banner(v) => {
                // The banner fills its row, so it reads as a bar even without colour.
                let pad = usize::from(body.width).saturating_sub(width(&text) + 1);
                Line::from(Span::styled(
                    format!(" {text}{}", " ".repeat(pad)),
                    theme.banner(v),
                ))
            }
            LineStyle::Heading => Line::from(Span::styled(text, theme.heading())),
            LineStyle::Strong => Line::from(Span::styled(text, theme.title())),
            LineStyle::Value => Line::from(Span::styled(text, theme.value())),
            LineStyle::Plain => Line::from(text),
        };
        let area = if l.style == LineStyle::Value {
            wide
        } else {
            body
        };
        f.render_widget(Paragraph::new(line), row(area, y));
    }
}
