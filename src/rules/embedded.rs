//! The rules compiled into the binary: `assets/rules.toml`, loaded and checked by the build.
//!
//! The build script (`src/build.rs`) runs [`load::from_toml`] on the file, every check included,
//! and stops the build with the file's line and column if one fails; the rule set it gets is
//! stored in postcard form and decoded here on first use. Decoding takes a small part of what
//! parsing and checking the TOML takes, and that cost came before the wizard's first frame.

use std::sync::LazyLock;

use super::load::{self, LoadError};
use super::model::RuleSet;

/// What errors call the embedded file.
pub const NAME: &str = "assets/rules.toml";
/// The embedded file's text, for `--rules`' users to copy and for the tests.
pub const TOML: &str = include_str!("../../assets/rules.toml");

/// [`TOML`] as the build loaded and checked it.
const CHECKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.postcard"));

static RULES: LazyLock<Result<RuleSet, LoadError>> = LazyLock::new(decode);

/// Decodes the build's copy, as the first call of [`rules`] does (each call decodes anew).
pub fn decode() -> Result<RuleSet, LoadError> {
    // The bytes come from the same model compiled in the same build, so decoding cannot fail
    // short of a broken build; should it, the text is loaded and checked here instead.
    postcard::from_bytes(CHECKED).or_else(|_| load::from_toml(NAME, TOML))
}

/// The embedded rules, decoded once per process.
pub fn rules() -> Result<&'static RuleSet, LoadError> {
    RULES.as_ref().map_err(Clone::clone)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_copy_is_the_file_loaded_with_every_check() {
        let checked = load::from_toml(NAME, TOML).expect("the embedded rules load");
        let built: RuleSet = postcard::from_bytes(CHECKED).expect("the build's copy decodes");
        assert_eq!(
            format!("{built:?}"),
            format!("{:?}", decode().expect("decodes"))
        );
        assert_eq!(format!("{checked:?}"), format!("{built:?}"));
        assert_eq!(
            format!("{checked:?}"),
            format!("{:?}", rules().expect("rules"))
        );
    }
}
