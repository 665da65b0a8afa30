//! The command line: flags, subcommands, and what each prints. Clap's own messages are English,
//! so every parse error is retold here in Japanese.

mod answers;
mod args;
mod batch;
mod check;
mod examples;
mod list;

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use clap::error::{ContextKind, ContextValue, ErrorKind};

use oqs_line_check::rules::embedded;
use oqs_line_check::rules::load::{self, LoadError};
use oqs_line_check::rules::{Field, RuleSet, text};

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
                let args: Vec<OsString> = std::env::args_os().collect();
                let bad_flag = (e.kind() == ErrorKind::InvalidUtf8)
                    .then(|| non_utf8_flag(&args))
                    .flatten();
                let message = match &bad_flag {
                    Some(flag) => non_utf8_message(flag),
                    None => japanese_clap_error(&e, &args_lossy()),
                };
                eprintln!("{message}");
                eprintln!(
                    "使い方は oqs-line-check {}--help で確かめられます。",
                    subcommand_of(&args).map_or(String::new(), |s| format!("{s} "))
                );
                if wants_json() {
                    let field = bad_flag.as_deref().map_or("arguments".to_string(), |f| {
                        Field::from_flag(f).map_or_else(
                            || f.trim_start_matches('-').to_string(),
                            |field| field.key().to_string(),
                        )
                    });
                    let error = serde_json::json!({"errors": [{
                        "field": field,
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
    let args = args_lossy();
    args.windows(2)
        .any(|w| w[0] == "--format" && w[1] == "json")
        || args.iter().any(|a| a == "--format=json")
}

/// The subcommand the arguments name (`batch`), for the help that belongs to it.
fn subcommand_of(args: &[OsString]) -> Option<String> {
    use clap::CommandFactory;
    let first = args.get(1)?.to_str()?;
    Cli::command()
        .get_subcommands()
        .any(|c| c.get_name() == first)
        .then(|| first.to_string())
}

/// The flag whose value is not UTF-8 (`--prefecture <bytes>` or `--prefecture=<bytes>`), by
/// the first argument that is not.
fn non_utf8_flag(args: &[OsString]) -> Option<String> {
    let at = args.iter().skip(1).position(|a| a.to_str().is_none())? + 1;
    let lossy = args[at].to_string_lossy();
    if lossy.starts_with("--") {
        let flag = lossy.split_once('=').map_or(&*lossy, |(f, _)| f);
        return Some(text::sanitize(flag));
    }
    let before = args[at - 1].to_str()?;
    before
        .starts_with('-')
        .then(|| text::sanitize(before.split_once('=').map_or(before, |(f, _)| f)))
}

/// The message for a flag whose value is not UTF-8, naming the flag.
fn non_utf8_message(flag: &str) -> String {
    let arg = arg_name(flag);
    format!(
        "エラー: {arg} の値に UTF-8 でない文字が含まれています。文字コードを UTF-8 にして指定し直してください。"
    )
}

/// The command line as text. args_os: a non-UTF-8 argument (already refused by clap) must not
/// panic here.
fn args_lossy() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

/// For a stray word that follows a flag's value (`--line フレッツ 光ネクスト`: the shell split a
/// value with a space), how to write the value whole: `--line "フレッツ 光ネクスト"`, from the
/// words as given. The same double quotes work in Windows cmd and PowerShell.
fn quoting_hint(stray: &str, args: &[String]) -> Option<String> {
    if stray.starts_with('-') {
        return None;
    }
    let at = args.iter().skip(1).position(|a| a == stray)? + 1;
    // Back to the flag the words before the stray one belong to.
    let flag_at = (1..at).rev().find(|&j| args[j].starts_with('-'))?;
    let (flag, mut words) = match args[flag_at].split_once('=') {
        Some((flag, first)) => (flag, vec![first]),
        None => (args[flag_at].as_str(), Vec::new()),
    };
    known_arg(flag)?;
    words.extend(args[flag_at + 1..at].iter().map(String::as_str));
    if words.is_empty() {
        return None;
    }
    // The stray word and any more after it, up to the next flag.
    words.extend(
        args[at..]
            .iter()
            .take_while(|a| !a.starts_with('-'))
            .map(String::as_str),
    );
    Some(format!(
        "値に空白があるときは {flag} \"{}\" のように \" で囲んでください",
        text::sanitize(&words.join(" "))
    ))
}

/// The flags that give no answer, in the words of the screens, with an example. The answer
/// flags are the fields' own ([`Field::flag`]).
const OTHER_FLAGS: [(&str, &str, &str); 9] = [
    ("--answers", "回答ファイル", "--answers answers.toml"),
    ("--rules", "ルールファイル", "--rules rules.toml"),
    ("--format", "出力の形式", "--format json"),
    ("--encoding", "文字コード", "--encoding shift_jis"),
    ("--output", "結果を書き込むファイル", "--output result.csv"),
    ("--sheet", "印刷用のページのファイル", "--sheet result.html"),
    (
        "--overwrite",
        "既にあるファイルの上書き",
        "--output result.csv --overwrite",
    ),
    (
        "--output-encoding",
        "結果の CSV の文字コード",
        "--output-encoding shift_jis",
    ),
    ("--headings", "結果の CSV の見出し", "--headings keys"),
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

/// The flag of an argument as clap renders it: `--line` for `--line <ID>`, `--output` for `-o`.
fn flag_of(rendered: &str) -> &str {
    let flag = rendered.split([' ', '=']).next().unwrap_or(rendered);
    if flag == "-o" { "--output" } else { flag }
}

/// For the argument clap names `rendered`: the flag (or the positional's placeholder), its
/// Japanese name, and an example, from [`POSITIONALS`], the fields, or [`OTHER_FLAGS`].
fn known_arg(rendered: &str) -> Option<(String, &'static str, String)> {
    let rendered = rendered.trim();
    let table = |(arg, name, example): &(&str, &'static str, &str)| {
        ((*arg).to_string(), *name, (*example).to_string())
    };
    if let Some(positional) = POSITIONALS.iter().find(|(p, _, _)| *p == rendered) {
        return Some(table(positional));
    }
    let flag = flag_of(rendered);
    if let Some(field) = Field::from_flag(flag) {
        return Some((field.flag(), field.label(), field.flag_example()));
    }
    OTHER_FLAGS.iter().find(|(f, _, _)| *f == flag).map(table)
}

/// How an argument is called in a message: `--line (回線の種類)` for `--line <ID>`, the Japanese
/// name for a positional's `<WHAT>`. No `<PLACEHOLDER>` of clap's reaches the user.
fn arg_name(rendered: &str) -> String {
    let rendered = rendered.trim();
    match known_arg(rendered) {
        Some((positional, name, _)) if positional.starts_with('<') => name.to_string(),
        Some((flag, name, _)) => format!("{flag} ({name})"),
        None if flag_of(rendered).starts_with('-') => text::sanitize(flag_of(rendered)),
        // A positional this table does not know: its name without the brackets.
        None => text::sanitize(rendered.trim_matches(['<', '>'])),
    }
}

/// 「例: --line next-family」 for the argument clap names `rendered`, if there is one.
fn arg_example(rendered: &str) -> Option<String> {
    known_arg(rendered).map(|(_, _, example)| example)
}

/// Clap's error `e` in Japanese. `args` is the command line (for the quoting hint).
fn japanese_clap_error(e: &clap::Error, args: &[String]) -> String {
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
        ErrorKind::UnknownArgument => match quoting_hint(&rendered, args) {
            Some(hint) => format!("エラー: 「{rendered}」という指定はありません。{hint}。"),
            None => format!("エラー: 「{rendered}」という指定はありません。"),
        },
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
            let message = japanese_clap_error(&e, &argv);
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

    /// Each answer flag, in the wizard's and `check`'s arguments, is its field's: the name, the
    /// placeholder and the help line; and the messages name and show it as the field does.
    #[test]
    fn the_answer_flags_are_the_fields() {
        let cli = Cli::command();
        let check = cli.find_subcommand("check").expect("check");
        for cmd in [&cli, check] {
            let answer_flags: Vec<&clap::Arg> = cmd
                .get_arguments()
                .filter(|a| a.get_long().and_then(Field::from_key).is_some())
                .collect();
            assert_eq!(answer_flags.len(), Field::all().count());
            for field in Field::all() {
                let spec = field.spec();
                let arg = cmd
                    .get_arguments()
                    .find(|a| a.get_long() == Some(spec.key))
                    .expect(spec.key);
                let names: Vec<String> = arg
                    .get_value_names()
                    .unwrap_or_default()
                    .iter()
                    .map(ToString::to_string)
                    .collect();
                assert_eq!(names, [spec.value_name]);
                assert_eq!(
                    arg.get_help().map(ToString::to_string).as_deref(),
                    Some(spec.help)
                );
                let rendered = format!("{} <{}>", field.flag(), spec.value_name);
                assert_eq!(
                    arg_name(&rendered),
                    format!("{} ({})", field.flag(), spec.label)
                );
                assert_eq!(arg_example(&rendered), Some(field.flag_example()));
            }
        }
        // The others keep their own table.
        assert_eq!(
            arg_name("--output <FILE>"),
            "--output (結果を書き込むファイル)"
        );
        assert_eq!(arg_name("-o"), "--output (結果を書き込むファイル)");
    }

    fn clap_message(args: &[&str]) -> String {
        let argv: Vec<String> = args.iter().map(|a| (*a).to_string()).collect();
        match Cli::try_parse_from(&argv) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => japanese_clap_error(&e, &argv),
        }
    }

    #[test]
    fn a_value_split_by_a_space_is_shown_quoted() {
        let m = clap_message(&[
            "oqs-line-check",
            "check",
            "--line",
            "フレッツ",
            "光ネクスト",
            "--prefecture",
            "東京",
        ]);
        assert!(m.contains("「光ネクスト」という指定はありません"), "{m}");
        assert!(
            m.contains(
                "値に空白があるときは --line \"フレッツ 光ネクスト\" のように \" で囲んでください"
            ),
            "{m}"
        );
        // `--flag=value` and more than one stray word: every word goes into the example.
        let m = clap_message(&[
            "oqs-line-check",
            "check",
            "--line=フレッツ",
            "光ネクスト",
            "ファミリータイプ",
        ]);
        assert!(
            m.contains("--line \"フレッツ 光ネクスト ファミリータイプ\""),
            "{m}"
        );
        // An unknown flag or a word after a flag without a value gets no quoting advice.
        for args in [
            &["oqs-line-check", "check", "--lien", "next"][..],
            &["oqs-line-check", "list", "lines", "extra"][..],
        ] {
            let m = clap_message(args);
            assert!(m.contains("という指定はありません"), "{m}");
            assert!(!m.contains("囲んで"), "{args:?}: {m}");
        }
    }

    #[test]
    fn no_arguments_give_what_clap_gives() {
        let parsed = Cli::try_parse_from(["oqs-line-check"]).expect("no arguments parse");
        assert_eq!(format!("{parsed:?}"), format!("{:?}", Cli::default()));
        assert!(parsed.command.is_none() && !parsed.plain && !parsed.ascii);
    }
}
