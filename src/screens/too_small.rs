//! Below 80x24: a request to widen the window instead of a broken screen. Answers are untouched.

use oqs_line_check::wizard::layout::{MIN_HEIGHT, MIN_WIDTH};
use oqs_line_check::wizard::wrap::wrap;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

pub fn draw(f: &mut Frame<'_>) {
    let area = f.area();
    f.render_widget(Clear, area);
    let text = format!("ウィンドウを広げてください ({MIN_WIDTH}x{MIN_HEIGHT} 以上)");
    let lines = wrap(&text, usize::from(area.width.max(1)));
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
