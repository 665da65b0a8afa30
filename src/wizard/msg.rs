//! What can happen to the wizard (a [`Msg`]), and what it asks the shell to do in return (a
//! [`Command`]). The shell turns terminal events into messages; the wizard never sees a terminal.

use super::model::{SaveFailure, Saved};
use super::text_field::Edit;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    /// Enter: choose, or go on.
    Submit,
    /// Esc: one question back, keeping every answer.
    Back,
    /// Tab / Shift-Tab: move between a text field and its わからない choice.
    NextFocus,
    PrevFocus,
    /// A typed character (a digit picks an option in a short list; elsewhere it is text).
    Char(char),
    /// Text pasted at once: inserted into a field, never submitted.
    Paste(String),
    Edit(Edit),
    /// F1, or `?` where no text is being typed.
    Help,
    /// F2 / Ctrl-S on the result.
    Save,
    /// Ctrl-C: asks before quitting; a second one quits.
    Interrupt,
    /// The terminal's size, in cells.
    Resize {
        width: u16,
        height: u16,
    },
    /// The shell's answer to [`Command::Save`].
    Saved(Result<Saved, SaveFailure>),
}

/// Work for the shell: the wizard decides, the shell does the I/O.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    None,
    Quit,
    /// Write these files, never overwriting: in the folder the wizard was started in, or, when
    /// that cannot take them, in the user's own folder.
    Save(SaveRequest),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    /// (extension, content) pairs: `md`, `json`, `toml`. The shell names the files.
    pub files: Vec<(&'static str, String)>,
    /// 医療機関名, for the files' name ([`super::file_name::stem`]).
    pub clinic_name: Option<String>,
}
