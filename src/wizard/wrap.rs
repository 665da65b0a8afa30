//! Wrapping Japanese by display width. ratatui's `Wrap` breaks only at spaces, so a Japanese
//! sentence would run off the screen; this breaks anywhere, keeping closing punctuation off the
//! start of a line (kinsoku).

use unicode_width::UnicodeWidthChar;

/// Characters that must not start a line.
const NO_LINE_START: &str = "、。，．,.・：:；;？?！!ー）)」』】〕〉》]}";

/// Splits `text` into lines no wider than `width` display columns (a character wider than the
/// whole width still gets a line of its own). Never returns an empty list.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width && !line.is_empty() {
            let carry = line.chars().last().filter(|&last| {
                NO_LINE_START.contains(c)
                    && line.chars().count() > 1
                    && last.width().unwrap_or(0) + w <= width
            });
            match carry {
                Some(last) => {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(last);
                    used = last.width().unwrap_or(0);
                }
                None => {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
            }
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
    lines
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn japanese_breaks_by_columns() {
        assert_eq!(wrap("あいうえお", 4), ["あい", "うえ", "お"]);
        assert_eq!(wrap("abcあい", 4), ["abc", "あい"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(wrap("あいう。", 6), ["あい", "う。"]);
        let lines = wrap("申請してください。次へ", 8);
        assert!(lines.iter().all(|l| !l.starts_with('。')), "{lines:?}");
    }

    #[test]
    fn a_character_wider_than_the_width_still_shows() {
        assert_eq!(wrap("あい", 1), ["あ", "い"]);
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked_and_nothing_is_lost(s in "\\PC{0,80}", w in 2usize..40) {
            let lines = wrap(&s, w);
            for l in &lines {
                prop_assert!(width(l) <= w, "{l:?} wider than {w}");
            }
            prop_assert_eq!(lines.concat(), s);
        }
    }
}
