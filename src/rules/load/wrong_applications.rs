//! `[[wrong_applications]]`: the source's known wrong applications, each id once, each
//! concerning known portal categories.

use super::failure::{Failure, fail, i, k};
use super::fields::check_unique;
use super::raw::RawWrongApplication;
use crate::rules::model::{PortalCategory, WrongApplication};

pub(super) fn check(
    raw: Vec<RawWrongApplication>,
    portal_categories: &[PortalCategory],
) -> Result<Vec<WrongApplication>, Failure> {
    check_unique(
        raw.iter().map(|w| w.id.as_str()),
        "wrong_applications",
        "id",
    )?;
    for (n, w) in raw.iter().enumerate() {
        for (m, &code) in w.concerns.iter().enumerate() {
            if !portal_categories.iter().any(|c| c.code == code) {
                return fail(
                    vec![k("wrong_applications"), i(n), k("concerns"), i(m)],
                    format!("concerns の {code} は portal_categories にありません"),
                );
            }
        }
    }
    Ok(raw
        .into_iter()
        .map(|w| WrongApplication {
            id: w.id,
            concerns: w.concerns,
            text: w.text,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::rules::load::raw::RawWrongApplication;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::{PortalCategory, WrongApplication};

    fn check(raw: Vec<RawWrongApplication>) -> Result<Vec<WrongApplication>, super::Failure> {
        let category = |code| PortalCategory {
            code,
            label: String::new(),
            who: String::new(),
            needs_customer_id: code == 1,
            collabo_note: None,
            note: None,
        };
        super::check(raw, &[category(1), category(2)])
    }

    fn wrong(id: &str, concerns: &str) -> String {
        format!(
            "[[wrong_applications]]\nid = \"{id}\"\nconcerns = {concerns}\ntext = \"{id} を選んでいる\"\nsource = \"s\"\n"
        )
    }

    #[test]
    fn distinct_ids_are_accepted() {
        let wrong = accepted(
            &(wrong("collabo-chose-2", "[1, 2]") + &wrong("no-v6", "[]")),
            check,
        );
        assert_eq!(wrong.len(), 2);
        assert_eq!(wrong[0].concerns, [1, 2]);
        assert_eq!(wrong[1].text, "no-v6 を選んでいる");
    }

    #[test]
    fn an_id_twice_is_refused_at_the_second() {
        assert_eq!(
            refusal(&(wrong("no-v6", "[1]") + &wrong("no-v6", "[1]")), check),
            "rules.toml:7:6: wrong_applications の id「no-v6」が重複しています。一つにしてください"
        );
    }

    #[test]
    fn a_category_that_is_not_on_the_portal_is_refused() {
        assert_eq!(
            refusal(&wrong("x", "[1, 4]"), check),
            "rules.toml:3:16: concerns の 4 は portal_categories にありません"
        );
    }
}
