//! Colours and borders. Focus is always shown by a `>` marker as well as by style, so it survives
//! NO_COLOR (which, with crossterm 0.29, also drops reverse video) and monochrome terminals.

use oqs_line_check::rules::Verdict;
use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

/// Borders drawn with `+ - |`: box-drawing characters are ambiguous-width and the legacy Windows
/// console draws them two cells wide.
pub const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// The marker in front of the focused option or row.
pub const MARKER: &str = "> ";
pub const NO_MARKER: &str = "  ";

impl Theme {
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn focused(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
        if self.color { s.fg(Color::Cyan) } else { s }
    }

    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Gray)
        } else {
            Style::new()
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::LightGreen)
    }

    pub fn value(&self) -> Style {
        self.fg(Color::LightYellow).add_modifier(Modifier::BOLD)
    }

    pub fn key(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }

    pub fn banner(&self, v: Verdict) -> Style {
        let base = Style::new().add_modifier(Modifier::BOLD);
        if !self.color {
            return base.add_modifier(Modifier::REVERSED);
        }
        let bg = match v {
            Verdict::Ready => Color::Green,
            Verdict::ActionRequired => Color::Yellow,
            Verdict::Confirm => Color::Yellow,
            Verdict::OtherMethod => Color::Blue,
            Verdict::NotEligible => Color::Red,
        };
        base.fg(Color::Black).bg(bg)
    }
}
