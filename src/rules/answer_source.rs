//! Where an answer is given — a `check` flag, an answer file's key, a batch CSV's column — and a
//! missing answer's message that names it, so the user knows what to fill in.

use super::field::Field;

/// Where the answers of a run are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerSource<'a> {
    /// `check`'s flags; `or_file`: an answer file is read too, so its key is named as well.
    Flag { or_file: bool },
    /// A batch column, by its heading as the file writes it.
    Column(&'a str),
    /// A batch file that has no column for the field.
    NoColumn,
}

/// The message of a `missing` error rewritten to name where the answer is given:
/// 「回線の種類の指定 (--line) がありません。…。例: --line next-family」 for a flag,
/// 「回線の種類の列「line」が空です。…」 for a column. Other errors keep their message.
pub fn name_the_source(field: Field, code: &str, message: &mut String, source: AnswerSource<'_>) {
    if code != "missing" {
        return;
    }
    let label = field.label();
    let key = field.key();
    let rest = message
        .strip_prefix(label)
        .and_then(|r| r.strip_prefix(": "))
        .unwrap_or(message)
        .trim_end_matches('。');
    let named = match source {
        AnswerSource::Flag { or_file } => {
            let flag = field.flag();
            let place = if or_file {
                format!("{flag}、または回答ファイルの {key}")
            } else {
                flag
            };
            format!(
                "{label}の指定 ({place}) がありません。{rest}。例: {}",
                field.flag_example()
            )
        }
        AnswerSource::Column(heading) => format!("{label}の列「{heading}」が空です。{rest}"),
        AnswerSource::NoColumn => {
            let japanese = field
                .spec()
                .headings
                .first()
                .map_or_else(String::new, |h| format!("または「{h}」"));
            format!(
                "{label}の列がありません。1行目の見出しに「{key}」{japanese}の列を足してください。{rest}"
            )
        }
    };
    *message = named;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::answers::parse_answers;
    use crate::rules::{FieldError, RawAnswers};

    fn named(field: Field, code: &'static str, source: AnswerSource<'_>) -> String {
        let mut e = FieldError::new(field, code, "回線の名前か id で指定してください。");
        name_the_source(e.field, e.code, &mut e.message, source);
        e.message
    }

    #[test]
    fn a_flag_and_the_answer_file_key_are_named_with_an_example() {
        assert_eq!(
            named(
                Field::Line,
                "missing",
                AnswerSource::Flag { or_file: false }
            ),
            "回線の種類の指定 (--line) がありません。回線の名前か id で指定してください。例: --line next-family (または --line 光クロス)"
        );
        let m = named(
            Field::CustomerId,
            "missing",
            AnswerSource::Flag { or_file: true },
        );
        assert!(
            m.starts_with(
                "お客さまIDの指定 (--customer-id、または回答ファイルの customer-id) がありません。"
            ),
            "{m}"
        );
        assert!(m.ends_with("例: --customer-id CAF0123456789"), "{m}");
    }

    #[test]
    fn a_column_is_named_by_its_heading_or_the_headings_to_add() {
        assert_eq!(
            named(
                Field::Applied,
                "missing",
                AnswerSource::Column("申し込み日")
            ),
            "申込日の列「申し込み日」が空です。回線の名前か id で指定してください"
        );
        assert_eq!(
            named(Field::CustomerId, "missing", AnswerSource::NoColumn),
            "お客さまIDの列がありません。1行目の見出しに「customer-id」または「お客さまID」の列を足してください。回線の名前か id で指定してください"
        );
    }

    #[test]
    fn other_errors_keep_their_message() {
        for source in [
            AnswerSource::Flag { or_file: true },
            AnswerSource::Column("line"),
            AnswerSource::NoColumn,
        ] {
            assert_eq!(
                named(Field::Line, "unknown", source),
                "回線の種類: 回線の名前か id で指定してください。"
            );
        }
    }

    /// The parser's own messages, named as `check` names them.
    #[test]
    fn the_parsers_missing_answers_name_their_flag() {
        let rules = crate::rules::embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default();
        let messages = |raw: RawAnswers, or_file: bool| -> Vec<String> {
            parse_answers(rules, &raw, today)
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(|mut e| {
                    let source = AnswerSource::Flag { or_file };
                    name_the_source(e.field, e.code, &mut e.message, source);
                    e.message
                })
                .collect()
        };
        let m = messages(RawAnswers::default(), false);
        assert!(
            m[0].starts_with("回線の種類の指定 (--line) がありません。"),
            "{m:?}"
        );
        assert!(m[0].contains("例: --line next-family"), "{m:?}");
        let raw = RawAnswers {
            line: Some("next".to_string()),
            ..RawAnswers::default()
        };
        let m = messages(raw.clone(), false);
        assert!(
            m[0].starts_with("都道府県の指定 (--prefecture) がありません。"),
            "{m:?}"
        );
        assert!(m[0].contains("例: --prefecture 東京"), "{m:?}");
        let m = messages(raw, true);
        assert!(
            m[0].contains("(--prefecture、または回答ファイルの prefecture)"),
            "{m:?}"
        );
        // A bad value keeps the parser's message.
        let raw = RawAnswers {
            line: Some("nxt".to_string()),
            ..RawAnswers::default()
        };
        assert!(messages(raw, false)[0].starts_with("回線の種類: 「nxt」"));
    }
}
