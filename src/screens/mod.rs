//! The screens: `view` draws the wizard's state and nothing else. It reads the model, changes
//! nothing, and does no I/O.

mod chrome;
#[cfg(test)]
mod fuzz;
mod overlay;
mod question;
mod result;
mod review;
#[cfg(test)]
mod snapshots;
pub mod theme;
mod too_small;

use oqs_line_check::wizard::{Model, Step};
use oqs_line_check::wizard::{layout, result_view};
use ratatui::Frame;

pub use theme::Theme;

pub fn view(m: &Model<'_>, theme: &Theme, f: &mut Frame<'_>) {
    let area = f.area();
    let viewport = (area.width, area.height);
    if !layout::fits(viewport) {
        too_small::draw(f, m.keys_not_taken);
        return;
    }
    // The result's lines are laid out once per frame: the message line and the key hints count
    // them, the body draws them.
    let result_lines = match m.step {
        Step::Result => result_view::lines(m),
        _ => Vec::new(),
    };
    let message = match m.step {
        Step::Result => result::message(m, &result_lines, theme, layout::body_width(viewport)),
        _ => question::message(m, theme),
    };
    let body = chrome::draw(m, theme, f, message, result_lines.len());
    match m.step {
        Step::Review => review::draw(m, theme, f, body),
        Step::Result => result::draw(m, &result_lines, theme, f, body),
        _ => question::draw(m, theme, f, body),
    }
    if let Some(o) = &m.overlay {
        overlay::draw(m, o, theme, f);
    }
}
