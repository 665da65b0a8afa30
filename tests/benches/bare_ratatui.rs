//! The start-up bench's baseline: the least a ratatui program does. It sets the terminal up the
//! way ratatui's own `init` does (raw mode, alternate screen, panic hook), draws one bordered
//! paragraph of Japanese text, puts the terminal back and exits.
//!
//! Built from the same Cargo.lock and profile as the wizard (`cargo build --release --example
//! bare_ratatui`), so the difference the start-up bench measures is the wizard's own work.
//! See docs/performance.md.

use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The paragraph's last words: the start-up bench waits for them (and the bottom-right corner).
pub const LAST_WORDS: &str = "終わります。";

fn main() -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let drawn = terminal.draw(|f| {
        let text = vec![
            Line::from("オンライン資格確認の回線を確かめます。"),
            Line::from("フレッツ光の契約書と「開通のご案内」を手元に用意してください。"),
            Line::from(format!(
                "この画面は比較用の最小の ratatui プログラムで、すぐに{LAST_WORDS}"
            )),
        ];
        let block = Block::bordered().title(" 回線チェック ");
        f.render_widget(
            Paragraph::new(text).block(block).wrap(Wrap { trim: false }),
            f.area(),
        );
    });
    ratatui::restore();
    drawn.map(|_| ())
}
