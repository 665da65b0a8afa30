//! 結果: the verdict banner, the steps in order, what to enter on the portal, the checklist,
//! the contacts. Scrolls when taller than the window.

use oqs_line_check::rules::text;
use oqs_line_check::wizard::result_view::{self, LineStyle, StyledLine};
use oqs_line_check::wizard::wrap::width;
use oqs_line_check::wizard::{Model, SaveState};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::chrome::row;
use super::theme::Theme;

/// The message line: where the result was saved, or why it could not be, or the scroll position.
pub fn message(m: &Model<'_>, lines: &[StyledLine], theme: &Theme) -> Option<Line<'static>> {
    let total = lines.len();
    let page = result_view::body_height(m.viewport);
    let position = if total > page {
        format!(
            "{}-{}行目 / 全{}行 (上下キーで続きを読めます)",
            m.result_scroll + 1,
            (m.result_scroll + page).min(total),
            total
        )
    } else {
        String::new()
    };
    let line = match &m.save {
        SaveState::NotSaved => Line::from(Span::styled(position, theme.dim())),
        SaveState::Saving => Line::from("保存しています..."),
        SaveState::Saved(saved) => Line::from(Span::styled(
            format!(
                "{}に保存しました: {}",
                saved.place,
                saved_names(&saved.paths)
            ),
            theme.ok(),
        )),
        // The shell's messages are sanitised already; shown as text all the same.
        SaveState::Failed(failure) => Line::from(Span::styled(
            text::sanitize(&failure.summary),
            theme.error(),
        )),
    };
    Some(line)
}

/// 「oqs-line-check-20261125-0930 (.md .json .toml)」: the files share one name.
fn saved_names(paths: &[String]) -> String {
    let path = |p: &String| std::path::Path::new(p).to_path_buf();
    let Some(first) = paths.first().map(path) else {
        return String::new();
    };
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let extensions: Vec<String> = paths
        .iter()
        .filter_map(|p| {
            path(p)
                .extension()
                .map(|e| format!(".{}", e.to_string_lossy()))
        })
        .collect();
    format!("{stem} ({})", extensions.join(" "))
}

pub fn draw(m: &Model<'_>, lines: &[StyledLine], theme: &Theme, f: &mut Frame<'_>, body: Rect) {
    for (n, l) in lines
        .iter()
        .skip(m.result_scroll)
        .take(usize::from(body.height))
        .enumerate()
    {
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
        f.render_widget(Paragraph::new(line), row(body, y));
    }
}
