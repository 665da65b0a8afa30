//! `[[areas]]`: exactly one entry for each area, each with a sound address for its コラボ光 list.

use strum::IntoEnumIterator;

use super::failure::{Failure, fail, i, k};
use super::fields::{check_unique, check_url};
use super::raw::RawArea;
use crate::rules::model::{Area, AreaInfo};

pub(super) fn check(raw: Vec<RawArea>) -> Result<Vec<AreaInfo>, Failure> {
    check_unique(raw.iter().map(|a| a.id.as_ref()), "areas", "id")?;
    let mut areas = Vec::new();
    for (n, a) in raw.into_iter().enumerate() {
        areas.push(AreaInfo {
            area: a.id,
            name: a.name,
            short: a.short,
            collabo_list_url: check_url(
                &a.collabo_list_url,
                vec![k("areas"), i(n), k("collabo_list_url")],
            )?,
        });
    }
    for area in Area::iter() {
        if !areas.iter().any(|a| a.area == area) {
            return fail(
                vec![k("areas")],
                format!("areas に「{area}」がありません。追加してください"),
            );
        }
    }
    Ok(areas)
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::Area;

    fn area(id: &str, url: &str) -> String {
        format!(
            "[[areas]]\nid = \"{id}\"\nname = \"NTT\"\nshort = \"東\"\n\
             collabo_list_url = \"{url}\"\nsource = \"s\"\n"
        )
    }

    const EAST_URL: &str = "https://flets.com/collabo/list/";
    const WEST_URL: &str = "https://flets-w.com/collabo/";

    #[test]
    fn one_entry_for_each_area_is_accepted() {
        let input = area("east", EAST_URL) + &area("west", WEST_URL);
        let areas = accepted(&input, check);
        assert_eq!(areas.len(), 2);
        assert_eq!(areas[0].area, Area::East);
        assert_eq!(areas[1].collabo_list_url, WEST_URL);
    }

    #[test]
    fn an_area_twice_is_refused_at_the_second() {
        let input = area("east", EAST_URL) + &area("west", WEST_URL) + &area("east", EAST_URL);
        assert_eq!(
            refusal(&input, check),
            "rules.toml:14:6: areas の id「east」が重複しています。一つにしてください"
        );
    }

    #[test]
    fn a_missing_area_is_refused() {
        assert_eq!(
            refusal(&area("east", EAST_URL), check),
            "rules.toml:1:1: areas に「west」がありません。追加してください"
        );
    }

    #[test]
    fn an_address_must_be_https_and_well_formed() {
        let input = area("east", EAST_URL) + &area("west", "ftp://flets-w.com/");
        assert_eq!(
            refusal(&input, check),
            "rules.toml:11:20: アドレス「ftp://flets-w.com/」は https:// で始めてください"
        );
        let input = area("east", "https://flets .com/") + &area("west", WEST_URL);
        assert_eq!(
            refusal(&input, check),
            "rules.toml:5:20: アドレス「https://flets .com/」の形が正しくありません"
        );
        let input = area("east", "https://fl\u{0435}ts.com/") + &area("west", WEST_URL);
        assert_eq!(
            refusal(&input, check),
            "rules.toml:5:20: アドレス「https://fl\u{0435}ts.com/」に半角英数字でない文字 (U+0435) があります。アドレスは半角の英数字と記号だけで書いてください (見た目の似たキリル文字などにも注意)"
        );
        let input = area("east", "HTTPS://flets.com/") + &area("west", WEST_URL);
        assert_eq!(
            refusal(&input, check),
            "rules.toml:5:20: アドレス「HTTPS://flets.com/」は https:// で始めてください"
        );
    }
}
