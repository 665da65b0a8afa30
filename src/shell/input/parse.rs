//! The bytes a terminal sends, as key and paste events: printable text (UTF-8), control keys,
//! the escape sequences of xterm-like terminals and the Linux console, and bracketed pastes.
//!
//! crossterm's own parser keeps every byte after a paste's opening `ESC [200~` until the
//! closing `ESC [201~`, so a paste that never closes swallows every later key. Here a paste
//! keeps at most [`PASTE_LIMIT`] bytes and ends at its closing sequence or, failing that, when
//! the reader reports that input has stopped ([`Parser::idle`]).

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

/// The most of one paste kept; the rest of it is read and dropped. Far longer than any answer.
pub const PASTE_LIMIT: usize = 64 * 1024;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// A sequence longer than this is no key: it is dropped.
const LONGEST_SEQUENCE: usize = 32;

#[derive(Debug, Default)]
pub struct Parser {
    /// The bytes of a key not yet complete.
    pending: Vec<u8>,
    /// A paste not yet closed.
    paste: Option<Paste>,
}

#[derive(Debug, Default)]
struct Paste {
    /// The first [`PASTE_LIMIT`] bytes and the closing sequence, if it came that soon.
    text: Vec<u8>,
    /// The last bytes seen, where the closing sequence is looked for.
    tail: Vec<u8>,
}

impl Paste {
    /// Adds `byte`; true when it closed the paste.
    fn push(&mut self, byte: u8) -> bool {
        if self.text.len() < PASTE_LIMIT + PASTE_END.len() {
            self.text.push(byte);
        }
        self.tail.push(byte);
        if self.tail.len() > PASTE_END.len() {
            self.tail.remove(0);
        }
        self.tail == PASTE_END
    }

    fn into_event(self) -> Event {
        let mut text = self.text;
        // The text cannot hold the closing sequence before its end: that would have closed it.
        if text.ends_with(PASTE_END) {
            text.truncate(text.len() - PASTE_END.len());
        }
        text.truncate(PASTE_LIMIT);
        Event::Paste(String::from_utf8_lossy(&text).into_owned())
    }
}

/// What the bytes so far make.
#[derive(Debug, PartialEq)]
enum Parsed {
    /// A complete sequence: a key, or nothing the wizard uses.
    Done(Option<KeyEvent>),
    /// The start of a bracketed paste.
    PasteStart,
    /// Not complete yet.
    More,
    /// Esc, then the last byte starts afresh (Esc pressed twice).
    EscThen,
    /// The last byte cannot continue the sequence: the bytes before it are dropped and the last
    /// one starts afresh.
    Broken,
}

impl Parser {
    /// Parses `bytes`, adding the events they complete to `out`.
    pub fn advance(&mut self, bytes: &[u8], out: &mut Vec<Event>) {
        for &byte in bytes {
            self.byte(byte, out);
        }
    }

    /// Whether bytes are held that more input would complete, or time would end.
    pub fn waiting(&self) -> bool {
        self.paste.is_some() || !self.pending.is_empty()
    }

    /// The terminal has sent everything it had for now: an Esc on its own is the Esc key (an
    /// escape sequence arrives in one piece), not the start of a sequence.
    pub fn end_of_input(&mut self, out: &mut Vec<Event>) {
        if self.paste.is_none() && self.pending == [0x1b] {
            self.pending.clear();
            out.push(Event::Key(KeyEvent::from(KeyCode::Esc)));
        }
    }

    /// No input has come for a while: a paste still open ends with what it has, and an
    /// unfinished sequence is dropped, so the keys after it work again.
    pub fn idle(&mut self, out: &mut Vec<Event>) {
        if let Some(paste) = self.paste.take() {
            out.push(paste.into_event());
        }
        self.end_of_input(out);
        self.pending.clear();
    }

    fn byte(&mut self, byte: u8, out: &mut Vec<Event>) {
        if let Some(paste) = &mut self.paste {
            if paste.push(byte)
                && let Some(paste) = self.paste.take()
            {
                out.push(paste.into_event());
            }
            return;
        }
        self.pending.push(byte);
        match parse(&self.pending) {
            Parsed::More if self.pending.len() < LONGEST_SEQUENCE => {}
            Parsed::More => self.pending.clear(),
            Parsed::Done(key) => {
                self.pending.clear();
                out.extend(key.map(Event::Key));
            }
            Parsed::PasteStart => {
                self.pending.clear();
                self.paste = Some(Paste::default());
            }
            Parsed::EscThen => {
                self.pending.clear();
                out.push(Event::Key(KeyEvent::from(KeyCode::Esc)));
                self.byte(byte, out);
            }
            Parsed::Broken => {
                let alone = self.pending.len() == 1;
                self.pending.clear();
                if !alone {
                    self.byte(byte, out);
                }
            }
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Parsed {
    Parsed::Done(Some(KeyEvent::new(code, modifiers)))
}

fn plain(code: KeyCode) -> Parsed {
    key(code, KeyModifiers::NONE)
}

fn parse(bytes: &[u8]) -> Parsed {
    match bytes[0] {
        0x1b => escape(bytes),
        b'\r' => plain(KeyCode::Enter),
        b'\t' => plain(KeyCode::Tab),
        0x7f => plain(KeyCode::Backspace),
        0x00 => key(KeyCode::Char(' '), KeyModifiers::CONTROL),
        // Ctrl-A … Ctrl-Z, as crossterm reports them (Ctrl-J is the newline byte in raw mode).
        c @ 0x01..=0x1a => key(KeyCode::Char((c - 1 + b'a') as char), KeyModifiers::CONTROL),
        c @ 0x1c..=0x1f => key(
            KeyCode::Char((c - 0x1c + b'4') as char),
            KeyModifiers::CONTROL,
        ),
        _ => utf8(bytes),
    }
}

fn utf8(bytes: &[u8]) -> Parsed {
    match std::str::from_utf8(bytes) {
        Ok(s) => match s.chars().next() {
            Some(c) if c.is_uppercase() => key(KeyCode::Char(c), KeyModifiers::SHIFT),
            Some(c) => plain(KeyCode::Char(c)),
            None => Parsed::Done(None),
        },
        // A character not complete yet.
        Err(e) if e.error_len().is_none() => Parsed::More,
        Err(_) if bytes.len() == 1 => Parsed::Done(None),
        Err(_) => Parsed::Broken,
    }
}

fn escape(bytes: &[u8]) -> Parsed {
    let Some(&second) = bytes.get(1) else {
        return Parsed::More;
    };
    match second {
        b'[' => csi(bytes),
        b'O' => match bytes.get(2) {
            None => Parsed::More,
            Some(&last) => ss3(last),
        },
        0x1b => Parsed::EscThen,
        // Esc before a key is that key with Alt (how terminals send Alt).
        _ => match parse(&bytes[1..]) {
            Parsed::Done(Some(mut key)) => {
                key.modifiers |= KeyModifiers::ALT;
                Parsed::Done(Some(key))
            }
            other => other,
        },
    }
}

/// `ESC O x`: cursor and F1–F4 keys in the terminal's application mode.
fn ss3(last: u8) -> Parsed {
    match last {
        b'A' => plain(KeyCode::Up),
        b'B' => plain(KeyCode::Down),
        b'C' => plain(KeyCode::Right),
        b'D' => plain(KeyCode::Left),
        b'H' => plain(KeyCode::Home),
        b'F' => plain(KeyCode::End),
        b'P'..=b'S' => plain(KeyCode::F(1 + last - b'P')),
        _ => Parsed::Done(None),
    }
}

/// `ESC [ parameters final`.
fn csi(bytes: &[u8]) -> Parsed {
    let body = &bytes[2..];
    let Some((&last, params)) = body.split_last() else {
        return Parsed::More;
    };
    // The Linux console's F1–F5: ESC [ [ A … E.
    if body[0] == b'[' {
        return match body.get(1) {
            None => Parsed::More,
            Some(&f @ b'A'..=b'E') => plain(KeyCode::F(1 + f - b'A')),
            Some(_) => Parsed::Done(None),
        };
    }
    if !params.iter().all(|b| (0x20..=0x3f).contains(b)) {
        return Parsed::Broken;
    }
    match last {
        0x20..=0x3f => Parsed::More,
        0x40..=0x7e if bytes == PASTE_START => Parsed::PasteStart,
        0x40..=0x7e => Parsed::Done(csi_key(params, last)),
        _ => Parsed::Broken,
    }
}

fn csi_key(params: &[u8], last: u8) -> Option<KeyEvent> {
    let params = std::str::from_utf8(params).ok()?;
    let mut numbers = params.split(';');
    let first = numbers.next().unwrap_or_default();
    let modifiers = modifiers(numbers.next());
    let code = match last {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        b'Z' => return Some(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)),
        // `CSI row ; column R` is also a cursor position report, never asked for here.
        b'P' | b'Q' | b'R' | b'S' if first.is_empty() || first == "1" => {
            KeyCode::F(1 + last - b'P')
        }
        b'~' => tilde_key(first.parse().ok()?)?,
        _ => return None,
    };
    Some(KeyEvent::new(code, modifiers))
}

/// `CSI number ~`: the editing keys and the function keys.
fn tilde_key(number: u8) -> Option<KeyCode> {
    Some(match number {
        1 | 7 => KeyCode::Home,
        2 => KeyCode::Insert,
        3 => KeyCode::Delete,
        4 | 8 => KeyCode::End,
        5 => KeyCode::PageUp,
        6 => KeyCode::PageDown,
        11..=15 => KeyCode::F(number - 10),
        17..=21 => KeyCode::F(number - 11),
        23 | 24 => KeyCode::F(number - 12),
        _ => return None,
    })
}

/// xterm's modifier parameter: 1 + (1 Shift, 2 Alt, 4 Ctrl).
fn modifiers(param: Option<&str>) -> KeyModifiers {
    let mask = param
        .and_then(|p| p.split(':').next())
        .and_then(|p| p.parse::<u8>().ok())
        .map_or(0, |m| m.saturating_sub(1));
    let mut modifiers = KeyModifiers::NONE;
    for (bit, modifier) in [
        (1, KeyModifiers::SHIFT),
        (2, KeyModifiers::ALT),
        (4, KeyModifiers::CONTROL),
    ] {
        if mask & bit != 0 {
            modifiers |= modifier;
        }
    }
    modifiers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(bytes: &[u8]) -> Vec<Event> {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        parser.advance(bytes, &mut out);
        parser.end_of_input(&mut out);
        out
    }

    fn keys(bytes: &[u8]) -> Vec<(KeyCode, KeyModifiers)> {
        events(bytes)
            .into_iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some((k.code, k.modifiers)),
                _ => None,
            })
            .collect()
    }

    const NONE: KeyModifiers = KeyModifiers::NONE;
    const CTRL: KeyModifiers = KeyModifiers::CONTROL;

    #[test]
    fn text_and_control_keys() {
        assert_eq!(
            keys("aＡ東\r\t\x7f\x03\x15".as_bytes()),
            vec![
                (KeyCode::Char('a'), NONE),
                (KeyCode::Char('Ａ'), KeyModifiers::SHIFT),
                (KeyCode::Char('東'), NONE),
                (KeyCode::Enter, NONE),
                (KeyCode::Tab, NONE),
                (KeyCode::Backspace, NONE),
                (KeyCode::Char('c'), CTRL),
                (KeyCode::Char('u'), CTRL),
            ]
        );
    }

    #[test]
    fn escape_sequences_of_the_keys_the_wizard_uses() {
        let cases: [(&[u8], KeyCode, KeyModifiers); 14] = [
            (b"\x1b[A", KeyCode::Up, NONE),
            (b"\x1bOB", KeyCode::Down, NONE),
            (b"\x1b[1;5D", KeyCode::Left, CTRL),
            (b"\x1b[1;5C", KeyCode::Right, CTRL),
            (b"\x1b[5~", KeyCode::PageUp, NONE),
            (b"\x1b[6~", KeyCode::PageDown, NONE),
            (b"\x1b[H", KeyCode::Home, NONE),
            (b"\x1b[4~", KeyCode::End, NONE),
            (b"\x1b[3~", KeyCode::Delete, NONE),
            (b"\x1bOP", KeyCode::F(1), NONE),
            (b"\x1bOQ", KeyCode::F(2), NONE),
            (b"\x1b[12~", KeyCode::F(2), NONE),
            (b"\x1b[[B", KeyCode::F(2), NONE),
            (b"\x1b[Z", KeyCode::BackTab, KeyModifiers::SHIFT),
        ];
        for (bytes, code, modifiers) in cases {
            assert_eq!(keys(bytes), vec![(code, modifiers)], "{bytes:?}");
        }
        assert_eq!(
            keys(b"\x1b\x7f"),
            vec![(KeyCode::Backspace, KeyModifiers::ALT)]
        );
    }

    #[test]
    fn a_lone_esc_is_the_esc_key_once_input_stops() {
        assert_eq!(keys(b"\x1b"), vec![(KeyCode::Esc, NONE)]);
        assert_eq!(
            keys(b"\x1b\x1b[A"),
            vec![(KeyCode::Esc, NONE), (KeyCode::Up, NONE)]
        );
    }

    #[test]
    fn broken_sequences_and_bytes_are_dropped_and_the_next_key_works() {
        // A CSI cut by a new one, a stray UTF-8 continuation byte, a lead byte before ASCII.
        assert_eq!(
            keys(b"\x1b[1\x1b[A\x80\xe3a"),
            vec![(KeyCode::Up, NONE), (KeyCode::Char('a'), NONE)]
        );
        // Sequences for nothing the wizard uses: mouse, focus, unknown finals.
        assert_eq!(
            keys(b"\x1b[<0;3;4M\x1b[I\x1b[99~x"),
            vec![(KeyCode::Char('x'), NONE)]
        );
    }

    #[test]
    fn a_paste_is_one_event_with_its_control_characters() {
        assert_eq!(
            events(b"\x1b[200~CAF\r\n\x03\x1b[2J0123\x1b[201~x"),
            vec![
                Event::Paste("CAF\r\n\x03\x1b[2J0123".to_string()),
                Event::Key(KeyEvent::new(KeyCode::Char('x'), NONE)),
            ]
        );
    }

    #[test]
    fn a_paste_split_over_reads_is_one_paste() {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        for part in [&b"\x1b[20"[..], b"0~CA", b"F\x1b[2", b"01~"] {
            parser.advance(part, &mut out);
            parser.end_of_input(&mut out);
        }
        assert_eq!(out, vec![Event::Paste("CAF".to_string())]);
        assert!(!parser.waiting());
    }

    #[test]
    fn a_paste_that_never_closes_ends_when_input_stops() {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        parser.advance(b"\x1b[200~CAF0123\x03", &mut out);
        parser.end_of_input(&mut out);
        assert!(out.is_empty());
        assert!(parser.waiting());
        parser.idle(&mut out);
        assert_eq!(out, vec![Event::Paste("CAF0123\x03".to_string())]);
        assert!(!parser.waiting());
        out.clear();
        parser.advance(b"\x03", &mut out);
        assert_eq!(
            out,
            vec![Event::Key(KeyEvent::new(KeyCode::Char('c'), CTRL))]
        );
    }

    #[test]
    fn a_huge_paste_keeps_its_start_and_still_sees_its_end() {
        let mut bytes = PASTE_START.to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 3 * PASTE_LIMIT));
        bytes.extend_from_slice(PASTE_END);
        bytes.push(b'x');
        let out = events(&bytes);
        assert_eq!(out.len(), 2, "a paste and a key");
        assert_eq!(out[0], Event::Paste("a".repeat(PASTE_LIMIT)));
        assert_eq!(out[1], Event::Key(KeyEvent::new(KeyCode::Char('x'), NONE)));
    }

    #[test]
    fn a_paste_just_over_the_limit_loses_no_closing_byte_into_the_text() {
        for extra in 0..8 {
            let text = "b".repeat(PASTE_LIMIT - 3 + extra);
            let mut bytes = PASTE_START.to_vec();
            bytes.extend_from_slice(text.as_bytes());
            bytes.extend_from_slice(PASTE_END);
            let out = events(&bytes);
            let expected: String = text.chars().take(PASTE_LIMIT).collect();
            assert_eq!(out, vec![Event::Paste(expected)], "{extra} over");
        }
    }

    #[test]
    fn an_unfinished_sequence_is_dropped_when_input_stops() {
        let mut parser = Parser::default();
        let mut out = Vec::new();
        parser.advance(b"\x1b[1;", &mut out);
        parser.end_of_input(&mut out);
        assert!(out.is_empty() && parser.waiting());
        parser.idle(&mut out);
        assert!(out.is_empty() && !parser.waiting());
        parser.advance(b"a", &mut out);
        assert_eq!(
            out,
            vec![Event::Key(KeyEvent::new(KeyCode::Char('a'), NONE))]
        );
    }
}
