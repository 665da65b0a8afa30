//! The screen's fixed parts, in cells. The screens draw with these and the wizard scrolls with
//! them, so a page down moves exactly one visible page.

/// The smallest terminal every screen fits in.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Rows above the body inside the border: the title line, the question, a blank.
pub const HEADER_ROWS: u16 = 3;
/// Rows below the body inside the border: the message line and the key hints.
pub const FOOTER_ROWS: u16 = 2;
/// The border around everything.
pub const BORDER: u16 = 1;
/// Blank columns on each side of the body, inside the border.
pub const PADDING: u16 = 1;

/// Whether the terminal is large enough to show the wizard.
pub fn fits(viewport: (u16, u16)) -> bool {
    viewport.0 >= MIN_WIDTH && viewport.1 >= MIN_HEIGHT
}

/// Columns for text in the body.
pub fn body_width(viewport: (u16, u16)) -> usize {
    usize::from(viewport.0.saturating_sub(2 * BORDER + 2 * PADDING))
}

/// Rows for the body.
pub fn body_height(viewport: (u16, u16)) -> usize {
    usize::from(
        viewport
            .1
            .saturating_sub(2 * BORDER + HEADER_ROWS + FOOTER_ROWS),
    )
}

/// The most options a list numbers: 1 to 9, then 0 for the tenth (as on a phone's keypad).
/// Longer lists are chosen with the arrow keys only.
pub const MAX_NUMBERED: usize = 10;

/// The digit shown before option `index` (0-based) of a list of `len`, and typed to choose it.
pub fn choice_digit(index: usize, len: usize) -> Option<char> {
    if len > MAX_NUMBERED || index >= len {
        return None;
    }
    char::from_digit(u32::try_from((index + 1) % 10).ok()?, 10)
}

/// The option (0-based) that digit `d` chooses in a list of `len`, if any.
pub fn choice_for_digit(d: char, len: usize) -> Option<usize> {
    (0..len).find(|&i| choice_digit(i, len) == Some(d))
}

/// The number before option `index` (0-based) of a list of `len` where the number is typed and
/// ended with Enter (plain mode): the digit the full screen shows, so both number a list
/// alike; a list too long for digits counts 1 to `len`.
pub fn choice_number(index: usize, len: usize) -> String {
    match choice_digit(index, len) {
        Some(d) => d.to_string(),
        None => (index + 1).to_string(),
    }
}

/// The option (0-based) a typed number picks in a list of `len`, as [`choice_number`] numbers
/// it: `0` is the tenth of ten, and `10` is no option of a list numbered with digits.
pub fn choice_for_number(typed: &str, len: usize) -> Option<usize> {
    if len <= MAX_NUMBERED {
        let mut chars = typed.chars();
        match (chars.next(), chars.next()) {
            (Some(d), None) => choice_for_digit(d, len),
            _ => None,
        }
    } else {
        typed
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=len).contains(n))
            .map(|n| n - 1)
    }
}

/// The numbers a list of `len` takes, as a prompt says them: 「1-3」, 「1-9、0」, 「1-47」.
pub fn number_range(len: usize) -> String {
    match len {
        0 | 1 => "1".to_string(),
        MAX_NUMBERED => "1-9、0".to_string(),
        n => format!("1-{n}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_numbered_one_to_nine_then_zero() {
        assert_eq!(choice_digit(0, 3), Some('1'));
        assert_eq!(choice_digit(8, 10), Some('9'));
        assert_eq!(choice_digit(9, 10), Some('0'));
        assert_eq!(choice_digit(3, 3), None);
        assert_eq!(choice_digit(0, 11), None);
        assert_eq!(choice_for_digit('0', 10), Some(9));
        assert_eq!(choice_for_digit('0', 8), None);
        assert_eq!(choice_for_digit('8', 8), Some(7));
        assert_eq!(choice_for_digit('9', 8), None);
        assert_eq!(choice_for_digit('1', 11), None);
    }

    #[test]
    fn typed_numbers_follow_the_same_rule() {
        let ten: Vec<String> = (0..10).map(|i| choice_number(i, 10)).collect();
        assert_eq!(ten, ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"]);
        assert_eq!(choice_for_number("0", 10), Some(9));
        assert_eq!(choice_for_number("10", 10), None);
        assert_eq!(choice_for_number("1", 10), Some(0));
        assert_eq!(choice_for_number("0", 3), None);
        assert_eq!(choice_for_number("4", 3), None);
        assert_eq!(choice_number(10, 11), "11");
        assert_eq!(choice_for_number("11", 11), Some(10));
        assert_eq!(choice_for_number("0", 11), None);
        assert_eq!(choice_for_number("", 3), None);
        for len in 1..=47 {
            for i in 0..len {
                assert_eq!(choice_for_number(&choice_number(i, len), len), Some(i));
            }
        }
        assert_eq!(number_range(3), "1-3");
        assert_eq!(number_range(10), "1-9、0");
        assert_eq!(number_range(47), "1-47");
    }
}
