//! The drawing area, bounded: ratatui keeps two buffers of the whole window, a cell each, so a
//! window claiming 65535×65535 cells would need gigabytes. A larger window is drawn as if it
//! were [`MAX_WIDTH`]×[`MAX_HEIGHT`], in its top-left corner.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// The widest window drawn, in cells.
pub const MAX_WIDTH: u16 = 500;
/// The tallest window drawn, in cells.
pub const MAX_HEIGHT: u16 = 200;

/// `(width, height)` within the bounds.
pub fn clamp(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_WIDTH), height.min(MAX_HEIGHT))
}

/// A backend whose size is at most [`MAX_WIDTH`]×[`MAX_HEIGHT`].
pub struct Clamped<B>(pub B);

impl<B: Backend> Backend for Clamped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let size = self.0.size()?;
        let (width, height) = clamp(size.width, size.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut size = self.0.window_size()?;
        let (width, height) = clamp(size.columns_rows.width, size.columns_rows.height);
        size.columns_rows = Size { width, height };
        Ok(size)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    #[test]
    fn a_huge_window_is_drawn_at_the_bounded_size() {
        let backend = Clamped(TestBackend::new(MAX_WIDTH + 1, MAX_HEIGHT + 7));
        let mut term = Terminal::new(backend).expect("a terminal");
        let frame = term.draw(|_| {}).expect("a frame");
        assert_eq!(frame.area.width, MAX_WIDTH);
        assert_eq!(frame.area.height, MAX_HEIGHT);
        assert_eq!(clamp(65535, 65535), (MAX_WIDTH, MAX_HEIGHT));
        assert_eq!(clamp(80, 24), (80, 24));
    }
}
