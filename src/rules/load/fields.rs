//! Checks that several sections share: addresses, dates, sentences, unique ids.

use std::collections::HashSet;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::failure::{Failure, Seg, fail, i, k};
use crate::rules::text;

pub(super) fn check_url(url: &str, path: Vec<Seg>) -> Result<String, Failure> {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^https://[A-Za-z0-9.-]+(/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?$")
            .expect("the URL pattern is a valid regex")
    });
    if !url.starts_with("https://") {
        return fail(
            path,
            format!(
                "アドレス「{}」は https:// で始めてください",
                text::sanitize(url)
            ),
        );
    }
    if !url.is_ascii() {
        return fail(path, non_ascii_address(url));
    }
    if !URL.is_match(url) {
        return fail(
            path,
            format!("アドレス「{}」の形が正しくありません", text::sanitize(url)),
        );
    }
    Ok(url.to_string())
}

/// An address with a character outside ASCII: a full-width letter, or a look-alike from another
/// script (Cyrillic а, е, о) that would lead somewhere else.
pub(super) fn non_ascii_address(url: &str) -> String {
    let odd: String = url
        .chars()
        .filter(|c| !c.is_ascii())
        .map(|c| format!("U+{:04X}", c as u32))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "アドレス「{}」に半角英数字でない文字 ({odd}) があります。アドレスは半角の英数字と記号だけで書いてください (見た目の似たキリル文字などにも注意)",
        text::sanitize(url)
    )
}

pub(super) fn check_date(s: &str, path: Vec<Seg>) -> Result<NaiveDate, Failure> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| {
        fail(
            path,
            format!(
                "日付「{}」が正しくありません。2012-05-29 のように、ある日付を書いてください",
                text::sanitize(s)
            ),
        )
    })
}

/// A text the result joins to another: it must end with 「。」, so that the two read as two
/// sentences without a space between them.
pub(super) fn check_sentence(s: &str, path: Vec<Seg>) -> Result<(), Failure> {
    if s.ends_with('。') {
        Ok(())
    } else {
        fail(
            path,
            "この文は「。」で終えてください (結果の画面でほかの文の前に続けて表示します)",
        )
    }
}

pub(super) fn check_unique<'a>(
    ids: impl Iterator<Item = &'a str>,
    table: &'static str,
    field: &'static str,
) -> Result<(), Failure> {
    let mut seen = HashSet::new();
    for (n, id) in ids.enumerate() {
        if !seen.insert(id) {
            return fail(
                vec![k(table), i(n), k(field)],
                format!(
                    "{table} の {field}「{}」が重複しています。一つにしてください",
                    text::sanitize(id)
                ),
            );
        }
    }
    Ok(())
}
