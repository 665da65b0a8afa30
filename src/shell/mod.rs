//! The terminal shell of the wizard: set the terminal up, turn events into messages, run the
//! commands the wizard asks for (save, quit), draw, and put the terminal back, also when a
//! signal (SIGTERM, SIGHUP …) ends the wizard from outside, and around a stop (SIGTSTP; see
//! [`signals`]).

pub mod clamped;
mod input;
pub mod keys;
pub mod save;
mod signals;
pub mod terminal;

use std::io;

use ratatui::layout::Rect;

use chrono::{Local, NaiveDate};
use oqs_line_check::rules::{RawAnswers, RuleSet};
use oqs_line_check::wizard::{Command, Model, Msg, exit_summary, file_name, update};

use crate::screens::{self, Theme};

/// Runs the wizard until the user quits, then, on the normal screen, leaves the summary of the
/// result ([`exit_summary`]): closing the window after reading it loses nothing.
pub fn run(
    rules: &RuleSet,
    answers: &RawAnswers,
    today: NaiveDate,
    theme: Theme,
) -> io::Result<()> {
    let mut model = Model::with_answers(rules, today, answers);
    session(&mut model, &theme)?;
    // The terminal is restored by now (the session's guard is gone).
    if let Some(summary) = exit_summary::text(&model) {
        use std::io::Write;
        let mut out = io::stdout().lock();
        // Nowhere to say it when stdout is gone; the result was on the screen.
        let _ = out.write_all(summary.as_bytes()).and_then(|()| out.flush());
    }
    Ok(())
}

/// The wizard on the alternate screen, from setting the terminal up to putting it back.
fn session(model: &mut Model<'_>, theme: &Theme) -> io::Result<()> {
    // Named in a failed save's message even when the folder is removed while the wizard runs.
    let started_in = std::env::current_dir().ok();
    let signals = signals::install()?;
    let mut input = input::Reader::open()?;
    let (_guard, mut term) = terminal::Guard::enter()?;
    let size = term.size()?;
    update(
        model,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    draw(&mut term, model, theme)?;
    signals.start(input.waker()?)?;
    loop {
        // Everything that has arrived is handled before the next frame.
        for event in input.batch()? {
            let msg = match event {
                input::Input::Event(event) => keys::to_msg(event),
                input::Input::Redraw => Some(redraw(&mut term)?),
            };
            let Some(msg) = msg else { continue };
            match update(model, msg) {
                Command::None => {}
                Command::Quit => return Ok(()),
                Command::Save(request) => {
                    let stem =
                        file_name::stem(request.clinic_name.as_deref(), Local::now().naive_local());
                    let places = save::places(save::start_folder(started_in.as_deref()));
                    let result = save::save(&places, &stem, &request);
                    update(model, Msg::Saved(result));
                }
            }
        }
        draw(&mut term, model, theme)?;
    }
}

/// Draws a frame, holding the lock on stdout so no change of the terminal's mode (see
/// [`terminal`]) lands in the middle of it.
fn draw(term: &mut terminal::Term, model: &Model<'_>, theme: &Theme) -> io::Result<()> {
    let _stdout = io::stdout().lock();
    term.draw(|f| screens::view(model, theme, f))?;
    Ok(())
}

/// Forgets what the screen shows, so the next frame is drawn whole, and tells the wizard the
/// window's size, which may have changed meanwhile.
fn redraw(term: &mut terminal::Term) -> io::Result<Msg> {
    let _stdout = io::stdout().lock();
    let size = term.size()?;
    term.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(Msg::Resize {
        width: size.width,
        height: size.height,
    })
}
