//! One row read as answers and decided: the work every row needs, whichever thread does it. A
//! worker keeps its buffers and its memo of spellings from row to row.

use super::columns::Columns;
use super::decode::Detected;
use super::row::{Evaluator, RowDecision, RowError};
use super::{MAX_ROW, RowReport, Writer, Written};
use crate::rules::answer_file::given_mut;
use crate::rules::clinic_name;
use crate::rules::{AnswerSource, Field, RawAnswers, RuleSet, Verdict, name_the_source, text};

/// What the summary counts of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    Decided {
        verdict: Verdict,
        id_rewritten: bool,
    },
    Error,
}

impl Outcome {
    fn of(result: &Result<RowDecision<'_>, Vec<RowError>>, written: Written) -> Outcome {
        match (result, written) {
            (Ok(d), Written::AsIs) => Outcome::Decided {
                verdict: d.verdict,
                id_rewritten: d.customer_id_rewritten(),
            },
            _ => Outcome::Error,
        }
    }
}

/// Reads rows of one file as answers, decides them and writes their results.
pub(super) struct RowWorker<'r, 'b> {
    columns: &'b Columns,
    /// Each answer column's header as the file writes it (sanitised), for the errors of an
    /// empty cell.
    headers: &'b [(Field, String)],
    evaluator: Evaluator<'r>,
    /// The current row's answers (buffers kept from row to row).
    raw: RawAnswers,
    /// The current row's name, sanitised.
    name: String,
}

impl<'r, 'b> RowWorker<'r, 'b> {
    pub(super) fn new(
        rules: &'r RuleSet,
        today: chrono::NaiveDate,
        columns: &'b Columns,
        headers: &'b [(Field, String)],
    ) -> Self {
        RowWorker {
            columns,
            headers,
            evaluator: Evaluator::new(rules, today),
            raw: RawAnswers::default(),
            name: String::new(),
        }
    }

    /// Decides the row in `record` and writes its result: `None` for a blank row (skipped, not
    /// counted). `detected` is how the file is read, for the error of bytes that are not text.
    pub(super) fn write_row<W: std::io::Write>(
        &mut self,
        record: &mut csv::ByteRecord,
        detected: Detected,
        writer: &mut Writer<'r, W>,
    ) -> std::io::Result<Option<(u64, Outcome)>> {
        // Excel's row number, as the reader set it (`number_as_excel`).
        let row = record.position().map_or(0, |p| p.record() + 1);
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            return Ok(None);
        }
        let result = if record.as_slice().len() > MAX_ROW {
            self.name.clear();
            Err(vec![RowError::too_long(record.as_slice().len())])
        } else {
            self.decide(record, detected)
        };
        let written = writer.write(&RowReport {
            row,
            name: &self.name,
            result: &result,
        })?;
        Ok(Some((row, Outcome::of(&result, written))))
    }

    /// One row's result, and its name (sanitised) into `self.name`.
    fn decide(
        &mut self,
        record: &mut csv::ByteRecord,
        detected: Detected,
    ) -> Result<RowDecision<'r>, Vec<RowError>> {
        // One UTF-8 check for the whole row; a row that fails it is checked cell by cell, so
        // only a cell that is used can make the row an error.
        let whole = csv::StringRecord::from_byte_record(std::mem::take(record));
        let strings = match whole {
            Ok(s) => Some(s),
            Err(e) => {
                *record = e.into_byte_record();
                None
            }
        };
        let mut not_text = false;
        let mut cell = |i: usize| -> Option<&str> {
            let text = match &strings {
                Some(s) => s.get(i)?,
                None => match std::str::from_utf8(record.get(i)?) {
                    Ok(t) => t,
                    Err(_) => {
                        not_text = true;
                        return None;
                    }
                },
            };
            Some(text.trim()).filter(|t| !t.is_empty())
        };
        // The name is read as `check --clinic-name` reads it; a name it refuses is the row's
        // error, shown as it was written.
        self.name.clear();
        let name_error = match self.columns.name.and_then(&mut cell) {
            None => None,
            Some(written) => match clinic_name::parse_borrowed(written) {
                Ok(parsed) => {
                    self.name.push_str(parsed.as_deref().unwrap_or_default());
                    None
                }
                Err(e) => {
                    self.name.push_str(&text::sanitize(written));
                    Some(RowError::from(e))
                }
            },
        };
        for &(field, i) in &self.columns.answers {
            let slot = given_mut(&mut self.raw, field);
            match (cell(i), slot.as_mut()) {
                (Some(v), Some(buf)) => {
                    buf.clear();
                    buf.push_str(v);
                }
                (Some(v), None) => *slot = Some(v.to_string()),
                (None, _) => *slot = None,
            }
        }
        if let Some(s) = strings {
            *record = s.into_byte_record();
        }
        if not_text {
            return Err(vec![RowError::not_text(detected)]);
        }
        let mut result = self
            .evaluator
            .evaluate(&mut self.raw)
            .map_err(|errors| name_the_columns(self.headers, errors));
        if let Some(e) = name_error {
            // After the answers' errors: the name is the review's last row.
            match &mut result {
                Ok(_) => result = Err(vec![e]),
                Err(errors) => errors.push(e),
            }
        }
        result
    }
}

/// A missing answer's error names the column to fill in (「回線の種類の列「line」が空です。
/// …」), or the column to add when the file has none.
fn name_the_columns(headers: &[(Field, String)], mut errors: Vec<RowError>) -> Vec<RowError> {
    for e in &mut errors {
        let Some(field) = e.field else { continue };
        let source = match headers.iter().find(|(f, _)| *f == field) {
            Some((_, heading)) => AnswerSource::Column(heading),
            None => AnswerSource::NoColumn,
        };
        name_the_source(field, e.code, &mut e.message, source);
    }
    errors
}
