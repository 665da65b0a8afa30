//! The answers a decision is made from: typed and checked, whether they came from the wizard, the
//! `check` flags or an answer file.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use strum::{AsRefStr, Display, EnumIter, EnumString, IntoEnumIterator, IntoStaticStr};

use super::clinic_name;
use super::customer_id::{self, NormalizedId};
use super::date;
use super::field::{Field, FieldError};
use super::model::{Area, LineKind, LineType, RuleSet};
use super::period::Period;
use super::prefecture;
use super::text;

/// はい / いいえ / わからない.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum YesNo {
    Yes,
    No,
    #[default]
    Unknown,
}

impl YesNo {
    pub fn label(self) -> &'static str {
        match self {
            YesNo::Yes => "はい",
            YesNo::No => "いいえ",
            YesNo::Unknown => "わからない",
        }
    }
}

/// What the user knows of the フレッツ・v6オプション contract.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    Display,
    EnumString,
    AsRefStr,
    IntoStaticStr,
    EnumIter,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum V6Answer {
    Contracted,
    NotContracted,
    #[default]
    Unknown,
}

impl V6Answer {
    pub fn label(self) -> &'static str {
        match self {
            V6Answer::Contracted => "契約済み",
            V6Answer::NotContracted => "未契約",
            V6Answer::Unknown => "わからない",
        }
    }
}

/// An answer chosen from a short list (はい/いいえ/わからない, the v6 answers): read from its
/// English id (`yes`, `not-contracted`) or its Japanese label as the screens show it
/// (「はい」, 「未契約」), by [`parse_choice_value`]. Ids, labels and aliases are written as
/// [`choice_key`] folds them (a test checks), so a typed value's key is compared with them as
/// they are.
pub trait ChoiceAnswer: Copy + AsRef<str> + IntoEnumIterator + 'static {
    /// The label on the wizard's screen.
    fn label(self) -> &'static str;
    /// Other spellings people write for the answer.
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
}

impl ChoiceAnswer for YesNo {
    fn label(self) -> &'static str {
        YesNo::label(self)
    }
    /// As an Excel list marks yes and no.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            YesNo::Yes => &["あり", "有", "○", "〇"],
            YesNo::No => &["なし", "無", "×"],
            YesNo::Unknown => &[],
        }
    }
}

impl ChoiceAnswer for V6Answer {
    fn label(self) -> &'static str {
        V6Answer::label(self)
    }
    fn aliases(self) -> &'static [&'static str] {
        match self {
            V6Answer::Contracted => &[
                "契約済",
                "契約している",
                "契約あり",
                "あり",
                "有",
                "済",
                "加入済み",
                "加入済",
                "○",
                "〇",
            ],
            V6Answer::NotContracted => &[
                "契約していない",
                "契約なし",
                "なし",
                "無",
                "未",
                "未加入",
                "×",
            ],
            V6Answer::Unknown => &[],
        }
    }
}

/// What a typed choice is compared by: NFKC, no spaces, lower case, katakana as hiragana, `_` as
/// `-` (so 「ハイ」, 「ｈａｉ」-like full-width ids and `not_contracted` all fold).
fn choice_key(s: &str) -> Cow<'_, str> {
    // Text that the folding leaves as it is (lower-case ASCII words, hiragana) is its own key;
    // most answers are written so (`yes`, `contracted`, 「はい」).
    let own_key = |c: char| matches!(c, 'a'..='z' | '0'..='9' | '-' | '\u{3041}'..='\u{3096}');
    if s.chars().all(own_key) {
        return Cow::Borrowed(s);
    }
    if s.is_ascii() {
        let ascii = s.chars().filter(|c| !c.is_whitespace()).map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        });
        return Cow::Owned(text::collect_sized(ascii, s.len()));
    }
    let kana = text::to_hiragana(&text::fold(s));
    let key = kana
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '_' { '-' } else { c });
    Cow::Owned(text::collect_sized(key, kana.len()))
}

/// Reads a choice answer: its id (`yes`), its label (「はい」) or an alias, in any width or case;
/// any of the [`UNKNOWN_WORDS`] is the `unknown` answer. `None` when it is none of them.
pub fn parse_choice_value<T: ChoiceAnswer>(value: &str) -> Option<T> {
    let key = choice_key(value);
    if unknown_key(value, &key) {
        return T::iter().find(|v| v.as_ref() == "unknown");
    }
    let key = &*key;
    T::iter().find(|&v| key == v.as_ref() || key == v.label() || v.aliases().contains(&key))
}

/// 「はい (yes)、いいえ (no)、わからない (unknown)」: the values a choice takes, as its error
/// lists them.
pub fn choice_values<T: ChoiceAnswer>() -> String {
    let mut out = String::with_capacity(128);
    push_choice_values::<T>(&mut out);
    out
}

/// [`choice_values`] into `out`, piece by piece (every row with a value not read shows it).
fn push_choice_values<T: ChoiceAnswer>(out: &mut String) {
    push_named_ids(out, T::iter().map(|v| (v.label(), v)));
}

/// 「name (id)、name (id)」 into `out`: the values an error lists.
fn push_named_ids<'a, Id: AsRef<str>>(
    out: &mut String,
    values: impl Iterator<Item = (&'a str, Id)>,
) {
    for (n, (name, id)) in values.enumerate() {
        if n > 0 {
            out.push('、');
        }
        out.push_str(name);
        out.push_str(" (");
        out.push_str(id.as_ref());
        out.push(')');
    }
}

/// The words that mean "I do not know" wherever an answer may be unknown: in a flag, an answer
/// file, a CSV cell, the wizard's text fields and the plain mode. Compared after NFKC, with spaces
/// removed, in lower case and with katakana as hiragana (ワカラナイ, ﾌﾒｲ are the same words).
pub const UNKNOWN_WORDS: [&str; 6] = [
    "unknown",
    "わからない",
    "分からない",
    "わかりません",
    "分かりません",
    "不明",
];

/// Whether `value` is one of the [`UNKNOWN_WORDS`]: `unknown` in any case, 「わからない」, 「不明」…
pub fn is_unknown(value: &str) -> bool {
    match unknown_at_a_glance(value) {
        Some(known) => known,
        None => unknown_folded(&text::fold(value)),
    }
}

/// [`is_unknown`] when it can be told without folding: ASCII is compared as it is, and text with
/// an ASCII digit is no word (NFKC, the spaces removed and the folding of case and kana all keep
/// ASCII digits, and no word has one): dates and お客さまIDs are told at once.
fn unknown_at_a_glance(value: &str) -> Option<bool> {
    let trimmed = value.trim();
    if trimmed.is_ascii() {
        return Some(trimmed.eq_ignore_ascii_case("unknown"));
    }
    trimmed.bytes().any(|b| b.is_ascii_digit()).then_some(false)
}

/// [`is_unknown`] of text already folded by [`text::fold`] (a fold of the whole value equals the
/// fold of it trimmed: the spaces trimmed are removed by the fold too).
fn unknown_folded(folded: &str) -> bool {
    let key = text::to_hiragana(folded).to_lowercase();
    UNKNOWN_WORDS.contains(&key.as_str())
}

/// [`is_unknown`] from a [`choice_key`] of `value`: the key differs from the one [`is_unknown`]
/// makes only in `_` read as `-` and in the lower case of a final Σ, and neither is in any word.
fn unknown_key(value: &str, key: &str) -> bool {
    unknown_at_a_glance(value).unwrap_or_else(|| UNKNOWN_WORDS.contains(&key))
}

/// How to answer わからない on the command line, in an answer file or a CSV cell: the sentence
/// added to an error of a field that takes `unknown`.
pub const UNKNOWN_HINT_FLAG: &str =
    "わからないときは unknown (または わからない) と指定してください";

/// `error` with `hint` (how to answer わからない where the user is) added as its last sentence.
pub fn with_unknown_hint(mut error: FieldError, hint: &str) -> FieldError {
    if !text::contains(&error.message, hint) {
        let kept = error.message.trim_end_matches('。').len();
        error.message.truncate(kept);
        error.message.push('。');
        error.message.push_str(hint);
    }
    error
}

/// What a typed line type names.
#[derive(Debug, Clone)]
pub enum LineMatch<'r> {
    Found(&'r LineType),
    /// A name several lines go by (「ファミリータイプ」: 光ネクスト's or 光クロス's), in the
    /// file's order.
    Ambiguous(Vec<&'r LineType>),
    NotFound,
}

/// Finds the line `value` names: its id (`next-family`, any case or width), one of the
/// [`UNKNOWN_WORDS`] for the `unknown` line, or one of the names the loader gave it
/// ([`LineType::keys`]: its name with or without 「フレッツ」, 「光ネクスト」, spaces, 「・」 and a
/// remark in brackets, and the names technicians write, such as 「Bフレッツ」 or 「隼」).
pub fn match_line<'r>(rules: &'r RuleSet, value: &str) -> LineMatch<'r> {
    // An id as the rules write it folds to itself (a test checks).
    if let Some(l) = rules.line(value) {
        return LineMatch::Found(l);
    }
    let folded = text::fold(value);
    let id: String = folded
        .chars()
        .map(|c| {
            if c == '_' {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if let Some(l) = rules.line(&id) {
        return LineMatch::Found(l);
    }
    if unknown_at_a_glance(value).unwrap_or_else(|| unknown_folded(&folded))
        && let Some(l) = rules.lines.iter().find(|l| l.kind == LineKind::Unknown)
    {
        return LineMatch::Found(l);
    }
    let key = text::line_key_of_folded(&folded);
    if key.is_empty() {
        return LineMatch::NotFound;
    }
    let mut found: Vec<&LineType> = rules
        .lines
        .iter()
        .filter(|l| l.keys.contains(&key))
        .collect();
    match found.len() {
        0 => LineMatch::NotFound,
        1 => LineMatch::Found(found.remove(0)),
        _ => LineMatch::Ambiguous(found),
    }
}

/// [`match_line`], when only a line found matters.
pub fn find_line<'r>(rules: &'r RuleSet, value: &str) -> Option<&'r LineType> {
    match match_line(rules, value) {
        LineMatch::Found(l) => Some(l),
        LineMatch::Ambiguous(_) | LineMatch::NotFound => None,
    }
}

/// 「フレッツ 光ネクスト (next)、フレッツ 光クロス (cross)、…」: the first question's lines, by
/// name and id, as an error lists them; pushed piece by piece (every row whose line is not read
/// shows it).
fn push_line_values(rules: &RuleSet, out: &mut String) {
    push_named_ids(
        out,
        rules.top_level_lines().map(|l| {
            (
                text::without_remark(&l.name).unwrap_or(&l.name),
                l.id.as_str(),
            )
        }),
    );
}

/// Checked answers. Anything not known is `None` / `Unknown`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answers {
    /// A line id of the rules (`next-family`, `cross`, `unknown` …).
    pub line: String,
    pub collab: YesNo,
    /// JIS code.
    pub prefecture: Option<u8>,
    /// The 申込日: a day, or only its month or year.
    pub applied: Option<Period>,
    /// The 開通日 from the 開通のご案内: the line was applied for on or before it.
    pub opened: Option<Period>,
    pub v6: V6Answer,
    pub customer_id: Option<NormalizedId>,
    /// An お客さまID given for a line whose application takes none: left out of the decision,
    /// which says so. As given, made safe to print.
    pub ignored_customer_id: Option<String>,
    /// `None` when not asked (not a FLET'S line, or the flag not given).
    pub multiple_lines: Option<YesNo>,
    /// 医療機関名, as [`clinic_name::parse`] made it; `None` when not given.
    pub clinic_name: Option<String>,
}

impl Answers {
    pub fn new(line: impl Into<String>) -> Self {
        Answers {
            line: line.into(),
            collab: YesNo::Unknown,
            prefecture: None,
            applied: None,
            opened: None,
            v6: V6Answer::Unknown,
            customer_id: None,
            ignored_customer_id: None,
            multiple_lines: None,
            clinic_name: None,
        }
    }

    pub fn area(&self, rules: &RuleSet) -> Option<Area> {
        self.prefecture
            .and_then(|c| rules.prefecture(c))
            .map(|p| p.area)
    }
}

/// Answers as text, the way flags and answer files give them. `None` means not given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawAnswers {
    pub line: Option<String>,
    pub prefecture: Option<String>,
    pub collab: Option<String>,
    pub applied: Option<String>,
    pub opened: Option<String>,
    pub v6: Option<String>,
    pub customer_id: Option<String>,
    pub multiple_lines: Option<String>,
    pub clinic_name: Option<String>,
}

impl RawAnswers {
    /// Drops the invisible characters ([`text::is_invisible`]) from every answer, where answers
    /// come in (flags, answer files, batch rows), so none reaches a screen, a message or a saved
    /// file.
    pub fn strip_invisible(&mut self) {
        for value in [
            &mut self.line,
            &mut self.prefecture,
            &mut self.collab,
            &mut self.applied,
            &mut self.v6,
            &mut self.customer_id,
            &mut self.multiple_lines,
        ]
        .into_iter()
        .flatten()
        {
            text::strip_invisible(value);
        }
    }
}

/// For a line name that is not NTT's: what to answer for a line sold under another company's
/// name (コラボ光), as the line question's hints say it.
const COLLAB_BRAND_HELP: &str = "ドコモ光などNTT以外の会社名の光回線 (コラボ光) なら、回線の種類は光ネクストか光クロス (わからなければ「わからない」) にして、コラボ光の答えを「はい」にしてください。";

/// Parses every answer and checks them against each other. Returns every bad field, one error
/// each, in question order.
pub fn parse_answers(
    rules: &RuleSet,
    raw: &RawAnswers,
    today: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    let mut errors = Vec::new();
    let line_help = |out: &mut String| {
        out.push_str("回線の名前か id で指定してください: ");
        push_line_values(rules, out);
        out.push_str(
            "。光ネクストのタイプ (next-family など) を含む一覧は oqs-line-check list lines で表示できます",
        );
    };
    let line = match raw.line.as_deref().map(str::trim) {
        None | Some("") => {
            let mut message = String::with_capacity(1024);
            line_help(&mut message);
            errors.push(FieldError::new(Field::Line, "missing", message));
            None
        }
        Some(value) => match match_line(rules, value) {
            LineMatch::Found(l) => Some(l),
            LineMatch::Ambiguous(candidates) => {
                let names: Vec<String> = candidates
                    .iter()
                    .map(|l| format!("{} ({})", l.name, l.id))
                    .collect();
                errors.push(FieldError::new(
                    Field::Line,
                    "ambiguous",
                    format!(
                        "「{}」だけでは回線の種類を決められません。次のどれかの名前か id で指定してください: {}",
                        text::sanitize(value),
                        names.join("、")
                    ),
                ));
                None
            }
            LineMatch::NotFound => {
                let mut message = String::with_capacity(1024);
                message.push('「');
                message.push_str(&text::sanitize(value));
                message.push_str("」という回線の種類はありません。");
                // 「ドコモ光」「ソフトバンク光」: an operator's brand over NTT's line.
                if value.contains('光') {
                    message.push_str(COLLAB_BRAND_HELP);
                }
                line_help(&mut message);
                errors.push(FieldError::new(Field::Line, "unknown", message));
                None
            }
        },
    };
    let collab = parse_choice::<YesNo>(raw.collab.as_deref(), Field::Collab, &mut errors)
        .unwrap_or_default();
    let prefecture = match raw.prefecture.as_deref() {
        Some(p) if !is_unknown(p) && !p.trim().is_empty() => {
            match prefecture::parse_prefecture(rules, p) {
                Ok(p) => Some(p),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        }
        _ => None,
    };
    let applied = parse_date_answer(Field::Applied, raw.applied.as_deref(), today, &mut errors);
    let opened = parse_date_answer(Field::Opened, raw.opened.as_deref(), today, &mut errors);
    if let Some(e) = date::opened_before_applied(applied, opened) {
        errors.push(e);
    }
    let v6 =
        parse_choice::<V6Answer>(raw.v6.as_deref(), Field::V6, &mut errors).unwrap_or_default();
    let area = prefecture.map(|p| p.area);
    // A line that is known and not (possibly) FLET'S takes no ID: one given is left out, never
    // refused (it may be any number from the line's papers).
    let takes_id = line.is_none_or(|l| matches!(l.kind, LineKind::Flets | LineKind::Unknown));
    let mut ignored_customer_id = None;
    let customer_id = match raw.customer_id.as_deref() {
        None => None,
        Some(id) if is_unknown(id) => None,
        Some(id) if !takes_id => {
            ignored_customer_id = Some(text::sanitize(id.trim())).filter(|id| !id.is_empty());
            None
        }
        Some(id) => match customer_id::validate(rules, area, id) {
            Ok(n) => Some(n),
            Err(e) => {
                errors.push(with_unknown_hint(e, UNKNOWN_HINT_FLAG));
                None
            }
        },
    };
    let multiple_lines = parse_choice::<YesNo>(
        raw.multiple_lines.as_deref(),
        Field::MultipleLines,
        &mut errors,
    );
    let clinic_name = match raw.clinic_name.as_deref().map(clinic_name::parse) {
        None => None,
        Some(Ok(name)) => name,
        Some(Err(e)) => {
            errors.push(e);
            None
        }
    };

    if let Some(line) = line {
        let answers = Answers {
            line: line.id.clone(),
            collab,
            prefecture: prefecture.map(|p| p.code),
            applied,
            opened,
            v6,
            customer_id,
            ignored_customer_id,
            multiple_lines,
            clinic_name,
        };
        // Cross-field checks only where the fields themselves were fine.
        if !errors.iter().any(|e| e.field == Field::Prefecture) {
            errors.extend(check_consistency(rules, &answers));
        }
        if errors.is_empty() {
            return Ok(answers);
        }
    }
    errors.sort_by_key(|e| e.field);
    Err(errors)
}

/// Reads a date answer (申込日, 開通日): a day, a month or a year, or unknown.
fn parse_date_answer(
    field: Field,
    value: Option<&str>,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Option<Period> {
    let value = value.map(str::trim)?;
    if is_unknown(value) {
        return None;
    }
    match date::parse_period(field, value, today) {
        Ok(p) => Some(p),
        Err(e) => {
            errors.push(with_unknown_hint(e, UNKNOWN_HINT_FLAG));
            None
        }
    }
}

/// Reads a choice flag; a value it does not take is an error that lists the values it does, in
/// Japanese and English.
fn parse_choice<T: ChoiceAnswer>(
    value: Option<&str>,
    field: Field,
    errors: &mut Vec<FieldError>,
) -> Option<T> {
    let value = value?.trim();
    let parsed = parse_choice_value::<T>(value);
    if parsed.is_none() {
        let mut message = String::with_capacity(256);
        message.push('「');
        message.push_str(&text::sanitize(value));
        message.push_str("」は使えません。");
        push_choice_values::<T>(&mut message);
        message.push_str(" のどれかを指定してください");
        errors.push(FieldError::new(field, "invalid", message));
    }
    parsed
}

/// The checks between answers: コラボ光 cannot be a line the rules say is never コラボ光 (CTC's,
/// QTnet's), a FLET'S line needs the prefecture, and the prefecture's area must offer the chosen
/// type. The wizard runs these too before it shows a result.
pub fn check_consistency(rules: &RuleSet, answers: &Answers) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let Some(line) = rules.line(&answers.line) else {
        errors.push(FieldError::new(
            Field::Line,
            "unknown",
            "この回線の種類はルールにありません。選び直してください",
        ));
        return errors;
    };
    if answers.collab == YesNo::Yes && rules.collabo.not_collabo_lines.contains(&line.id) {
        let name = text::without_remark(&line.name).unwrap_or(&line.name);
        errors.push(FieldError::new(
            Field::Collab,
            "not_collabo_line",
            rules.collabo.not_collabo_error.replace("{line}", name),
        ));
    }
    if line.kind != LineKind::Flets {
        return errors;
    }
    let Some(pref) = answers.prefecture.and_then(|c| rules.prefecture(c)) else {
        errors.push(FieldError::new(
            Field::Prefecture,
            "missing",
            format!(
                "{}ではNTT東日本か西日本かを決めるために都道府県が必要です。都道府県を指定してください",
                line.name
            ),
        ));
        return errors;
    };
    if !line.offered_in(pref.area) {
        // By name (without the 「フレッツ 光ネクスト」 they share) and id, as the wizard lists them.
        let offered: Vec<String> = rules
            .next_types(pref.area)
            .map(|l| {
                let name = l
                    .name
                    .strip_prefix("フレッツ 光ネクスト ")
                    .unwrap_or(&l.name);
                format!("{name} ({})", l.id)
            })
            .collect();
        errors.push(FieldError::new(
            Field::Line,
            "not_offered_in_area",
            format!(
                "{}は{} ({}) では提供されていません。回線の種類を確かめて選び直してください (この地域の光ネクスト: {})",
                line.name,
                rules.area(pref.area).name,
                pref.name,
                offered.join("、")
            ),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::embedded;

    fn rules() -> &'static RuleSet {
        embedded::rules().expect("the embedded rules load")
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default()
    }

    #[test]
    fn the_words_for_unknown_in_any_width_case_or_kana() {
        for word in [
            "unknown",
            " UNKNOWN ",
            "ｕｎｋｎｏｗｎ",
            "わからない",
            "ワカラナイ",
            "ﾜｶﾗﾅｲ",
            "分からない",
            "わかりません",
            "不明",
            "　不明　",
            "わ から ない",
        ] {
            assert!(is_unknown(word), "{word:?}");
        }
        for word in ["", "un", "わからないです", "不明な点", "no", "いいえ"] {
            assert!(!is_unknown(word), "{word:?}");
        }
    }

    #[test]
    fn ids_labels_and_aliases_are_written_as_their_keys() {
        fn check<T: ChoiceAnswer>() {
            for v in T::iter() {
                for s in [v.as_ref(), v.label()].iter().chain(v.aliases()) {
                    assert_eq!(choice_key(s), *s);
                }
            }
        }
        check::<YesNo>();
        check::<V6Answer>();
    }

    #[test]
    fn keys_already_folded_are_borrowed_and_the_rest_folded() {
        for s in ["yes", "not-contracted", "はい", "いいえ"] {
            assert!(matches!(choice_key(s), Cow::Borrowed(k) if k == s), "{s}");
        }
        for (s, key) in [
            ("ＹＥＳ", "yes"),
            ("ハイ", "はい"),
            ("not_contracted", "not-contracted"),
        ] {
            assert_eq!(choice_key(s), key);
        }
    }

    #[test]
    fn line_ids_are_written_as_the_folding_leaves_them() {
        // So `match_line` may look an id up before folding it.
        for l in &rules().lines {
            assert!(
                l.id.chars()
                    .all(|c| matches!(c, 'a'..='z' | '0'..='9' | '-')),
                "{}",
                l.id
            );
        }
    }

    #[test]
    fn unknown_read_from_a_choice_key_or_at_a_glance_is_unknown() {
        for word in [
            "unknown",
            "un known",
            "un_known",
            "ｕｎ＿ｋｎｏｗｎ",
            "ﾌﾒｲ",
            "不明1",
            "１不明",
            "わから ない",
            "Σ",
            "2012年",
            "不明",
            "わかりません",
        ] {
            assert_eq!(
                unknown_key(word, &choice_key(word)),
                is_unknown(word),
                "{word}"
            );
            let slow = text::to_hiragana(&text::fold(word.trim())).to_lowercase();
            let slow = if word.trim().is_ascii() {
                word.trim().eq_ignore_ascii_case("unknown")
            } else {
                UNKNOWN_WORDS.contains(&slow.as_str())
            };
            assert_eq!(is_unknown(word), slow, "{word}");
        }
    }

    #[test]
    fn choices_read_ids_and_the_screens_japanese_labels() {
        let yes_no = [
            ("yes", YesNo::Yes),
            ("YES", YesNo::Yes),
            ("はい", YesNo::Yes),
            ("ハイ", YesNo::Yes),
            ("ﾊｲ", YesNo::Yes),
            ("いいえ", YesNo::No),
            ("イイエ", YesNo::No),
            ("no", YesNo::No),
            ("わからない", YesNo::Unknown),
            ("不明", YesNo::Unknown),
            ("unknown", YesNo::Unknown),
        ];
        for (typed, want) in yes_no {
            assert_eq!(parse_choice_value::<YesNo>(typed), Some(want), "{typed}");
        }
        let v6 = [
            ("contracted", V6Answer::Contracted),
            ("契約済み", V6Answer::Contracted),
            ("契約済", V6Answer::Contracted),
            ("not-contracted", V6Answer::NotContracted),
            ("not_contracted", V6Answer::NotContracted),
            ("未契約", V6Answer::NotContracted),
            (" 未 契約 ", V6Answer::NotContracted),
            ("わからない", V6Answer::Unknown),
            ("不明", V6Answer::Unknown),
        ];
        for (typed, want) in v6 {
            assert_eq!(parse_choice_value::<V6Answer>(typed), Some(want), "{typed}");
        }
        for typed in ["maybe", "はい。", "契約", "on", ""] {
            assert_eq!(parse_choice_value::<V6Answer>(typed), None, "{typed}");
        }
        assert_eq!(parse_choice_value::<YesNo>("未契約"), None);
    }

    #[test]
    fn choices_as_excel_lists_mark_them() {
        for (typed, want) in [
            ("○", YesNo::Yes),
            ("〇", YesNo::Yes),
            ("あり", YesNo::Yes),
            ("有", YesNo::Yes),
            ("×", YesNo::No),
            ("なし", YesNo::No),
            ("無", YesNo::No),
        ] {
            assert_eq!(parse_choice_value::<YesNo>(typed), Some(want), "{typed}");
        }
        for (typed, want) in [
            ("あり", V6Answer::Contracted),
            ("有", V6Answer::Contracted),
            ("済", V6Answer::Contracted),
            ("加入済み", V6Answer::Contracted),
            ("契約あり", V6Answer::Contracted),
            ("○", V6Answer::Contracted),
            ("なし", V6Answer::NotContracted),
            ("無", V6Answer::NotContracted),
            ("未", V6Answer::NotContracted),
            ("契約なし", V6Answer::NotContracted),
            ("×", V6Answer::NotContracted),
        ] {
            assert_eq!(parse_choice_value::<V6Answer>(typed), Some(want), "{typed}");
        }
    }

    #[test]
    fn every_label_reads_back_as_its_answer() {
        for v in YesNo::iter() {
            assert_eq!(parse_choice_value::<YesNo>(v.label()), Some(v));
            assert_eq!(parse_choice_value::<YesNo>(v.as_ref()), Some(v));
        }
        for v in V6Answer::iter() {
            assert_eq!(parse_choice_value::<V6Answer>(v.label()), Some(v));
            assert_eq!(parse_choice_value::<V6Answer>(v.as_ref()), Some(v));
        }
    }

    #[test]
    fn lines_by_id_or_by_the_name_the_screens_show() {
        let r = rules();
        let id = |typed: &str| find_line(r, typed).map(|l| l.id.as_str());
        assert_eq!(id("next-family"), Some("next-family"));
        assert_eq!(id("ＣＲＯＳＳ"), Some("cross"));
        assert_eq!(id("next_family"), Some("next-family"));
        assert_eq!(id("フレッツ 光クロス"), Some("cross"));
        assert_eq!(id("光クロス"), Some("cross"));
        assert_eq!(id("ﾌﾚｯﾂ光ｸﾛｽ"), Some("cross"));
        assert_eq!(id("フレッツ光ネクスト"), Some("next"));
        assert_eq!(id("光ネクスト"), Some("next"));
        assert_eq!(id("光ネクスト ファミリータイプ"), Some("next-family"));
        assert_eq!(
            id("フレッツ 光ネクスト マンションハイスピードタイプ"),
            Some("next-mansion-hispeed")
        );
        assert_eq!(id("ビジネスコムファ光"), Some("commufa"));
        assert_eq!(id("BBIQ (QTnet)"), Some("bbiq"));
        assert_eq!(id("bbiq（ＱＴｎｅｔ）"), Some("bbiq"));
        assert_eq!(id("わからない"), Some("unknown"));
        assert_eq!(id("不明"), Some("unknown"));
        for typed in ["", "フレッツ", "光", "fibre", "ネクスト"] {
            assert_eq!(id(typed), None, "{typed:?}");
        }
        // Every line is found by its own name and id.
        for l in &r.lines {
            assert_eq!(id(&l.name), Some(l.id.as_str()), "{}", l.name);
            assert_eq!(id(&l.id), Some(l.id.as_str()));
        }
    }

    #[test]
    fn lines_as_technicians_write_them() {
        let r = rules();
        let id = |typed: &str| find_line(r, typed).map(|l| l.id.as_str());
        for (typed, line) in [
            ("光ネクスト ファミリータイプ", "next-family"),
            ("フレッツ・光ネクスト・マンションタイプ", "next-mansion"),
            ("マンション・ハイスピードタイプ", "next-mansion-hispeed"),
            ("ギガファミリー・スマートタイプ", "next-giga-family-smart"),
            (
                "フレッツ 光ネクスト ファミリー・スーパーハイスピードタイプ 隼",
                "next-family-superhispeed",
            ),
            (
                "マンション・スーパーハイスピードタイプ 隼",
                "next-mansion-superhispeed",
            ),
            ("ファミリー隼", "next-family-superhispeed"),
            ("Bフレッツ", "other-flets"),
            ("Ｂフレッツ", "other-flets"),
            ("フレッツ 光プレミアム", "other-flets"),
            ("光ライト", "other-flets"),
            ("コムファ", "commufa"),
            ("ビジネスコムファ", "commufa"),
            ("Business Commufa", "commufa"),
            ("ビビック", "bbiq"),
            ("びびっく", "bbiq"),
            ("アイピーセック", "ipsec"),
            ("IPsec+IKE", "ipsec"),
            ("ipsec", "ipsec"),
        ] {
            assert_eq!(id(typed), Some(line), "{typed}");
        }
        // Words in another order are no name: refused, not guessed.
        assert!(matches!(
            match_line(r, "ﾏﾝｼｮﾝﾀｲﾌﾟ光ﾈｸｽﾄ"),
            LineMatch::NotFound
        ));
    }

    #[test]
    fn a_name_two_lines_go_by_lists_both() {
        let r = rules();
        let ids = |typed: &str| match match_line(r, typed) {
            LineMatch::Ambiguous(lines) => lines.iter().map(|l| l.id.as_str()).collect::<Vec<_>>(),
            other => panic!("{typed}: {other:?}"),
        };
        assert_eq!(ids("ファミリータイプ"), ["cross", "next-family"]);
        assert_eq!(ids("ﾏﾝｼｮﾝﾀｲﾌﾟ"), ["cross", "next-mansion"]);
        assert_eq!(
            ids("隼"),
            ["next-family-superhispeed", "next-mansion-superhispeed"]
        );
        let raw = RawAnswers {
            line: Some("ファミリータイプ".into()),
            prefecture: Some("東京都".into()),
            ..RawAnswers::default()
        };
        let errors = parse_answers(r, &raw, today()).expect_err("ambiguous");
        assert_eq!(errors[0].field, Field::Line);
        assert_eq!(errors[0].code, "ambiguous");
        assert_eq!(
            errors[0].message,
            "回線の種類: 「ファミリータイプ」だけでは回線の種類を決められません。次のどれかの名前か id で指定してください: フレッツ 光クロス (cross)、フレッツ 光ネクスト ファミリータイプ (next-family)"
        );
    }

    fn raw(line: &str) -> RawAnswers {
        RawAnswers {
            line: Some(line.to_string()),
            ..RawAnswers::default()
        }
    }

    #[test]
    fn japanese_answers_give_the_same_answers_as_the_ids() {
        let japanese = RawAnswers {
            collab: Some("はい".into()),
            prefecture: Some("東京".into()),
            applied: Some("不明".into()),
            v6: Some("未契約".into()),
            customer_id: Some("わからない".into()),
            multiple_lines: Some("いいえ".into()),
            ..raw("フレッツ 光ネクスト ファミリータイプ")
        };
        let english = RawAnswers {
            collab: Some("yes".into()),
            prefecture: Some("13".into()),
            applied: Some("unknown".into()),
            v6: Some("not-contracted".into()),
            customer_id: Some("unknown".into()),
            multiple_lines: Some("no".into()),
            ..raw("next-family")
        };
        let a = parse_answers(rules(), &japanese, today());
        assert!(a.is_ok(), "{a:?}");
        assert_eq!(a, parse_answers(rules(), &english, today()));
    }

    #[test]
    fn choice_errors_list_the_values_in_japanese_and_english() {
        let bad = RawAnswers {
            collab: Some("maybe".into()),
            v6: Some("on".into()),
            multiple_lines: Some("2".into()),
            ..raw("unknown")
        };
        let errors = parse_answers(rules(), &bad, today()).expect_err("refused");
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "コラボ光: 「maybe」は使えません。はい (yes)、いいえ (no)、わからない (unknown) のどれかを指定してください",
                "フレッツ・v6オプション: 「on」は使えません。契約済み (contracted)、未契約 (not-contracted)、わからない (unknown) のどれかを指定してください",
                "複数の回線: 「2」は使えません。はい (yes)、いいえ (no)、わからない (unknown) のどれかを指定してください",
            ]
        );
        let errors = parse_answers(rules(), &raw("fibre"), today()).expect_err("refused");
        let m = &errors[0].message;
        assert!(m.contains("「fibre」という回線の種類はありません"), "{m}");
        assert!(m.contains("フレッツ 光クロス (cross)"), "{m}");
        assert!(m.contains("ビジネスコムファ光 (commufa)"), "{m}");
        assert!(m.contains("わからない (unknown)"), "{m}");
        assert!(!m.contains("コラボ光"), "only for a name with 光: {m}");
        // An operator's brand: what to answer instead, then the list.
        let errors = parse_answers(rules(), &raw("ドコモ光"), today()).expect_err("refused");
        let m = &errors[0].message;
        assert!(
            m.contains(&format!(
                "「ドコモ光」という回線の種類はありません。{COLLAB_BRAND_HELP}回線の名前か id で指定してください: "
            )),
            "{m}"
        );
    }

    #[test]
    fn date_and_id_errors_say_that_unknown_is_allowed() {
        let bad = RawAnswers {
            prefecture: Some("13".into()),
            applied: Some("きのう".into()),
            customer_id: Some("CAF123".into()),
            ..raw("next-family")
        };
        let errors = parse_answers(rules(), &bad, today()).expect_err("refused");
        assert_eq!(errors.len(), 2);
        for e in &errors {
            assert!(e.message.ends_with(UNKNOWN_HINT_FLAG), "{}", e.message);
            assert!(!e.message.contains("。。"), "{}", e.message);
        }
    }

    #[test]
    fn the_hint_is_added_once_as_the_last_sentence() {
        let e = FieldError::new(Field::Applied, "x", "読めません。");
        let once = with_unknown_hint(e, "わからないときは X");
        assert_eq!(once.message, "申込日: 読めません。わからないときは X");
        let twice = with_unknown_hint(once.clone(), "わからないときは X");
        assert_eq!(twice, once);
    }

    #[test]
    fn collabo_with_ctc_or_qtnet_is_refused_on_the_collab_field() {
        for (line, name) in [("commufa", "ビジネスコムファ光"), ("bbiq", "BBIQ")] {
            let bad = RawAnswers {
                collab: Some("はい".into()),
                prefecture: Some("愛知県".into()),
                ..raw(line)
            };
            let errors = parse_answers(rules(), &bad, today()).expect_err("refused");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, Field::Collab);
            assert_eq!(errors[0].code, "not_collabo_line");
            let m = &errors[0].message;
            assert!(
                m.starts_with(&format!(
                    "コラボ光: コラボ光と{name}の両方は当てはまりません。"
                )),
                "{m}"
            );
            assert!(m.contains("「1」"), "{m}");
            for collab in ["no", "unknown"] {
                let fine = RawAnswers {
                    collab: Some(collab.into()),
                    ..bad.clone()
                };
                assert!(
                    parse_answers(rules(), &fine, today()).is_ok(),
                    "{line} {collab}"
                );
            }
        }
        // コラボ光 is a FLET'S line: 光クロス with コラボ光 is fine.
        let cross = RawAnswers {
            collab: Some("yes".into()),
            prefecture: Some("13".into()),
            ..raw("cross")
        };
        assert!(parse_answers(rules(), &cross, today()).is_ok());
    }

    #[test]
    fn an_id_for_a_line_that_takes_none_is_left_out_not_refused() {
        for line in ["commufa", "bbiq", "ipsec", "other", "other-flets"] {
            let given = RawAnswers {
                customer_id: Some(" CAF12\u{7} ".into()),
                ..raw(line)
            };
            let a = parse_answers(rules(), &given, today()).expect("accepted");
            assert_eq!(a.customer_id, None, "{line}");
            assert_eq!(
                a.ignored_customer_id.as_deref(),
                Some("CAF12\\u{7}"),
                "{line}"
            );
            let note = &rules().customer_id.not_taken;
            assert!(
                crate::rules::decide(rules(), &a).notes.contains(note),
                "{line}"
            );
            for nothing in ["unknown", "不明"] {
                let given = RawAnswers {
                    customer_id: Some(nothing.into()),
                    ..raw(line)
                };
                let a = parse_answers(rules(), &given, today()).expect("accepted");
                assert_eq!(a.ignored_customer_id, None, "{line}");
            }
        }
        let bad = RawAnswers {
            customer_id: Some("CAF12".into()),
            ..raw("unknown")
        };
        assert!(parse_answers(rules(), &bad, today()).is_err());
    }
}
