//! `oqs-line-check check`: the wizard's whole decision for answers given as flags.

use std::io::Write;
use std::process::ExitCode;

use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::text::{is_ambiguous_width, sanitize};
use oqs_line_check::rules::{
    AnswerSource, RuleSet, clinic_name, decide, name_the_source, report, sheet,
};
use serde::Serialize;

use super::EXIT_INPUT_ERROR;
use super::answers::{self, ErrorEntry, Given};
use super::args::{CheckArgs, Format};
use crate::shell::save;

#[derive(Serialize)]
struct ErrorList<'a> {
    errors: &'a [ErrorEntry],
}

pub fn run(rules: &RuleSet, args: &CheckArgs, out: &mut impl Write) -> ExitCode {
    let today = chrono::Local::now().date_naive();
    let given = match Given::read(&args.answers) {
        Ok(given) => given,
        Err(e) => {
            if args.format == Format::Json {
                let entries: Vec<ErrorEntry> = e.iter().map(ErrorEntry::from_file).collect();
                print_json_errors(&entries, out);
            }
            return answers::file_error(&e);
        }
    };
    match parse_answers(rules, &given.merged, today) {
        Ok(answers) => {
            let decision = decide(rules, &answers);
            if let Some(path) = &args.sheet {
                let page = sheet::html(rules, &answers, &decision, today);
                match save::write_new(path, &page) {
                    Ok(()) => eprintln!(
                        "印刷用のページを保存しました: {}",
                        sanitize(&path.display().to_string())
                    ),
                    Err(message) => {
                        eprintln!("エラー: --sheet: {message}");
                        return ExitCode::from(EXIT_INPUT_ERROR);
                    }
                }
            }
            let written = match args.format {
                Format::Json => serde_json::to_string_pretty(&decision)
                    .map_err(std::io::Error::other)
                    .and_then(|s| writeln!(out, "{}", width_safe_json(&s))),
                Format::Text => {
                    let name = clinic_name::heading(decision.clinic_name.as_deref())
                        .map(|n| format!("{n}\n"))
                        .unwrap_or_default();
                    write!(
                        out,
                        "{name}{}",
                        report::to_text(&report::sections(rules, &decision))
                    )
                }
            };
            match written {
                Ok(()) => ExitCode::SUCCESS,
                Err(_) => ExitCode::FAILURE,
            }
        }
        Err(errors) => {
            let placed: Vec<_> = errors
                .into_iter()
                .map(|mut e| {
                    let source = AnswerSource::Flag {
                        or_file: given.file.is_some(),
                    };
                    name_the_source(e.field, e.code, &mut e.message, source);
                    let p = given.locate(&e);
                    (e, p)
                })
                .collect();
            answers::print_errors(&placed);
            if args.format == Format::Json {
                let entries: Vec<ErrorEntry> = placed
                    .iter()
                    .map(|(e, p)| ErrorEntry::from_field(e, p.as_ref()))
                    .collect();
                print_json_errors(&entries, out);
            }
            ExitCode::from(EXIT_INPUT_ERROR)
        }
    }
}

fn print_json_errors(errors: &[ErrorEntry], out: &mut impl Write) {
    if let Ok(s) = serde_json::to_string_pretty(&ErrorList { errors }) {
        let _ = writeln!(out, "{}", width_safe_json(&s));
    }
}

/// JSON with every ambiguous-width character (※ ‐ − …) written as a `\u` escape: the same value
/// for any JSON reader, and safe on a console. Such characters only come from echoed input (the
/// お客さまID as typed); they are never ASCII, so they only ever stand inside strings.
fn width_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_ambiguous_width(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
