//! The answers a decision is made from: typed and checked, whether they came from the wizard, the
//! `check` flags or an answer file.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

use super::customer_id::{self, NormalizedId};
use super::date;
use super::field::{Field, FieldError};
use super::model::{Area, LineKind, RuleSet};
use super::prefecture;
use super::text;

/// はい / いいえ / わからない.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum YesNo {
    Yes,
    No,
    #[default]
    Unknown,
}

impl YesNo {
    pub fn label(self) -> &'static str {
        match self {
            YesNo::Yes => "はい",
            YesNo::No => "いいえ",
            YesNo::Unknown => "わからない",
        }
    }
}

/// What the user knows of the フレッツ・v6オプション contract.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum V6Answer {
    Contracted,
    NotContracted,
    #[default]
    Unknown,
}

impl V6Answer {
    pub fn label(self) -> &'static str {
        match self {
            V6Answer::Contracted => "契約済み",
            V6Answer::NotContracted => "未契約",
            V6Answer::Unknown => "わからない",
        }
    }
}

/// Checked answers. Anything not known is `None` / `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answers {
    /// A line id of the rules (`next-family`, `cross`, `unknown` …).
    pub line: String,
    pub collab: YesNo,
    /// JIS code.
    pub prefecture: Option<u8>,
    pub applied: Option<NaiveDate>,
    pub v6: V6Answer,
    pub customer_id: Option<NormalizedId>,
    /// `None` when not asked (not a FLET'S line, or the flag not given).
    pub multiple_lines: Option<YesNo>,
}

impl Answers {
    pub fn new(line: impl Into<String>) -> Self {
        Answers {
            line: line.into(),
            collab: YesNo::Unknown,
            prefecture: None,
            applied: None,
            v6: V6Answer::Unknown,
            customer_id: None,
            multiple_lines: None,
        }
    }

    pub fn area(&self, rules: &RuleSet) -> Option<Area> {
        self.prefecture
            .and_then(|c| rules.prefecture(c))
            .map(|p| p.area)
    }
}

/// Answers as text, the way flags and answer files give them. `None` means not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawAnswers {
    pub line: Option<String>,
    pub prefecture: Option<String>,
    pub collab: Option<String>,
    pub applied: Option<String>,
    pub v6: Option<String>,
    pub customer_id: Option<String>,
    pub multiple_lines: Option<String>,
}

/// Parses every answer and checks them against each other. Returns every bad field, one error
/// each, in question order.
pub fn parse_answers(
    rules: &RuleSet,
    raw: &RawAnswers,
    today: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    let mut errors = Vec::new();
    let line_ids = || {
        rules
            .lines
            .iter()
            .map(|l| l.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let line = match raw.line.as_deref().map(str::trim) {
        None | Some("") => {
            errors.push(FieldError::new(
                Field::Line,
                "missing",
                format!("回線の種類を指定してください。使える値: {}", line_ids()),
            ));
            None
        }
        Some(id) => match rules.line(&text::fold(id).to_ascii_lowercase()) {
            Some(l) => Some(l),
            None => {
                errors.push(FieldError::new(
                    Field::Line,
                    "unknown",
                    format!(
                        "「{}」という回線の種類はありません。使える値: {}",
                        text::sanitize(id),
                        line_ids()
                    ),
                ));
                None
            }
        },
    };
    let collab = parse_choice::<YesNo>(
        raw.collab.as_deref(),
        Field::Collab,
        "yes, no, unknown",
        &mut errors,
    )
    .unwrap_or_default();
    let prefecture = match raw.prefecture.as_deref() {
        Some(p) if !is_unknown(p) && !p.trim().is_empty() => {
            match prefecture::parse_prefecture(rules, p) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        }
        _ => None,
    };
    let applied = match raw.applied.as_deref().map(str::trim) {
        None => None,
        Some(d) if is_unknown(d) => None,
        Some(d) => match date::parse_applied_date(d, today) {
            Ok(d) => Some(d),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    let v6 = parse_choice::<V6Answer>(
        raw.v6.as_deref(),
        Field::V6,
        "contracted, not-contracted, unknown",
        &mut errors,
    )
    .unwrap_or_default();
    let area = prefecture.map(|p| p.area);
    let customer_id = match raw.customer_id.as_deref() {
        None => None,
        Some(id) if id.trim().eq_ignore_ascii_case("unknown") => None,
        Some(id) => match customer_id::validate(&rules.customer_id_formats, area, id) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(e);
                None
            }
        },
    };
    let multiple_lines = parse_choice::<YesNo>(
        raw.multiple_lines.as_deref(),
        Field::MultipleLines,
        "yes, no, unknown",
        &mut errors,
    );

    if let Some(line) = line {
        let answers = Answers {
            line: line.id.clone(),
            collab,
            prefecture: prefecture.map(|p| p.code),
            applied,
            v6,
            customer_id,
            multiple_lines,
        };
        // Cross-field checks only where the fields themselves were fine.
        if !errors.iter().any(|e| e.field == Field::Prefecture) {
            errors.extend(check_consistency(rules, &answers));
        }
        if errors.is_empty() {
            return Ok(answers);
        }
    }
    errors.sort_by_key(|e| e.field);
    Err(errors)
}

/// `unknown`, in any case: the word every optional flag takes for "not known".
pub fn is_unknown(value: &str) -> bool {
    value.trim().eq_ignore_ascii_case("unknown")
}

fn parse_choice<T: std::str::FromStr>(
    value: Option<&str>,
    field: Field,
    allowed: &str,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let value = value?.trim();
    match value.to_ascii_lowercase().parse::<T>() {
        Ok(v) => Some(v),
        Err(_) => {
            errors.push(FieldError::new(
                field,
                "invalid",
                format!(
                    "「{}」は使えません。{allowed} のどれかを指定してください",
                    text::sanitize(value)
                ),
            ));
            None
        }
    }
}

/// The checks between answers: a FLET'S line needs the prefecture, and the prefecture's area must
/// offer the chosen type. The wizard runs these too before it shows a result.
pub fn check_consistency(rules: &RuleSet, answers: &Answers) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(line) = rules.line(&answers.line) else {
        errors.push(FieldError::new(
            Field::Line,
            "unknown",
            "この回線の種類はルールにありません。選び直してください",
        ));
        return errors;
    };
    if line.kind != LineKind::Flets {
        return errors;
    }
    let Some(pref) = answers.prefecture.and_then(|c| rules.prefecture(c)) else {
        errors.push(FieldError::new(
            Field::Prefecture,
            "missing",
            format!(
                "{}ではNTT東日本か西日本かを決めるために都道府県が必要です。都道府県を指定してください",
                line.name
            ),
        ));
        return errors;
    };
    if !line.offered_in(pref.area) {
        let offered: Vec<&str> = rules.next_types(pref.area).map(|l| l.id.as_str()).collect();
        errors.push(FieldError::new(
            Field::Line,
            "not_offered_in_area",
            format!(
                "{}は{} ({}) では提供されていません。回線の種類を確かめて選び直してください (この地域の光ネクスト: {})",
                line.name,
                rules.area(pref.area).name,
                pref.name,
                offered.join(", ")
            ),
        ));
    }
    errors
}
