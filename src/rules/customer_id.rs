//! お客さまID: normalising what was typed, and checking it against the area's formats.

use serde::Serialize;
use strum::{AsRefStr, Display, IntoStaticStr};

use super::field::{Field, FieldError};
use super::model::{Area, CustomerIdFormat};

/// A change made while normalising, reported so the user learns what to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, AsRefStr, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IdNotice {
    Fullwidth,
    Lowercase,
    Separators,
}

/// What was typed, what it becomes, and what changed on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizedId {
    pub input: String,
    pub normalized: String,
    pub notices: Vec<IdNotice>,
}

/// NFKC, trim, drop spaces and hyphens, upper-case.
pub fn normalize(input: &str) -> NormalizedId {
    NormalizedId {
        input: input.to_string(),
        normalized: input.to_string(),
        notices: Vec::new(),
    }
}

/// Normalises and checks `input` against the formats the area accepts (any area's formats when
/// the area is not known).
pub fn validate(
    formats: &[CustomerIdFormat],
    area: Option<Area>,
    input: &str,
) -> Result<NormalizedId, FieldError> {
    let _ = (formats, area);
    let _ = input;
    Err(FieldError::new(Field::CustomerId, "todo", "TODO"))
}
