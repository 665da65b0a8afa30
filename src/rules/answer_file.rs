//! Answer files: the answers of the `check` flags as a small TOML file, read by the wizard and by
//! `check` (`--answers FILE`), and written by the wizard's save.
//!
//! ```toml
//! line = "next-family"
//! prefecture = "東京都"
//! applied = "2010-04-01"
//! customer-id = "CAF0123456789"
//! ```
//!
//! The keys are the flags' names (kebab-case). Reading checks the TOML and the keys and keeps
//! where each value stands; the values themselves are checked by the same parser as the flags'
//! ([`super::answers::parse_answers`]), and [`AnswerFile::locate`] puts an error of a value that
//! came from the file back on its line.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::answers::RawAnswers;
use super::field::{Field, FieldError};
use super::file_read;
use super::text;

/// An answer file larger than this is not an answer file (a real one is a few hundred bytes).
pub const MAX_BYTES: u64 = 64 * 1024;

/// The keys of an answer file (and the `check` flags), in question order: each field's
/// [`Field::key`].
pub fn keys() -> impl Iterator<Item = &'static str> {
    Field::all().map(Field::key)
}

fn key_list() -> String {
    keys().collect::<Vec<_>>().join(", ")
}

/// What is wrong with an answer file, and where. `line` and `column` count from 1; 0 means "the
/// whole file". Shown as `FILE:LINE:COLUMN: message`, the way compilers and editors expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerFileError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// The answer it is about, when it is about one value.
    pub field: Option<Field>,
    /// A stable code for scripts: a parser's code for a bad value, else `unreadable`,
    /// `too_large`, `not_utf8`, `syntax`, `unknown_key`, `invalid_type`.
    pub code: &'static str,
    /// Japanese, naming the field or key and saying how to fix it.
    pub message: String,
}

impl std::fmt::Display for AnswerFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}",
            text::position(&self.file, self.line, self.column),
            self.message
        )
    }
}

impl std::error::Error for AnswerFileError {}

/// A read answer file: its answers as text (not yet checked) and where each stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerFile {
    /// The name errors call the file (the path as given).
    pub name: String,
    pub answers: RawAnswers,
    /// (field, line, column) of each value the file gives.
    positions: Vec<(Field, usize, usize)>,
}

impl AnswerFile {
    /// Reads and parses the file at `path`; the first mistake if it has any.
    pub fn read(path: &Path) -> Result<AnswerFile, AnswerFileError> {
        AnswerFile::read_all(path).map_err(first)
    }

    /// Reads and parses the file at `path`; every mistake (see [`AnswerFile::parse_all`]).
    pub fn read_all(path: &Path) -> Result<AnswerFile, Vec<AnswerFileError>> {
        AnswerFile::read_whole(path).map_err(|e| vec![e])?
    }

    /// The file's text, or why it cannot be read; then its parse.
    fn read_whole(
        path: &Path,
    ) -> Result<Result<AnswerFile, Vec<AnswerFileError>>, AnswerFileError> {
        let name = path.display().to_string();
        let whole = |code, message: String| AnswerFileError {
            file: name.clone(),
            line: 0,
            column: 0,
            field: None,
            code,
            message,
        };
        let bytes = file_read::read_regular(path, MAX_BYTES).map_err(|e| {
            let code = match e {
                file_read::ReadFault::TooLarge(_) => "too_large",
                _ => "unreadable",
            };
            whole(
                code,
                format!("回答ファイルを読めません ({})", e.reason(MAX_BYTES)),
            )
        })?;
        let input = String::from_utf8(bytes).map_err(|_| {
            whole(
                "not_utf8",
                "UTF-8 のテキストではありません。メモ帳などで文字コードに「UTF-8」を選んで保存し直してください"
                    .to_string(),
            )
        })?;
        Ok(AnswerFile::parse_all(&name, &input))
    }

    /// Parses answer-file text; the first mistake if it has any. `name` is what errors call the
    /// file.
    pub fn parse(name: &str, input: &str) -> Result<AnswerFile, AnswerFileError> {
        AnswerFile::parse_all(name, input).map_err(first)
    }

    /// Parses answer-file text and gives every mistake, in the file's order: the TOML mistakes
    /// (one per line: the reader's later complaints on a broken line follow from the first), or,
    /// when the TOML is sound, every unknown key and every value of a wrong type.
    pub fn parse_all(name: &str, input: &str) -> Result<AnswerFile, Vec<AnswerFileError>> {
        // Notepad may save a BOM; it is not part of the TOML.
        let input = input.strip_prefix('\u{feff}').unwrap_or(input);
        let at = |span: std::ops::Range<usize>, field, code, message: String| {
            let (line, column) = text::line_column(input, span.start);
            AnswerFileError {
                file: name.to_string(),
                line,
                column,
                field,
                code,
                message,
            }
        };
        // A date the TOML reader refuses (`applied = 2012-13-01`, `2012-5-29`) is not a syntax
        // error here: its text goes to the date parser like any other answer, which reads it or
        // says in Japanese what is wrong. Any other TOML mistake stops the reading (after its line's
        // first complaint is noted).
        let (doc, errors) = DeTable::parse_recoverable(input);
        let mut mistakes: Vec<AnswerFileError> = Vec::new();
        for e in errors.iter().filter(|e| !is_datetime_error(e.message())) {
            let found = at(
                e.span().unwrap_or(0..0),
                None,
                "syntax",
                explain_syntax_error(e.message()),
            );
            if !mistakes.iter().any(|m| m.line == found.line) {
                mistakes.push(found);
            }
        }
        if !mistakes.is_empty() {
            mistakes.sort_by_key(|m| (m.line, m.column));
            return Err(mistakes);
        }
        let mut file = AnswerFile {
            name: name.to_string(),
            ..AnswerFile::default()
        };
        for (k, v) in doc.get_ref().iter() {
            let key = k.get_ref().as_ref();
            let Some(field) = Field::from_key(key) else {
                mistakes.push(at(k.span(), None, "unknown_key", unknown_key_message(key)));
                continue;
            };
            let mut value = match v.get_ref() {
                DeValue::String(s) => s.to_string(),
                DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
                    .map_or_else(|_| i.as_str().to_string(), |n| n.to_string()),
                DeValue::Boolean(true) => "yes".to_string(),
                DeValue::Boolean(false) => "no".to_string(),
                // As written: the reader's own value is empty for a date it refused.
                DeValue::Datetime(_) => input.get(v.span()).unwrap_or_default().to_string(),
                other => {
                    mistakes.push(at(
                        v.span(),
                        Some(field),
                        "invalid_type",
                        format!(
                            "{} ({key}) の値が{}になっています。{key} = \"値\" のように、引用符で囲んで書いてください",
                            field.label(),
                            type_name(other)
                        ),
                    ));
                    continue;
                }
            };
            text::strip_invisible(&mut value);
            let (line, column) = text::line_column(input, v.span().start);
            file.positions.push((field, line, column));
            *given_mut(&mut file.answers, field) = Some(value);
        }
        if mistakes.is_empty() {
            Ok(file)
        } else {
            mistakes.sort_by_key(|m| (m.line, m.column));
            Err(mistakes)
        }
    }

    /// Where the file gives `field`'s value: (line, column), counting from 1.
    pub fn position(&self, field: Field) -> Option<(usize, usize)> {
        self.positions
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|&(_, l, c)| (l, c))
    }

    /// The file's answers with `flags` on top: an answer given on the command line wins over the
    /// file's.
    pub fn merged(&self, flags: &RawAnswers) -> RawAnswers {
        let mut merged = self.answers.clone();
        for field in Field::all() {
            if let Some(flag) = given(flags, field) {
                *given_mut(&mut merged, field) = Some(flag.to_string());
            }
        }
        merged
    }

    /// Whether the answers merged with `flags` take `field` from this file.
    pub fn supplies(&self, field: Field, flags: &RawAnswers) -> bool {
        self.position(field).is_some() && given(flags, field).is_none()
    }

    /// `error` placed on the line of the value it is about, when that value came from this file
    /// (not from a flag, which wins); `None` otherwise.
    pub fn locate(&self, error: &FieldError, flags: &RawAnswers) -> Option<AnswerFileError> {
        if !self.supplies(error.field, flags) {
            return None;
        }
        let (line, column) = self.position(error.field)?;
        Some(AnswerFileError {
            file: self.name.clone(),
            line,
            column,
            field: Some(error.field),
            code: error.code,
            message: with_key(error),
        })
    }
}

/// 「申込日 (applied): …」: the parser's message with the key the file uses.
fn with_key(error: &FieldError) -> String {
    let label = error.field.label();
    let key = error.field.key();
    match error.message.strip_prefix(label) {
        Some(rest) => format!("{label} ({key}){rest}"),
        None => format!("{label} ({key}): {}", error.message),
    }
}

/// The value `raw` gives for `field`.
pub fn given(raw: &RawAnswers, field: Field) -> Option<&str> {
    match field {
        Field::Line => raw.line.as_deref(),
        Field::Collab => raw.collab.as_deref(),
        Field::Prefecture => raw.prefecture.as_deref(),
        Field::Applied => raw.applied.as_deref(),
        Field::Opened => raw.opened.as_deref(),
        Field::V6 => raw.v6.as_deref(),
        Field::CustomerId => raw.customer_id.as_deref(),
        Field::MultipleLines => raw.multiple_lines.as_deref(),
        Field::ClinicName => raw.clinic_name.as_deref(),
    }
}

/// Where `raw` keeps `field`'s value.
pub fn given_mut(raw: &mut RawAnswers, field: Field) -> &mut Option<String> {
    match field {
        Field::Line => &mut raw.line,
        Field::Collab => &mut raw.collab,
        Field::Prefecture => &mut raw.prefecture,
        Field::Applied => &mut raw.applied,
        Field::Opened => &mut raw.opened,
        Field::V6 => &mut raw.v6,
        Field::CustomerId => &mut raw.customer_id,
        Field::MultipleLines => &mut raw.multiple_lines,
        Field::ClinicName => &mut raw.clinic_name,
    }
}

fn unknown_key_message(key: &str) -> String {
    let shown = text::sanitize(key);
    let hyphenated = key.replace('_', "-").to_ascii_lowercase();
    match Field::from_key(&hyphenated) {
        Some(_) => format!("「{shown}」という項目はありません。「{hyphenated}」と書いてください"),
        None => format!(
            "「{shown}」という項目はありません。使える項目: {}",
            key_list()
        ),
    }
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::Float(_) => "小数",
        DeValue::Array(_) => "配列 ([ ])",
        DeValue::Table(_) => "表 ({ } や [見出し])",
        _ => "使えない種類の値",
    }
}

/// The TOML reader's complaint about a date or time value (`invalid date, expected month between
/// 01 and 12`).
fn is_datetime_error(message: &str) -> bool {
    let first = message.trim_start();
    ["invalid date", "invalid time", "invalid datetime"]
        .iter()
        .any(|p| first.starts_with(p))
}

/// toml's parser explains in English: its mistakes are told in Japanese, by what the user has to
/// do. The English is never shown; the line and column say where.
fn explain_syntax_error(message: &str) -> String {
    let first = message.lines().next().unwrap_or(message).trim();
    let has = |words: &[&str]| words.iter().any(|w| first.contains(w));
    let lead = if has(&["must be quoted", "unquoted string"]) {
        "値は v6 = \"contracted\" のように引用符 (\") で囲んでください"
    } else if has(&["duplicate key"]) {
        "同じ項目が二度書かれています。一つにしてください"
    } else if has(&[
        "key with no value",
        "missing assignment",
        "key-value separator",
    ]) {
        "項目名のあとに = と値を書いてください (例: line = \"next-family\")"
    } else if has(&["extra `=`", "extra assignment"]) {
        "項目と値の間には = を一つだけ書いてください (例: line = \"next-family\")"
    } else if has(&["missing value"]) {
        "値がありません。line = \"next-family\" のように、= のあとに値を書いてください"
    } else if has(&["unexpected key or value"]) {
        "1行に書けるのは項目一つだけです。値のあとの文字を消すか、次の行に書いてください"
    } else if has(&["escape"]) {
        "引用符の中の \\ (円記号) の使い方が正しくありません。\\ を消してください"
    } else if has(&["string"]) {
        "文字列の書き方が正しくありません。\"東京都\" のように、同じ行の中で引用符を閉じてください"
    } else if has(&["table", "array"]) {
        "[ ] や { } は使えません。line = \"next-family\" のように、1行に一つずつ書いてください"
    } else if has(&["comment"]) {
        "コメントの書き方が正しくありません。コメントは # で始めてください"
    } else {
        "値は line = \"next-family\" のように引用符 (\") で囲んで、1行に一つずつ書いてください"
    };
    format!("回答ファイルの書き方に誤りがあります: {lead}")
}

/// The first of a file's mistakes (there is always one).
fn first(mut mistakes: Vec<AnswerFileError>) -> AnswerFileError {
    if mistakes.is_empty() {
        return AnswerFileError {
            file: String::new(),
            line: 0,
            column: 0,
            field: None,
            code: "syntax",
            message: "回答ファイルの書き方に誤りがあります".to_string(),
        };
    }
    mistakes.swap_remove(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<AnswerFile, AnswerFileError> {
        AnswerFile::parse("a.toml", s)
    }

    #[test]
    fn keys_and_positions() {
        let f = parse("# comment\nline = \"cross\"\n\nprefecture = 27\n  collab = true\n")
            .expect("parses");
        assert_eq!(f.answers.line.as_deref(), Some("cross"));
        assert_eq!(f.answers.prefecture.as_deref(), Some("27"));
        assert_eq!(f.answers.collab.as_deref(), Some("yes"));
        assert_eq!(f.position(Field::Line), Some((2, 8)));
        assert_eq!(f.position(Field::Prefecture), Some((4, 14)));
        assert_eq!(f.position(Field::Collab), Some((5, 12)));
        assert_eq!(f.position(Field::V6), None);
    }

    #[test]
    fn a_toml_date_is_read_as_the_date() {
        let f = parse("applied = 2012-05-29\n").expect("parses");
        assert_eq!(f.answers.applied.as_deref(), Some("2012-05-29"));
    }

    #[test]
    fn a_date_toml_refuses_goes_to_the_date_parser_as_written() {
        let f = parse("line = \"next\"\napplied = 2012-13-01\n").expect("parses");
        assert_eq!(f.answers.applied.as_deref(), Some("2012-13-01"));
        assert_eq!(f.position(Field::Applied), Some((2, 11)));
        let f = parse("applied = 2012-05-29T25:00:00\n").expect("parses");
        assert_eq!(f.answers.applied.as_deref(), Some("2012-05-29T25:00:00"));
        // Its message is then the date parser's, in Japanese, at its line.
        let rules = crate::rules::embedded::rules().expect("rules");
        let today = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default();
        let f = parse("line = \"next-family\"\nprefecture = \"東京\"\napplied = 2012-13-01\n")
            .expect("parses");
        let errors =
            crate::rules::answers::parse_answers(rules, &f.answers, today).expect_err("month 13");
        let placed = f
            .locate(&errors[0], &RawAnswers::default())
            .expect("from the file");
        let shown = placed.to_string();
        assert!(
            shown.starts_with("a.toml:3:11: 申込日 (applied): 2012年13月1日"),
            "{shown}"
        );
        assert!(!shown.contains("invalid"), "{shown}");
    }

    #[test]
    fn no_english_from_the_toml_reader_reaches_a_message() {
        let english = regex::Regex::new(r"[A-Za-z]{4,}").expect("regex");
        for input in [
            "line = \"a\n",
            "line = \n",
            "line  \"x\"\n",
            "line = x\n",
            "line = 'a\n",
            "[a\n",
            "line = \"a\" x\n",
            "line == \"a\"\n",
            "line = \"\\q\"\n",
            "line = [1,,]\n",
            "v6 = {a=1\n",
            "line = \"a\"\nline = \"b\"\n",
            "= \"a\"\n",
        ] {
            let e = parse(input).expect_err(input);
            assert_eq!(e.code, "syntax", "{input:?}");
            assert!(e.line > 0, "{input:?}");
            // Only the examples' own words (line, next-family, contracted) are Latin letters.
            let leftover = e
                .message
                .replace("next-family", "")
                .replace("contracted", "")
                .replace("line", "");
            assert!(!english.is_match(&leftover), "{input:?}: {}", e.message);
        }
    }

    #[test]
    fn unknown_keys_name_the_key_and_the_fix() {
        let e = parse("line = \"cross\"\ncustomer_id = \"CAF0123456789\"\n").unwrap_err();
        assert_eq!((e.line, e.column, e.code), (2, 1, "unknown_key"));
        assert!(e.message.contains("「customer-id」と書いてください"), "{e}");
        let e = parse("[answers]\nline = \"cross\"\n").unwrap_err();
        assert_eq!((e.line, e.code), (1, "unknown_key"));
        assert!(e.message.contains("使える項目: line, collab"), "{e}");
    }

    #[test]
    fn syntax_errors_have_a_place_and_a_japanese_lead() {
        let e = parse("line = \"cross\"\nv6 = not-contracted\n").unwrap_err();
        assert_eq!((e.line, e.code), (2, "syntax"));
        assert!(e.to_string().starts_with("a.toml:2:"), "{e}");
        assert!(e.message.contains("引用符"), "{e}");
        let e = parse("line = \"cross\"\nline = \"next\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("二度"), "{e}");
    }

    #[test]
    fn wrong_types_name_the_field() {
        let e = parse("line = \"next\"\nv6 = [\"contracted\"]\n").unwrap_err();
        assert_eq!((e.line, e.column, e.code), (2, 6, "invalid_type"));
        assert_eq!(e.field, Some(Field::V6));
        assert!(e.message.contains("フレッツ・v6オプション (v6)"), "{e}");
    }

    #[test]
    fn flags_win_and_errors_are_placed_only_for_file_values() {
        let f = parse("line = \"next-family\"\napplied = \"bogus\"\n").expect("parses");
        let flags = RawAnswers {
            applied: Some("2010-04-01".into()),
            ..RawAnswers::default()
        };
        let merged = f.merged(&flags);
        assert_eq!(merged.line.as_deref(), Some("next-family"));
        assert_eq!(merged.applied.as_deref(), Some("2010-04-01"));
        let err = FieldError::new(Field::Applied, "unrecognized", "読めません");
        assert_eq!(f.locate(&err, &flags), None);
        let placed = f
            .locate(&err, &RawAnswers::default())
            .expect("from the file");
        assert_eq!(
            placed.to_string(),
            "a.toml:2:11: 申込日 (applied): 読めません"
        );
    }

    #[test]
    fn every_mistake_is_listed_each_at_its_place() {
        let all = |s: &str| AnswerFile::parse_all("a.toml", s).expect_err(s);
        let e = all("line = \"next\"\ncolab = \"yes\"\nv6 = 3.5\ncustomer_id = \"x\"\n");
        let got: Vec<_> = e.iter().map(|e| (e.line, e.column, e.code)).collect();
        assert_eq!(
            got,
            [
                (2, 1, "unknown_key"),
                (3, 6, "invalid_type"),
                (4, 1, "unknown_key")
            ]
        );
        // TOML mistakes: one per line, in the file's order.
        let e = all("line = \"a\nprefecture = x\nv6 = contracted\n");
        let lines: Vec<usize> = e.iter().map(|e| e.line).collect();
        assert_eq!(lines, [1, 2, 3]);
        assert!(e.iter().all(|e| e.code == "syntax"));
        // `parse` gives the first of them.
        let first = parse("line = \"next\"\ncolab = \"yes\"\nv6 = 3.5\n").unwrap_err();
        assert_eq!((first.line, first.code), (2, "unknown_key"));
    }

    #[test]
    fn a_bom_is_skipped() {
        let f = parse("\u{feff}line = \"cross\"\n").expect("parses");
        assert_eq!(f.position(Field::Line), Some((1, 8)));
    }

    #[test]
    fn every_fields_key_is_read_into_its_answer() {
        for (i, field) in Field::all().enumerate() {
            let key = field.key();
            let f = parse(&format!("{key} = \"x{i}\"\n")).expect(key);
            assert_eq!(f.position(field), Some((1, key.len() + 4)), "{key}");
            assert_eq!(given(&f.answers, field), Some(format!("x{i}").as_str()));
            // Only that answer.
            let others = Field::all().filter(|&o| o != field);
            assert!(others.clone().all(|o| given(&f.answers, o).is_none()));
            assert!(others.clone().all(|o| f.position(o).is_none()));
        }
    }
}
