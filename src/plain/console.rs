//! The plain mode's console: whole lines in, whole lines out. No cursor movement, no colours, no
//! box drawing: what a screen reader, a dumb terminal or a pipe can take.

use std::io::{BufRead, Write};

/// The longest line taken; the rest of a longer line is read and dropped (no answer is that
/// long, and the field keeps 64 characters anyway).
pub const MAX_LINE_BYTES: usize = 4096;

pub struct Console<R, W> {
    input: R,
    out: W,
    /// Write what was read after the prompt: when input does not come from a terminal nobody
    /// sees it typed, and the transcript should still read as a dialogue.
    echo: bool,
}

impl<R: BufRead, W: Write> Console<R, W> {
    pub fn new(input: R, out: W, echo: bool) -> Self {
        Console { input, out, echo }
    }

    /// Prints lines. A console that cannot be written to (closed pipe) is not an error here: the
    /// dialogue goes on until input ends.
    pub fn say(&mut self, text: &str) {
        let _ = writeln!(self.out, "{text}");
    }

    /// Prints a prompt, without a newline, and shows it at once.
    pub fn prompt(&mut self, text: &str) {
        let _ = write!(self.out, "{text}");
        let _ = self.out.flush();
    }

    /// The next line, without its line ending; `None` at the end of input. Bytes that are not
    /// UTF-8 become U+FFFD (the parsers then refuse them with a message).
    pub fn read_line(&mut self) -> Option<String> {
        let mut bytes = Vec::new();
        let mut full = false;
        let mut ended_with_newline = false;
        loop {
            let available = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(_) => break,
            };
            if available.is_empty() {
                break;
            }
            let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
                Some(i) => (&available[..i], i + 1, true),
                None => (available, available.len(), false),
            };
            if !full {
                let room = MAX_LINE_BYTES.saturating_sub(bytes.len());
                let mut take = chunk.len().min(room);
                if take < chunk.len() {
                    // Cut at a character's start, not inside one.
                    while take > 0 && chunk[take] & 0xC0 == 0x80 {
                        take -= 1;
                    }
                    full = true;
                }
                bytes.extend_from_slice(&chunk[..take]);
            }
            self.input.consume(used);
            if done {
                ended_with_newline = true;
                break;
            }
        }
        if bytes.is_empty() && !ended_with_newline {
            if self.echo {
                self.say("");
            }
            return None;
        }
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        let mut line = String::from_utf8_lossy(&bytes).into_owned();
        oqs_line_check::rules::text::strip_invisible(&mut line);
        if self.echo {
            self.say(&oqs_line_check::rules::text::sanitize(&line));
        }
        Some(line)
    }

    pub fn flush(&mut self) {
        let _ = self.out.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_without_endings_long_lines_cut_and_eof() {
        let long = "あ".repeat(3000);
        let input = format!("1\r\n{long}\nlast");
        let mut c = Console::new(input.as_bytes(), Vec::new(), true);
        assert_eq!(c.read_line().as_deref(), Some("1"));
        let cut = c.read_line().expect("a line");
        assert!(cut.len() <= MAX_LINE_BYTES, "{}", cut.len());
        assert!(cut.chars().all(|c| c == 'あ'), "cut inside a character");
        assert_eq!(c.read_line().as_deref(), Some("last"));
        assert_eq!(c.read_line(), None);
        let out = String::from_utf8(c.out).expect("UTF-8");
        assert!(out.starts_with("1\n"), "{out}");
    }

    #[test]
    fn invisible_characters_are_dropped_from_a_line() {
        let input = "東\u{E0041}\u{3164}京\u{FE0F}\n";
        let mut c = Console::new(input.as_bytes(), Vec::new(), true);
        assert_eq!(c.read_line().as_deref(), Some("東京"));
        assert_eq!(String::from_utf8(c.out).expect("UTF-8"), "東京\n");
    }

    #[test]
    fn an_empty_line_is_not_the_end() {
        let mut c = Console::new(&b"\n\n"[..], Vec::new(), false);
        assert_eq!(c.read_line().as_deref(), Some(""));
        assert_eq!(c.read_line().as_deref(), Some(""));
        assert_eq!(c.read_line(), None);
    }
}
