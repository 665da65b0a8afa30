//! The answer fields: everything the program says about each one, described once, and the error
//! every parser returns.

use serde::Serialize;
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

/// One answer of the wizard, or one flag of `check`. The ids (`customer_id`) are what JSON output
/// and scripts see; everything people see of a field is in its [`FieldSpec`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Field {
    Line,
    Collab,
    Prefecture,
    Applied,
    Opened,
    V6,
    CustomerId,
    MultipleLines,
    ClinicName,
}

/// How one field is written and called wherever an answer is given: the `check` flag (and
/// `--help`), the answer file, a batch CSV's heading, the screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The answer file's key, which is also the flag without its `--` and a batch heading
    /// (as is its snake_case spelling): kebab-case.
    pub key: &'static str,
    /// The name screens and messages call the field by.
    pub label: &'static str,
    /// The headings a batch CSV column for the field may have besides the key, as people write
    /// them (they are compared folded: 「お客さまＩＤ」 matches 「お客さまID」). The first is the
    /// one messages suggest.
    pub headings: &'static [&'static str],
    /// The flag's placeholder in `--help` (`--line <ID>`).
    pub value_name: &'static str,
    /// The flag's line in `--help`.
    pub help: &'static str,
    /// An example answer.
    pub example: Example,
}

/// An example answer: a value, and what else may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    pub value: &'static str,
    pub note: ExampleNote,
}

/// What an example adds after its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExampleNote {
    None,
    /// Another value that works as well: 「(または --line 光クロス)」.
    Or(&'static str),
    /// 「(わからないときは --applied unknown)」.
    UnknownToo,
    /// The values there are, as a list: 「(yes / no / unknown)」.
    Values(&'static str),
}

impl Field {
    /// Everything about the field. Adding a field means adding its arm here; the compiler then
    /// points at every other `match` that has to learn it.
    pub const fn spec(self) -> FieldSpec {
        match self {
            Field::Line => FieldSpec {
                key: "line",
                label: "回線の種類",
                headings: &["回線の種類", "回線"],
                value_name: "ID",
                help: "回線の種類: 画面と同じ名前 (光クロス など) か id (一覧: oqs-line-check list lines)",
                example: Example {
                    value: "next-family",
                    note: ExampleNote::Or("光クロス"),
                },
            },
            Field::Collab => FieldSpec {
                key: "collab",
                label: "コラボ光",
                headings: &["コラボ光"],
                value_name: "yes|no|unknown",
                help: "コラボ光か: はい / いいえ / わからない (yes / no / unknown)",
                example: Example {
                    value: "はい",
                    note: ExampleNote::Values("yes / no / unknown"),
                },
            },
            Field::Prefecture => FieldSpec {
                key: "prefecture",
                label: "都道府県",
                headings: &["都道府県"],
                value_name: "P",
                help: "都道府県: 東京都、とうきょう、tokyo、13 など",
                example: Example {
                    value: "東京",
                    note: ExampleNote::None,
                },
            },
            Field::Applied => FieldSpec {
                key: "applied",
                label: "申込日",
                headings: &["申込日", "回線の申込日", "申し込み日", "申込み日"],
                value_name: "DATE",
                help: "回線の申込日: 2012-05-29、平成24年5月29日、H24.5.29、2012年6月、H22 など、または unknown (わからない)",
                example: Example {
                    value: "2012-05-29",
                    note: ExampleNote::UnknownToo,
                },
            },
            Field::Opened => FieldSpec {
                key: "opened",
                label: "開通日",
                headings: &["開通日", "回線の開通日"],
                value_name: "DATE",
                help: "回線の開通日 (「開通のご案内」の日付、申込日がわからないとき): 2012-06-15、平成24年6月 など",
                example: Example {
                    value: "2012-06-15",
                    note: ExampleNote::UnknownToo,
                },
            },
            Field::V6 => FieldSpec {
                key: "v6",
                label: "フレッツ・v6オプション",
                headings: &[
                    "v6オプション",
                    "フレッツ・v6オプション",
                    "フレッツv6オプション",
                ],
                value_name: "STATUS",
                help: "フレッツ・v6オプション: 契約済み / 未契約 / わからない (contracted / not-contracted / unknown)",
                example: Example {
                    value: "未契約",
                    note: ExampleNote::Values("contracted / not-contracted / unknown"),
                },
            },
            Field::CustomerId => FieldSpec {
                key: "customer-id",
                label: "お客さまID",
                headings: &["お客さまID", "お客様ID"],
                value_name: "ID",
                help: "お客さまID (CAF + 10桁、東日本は COP + 8桁も)、または unknown (わからない)",
                example: Example {
                    value: "CAF0123456789",
                    note: ExampleNote::None,
                },
            },
            Field::MultipleLines => FieldSpec {
                key: "multiple-lines",
                label: "複数の回線",
                headings: &["複数の回線", "複数回線"],
                value_name: "yes|no|unknown",
                help: "複数の回線を契約しているか: はい / いいえ / わからない (yes / no / unknown)",
                example: Example {
                    value: "いいえ",
                    note: ExampleNote::Values("yes / no / unknown"),
                },
            },
            Field::ClinicName => FieldSpec {
                key: "clinic-name",
                label: "医療機関名",
                headings: &[
                    "医療機関名",
                    "name",
                    "名前",
                    "医療機関",
                    "医療機関等名",
                    "医療機関・薬局名",
                    "施設名",
                    "薬局名",
                ],
                value_name: "NAME",
                help: "医療機関・薬局の名前 (省略可。結果と保存するファイルの名前に入ります)",
                example: Example {
                    value: "さくら内科クリニック",
                    note: ExampleNote::None,
                },
            },
        }
    }

    /// The fields in question order.
    pub fn all() -> impl DoubleEndedIterator<Item = Field> + Clone {
        Field::iter()
    }

    /// The field's name as the screens and messages call it.
    pub const fn label(self) -> &'static str {
        self.spec().label
    }

    /// The answer file's key and the flag's name: `customer-id`.
    pub const fn key(self) -> &'static str {
        self.spec().key
    }

    /// The `check` flag: `--customer-id`.
    pub fn flag(self) -> String {
        format!("--{}", self.key())
    }

    /// The field whose answer-file key is `key`.
    pub fn from_key(key: &str) -> Option<Field> {
        Field::all().find(|f| f.key() == key)
    }

    /// The field whose flag is `flag` (`--line`).
    pub fn from_flag(flag: &str) -> Option<Field> {
        flag.strip_prefix("--").and_then(Field::from_key)
    }

    /// The example as a command line writes it: 「--line next-family (または --line 光クロス)」.
    pub fn flag_example(self) -> String {
        let flag = self.flag();
        let Example { value, note } = self.spec().example;
        match note {
            ExampleNote::None => format!("{flag} {value}"),
            ExampleNote::Or(other) => format!("{flag} {value} (または {flag} {other})"),
            ExampleNote::UnknownToo => {
                format!("{flag} {value} (わからないときは {flag} unknown)")
            }
            ExampleNote::Values(values) => format!("{flag} {value} ({values})"),
        }
    }
}

/// What is wrong with one answer: a stable `code` for scripts and a Japanese `message` for people
/// that names the field and says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: Field,
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    /// `message` is the part after the field's name: 「お客さまID: 」 is put in front of it.
    pub fn new(field: Field, code: &'static str, message: impl AsRef<str>) -> Self {
        FieldError {
            field,
            code,
            message: [field.label(), ": ", message.as_ref()].concat(),
        }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn distinct(values: impl IntoIterator<Item = String>) -> bool {
        let values: Vec<String> = values.into_iter().collect();
        values.iter().collect::<HashSet<_>>().len() == values.len()
    }

    #[test]
    fn every_field_has_its_own_key_flag_and_label() {
        assert!(distinct(Field::all().map(|f| f.key().to_string())));
        assert!(distinct(Field::all().map(Field::flag)));
        assert!(distinct(Field::all().map(|f| f.label().to_string())));
        for f in Field::all() {
            let key = f.key();
            assert!(
                !key.is_empty()
                    && key
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{key}"
            );
            // The id scripts see is the key in snake_case, the spelling a CSV heading may use.
            assert_eq!(f.as_ref(), key.replace('-', "_"), "{f:?}");
            assert_eq!(Field::from_key(key), Some(f));
            assert_eq!(Field::from_flag(&f.flag()), Some(f));
            assert_eq!(f.flag(), format!("--{key}"));
        }
        assert_eq!(Field::from_key("customer_id"), None);
        assert_eq!(Field::from_flag("line"), None);
    }

    #[test]
    fn every_field_is_described_in_full() {
        for f in Field::all() {
            let spec = f.spec();
            assert_eq!(spec.key, f.key());
            assert_eq!(spec.label, f.label());
            // A batch column may be headed by the name the screens use.
            assert!(spec.headings.contains(&spec.label), "{f:?}");
            assert!(
                !spec.value_name.is_empty() && !spec.help.is_empty(),
                "{f:?}"
            );
            assert!(!spec.example.value.is_empty(), "{f:?}");
            let example = f.flag_example();
            assert!(
                example.starts_with(&format!("{} {}", f.flag(), spec.example.value)),
                "{example}"
            );
            for text in [spec.label, spec.help, &example]
                .into_iter()
                .chain(spec.headings.iter().copied())
            {
                assert!(
                    !text.chars().any(crate::rules::text::is_ambiguous_width),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn examples_read_as_before() {
        assert_eq!(
            Field::Line.flag_example(),
            "--line next-family (または --line 光クロス)"
        );
        assert_eq!(
            Field::Applied.flag_example(),
            "--applied 2012-05-29 (わからないときは --applied unknown)"
        );
        assert_eq!(
            Field::V6.flag_example(),
            "--v6 未契約 (contracted / not-contracted / unknown)"
        );
        assert_eq!(Field::Prefecture.flag_example(), "--prefecture 東京");
    }
}
