//! Batch checks: a CSV with one clinic per row (a name column and the answer columns) in, one
//! result per row out. Every row goes through the same parser and decision as `check`; a bad row
//! gets its row number and its errors and never stops the run. The file is streamed: memory stays
//! the same for ten rows or ten million.
//!
//! The terminal side (progress bar, summary, exit status) is the binary's; this module only
//! reads, decides and writes.

pub mod columns;
pub mod decode;
pub mod output;
mod pipeline;
pub mod row;
mod worker;

use std::io::{self, Read, Write};

use chrono::NaiveDate;

use crate::rules::{Field, RuleSet, Verdict, file_read, text};
use worker::{Outcome, RowWorker};

pub use columns::{Columns, HeaderError};
pub use decode::{DecodeReader, Detected, Encoding, RunawayRow, Utf16Error};
pub use output::{Format, Headings, OutputEncoding, OutputOptions, RowReport, Writer, Written};
pub use row::{Evaluator, RowDecision, RowError, evaluate};

/// How many error rows the summary lists by number.
pub const LISTED_ERROR_ROWS: usize = 20;

/// The largest row (its cells' bytes as UTF-8) that is read as answers: more is an error row.
/// A clinic's answers take a few hundred bytes.
pub const MAX_ROW: usize = 64 * 1024;

/// How often (in rows) the progress callback is called.
pub const PROGRESS_EVERY: u64 = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub encoding: Encoding,
    pub output: OutputOptions,
    /// The day a date after which is an error.
    pub today: NaiveDate,
    /// Threads that decide rows: 1 decides them on the calling thread.
    pub jobs: usize,
}

/// The counts at the end of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// Rows read (blank rows are skipped and not counted).
    pub rows: u64,
    pub ready: u64,
    pub action_required: u64,
    pub confirm: u64,
    pub other_method: u64,
    pub not_eligible: u64,
    /// Rows with an error (no verdict).
    pub errors: u64,
    /// Rows whose お客さまID was rewritten (full-width, lower case, separators): the typos the
    /// portal would have refused.
    pub ids_rewritten: u64,
    /// The first [`LISTED_ERROR_ROWS`] of them.
    pub error_rows: Vec<u64>,
    pub encoding: Detected,
}

impl Summary {
    fn new() -> Self {
        Summary {
            rows: 0,
            ready: 0,
            action_required: 0,
            confirm: 0,
            other_method: 0,
            not_eligible: 0,
            errors: 0,
            ids_rewritten: 0,
            error_rows: Vec::new(),
            encoding: Detected::Ascii,
        }
    }

    fn count(&mut self, row: u64, outcome: Outcome) {
        self.rows += 1;
        match outcome {
            Outcome::Decided {
                verdict,
                id_rewritten,
            } => {
                if id_rewritten {
                    self.ids_rewritten += 1;
                }
                match verdict {
                    Verdict::Ready => self.ready += 1,
                    Verdict::ActionRequired => self.action_required += 1,
                    Verdict::Confirm => self.confirm += 1,
                    Verdict::OtherMethod => self.other_method += 1,
                    Verdict::NotEligible => self.not_eligible += 1,
                }
            }
            Outcome::Error => {
                self.errors += 1;
                if self.error_rows.len() < LISTED_ERROR_ROWS {
                    self.error_rows.push(row);
                }
            }
        }
    }
}

/// Progress, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub rows: u64,
    /// Bytes of the file read so far.
    pub bytes: u64,
}

/// Why a run could not go on: the file cannot be read (or its header used), or the result cannot
/// be written.
#[derive(Debug)]
pub enum BatchError {
    Read(io::Error),
    Utf16,
    Empty,
    /// The header is not text in the encoding it was read in.
    HeaderNotText(Detected),
    Header(HeaderError),
    /// The row after this one (the header being 1) never ends.
    Runaway(u64),
    Write(io::Error),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Read(e) => write!(
                f,
                "ファイルを読めませんでした ({})",
                file_read::io_reason(e)
            ),
            BatchError::Utf16 => f.write_str(
                "UTF-16 のファイル (Excel の「Unicode テキスト」) は読めません。Excel で「CSV UTF-8 (コンマ区切り)」か「CSV (コンマ区切り)」を選んで保存し直してください",
            ),
            BatchError::Empty => f.write_str(
                "ファイルが空です。1行目に見出し、2行目から医療機関ごとの回答を書いてください",
            ),
            BatchError::HeaderNotText(Detected::Utf8Bom) => f.write_str(
                "1行目の見出しを UTF-8 として読めません。ファイルの先頭に UTF-8 の印 (BOM) がありますが、中身は別の文字コードのようです。Shift_JIS のファイルなら --encoding shift_jis を指定してください (先頭の印は読み飛ばします)",
            ),
            BatchError::HeaderNotText(_) => f.write_str(
                "1行目の見出しを文字として読めません。--encoding shift_jis か --encoding utf-8 で文字コードを指定してください",
            ),
            BatchError::Header(e) => write!(f, "{e}"),
            BatchError::Runaway(row) => write!(
                f,
                "{} 行目が {} MiB を超えても終わりません (改行がないか、「\"」が閉じていません)。CSV として保存し直したファイルか、その行を直したファイルを指定してください",
                row + 1,
                decode::RUNAWAY / (1024 * 1024)
            ),
            BatchError::Write(e) => write!(f, "結果を書き込めませんでした ({})", write_reason(e)),
        }
    }
}

impl std::error::Error for BatchError {}

/// Why a write failed, in Japanese: the common kinds by name, anything else by its number.
fn write_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::PermissionDenied => "書き込む権限がありません".to_string(),
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => {
            "ディスクに空きがありません".to_string()
        }
        io::ErrorKind::ReadOnlyFilesystem => "読み取り専用の場所です".to_string(),
        _ => file_read::os_error(e),
    }
}

fn read_error(e: csv::Error) -> BatchError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => {
            if e.get_ref()
                .is_some_and(|inner| inner.downcast_ref::<Utf16Error>().is_some())
            {
                BatchError::Utf16
            } else if e
                .get_ref()
                .is_some_and(|inner| inner.downcast_ref::<RunawayRow>().is_some())
            {
                BatchError::Runaway(0)
            } else {
                BatchError::Read(e)
            }
        }
        other => BatchError::Read(io::Error::other(format!("{other:?}"))),
    }
}

/// An open batch: the header read and mapped, the rows not yet.
pub struct Batch<'r, R: Read> {
    rules: &'r RuleSet,
    reader: CsvReader<R>,
    columns: Columns,
    options: Options,
    /// Each answer column's header as the file writes it (sanitised), for the errors of an
    /// empty cell.
    headers: Vec<(Field, String)>,
}

type CsvReader<R> = csv::Reader<DecodeReader<R>>;

impl<'r, R: Read> Batch<'r, R> {
    /// Reads the header row. Fails when the file is unreadable, empty, or its header names no
    /// line column.
    pub fn open(rules: &'r RuleSet, input: R, options: Options) -> Result<Self, BatchError> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(DecodeReader::new(input, options.encoding));
        let mut header = csv::ByteRecord::new();
        if !reader.read_byte_record(&mut header).map_err(read_error)? {
            return Err(BatchError::Empty);
        }
        let cells: Vec<&str> = header
            .iter()
            .map(std::str::from_utf8)
            .collect::<Result<_, _>>()
            .map_err(|_| BatchError::HeaderNotText(reader.get_ref().detected()))?;
        let columns = Columns::from_header(cells.iter().copied()).map_err(BatchError::Header)?;
        let headers = columns
            .answers
            .iter()
            .map(|&(f, i)| (f, cells.get(i).map_or("", |h| h.trim())))
            .map(|(f, h)| (f, text::sanitize(h)))
            .collect();
        Ok(Batch {
            rules,
            reader,
            columns,
            options,
            headers,
        })
    }

    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// How the file is read (so far).
    pub fn encoding(&self) -> Detected {
        self.reader.get_ref().detected()
    }

    /// Decides every row and writes one result per row to `out`, in the file's order.
    /// `progress` is called every [`PROGRESS_EVERY`] rows. With [`Options::jobs`] over 1 the
    /// rows are decided on that many threads while this one reads and writes; the result is the
    /// same byte for byte.
    pub fn run<W: Write>(
        mut self,
        out: W,
        mut progress: impl FnMut(Progress),
    ) -> Result<(Summary, W), BatchError> {
        let mut writer =
            Writer::new(out, self.rules, self.options.output).map_err(BatchError::Write)?;
        let mut tally = Tally {
            summary: Summary::new(),
            progress: &mut progress,
        };
        let work = Work {
            rules: self.rules,
            options: self.options,
            columns: &self.columns,
            headers: &self.headers,
        };
        if self.options.jobs > 1 {
            pipeline::run(&work, &mut self.reader, &mut writer, &mut tally)?;
        } else {
            one_thread(&work, &mut self.reader, &mut writer, &mut tally)?;
        }
        let mut summary = tally.summary;
        summary.encoding = self.reader.get_ref().detected();
        let out = writer.finish().map_err(BatchError::Write)?;
        Ok((summary, out))
    }
}

/// What every thread of a run shares: the rules and the file's columns.
#[derive(Clone, Copy)]
struct Work<'r, 'b> {
    rules: &'r RuleSet,
    options: Options,
    columns: &'b Columns,
    headers: &'b [(Field, String)],
}

impl<'r, 'b> Work<'r, 'b> {
    fn worker(&self) -> RowWorker<'r, 'b> {
        RowWorker::new(self.rules, self.options.today, self.columns, self.headers)
    }
}

/// The summary as rows are written, and the progress callback.
struct Tally<'p, P: FnMut(Progress)> {
    summary: Summary,
    progress: &'p mut P,
}

impl<P: FnMut(Progress)> Tally<'_, P> {
    fn count(&mut self, row: u64, outcome: Outcome, bytes_read: u64) {
        self.summary.count(row, outcome);
        if self.summary.rows.is_multiple_of(PROGRESS_EVERY) {
            (self.progress)(Progress {
                rows: self.summary.rows,
                bytes: bytes_read,
            });
        }
    }
}

/// Reads the next record into `record`: `false` at the end of the file. `last_row` is the
/// number of the record read before, for the error of a row that never ends.
fn read_record<R: Read>(
    reader: &mut CsvReader<R>,
    record: &mut csv::ByteRecord,
    last_row: u64,
) -> Result<bool, BatchError> {
    let start = reader.position().byte();
    let line = reader.position().line();
    reader.get_mut().record_starts_at(start);
    match reader.read_byte_record(record).map_err(read_error) {
        Err(BatchError::Runaway(_)) => Err(BatchError::Runaway(last_row)),
        Ok(true) => {
            let lines = reader.position().line().saturating_sub(line);
            number_as_excel(record, last_row, lines);
            Ok(true)
        }
        other => other,
    }
}

/// Numbers `record` as Excel does: the row after `last_row`, plus the empty lines before it.
/// The CSV reader skips an empty line without counting a record, but Excel shows it as a row.
/// `lines` is how many line ends reading the record went past: one of its own (the CSV reader
/// takes a CRLF's LF with the next record, so it is one in either case), the ones inside its
/// cells, and one for each empty line. The reader counts LFs only: empty lines in a file with
/// CR alone as its line end are not seen, nor one just before a last row that has no line end
/// in an LF file (that row's own end is missing from the count).
fn number_as_excel(record: &mut csv::ByteRecord, last_row: u64, lines: u64) {
    let Some(mut position) = record.position().cloned() else {
        return;
    };
    let empty = if lines > 1 {
        let inside = record.as_slice().iter().filter(|&&b| b == b'\n').count();
        lines.saturating_sub(1 + inside as u64)
    } else {
        0
    };
    position.set_record(last_row + empty);
    record.set_position(Some(position));
}

/// The record's number, the header being 1: Excel's row number, as [`read_record`] set it (a
/// cell with a line break is still one row, an empty line is a row).
fn row_number(record: &csv::ByteRecord) -> u64 {
    record.position().map_or(0, |p| p.record() + 1)
}

/// Every row read, decided and written on this thread.
fn one_thread<'r, R: Read, W: Write, P: FnMut(Progress)>(
    work: &Work<'r, '_>,
    reader: &mut CsvReader<R>,
    writer: &mut Writer<'r, W>,
    tally: &mut Tally<'_, P>,
) -> Result<(), BatchError> {
    let mut worker = work.worker();
    let mut record = csv::ByteRecord::new();
    let mut last_row = 1;
    while read_record(reader, &mut record, last_row)? {
        last_row = row_number(&record);
        let detected = reader.get_ref().detected();
        if let Some((row, outcome)) = worker
            .write_row(&mut record, detected, writer)
            .map_err(BatchError::Write)?
        {
            tally.count(row, outcome, reader.get_ref().bytes_in());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_and_write_errors_are_told_without_the_systems_english() {
        for e in [
            BatchError::Read(io::Error::from_raw_os_error(5)),
            BatchError::Read(io::Error::other("English words")),
            BatchError::Write(io::Error::from_raw_os_error(28)),
            BatchError::Write(io::Error::other("English words")),
        ] {
            let told = e.to_string();
            assert!(!told.contains("English"), "{told}");
            assert!(!told.contains("error"), "{told}");
        }
        assert_eq!(
            BatchError::Write(io::Error::from_raw_os_error(28)).to_string(),
            "結果を書き込めませんでした (ディスクに空きがありません)"
        );
        assert_eq!(
            BatchError::Read(io::Error::from_raw_os_error(5)).to_string(),
            "ファイルを読めませんでした (OS のエラー番号 5)"
        );
    }
}
