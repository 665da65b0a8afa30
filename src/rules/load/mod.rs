//! Reading and checking a rules file. Nothing half-checked gets out: [`from_toml`] either returns
//! a [`RuleSet`] whose every id, date, pattern and address is sound, or a [`LoadError`] that names
//! the file, line and column and what is wrong.
//!
//! The file's shape is in `raw`; each section's own checks are in the file named after the
//! section (`areas`, `lines`, `v6_rules`, ...), as a `check` that `validate` calls. A new
//! section, or a new check of a section, goes there, with its tests. Checks several sections
//! share (addresses, dates, sentences, unique ids) are in `fields`.

mod actions;
mod application_date;
mod areas;
mod collabo;
mod connectable_list;
mod contacts;
mod customer_id_formats;
mod customer_id_input;
mod customer_id_sources;
mod failure;
mod fields;
mod lines;
mod portal_categories;
mod prefectures;
mod raw;
mod regions;
mod source;
mod strings;
mod syntax;
#[cfg(test)]
mod testing;
mod v6_rules;
mod verdicts;
mod wrong_applications;

use std::path::Path;

use serde::Deserialize;
use toml::de::DeTable;

use super::file_read;
use super::model::*;
use super::text;
use failure::{Failure, find_span};
use raw::RawRules;

/// A rules file larger than this is not a rules file (the embedded one is a small part of it).
pub const MAX_BYTES: u64 = 1024 * 1024;

/// Reads and checks a rules file from disk.
pub fn from_file(path: &Path) -> Result<RuleSet, LoadError> {
    let name = path.display().to_string();
    let whole = |message: String| LoadError {
        file: name.clone(),
        line: 0,
        column: 0,
        message: format!("ルールファイルを読めません ({message})"),
    };
    let bytes = file_read::read_regular(path, MAX_BYTES).map_err(|e| whole(e.reason(MAX_BYTES)))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        whole(
            "UTF-8 のテキストではありません。文字コードを UTF-8 にして保存し直してください"
                .to_string(),
        )
    })?;
    from_toml(&name, &text)
}

/// A mistake in a rules file. `line` and `column` count from 1; 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            text::position(&self.file, self.line, self.column),
            self.message
        )
    }
}

impl std::error::Error for LoadError {}

/// Parses and checks rules from TOML text. `name` is what errors call the file.
pub fn from_toml(name: &str, input: &str) -> Result<RuleSet, LoadError> {
    let syntax = |e: toml::de::Error| {
        error_at(
            name,
            input,
            e.span().or_else(|| syntax::deepest_line(input)),
            format!(
                "ルールファイルの書き方が正しくありません: {}",
                syntax::explain_toml_error(e.message().trim())
            ),
        )
    };
    // The text is parsed once (the parse is most of the cost of loading): the strings are
    // checked on the tree, then the same tree is deserialised, as `toml::from_str` would after
    // parsing the text again. A file with several mistakes still reports the same first one:
    // the syntax, then the shape (serde), then the strings, then the rules' own checks.
    let doc = DeTable::parse(input).map_err(syntax)?;
    let strings = strings::check_strings(doc.get_ref())
        .map_err(|(path, msg)| error_at(name, input, find_span(doc.get_ref(), &path), msg));
    let raw = RawRules::deserialize(toml::de::Deserializer::from(doc)).map_err(syntax)?;
    strings?;
    validate(raw).map_err(|failure| located(name, input, failure))
}

fn error_at(
    name: &str,
    input: &str,
    span: Option<std::ops::Range<usize>>,
    message: String,
) -> LoadError {
    let (line, column) = span.map_or((0, 0), |s| text::line_column(input, s.start));
    LoadError {
        file: name.to_string(),
        line,
        column,
        message,
    }
}

/// The error for a failed check of the rules. Only a mistake needs the spans again: the text is
/// parsed anew rather than a copy kept.
fn located(name: &str, input: &str, (path, message): Failure) -> LoadError {
    let doc = DeTable::parse(input).ok();
    error_at(
        name,
        input,
        doc.and_then(|d| find_span(d.get_ref(), &path)),
        message,
    )
}

/// The rules' own checks, section by section. The order decides which mistake a file with
/// several reports first; a section checked against another (lines against the portal
/// categories, v6 rules against the lines) comes after it.
fn validate(raw: RawRules) -> Result<RuleSet, Failure> {
    let areas = areas::check(raw.areas)?;
    let contacts = contacts::check(raw.contacts)?;
    let portal_categories = portal_categories::check(raw.portal_categories)?;
    let lines = lines::check(raw.lines, &portal_categories)?;
    let v6_rules = v6_rules::check(raw.v6_rules, &lines)?;
    let customer_id_formats = customer_id_formats::check(raw.customer_id_formats)?;
    let customer_id_sources = customer_id_sources::check(raw.customer_id_sources, &contacts)?;
    let actions = actions::check(raw.actions)?;
    let verdicts = verdicts::check(raw.verdicts)?;
    let collabo = collabo::check(raw.collabo, &lines)?;
    let wrong_applications = wrong_applications::check(raw.wrong_applications, &portal_categories)?;
    let prefectures = prefectures::check(raw.prefectures)?;
    let regions = regions::check(raw.regions, &lines, &prefectures)?;
    let source = source::check(raw.source)?;
    let connectable_list = connectable_list::check(raw.connectable_list)?;

    // The sections below have no checks beyond their shape.
    Ok(RuleSet {
        application_date: application_date::check(raw.application_date)?,
        source,
        areas,
        contacts,
        collabo,
        portal_categories,
        portal: Portal {
            name: raw.portal.name,
            field: raw.portal.field,
        },
        lines,
        v6: V6Info {
            name: raw.v6_option.name,
            about: raw.v6_option.about,
            may_already_have: raw.v6_option.may_already_have,
            may_already_have_undated: raw.v6_option.may_already_have_undated,
            always_on: raw.v6_option.always_on,
            order_here: raw.v6_option.order_here,
            order_from_collabo: raw.v6_option.order_from_collabo,
            collabo_orders: raw.v6_option.collabo_orders,
            answered_missing: raw.v6_option.answered_missing.text,
        },
        v6_rules,
        customer_id: CustomerIdInfo {
            about: raw.customer_id.about,
            multiple_lines: raw.customer_id.multiple_lines,
            not_taken: raw.customer_id.not_taken.text,
        },
        customer_id_formats,
        customer_id_sources,
        customer_id_collabo: raw.customer_id_collabo.text,
        customer_id_input: customer_id_input::check(raw.customer_id_input)?,
        application: Application {
            auto_reply: raw.application.auto_reply,
            auto_reply_without_id: raw.application.auto_reply_without_id,
        },
        reapplication: Reapplication {
            days: raw.reapplication.days,
            text: raw.reapplication.text,
        },
        wrong_applications,
        actions,
        connectable_list,
        verdicts,
        prefectures,
        regions,
    })
}
