//! One clinic's row: its answers through the same parser and decision as `check`, reduced to
//! what a batch result lists.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::Serialize;

use super::decode::Detected;
use crate::rules::answers::{LineMatch, match_line, parse_answers};
use crate::rules::contacts::{ContactRef, contacts_into};
use crate::rules::customer_id::IdNotice;
use crate::rules::decision::{notes, outline};
use crate::rules::prefecture::parse_prefecture;
use crate::rules::{
    ActionCode, Field, FieldError, LineKind, RawAnswers, RuleSet, V6Status, Verdict,
};

/// The decision for a row, as the result file lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowDecision<'r> {
    pub verdict: Verdict,
    pub v6_option: V6Status,
    pub line_category: Option<u8>,
    /// The normalised お客さまID, where one was given.
    pub customer_id: Option<String>,
    pub actions: Vec<ActionCode>,
    /// What `check` notes about the answers (a month that contains the cut-off, a 開通日, a
    /// prefecture outside the line's region, an お客さまID the line does not take).
    pub notes: Vec<Cow<'r, str>>,
    /// What was rewritten in the お客さまID (full-width, lower case, separators), in order: the
    /// portal's common typos.
    pub customer_id_notices: Vec<IdNotice>,
    /// Whom to call first.
    pub contact: Option<ContactRef<'r>>,
}

impl RowDecision<'_> {
    /// Whether the お客さまID was rewritten.
    pub fn customer_id_rewritten(&self) -> bool {
        !self.customer_id_notices.is_empty()
    }
}

/// What is wrong with a row: one of its answers (`field`), or the row itself (`None`: bytes
/// that are not text in the file's encoding).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RowError {
    #[serde(serialize_with = "field_or_row")]
    pub field: Option<Field>,
    pub code: &'static str,
    pub message: String,
}

fn field_or_row<S: serde::Serializer>(f: &Option<Field>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.map_or("row", |f| f.into()))
}

impl RowError {
    /// The id scripts see: the field's (`customer_id`), or `row`.
    pub fn field_id(&self) -> &'static str {
        self.field.map_or("row", |f| f.into())
    }

    /// A row of `bytes` bytes, over [`super::MAX_ROW`]: read no further.
    pub fn too_long(bytes: usize) -> RowError {
        RowError {
            field: None,
            code: "row_too_long",
            message: format!(
                "この行は長すぎます ({} KiB。{} KiB まで)。1行には1医療機関の回答だけを書いてください。セルの中に長い文章や改行が入っていないか確かめてください",
                bytes.div_ceil(1024),
                super::MAX_ROW / 1024
            ),
        }
    }

    /// A row with bytes that are not text in the encoding the file is read in (`detected`).
    pub fn not_text(detected: Detected) -> RowError {
        let message = match detected {
            // The BOM said UTF-8; the bytes say otherwise: most likely Shift_JIS that an editor
            // marked as UTF-8. Only `--encoding shift_jis` reads it (the BOM is then skipped).
            Detected::Utf8Bom => {
                "この行は UTF-8 として読めません。ファイルの先頭に UTF-8 の印 (BOM) がありますが、中身は別の文字コードのようです。Shift_JIS のファイルなら --encoding shift_jis を指定してください (先頭の印は読み飛ばします)"
            }
            _ => {
                "この行には文字として読めないバイトがあります。ファイルが Shift_JIS なら --encoding shift_jis を、UTF-8 なら --encoding utf-8 を指定して、保存し直したファイルを読み込んでください"
            }
        };
        RowError {
            field: None,
            code: "encoding",
            message: message.to_string(),
        }
    }
}

impl From<FieldError> for RowError {
    fn from(e: FieldError) -> Self {
        RowError {
            field: Some(e.field),
            code: e.code,
            message: e.message,
        }
    }
}

/// Decides one row, or says what is wrong with it (every bad field, in question order): the
/// answers through [`parse_answers`], the decision through [`outline`] (the decision of
/// `check`, without its texts).
pub fn evaluate<'r>(
    rules: &'r RuleSet,
    raw: &RawAnswers,
    today: NaiveDate,
) -> Result<RowDecision<'r>, Vec<RowError>> {
    evaluate_with(rules, raw, today, &mut Vec::new())
}

/// [`evaluate`], with a buffer for the row's contacts that is reused row after row.
fn evaluate_with<'r>(
    rules: &'r RuleSet,
    raw: &RawAnswers,
    today: NaiveDate,
    contacts: &mut Vec<ContactRef<'r>>,
) -> Result<RowDecision<'r>, Vec<RowError>> {
    let answers = parse_answers(rules, raw, today)
        .map_err(|errors| errors.into_iter().map(RowError::from).collect::<Vec<_>>())?;
    let o = outline(rules, &answers);
    let notes = notes(rules, &answers);
    let kind = rules
        .line(&answers.line)
        .map_or(LineKind::Unknown, |l| l.kind);
    let area = answers.area(rules);
    contacts_into(rules, kind, answers.collab, area, contacts);
    let contact = contacts.first().copied();
    let (customer_id, customer_id_notices) = match answers.customer_id {
        Some(id) => (Some(id.normalized), id.notices),
        None => (None, Vec::new()),
    };
    Ok(RowDecision {
        verdict: o.verdict,
        v6_option: o.v6_option,
        line_category: o.line_category,
        customer_id,
        actions: o.actions,
        notes,
        customer_id_notices,
        contact,
    })
}

/// Prefecture answers remembered at most; a file with more different spellings starts over.
const MAX_REMEMBERED: usize = 1024;

/// [`evaluate`] over many rows. A file repeats the same few prefecture spellings (「東京都」,
/// 「大阪」…) and line names (「光ネクスト ファミリータイプ」), and reading one by name compares
/// it with every name the rules know: each spelling is read once (by [`parse_prefecture`],
/// [`match_line`]) and then given to [`parse_answers`] as its code or id, which reads the same.
/// A spelling that names nothing (or several lines) is passed on as it is, so its error is the
/// parser's own.
pub struct Evaluator<'r> {
    rules: &'r RuleSet,
    today: NaiveDate,
    prefectures: HashMap<String, Option<u8>>,
    lines: HashMap<String, Option<&'r str>>,
    contacts: Vec<ContactRef<'r>>,
}

impl<'r> Evaluator<'r> {
    pub fn new(rules: &'r RuleSet, today: NaiveDate) -> Self {
        Evaluator {
            rules,
            today,
            prefectures: HashMap::new(),
            lines: HashMap::new(),
            contacts: Vec::new(),
        }
    }

    /// Evaluates `raw`; its prefecture may be rewritten to the code it reads as.
    pub fn evaluate(&mut self, raw: &mut RawAnswers) -> Result<RowDecision<'r>, Vec<RowError>> {
        raw.strip_invisible();
        if let Some(p) = raw.prefecture.as_mut()
            && let Some(code) = self.prefecture_code(p)
        {
            p.clear();
            // Into the same buffer: no allocation.
            let _ = write!(p, "{code}");
        }
        if let Some(l) = raw.line.as_mut()
            && let Some(id) = self.line_id(l)
        {
            l.clear();
            l.push_str(id);
        }
        evaluate_with(self.rules, raw, self.today, &mut self.contacts)
    }

    fn line_id(&mut self, typed: &str) -> Option<&'r str> {
        if let Some(&known) = self.lines.get(typed) {
            return known;
        }
        if self.lines.len() >= MAX_REMEMBERED {
            self.lines.clear();
        }
        let id = match match_line(self.rules, typed.trim()) {
            LineMatch::Found(l) => Some(l.id.as_str()),
            LineMatch::Ambiguous(_) | LineMatch::NotFound => None,
        };
        self.lines.insert(typed.to_string(), id);
        id
    }

    fn prefecture_code(&mut self, typed: &str) -> Option<u8> {
        if let Some(&known) = self.prefectures.get(typed) {
            return known;
        }
        if self.prefectures.len() >= MAX_REMEMBERED {
            self.prefectures.clear();
        }
        let code = parse_prefecture(self.rules, typed).ok().map(|p| p.code);
        self.prefectures.insert(typed.to_string(), code);
        code
    }
}
