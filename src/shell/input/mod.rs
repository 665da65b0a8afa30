//! The terminal's input, handed to the wizard's loop in batches: everything that has arrived is
//! handled before the next frame is drawn, so a long burst of keys (a paste in a terminal
//! without bracketed paste, every paste on Windows) is read as fast as it comes.

#[cfg(unix)]
mod parse;
#[cfg(unix)]
mod unix;
#[cfg(windows)]
mod windows;

#[cfg(unix)]
pub use unix::{Reader, Waker};
#[cfg(windows)]
pub use windows::{Reader, Waker};

/// What the loop is given.
#[derive(Debug)]
pub enum Input {
    Event(crossterm::event::Event),
    #[cfg_attr(windows, allow(dead_code))]
    /// The terminal was given back (after a stop, see the signal thread): draw everything anew.
    Redraw,
}
