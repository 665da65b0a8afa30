//! The console's input on Windows, through crossterm's reader: each event waiting is read
//! before the batch is handed on. A paste arrives as key presses.

use std::io;
use std::time::Duration;

use crossterm::event;

use super::Input;

/// The most events handed on at once, so a long burst still shows progress.
const BATCH_EVENTS: usize = 16 * 1024;

pub struct Reader;

/// Windows has no stop signal: nothing wakes the reader.
pub struct Waker;

impl Reader {
    pub fn open() -> io::Result<Reader> {
        Ok(Reader)
    }

    pub fn waker(&self) -> io::Result<Waker> {
        Ok(Waker)
    }

    /// Waits for an event, then returns it with every event already waiting.
    pub fn batch(&mut self) -> io::Result<Vec<Input>> {
        let mut inputs = vec![Input::Event(event::read()?)];
        while inputs.len() < BATCH_EVENTS && event::poll(Duration::ZERO)? {
            inputs.push(Input::Event(event::read()?));
        }
        Ok(inputs)
    }
}
