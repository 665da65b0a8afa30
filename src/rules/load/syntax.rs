//! The file's syntax and shape mistakes, as toml and serde word them, told in Japanese.

use std::sync::LazyLock;

use regex::Regex;

use crate::rules::text;

/// toml and serde explain in English; every case is retold in Japanese, with the value types
/// in the file's words (文字列, 配列, 表) rather than the program's (`a sequence`, `u8`,
/// `struct RawCustomerId`).
pub(super) fn explain_toml_error(message: &str) -> String {
    type Retell = fn(&regex::Captures<'_>) -> String;
    static PATTERNS: LazyLock<Vec<(Regex, Retell)>> = LazyLock::new(|| {
        let table: [(&str, Retell); 8] = [
            (
                r"^unknown field `([^`]*)`, expected (?:one of )?(.*)$",
                |c| {
                    format!(
                        "「{}」という項目はありません。綴りを確かめてください (使える項目: {})",
                        &c[1],
                        &c[2].replace("` or `", "`, `")
                    )
                },
            ),
            (r"^unknown field `([^`]*)`.*$", |c| {
                format!("「{}」という項目はありません", &c[1])
            }),
            (r"^missing field `([^`]*)`", |c| {
                format!("項目「{}」がありません。追加してください", &c[1])
            }),
            (r"^unknown variant `([^`]*)`, expected (.*)$", |c| {
                format!(
                    "値「{}」は使えません。使える値: {}",
                    &c[1],
                    &c[2].replace("` or `", "`, `")
                )
            }),
            (r"^invalid type: (.*), expected (.*)$", |c| {
                format!(
                    "値の種類が違います ({}ではなく、{}を書いてください)",
                    found(&c[1]),
                    wanted(&c[2])
                )
            }),
            (r"^duplicate key `([^`]*)`", |c| {
                format!("項目「{}」が二度書かれています", &c[1])
            }),
            (r"^invalid value: (.*), expected (.*)$", |c| {
                format!(
                    "値が正しくありません ({}。必要なのは{})",
                    found(&c[1]),
                    wanted(&c[2])
                )
            }),
            (r"^invalid length (\d+), expected (.*)$", |c| {
                format!(
                    "要素の数が違います ({} 個。必要なのは{})",
                    &c[1],
                    wanted(&c[2])
                )
            }),
        ];
        table
            .into_iter()
            .filter_map(|(p, f)| Regex::new(p).ok().map(|re| (re, f)))
            .collect()
    });
    let first = message.lines().next().unwrap_or(message).trim();
    for (re, retell) in PATTERNS.iter() {
        if let Some(c) = re.captures(first) {
            return text::sanitize(&retell(&c));
        }
    }
    format!("TOML として読めません。{}", syntax_reason(first))
}

/// A value as serde names what it found: `string "x"`, `integer `-1``, `map`.
fn found(what: &str) -> String {
    static VALUE: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"^(string|integer|floating point|boolean|char) (.*)$").ok());
    if let Some(c) = VALUE.as_ref().and_then(|re| re.captures(what)) {
        let kind = match &c[1] {
            "string" | "char" => "文字列",
            "integer" => "整数",
            "floating point" => "小数",
            _ => "真偽値",
        };
        return format!("{kind} {}", c[2].trim_matches('`'));
    }
    wanted(what)
}

/// A type as serde names what it expected: `a sequence`, `u8`, `struct RawCustomerId`.
fn wanted(what: &str) -> String {
    let what = what.trim();
    let bare = what
        .strip_prefix("a ")
        .or_else(|| what.strip_prefix("an "))
        .unwrap_or(what);
    let word = bare.split_whitespace().next().unwrap_or(bare);
    match word {
        "string" | "str" | "char" => "文字列 (\"...\")".to_string(),
        "sequence" | "seq" | "array" | "tuple" => "配列 ([ ])".to_string(),
        "map" | "table" | "struct" => "表 ({ } や [見出し])".to_string(),
        "u8" => "0 から 255 までの整数".to_string(),
        "u16" | "u32" | "u64" | "usize" => "0 以上の整数".to_string(),
        "i8" | "i16" | "i32" | "i64" | "isize" | "integer" => "整数".to_string(),
        "f32" | "f64" | "float" | "floating" => "数".to_string(),
        "boolean" | "bool" => "true か false".to_string(),
        "date" | "datetime" | "local" | "offset" => "日付".to_string(),
        "enum" | "variant" | "unit" | "option" | "newtype" => "決められた値".to_string(),
        _ if what.contains('`') => format!("{}のどれか", what.replace("` or `", "`, `")),
        _ => "決められた種類の値".to_string(),
    }
}

/// A TOML syntax mistake, as the reader words it, in Japanese.
fn syntax_reason(message: &str) -> &'static str {
    let has = |words: &[&str]| words.iter().any(|w| message.contains(w));
    if has(&["recursion"]) {
        "入れ子が深すぎます。配列や表、ドットでつないだ項目名を何重にも重ねないでください"
    } else if has(&["duplicate key"]) {
        "同じ項目が二度書かれています。一つにしてください"
    } else if has(&["unclosed"]) {
        "閉じていない括弧があります。[ には ]、{ には } を対にしてください"
    } else if has(&["must be quoted", "unquoted string"]) {
        "文字列は引用符 (\") で囲んでください"
    } else if has(&[
        "key with no value",
        "missing value",
        "missing assignment",
        "separator",
    ]) {
        "項目名のあとに = と値を書いてください"
    } else if has(&["escape", "unicode"]) {
        "引用符の中の \\ の使い方が正しくありません"
    } else if has(&["string"]) {
        "文字列の書き方が正しくありません。同じ行の中で引用符を閉じてください"
    } else if has(&["date", "time"]) {
        "日付の書き方が正しくありません。2012-05-29 のように書いてください"
    } else if has(&[
        "integer",
        "number",
        "float",
        "exponent",
        "mantissa",
        "fraction",
        "radix",
        "leading zero",
        "sign",
    ]) {
        "数の書き方が正しくありません"
    } else if has(&["comma"]) {
        "区切りのカンマ (,) の位置が正しくありません"
    } else if has(&["key"]) {
        "項目名の書き方が正しくありません"
    } else if has(&["comment"]) {
        "コメントは # で始めてください"
    } else if has(&["table"]) {
        "表 ([見出し] や { }) の書き方が正しくありません"
    } else if has(&["array"]) {
        "配列 ([ ]) の書き方が正しくありません"
    } else if has(&["newline", "carriage return"]) {
        "改行の書き方が正しくありません"
    } else {
        "書き方が正しくありません。その場所を確かめてください"
    }
}

/// Where a mistake the reader reports without a place is: the line with the most nesting
/// (`[`, `{`, dots), which is what stops the reader when it gives up without one.
pub(super) fn deepest_line(input: &str) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    let mut start = 0;
    for line in input.split_inclusive('\n') {
        let depth = line
            .chars()
            .filter(|c| matches!(c, '[' | '{' | '.'))
            .count();
        if best.as_ref().is_none_or(|(d, _)| depth > *d) {
            best = Some((depth, start..start + line.len()));
        }
        start += line.len();
    }
    best.map(|(_, span)| span)
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
                "値の種類が違います (文字列 \"1\"ではなく、0 から 255 までの整数を書いてください)",
            ),
            (
                "invalid type: string \"x\", expected struct RawCustomerId",
                "値の種類が違います (文字列 \"x\"ではなく、表 ({ } や [見出し])を書いてください)",
            ),
            (
                "invalid type: map, expected a string",
                "値の種類が違います (表 ({ } や [見出し])ではなく、文字列 (\"...\")を書いてください)",
            ),
            (
                "invalid type: string \"x\", expected a sequence",
                "値の種類が違います (文字列 \"x\"ではなく、配列 ([ ])を書いてください)",
            ),
            ("duplicate key `id`", "項目「id」が二度書かれています"),
            (
                "invalid value: integer `-1`, expected u8",
                "値が正しくありません (整数 -1。必要なのは0 から 255 までの整数)",
            ),
        ] {
            assert_eq!(explain_toml_error(english), japanese, "{english}");
        }
    }

    #[test]
    fn a_syntax_mistake_is_told_in_japanese_without_the_readers_english() {
        assert_eq!(
            explain_toml_error("invalid basic string\nmore"),
            "TOML として読めません。文字列の書き方が正しくありません。同じ行の中で引用符を閉じてください"
        );
        for english in [
            "cannot recurse further; max recursion depth met",
            "recursion limit",
            "duplicate key",
            "unclosed array",
            "invalid float",
            "some future message",
        ] {
            let told = explain_toml_error(english);
            assert!(
                !told.chars().any(|c| c.is_ascii_lowercase()),
                "{english}: {told}"
            );
        }
    }

    #[test]
    fn no_type_name_of_the_program_reaches_a_message() {
        let customer_id = "customer_id = \"x\"\n";
        let e = from_toml("rules.toml", customer_id).unwrap_err();
        assert!(!e.message.contains("Raw"), "{e}");
        assert!(!e.message.contains("struct"), "{e}");
    }

    #[test]
    fn too_deep_a_nesting_is_reported_on_its_line() {
        let input = format!("[source]\ntitle = \"t\"\n{}b = 1\n", "a.".repeat(300));
        let e = from_toml("rules.toml", &input).unwrap_err();
        assert_eq!((e.line, e.column), (3, 1), "{e}");
        assert!(e.message.contains("入れ子が深すぎます"), "{e}");
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
