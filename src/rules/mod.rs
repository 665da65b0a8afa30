//! The rules: domain data loaded from `assets/rules.toml`, the parsers for every answer, the
//! decision and its report. No terminal code lives here.

pub mod answer_file;
pub mod answer_rows;
pub mod answer_source;
pub mod answers;
pub mod clinic_name;
pub mod contacts;
pub mod customer_id;
pub mod cutoff;
pub mod date;
mod date_shapes;
pub mod decision;
pub mod embedded;
pub mod field;
pub mod file_read;
pub mod kanji_numeral;
pub mod load;
pub mod model;
pub mod pattern;
pub mod period;
pub mod prefecture;
pub mod report;
pub mod romaji;
pub mod sheet;
pub mod summary;
pub mod text;

pub use answer_source::{AnswerSource, name_the_source};
pub use answers::{Answers, RawAnswers, V6Answer, YesNo};
pub use decision::{Decision, V6Status, Verdict, decide};
pub use field::{Example, ExampleNote, Field, FieldError, FieldSpec};
pub use model::*;
