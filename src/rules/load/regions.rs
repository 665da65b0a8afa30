//! `[[regions]]`: the regions of portal category 2's lines (中部地区, 九州地区), by prefecture.
//! Each id once, each line known and in one region at most, each prefecture a name of
//! `[[prefectures]]` and in one region at most, and the sentence for a prefecture outside its
//! region naming that prefecture.

use std::collections::HashSet;

use super::failure::{Failure, fail, i, k};
use super::fields::check_unique;
use super::raw::RawRegion;
use crate::rules::model::{LineKind, LineType, Prefecture, Region};

const PREFECTURE: &str = Region::PREFECTURE;
const PREFECTURES: &str = Region::PREFECTURES;
use crate::rules::text;

pub(super) fn check(
    raw: Vec<RawRegion>,
    lines: &[LineType],
    prefectures: &[Prefecture],
) -> Result<Vec<Region>, Failure> {
    check_unique(raw.iter().map(|r| r.id.as_str()), "regions", "id")?;
    let mut seen_lines = HashSet::new();
    let mut seen_prefectures = HashSet::new();
    let mut out = Vec::new();
    for (n, r) in raw.into_iter().enumerate() {
        let at = |field: &'static str, m: usize| vec![k("regions"), i(n), k(field), i(m)];
        if r.lines.is_empty() || r.prefectures.is_empty() {
            return fail(
                vec![k("regions"), i(n), k("id")],
                format!(
                    "地区「{}」には lines と prefectures を一つ以上書いてください",
                    text::sanitize(&r.id)
                ),
            );
        }
        for (m, id) in r.lines.iter().enumerate() {
            let Some(line) = lines.iter().find(|l| &l.id == id) else {
                return fail(
                    at("lines", m),
                    format!("回線「{}」は lines にありません", text::sanitize(id)),
                );
            };
            // FLET'S lines are NTT's, all over Japan: their areas are `areas`.
            if line.kind == LineKind::Flets {
                return fail(
                    at("lines", m),
                    format!(
                        "フレッツの回線「{id}」は地区に入れられません (NTTのエリアは areas で決まります)"
                    ),
                );
            }
            if !seen_lines.insert(id.clone()) {
                return fail(
                    at("lines", m),
                    format!("回線「{id}」がほかの地区にもあります。一つの地区にしてください"),
                );
            }
        }
        let mut codes = Vec::new();
        for (m, name) in r.prefectures.iter().enumerate() {
            let Some(p) = prefectures.iter().find(|p| &p.name == name) else {
                return fail(
                    at("prefectures", m),
                    format!(
                        "「{}」は prefectures の name にありません。東京都のように、都道府県の名前を書いてください",
                        text::sanitize(name)
                    ),
                );
            };
            if !seen_prefectures.insert(p.code) {
                return fail(
                    at("prefectures", m),
                    format!("{name}が二度、またはほかの地区にもあります。一つにしてください"),
                );
            }
            codes.push(p.code);
        }
        if r.outside.matches(PREFECTURE).count() != 1 || r.outside.matches(PREFECTURES).count() > 1
        {
            return fail(
                vec![k("regions"), i(n), k("outside")],
                format!(
                    "この文には答えた都道府県を入れる {PREFECTURE} をちょうど一つ書いてください ({PREFECTURES} は一つまで)"
                ),
            );
        }
        out.push(Region {
            id: r.id,
            name: r.name,
            lines: r.lines,
            prefectures: codes,
            outside: r.outside,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::rules::embedded;
    use crate::rules::load::raw::RawRegion;
    use crate::rules::load::testing::{accepted, line_of, refusal};
    use crate::rules::model::Region;

    fn check(raw: Vec<RawRegion>) -> Result<Vec<Region>, super::Failure> {
        let r = embedded::rules().expect("rules");
        super::check(raw, &r.lines, &r.prefectures)
    }

    fn region(id: &str, lines: &str, prefectures: &str, outside: &str) -> String {
        format!(
            "[[regions]]\nid = \"{id}\"\nname = \"地区\"\nlines = {lines}\nprefectures = {prefectures}\n\
             outside = \"{outside}\"\nsource = \"s\"\n"
        )
    }

    fn chubu() -> String {
        region(
            "chubu",
            "[\"commufa\"]",
            "[\"愛知県\", \"長野県\"]",
            "{prefecture}は中部地区 ({prefectures}) ではありません。",
        )
    }

    #[test]
    fn regions_read_as_lines_and_prefecture_codes() {
        let input = chubu() + &region("kyushu", "[\"bbiq\"]", "[\"福岡県\"]", "{prefecture}。");
        let regions = accepted(&input, check);
        assert_eq!(regions.len(), 2);
        assert_eq!(regions[0].lines, ["commufa"]);
        assert_eq!(regions[0].prefectures, [23, 20]);
        assert_eq!(regions[1].prefectures, [40]);
    }

    #[test]
    fn an_unknown_or_flets_line_or_a_line_in_two_regions_is_refused() {
        let input = region("x", "[\"ctc\"]", "[\"愛知県\"]", "{prefecture}");
        assert_eq!(
            refusal(&input, check),
            "rules.toml:4:10: 回線「ctc」は lines にありません"
        );
        let input = region("x", "[\"cross\"]", "[\"愛知県\"]", "{prefecture}");
        assert!(refusal(&input, check).starts_with("rules.toml:4:10: フレッツの回線「cross」"));
        let input = chubu() + &region("y", "[\"commufa\"]", "[\"福岡県\"]", "{prefecture}");
        let at = line_of(&input, "lines = [\"commufa\"]\nprefectures = [\"福岡県\"]");
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{at}:10: 回線「commufa」がほかの地区にもあります。一つの地区にしてください"
            )
        );
    }

    #[test]
    fn prefectures_are_names_of_the_prefectures_each_in_one_region() {
        let input = region("x", "[\"commufa\"]", "[\"愛知\"]", "{prefecture}");
        assert!(
            refusal(&input, check)
                .starts_with("rules.toml:5:16: 「愛知」は prefectures の name にありません"),
        );
        let input = chubu() + &region("y", "[\"bbiq\"]", "[\"長野県\"]", "{prefecture}");
        assert!(refusal(&input, check).contains("長野県が二度、またはほかの地区にもあります"));
        let input = region("x", "[\"commufa\"]", "[]", "{prefecture}");
        assert!(refusal(&input, check).contains("lines と prefectures を一つ以上"));
    }

    #[test]
    fn the_sentence_names_the_answered_prefecture_once() {
        for outside in [
            "中部地区ではありません。",
            "{prefecture}{prefecture}",
            "{prefecture}{prefectures}{prefectures}",
        ] {
            let input = region("x", "[\"commufa\"]", "[\"愛知県\"]", outside);
            assert!(
                refusal(&input, check)
                    .starts_with("rules.toml:6:11: この文には答えた都道府県を入れる {prefecture}"),
                "{outside}"
            );
        }
    }

    #[test]
    fn the_embedded_regions_are_the_seeds_two() {
        let r = embedded::rules().expect("rules");
        let names: Vec<&str> = r.regions.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["中部地区", "九州地区"]);
        assert_eq!(
            r.region_of_line("bbiq").map(|g| g.prefectures.len()),
            Some(7)
        );
        assert_eq!(
            r.region_of_line("commufa").map(|g| g.prefectures.len()),
            Some(5)
        );
        assert!(r.region_of_line("cross").is_none());
    }
}
