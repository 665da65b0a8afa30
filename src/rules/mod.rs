//! The rules: domain data loaded from `assets/rules.toml`, the parsers for every answer, and the
//! decision. No terminal code lives here.

pub mod customer_id;
pub mod date;
pub mod field;
pub mod load;
pub mod model;

pub use field::{Field, FieldError};
pub use model::*;
