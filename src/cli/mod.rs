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

/// What each flag is, in the words of the screens, and an example of it.
const FLAGS: [(&str, &str, &str); 12] = [
    (
        "--line",
        "回線の種類",
        "--line next-family (または --line 光クロス)",
    ),
    ("--prefecture", "都道府県", "--prefecture 東京"),
    ("--collab", "コラボ光", "--collab はい (yes / no / unknown)"),
    (
        "--applied",
        "申込日",
        "--applied 2012-05-29 (わからないときは --applied unknown)",
    ),
    (
        "--v6",
        "フレッツ・v6オプション",
        "--v6 未契約 (contracted / not-contracted / unknown)",
    ),
    ("--customer-id", "お客さまID", "--customer-id CAF0123456789"),
    (
        "--multiple-lines",
        "複数の回線",
        "--multiple-lines いいえ (yes / no / unknown)",
    ),
    ("--answers", "回答ファイル", "--answers answers.toml"),
    ("--rules", "ルールファイル", "--rules rules.toml"),
    ("--format", "出力の形式", "--format json"),
    ("--encoding", "文字コード", "--encoding shift_jis"),
    ("--output", "結果を書き込むファイル", "--output result.csv"),
];

/// The values given without a flag (positionals), by the placeholder clap names them with, in
/// Japanese, with an example.
const POSITIONALS: [(&str, &str, &str); 2] = [
    (
        "<WHAT>",
        "一覧の種類 (lines または prefectures)",
        "oqs-line-check list lines",
    ),
    (
        "<FILE.csv>",
        "読み込む CSV ファイル",
        "oqs-line-check batch clinics.csv",
    ),
];

/// How an argument is called in a message: `--line (回線の種類)` for `--line <ID>`, the Japanese
/// name for a positional's `<WHAT>`. No `<PLACEHOLDER>` of clap's reaches the user.
fn arg_name(rendered: &str) -> String {
    let rendered = rendered.trim();
    if let Some((_, name, _)) = POSITIONALS.iter().find(|(p, _, _)| *p == rendered) {
        return (*name).to_string();
    }
    // `--line <ID>`, `--output <FILE>`, `-o <FILE>`: the flag without its placeholder.
    let flag = rendered.split([' ', '=']).next().unwrap_or(rendered);
    let flag = if flag == "-o" { "--output" } else { flag };
    match FLAGS.iter().find(|(f, _, _)| *f == flag) {
        Some((f, name, _)) => format!("{f} ({name})"),
        None if flag.starts_with('-') => text::sanitize(flag),
        // A positional this table does not know: its name without the brackets.
        None => text::sanitize(rendered.trim_matches(['<', '>'])),
    }
}

/// 「例: --line next-family」 for the argument clap names `rendered`, if there is one.
fn arg_example(rendered: &str) -> Option<&'static str> {
    let rendered = rendered.trim();
    if let Some((_, _, example)) = POSITIONALS.iter().find(|(p, _, _)| *p == rendered) {
        return Some(example);
    }
    let flag = rendered.split([' ', '=']).next().unwrap_or(rendered);
    let flag = if flag == "-o" { "--output" } else { flag };
    FLAGS
        .iter()
        .find(|(f, _, _)| *f == flag)
        .map(|(_, _, example)| *example)
}

fn japanese_clap_error(e: &clap::Error) -> String {
    let ctx = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => text::sanitize(s),
        Some(ContextValue::Strings(v)) => text::sanitize(&v.join(", ")),
        _ => String::new(),
    };
    let rendered = ctx(ContextKind::InvalidArg);
    let arg = arg_name(&rendered);
    let flag = rendered.split([' ', '=']).next().unwrap_or(&rendered);
    let example = arg_example(&rendered).map_or(String::new(), |x| format!("例: {x}"));
    let valid = ctx(ContextKind::ValidValue);
    let valid = if valid.is_empty() {
        String::new()
    } else {
        format!("使える値: {valid}")
    };
    let sentences = |parts: &[&str]| {
        parts
            .iter()
            .filter(|p| !p.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join("。")
    };
    match e.kind() {
        ErrorKind::UnknownArgument => format!("エラー: 「{rendered}」という指定はありません。"),
        // clap's "a value is required": the flag was given without its value.
        ErrorKind::InvalidValue if ctx(ContextKind::InvalidValue).is_empty() => format!(
            "エラー: {}",
            sentences(&[
                &format!("{arg} の値がありません。{flag} のあとに値を書いてください"),
                &example,
                &valid,
            ])
        ),
        ErrorKind::InvalidValue => format!(
            "エラー: {}",
            sentences(&[
                &format!(
                    "{arg} の値「{}」は使えません",
                    ctx(ContextKind::InvalidValue)
                ),
                &valid,
                &example,
            ])
        ),
        ErrorKind::InvalidSubcommand => format!(
            "エラー: 「{}」というサブコマンドはありません。使えるもの: check, batch, list",
            ctx(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::MissingRequiredArgument => format!(
            "エラー: {}",
            sentences(&[&format!("必要な指定がありません: {arg}"), &example])
        ),
        ErrorKind::ArgumentConflict => match ctx(ContextKind::PriorArg) {
            prior if prior.is_empty() || prior == rendered => {
                format!("エラー: {arg} は一度だけ指定してください。")
            }
            prior => format!("エラー: {arg} は {} と一緒に使えません。", arg_name(&prior)),
        },
        ErrorKind::NoEquals | ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => format!(
            "エラー: {}",
            sentences(&[&format!("{arg} には値が必要です"), &example])
        ),
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
    use clap::CommandFactory;

    /// Every subcommand's arguments, as the command line would leave each out or give it
    /// without a value: no message may show a clap placeholder such as `<WHAT>` or `<ID>`.
    #[test]
    fn no_placeholder_reaches_any_message() {
        let placeholder = regex::Regex::new(r"<[A-Z][A-Za-z0-9_.]*>").expect("regex");
        let cli = Cli::command();
        let mut tried = 0;
        let mut cases: Vec<Vec<String>> = Vec::new();
        for sub in cli.get_subcommands() {
            let name = sub.get_name().to_string();
            let required: Vec<&clap::Arg> = sub
                .get_positionals()
                .filter(|a| a.is_required_set())
                .collect();
            // Each required positional left out.
            if !required.is_empty() {
                cases.push(vec![name.clone()]);
            }
            // Each flag that takes a value, given without one (after the positionals).
            for a in sub.get_arguments().filter(|a| a.get_long().is_some()) {
                let takes_value = a.get_num_args().is_none_or(|n| n.takes_values());
                if !takes_value || a.get_long() == Some("help") {
                    continue;
                }
                let mut args = vec![name.clone()];
                args.extend(required.iter().map(|_| "x".to_string()));
                args.push(format!("--{}", a.get_long().unwrap_or_default()));
                cases.push(args);
            }
        }
        for args in cases {
            let mut argv = vec!["oqs-line-check".to_string()];
            argv.extend(args.iter().cloned());
            let Err(e) = Cli::try_parse_from(&argv) else {
                continue;
            };
            let message = japanese_clap_error(&e);
            assert!(!placeholder.is_match(&message), "{args:?}: {message}");
            assert!(message.contains("例: "), "{args:?}: {message}");
            tried += 1;
        }
        assert!(tried >= 12, "only {tried} cases");
    }

    #[test]
    fn every_flag_and_positional_has_a_japanese_name_and_an_example() {
        let cli = Cli::command();
        let all = std::iter::once(&cli).chain(cli.get_subcommands());
        for cmd in all {
            for a in cmd.get_arguments() {
                let rendered = match (a.get_long(), a.get_value_names()) {
                    (Some("help" | "version" | "ascii" | "plain"), _) => continue,
                    (Some(long), _) => format!("--{long}"),
                    (None, Some([value, ..])) => format!("<{value}>"),
                    (None, _) => format!("<{}>", a.get_id().as_str().to_uppercase()),
                };
                assert!(arg_example(&rendered).is_some(), "{rendered}");
                assert!(!arg_name(&rendered).contains('<'), "{rendered}");
            }
        }
    }

    #[test]
    fn no_arguments_give_what_clap_gives() {
        let parsed = Cli::try_parse_from(["oqs-line-check"]).expect("no arguments parse");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::default()));
        assert!(parsed.command.is_none() && !parsed.plain && !parsed.ascii);
    }
}
