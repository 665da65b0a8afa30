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
}
