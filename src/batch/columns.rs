//! The header row: which column holds the clinic's name (headed as [`Field::ClinicName`]'s
//! headings say) and which holds each answer. A header
//! is matched after NFKC, with spaces removed and letters in lower case, so 「お客さまＩＤ」,
//! 「Customer_ID」 and 「customer-id」 are the same column.

use crate::rules::Field;
use crate::rules::text;

/// A header as it is compared: NFKC, no spaces or invisible characters, lower case, `_` as `-`.
pub fn fold_header(s: &str) -> String {
    text::fold(s)
        .chars()
        .filter(|&c| !text::is_invisible(c))
        .flat_map(char::to_lowercase)
        .map(|c| if c == '_' { '-' } else { c })
        .collect()
}

/// What a header names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Name,
    Answer(Field),
}

/// Which column a header names, if any.
pub fn column_of(header: &str) -> Option<Column> {
    let h = fold_header(header);
    if names_field(&h, Field::ClinicName) {
        return Some(Column::Name);
    }
    Field::all()
        .filter(|&f| f != Field::ClinicName)
        .find(|f| names_field(&h, *f))
        .map(Column::Answer)
}

/// Whether the folded header `h` is `field`'s key or one of its headings.
fn names_field(h: &str, field: Field) -> bool {
    let spec = field.spec();
    h == spec.key || spec.headings.iter().any(|name| fold_header(name) == h)
}

/// The columns of a file, by index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Columns {
    pub name: Option<usize>,
    /// (field, column index), in question order.
    pub answers: Vec<(Field, usize)>,
    /// Headers that name nothing (shown to the user, sanitised, so a misspelling is noticed).
    pub ignored: Vec<String>,
}

/// Why a header row cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderError {
    /// No column for the line type: every row would fail.
    NoLineColumn,
    /// Two columns name the same thing: (what, first header, second header).
    Duplicate(String, String, String),
}

impl std::fmt::Display for HeaderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderError::NoLineColumn => {
                let line = Field::Line.spec();
                let heading = line.headings.first().copied().unwrap_or(line.label);
                let example = [
                    Field::Line,
                    Field::Prefecture,
                    Field::Applied,
                    Field::CustomerId,
                ]
                .map(Field::key)
                .join(",");
                write!(
                    f,
                    "1行目の見出しに{}の列 (「{}」または「{heading}」) がありません。1行目に見出しを書いてください (例: 医療機関名,{example})",
                    line.label, line.key
                )
            }
            HeaderError::Duplicate(what, a, b) => write!(
                f,
                "列「{a}」と「{b}」はどちらも{what}の列です。どちらか一つにしてください"
            ),
        }
    }
}

impl Columns {
    /// Maps a header row.
    pub fn from_header<'a>(
        headers: impl IntoIterator<Item = &'a str>,
    ) -> Result<Columns, HeaderError> {
        let mut c = Columns::default();
        let mut seen: Vec<(Column, String)> = Vec::new();
        for (i, h) in headers.into_iter().enumerate() {
            let shown = text::sanitize(h.trim());
            let Some(col) = column_of(h) else {
                if !fold_header(h).is_empty() {
                    c.ignored.push(shown);
                }
                continue;
            };
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == col) {
                let what = match col {
                    Column::Name => Field::ClinicName.label(),
                    Column::Answer(f) => f.label(),
                };
                return Err(HeaderError::Duplicate(
                    what.to_string(),
                    first.clone(),
                    shown,
                ));
            }
            seen.push((col, shown));
            match col {
                Column::Name => c.name = Some(i),
                Column::Answer(f) => c.answers.push((f, i)),
            }
        }
        if !c.answers.iter().any(|(f, _)| *f == Field::Line) {
            return Err(HeaderError::NoLineColumn);
        }
        c.answers.sort();
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_snake_case_and_japanese_headers() {
        let c = Columns::from_header([
            "医療機関名",
            "回線の種類",
            "都道府県",
            "Customer_ID",
            "備考",
            "",
            "ｖ６オプション",
        ])
        .expect("maps");
        assert_eq!(c.name, Some(0));
        assert_eq!(
            c.answers,
            [
                (Field::Line, 1),
                (Field::Prefecture, 2),
                (Field::V6, 6),
                (Field::CustomerId, 3)
            ]
        );
        assert_eq!(c.ignored, ["備考"]);
        assert_eq!(
            column_of("お客さまＩＤ"),
            Some(Column::Answer(Field::CustomerId))
        );
        assert_eq!(
            column_of(" multiple-lines "),
            Some(Column::Answer(Field::MultipleLines))
        );
    }

    #[test]
    fn no_line_column_or_a_duplicate_is_refused() {
        assert_eq!(
            Columns::from_header(["name", "prefecture"]),
            Err(HeaderError::NoLineColumn)
        );
        let e = Columns::from_header(["line", "回線の種類"]).expect_err("duplicate");
        assert!(e.to_string().contains("「line」と「回線の種類」"), "{e}");
    }

    #[test]
    fn every_key_its_snake_case_and_every_heading_name_their_field() {
        for f in Field::all() {
            let spec = f.spec();
            let snake = spec.key.replace('-', "_").to_uppercase();
            for h in [spec.key, snake.as_str(), spec.label]
                .into_iter()
                .chain(spec.headings.iter().copied())
            {
                let column = match f {
                    Field::ClinicName => Column::Name,
                    f => Column::Answer(f),
                };
                assert_eq!(column_of(h), Some(column), "{h}");
            }
        }
    }

    #[test]
    fn no_heading_names_two_columns() {
        let mut seen: Vec<(String, Option<Field>)> = Vec::new();
        for f in Field::all() {
            let spec = f.spec();
            for h in std::iter::once(spec.key).chain(spec.headings.iter().copied()) {
                let folded = fold_header(h);
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == folded) {
                    assert_eq!(*other, Some(f), "「{h}」 names {other:?} and {f:?}");
                }
                seen.push((folded, Some(f)));
            }
        }
    }

    #[test]
    fn the_header_message_names_the_line_columns() {
        assert_eq!(
            HeaderError::NoLineColumn.to_string(),
            "1行目の見出しに回線の種類の列 (「line」または「回線の種類」) がありません。1行目に見出しを書いてください (例: 医療機関名,line,prefecture,applied,customer-id)"
        );
    }
}
