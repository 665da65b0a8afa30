//! Below 80x24: a request to widen the window instead of a broken screen. Answers are untouched.

use oqs_line_check::wizard::layout::{MIN_HEIGHT, MIN_WIDTH};
use oqs_line_check::wizard::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

/// `keys_not_taken`: keys pressed since the window became too small, none of them taken.
pub fn draw(f: &mut Frame<'_>, keys_not_taken: usize) {
    let area = f.area();
    f.render_widget(Clear, area);
    let mut text = vec![
        format!("ウィンドウを広げてください ({MIN_WIDTH}x{MIN_HEIGHT} 以上)"),
        "広げるまでキーは受け付けません。答えと入力中の文字はそのまま残っています。".to_string(),
    ];
    if keys_not_taken > 0 {
        text.push(format!(
            "押されたキー {keys_not_taken} 個は受け付けていません。広げてから入力し直してください。"
        ));
    }
    let width = usize::from(area.width.max(1));
    let lines: Vec<String> = text.iter().flat_map(|t| wrap(t, width)).collect();
    for (y, line) in lines.into_iter().enumerate() {
        let Ok(y) = u16::try_from(y) else { break };
        if y >= area.height {
            break;
        }
        f.render_widget(
            Paragraph::new(line),
            Rect::new(area.x, area.y + y, area.width, 1),
        );
    }
}
