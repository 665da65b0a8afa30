//! The date a line was applied for (申込日), in every form people write it: Western and Japanese
//! era dates, half- or full-width. No well-kept crate parses Japanese era dates, so this is ours.
//!
//! Input is trimmed, NFKC-normalised (full-width digits, letters and punctuation become ASCII;
//! 「㍻」 becomes 「平成」), stripped of every space (U+3000 too), and dashes people type
//! (「－」「ー」「−」「–」…) are read as `-`. Then one of these forms must match:
//!
//! - `2012-05-29`, `2012/5/29`, `2012.5.29` (one separator throughout), `20120529`,
//!   `2012年5月29日`
//! - `平成24年5月29日`, `令和元年5月1日`, `H24.5.29`, `h24/5/29`, `R元-5-1`, `平成24.5.29`,
//!   `H24年5月29日`
//!
//! The closing 「日」 may be left off. Era dates are checked against the era's real range.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::field::{Field, FieldError};

/// Nothing (or only spaces) was typed.
pub const CODE_EMPTY: &str = "empty";
/// Not a form this parser reads.
pub const CODE_UNRECOGNIZED: &str = "unrecognized";
/// A form it reads, but no such day (2021-02-30, month 13).
pub const CODE_INVALID_DATE: &str = "invalid_date";
/// An era date outside the era (平成31年5月1日, 令和0年…).
pub const CODE_ERA_OUT_OF_RANGE: &str = "era_out_of_range";
/// A day after `today`.
pub const CODE_FUTURE: &str = "future";
/// A Western year before [`MIN_YEAR`].
pub const CODE_OUT_OF_RANGE: &str = "out_of_range";

/// The earliest Western year accepted.
pub const MIN_YEAR: i32 = 1900;

/// Longer input than this (after trimming) is not a date; refused before any normalising work.
const MAX_INPUT_BYTES: usize = 256;

/// The forms, shown whenever the input cannot be read.
const EXAMPLES: &str =
    "2012年5月29日、2012/5/29、平成24年5月29日、H24.5.29 のように入力してください。";

/// The forms of a date the question shows as examples (full screen and plain mode).
pub const FORMS: &str = "2012/5/29、2012年5月29日、平成24年5月29日、H24.5.29、R3.5.10";

/// One Japanese era this parser knows, with its real first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Era {
    name: &'static str,
    start: NaiveDate,
    /// `None` for the current era.
    end: Option<NaiveDate>,
}

impl Era {
    fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|end| date <= end)
    }

    /// The era's year `n` as a Western year (year 0 is the year before the era began).
    fn western_year(&self, n: u32) -> i32 {
        // `n` has at most three digits, so this cannot overflow.
        self.start.year() + n as i32 - 1
    }
}

/// A boundary date written in the source; `None` would be a typo here, caught at compile time.
const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("era boundary is not a date"),
    }
}

const SHOWA: Era = Era {
    name: "昭和",
    start: ymd(1926, 12, 25),
    end: Some(ymd(1989, 1, 7)),
};
const HEISEI: Era = Era {
    name: "平成",
    start: ymd(1989, 1, 8),
    end: Some(ymd(2019, 4, 30)),
};
const REIWA: Era = Era {
    name: "令和",
    start: ymd(2019, 5, 1),
    end: None,
};

/// Oldest first.
const ERAS: [Era; 3] = [SHOWA, HEISEI, REIWA];

static WESTERN_SEPARATED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})([-/.])([0-9]{1,2})([-/.])([0-9]{1,2})$").expect("literal regex")
});
static WESTERN_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})([0-9]{2})([0-9]{2})$").expect("literal regex"));
static WESTERN_KANJI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日?$").expect("literal regex")
});
static ERA_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(昭和|平成|令和|明治|大正|[SHRMTshrmt])(元|[0-9]{1,3})",
        r"(?:年([0-9]{1,2})月([0-9]{1,2})日?|([-/.])([0-9]{1,2})([-/.])([0-9]{1,2}))$",
    ))
    .expect("literal regex")
});

/// Which calendar the year was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Western,
    Era(Era),
}

/// The numbers as typed, not yet checked against any calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    calendar: Calendar,
    year: u32,
    month: u32,
    day: u32,
}

/// Parses an application date. `today` bounds it: a date after today is an error.
pub fn parse_applied_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(empty());
    }
    if trimmed.len() > MAX_INPUT_BYTES {
        return Err(unrecognized());
    }
    let normalized = normalize(trimmed);
    if normalized.is_empty() {
        return Err(empty());
    }
    let parts = read_parts(&normalized)?;
    let date = match parts.calendar {
        Calendar::Western => western_date(parts)?,
        Calendar::Era(era) => era_date(era, parts)?,
    };
    if date > today {
        return Err(FieldError::new(
            Field::Applied,
            CODE_FUTURE,
            format!(
                "{}は今日の日付 ({}) より後です。回線を申し込んだ日を入力してください。",
                western(date),
                western(today)
            ),
        ));
    }
    Ok(date)
}

/// 「2012年5月28日 (平成24年)」: the echo shown before moving on. Before 昭和, just the Western date.
pub fn describe(date: NaiveDate) -> String {
    match era_year(date) {
        Some((name, year)) => format!("{} ({})", western(date), era_label(name, year)),
        None => western(date),
    }
}

/// The era (昭和, 平成 or 令和) and the year within it, or `None` before 昭和 began (1926-12-25).
pub fn era_year(date: NaiveDate) -> Option<(&'static str, u32)> {
    let era = ERAS.iter().find(|era| era.contains(date))?;
    let year = u32::try_from(date.year() - era.start.year() + 1).ok()?;
    Some((era.name, year))
}

/// NFKC, drop spaces and invisible characters, read every kind of dash as `-`.
fn normalize(trimmed: &str) -> String {
    super::text::nfkc(trimmed)
        .chars()
        .filter(|&c| !c.is_whitespace() && !super::text::is_invisible(c))
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect()
}

/// Dashes and the long-vowel mark, which people type between the numbers of a date.
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}')
}

fn read_parts(s: &str) -> Result<Parts, FieldError> {
    if let Some(caps) = WESTERN_SEPARATED.captures(s) {
        if caps.get(2).map(|m| m.as_str()) != caps.get(4).map(|m| m.as_str()) {
            return Err(unrecognized());
        }
        return western_parts(caps.get(1), caps.get(3), caps.get(5));
    }
    if let Some(caps) = WESTERN_COMPACT.captures(s) {
        return western_parts(caps.get(1), caps.get(2), caps.get(3));
    }
    if let Some(caps) = WESTERN_KANJI.captures(s) {
        return western_parts(caps.get(1), caps.get(2), caps.get(3));
    }
    if let Some(caps) = ERA_DATE.captures(s) {
        let era_text = caps.get(1).map_or("", |m| m.as_str());
        let era = match era_text {
            "昭和" | "S" | "s" => SHOWA,
            "平成" | "H" | "h" => HEISEI,
            "令和" | "R" | "r" => REIWA,
            "明治" | "M" | "m" => return Err(unsupported_era("明治")),
            "大正" | "T" | "t" => return Err(unsupported_era("大正")),
            _ => return Err(unrecognized()),
        };
        let year = match caps.get(2).map(|m| m.as_str()) {
            Some("元") => Some(1),
            other => number(other),
        };
        let (month, day) = match (caps.get(3), caps.get(4)) {
            (Some(month), Some(day)) => (month, day),
            _ => {
                if caps.get(5).map(|m| m.as_str()) != caps.get(7).map(|m| m.as_str()) {
                    return Err(unrecognized());
                }
                match (caps.get(6), caps.get(8)) {
                    (Some(month), Some(day)) => (month, day),
                    _ => return Err(unrecognized()),
                }
            }
        };
        return match (
            year,
            number(Some(month.as_str())),
            number(Some(day.as_str())),
        ) {
            (Some(year), Some(month), Some(day)) => Ok(Parts {
                calendar: Calendar::Era(era),
                year,
                month,
                day,
            }),
            _ => Err(unrecognized()),
        };
    }
    Err(unrecognized())
}

fn western_parts(
    year: Option<regex::Match<'_>>,
    month: Option<regex::Match<'_>>,
    day: Option<regex::Match<'_>>,
) -> Result<Parts, FieldError> {
    match (
        number(year.map(|m| m.as_str())),
        number(month.map(|m| m.as_str())),
        number(day.map(|m| m.as_str())),
    ) {
        (Some(year), Some(month), Some(day)) => Ok(Parts {
            calendar: Calendar::Western,
            year,
            month,
            day,
        }),
        _ => Err(unrecognized()),
    }
}

/// The regexes only let ASCII digits through, at most four, so this is `None` only on a bug.
fn number(text: Option<&str>) -> Option<u32> {
    text?.parse().ok()
}

fn western_date(parts: Parts) -> Result<NaiveDate, FieldError> {
    let Parts {
        year, month, day, ..
    } = parts;
    let western_year = i32::try_from(year).map_err(|_| unrecognized())?;
    if western_year < MIN_YEAR {
        return Err(FieldError::new(
            Field::Applied,
            CODE_OUT_OF_RANGE,
            format!(
                "{year}年は受け付けられる範囲 ({MIN_YEAR}年以降) より前です。\
                 年の数字を確かめて、2012年5月29日 のように西暦4桁で入力してください。"
            ),
        ));
    }
    NaiveDate::from_ymd_opt(western_year, month, day)
        .ok_or_else(|| invalid_date(&format!("{year}年"), western_year, month, day))
}

fn era_date(era: Era, parts: Parts) -> Result<NaiveDate, FieldError> {
    let Parts {
        year, month, day, ..
    } = parts;
    let western_year = era.western_year(year);
    match NaiveDate::from_ymd_opt(western_year, month, day) {
        Some(date) if era.contains(date) => Ok(date),
        Some(date) => Err(era_out_of_range(era, parts, Some(date))),
        None => {
            let year_outside = western_year < era.start.year()
                || era.end.is_some_and(|end| western_year > end.year());
            if year_outside {
                Err(era_out_of_range(era, parts, None))
            } else {
                Err(invalid_date(
                    &era_label(era.name, year),
                    western_year,
                    month,
                    day,
                ))
            }
        }
    }
}

fn empty() -> FieldError {
    FieldError::new(
        Field::Applied,
        CODE_EMPTY,
        format!("入力されていません。回線を申し込んだ日を、{EXAMPLES}"),
    )
}

fn unrecognized() -> FieldError {
    FieldError::new(
        Field::Applied,
        CODE_UNRECOGNIZED,
        format!("日付として読み取れませんでした。{EXAMPLES}"),
    )
}

fn unsupported_era(name: &str) -> FieldError {
    FieldError::new(
        Field::Applied,
        CODE_UNRECOGNIZED,
        format!(
            "{name}の年号には対応していません。昭和より前の日付は、1925年5月1日 のように西暦で入力してください。"
        ),
    )
}

/// `label` is the year as typed: 「2021年」 or 「平成24年」.
fn invalid_date(label: &str, western_year: i32, month: u32, day: u32) -> FieldError {
    let hint = if (1..=12).contains(&month) {
        match last_day(western_year, month) {
            Some(last) => format!("{label}{month}月は1日から{last}日までです。"),
            None => String::new(),
        }
    } else {
        "月は1から12までです。".to_string()
    };
    FieldError::new(
        Field::Applied,
        CODE_INVALID_DATE,
        format!(
            "{label}{month}月{day}日という日付はありません。{hint}カレンダーで日付を確かめて入力してください。"
        ),
    )
}

fn last_day(year: i32, month: u32) -> Option<u32> {
    (28..=31)
        .rev()
        .find(|&day| NaiveDate::from_ymd_opt(year, month, day).is_some())
}

/// `date` is the day the numbers name when read as a Western date, if there is one; it makes the
/// suggestion (「(令和元年5月1日)」).
fn era_out_of_range(era: Era, parts: Parts, date: Option<NaiveDate>) -> FieldError {
    let Parts {
        year, month, day, ..
    } = parts;
    let mut message = if year == 0 {
        format!(
            "{}0年という年はありません ({}は元年から数えます)。",
            era.name, era.name
        )
    } else {
        format!(
            "{}{month}月{day}日は{}の期間外です。",
            era_label(era.name, year),
            era.name
        )
    };
    match era.end {
        Some(end) => message.push_str(&format!(
            "{}は{}から{}までです。",
            era.name,
            western(era.start),
            western(end)
        )),
        None => message.push_str(&format!("{}は{}からです。", era.name, western(era.start))),
    }
    let before = era.western_year(year) < era.start.year() || date.is_some_and(|d| d < era.start);
    let boundary = if before {
        era.start.pred_opt().map(|last| {
            (
                last,
                "以前",
                era_year(last).map_or("西暦", |(name, _)| name),
            )
        })
    } else {
        era.end
            .and_then(|end| end.succ_opt())
            .and_then(|first| era_year(first).map(|(name, _)| (first, "以降", name)))
    };
    if let Some((boundary, side, other)) = boundary {
        message.push_str(&format!(
            "{}{side}は{other}で入力してください",
            western(boundary)
        ));
        if let Some(date) = date {
            message.push_str(&format!(" ({})", as_typed_in_own_era(date)));
        }
        message.push('。');
    }
    FieldError::new(Field::Applied, CODE_ERA_OUT_OF_RANGE, message)
}

/// 「令和元年5月1日」, or the Western date before 昭和.
fn as_typed_in_own_era(date: NaiveDate) -> String {
    match era_year(date) {
        Some((name, year)) => format!(
            "{}{}月{}日",
            era_label(name, year),
            date.month(),
            date.day()
        ),
        None => western(date),
    }
}

/// 「平成24年」, 「令和元年」.
fn era_label(name: &str, year: u32) -> String {
    if year == 1 {
        format!("{name}元年")
    } else {
        format!("{name}{year}年")
    }
}

/// 「2012年5月29日」.
fn western(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_width::UnicodeWidthChar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    /// A fixed today for everything but the round-trip property.
    fn today() -> NaiveDate {
        d(2025, 6, 15)
    }

    fn parse(input: &str) -> Result<NaiveDate, FieldError> {
        parse_applied_date(input, today())
    }

    fn ok(input: &str) -> NaiveDate {
        match parse(input) {
            Ok(date) => date,
            Err(e) => panic!("{input:?} should parse, got {e:?}"),
        }
    }

    fn err(input: &str) -> FieldError {
        match parse(input) {
            Ok(date) => panic!("{input:?} should be refused, got {date}"),
            Err(e) => {
                assert_eq!(e.field, Field::Applied);
                assert!(e.message.starts_with("申込日: "), "{}", e.message);
                assert_no_ambiguous_width(&e.message);
                e
            }
        }
    }

    fn code(input: &str) -> &'static str {
        err(input).code
    }

    fn assert_no_ambiguous_width(text: &str) {
        for c in text.chars() {
            assert_eq!(
                c.width(),
                c.width_cjk(),
                "ambiguous-width {c:?} (U+{:04X}) in {text:?}",
                c as u32
            );
        }
    }

    /// ASCII `!`..`~` to their full-width forms.
    fn fullwidth(s: &str) -> String {
        s.chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).expect("full-width form"),
                _ => c,
            })
            .collect()
    }

    #[test]
    fn western_forms() {
        let want = d(2012, 5, 29);
        for input in [
            "2012-05-29",
            "2012-5-29",
            "2012/5/29",
            "2012/05/29",
            "2012.5.29",
            "20120529",
            "2012年5月29日",
            "2012年05月29日",
            "2012年5月29",
        ] {
            assert_eq!(ok(input), want, "{input}");
        }
    }

    #[test]
    fn era_kanji_forms() {
        assert_eq!(ok("平成24年5月29日"), d(2012, 5, 29));
        assert_eq!(ok("令和3年5月10日"), d(2021, 5, 10));
        assert_eq!(ok("令和元年5月1日"), d(2019, 5, 1));
        assert_eq!(ok("令和1年5月1日"), d(2019, 5, 1));
        assert_eq!(ok("昭和64年1月7日"), d(1989, 1, 7));
        assert_eq!(ok("平成元年1月8日"), d(1989, 1, 8));
        assert_eq!(ok("昭和元年12月25日"), d(1926, 12, 25));
        assert_eq!(ok("昭和60年3月1日"), d(1985, 3, 1));
    }

    #[test]
    fn era_letter_and_separator_forms() {
        let h = d(2012, 5, 29);
        for input in [
            "H24.5.29",
            "H24/5/29",
            "H24-5-29",
            "h24.5.29",
            "h24/5/29",
            "H24.05.29",
            "平成24.5.29",
            "平成24/5/29",
            "平成24-5-29",
            "H24年5月29日",
        ] {
            assert_eq!(ok(input), h, "{input}");
        }
        let r = d(2021, 5, 10);
        for input in [
            "R3.5.10",
            "r3/5/10",
            "R03.05.10",
            "令和3/5/10",
            "令和3.5.10",
        ] {
            assert_eq!(ok(input), r, "{input}");
        }
        assert_eq!(ok("S64.1.7"), d(1989, 1, 7));
        assert_eq!(ok("s64/1/7"), d(1989, 1, 7));
        assert_eq!(ok("R元.5.1"), d(2019, 5, 1));
        assert_eq!(ok("r元/5/1"), d(2019, 5, 1));
        assert_eq!(ok("令和元.5.1"), d(2019, 5, 1));
    }

    #[test]
    fn full_width_and_spaces() {
        assert_eq!(ok("２０１２／５／２９"), d(2012, 5, 29));
        assert_eq!(ok("２０１２－０５－２９"), d(2012, 5, 29));
        assert_eq!(ok("２０１２０５２９"), d(2012, 5, 29));
        assert_eq!(ok("Ｈ２４．５．２９"), d(2012, 5, 29));
        assert_eq!(ok("ｈ２４．５．２９"), d(2012, 5, 29));
        assert_eq!(ok("平成２４年５月２９日"), d(2012, 5, 29));
        assert_eq!(ok("令和元年５月１日"), d(2019, 5, 1));
        assert_eq!(ok("  2012 / 5 / 29  "), d(2012, 5, 29));
        assert_eq!(
            ok("\u{3000}平成\u{3000}24年\u{3000}5月\u{3000}29日\u{3000}"),
            d(2012, 5, 29)
        );
        assert_eq!(ok("平成 24 年 5 月 29 日"), d(2012, 5, 29));
        assert_eq!(ok("\t2012年5月29日\n"), d(2012, 5, 29));
        assert_eq!(ok("H 24 . 5 . 29"), d(2012, 5, 29));
        // Square era signs, other dashes, pasted zero-width characters.
        assert_eq!(ok("㍻24年5月29日"), d(2012, 5, 29));
        assert_eq!(ok("㋿3年5月10日"), d(2021, 5, 10));
        assert_eq!(ok("㍼64年1月7日"), d(1989, 1, 7));
        assert_eq!(ok("2012ー5ー29"), d(2012, 5, 29));
        assert_eq!(ok("2012−5−29"), d(2012, 5, 29));
        assert_eq!(ok("2012‐5‐29"), d(2012, 5, 29));
        assert_eq!(ok("\u{FEFF}2012/5/29\u{200B}"), d(2012, 5, 29));
    }

    #[test]
    fn era_boundaries() {
        // 昭和 starts 1926-12-25 and ends 1989-01-07.
        assert_eq!(ok("昭和元年12月25日"), d(1926, 12, 25));
        assert_eq!(code("昭和元年12月24日"), CODE_ERA_OUT_OF_RANGE);
        assert_eq!(ok("昭和64年1月7日"), d(1989, 1, 7));
        assert_eq!(code("昭和64年1月8日"), CODE_ERA_OUT_OF_RANGE);
        // 平成 starts 1989-01-08 and ends 2019-04-30.
        assert_eq!(ok("平成元年1月8日"), d(1989, 1, 8));
        assert_eq!(code("平成元年1月7日"), CODE_ERA_OUT_OF_RANGE);
        assert_eq!(ok("平成31年4月30日"), d(2019, 4, 30));
        assert_eq!(code("平成31年5月1日"), CODE_ERA_OUT_OF_RANGE);
        // 令和 starts 2019-05-01.
        assert_eq!(ok("令和元年5月1日"), d(2019, 5, 1));
        assert_eq!(code("令和1年4月30日"), CODE_ERA_OUT_OF_RANGE);
        assert_eq!(code("R元.4.30"), CODE_ERA_OUT_OF_RANGE);
        // Years wholly outside.
        assert_eq!(code("平成32年1月1日"), CODE_ERA_OUT_OF_RANGE);
        assert_eq!(code("昭和65年1月1日"), CODE_ERA_OUT_OF_RANGE);
        assert_eq!(code("H99.1.1"), CODE_ERA_OUT_OF_RANGE);
    }

    #[test]
    fn era_out_of_range_messages_name_the_range_and_suggest() {
        let m = err("平成31年5月1日").message;
        assert!(
            m.contains("平成は1989年1月8日から2019年4月30日までです"),
            "{m}"
        );
        assert!(
            m.contains("2019年5月1日以降は令和で入力してください (令和元年5月1日)"),
            "{m}"
        );

        let m = err("平成32年1月1日").message;
        assert!(m.contains("(令和2年1月1日)"), "{m}");

        let m = err("令和1年4月30日").message;
        assert!(m.contains("令和は2019年5月1日からです"), "{m}");
        assert!(
            m.contains("2019年4月30日以前は平成で入力してください (平成31年4月30日)"),
            "{m}"
        );

        let m = err("昭和64年1月8日").message;
        assert!(
            m.contains("昭和は1926年12月25日から1989年1月7日までです"),
            "{m}"
        );
        assert!(
            m.contains("1989年1月8日以降は平成で入力してください (平成元年1月8日)"),
            "{m}"
        );

        let m = err("平成元年1月7日").message;
        assert!(m.contains("(昭和64年1月7日)"), "{m}");

        let m = err("昭和元年12月24日").message;
        assert!(
            m.contains("1926年12月24日以前は西暦で入力してください (1926年12月24日)"),
            "{m}"
        );

        // No such day in that year either: no suggestion, still the range and the era to use.
        let m = err("平成41年2月29日").message;
        assert!(m.contains("令和で入力してください。"), "{m}");
    }

    #[test]
    fn era_year_zero_is_an_error() {
        for input in [
            "平成0年5月1日",
            "H0.5.1",
            "令和0年5月1日",
            "昭和0年5月1日",
            "R00.1.1",
        ] {
            let e = err(input);
            assert_eq!(e.code, CODE_ERA_OUT_OF_RANGE, "{input}");
            assert!(
                e.message.contains("0年という年はありません"),
                "{}",
                e.message
            );
        }
        assert!(err("平成0年5月1日").message.contains("(昭和63年5月1日)"));
        assert!(err("令和0年5月1日").message.contains("(平成30年5月1日)"));
    }

    #[test]
    fn impossible_dates() {
        for input in [
            "2021-02-30",
            "2021-13-01",
            "2021/0/1",
            "2021/1/0",
            "2021/4/31",
            "20210230",
            "2021年2月30日",
            "平成24年2月30日",
            "H24.13.1",
            "令和3年6月31日",
            "2013-02-29",
        ] {
            assert_eq!(code(input), CODE_INVALID_DATE, "{input}");
        }
        let m = err("2021-02-30").message;
        assert!(m.contains("2021年2月30日という日付はありません"), "{m}");
        assert!(m.contains("2021年2月は1日から28日までです"), "{m}");
        assert!(
            m.contains("カレンダーで日付を確かめて入力してください"),
            "{m}"
        );
        let m = err("2021-13-01").message;
        assert!(m.contains("月は1から12までです"), "{m}");
        let m = err("平成24年2月30日").message;
        assert!(m.contains("平成24年2月30日という日付はありません"), "{m}");
        assert!(m.contains("平成24年2月は1日から29日までです"), "{m}");
    }

    #[test]
    fn leap_days() {
        assert_eq!(ok("2012-02-29"), d(2012, 2, 29));
        assert_eq!(ok("2000/2/29"), d(2000, 2, 29));
        assert_eq!(code("2013-02-29"), CODE_INVALID_DATE);
        assert_eq!(code("1900/2/29"), CODE_INVALID_DATE);
        assert_eq!(ok("平成24年2月29日"), d(2012, 2, 29));
        assert_eq!(code("平成25年2月29日"), CODE_INVALID_DATE);
        assert_eq!(ok("R2.2.29"), d(2020, 2, 29));
    }

    #[test]
    fn future_dates() {
        assert_eq!(ok("2025-06-15"), today());
        assert_eq!(ok("令和7年6月15日"), today());
        let e = err("2025-06-16");
        assert_eq!(e.code, CODE_FUTURE);
        assert!(
            e.message
                .contains("2025年6月16日は今日の日付 (2025年6月15日) より後です")
        );
        assert!(e.message.contains("回線を申し込んだ日を入力してください"));
        assert_eq!(code("令和8年1月1日"), CODE_FUTURE);
        assert_eq!(code("R99.1.1"), CODE_FUTURE);
        assert_eq!(code("9999/12/31"), CODE_FUTURE);
        assert_eq!(
            parse_applied_date("2025-06-16", d(2025, 6, 16)),
            Ok(d(2025, 6, 16))
        );
    }

    #[test]
    fn years_before_1900() {
        for input in [
            "1899-12-31",
            "0000/01/01",
            "1000年1月1日",
            "08991231",
            "0212.5.29",
        ] {
            assert_eq!(code(input), CODE_OUT_OF_RANGE, "{input}");
        }
        assert!(err("1899-12-31").message.contains("1900年以降"));
        assert_eq!(ok("1900-01-01"), d(1900, 1, 1));
        assert_eq!(ok("1926/12/24"), d(1926, 12, 24));
    }

    #[test]
    fn empty_input() {
        for input in ["", " ", "\u{3000}\u{3000}", "\t\n", "\u{200B}"] {
            assert_eq!(code(input), CODE_EMPTY, "{input:?}");
        }
        assert_eq!(code(&" ".repeat(1 << 20)), CODE_EMPTY);
    }

    #[test]
    fn unrecognized_input() {
        for input in [
            "2012",
            "2012/5",
            "12/5/29",
            "5/29/2012",
            "2012/5.29",
            "H24.5/29",
            "2012-5-29-1",
            "2012年5月",
            "平成24年",
            "平成二十四年五月二十九日",
            "H24",
            "X24.5.29",
            "2012/5/29/",
            "201205291",
            "2012529",
            "yesterday",
            "昨日",
            "H1234.5.6",
            "20120/5/29",
            "\u{0}",
            "2012\u{0}/5/29",
            "2012/5/29🎉",
            "2\u{301}012/5/29",
            "٢٠١٢/٥/٢٩",
            "平成24年5月29日火曜日",
        ] {
            let e = err(input);
            assert_eq!(e.code, CODE_UNRECOGNIZED, "{input:?}");
        }
        let m = err("yesterday").message;
        assert!(
            m.contains(
                "2012年5月29日、2012/5/29、平成24年5月29日、H24.5.29 のように入力してください"
            ),
            "{m}"
        );
        assert!(
            err("大正10年5月1日")
                .message
                .contains("西暦で入力してください")
        );
        assert_eq!(code("T10.5.1"), CODE_UNRECOGNIZED);
        assert_eq!(code("明治45年1月1日"), CODE_UNRECOGNIZED);
    }

    #[test]
    fn huge_and_odd_input_does_not_panic() {
        let long = "2".repeat(1 << 20);
        assert_eq!(code(&long), CODE_UNRECOGNIZED);
        let long = format!("2012/5/29{}", "\u{301}".repeat(1 << 20));
        assert_eq!(code(&long), CODE_UNRECOGNIZED);
        let long = format!(
            "{}2012/5/29{}",
            " ".repeat(1 << 20),
            "\u{3000}".repeat(1 << 18)
        );
        assert_eq!(ok(&long), d(2012, 5, 29));
        assert_eq!(code(&"🎉".repeat(1 << 18)), CODE_UNRECOGNIZED);
        assert_eq!(code("\u{1}\u{7f}\u{9b}"), CODE_UNRECOGNIZED);
    }

    #[test]
    fn describe_and_era_year() {
        assert_eq!(describe(d(2012, 5, 28)), "2012年5月28日 (平成24年)");
        assert_eq!(describe(d(2019, 5, 1)), "2019年5月1日 (令和元年)");
        assert_eq!(describe(d(2019, 4, 30)), "2019年4月30日 (平成31年)");
        assert_eq!(describe(d(2021, 5, 10)), "2021年5月10日 (令和3年)");
        assert_eq!(describe(d(1989, 1, 7)), "1989年1月7日 (昭和64年)");
        assert_eq!(describe(d(1989, 1, 8)), "1989年1月8日 (平成元年)");
        assert_eq!(describe(d(1926, 12, 25)), "1926年12月25日 (昭和元年)");
        assert_eq!(describe(d(1926, 12, 24)), "1926年12月24日");
        assert_eq!(describe(d(1900, 1, 1)), "1900年1月1日");

        assert_eq!(era_year(d(1926, 12, 24)), None);
        assert_eq!(era_year(d(1926, 12, 25)), Some(("昭和", 1)));
        assert_eq!(era_year(d(1989, 1, 7)), Some(("昭和", 64)));
        assert_eq!(era_year(d(1989, 1, 8)), Some(("平成", 1)));
        assert_eq!(era_year(d(2019, 4, 30)), Some(("平成", 31)));
        assert_eq!(era_year(d(2019, 5, 1)), Some(("令和", 1)));
        assert_eq!(era_year(d(2025, 6, 15)), Some(("令和", 7)));
        assert_no_ambiguous_width(&describe(d(2019, 5, 1)));
    }

    /// Every form a date can be written in, half- and full-width, some with spaces.
    fn forms(date: NaiveDate) -> Vec<String> {
        let (y, m, dd) = (date.year(), date.month(), date.day());
        let mut out = vec![
            format!("{y}-{m:02}-{dd:02}"),
            format!("{y}-{m}-{dd}"),
            format!("{y}/{m}/{dd}"),
            format!("{y}/{m:02}/{dd:02}"),
            format!("{y}.{m}.{dd}"),
            format!("{y}{m:02}{dd:02}"),
            format!("{y}年{m}月{dd}日"),
            format!("{y}年{m:02}月{dd:02}日"),
            format!(" {y} / {m} / {dd} "),
            format!("\u{3000}{y}年\u{3000}{m}月\u{3000}{dd}日"),
        ];
        if let Some((name, n)) = era_year(date) {
            let letter = match name {
                "昭和" => "S",
                "平成" => "H",
                _ => "R",
            };
            let mut years = vec![n.to_string(), format!("{n:02}")];
            if n == 1 {
                years.push("元".to_string());
            }
            for ny in &years {
                out.push(format!("{name}{ny}年{m}月{dd}日"));
                out.push(format!("{name} {ny} 年 {m} 月 {dd} 日"));
                for sep in [".", "/", "-"] {
                    out.push(format!("{letter}{ny}{sep}{m}{sep}{dd}"));
                    out.push(format!("{}{ny}{sep}{m}{sep}{dd}", letter.to_lowercase()));
                    out.push(format!("{name}{ny}{sep}{m}{sep}{dd}"));
                    out.push(format!("{letter}{ny}{sep}{m:02}{sep}{dd:02}"));
                }
            }
        }
        let full: Vec<String> = out.iter().map(|s| fullwidth(s)).collect();
        out.extend(full);
        out
    }

    #[test]
    fn forms_cover_boundaries() {
        for date in [
            d(1926, 12, 25),
            d(1989, 1, 7),
            d(1989, 1, 8),
            d(2019, 4, 30),
            d(2019, 5, 1),
            d(2012, 2, 29),
        ] {
            for form in forms(date) {
                assert_eq!(ok(&form), date, "{form}");
            }
        }
    }

    proptest! {
        #[test]
        fn no_input_panics(input in any::<String>()) {
            let today = today();
            match parse_applied_date(&input, today) {
                Ok(date) => {
                    prop_assert!(date <= today);
                    prop_assert!(date.year() >= MIN_YEAR);
                }
                Err(e) => {
                    prop_assert!([
                        CODE_EMPTY, CODE_UNRECOGNIZED, CODE_INVALID_DATE,
                        CODE_ERA_OUT_OF_RANGE, CODE_FUTURE, CODE_OUT_OF_RANGE,
                    ].contains(&e.code));
                }
            }
        }

        #[test]
        fn no_date_like_input_panics(
            input in "[0-9０-９年月日元昭和平成令和大正明治SHRMTshrmt./\\-ー／．－ \u{3000}\u{301}\u{0}🎉]{0,24}"
        ) {
            let today = today();
            match parse_applied_date(&input, today) {
                Ok(date) => {
                    prop_assert!(date <= today);
                    prop_assert!(date.year() >= MIN_YEAR);
                    // What was read echoes back to itself.
                    prop_assert_eq!(parse_applied_date(&date.to_string(), today), Ok(date));
                }
                Err(e) => {
                    assert_no_ambiguous_width(&e.message);
                    prop_assert!(e.message.starts_with("申込日: "));
                }
            }
        }

        #[test]
        fn every_form_round_trips(offset in 0i64..=40_000) {
            let today = chrono::Local::now().date_naive();
            let first = d(1926, 12, 25);
            let span = (today - first).num_days();
            let date = first + chrono::Duration::days(offset % (span + 1));
            for form in forms(date) {
                prop_assert_eq!(parse_applied_date(&form, today), Ok(date), "{}", form);
            }
            assert_no_ambiguous_width(&describe(date));
        }
    }
}
