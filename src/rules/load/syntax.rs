//! The file's syntax and shape mistakes, as toml and serde word them, told in Japanese.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::text;

/// toml and serde explain in English; the common cases are retold in Japanese, anything else is
/// shown as it is (sanitised) after a Japanese lead.
pub(super) fn explain_toml_error(message: &str) -> String {
    static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
        [
            (
                r"^unknown field `([^`]*)`, expected (?:one of )?(.*)$",
                "「$1」という項目はありません。綴りを確かめてください (使える項目: $2)",
            ),
            (
                r"^unknown field `([^`]*)`.*$",
                "「$1」という項目はありません",
            ),
            (
                r"^missing field `([^`]*)`",
                "項目「$1」がありません。追加してください",
            ),
            (
                r"^unknown variant `([^`]*)`, expected (.*)$",
                "値「$1」は使えません。使える値: $2",
            ),
            (
                r"^invalid type: (.*), expected (.*)$",
                "値の型が違います ($1 ではなく $2 が必要です)",
            ),
            (
                r"^duplicate key `([^`]*)`",
                "項目「$1」が二度書かれています",
            ),
            (
                r"^invalid value: (.*), expected (.*)$",
                "値が正しくありません ($1。必要なのは $2)",
            ),
        ]
        .into_iter()
        .filter_map(|(p, r)| Regex::new(p).ok().map(|re| (re, r)))
        .collect()
    });
    let first = message.lines().next().unwrap_or(message);
    for (re, replacement) in PATTERNS.iter() {
        if re.is_match(first) {
            return text::sanitize(&re.replace(first, *replacement).replace("` or `", "`, `"));
        }
    }
    format!("TOML として読めません ({})", text::sanitize(first))
}

#[cfg(test)]
mod tests {
    use super::explain_toml_error;
    use crate::rules::load::from_toml;

    #[test]
    fn the_common_mistakes_are_told_in_japanese() {
        for (english, japanese) in [
            (
                "unknown field `nmae`, expected one of `id`, `name`",
                "「nmae」という項目はありません。綴りを確かめてください (使える項目: `id`, `name`)",
            ),
            (
                "unknown field `x`, expected `id` or `name`",
                "「x」という項目はありません。綴りを確かめてください (使える項目: `id`, `name`)",
            ),
            ("unknown field `x`", "「x」という項目はありません"),
            (
                "missing field `hint`",
                "項目「hint」がありません。追加してください",
            ),
            (
                "unknown variant `north`, expected `east` or `west`",
                "値「north」は使えません。使える値: `east`, `west`",
            ),
            (
                "invalid type: string \"1\", expected u8",
                "値の型が違います (string \"1\" ではなく u8 が必要です)",
            ),
            ("duplicate key `id`", "項目「id」が二度書かれています"),
            (
                "invalid value: integer `-1`, expected u8",
                "値が正しくありません (integer `-1`。必要なのは u8)",
            ),
        ] {
            assert_eq!(explain_toml_error(english), japanese, "{english}");
        }
    }

    #[test]
    fn anything_else_is_shown_after_a_japanese_lead_first_line_only() {
        assert_eq!(
            explain_toml_error("invalid basic string\nmore"),
            "TOML として読めません (invalid basic string)"
        );
    }

    #[test]
    fn a_syntax_mistake_is_reported_where_it_is() {
        let e = from_toml("rules.toml", "[source]\ntitle = \n").unwrap_err();
        assert_eq!((e.file.as_str(), e.line, e.column), ("rules.toml", 2, 9));
        assert!(
            e.message
                .starts_with("ルールファイルの書き方が正しくありません: "),
            "{e}"
        );
    }
}
