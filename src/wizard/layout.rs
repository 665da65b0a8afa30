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
