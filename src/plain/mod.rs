//! Plain mode: the wizard as numbered line prompts, for screen readers, dumb terminals and
//! pipes. The same [`Model`] and [`update`] as the full-screen wizard drive it; this module only
//! turns each typed line into the messages a key press would send, and prints the model as lines.
//!
//! Typed lines: a number picks an option; text answers a text question (都道府県, 申込日, お客さまID);
//! `わからない` picks わからない where a text question offers it; an empty line keeps the current
//! answer; `<` goes back one question (as in the Debian installer); `?` shows the help.
//!
//! Exit status: 0 once the result was shown (or the user chose to quit); 1 when input ended
//! before the result ([`EXIT_INPUT_ENDED`]).

mod answer;
mod console;
mod finish;
mod help;
mod question;

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use oqs_line_check::rules::{RawAnswers, RuleSet};
use oqs_line_check::wizard::{Command, Model, Msg, Overlay, Step, update};

pub use console::Console;

/// Exit status when input ends before the result is shown.
pub const EXIT_INPUT_ENDED: u8 = 1;

/// Whether to run in plain mode: asked for, or no terminal to draw on (stdin or stdout is not
/// a terminal), or a terminal that says it cannot draw (`TERM=dumb`).
pub fn wanted(flag: bool) -> bool {
    flag || !io::stdin().is_terminal()
        || !io::stdout().is_terminal()
        || std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Runs the wizard on stdin and stdout.
pub fn run(rules: &RuleSet, answers: &RawAnswers) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let echo = !io::stdin().is_terminal();
    let console = Console::new(io::stdin().lock(), io::stdout().lock(), echo);
    let dir = std::env::current_dir().ok();
    let mut session = Session::new(rules, today, answers, console, dir);
    // Someone at a terminal reads the summary first and asks for the details; piped output
    // gets everything.
    session.paged = io::stdin().is_terminal() && io::stdout().is_terminal();
    session.run()
}

/// What happened to the dialogue after a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Continue,
    Done(u8),
}

/// One run of the plain wizard.
pub struct Session<'r, R, W> {
    model: Model<'r>,
    console: Console<R, W>,
    /// The folder the wizard was started in: where a save writes first.
    dir: Option<std::path::PathBuf>,
    /// The step whose question was printed last: a new step prints its whole question, the same
    /// step again only its prompt.
    shown: Option<Step>,
    /// 都道府県: the typed text matched several; a number now picks one of them.
    narrowing: bool,
    /// The result is shown as its summary, with the details on request.
    paged: bool,
    /// The details of the result shown are still to be asked for.
    details_pending: bool,
}

impl<'r, R: BufRead, W: Write> Session<'r, R, W> {
    pub fn new(
        rules: &'r RuleSet,
        today: NaiveDate,
        answers: &RawAnswers,
        console: Console<R, W>,
        dir: Option<std::path::PathBuf>,
    ) -> Self {
        Session {
            model: Model::with_answers(rules, today, answers),
            console,
            dir,
            shown: None,
            narrowing: false,
            paged: false,
            details_pending: false,
        }
    }

    /// Asks until the result is shown, the user quits, or input ends. Returns the exit status.
    pub fn run(&mut self) -> ExitCode {
        self.console
            .say("オンライン資格確認 回線チェック (文字だけの表示)");
        self.console.say(
            "質問に番号か文字で答えて Enter を押してください。「<」で一つ前の質問に戻り、「?」でその質問のヘルプを表示します。",
        );
        let code = loop {
            let flow = if matches!(self.model.overlay, Some(Overlay::QuitConfirm { .. })) {
                self.quit_question()
            } else if self.model.step == Step::Result {
                self.result()
            } else {
                self.question()
            };
            if let Flow::Done(code) = flow {
                break code;
            }
        };
        self.console.flush();
        ExitCode::from(code)
    }

    /// Asks the current question once.
    fn question(&mut self) -> Flow {
        if self.shown != Some(self.model.step) {
            self.narrowing = false;
            self.show_question();
            self.shown = Some(self.model.step);
        }
        let prompt = self.prompt_text();
        self.console.prompt(&prompt);
        let Some(line) = self.console.read_line() else {
            return self.input_ended();
        };
        self.answer(&line);
        Flow::Continue
    }

    /// `<` on the first question: the wizard asks whether to quit.
    fn quit_question(&mut self) -> Flow {
        self.console.say("");
        self.console.say("最初の質問です。終了しますか。");
        self.console.say("  1. 終了する");
        self.console.say("  2. 続ける");
        self.console.prompt("番号 (1-2): ");
        let Some(line) = self.console.read_line() else {
            return self.input_ended();
        };
        match oqs_line_check::rules::text::fold(&line).as_str() {
            "1" => {
                self.send(Msg::Char('1'));
                if self.send(Msg::Submit) == Command::Quit {
                    self.console.say("終了します。");
                    return Flow::Done(0);
                }
            }
            _ => {
                self.send(Msg::Back);
                self.shown = None;
            }
        }
        Flow::Continue
    }

    fn input_ended(&mut self) -> Flow {
        self.console
            .say("入力が終わったため、結果を出さずに終了します。");
        Flow::Done(EXIT_INPUT_ENDED)
    }

    fn send(&mut self, msg: Msg) -> Command {
        update(&mut self.model, msg)
    }
}
