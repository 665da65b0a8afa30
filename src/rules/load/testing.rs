//! What the section tests share: a section read from a TOML fragment as the loader reads it,
//! and a refusal told as the loader tells it (`FILE:LINE:COLUMN: message`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use toml::de::DeTable;

use super::failure::Failure;

/// The file name the refusals give.
pub(super) const FILE: &str = "rules.toml";

/// The one section of `input`, a fragment of a rules file with one top-level key.
pub(super) fn section<T: DeserializeOwned>(input: &str) -> T {
    let doc = DeTable::parse(input).unwrap_or_else(|e| panic!("{e}\n{input}"));
    let sections = BTreeMap::<String, T>::deserialize(toml::de::Deserializer::from(doc))
        .unwrap_or_else(|e| panic!("{e}\n{input}"));
    assert_eq!(sections.len(), 1, "one section:\n{input}");
    sections.into_values().next().unwrap()
}

/// What `check` gives for the section of `input`, which it must accept.
pub(super) fn accepted<T: DeserializeOwned, U>(
    input: &str,
    check: impl FnOnce(T) -> Result<U, Failure>,
) -> U {
    check(section(input))
        .unwrap_or_else(|(path, message)| panic!("refused at {path:?}: {message}\n{input}"))
}

/// What the loader reports when `check` refuses the section of `input`.
pub(super) fn refusal<T: DeserializeOwned, U>(
    input: &str,
    check: impl FnOnce(T) -> Result<U, Failure>,
) -> String {
    match check(section(input)) {
        Ok(_) => panic!("accepted:\n{input}"),
        Err(failure) => located(input, failure),
    }
}

/// `failure` as the loader reports it for a file holding `input`.
pub(super) fn located(input: &str, failure: Failure) -> String {
    super::located(FILE, input, failure).to_string()
}

/// The 1-based line of `input` that holds `needle`, which occurs once.
pub(super) fn line_of(input: &str, needle: &str) -> usize {
    assert_eq!(
        input.matches(needle).count(),
        1,
        "{needle:?} once in:\n{input}"
    );
    input[..input.find(needle).unwrap()].matches('\n').count() + 1
}
