//! The command line: flags, subcommands, and what each prints. Clap's own messages are English,
//! so every parse error is retold here in Japanese.

mod answers;
mod args;
mod batch;
mod check;
mod list;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::load::{self, LoadError};
use oqs_line_check::rules::{RuleSet, text};

pub use answers::for_wizard;
pub use args::{Cli, Command};

/// Exit status for any input error: a bad flag, a bad answer, a bad rules file.
pub const EXIT_INPUT_ERROR: u8 = 2;

/// Parses the command line, or explains in Japanese why it cannot (and exits 2).
pub fn parse() -> Result<Cli, ExitCode> {
    // Started with no arguments (a double-click, most starts): the defaults, without building
    // clap's parser, which is a tenth of the time to the wizard's first frame. A test checks
    // that clap gives the same.
    if std::env::args_os().len() <= 1 {
        return Ok(Cli::default());
    }
    match Cli::try_parse() {
        Ok(cli) => Ok(cli),
        Err(e) => match e.kind() {
            ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
                let _ = e.print();
                Err(ExitCode::SUCCESS)
            }
            _ => {
                let message = japanese_clap_error(&e);
                eprintln!("{message}");
                eprintln!("使い方は oqs-line-check --help で確かめられます。");
                if wants_json() {
                    let error = serde_json::json!({"errors": [{
                        "field": "arguments",
                        "code": "invalid_arguments",
                        "message": message.trim_start_matches("エラー: "),
                    }]});
                    println!("{error}");
                }
                Err(ExitCode::from(EXIT_INPUT_ERROR))
            }
        },
    }
}

/// Whether the command line asked for JSON, read without clap (which just refused it), so a
/// script still gets an `errors` object.
fn wants_json() -> bool {
    // args_os: a non-UTF-8 argument (already refused by clap) must not panic here.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

fn japanese_clap_error(e: &clap::Error) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => text::sanitize(s),
        Some(ContextValue::Strings(v)) => text::sanitize(&v.join(", ")),
        _ => String::new(),
    };
    let arg = ctx(ContextKind::InvalidArg);
    match e.kind() {
        ErrorKind::UnknownArgument => format!("エラー: 「{arg}」という指定はありません。"),
        ErrorKind::InvalidValue => format!(
            "エラー: {arg} の値「{}」は使えません。使える値: {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::ValidValue)
        ),
        ErrorKind::InvalidSubcommand => format!(
            "エラー: 「{}」というサブコマンドはありません。使えるもの: check, batch, list",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("エラー: 必要な指定がありません: {arg}")
        }
        ErrorKind::ArgumentConflict => match ctx(ContextKind::PriorArg) {
            prior if prior.is_empty() || prior == arg => {
                format!("エラー: {arg} は一度だけ指定してください。")
            }
            prior => format!("エラー: {arg} は {prior} と一緒に使えません。"),
        },
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("エラー: {arg} には値が必要です。")
        }
        ErrorKind::InvalidUtf8 => "エラー: 指定に UTF-8 でない文字が含まれています。".to_string(),
        _ => format!(
            "エラー: コマンドラインの指定が正しくありません。({})",
            text::sanitize(e.kind().as_str().unwrap_or("unknown"))
        ),
    }
}

/// The rules the run uses: `--rules FILE`, or the embedded ones.
pub fn load_rules(
    path: Option<&std::path::Path>,
) -> Result<std::borrow::Cow<'static, RuleSet>, LoadError> {
    match path {
        Some(p) => load::from_file(p).map(std::borrow::Cow::Owned),
        None => embedded::rules().map(std::borrow::Cow::Borrowed),
    }
}

/// Reports a rules file that cannot be used, and gives the exit status for it.
pub fn rules_error(e: &LoadError) -> ExitCode {
    eprintln!("エラー: ルールファイルに誤りがあります。");
    eprintln!("{e}");
    if wants_json() {
        let error = serde_json::json!({"errors": [{
            "field": "rules",
            "code": "invalid_rules",
            "message": e.to_string(),
        }]});
        println!("{error}");
    }
    ExitCode::from(EXIT_INPUT_ERROR)
}

/// Runs a subcommand.
pub fn run(command: &Command, rules: &RuleSet) -> ExitCode {
    let mut out = std::io::stdout().lock();
    let status = match command {
        Command::Check(c) => check::run(rules, c, &mut out),
        Command::Batch(b) => {
            drop(out);
            return batch::run(rules, b);
        }
        Command::List { what, format } => list::run(rules, *what, *format, &mut out),
    };
    let _ = out.flush();
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_arguments_give_what_clap_gives() {
        let parsed = Cli::try_parse_from(["oqs-line-check"]).expect("no arguments parse");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::default()));
        assert!(parsed.command.is_none() && !parsed.plain && !parsed.ascii);
    }
}
