//! The result file: one line per clinic, as CSV (for a spreadsheet) or JSON lines (for scripts).
//!
//! CSV columns: `row,name,verdict,verdict_label,v6_option,line_category,customer_id,actions,
//! error_fields,errors,notes`. `actions` and `error_fields` are ids joined by a space; `errors`
//! and `notes` are the Japanese messages joined by 「 / 」. A row with errors has no verdict.
//!
//! JSON lines: `{"row": 2, "name": "...", "verdict": "ready" | null, "verdict_label": ...,
//! "v6_option": ..., "line_category": 1 | null, "customer_id": "..." | null,
//! "actions": ["apply_on_portal", ...], "errors": [{"field": "customer_id", "code": "...",
//! "message": "..."}], "notes": ["..."]}`.

use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use crate::rules::ActionCode;

use super::row::{RowDecision, RowError};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    JsonLines,
}

/// The CSV header.
pub const CSV_HEADER: [&str; 11] = [
    "row",
    "name",
    "verdict",
    "verdict_label",
    "v6_option",
    "line_category",
    "customer_id",
    "actions",
    "error_fields",
    "errors",
    "notes",
];

/// One row's result, ready to write. `name` is already sanitised.
pub struct RowReport<'a> {
    pub row: u64,
    pub name: &'a str,
    pub result: &'a Result<RowDecision, Vec<RowError>>,
}

#[derive(Serialize)]
struct JsonRow<'a> {
    row: u64,
    name: &'a str,
    verdict: Option<&'static str>,
    verdict_label: Option<&'static str>,
    v6_option: Option<&'static str>,
    line_category: Option<u8>,
    customer_id: Option<&'a str>,
    actions: &'a [ActionCode],
    errors: &'a [RowError],
    notes: &'a [String],
}

/// Writes reports in one format.
pub struct Writer<W: Write> {
    sink: Sink<W>,
    /// Scratch text for joined cells, kept from row to row.
    scratch: String,
}

enum Sink<W: Write> {
    Csv(Box<csv::Writer<W>>),
    JsonLines(W),
}

impl<W: Write> Writer<W> {
    /// A writer; CSV starts with its header.
    pub fn new(out: W, format: Format) -> io::Result<Self> {
        let sink = match format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .buffer_capacity(64 * 1024)
                    .from_writer(out);
                w.write_record(CSV_HEADER).map_err(csv_io)?;
                Sink::Csv(Box::new(w))
            }
            Format::JsonLines => Sink::JsonLines(out),
        };
        Ok(Writer {
            sink,
            scratch: String::new(),
        })
    }

    pub fn write(&mut self, r: &RowReport<'_>) -> io::Result<()> {
        let ok = r.result.as_ref().ok();
        let errors: &[RowError] = r.result.as_ref().err().map_or(&[], Vec::as_slice);
        match &mut self.sink {
            Sink::Csv(w) => {
                let s = &mut self.scratch;
                s.clear();
                let _ = write!(s, "{}", r.row);
                w.write_field(s.as_bytes()).map_err(csv_io)?;
                w.write_field(spreadsheet_safe(r.name).as_bytes())
                    .map_err(csv_io)?;
                let verdict: &str = ok.map_or("", |d| d.verdict.into());
                w.write_field(verdict).map_err(csv_io)?;
                w.write_field(ok.map_or("", |d| d.verdict.label()))
                    .map_err(csv_io)?;
                let v6: &str = ok.map_or("", |d| d.v6_option.into());
                w.write_field(v6).map_err(csv_io)?;
                s.clear();
                if let Some(c) = ok.and_then(|d| d.line_category) {
                    let _ = write!(s, "{c}");
                }
                w.write_field(s.as_bytes()).map_err(csv_io)?;
                w.write_field(ok.and_then(|d| d.customer_id.as_deref()).unwrap_or(""))
                    .map_err(csv_io)?;
                s.clear();
                for (n, a) in ok
                    .map_or(&[][..], |d| d.actions.as_slice())
                    .iter()
                    .enumerate()
                {
                    if n > 0 {
                        s.push(' ');
                    }
                    s.push_str(a.as_ref());
                }
                w.write_field(s.as_bytes()).map_err(csv_io)?;
                s.clear();
                for (n, e) in errors.iter().enumerate() {
                    if n > 0 {
                        s.push(' ');
                    }
                    s.push_str(e.field_id());
                }
                w.write_field(s.as_bytes()).map_err(csv_io)?;
                s.clear();
                for (n, e) in errors.iter().enumerate() {
                    if n > 0 {
                        s.push_str(" / ");
                    }
                    s.push_str(&e.message);
                }
                w.write_field(s.as_bytes()).map_err(csv_io)?;
                let notes = ok.map_or(&[][..], |d| d.notes.as_slice());
                w.write_field(notes.join(" / ").as_bytes())
                    .map_err(csv_io)?;
                w.write_record(None::<&[u8]>).map_err(csv_io)
            }
            Sink::JsonLines(w) => {
                let row = JsonRow {
                    row: r.row,
                    name: r.name,
                    verdict: ok.map(|d| d.verdict.into()),
                    verdict_label: ok.map(|d| d.verdict.label()),
                    v6_option: ok.map(|d| d.v6_option.into()),
                    line_category: ok.and_then(|d| d.line_category),
                    customer_id: ok.and_then(|d| d.customer_id.as_deref()),
                    actions: ok.map_or(&[][..], |d| d.actions.as_slice()),
                    errors,
                    notes: ok.map_or(&[][..], |d| d.notes.as_slice()),
                };
                serde_json::to_writer(&mut *w, &row).map_err(io::Error::from)?;
                w.write_all(b"\n")
            }
        }
    }

    /// Writes out what is buffered and returns the underlying writer.
    pub fn finish(self) -> io::Result<W> {
        match self.sink {
            Sink::Csv(w) => w.into_inner().map_err(|e| io::Error::other(e.to_string())),
            Sink::JsonLines(mut w) => {
                w.flush()?;
                Ok(w)
            }
        }
    }
}

/// A spreadsheet runs a cell that starts with = + - @ as a formula: such a name gets a leading
/// apostrophe, which Excel and LibreOffice show as text.
fn spreadsheet_safe(name: &str) -> std::borrow::Cow<'_, str> {
    if name.starts_with(['=', '+', '-', '@']) {
        format!("'{name}").into()
    } else {
        name.into()
    }
}

fn csv_io(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}
