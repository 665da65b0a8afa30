//! The terminal shell of the wizard: set the terminal up, turn events into messages, run the
//! commands the wizard asks for (save, quit), draw, and put the terminal back, also when a
//! signal (SIGTERM, SIGHUP …) ends the wizard from outside (see [`signals`]).

pub mod keys;
pub mod save;
mod signals;
pub mod terminal;

use std::io;

use chrono::{Local, NaiveDate};
use oqs_line_check::rules::{RawAnswers, RuleSet};
use oqs_line_check::wizard::{Command, Model, Msg, update};

use crate::screens::{self, Theme};

/// Runs the wizard until the user quits.
pub fn run(
    rules: &RuleSet,
    answers: &RawAnswers,
    today: NaiveDate,
    theme: Theme,
) -> io::Result<()> {
    let mut model = Model::with_answers(rules, today, answers);
    // Named in a failed save's message even when the folder is removed while the wizard runs.
    let started_in = std::env::current_dir().ok();
    let signals = signals::install()?;
    let (_guard, mut term) = terminal::Guard::enter()?;
    let size = term.size()?;
    update(
        &mut model,
        Msg::Resize {
            width: size.width,
            height: size.height,
        },
    );
    term.draw(|f| screens::view(&model, &theme, f))?;
    signals.start()?;
    loop {
        let Some(msg) = keys::to_msg(crossterm::event::read()?) else {
            continue;
        };
        match update(&mut model, msg) {
            Command::None => {}
            Command::Quit => return Ok(()),
            Command::Save(request) => {
                let stem = format!("oqs-line-check-{}", Local::now().format("%Y%m%d-%H%M%S"));
                let places = save::places(save::start_folder(started_in.as_deref()));
                let result = save::save(&places, &stem, &request);
                update(&mut model, Msg::Saved(result));
            }
        }
        term.draw(|f| screens::view(&model, &theme, f))?;
    }
}
