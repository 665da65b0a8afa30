//! `[[prefectures]]`: all 47, each code once, and every spelling a lookup compares (names,
//! kana, romaji, with and without 都/府/県) telling one prefecture from every other.

use std::collections::{BTreeMap, HashSet};

use super::failure::{Failure, fail, i, k};
use super::raw::RawPrefecture;
use crate::rules::model::{Prefecture, PrefectureKeys};
use crate::rules::text;

pub(super) fn check(raw: Vec<RawPrefecture>) -> Result<Vec<Prefecture>, Failure> {
    if raw.len() != 47 {
        return fail(
            vec![k("prefectures")],
            format!(
                "都道府県は47あるはずですが、{}件です。足りないものを追加してください",
                raw.len()
            ),
        );
    }
    let mut codes = HashSet::new();
    // (entry, code, field, spelling): the entries' own spellings first, then the other kanji
    // spellings (name_alt), so a clash is reported at the name_alt that makes it.
    let mut primary: Vec<(usize, u8, &'static str, String)> = Vec::new();
    let mut alternates: Vec<(usize, u8, &'static str, String)> = Vec::new();
    let mut out = Vec::new();
    for (n, p) in raw.into_iter().enumerate() {
        let at = |field: &'static str| vec![k("prefectures"), i(n), k(field)];
        if !(1..=47).contains(&p.code) {
            return fail(
                at("code"),
                format!("code = {} は 1 から 47 にしてください", p.code),
            );
        }
        if !codes.insert(p.code) {
            return fail(at("code"), format!("code = {} が重複しています", p.code));
        }
        let keys = PrefectureKeys {
            kanji: std::iter::once(&p.name)
                .chain(&p.name_alt)
                .map(|n| text::prefecture_key_kanji(n))
                .collect(),
            kana: text::prefecture_key_kana(&p.kana),
            romaji: std::iter::once(&p.romaji)
                .chain(&p.romaji_alt)
                .map(|r| text::prefecture_key_romaji(r))
                .collect(),
        };
        // Each spelling as lookups compare it, with the field it comes from. A name in kanji
        // is found with or without the prefecture's own 都/府/県, so both forms are spellings:
        // 「京都」 for 東京都 would be 京都府's name.
        let suffix = p
            .name
            .chars()
            .last()
            .filter(|c| matches!(c, '都' | '府' | '県'));
        for (n_key, key) in keys.kanji.iter().enumerate() {
            let field = if n_key == 0 { "name" } else { "name_alt" };
            let queue = if n_key == 0 {
                &mut primary
            } else {
                &mut alternates
            };
            queue.push((n, p.code, field, key.clone()));
            if let Some(suffix) = suffix.filter(|_| !key.is_empty()) {
                queue.push((n, p.code, field, format!("{key}{suffix}")));
            }
        }
        primary.push((n, p.code, "kana", keys.kana.clone()));
        for (n_key, key) in keys.romaji.iter().enumerate() {
            let field = if n_key == 0 { "romaji" } else { "romaji_alt" };
            primary.push((n, p.code, field, key.clone()));
        }
        out.push(Prefecture {
            code: p.code,
            name: p.name,
            name_alt: p.name_alt,
            kana: p.kana,
            romaji: p.romaji,
            romaji_alt: p.romaji_alt,
            area: p.area,
            keys,
        });
    }
    let mut spellings: BTreeMap<String, u8> = BTreeMap::new();
    for (n, code, field, key) in primary.into_iter().chain(alternates) {
        let at = vec![k("prefectures"), i(n), k(field)];
        if key.is_empty() {
            return fail(at, format!("{field} が空です"));
        }
        if let Some(other) = spellings.insert(key.clone(), code) {
            let whose = if other == code {
                "この都道府県の別の綴りと同じです。一つにしてください".to_string()
            } else {
                format!("code = {other} の都道府県と区別できません")
            };
            return fail(at, format!("{field}「{}」は{whose}", text::sanitize(&key)));
        }
    }
    out.sort_by_key(|p| p.code);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, line_of, refusal};

    /// An entry of six lines (code on the second), then `extra`. Every spelling is its own:
    /// 第N県, けんN, and a romaji with N spelt in consonants (romaji keys keep letters only).
    fn entry(code: u8, extra: &str) -> String {
        format!(
            "[[prefectures]]\ncode = {code}\nname = \"第{code}県\"\nkana = \"けん{code}\"\n\
             romaji = \"{}\"\narea = \"east\"\n{extra}",
            romaji(code)
        )
    }

    fn romaji(code: u8) -> String {
        let letter = |d: u8| char::from(b"bcdfghjklm"[usize::from(d)]);
        format!("ken{}{}", letter(code / 10), letter(code % 10))
    }

    /// All 47, entry `code` replaced by `edited`.
    fn all_but(code: u8, edited: &str) -> String {
        (1..=47)
            .map(|c| {
                if c == code {
                    edited.to_string()
                } else {
                    entry(c, "")
                }
            })
            .collect()
    }

    #[test]
    fn forty_seven_are_accepted_and_ordered_by_code() {
        let input: String = (1..=47).rev().map(|c| entry(c, "")).collect();
        let prefectures = accepted(&input, check);
        assert_eq!(prefectures.len(), 47);
        assert_eq!(prefectures[0].code, 1);
        assert_eq!(prefectures[12].name, "第13県");
        assert_eq!(prefectures[12].keys.kanji, ["第13"]);
        assert_eq!(prefectures[12].keys.kana, "けん13");
        assert_eq!(prefectures[12].keys.romaji, ["kencf"]);
    }

    #[test]
    fn there_are_forty_seven() {
        let input: String = (1..=46).map(|c| entry(c, "")).collect();
        assert_eq!(
            refusal(&input, check),
            "rules.toml:1:1: 都道府県は47あるはずですが、46件です。足りないものを追加してください"
        );
    }

    #[test]
    fn a_code_is_one_to_forty_seven_and_once() {
        let input = all_but(5, &entry(48, ""));
        assert_eq!(
            refusal(&input, check),
            "rules.toml:26:8: code = 48 は 1 から 47 にしてください"
        );
        let input = all_but(5, &entry(4, ""));
        assert_eq!(
            refusal(&input, check),
            "rules.toml:26:8: code = 4 が重複しています"
        );
    }

    #[test]
    fn a_spelling_is_not_empty() {
        let input = all_but(3, &entry(3, "").replace("けん3", ""));
        assert_eq!(refusal(&input, check), "rules.toml:16:8: kana が空です");
        // A romaji keeps its letters only.
        let input = all_but(3, &entry(3, "").replace(&romaji(3), "3"));
        assert_eq!(refusal(&input, check), "rules.toml:17:10: romaji が空です");
    }

    #[test]
    fn a_spelling_tells_its_prefecture_from_every_other() {
        let input = all_but(20, &entry(20, "").replace(&romaji(20), &romaji(13)));
        assert_eq!(
            refusal(&input, check),
            "rules.toml:119:10: romaji「kencf」はcode = 13 の都道府県と区別できません"
        );
        // Reported at the other kanji spelling, though the name it clashes with comes later.
        let input = all_but(5, &entry(5, "name_alt = [\"第30県\"]\n"));
        let line = line_of(&input, "name_alt");
        assert_eq!(
            refusal(&input, check),
            format!("rules.toml:{line}:12: name_alt「第30」はcode = 30 の都道府県と区別できません")
        );
    }

    #[test]
    fn a_prefecture_spells_itself_once() {
        let input = all_but(13, &entry(13, "romaji_alt = [\"KENCF\"]\n"));
        let line = line_of(&input, "romaji_alt");
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:14: romaji_alt「kencf」はこの都道府県の別の綴りと同じです。一つにしてください"
            )
        );
    }
}
