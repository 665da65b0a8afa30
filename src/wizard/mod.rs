//! The wizard: its steps, the answers so far, and the one `update` that changes them. The
//! terminal shell turns keys into [`Msg`]s and draws the [`Model`]; nothing here touches a
//! terminal, so every path is tested without one.

pub mod draft;
pub mod exit_summary;
pub mod file_name;
pub mod help;
pub mod layout;
pub mod model;
pub mod msg;
pub mod progress;
pub mod result_view;
pub mod save_content;
pub mod step;
pub mod text_field;
pub mod update;
pub mod wrap;

pub use model::{
    Choice, Focus, IdPreview, Model, Overlay, ReviewRow, SaveFailure, SaveState, Saved,
};
pub use msg::{Command, Msg, SaveRequest};
pub use step::Step;
pub use text_field::Edit;
pub use update::update;
