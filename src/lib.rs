//! The rules crate of `oqs-line-check`: the domain data, the parsers for every answer, the
//! decision, the wizard's state machine, and batch checks of a CSV. It draws nothing and touches
//! no terminal.

pub mod batch;
pub mod rules;
pub mod wizard;
