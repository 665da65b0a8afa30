//! 都道府県: what people type for a prefecture (東京都, 東京, とうきょう, tokyo, Tokyo-to, 13, 01,
//! full-width too), and the filter the wizard's list uses.

use std::borrow::Cow;

use super::field::{Field, FieldError};
use super::model::{Prefecture, PrefectureKeys, RuleSet};
use super::text;

/// What people may type for a prefecture, as examples on the question and in its help.
pub const EXAMPLES: &str = "東京、とうきょう、tokyo、13";

const HOW: &str = "「東京都」「東京」「とうきょう」「tokyo」「13」のように入力してください";

/// Finds the one prefecture an answer names.
pub fn parse_prefecture<'r>(rules: &'r RuleSet, input: &str) -> Result<&'r Prefecture, FieldError> {
    // A code as batch passes it on (「13」) folds to itself.
    let folded = if !input.is_empty() && input.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Borrowed(input)
    } else {
        Cow::Owned(text::fold(input))
    };
    if folded.is_empty() {
        return Err(FieldError::new(
            Field::Prefecture,
            "empty",
            format!("入力されていません。{HOW}"),
        ));
    }
    if folded.chars().all(|c| c.is_ascii_digit()) {
        return folded
            .parse::<u8>()
            .ok()
            .and_then(|code| rules.prefecture(code))
            .ok_or_else(|| {
                FieldError::new(
                    Field::Prefecture,
                    "unknown_code",
                    format!(
                        "都道府県コード「{}」はありません。コードは 1 (北海道) から 47 (沖縄県) です",
                        shorten(&folded)
                    ),
                )
            });
    }
    let query = Query::new(folded.into_owned());
    rules
        .prefectures
        .iter()
        .find(|p| names(p, &query))
        .ok_or_else(|| {
            FieldError::new(
                Field::Prefecture,
                "unknown",
                format!(
                    "「{}」に当たる都道府県が見つかりません。{HOW}",
                    shorten(&text::sanitize(input.trim()))
                ),
            )
        })
}

/// An answer in the forms a prefecture's [`PrefectureKeys`] are in, computed once per answer.
struct Query {
    /// See [`text::fold`].
    folded: String,
    kana: String,
    romaji: String,
}

impl Query {
    fn new(folded: String) -> Self {
        Self {
            kana: text::prefecture_key_kana(&folded),
            romaji: text::prefecture_key_romaji(&folded),
            folded,
        }
    }
}

/// Whether `q` names `p`, with or without 都/府/県 and its reading.
fn names(p: &Prefecture, q: &Query) -> bool {
    let keys: &PrefectureKeys = &p.keys;
    // The name or one of its other spellings (大坂), with or without 都/府/県.
    let bare = q.folded.strip_suffix(kanji_suffix(p));
    if keys
        .kanji
        .iter()
        .any(|k| q.folded == *k || bare == Some(k.as_str()))
    {
        return true;
    }
    if q.kana == keys.kana || q.kana.strip_suffix(kana_suffix(p)) == Some(keys.kana.as_str()) {
        return true;
    }
    if q.romaji.is_empty() {
        return false;
    }
    let suffix = romaji_suffix(p);
    keys.romaji
        .iter()
        .any(|own| q.romaji == *own || q.romaji.strip_suffix(suffix) == Some(own.as_str()))
}

fn kanji_suffix(p: &Prefecture) -> &'static str {
    match p.name.chars().last() {
        Some('都') => "都",
        Some('府') => "府",
        Some('県') => "県",
        _ => "\u{0}",
    }
}

fn kana_suffix(p: &Prefecture) -> &'static str {
    match p.name.chars().last() {
        Some('都') => "と",
        Some('府') => "ふ",
        Some('県') => "けん",
        _ => "\u{0}",
    }
}

fn romaji_suffix(p: &Prefecture) -> &'static str {
    match p.name.chars().last() {
        Some('都') => "to",
        Some('府') => "fu",
        Some('県') => "ken",
        _ => "\u{0}",
    }
}

/// The prefectures the wizard's list shows for what has been typed so far: all of them for
/// nothing, else those whose code, name, reading or romaji starts with it. In code order.
pub fn filter<'r>(rules: &'r RuleSet, query: &str) -> Vec<&'r Prefecture> {
    let folded = text::fold(query);
    if folded.is_empty() {
        return rules.prefectures.iter().collect();
    }
    let digits = folded.chars().all(|c| c.is_ascii_digit());
    let q = Query::new(folded);
    rules
        .prefectures
        .iter()
        .filter(|p| {
            if digits {
                let code = p.code.to_string();
                let padded = format!("{:02}", p.code);
                return code.starts_with(&q.folded) || padded.starts_with(&q.folded);
            }
            // A whole name with its suffix (とうきょうと, osaka-fu) is not a prefix of the bare
            // reading, but it names the prefecture all the same.
            names(p, &q)
                || p.name.starts_with(&q.folded)
                || p.keys.kanji.iter().any(|k| k.starts_with(&q.folded))
                || p.keys.kana.starts_with(&q.kana)
                || (!q.romaji.is_empty() && p.keys.romaji.iter().any(|r| r.starts_with(&q.romaji)))
        })
        .collect()
}

fn shorten(s: &str) -> String {
    const MAX: usize = 20;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{head}...")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::embedded;
    use crate::rules::model::Area;
    use proptest::prelude::*;

    fn rules() -> &'static RuleSet {
        embedded::rules().expect("embedded rules load")
    }

    fn code(input: &str) -> u8 {
        parse_prefecture(rules(), input)
            .map(|p| p.code)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
    }

    #[test]
    fn every_form_of_tokyo() {
        for input in [
            "東京都",
            "東京",
            "とうきょう",
            "とうきょうと",
            "トウキョウ",
            "ﾄｳｷｮｳ",
            "tokyo",
            "Tokyo",
            "TOKYO",
            "Tokyo-to",
            "tokyo to",
            "Tōkyō",
            "toukyou",
            "13",
            "１３",
            "東京都 ",
            " 13",
            "ｔｏｋｙｏ",
        ] {
            assert_eq!(code(input), 13, "{input}");
        }
    }

    #[test]
    fn suffixes_and_look_alikes() {
        assert_eq!(code("大阪"), 27);
        assert_eq!(code("大阪府"), 27);
        assert_eq!(code("osaka-fu"), 27);
        assert_eq!(code("京都"), 26);
        assert_eq!(code("きょうと"), 26);
        assert_eq!(code("kyoto"), 26);
        assert_eq!(code("北海道"), 1);
        assert_eq!(code("hokkaido"), 1);
        assert_eq!(code("01"), 1);
        assert_eq!(code("1"), 1);
        assert_eq!(code("ibaragi"), 8);
        assert_eq!(code("Kōchi"), 39);
        assert_eq!(code("Ōita"), 44);
        assert_eq!(code("oita-ken"), 44);
        assert_eq!(code("かごしまけん"), 46);
        assert_eq!(code("47"), 47);
    }

    #[test]
    fn other_kanji_spellings_of_the_name() {
        for (input, want) in [
            ("大坂", 27),
            ("大坂府", 27),
            (" 大坂 ", 27),
            ("郡馬県", 10),
            ("崎玉", 11),
            ("岐埠県", 21),
            ("冨山", 16),
            ("髙知県", 39),
            ("長﨑", 42),
            ("宮﨑県", 45),
        ] {
            assert_eq!(code(input), want, "{input}");
        }
        // Only with the prefecture's own suffix, as for the name itself.
        for input in ["大坂県", "大坂都", "大阪県", "坂"] {
            assert!(parse_prefecture(rules(), input).is_err(), "{input}");
        }
        let codes = |q: &str| -> Vec<u8> { filter(rules(), q).iter().map(|p| p.code).collect() };
        assert_eq!(codes("大坂"), [27]);
        assert_eq!(codes("大坂府"), [27]);
        assert_eq!(codes("郡"), [10]);
    }

    #[test]
    fn every_prefecture_by_every_spelling_in_the_data() {
        for p in &rules().prefectures {
            let alternates = p.name_alt.iter().cloned();
            for input in alternates.chain([
                p.name.clone(),
                p.kana.clone(),
                p.romaji.clone(),
                p.code.to_string(),
                format!("{:02}", p.code),
            ]) {
                assert_eq!(code(&input), p.code, "{input}");
            }
        }
    }

    #[test]
    fn areas_follow_the_seed() {
        let east: Vec<&str> = rules()
            .prefectures
            .iter()
            .filter(|p| p.area == Area::East)
            .map(|p| p.name.as_str())
            .collect();
        assert_eq!(
            east,
            [
                "北海道",
                "青森県",
                "岩手県",
                "宮城県",
                "秋田県",
                "山形県",
                "福島県",
                "茨城県",
                "栃木県",
                "群馬県",
                "埼玉県",
                "千葉県",
                "東京都",
                "神奈川県",
                "新潟県",
                "山梨県",
                "長野県"
            ]
        );
        assert_eq!(rules().prefectures.len() - east.len(), 30);
        assert_eq!(rules().prefecture(16).map(|p| p.area), Some(Area::West));
        assert_eq!(rules().prefecture(15).map(|p| p.area), Some(Area::East));
    }

    #[test]
    fn errors_name_the_field_and_the_fix() {
        let e = parse_prefecture(rules(), "").unwrap_err();
        assert_eq!(e.code, "empty");
        assert!(e.message.starts_with("都道府県: "));
        let e = parse_prefecture(rules(), "48").unwrap_err();
        assert_eq!(e.code, "unknown_code");
        assert!(e.message.contains("47"));
        let e = parse_prefecture(rules(), "0").unwrap_err();
        assert_eq!(e.code, "unknown_code");
        let e = parse_prefecture(rules(), "とうきょ").unwrap_err();
        assert_eq!(e.code, "unknown");
        assert!(e.message.contains("とうきょ"));
        let e = parse_prefecture(rules(), "\u{1b}[31m").unwrap_err();
        assert!(!e.message.contains('\u{1b}'));
    }

    #[test]
    fn filter_narrows_as_you_type() {
        let names = |q: &str| -> Vec<String> {
            filter(rules(), q).iter().map(|p| p.name.clone()).collect()
        };
        assert_eq!(names("").len(), 47);
        assert_eq!(names("とう"), ["東京都"]);
        assert_eq!(names("東"), ["東京都"]);
        assert_eq!(names("ka"), ["神奈川県", "香川県", "鹿児島県"]);
        let codes = |q: &str| -> Vec<u8> { filter(rules(), q).iter().map(|p| p.code).collect() };
        assert_eq!(codes("1"), [1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
        assert_eq!(codes("01"), [1]);
        // What parse_prefecture accepts, the list shows.
        for (q, code) in [
            ("とうきょうと", 13),
            ("tokyo-to", 13),
            ("osaka-fu", 27),
            ("かごしまけん", 46),
            ("Tōkyō", 13),
        ] {
            assert_eq!(codes(q), [code], "{q}");
        }
        assert_eq!(names("13"), ["東京都"]);
        assert_eq!(codes("4"), [4, 40, 41, 42, 43, 44, 45, 46, 47]);
        assert!(names("zzz").is_empty());
    }

    #[test]
    fn the_list_shows_whatever_parse_accepts() {
        let r = rules();
        for p in &r.prefectures {
            let with_suffix = [
                format!("{}{}", p.kana, kana_suffix(p)),
                format!("{}-{}", p.romaji, romaji_suffix(p)),
                p.name.clone(),
                p.romaji.to_uppercase(),
            ];
            for q in with_suffix.iter().filter(|q| !q.contains('\u{0}')) {
                if parse_prefecture(r, q).is_ok() {
                    assert!(
                        filter(r, q).iter().any(|x| x.code == p.code),
                        "{q} parses to {} but the list does not show it",
                        p.name
                    );
                }
            }
        }
    }

    proptest! {
        #[test]
        fn no_input_panics(s in ".{0,64}") {
            let _ = parse_prefecture(rules(), &s);
            let _ = filter(rules(), &s);
        }
    }
}
