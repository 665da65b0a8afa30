//! `[[customer_id_formats]]`: the お客さまID's forms (prefix, digits, the pattern that matches
//! exactly them), at least one for each area.

use strum::IntoEnumIterator;

use super::failure::{Failure, fail, i, k};
use super::fields::check_unique;
use super::raw::RawCustomerIdFormat;
use crate::rules::model::{Area, CustomerIdFormat};
use crate::rules::pattern::Pattern;
use crate::rules::text;

pub(super) fn check(raw: Vec<RawCustomerIdFormat>) -> Result<Vec<CustomerIdFormat>, Failure> {
    check_unique(
        raw.iter().map(|f| f.id.as_str()),
        "customer_id_formats",
        "id",
    )?;
    let mut customer_id_formats = Vec::new();
    for (n, f) in raw.into_iter().enumerate() {
        customer_id_formats.push(check_format(n, f)?);
    }
    for area in Area::iter() {
        if !customer_id_formats.iter().any(|f| f.areas.contains(&area)) {
            return fail(
                vec![k("customer_id_formats")],
                format!("{area} で使えるお客さまIDの形式がありません"),
            );
        }
    }
    Ok(customer_id_formats)
}

/// The `n`th format on its own.
fn check_format(n: usize, f: RawCustomerIdFormat) -> Result<CustomerIdFormat, Failure> {
    let at = |field: &'static str| vec![k("customer_id_formats"), i(n), k(field)];
    if f.prefix.len() != 3 || !f.prefix.chars().all(|c| c.is_ascii_uppercase()) {
        return fail(at("prefix"), "prefix は半角大文字の英字3文字にしてください");
    }
    if f.digits == 0 || f.digits > 32 {
        return fail(at("digits"), "digits は 1 から 32 にしてください");
    }
    // The regex crate explains in English over several lines; the place is what helps.
    let pattern = Pattern::new(&f.pattern).or_else(|_| {
        fail(
            at("pattern"),
            format!(
                "pattern「{}」が正規表現として正しくありません。括弧 ( ) [ ] {{ }} の対応と、\\ のあとの文字を確かめてください",
                text::sanitize(&f.pattern)
            ),
        )
    })?;
    let sample = format!("{}{}", f.prefix, "0".repeat(f.digits));
    let longer = format!("{sample}0");
    if !pattern.is_match(&sample) || pattern.is_match(&longer) {
        return fail(
            at("pattern"),
            format!(
                "pattern が prefix「{}」と digits = {} に合っていません",
                f.prefix, f.digits
            ),
        );
    }
    if f.areas.is_empty() {
        return fail(at("areas"), "areas を一つ以上書いてください");
    }
    Ok(CustomerIdFormat {
        id: f.id,
        prefix: f.prefix,
        digits: f.digits,
        pattern,
        areas: f.areas,
    })
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::Area;

    /// An entry of seven lines: id, prefix, digits, pattern and areas on lines 2 to 6.
    fn format(id: &str, prefix: &str, digits: &str, pattern: &str, areas: &str) -> String {
        format!(
            "[[customer_id_formats]]\nid = \"{id}\"\nprefix = \"{prefix}\"\ndigits = {digits}\n\
             pattern = \"{pattern}\"\nareas = {areas}\nsource = \"s\"\n"
        )
    }

    fn caf() -> String {
        format("caf", "CAF", "10", "^CAF[0-9]{10}$", "[\"east\", \"west\"]")
    }

    fn cop() -> String {
        format("cop", "COP", "8", "^COP[0-9]{8}$", "[\"east\"]")
    }

    #[test]
    fn formats_for_every_area_are_accepted() {
        let formats = accepted(&(caf() + &cop()), check);
        assert_eq!(formats.len(), 2);
        assert!(formats[0].pattern.is_match("CAF0123456789"));
        assert_eq!(formats[1].digits, 8);
        assert_eq!(formats[1].areas, [Area::East]);
    }

    #[test]
    fn an_id_twice_is_refused_at_the_second() {
        assert_eq!(
            refusal(&(caf() + &caf()), check),
            "rules.toml:9:6: customer_id_formats の id「caf」が重複しています。一つにしてください"
        );
    }

    #[test]
    fn the_prefix_is_three_capital_letters() {
        for prefix in ["CA", "Caf", "CAFE", "ＣＡＦ"] {
            let input = format(
                "caf",
                prefix,
                "10",
                "^CAF[0-9]{10}$",
                "[\"east\", \"west\"]",
            );
            assert_eq!(
                refusal(&input, check),
                "rules.toml:3:10: prefix は半角大文字の英字3文字にしてください",
                "{prefix}"
            );
        }
    }

    #[test]
    fn the_digits_are_one_to_thirty_two() {
        for digits in ["0", "33"] {
            let input = format(
                "caf",
                "CAF",
                digits,
                "^CAF[0-9]{10}$",
                "[\"east\", \"west\"]",
            );
            assert_eq!(
                refusal(&input, check),
                "rules.toml:4:10: digits は 1 から 32 にしてください"
            );
        }
    }

    #[test]
    fn the_pattern_is_a_regex_for_exactly_the_prefix_and_digits() {
        let input = format("caf", "CAF", "10", "^CAF[0-9", "[\"east\", \"west\"]");
        let refused = refusal(&input, check);
        assert_eq!(
            refused,
            "rules.toml:5:11: pattern「^CAF[0-9」が正規表現として正しくありません。括弧 ( ) [ ] { } の対応と、\\ のあとの文字を確かめてください"
        );
        for pattern in ["^CAF[0-9]{9}$", "^CAF[0-9]{10,}$", "^COP[0-9]{10}$"] {
            let input = format("caf", "CAF", "10", pattern, "[\"east\", \"west\"]");
            assert_eq!(
                refusal(&input, check),
                "rules.toml:5:11: pattern が prefix「CAF」と digits = 10 に合っていません",
                "{pattern}"
            );
        }
    }

    #[test]
    fn a_format_is_for_some_area_and_every_area_has_one() {
        let input = format("caf", "CAF", "10", "^CAF[0-9]{10}$", "[]");
        assert_eq!(
            refusal(&input, check),
            "rules.toml:6:9: areas を一つ以上書いてください"
        );
        let input = format("caf", "CAF", "10", "^CAF[0-9]{10}$", "[\"east\"]");
        assert_eq!(
            refusal(&input, check),
            "rules.toml:1:1: west で使えるお客さまIDの形式がありません"
        );
    }
}
