//! The rules crate of `oqs-line-check`: the domain data, the parsers for every answer, the
//! decision, and the wizard's state machine. It draws nothing and touches no terminal.

pub mod rules;
pub mod wizard;
