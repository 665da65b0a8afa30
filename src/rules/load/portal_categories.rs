//! `[[portal_categories]]`: the portal's 回線区分, each code once.

use super::failure::Failure;
use super::fields::check_unique;
use super::raw::RawPortalCategory;
use crate::rules::model::PortalCategory;

pub(super) fn check(raw: Vec<RawPortalCategory>) -> Result<Vec<PortalCategory>, Failure> {
    let codes: Vec<String> = raw.iter().map(|c| c.code.to_string()).collect();
    check_unique(
        codes.iter().map(String::as_str),
        "portal_categories",
        "code",
    )?;
    Ok(raw
        .into_iter()
        .map(|c| PortalCategory {
            code: c.code,
            label: c.label,
            who: c.who,
            needs_customer_id: c.needs_customer_id,
            collabo_note: c.collabo_note,
            note: c.note,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    fn category(code: u8) -> String {
        format!(
            "[[portal_categories]]\ncode = {code}\nlabel = \"{code}：回線\"\nwho = \"w\"\n\
             needs_customer_id = true\nsource = \"s\"\n"
        )
    }

    #[test]
    fn distinct_codes_are_accepted() {
        let categories = accepted(&(category(1) + &category(2)), check);
        assert_eq!(
            categories.iter().map(|c| c.code).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(categories[0].collabo_note, None);
    }

    #[test]
    fn a_code_twice_is_refused_at_the_second() {
        assert_eq!(
            refusal(&(category(1) + &category(2) + &category(1)), check),
            "rules.toml:14:8: portal_categories の code「1」が重複しています。一つにしてください"
        );
    }
}
