//! A one-line text field: tui-input's editing, bounded in length, fed only printable text.

use tui_input::{Input, InputRequest};

/// Longest answer a field takes. The longest real answer (an お客さまID typed with spaces, or a
/// date in kanji) is far shorter; the bound keeps a huge paste from growing memory without end.
pub const MAX_CHARS: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct TextField {
    input: Input,
    /// Set when the last insertion was cut short at [`MAX_CHARS`].
    truncated: bool,
}

/// An editing request for a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    Left,
    Right,
    Home,
    End,
    WordLeft,
    WordRight,
    Backspace,
    Delete,
    DeleteWordBack,
    Clear,
}

impl PartialEq for TextField {
    fn eq(&self, other: &Self) -> bool {
        self.value() == other.value() && self.input.cursor() == other.input.cursor()
    }
}

impl Eq for TextField {}

impl TextField {
    pub fn with_value(value: &str) -> Self {
        let mut f = TextField::default();
        f.insert_str(value);
        f
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn is_empty(&self) -> bool {
        self.input.value().is_empty()
    }

    /// The caret's position in display columns (wide characters count two).
    pub fn caret_column(&self) -> usize {
        self.input.visual_cursor()
    }

    /// How many columns to scroll so the caret stays visible in a field `width` wide.
    pub fn scroll(&self, width: usize) -> usize {
        self.input.visual_scroll(width)
    }

    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// Inserts text at the caret: control characters (newlines, ESC sequences' introducer, tabs)
    /// are dropped so nothing typed or pasted reaches the screen raw, and no newline submits.
    pub fn insert_str(&mut self, s: &str) {
        self.truncated = false;
        let room = MAX_CHARS.saturating_sub(self.input.value().chars().count());
        let mut accepted = s
            .chars()
            .filter(|&c| !c.is_control() && !crate::rules::text::is_invisible(c));
        for c in accepted.by_ref().take(room) {
            self.input.handle(InputRequest::InsertChar(c));
        }
        self.truncated = accepted.next().is_some();
    }

    pub fn insert(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.insert_str(c.encode_utf8(&mut buf));
    }

    pub fn edit(&mut self, e: Edit) {
        self.truncated = false;
        let req = match e {
            Edit::Left => InputRequest::GoToPrevChar,
            Edit::Right => InputRequest::GoToNextChar,
            Edit::Home => InputRequest::GoToStart,
            Edit::End => InputRequest::GoToEnd,
            Edit::WordLeft => InputRequest::GoToPrevWord,
            Edit::WordRight => InputRequest::GoToNextWord,
            Edit::Backspace => InputRequest::DeletePrevChar,
            Edit::Delete => InputRequest::DeleteNextChar,
            Edit::DeleteWordBack => InputRequest::DeletePrevWord,
            Edit::Clear => InputRequest::DeleteLine,
        };
        self.input.handle(req);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_enter_the_field() {
        let mut f = TextField::default();
        f.insert_str("CAF\u{1b}[2J01\n23\t\r");
        assert_eq!(f.value(), "CAF[2J0123");
    }

    #[test]
    fn length_is_bounded_and_says_so() {
        let mut f = TextField::default();
        f.insert_str(&"あ".repeat(1000));
        assert_eq!(f.value().chars().count(), MAX_CHARS);
        assert!(f.truncated());
        f.edit(Edit::Backspace);
        assert!(!f.truncated());
    }

    #[test]
    fn caret_counts_display_columns() {
        let mut f = TextField::with_value("東京a");
        assert_eq!(f.caret_column(), 5);
        f.edit(Edit::Left);
        assert_eq!(f.caret_column(), 4);
        f.edit(Edit::Home);
        assert_eq!(f.caret_column(), 0);
    }
}
