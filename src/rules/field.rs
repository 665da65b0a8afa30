//! Which answer a message is about, and the error every parser returns.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoStaticStr};

/// One answer of the wizard, or one flag of `check`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Line,
    Collab,
    Prefecture,
    Applied,
    V6,
    CustomerId,
    MultipleLines,
}

impl Field {
    /// The field's name as the screens and messages call it.
    pub fn label(self) -> &'static str {
        match self {
            Field::Line => "回線の種類",
            Field::Collab => "コラボ光",
            Field::Prefecture => "都道府県",
            Field::Applied => "申込日",
            Field::V6 => "フレッツ・v6オプション",
            Field::CustomerId => "お客さまID",
            Field::MultipleLines => "複数の回線",
        }
    }
}

/// What is wrong with one answer: a stable `code` for scripts and a Japanese `message` for people
/// that names the field and says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    /// `message` is the part after the field's name: 「お客さまID: 」 is put in front of it.
    pub fn new(field: Field, code: &'static str, message: impl AsRef<str>) -> Self {
        FieldError {
            field,
            code,
            message: format!("{}: {}", field.label(), message.as_ref()),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}
