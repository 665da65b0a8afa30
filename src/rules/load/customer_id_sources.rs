//! `[[customer_id_sources]]`: where to find the お客さまID, one list of steps for each area,
//! naming contacts that exist.

use strum::IntoEnumIterator;

use super::failure::{Failure, fail, i, k};
use super::fields::{check_sentence, check_url};
use super::raw::{RawCustomerIdSource, RawFindStep};
use crate::rules::model::{Area, Contact, CustomerIdSource, FindStep};
use crate::rules::text;

pub(super) fn check(
    raw: Vec<RawCustomerIdSource>,
    contacts: &[Contact],
) -> Result<Vec<CustomerIdSource>, Failure> {
    let mut customer_id_sources = Vec::new();
    for (n, s) in raw.into_iter().enumerate() {
        if customer_id_sources
            .iter()
            .any(|x: &CustomerIdSource| x.area == s.area)
        {
            return fail(
                vec![k("customer_id_sources"), i(n), k("area")],
                format!("{} の customer_id_sources が重複しています", s.area),
            );
        }
        let mut steps = Vec::new();
        for (m, st) in s.steps.into_iter().enumerate() {
            steps.push(check_step(n, m, st, contacts)?);
        }
        customer_id_sources.push(CustomerIdSource {
            area: s.area,
            steps,
        });
    }
    for area in Area::iter() {
        if !customer_id_sources.iter().any(|s| s.area == area) {
            return fail(
                vec![k("customer_id_sources")],
                format!("{area} の customer_id_sources がありません"),
            );
        }
    }
    Ok(customer_id_sources)
}

/// Step `m` of the `n`th list.
fn check_step(
    n: usize,
    m: usize,
    st: RawFindStep,
    contacts: &[Contact],
) -> Result<FindStep, Failure> {
    let at = |field: &'static str| vec![k("customer_id_sources"), i(n), k("steps"), i(m), k(field)];
    // The result follows a step's text with its phone number or address.
    check_sentence(&st.text, at("text"))?;
    if let Some(c) = &st.contact
        && !contacts.iter().any(|x| &x.id == c)
    {
        return fail(
            at("contact"),
            format!("contact「{}」は contacts にありません", text::sanitize(c)),
        );
    }
    let url = match st.url {
        Some(u) => Some(check_url(&u, at("url"))?),
        None => None,
    };
    Ok(FindStep {
        title: st.title,
        text: st.text,
        url,
        contact: st.contact,
    })
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::{Area, Contact};

    /// An entry whose steps start on its fifth line, one a line.
    fn source(area: &str, steps: &[&str]) -> String {
        let steps: String = steps.iter().map(|s| format!("  {s},\n")).collect();
        format!("[[customer_id_sources]]\narea = \"{area}\"\nsource = \"s\"\nsteps = [\n{steps}]\n")
    }

    const LOOK: &str =
        "{ title = \"t\", text = \"見てください。\", url = \"https://flets.com/key/\" }";
    const CALL_EAST: &str =
        "{ title = \"t\", text = \"電話してください。\", contact = \"ntt-east\" }";
    const CALL_WEST: &str =
        "{ title = \"t\", text = \"電話してください。\", contact = \"ntt-west\" }";

    fn contacts() -> Vec<Contact> {
        ["ntt-east", "ntt-west"]
            .into_iter()
            .map(|id| Contact {
                id: id.to_string(),
                area: None,
                name: "窓口".to_string(),
                phone: "0120-000-000".to_string(),
                hours: "平日".to_string(),
                about: "a".to_string(),
                about_collabo: "b".to_string(),
            })
            .collect()
    }

    fn refused(input: &str) -> String {
        refusal(input, |raw| check(raw, &contacts()))
    }

    #[test]
    fn a_list_for_each_area_is_accepted() {
        let input = source("east", &[LOOK, CALL_EAST]) + &source("west", &[CALL_WEST]);
        let sources = accepted(&input, |raw| check(raw, &contacts()));
        assert_eq!(sources.len(), 2);
        assert_eq!(sources[0].steps.len(), 2);
        assert_eq!(
            sources[0].steps[0].url.as_deref(),
            Some("https://flets.com/key/")
        );
        assert_eq!(sources[1].area, Area::West);
        assert_eq!(sources[1].steps[0].contact.as_deref(), Some("ntt-west"));
    }

    #[test]
    fn an_area_twice_is_refused_at_the_second() {
        let input = source("east", &[LOOK]) + &source("east", &[CALL_EAST]);
        assert_eq!(
            refused(&input),
            "rules.toml:8:8: east の customer_id_sources が重複しています"
        );
    }

    #[test]
    fn a_step_text_ends_as_a_sentence() {
        let input = source("east", &[&LOOK.replace("。", "")]) + &source("west", &[CALL_WEST]);
        assert_eq!(
            refused(&input),
            "rules.toml:5:25: この文は「。」で終えてください (結果の画面でほかの文の前に続けて表示します)"
        );
    }

    #[test]
    fn a_step_names_a_contact_that_exists() {
        let call = CALL_EAST.replace("ntt-east", "ntt-nowhere");
        let input = source("east", &[LOOK, &call]) + &source("west", &[CALL_WEST]);
        assert_eq!(
            refused(&input),
            "rules.toml:6:48: contact「ntt-nowhere」は contacts にありません"
        );
    }

    #[test]
    fn a_step_address_is_sound() {
        let look = LOOK.replace("/key/", "/key me/");
        let input = source("east", &[&look]) + &source("west", &[CALL_WEST]);
        assert_eq!(
            refused(&input),
            "rules.toml:5:42: アドレス「https://flets.com/key me/」の形が正しくありません"
        );
    }

    #[test]
    fn an_area_without_a_list_is_refused() {
        assert_eq!(
            refused(&source("east", &[LOOK])),
            "rules.toml:1:1: west の customer_id_sources がありません"
        );
    }
}
