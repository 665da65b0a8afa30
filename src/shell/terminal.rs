//! The terminal's state while the wizard runs, and putting it back on every way out: normal
//! exit, error, panic. ratatui's own panic hook only leaves raw mode and the alternate screen;
//! this one also turns bracketed paste off and shows the cursor.

use std::io::{self, Stdout, stdout};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Restores the terminal when dropped.
pub struct Guard;

impl Guard {
    /// Raw mode, the alternate screen, bracketed paste (where the terminal has it).
    pub fn enter() -> io::Result<(Guard, Term)> {
        install_panic_hook();
        enable_raw_mode()?;
        let guard = Guard;
        execute!(stdout(), EnterAlternateScreen)?;
        // Windows consoles have no bracketed paste (crossterm#737): a paste arrives as keys.
        let _ = execute!(stdout(), EnableBracketedPaste);
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok((guard, terminal))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back in normal mode. Safe to call more than once, and from the signal
/// thread. Each step is tried on its own, so one that fails (a console without bracketed paste,
/// a terminal already gone) does not skip the others.
pub fn restore() {
    let _ = execute!(stdout(), DisableBracketedPaste);
    let _ = execute!(stdout(), LeaveAlternateScreen);
    let _ = execute!(stdout(), Show);
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}
