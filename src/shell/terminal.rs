//! The terminal's state while the wizard runs, and putting it back on every way out: normal
//! exit, error, panic, a signal. ratatui's own panic hook only leaves raw mode and the alternate
//! screen; this one also turns bracketed paste off and shows the cursor.
//!
//! Every change of mode is made holding the lock on stdout, and the wizard draws each frame
//! holding it too: a restore (from the signal thread, the guard, the panic hook) never lands in
//! the middle of a frame or of another restore, and whoever keeps the lock afterwards keeps the
//! terminal as it left it.

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

use super::clamped::Clamped;

pub type Term = Terminal<Clamped<CrosstermBackend<Stdout>>>;

/// Restores the terminal when dropped.
pub struct Guard;

impl Guard {
    /// Raw mode, the alternate screen, bracketed paste (where the terminal has it).
    pub fn enter() -> io::Result<(Guard, Term)> {
        install_panic_hook();
        let mut out = stdout().lock();
        enable_raw_mode()?;
        let guard = Guard;
        execute!(out, EnterAlternateScreen)?;
        // Windows consoles have no bracketed paste (crossterm#737): a paste arrives as keys.
        let _ = execute!(out, EnableBracketedPaste);
        drop(out);
        let terminal = Terminal::new(Clamped(CrosstermBackend::new(stdout())))?;
        Ok((guard, terminal))
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Puts the terminal back in normal mode. Safe to call more than once, and from any thread at
/// once: the steps run in order under the lock on stdout. Each step is tried on its own, so one
/// that fails (a console without bracketed paste, a terminal already gone) does not skip the
/// others.
pub fn restore() {
    let mut out = stdout().lock();
    let _ = execute!(out, DisableBracketedPaste);
    let _ = execute!(out, LeaveAlternateScreen);
    let _ = execute!(out, Show);
    let _ = disable_raw_mode();
}

/// Takes the terminal again after [`restore`] or after someone else changed its modes (a
/// shell's `fg` puts its own back): raw mode, the alternate screen, bracketed paste. The
/// caller draws the whole screen anew.
#[cfg_attr(not(unix), allow(dead_code))]
pub fn reenter() {
    let mut out = stdout().lock();
    // Raw mode is set again even where crossterm believes it on: the tty may have been reset.
    let _ = disable_raw_mode();
    let _ = enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen);
    let _ = execute!(out, EnableBracketedPaste);
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
