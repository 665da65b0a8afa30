//! The clinic's name (医療機関名): an optional answer that is only shown (on the result, the
//! sheet, the saved files and their names), never decided on.

use std::borrow::Cow;

use super::field::{Field, FieldError};
use super::text;

/// The longest name taken, in characters after normalising. 「医療法人社団」 and a branch name
/// included, real names are far shorter; the bound keeps the sheet's heading on one line.
pub const MAX_CHARS: usize = 50;

/// Reads a name as given: `None` when it is empty or only spaces (the name is optional). Spaces
/// around it go, runs of spaces inside become one, and NFKC makes full-width letters and digits
/// and half-width katakana ordinary (「ＡＢＣ内科」 → 「ABC内科」, 「ｸﾘﾆｯｸ」 → 「クリニック」).
/// Control and invisible characters are refused rather than dropped: they are never part of a
/// name, and a name that silently differs from what was typed would be worse.
pub fn parse(value: &str) -> Result<Option<String>, FieldError> {
    parse_borrowed(value).map(|name| name.map(Cow::into_owned))
}

/// [`parse`], borrowing `value` when it is already a clean name (the common case in a batch).
pub fn parse_borrowed(value: &str) -> Result<Option<Cow<'_, str>>, FieldError> {
    if let Some(c) = value
        .chars()
        .find(|&c| (c.is_control() && c != '\t') || text::is_invisible(c))
    {
        // A line break is what a spreadsheet's cell holds after Alt+Enter: name it as such.
        let message = if c == '\n' || c == '\r' {
            "改行が入っています。1行にしてください (Excel ではセルの中の改行 (Alt+Enter) を消します)"
                .to_string()
        } else {
            format!(
                "使えない文字 (U+{:04X}、画面に見えない文字) が入っています。医療機関名を打ち直してください",
                u32::from(c)
            )
        };
        return Err(FieldError::new(
            Field::ClinicName,
            "invalid_character",
            message,
        ));
    }
    let name = match text::nfkc(value) {
        Cow::Borrowed(n) if spaced_once(n) => Cow::Borrowed(n),
        n => Cow::Owned(n.split_whitespace().collect::<Vec<_>>().join(" ")),
    };
    if name.is_empty() {
        return Ok(None);
    }
    // A symbol such as ★ or ○ takes one cell or two depending on the terminal and the font:
    // it would shift the screens' and the sheet's columns. (NFKC has already made ① a 1.)
    if let Some(n) = name.chars().position(text::is_ambiguous_width) {
        return Err(FieldError::new(
            Field::ClinicName,
            "symbol",
            format!(
                "{}文字目の記号は使えません (画面や印刷で幅がずれるため)。記号を除いて入力してください",
                n + 1
            ),
        ));
    }
    let chars = name.chars().count();
    if chars > MAX_CHARS {
        return Err(FieldError::new(
            Field::ClinicName,
            "too_long",
            format!(
                "{MAX_CHARS}文字までにしてください ({chars}文字あります)。法人名などを省いて短くしてください"
            ),
        ));
    }
    Ok(Some(name))
}

/// Whether `s` has no space at either end, no run of spaces and no space but U+0020: what
/// joining its words with one space would leave as it is.
fn spaced_once(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if c != ' ' || after_space {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space
}

/// 「医療機関名: さくら内科」: the line results start with, when the name was given.
pub fn heading(name: Option<&str>) -> Option<String> {
    name.map(|n| format!("{}: {}", Field::ClinicName.label(), text::sanitize(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> Option<String> {
        parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"))
    }

    #[test]
    fn names_are_trimmed_and_normalised() {
        assert_eq!(
            ok("  さくら内科クリニック　"),
            Some("さくら内科クリニック".into())
        );
        assert_eq!(ok("ＡＢＣ　内科"), Some("ABC 内科".into()));
        assert_eq!(ok("ｻｸﾗ薬局"), Some("サクラ薬局".into()));
        assert_eq!(
            ok("医療法人  社団\t桜会"),
            Some("医療法人 社団 桜会".into())
        );
        assert_eq!(ok(""), None);
        assert_eq!(ok(" 　 "), None);
    }

    #[test]
    fn a_clean_name_is_borrowed_and_any_other_spacing_is_rewritten() {
        for clean in ["さくら内科", "ABC 内科", "医療法人 社団 桜会"] {
            assert!(matches!(parse_borrowed(clean), Ok(Some(Cow::Borrowed(n))) if n == clean));
        }
        for (spaced, name) in [
            ("ABC  内科", "ABC 内科"),
            (" ABC", "ABC"),
            ("ABC ", "ABC"),
            ("A\tB", "A B"),
            ("A\u{3000}B", "A B"),
        ] {
            assert_eq!(ok(spaced).as_deref(), Some(name), "{spaced:?}");
        }
        assert_eq!(ok(" "), None);
    }

    #[test]
    fn control_and_invisible_characters_are_refused_naming_the_field() {
        for bad in [
            "さくら\u{1b}[2J",
            "さくら\u{200B}内科",
            "a\u{202E}b",
            "x\ny",
            "\u{FEFF}名",
        ] {
            let e = parse(bad).err().unwrap_or_else(|| panic!("{bad:?}"));
            assert_eq!(e.field, Field::ClinicName);
            assert_eq!(e.code, "invalid_character");
            assert!(e.message.starts_with("医療機関名: "), "{}", e.message);
            assert!(!e.message.chars().any(char::is_control), "{}", e.message);
        }
    }

    #[test]
    fn a_line_break_is_named_as_one_not_as_an_invisible_character() {
        for broken in ["さくら内科\n分院", "さくら内科\r\n分院", "さくら内科\r分院"]
        {
            let e = parse(broken).expect_err(broken);
            assert_eq!(e.code, "invalid_character");
            assert!(
                e.message.starts_with("医療機関名: 改行が入っています。"),
                "{}",
                e.message
            );
            assert!(e.message.contains("Alt+Enter"), "{}", e.message);
            assert!(!e.message.contains("U+000"), "{}", e.message);
        }
        let e = parse("さくら\u{200B}内科").expect_err("zero width space");
        assert!(
            e.message.contains("U+200B、画面に見えない文字"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_long_name_is_refused_with_its_length() {
        let long = "あ".repeat(MAX_CHARS + 1);
        let e = parse(&long).err().unwrap_or_else(|| panic!("too long"));
        assert_eq!(e.code, "too_long");
        assert!(e.message.contains("51文字あります"), "{}", e.message);
        assert_eq!(
            ok(&"あ".repeat(MAX_CHARS)).map(|n| n.chars().count()),
            Some(MAX_CHARS)
        );
    }

    #[test]
    fn symbols_of_uncertain_width_are_refused_and_circled_digits_become_digits() {
        assert_eq!(ok("髙橋医院①"), Some("髙橋医院1".into()));
        for (name, at) in [("さくら医院★", 6), ("○○歯科", 1), ("医院→本院", 3)] {
            let e = parse(name).expect_err(name);
            assert_eq!(e.field, Field::ClinicName);
            assert_eq!(e.code, "symbol");
            assert!(
                e.message
                    .starts_with(&format!("医療機関名: {at}文字目の記号は使えません")),
                "{name}: {}",
                e.message
            );
        }
    }
}
