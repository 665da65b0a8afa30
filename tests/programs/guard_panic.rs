//! A small program for `tests/terminal_restore.rs`: the wizard's terminal guard
//! (`src/shell/terminal.rs`, compiled in unchanged) around a loop like the wizard's, which panics
//! in the middle of drawing a frame when `p` is pressed. The test runs it in a pseudo-terminal
//! and checks that the panic left the terminal in normal mode and its message readable.
//!
//! The product has no way to panic on purpose; this program is how the guard's panic path is
//! proven instead.

#[path = "../../src/shell/clamped.rs"]
mod clamped;
#[path = "../../src/shell/terminal.rs"]
#[allow(dead_code)]
mod terminal;

use crossterm::event::{Event, KeyCode, KeyEventKind};
use ratatui::widgets::{Block, Borders, Paragraph};

fn main() -> std::io::Result<()> {
    let (_guard, mut term) = terminal::Guard::enter()?;
    loop {
        term.draw(|f| {
            let text = Paragraph::new("p を押すと panic します")
                .block(Block::default().borders(Borders::ALL).title("ガードの試験"));
            f.render_widget(text, f.area());
        })?;
        if let Event::Key(key) = crossterm::event::read()?
            && key.kind == KeyEventKind::Press
            && key.code == KeyCode::Char('p')
        {
            term.draw(|f| {
                f.render_widget(Paragraph::new("描画の途中"), f.area());
                panic!("描画の途中で panic しました (試験用)");
            })?;
        }
    }
}
