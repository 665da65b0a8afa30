//! Random messages for the wizard, shared by the state-machine properties
//! (tests/wizard_state.rs) and the screen fuzz (src/screens/fuzz.rs, which includes this file by
//! `#[path]`), so both drive the wizard with the same events: keys, edits, pastes of hostile text,
//! resizes to any size, and the shell's answers to a save.

use oqs_line_check::wizard::{Edit, Msg, SaveFailure, Saved};
use proptest::prelude::*;

/// Text as a paste could bring it: control characters and escape sequences, newlines, a 100 000
/// and a 1 MB string, lone surrogates as lossy text shows them, full- and half-width kana, emoji,
/// combining marks, invisible formatting characters, and any string at all.
pub fn paste_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "\u{1b}[2J\u{1b}]0;title\u{7}\u{1b}[31mred".to_string(),
            "CAF\n0123\r\n456789".to_string(),
            "caf 0123-456789".to_string(),
            "ＣＡＦ０１２３４５６７８９".to_string(),
            "COP12345678".to_string(),
            "2012-05-28".to_string(),
            "平成24年5月28日".to_string(),
            "とうきょう".to_string(),
            "osaka".to_string(),
            "a".repeat(100_000),
            // About 1 MB of UTF-8.
            "あ".repeat(350_000),
            "😀👨‍👩‍👧🇯🇵".to_string(),
            "か\u{3099}き\u{3099}e\u{301}".to_string(),
            "ｶﾞｷﾞｸﾞｹﾞｺﾞ ｱｲｳ".to_string(),
            "\u{0}\u{1}\u{7f}\u{85}\u{9b}\u{2028}\u{200b}\u{feff}".to_string(),
            "\u{202e}CAF0123456789\u{202c}".to_string(),
            "\u{fffd}\u{fffd}".to_string(),
            // Lone surrogates, as a lossy conversion from UTF-16 (a Windows clipboard) gives them.
            String::from_utf16_lossy(&[0xD800, 0x0043, 0xDC00, 0x0041, 0xDBFF]),
            "\u{9b}31m\u{1b}P1$r\u{1b}\\".to_string(),
            "\t\t\n\n\r".to_string(),
        ]),
        2 => any::<String>(),
        1 => "[\\PC\\p{Cc}]{0,80}",
    ]
}

/// A typed character: digits (half- and full-width), the letters of an お客さまID, kana,
/// combining marks, emoji, control characters, and any character at all.
pub fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::sample::select(vec![
            '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '１', '２', '９', '?', ' ', 'C',
            'A', 'F', 'O', 'P', '-', 'あ', 'ア', 'ｱ', 'ﾞ', '\u{301}', '😀', '\u{1b}', '\n',
            '\r', '\t', '\u{7f}', '\u{0}', '\u{9b}', '\u{202e}', '※',
        ]),
        1 => any::<char>(),
    ]
}

pub fn any_edit() -> impl Strategy<Value = Edit> {
    prop::sample::select(vec![
        Edit::Left,
        Edit::Right,
        Edit::Home,
        Edit::End,
        Edit::WordLeft,
        Edit::WordRight,
        Edit::Backspace,
        Edit::Delete,
        Edit::DeleteWordBack,
        Edit::Clear,
    ])
}

/// The terminal sizes the issue names (0×0, 1×1, 10×3, 300×100), the sizes either side of the
/// smallest the wizard draws in (79×23, 80×24), and any size.
pub fn any_size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        prop::sample::select(vec![
            (0u16, 0u16),
            (1, 1),
            (10, 3),
            (79, 23),
            (79, 24),
            (80, 23),
            (80, 24),
            (300, 100),
        ]),
        any::<(u16, u16)>(),
    ]
}

pub fn any_msg() -> impl Strategy<Value = Msg> {
    prop_oneof![
        8 => Just(Msg::Submit),
        4 => Just(Msg::Down),
        3 => Just(Msg::Up),
        3 => Just(Msg::Back),
        1 => Just(Msg::PageUp),
        1 => Just(Msg::PageDown),
        1 => Just(Msg::Home),
        1 => Just(Msg::End),
        1 => Just(Msg::NextFocus),
        1 => Just(Msg::PrevFocus),
        1 => Just(Msg::Help),
        1 => Just(Msg::Save),
        1 => Just(Msg::Interrupt),
        6 => any_char().prop_map(Msg::Char),
        2 => paste_text().prop_map(Msg::Paste),
        2 => any_edit().prop_map(Msg::Edit),
        1 => any_size().prop_map(|(width, height)| Msg::Resize { width, height }),
        1 => prop_oneof![
            Just(Msg::Saved(Ok(Saved {
                paths: vec!["result.md".to_string()],
                place: "起動したフォルダー".to_string(),
                refused: Vec::new(),
            }))),
            any::<String>().prop_map(|e| Msg::Saved(Ok(Saved {
                paths: vec![format!("/home/{e}/result.md")],
                place: "ホームフォルダー".to_string(),
                refused: vec![e],
            }))),
            any::<String>().prop_map(|e| Msg::Saved(Err(SaveFailure {
                summary: e.clone(),
                reasons: vec![e.clone(), e.clone()],
                advice: e,
            }))),
        ],
    ]
}
