//! The result file: one line per clinic, as CSV (for a spreadsheet) or JSON lines (for scripts).
//!
//! CSV is written for Japanese Excel opened by a double-click: UTF-8 with a BOM (or Shift_JIS
//! for older Excel) and CRLF line ends, Japanese headings and Japanese values. With
//! [`Headings::Keys`] the headings are the English keys scripts read and the values are ids
//! (see [`KEY_COLUMNS`]).
//!
//! JSON lines: `{"row": 2, "name": "...", "verdict": "ready" | null, "verdict_label": ...,
//! "v6_option": ..., "line_category": 1 | null, "customer_id": "..." | null,
//! "customer_id_rewritten": false, "customer_id_notices": ["fullwidth" | "lowercase" |
//! "separators", ...], "actions": ["apply_on_portal", ...], "contact": {"name": ...,
//! "phone": ..., "hours": ..., "url": ...} | null, "errors": [{"field": "customer_id", "code":
//! "...", "message": "..."}], "notes": ["..."]}`.

use std::borrow::Cow;
use std::io::{self, Write};

use encoding_rs::{EncoderResult, SHIFT_JIS};
use serde::Serialize;

use super::row::{RowDecision, RowError};
use crate::rules::contacts::ContactRef;
use crate::rules::customer_id::{IdNotice, notice_message};
use crate::rules::{ActionCode, ActionVariant, RuleSet};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Csv,
    JsonLines,
}

/// The CSV's headings and values: Japanese for people, or the English keys and ids for scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Headings {
    #[default]
    Japanese,
    Keys,
}

/// The CSV's bytes. JSON lines are always UTF-8 without a BOM.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputEncoding {
    /// What Excel opens by a double-click (Excel 2016 and later).
    #[default]
    Utf8Bom,
    Utf8,
    /// Windows-31J, for older Excel. A row with a character it cannot hold becomes an error row.
    ShiftJis,
}

/// How to write the result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutputOptions {
    pub format: Format,
    pub headings: Headings,
    pub encoding: OutputEncoding,
}

/// A CSV column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Row,
    Name,
    Verdict,
    VerdictLabel,
    V6Option,
    LineCategory,
    CustomerId,
    CustomerIdRewritten,
    Actions,
    Contact,
    Phone,
    ErrorFields,
    Errors,
    Notes,
}

/// The columns scripts read, with their keys: those of earlier versions first, in their order.
const KEY_COLUMNS: [(Col, &str); 14] = [
    (Col::Row, "row"),
    (Col::Name, "name"),
    (Col::Verdict, "verdict"),
    (Col::VerdictLabel, "verdict_label"),
    (Col::V6Option, "v6_option"),
    (Col::LineCategory, "line_category"),
    (Col::CustomerId, "customer_id"),
    (Col::Actions, "actions"),
    (Col::ErrorFields, "error_fields"),
    (Col::Errors, "errors"),
    (Col::Notes, "notes"),
    (Col::Contact, "contact"),
    (Col::Phone, "phone"),
    (Col::CustomerIdRewritten, "customer_id_rewritten"),
];

/// The columns people read, with their Japanese headings, in the order they act on them.
const JAPANESE_COLUMNS: [(Col, &str); 13] = [
    (Col::Row, "行"),
    (Col::Name, "医療機関名"),
    (Col::VerdictLabel, "判定"),
    (Col::V6Option, "フレッツ・v6オプション"),
    (Col::LineCategory, "電気通信回線種別"),
    (Col::CustomerId, "お客さまID"),
    (Col::CustomerIdRewritten, "お客さまIDの書き直し"),
    (Col::Actions, "やること"),
    (Col::Contact, "問い合わせ先"),
    (Col::Phone, "電話番号"),
    (Col::Notes, "注意"),
    (Col::ErrorFields, "エラーの項目"),
    (Col::Errors, "エラー"),
];

fn columns(headings: Headings) -> &'static [(Col, &'static str)] {
    match headings {
        Headings::Japanese => &JAPANESE_COLUMNS,
        Headings::Keys => &KEY_COLUMNS,
    }
}

/// The CSV headings of `headings`.
pub fn csv_header(headings: Headings) -> impl Iterator<Item = &'static str> {
    columns(headings).iter().map(|&(_, h)| h)
}

/// One row's result, ready to write. `name` is already sanitised.
pub struct RowReport<'a, 'r> {
    pub row: u64,
    pub name: &'a str,
    pub result: &'a Result<RowDecision<'r>, Vec<RowError>>,
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
    customer_id_rewritten: bool,
    customer_id_notices: &'a [IdNotice],
    actions: &'a [ActionCode],
    contact: Option<JsonContact<'a>>,
    errors: &'a [RowError],
    notes: &'a [Cow<'a, str>],
}

#[derive(Serialize)]
struct JsonContact<'a> {
    name: String,
    phone: Option<&'a str>,
    hours: Option<&'a str>,
    url: Option<&'a str>,
}

/// How a row was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    AsIs,
    /// As an error row: the output encoding cannot hold a character of it.
    Unencodable,
}

/// Writes reports in one format.
pub struct Writer<'r, W: Write> {
    rules: &'r RuleSet,
    options: OutputOptions,
    out: W,
    /// One CSV row at a time, in UTF-8, before it is encoded into `out`.
    row: Vec<u8>,
    /// Scratch text for joined cells, kept from row to row.
    scratch: String,
    /// The row in Shift_JIS.
    encoded: Vec<u8>,
}

impl<'r, W: Write> Writer<'r, W> {
    /// A writer; CSV starts with its BOM (if any) and header.
    pub fn new(mut out: W, rules: &'r RuleSet, options: OutputOptions) -> io::Result<Self> {
        if options.format == Format::Csv && options.encoding == OutputEncoding::Utf8Bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = Writer::rows_only(out, rules, options);
        if options.format == Format::Csv {
            for (n, heading) in csv_header(options.headings).enumerate() {
                if n > 0 {
                    writer.row.push(b',');
                }
                push_field(&mut writer.row, heading);
            }
            writer.row.extend_from_slice(b"\r\n");
            writer.emit_row()?;
        }
        Ok(writer)
    }

    /// A writer of rows only: no BOM and no header (the rows of a run decided on another
    /// thread, written out later with [`Writer::write_encoded`]).
    pub fn rows_only(out: W, rules: &'r RuleSet, options: OutputOptions) -> Self {
        Writer {
            rules,
            options,
            out,
            row: Vec::with_capacity(1024),
            scratch: String::new(),
            encoded: Vec::new(),
        }
    }

    /// The writer the rows go to.
    pub fn get_mut(&mut self) -> &mut W {
        &mut self.out
    }

    /// Writes rows already written by a [`Writer::rows_only`] of the same options.
    pub fn write_encoded(&mut self, rows: &[u8]) -> io::Result<()> {
        self.out.write_all(rows)
    }

    /// Writes one row: the report, or an error row in its place when the output encoding cannot
    /// hold it.
    pub fn write(&mut self, r: &RowReport<'_, '_>) -> io::Result<Written> {
        match self.options.format {
            Format::JsonLines => self.write_json(r).map(|()| Written::AsIs),
            Format::Csv => {
                self.csv_row(r);
                match self.emit_row() {
                    Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                        self.unencodable_row(r);
                        self.emit_row().map(|()| Written::Unencodable)
                    }
                    other => other.map(|()| Written::AsIs),
                }
            }
        }
    }

    fn write_json(&mut self, r: &RowReport<'_, '_>) -> io::Result<()> {
        let ok = r.result.as_ref().ok();
        let row = JsonRow {
            row: r.row,
            name: r.name,
            verdict: ok.map(|d| d.verdict.into()),
            verdict_label: ok.map(|d| d.verdict.label()),
            v6_option: ok.map(|d| d.v6_option.into()),
            line_category: ok.and_then(|d| d.line_category),
            customer_id: ok.and_then(|d| d.customer_id.as_deref()),
            customer_id_rewritten: ok.is_some_and(|d| d.customer_id_rewritten()),
            customer_id_notices: ok.map_or(&[][..], |d| d.customer_id_notices.as_slice()),
            actions: ok.map_or(&[][..], |d| d.actions.as_slice()),
            contact: ok.and_then(|d| d.contact.as_ref()).map(|c| JsonContact {
                name: c.full_name(),
                phone: c.phone,
                hours: c.hours,
                url: c.url,
            }),
            errors: r.result.as_ref().err().map_or(&[], Vec::as_slice),
            notes: ok.map_or(&[][..], |d| d.notes.as_slice()),
        };
        serde_json::to_writer(&mut self.out, &row).map_err(io::Error::from)?;
        self.out.write_all(b"\n")
    }

    /// Writes one report's cells into the row buffer.
    fn csv_row(&mut self, r: &RowReport<'_, '_>) {
        let headings = self.options.headings;
        for (n, &(col, _)) in columns(headings).iter().enumerate() {
            self.scratch.clear();
            cell(self.rules, headings, col, r, &mut self.scratch);
            if n > 0 {
                self.row.push(b',');
            }
            push_field(&mut self.row, &self.scratch);
        }
        self.row.extend_from_slice(b"\r\n");
    }

    /// The row for a report whose cells the output encoding cannot hold: its row number, its
    /// name with those characters as 〓 (the mark Japanese printing uses for a missing
    /// character), and an error that says what to do.
    fn unencodable_row(&mut self, r: &RowReport<'_, '_>) {
        self.row.clear();
        let (name, first) = replace_unencodable(r.name);
        let culprit = first.or_else(|| first_unencodable_in_report(r));
        let message = match culprit {
            Some(c) => format!(
                "この行の結果には Shift_JIS で書けない文字 (U+{:04X}) があります。--output-encoding utf-8-bom で書き出すか、元のファイルのその文字を直してください",
                u32::from(c)
            ),
            None => "この行の結果は Shift_JIS で書けません。--output-encoding utf-8-bom で書き出してください".to_string(),
        };
        let errors = vec![RowError {
            field: None,
            code: "output_encoding",
            message,
        }];
        let result = Err(errors);
        let report = RowReport {
            row: r.row,
            name: &name,
            result: &result,
        };
        self.csv_row(&report)
    }

    /// Encodes the buffered row into `out`. Fails with `InvalidData` (and writes nothing) when the
    /// output encoding cannot hold one of its characters.
    fn emit_row(&mut self) -> io::Result<()> {
        let utf8 = &mut self.row;
        let result = match self.options.encoding {
            OutputEncoding::Utf8Bom | OutputEncoding::Utf8 => self.out.write_all(utf8),
            OutputEncoding::ShiftJis => {
                let text = std::str::from_utf8(utf8).map_err(io::Error::other)?;
                if encode_shift_jis(text, &mut self.encoded) {
                    self.out.write_all(&self.encoded)
                } else {
                    Err(io::Error::from(io::ErrorKind::InvalidData))
                }
            }
        };
        utf8.clear();
        result
    }

    /// Writes out what is buffered and returns the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// Writes the text of one cell of `r` into `s`: Japanese values for [`Headings::Japanese`], ids
/// for [`Headings::Keys`].
fn cell(rules: &RuleSet, headings: Headings, col: Col, r: &RowReport<'_, '_>, s: &mut String) {
    let ok = r.result.as_ref().ok();
    let errors: &[RowError] = r.result.as_ref().err().map_or(&[], Vec::as_slice);
    let japanese = headings == Headings::Japanese;
    match col {
        Col::Row => push_number(s, r.row),
        Col::Name => s.push_str(&spreadsheet_safe(r.name)),
        Col::Verdict => s.push_str(ok.map_or("", |d| d.verdict.into())),
        Col::VerdictLabel => s.push_str(ok.map_or("", |d| d.verdict.label())),
        Col::V6Option => s.push_str(match ok {
            Some(d) if japanese => d.v6_option.label(),
            Some(d) => d.v6_option.into(),
            None => "",
        }),
        Col::LineCategory => {
            if let Some(c) = ok.and_then(|d| d.line_category) {
                match rules.portal_category(c) {
                    Some(category) if japanese => s.push_str(&category.label),
                    _ => {
                        push_number(s, u64::from(c));
                    }
                }
            }
        }
        Col::CustomerId => s.push_str(ok.and_then(|d| d.customer_id.as_deref()).unwrap_or("")),
        Col::CustomerIdRewritten => match ok {
            // What was done, as the wizard's preview says it: 「書き直しあり (小文字を大文字にしました)」.
            Some(d) if japanese && d.customer_id_rewritten() => {
                s.push_str("書き直しあり (");
                for (n, &notice) in d.customer_id_notices.iter().enumerate() {
                    if n > 0 {
                        s.push('、');
                    }
                    s.push_str(notice_message(notice));
                }
                s.push(')');
            }
            Some(d) if !japanese => s.push_str(if d.customer_id_rewritten() {
                "true"
            } else {
                "false"
            }),
            _ => {}
        },
        Col::Actions => {
            let codes = ok.map_or(&[][..], |d| d.actions.as_slice());
            // The contract step after a confirm step is worded as depending on it.
            let after_confirm = codes.contains(&ActionCode::ConfirmV6Option);
            for (n, &code) in codes.iter().enumerate() {
                if japanese {
                    if n > 0 {
                        s.push_str(" / ");
                    }
                    push_number(s, n as u64 + 1);
                    s.push_str(". ");
                    s.push_str(
                        rules
                            .action(code)
                            .short_worded(|v| v == ActionVariant::AfterConfirm && after_confirm),
                    );
                } else {
                    if n > 0 {
                        s.push(' ');
                    }
                    s.push_str(code.as_ref());
                }
            }
        }
        Col::Contact => {
            if let Some(c) = ok.and_then(|d| d.contact.as_ref()) {
                c.push_full_name(s);
                if let Some(hours) = c.hours {
                    s.push_str(" 受付時間: ");
                    s.push_str(hours);
                }
                if let Some(url) = c.url {
                    s.push(' ');
                    s.push_str(url);
                }
            }
        }
        Col::Phone => s.push_str(
            ok.and_then(|d| d.contact.as_ref())
                .and_then(|c: &ContactRef<'_>| c.phone)
                .unwrap_or(""),
        ),
        Col::ErrorFields => {
            for (n, e) in errors.iter().enumerate() {
                if n > 0 {
                    s.push_str(if japanese { "、" } else { " " });
                }
                s.push_str(match e.field {
                    Some(f) if japanese => f.label(),
                    None if japanese => "行全体",
                    _ => e.field_id(),
                });
            }
        }
        Col::Errors => {
            for (n, e) in errors.iter().enumerate() {
                if n > 0 {
                    s.push_str(" / ");
                }
                s.push_str(&e.message);
            }
        }
        Col::Notes => {
            for (n, note) in ok
                .map_or(&[][..], |d| d.notes.as_slice())
                .iter()
                .enumerate()
            {
                if n > 0 {
                    s.push_str(" / ");
                }
                s.push_str(note);
            }
        }
    }
}

/// `n` in decimal, without the formatting machinery (two numbers a row).
fn push_number(s: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[start..] {
        s.push(char::from(d));
    }
}

/// One CSV field, as the csv crate writes it by default: in double quotes (a quote inside
/// doubled) when it holds a comma, a quote or a line end, as it is otherwise.
fn push_field(row: &mut Vec<u8>, field: &str) {
    let bytes = field.as_bytes();
    // Without stopping at the first match, in blocks: the compiler checks a block at once.
    let special = |block: &[u8]| {
        block.iter().fold(false, |found, b| {
            found | matches!(b, b',' | b'"' | b'\r' | b'\n')
        })
    };
    if !bytes.chunks(64).any(special) {
        row.extend_from_slice(bytes);
        return;
    }
    row.push(b'"');
    for (n, part) in bytes.split(|&b| b == b'"').enumerate() {
        if n > 0 {
            row.extend_from_slice(b"\"\"");
        }
        row.extend_from_slice(part);
    }
    row.push(b'"');
}

/// `text` in Shift_JIS into `out`; false when a character has no Shift_JIS form.
fn encode_shift_jis(text: &str, out: &mut Vec<u8>) -> bool {
    out.clear();
    if text.is_ascii() {
        out.extend_from_slice(text.as_bytes());
        return true;
    }
    let mut encoder = SHIFT_JIS.new_encoder();
    let needed = encoder
        .max_buffer_length_from_utf8_without_replacement(text.len())
        .unwrap_or(text.len() * 2);
    out.resize(needed, 0);
    let (result, _, written) = encoder.encode_from_utf8_without_replacement(text, out, true);
    out.truncate(written);
    matches!(result, EncoderResult::InputEmpty)
}

fn encodes(c: char) -> bool {
    let mut buf = [0u8; 4];
    encode_shift_jis(c.encode_utf8(&mut buf), &mut Vec::new())
}

/// `text` with every character Shift_JIS cannot hold as 〓, and the first such character.
fn replace_unencodable(text: &str) -> (String, Option<char>) {
    let mut first = None;
    let replaced = text
        .chars()
        .map(|c| {
            if c.is_ascii() || encodes(c) {
                c
            } else {
                first.get_or_insert(c);
                '〓'
            }
        })
        .collect();
    (replaced, first)
}

/// The first character of a report's errors that Shift_JIS cannot hold (the name is looked at
/// by the caller).
fn first_unencodable_in_report(r: &RowReport<'_, '_>) -> Option<char> {
    let errors = r.result.as_ref().err()?;
    errors
        .iter()
        .flat_map(|e| e.message.chars())
        .find(|&c| !c.is_ascii() && !encodes(c))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_jis_holds_japanese_and_refuses_what_it_has_no_form_for() {
        let mut out = Vec::new();
        assert!(encode_shift_jis("医療機関名,お客さまID\r\n", &mut out));
        let (back, _, bad) = SHIFT_JIS.decode(&out);
        assert!(!bad);
        assert_eq!(back, "医療機関名,お客さまID\r\n");
        assert!(!encode_shift_jis("クリニック😀", &mut out));
        assert_eq!(
            replace_unencodable("すずき😀医院"),
            ("すずき〓医院".to_string(), Some('😀'))
        );
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for n in [0, 7, 10, 99, 1_000_001, u64::MAX] {
            let mut s = String::from("x");
            push_number(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
    }

    #[test]
    fn fields_are_quoted_as_the_csv_crate_quotes_them() {
        let fields = [
            "",
            "plain",
            "医療機関",
            "a,b",
            "say \"hi\"",
            "\"",
            "line\nbreak",
            "cr\r",
            "'=1+2",
            " spaced ",
            "#hash",
            "tab\there",
        ];
        let mut ours = Vec::new();
        let mut theirs = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for (n, f) in fields.iter().enumerate() {
            if n > 0 {
                ours.push(b',');
            }
            push_field(&mut ours, f);
            theirs.write_field(f).expect("into memory");
        }
        ours.extend_from_slice(b"\r\n");
        theirs.write_record(None::<&[u8]>).expect("into memory");
        assert_eq!(
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs.into_inner().expect("into memory"))
        );
    }

    #[test]
    fn the_keys_keep_the_earlier_columns_first_and_the_headings_are_shift_jis() {
        let keys: Vec<_> = csv_header(Headings::Keys).collect();
        let japanese: Vec<_> = csv_header(Headings::Japanese).collect();
        assert_eq!(
            keys[..10],
            [
                "row",
                "name",
                "verdict",
                "verdict_label",
                "v6_option",
                "line_category",
                "customer_id",
                "actions",
                "error_fields",
                "errors"
            ]
        );
        for h in japanese {
            assert!(encodes_all(h), "{h}");
        }
    }

    fn encodes_all(s: &str) -> bool {
        encode_shift_jis(s, &mut Vec::new())
    }
}
