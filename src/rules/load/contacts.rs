//! `[[contacts]]`: unique ids, and an NTT contact for each area.

use strum::IntoEnumIterator;

use super::failure::{Failure, fail, k};
use super::fields::check_unique;
use super::raw::RawContact;
use crate::rules::model::{Area, Contact};

pub(super) fn check(raw: Vec<RawContact>) -> Result<Vec<Contact>, Failure> {
    check_unique(raw.iter().map(|c| c.id.as_str()), "contacts", "id")?;
    let contacts: Vec<Contact> = raw
        .into_iter()
        .map(|c| Contact {
            id: c.id,
            area: c.area,
            name: c.name,
            phone: c.phone,
            hours: c.hours,
            about: c.about,
            about_collabo: c.about_collabo,
        })
        .collect();
    for area in Area::iter() {
        if !contacts.iter().any(|c| c.area == Some(area)) {
            return fail(
                vec![k("contacts")],
                format!("contacts に area = \"{area}\" の問い合わせ先がありません"),
            );
        }
    }
    Ok(contacts)
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    fn contact(id: &str, area: Option<&str>) -> String {
        let area = area.map_or(String::new(), |a| format!("area = \"{a}\"\n"));
        format!(
            "[[contacts]]\nid = \"{id}\"\n{area}name = \"窓口\"\nphone = \"0120-000-000\"\n\
             hours = \"平日\"\nabout = \"a\"\nabout_collabo = \"b\"\nsource = \"s\"\n"
        )
    }

    #[test]
    fn a_contact_for_each_area_is_accepted_and_others_beside_them() {
        let input = contact("ntt-east", Some("east"))
            + &contact("ctc", None)
            + &contact("ntt-west", Some("west"));
        let contacts = accepted(&input, check);
        let ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["ntt-east", "ctc", "ntt-west"]);
        assert_eq!(contacts[1].area, None);
    }

    #[test]
    fn an_id_twice_is_refused_at_the_second() {
        let input = contact("ntt-east", Some("east")) + &contact("ntt-east", Some("west"));
        assert_eq!(
            refusal(&input, check),
            "rules.toml:11:6: contacts の id「ntt-east」が重複しています。一つにしてください"
        );
    }

    #[test]
    fn an_area_without_a_contact_is_refused() {
        let input = contact("ntt-east", Some("east")) + &contact("qtnet", None);
        assert_eq!(
            refusal(&input, check),
            "rules.toml:1:1: contacts に area = \"west\" の問い合わせ先がありません"
        );
    }
}
