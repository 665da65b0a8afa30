//! `--answers FILE`: an answer file under the answer flags. A flag given on the command line wins
//! over the file's value; an error in a value that came from the file is shown at its line
//! (`FILE:LINE:COLUMN: message`).

use std::process::ExitCode;

use chrono::NaiveDate;
use oqs_line_check::rules::answer_file::{AnswerFile, AnswerFileError};
use oqs_line_check::rules::answers::parse_answers;
use oqs_line_check::rules::{Field, FieldError, RawAnswers, RuleSet};
use serde::Serialize;

use super::EXIT_INPUT_ERROR;
use super::args::AnswerFlags;

/// The answers of a run: the flags, the file under them, and the two merged.
pub struct Given {
    pub flags: RawAnswers,
    pub file: Option<AnswerFile>,
    pub merged: RawAnswers,
}

impl Given {
    /// Reads `--answers` (if given) and puts the flags on top; every mistake of the file if it
    /// cannot be read.
    pub fn read(flags: &AnswerFlags) -> Result<Given, Vec<AnswerFileError>> {
        let mut raw = flags.to_raw();
        raw.strip_invisible();
        let file = flags
            .answers
            .as_deref()
            .map(AnswerFile::read_all)
            .transpose()?;
        let merged = file
            .as_ref()
            .map_or_else(|| raw.clone(), |f| f.merged(&raw));
        Ok(Given {
            flags: raw,
            file,
            merged,
        })
    }

    /// `error` placed in the answer file, when the value came from it.
    pub fn locate(&self, error: &FieldError) -> Option<AnswerFileError> {
        self.file.as_ref()?.locate(error, &self.flags)
    }
}

/// One error as `check --format json` lists it: the `FieldError` fields, and where in the answer
/// file when it is about a value from there.
#[derive(Debug, Serialize)]
pub struct ErrorEntry {
    pub field: String,
    pub code: &'static str,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ErrorEntry {
    pub fn from_field(e: &FieldError, placed: Option<&AnswerFileError>) -> Self {
        ErrorEntry {
            field: e.field.to_string(),
            code: e.code,
            message: e.message.clone(),
            file: placed.map(|p| p.file.clone()),
            line: placed.map(|p| p.line).filter(|&l| l > 0),
            column: placed.map(|p| p.column).filter(|&c| c > 0),
        }
    }

    pub fn from_file(e: &AnswerFileError) -> Self {
        ErrorEntry {
            field: e
                .field
                .map_or_else(|| "answers_file".to_string(), |f| f.to_string()),
            code: e.code,
            message: e.message.clone(),
            file: Some(e.file.clone()),
            line: Some(e.line).filter(|&l| l > 0),
            column: Some(e.column).filter(|&c| c > 0),
        }
    }
}

/// Prints the errors on stderr: a lead line, then each error, those in the answer file as
/// `FILE:LINE:COLUMN: message`.
pub fn print_errors(errors: &[(FieldError, Option<AnswerFileError>)]) {
    if errors.iter().any(|(_, placed)| placed.is_some()) {
        eprintln!("エラー: 回答ファイルの値に誤りがあります。");
    }
    for (e, placed) in errors {
        match placed {
            Some(p) => eprintln!("{p}"),
            None => eprintln!("エラー: {}", e.message),
        }
    }
}

/// Prints an answer file that could not be read (each of its mistakes), and gives the exit
/// status.
pub fn file_error(errors: &[AnswerFileError]) -> ExitCode {
    eprintln!("エラー: 回答ファイルに誤りがあります。");
    for e in errors {
        eprintln!("{e}");
    }
    ExitCode::from(EXIT_INPUT_ERROR)
}

/// The answers the wizard starts from. An answer file with a bad value stops the run (exit 2):
/// the file is a technician's, and its mistake is shown at its line. Answers that are only
/// missing are the wizard's to ask, and a bad flag is left in its field for the user to mend, as
/// without a file.
pub fn for_wizard(
    flags: &AnswerFlags,
    rules: &RuleSet,
    today: NaiveDate,
) -> Result<RawAnswers, ExitCode> {
    let given = Given::read(flags).map_err(|e| file_error(&e))?;
    if given.file.is_some()
        && let Err(errors) = parse_answers(rules, &given.merged, today)
    {
        let placed: Vec<(FieldError, Option<AnswerFileError>)> = errors
            .into_iter()
            .filter(|e| e.code != "missing")
            .filter_map(|e| given.locate(&e).map(|p| (e, Some(p))))
            .collect();
        if !placed.is_empty() {
            print_errors(&placed);
            return Err(ExitCode::from(EXIT_INPUT_ERROR));
        }
    }
    // A mistyped choice flag (--line nxt, --collab maybe) has no field to be mended in: say so
    // rather than silently asking the question. Typed answers (prefecture, date, ID) start in
    // their field, where the wizard shows the message.
    if let Err(errors) = parse_answers(rules, &given.merged, today) {
        let choices: Vec<FieldError> = errors
            .into_iter()
            .filter(|e| {
                matches!(
                    e.field,
                    Field::Line | Field::Collab | Field::V6 | Field::MultipleLines
                ) && !matches!(e.code, "missing" | "not_offered_in_area")
            })
            .collect();
        if !choices.is_empty() {
            for e in &choices {
                eprintln!("エラー: {}", e.message);
            }
            return Err(ExitCode::from(EXIT_INPUT_ERROR));
        }
    }
    Ok(given.merged)
}
