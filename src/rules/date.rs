//! The date a line was applied for (申込日), in every form people write it: Western and Japanese
//! era dates, half- or full-width. No well-kept crate parses Japanese era dates, so this is ours.

use chrono::NaiveDate;

use super::field::{Field, FieldError};

/// Parses an application date. `today` bounds it: a date after today is an error.
pub fn parse_applied_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let _ = (input, today);
    Err(FieldError::new(Field::Applied, "unrecognized", "TODO"))
}

/// 「2012年5月28日 (平成24年)」: the echo shown before moving on.
pub fn describe(date: NaiveDate) -> String {
    format!("{date}")
}
