//! A regular expression from the rules, compiled when it is first used.
//!
//! The loader compiles every pattern to check it (so a rules file with a broken one never
//! loads), and keeps that compiled copy. The embedded rules were checked the same way when the
//! program was built and arrive as text: compiling them at start-up would delay the wizard's
//! first frame for a check that only the お客さまID question needs.

use std::sync::OnceLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

#[derive(Clone, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub struct Pattern {
    source: String,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Compiles `source` now, and fails as `Regex::new` does.
    pub fn new(source: &str) -> Result<Self, regex::Error> {
        let regex = Regex::new(source)?;
        Ok(Self {
            source: source.to_string(),
            compiled: OnceLock::from(Some(regex)),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.source
    }

    /// Whether `text` matches. A pattern that does not compile matches nothing; only the
    /// embedded rules skip the compile at load time, and the build has compiled theirs.
    pub fn is_match(&self, text: &str) -> bool {
        self.compiled
            .get_or_init(|| Regex::new(&self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.is_match(text))
    }
}

impl From<String> for Pattern {
    fn from(source: String) -> Self {
        Self {
            source,
            compiled: OnceLock::new(),
        }
    }
}

impl From<Pattern> for String {
    fn from(pattern: Pattern) -> Self {
        pattern.source
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Pattern").field(&self.source).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_from_text_compiles_on_first_use() {
        let p = Pattern::from(r"^CAF\d{10}$".to_string());
        assert!(p.compiled.get().is_none());
        assert!(p.is_match("CAF0123456789"));
        assert!(!p.is_match("CAF012345678"));
        assert!(p.compiled.get().is_some());
    }

    #[test]
    fn a_pattern_that_does_not_compile_matches_nothing() {
        let p = Pattern::from("(".to_string());
        assert!(!p.is_match("("));
        assert!(!p.is_match(""));
        assert!(Pattern::new("(").is_err());
    }

    #[test]
    fn new_compiles_at_once_and_keeps_its_source() {
        let p = Pattern::new(r"^COP\d{8}$").expect("a valid pattern");
        assert!(p.compiled.get().is_some());
        assert_eq!(p.as_str(), r"^COP\d{8}$");
        assert_eq!(String::from(p.clone()), r"^COP\d{8}$");
        assert!(p.is_match("COP01234567"));
    }
}
