//! The check every user-visible string of the file gets, whatever its section.

use toml::de::{DeTable, DeValue};

use super::failure::{Failure, Seg, fail};
use super::fields;
use crate::rules::text;

/// Checks every string of the document that a user can see (all but the `source` quotes): no
/// control characters, no invisible formatting characters, no ambiguous-width symbols, no
/// `fleets` address, no plain `http://`.
pub(super) fn check_strings(root: &DeTable<'_>) -> Result<(), Failure> {
    fn walk(value: &DeValue<'_>, path: &mut Vec<Seg>) -> Result<(), Failure> {
        match value {
            DeValue::String(s) => check_string(s, path),
            DeValue::Array(a) => {
                for (n, v) in a.iter().enumerate() {
                    path.push(Seg::Idx(n));
                    walk(v.get_ref(), path)?;
                    path.pop();
                }
                Ok(())
            }
            DeValue::Table(t) => walk_table(t, path),
            _ => Ok(()),
        }
    }
    fn walk_table(t: &DeTable<'_>, path: &mut Vec<Seg>) -> Result<(), Failure> {
        for (key, v) in t.iter() {
            // A `source` string quotes the seed verbatim (typos and symbols included) and is
            // never shown; a table named `source` is checked like any other.
            if key.get_ref().as_ref() == "source" && matches!(v.get_ref(), DeValue::String(_)) {
                continue;
            }
            path.push(Seg::Owned(key.get_ref().to_string()));
            walk(v.get_ref(), path)?;
            path.pop();
        }
        Ok(())
    }
    fn check_string(s: &str, path: &[Seg]) -> Result<(), Failure> {
        if let Some(c) = s.chars().find(|c| c.is_control()) {
            return fail(
                path.to_vec(),
                format!(
                    "制御文字 ({}) は使えません。取り除いてください",
                    c.escape_unicode()
                ),
            );
        }
        // Zero-width joiners, direction overrides …: invisible, yet they would reach the
        // terminal and `check`'s output as they are.
        if let Some(c) = s.chars().find(|&c| text::is_invisible(c)) {
            return fail(
                path.to_vec(),
                format!(
                    "見えない書式文字 ({}) は使えません。取り除いてください",
                    c.escape_unicode()
                ),
            );
        }
        if let Some(c) = s.chars().find(|&c| text::is_ambiguous_width(c)) {
            return fail(
                path.to_vec(),
                format!(
                    "「{c}」(U+{:04X}) は端末によって幅が変わる記号なので使えません。ほかの書き方にしてください",
                    c as u32
                ),
            );
        }
        // As a reader sees it: ｆｌｅｅｔｓ and HTTP:// are fleets and http://.
        let folded = text::nfkc(s).to_lowercase();
        if folded.contains("fleets") {
            return fail(
                path.to_vec(),
                "「fleets」は誤記です (NTTのサイトは flets.com と flets-w.com)。直してください",
            );
        }
        if folded.contains("http://") {
            return fail(
                path.to_vec(),
                "http:// のアドレスは使えません。https:// にしてください",
            );
        }
        if let Some(url) = folded
            .split(|c: char| c.is_whitespace() || "「」()（）、。".contains(c))
            .find(|w| w.contains("https://") && !w.is_ascii())
        {
            return fail(path.to_vec(), fields::non_ascii_address(url));
        }
        Ok(())
    }
    walk_table(root, &mut Vec::new())
}

#[cfg(test)]
mod tests {
    use toml::de::DeTable;

    use super::check_strings;
    use crate::rules::load::testing::located;

    fn checked(input: &str) -> Result<(), String> {
        let doc = DeTable::parse(input).unwrap();
        check_strings(doc.get_ref()).map_err(|failure| located(input, failure))
    }

    #[test]
    fn plain_japanese_and_https_addresses_are_accepted() {
        let input = "[a]\ntext = \"お客さまIDを確かめてください。\"\nurl = \"https://flets.com/\"\n\
                     list = [\"一\", { b = \"二\" }]\nn = 1\n";
        assert_eq!(checked(input), Ok(()));
    }

    #[test]
    fn unseen_characters_are_refused() {
        assert_eq!(
            checked("[a]\nb = [\"x\", \"y\\u0007\"]\n"),
            Err("rules.toml:2:11: 制御文字 (\\u{7}) は使えません。取り除いてください".to_string())
        );
        assert_eq!(
            checked("[a]\nb = \"x\\u200Dy\"\n"),
            Err(
                "rules.toml:2:5: 見えない書式文字 (\\u{200d}) は使えません。取り除いてください"
                    .to_string()
            )
        );
    }

    #[test]
    fn ambiguous_width_symbols_are_refused() {
        assert_eq!(
            checked("[a]\nb = { c = \"※ 注意\" }\n"),
            Err("rules.toml:2:11: 「※」(U+203B) は端末によって幅が変わる記号なので使えません。ほかの書き方にしてください".to_string())
        );
    }

    #[test]
    fn the_fleets_typo_and_plain_http_are_refused() {
        assert_eq!(
            checked("url = \"https://FLEETS.com/\"\n"),
            Err("rules.toml:1:7: 「fleets」は誤記です (NTTのサイトは flets.com と flets-w.com)。直してください".to_string())
        );
        assert_eq!(
            checked("[a]\nurl = \"http://flets.com/\"\n"),
            Err(
                "rules.toml:2:7: http:// のアドレスは使えません。https:// にしてください"
                    .to_string()
            )
        );
    }

    #[test]
    fn fleets_and_http_are_found_after_nfkc_and_case_folding() {
        let fleets =
            "「fleets」は誤記です (NTTのサイトは flets.com と flets-w.com)。直してください";
        assert_eq!(
            checked("text = \"ｆｌｅｅｔｓ.com を見る\"\n"),
            Err(format!("rules.toml:1:8: {fleets}"))
        );
        assert_eq!(
            checked("text = \"HTTP://flets.com/ を見る\"\n"),
            Err(
                "rules.toml:1:8: http:// のアドレスは使えません。https:// にしてください"
                    .to_string()
            )
        );
        assert_eq!(
            checked("text = \"ｈｔｔｐ：／／flets.com/\"\n"),
            Err(
                "rules.toml:1:8: http:// のアドレスは使えません。https:// にしてください"
                    .to_string()
            )
        );
        // A Cyrillic е in the host: it looks like flets.com and leads elsewhere.
        let refused = checked("text = \"詳しくは https://fl\u{0435}ts.com/ へ。\"\n").unwrap_err();
        assert!(refused.contains("U+0435"), "{refused}");
        assert!(refused.contains("半角英数字でない文字"), "{refused}");
    }

    #[test]
    fn the_invisible_characters_are_refused() {
        for hidden in [
            '\u{E0041}',
            '\u{3164}',
            '\u{115F}',
            '\u{1160}',
            '\u{FFA0}',
            '\u{034F}',
            '\u{FE0F}',
        ] {
            let refused = checked(&format!("text = \"東京{hidden}\"\n")).unwrap_err();
            assert!(refused.contains("見えない書式文字"), "{refused}");
        }
    }

    #[test]
    fn a_source_quote_is_left_as_the_seed_wrote_it_but_a_source_table_is_checked() {
        assert_eq!(
            checked("[a]\nsource = \"※ https://fleets.com/ http://x\"\n"),
            Ok(())
        );
        assert_eq!(
            checked("[source]\ntitle = \"※\"\n"),
            Err("rules.toml:2:9: 「※」(U+203B) は端末によって幅が変わる記号なので使えません。ほかの書き方にしてください".to_string())
        );
    }
}
