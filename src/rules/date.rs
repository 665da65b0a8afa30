//! The date a line was applied for (申込日) or opened (開通日), in every form people write it:
//! Western and Japanese era dates, half- or full-width, kanji numerals, a day, a month or a year.
//! No well-kept crate parses Japanese era dates, so this is ours.
//!
//! Input is trimmed, NFKC-normalised (full-width digits, letters and punctuation become ASCII;
//! 「㍻」 becomes 「平成」), stripped of every space (U+3000 too), kanji numerals become digits
//! (「二十四」 is 24), dashes people type (「－」「ー」「−」「–」…) are read as `-`, and a weekday
//! after a day (「(火)」「火曜日」) is taken off and checked. Then one of these forms must match:
//!
//! - `2012-05-29`, `2012/5/29`, `2012.5.29` (one separator throughout), `20120529`,
//!   `2012年5月29日`
//! - `平成24年5月29日`, `令和元年5月1日`, `H24.5.29`, `H.24.5.29`, `h24/5/29`, `R元-5-1`,
//!   `平成24.5.29`, `H24年5月29日`
//! - a month: `2012年6月`, `2012/6`, `2012-6`, `平成24年6月`, `H24.6`, `R3.4`
//! - a year: `2010年`, `2010`, `平成22年`, `H22`, `令和元年`
//!
//! The closing 「日」 may be left off. Era dates are checked against the era's real range.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

use super::date_shapes;
use super::field::{Field, FieldError};
use super::kanji_numeral;
use super::period::Period;

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
/// The weekday written after the day is not that day's.
pub const CODE_WEEKDAY_MISMATCH: &str = "weekday_mismatch";
/// A month or a year where only a day will do ([`parse_applied_date`]).
pub const CODE_NEEDS_DAY: &str = "needs_day";

/// A 開通日 before the 申込日.
pub const CODE_BEFORE_APPLIED: &str = "before_applied";

/// The earliest Western year accepted.
pub const MIN_YEAR: i32 = 1900;

/// Longer input than this (after trimming) is not a date; refused before any normalising work.
const MAX_INPUT_BYTES: usize = 256;

/// The forms, shown whenever the input cannot be read.
const EXAMPLES: &str = "2012年5月29日、2012/5/29、平成24年5月29日、H24.5.29 のように入力してください。\
     日がわからなければ 2012年5月 や 平成24年 のように年月や年だけでもかまいません。";

/// The forms of a date the question shows as examples (full screen and plain mode).
pub const FORMS: &str = "2012/5/29、H24.5.29、平成24年5月29日、2012年6月、H22 (年だけ)";

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

    /// Whether any day of `period` is in the era.
    fn overlaps(&self, period: Period) -> bool {
        period.last() >= self.start && self.end.is_none_or(|end| period.first() <= end)
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
    Regex::new(r"^([0-9]{4})([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?$").expect("literal regex")
});
static WESTERN_COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9]{4})([0-9]{2})([0-9]{2})$").expect("literal regex"));
/// A weekday after the day: 「(火)」, 「(火曜)」, 「(火曜日)」, 「火曜日」, 「火曜」.
static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.+?)(?:\(([月火水木金土日])(?:曜日?)?\)|([月火水木金土日])曜日?)$")
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
    month: Option<u32>,
    day: Option<u32>,
}

/// Parses an application date that must be a day. `today` bounds it: a date after today is an
/// error. A month or a year is refused with [`CODE_NEEDS_DAY`].
pub fn parse_applied_date(input: &str, today: NaiveDate) -> Result<NaiveDate, FieldError> {
    let period = parse_period(Field::Applied, input, today)?;
    period.as_day().ok_or_else(|| {
        FieldError::new(
            Field::Applied,
            CODE_NEEDS_DAY,
            format!("{}の何日かまで入力してください。{EXAMPLES}", period.label()),
        )
    })
}

/// Parses the application date (申込日): a day, a month or a year.
pub fn parse_applied_period(input: &str, today: NaiveDate) -> Result<Period, FieldError> {
    parse_period(Field::Applied, input, today)
}

/// Parses a date answer for `field` (申込日 or 開通日): a day, a month or a year. `today` bounds
/// it: a period that begins after today is an error.
pub fn parse_period(field: Field, input: &str, today: NaiveDate) -> Result<Period, FieldError> {
    let trimmed = input.trim();
    if trimmed.is_empty() {
        return Err(empty(field));
    }
    if trimmed.len() > MAX_INPUT_BYTES {
        return Err(unrecognized(field));
    }
    let (parts, weekday) = match ascii_parts(trimmed) {
        Some(parts) => (parts, None),
        None => {
            let normalized = normalize(trimmed);
            if normalized.is_empty() {
                return Err(empty(field));
            }
            let (text, weekday) = split_weekday(&normalized);
            (read_parts(field, text)?, weekday)
        }
    };
    let period = match parts.calendar {
        Calendar::Western => western_period(field, parts)?,
        Calendar::Era(era) => era_period(field, era, parts)?,
    };
    if period.first() > today {
        return Err(FieldError::new(
            field,
            CODE_FUTURE,
            format!(
                "{}は今日の日付 ({}) より後です。{}を入力してください。",
                period.label(),
                western(today),
                what(field)
            ),
        ));
    }
    if let Some(weekday) = weekday {
        check_weekday(field, period, weekday)?;
    }
    Ok(period)
}

/// What the field asks for, in a sentence: 「回線を申し込んだ日」.
fn what(field: Field) -> &'static str {
    match field {
        Field::Opened => "回線が開通した日",
        _ => "回線を申し込んだ日",
    }
}

/// 「2012年5月28日 (平成24年)」: the echo shown before moving on. Before 昭和, just the Western date.
pub fn describe(date: NaiveDate) -> String {
    match era_year(date) {
        Some((name, year)) => format!("{} ({})", western(date), era_label(name, year)),
        None => western(date),
    }
}

/// 「2012年5月 (平成24年)」, 「2019年 (平成31年、令和元年)」: [`describe`] for a period.
pub fn describe_period(period: Period) -> String {
    if let Some(day) = period.as_day() {
        return describe(day);
    }
    let mut eras: Vec<String> = Vec::new();
    for date in [period.first(), period.last()] {
        if let Some((name, year)) = era_year(date) {
            let label = era_label(name, year);
            if !eras.contains(&label) {
                eras.push(label);
            }
        }
    }
    if eras.is_empty() {
        period.label()
    } else {
        format!("{} ({})", period.label(), eras.join("、"))
    }
}

/// The era (昭和, 平成 or 令和) and the year within it, or `None` before 昭和 began (1926-12-25).
pub fn era_year(date: NaiveDate) -> Option<(&'static str, u32)> {
    let era = ERAS.iter().find(|era| era.contains(date))?;
    let year = u32::try_from(date.year() - era.start.year() + 1).ok()?;
    Some((era.name, year))
}

/// NFKC, drop spaces and invisible characters, kanji numerals as digits, read every kind of dash
/// as `-`.
fn normalize(trimmed: &str) -> String {
    let plain: String = super::text::nfkc(trimmed)
        .chars()
        .filter(|&c| !c.is_whitespace() && !super::text::is_invisible(c))
        .map(|c| if is_dash(c) { '-' } else { c })
        .collect();
    if plain.contains(kanji_numeral::is_numeral) {
        kanji_numeral::to_ascii_digits(&plain)
    } else {
        plain
    }
}

/// The numbers of the commonest dates, read without the regexes or a copy: ASCII (spaces
/// aside) in one of the shapes [`read_parts`] reads from ASCII, `2012-05-29`, `2012/5/29`,
/// `20120529`, `2012`, `H24.5.29`. ASCII needs no normalising (NFKC keeps it, and it has no
/// dash to rewrite, no kanji numeral and no weekday). Anything else, and a date whose two
/// separators differ (an error), is `None`: [`read_parts`] reads it.
fn ascii_parts(trimmed: &str) -> Option<Parts> {
    if !trimmed.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    let mut len = 0;
    for b in trimmed.bytes().filter(|b| !(*b as char).is_whitespace()) {
        *buf.get_mut(len)? = b;
        len += 1;
    }
    let s = buf.get(..len)?;
    let (calendar, s) = match s.first()? {
        b'0'..=b'9' => (Calendar::Western, s),
        letter => (Calendar::Era(ascii_era(*letter)?), s.get(1..)?),
    };
    // Runs of digits and the separators between them.
    let mut numbers = [0u32; 3];
    let mut widths = [0usize; 3];
    let mut separator = None;
    let mut count = 0;
    for &b in s {
        match b {
            b'0'..=b'9' => {
                if widths[count] == 8 {
                    return None;
                }
                numbers[count] = numbers[count] * 10 + u32::from(b - b'0');
                widths[count] += 1;
            }
            b'-' | b'/' | b'.' if widths[count] > 0 && count < 2 => {
                if separator.is_some_and(|sep| sep != b) {
                    return None;
                }
                separator = Some(b);
                count += 1;
            }
            _ => return None,
        }
    }
    let widths = widths.get(..=count)?;
    if widths.last() == Some(&0) {
        return None;
    }
    let year_width = widths[0];
    let rest_fit = widths[1..].iter().all(|w| (1..=2).contains(w));
    let parts = |month: Option<u32>, day: Option<u32>| Parts {
        calendar,
        year: numbers[0],
        month,
        day,
    };
    let given = |i: usize| (i <= count).then_some(numbers[i]);
    match calendar {
        Calendar::Western if count == 0 && year_width == 8 => Some(Parts {
            calendar,
            year: numbers[0] / 10_000,
            month: Some(numbers[0] / 100 % 100),
            day: Some(numbers[0] % 100),
        }),
        Calendar::Western if year_width == 4 && rest_fit => Some(parts(given(1), given(2))),
        Calendar::Era(_) if (1..=3).contains(&year_width) && rest_fit => {
            Some(parts(given(1), given(2)))
        }
        _ => None,
    }
}

/// The era an ASCII letter names (`H` or `h`: 平成), as [`read_parts`] reads it; `None` for the
/// letters it refuses (明治, 大正) or does not know.
fn ascii_era(letter: u8) -> Option<Era> {
    match letter {
        b'S' | b's' => Some(SHOWA),
        b'H' | b'h' => Some(HEISEI),
        b'R' | b'r' => Some(REIWA),
        _ => None,
    }
}

/// The date without a weekday written after it, and that weekday.
fn split_weekday(s: &str) -> (&str, Option<Weekday>) {
    // What the pattern needs: a closing bracket at the end, or 曜.
    if !s.ends_with(')') && !s.contains('曜') {
        return (s, None);
    }
    let Some(caps) = WEEKDAY.captures(s) else {
        return (s, None);
    };
    let name = caps
        .get(2)
        .or_else(|| caps.get(3))
        .map_or("", |m| m.as_str());
    let weekday = match name {
        "月" => Weekday::Mon,
        "火" => Weekday::Tue,
        "水" => Weekday::Wed,
        "木" => Weekday::Thu,
        "金" => Weekday::Fri,
        "土" => Weekday::Sat,
        "日" => Weekday::Sun,
        _ => return (s, None),
    };
    let date = caps.get(1).map_or("", |m| m.as_str());
    (date, Some(weekday))
}

fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "月",
        Weekday::Tue => "火",
        Weekday::Wed => "水",
        Weekday::Thu => "木",
        Weekday::Fri => "金",
        Weekday::Sat => "土",
        Weekday::Sun => "日",
    }
}

/// A weekday belongs after a day, and must be that day's: a wrong one means a mistyped date.
fn check_weekday(field: Field, period: Period, weekday: Weekday) -> Result<(), FieldError> {
    let Some(day) = period.as_day() else {
        return Err(unrecognized(field));
    };
    if day.weekday() == weekday {
        return Ok(());
    }
    Err(FieldError::new(
        field,
        CODE_WEEKDAY_MISMATCH,
        format!(
            "{}は{}曜日です ({}曜日と入力されています)。日付と曜日を書類で確かめて入力してください。",
            western(day),
            weekday_name(day.weekday()),
            weekday_name(weekday)
        ),
    ))
}

/// Dashes and the long-vowel mark, which people type between the numbers of a date.
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{30FC}')
}

fn group<'a>(caps: &regex::Captures<'a>, i: usize) -> Option<&'a str> {
    caps.get(i).map(|m| m.as_str())
}

fn read_parts(field: Field, s: &str) -> Result<Parts, FieldError> {
    // The first two patterns are ASCII only; the first three start with a digit, the last
    // with none.
    let ascii = s.is_ascii();
    let digit_first = s.starts_with(|c: char| c.is_ascii_digit());
    if ascii && let Some(caps) = WESTERN_SEPARATED.captures(s) {
        if caps.get(4).is_some() && group(&caps, 2) != group(&caps, 4) {
            return Err(unrecognized(field));
        }
        return numbers(
            field,
            Calendar::Western,
            group(&caps, 1),
            group(&caps, 3),
            group(&caps, 5),
        );
    }
    // Year, month, day in groups 1 to 3.
    if ascii && let Some(caps) = WESTERN_COMPACT.captures(s) {
        return numbers(
            field,
            Calendar::Western,
            group(&caps, 1),
            group(&caps, 2),
            group(&caps, 3),
        );
    }
    if digit_first && let Some([year, month, day]) = date_shapes::western_kanji(s) {
        return numbers(field, Calendar::Western, year, month, day);
    }
    let shape = without_era_period(s);
    let caps = if digit_first {
        None
    } else {
        date_shapes::era_date(&shape)
    };
    let Some(caps) = caps else {
        return Err(unrecognized(field));
    };
    let era = match caps[1].unwrap_or("") {
        "昭和" | "S" | "s" => SHOWA,
        "平成" | "H" | "h" => HEISEI,
        "令和" | "R" | "r" => REIWA,
        "明治" | "M" | "m" => return Err(unsupported_era(field, "明治")),
        "大正" | "T" | "t" => return Err(unsupported_era(field, "大正")),
        _ => return Err(unrecognized(field)),
    };
    let year = match caps[2] {
        Some("元") => Some("1"),
        other => other,
    };
    if caps[5].is_some() {
        if caps[7].is_some() && caps[5] != caps[7] {
            return Err(unrecognized(field));
        }
        return numbers(field, Calendar::Era(era), year, caps[6], caps[8]);
    }
    numbers(field, Calendar::Era(era), year, caps[3], caps[4])
}

/// The regexes only let ASCII digits through, at most four, so a number fails to read only on a
/// bug.
fn numbers(
    field: Field,
    calendar: Calendar,
    year: Option<&str>,
    month: Option<&str>,
    day: Option<&str>,
) -> Result<Parts, FieldError> {
    let read = |t: Option<&str>| -> Result<Option<u32>, FieldError> {
        match t {
            None => Ok(None),
            Some(t) => t.parse().map(Some).map_err(|_| unrecognized(field)),
        }
    };
    let Some(year) = read(year)? else {
        return Err(unrecognized(field));
    };
    Ok(Parts {
        calendar,
        year,
        month: read(month)?,
        day: read(day)?,
    })
}

/// The period the numbers name in `western_year`; the errors say which number is wrong, after
/// `label` (the year as typed, made only for an error).
fn period_in(
    field: Field,
    label: impl Fn() -> String,
    western_year: i32,
    parts: Parts,
) -> Result<Period, FieldError> {
    match (parts.month, parts.day) {
        (Some(month), Some(day)) => NaiveDate::from_ymd_opt(western_year, month, day)
            .map(Period::day)
            .ok_or_else(|| invalid_date(field, &label(), western_year, month, day)),
        (Some(month), None) => Period::month(western_year, month).ok_or_else(|| {
            FieldError::new(
                field,
                CODE_INVALID_DATE,
                format!(
                    "{}{month}月という月はありません。月は1から12までです。",
                    label()
                ),
            )
        }),
        _ => Period::year(western_year).ok_or_else(|| unrecognized(field)),
    }
}

fn western_period(field: Field, parts: Parts) -> Result<Period, FieldError> {
    let year = parts.year;
    let western_year = i32::try_from(year).map_err(|_| unrecognized(field))?;
    if western_year < MIN_YEAR {
        return Err(FieldError::new(
            field,
            CODE_OUT_OF_RANGE,
            format!(
                "{year}年は受け付けられる範囲 ({MIN_YEAR}年以降) より前です。\
                 年の数字を確かめて、2012年5月29日 のように西暦4桁で入力してください。"
            ),
        ));
    }
    period_in(field, || format!("{year}年"), western_year, parts)
}

fn era_period(field: Field, era: Era, parts: Parts) -> Result<Period, FieldError> {
    let western_year = era.western_year(parts.year);
    // Only an error shows it.
    let label = || era_label(era.name, parts.year);
    if let (Some(month), Some(day)) = (parts.month, parts.day) {
        return match NaiveDate::from_ymd_opt(western_year, month, day) {
            Some(date) if era.contains(date) => Ok(Period::day(date)),
            Some(date) => Err(era_out_of_range(field, era, parts, Some(date))),
            None => {
                let year_outside = western_year < era.start.year()
                    || era.end.is_some_and(|end| western_year > end.year());
                if year_outside {
                    Err(era_out_of_range(field, era, parts, None))
                } else {
                    Err(invalid_date(field, &label(), western_year, month, day))
                }
            }
        };
    }
    let period = match period_in(field, label, western_year, parts) {
        Ok(period) if parts.year > 0 && era.overlaps(period) => period,
        Ok(_) => return Err(era_out_of_range(field, era, parts, None)),
        Err(e) => return Err(e),
    };
    Ok(period)
}

fn empty(field: Field) -> FieldError {
    FieldError::new(
        field,
        CODE_EMPTY,
        format!("入力されていません。{}を、{EXAMPLES}", what(field)),
    )
}

/// 「H.24.5.29」 as 「H24.5.29」: forms and rubber stamps often put a period after the era's
/// letter.
fn without_era_period(s: &str) -> Cow<'_, str> {
    match s.as_bytes() {
        [letter, b'.', digit, ..] if letter.is_ascii_alphabetic() && digit.is_ascii_digit() => {
            Cow::Owned(format!("{}{}", &s[..1], &s[2..]))
        }
        _ => Cow::Borrowed(s),
    }
}

fn unrecognized(field: Field) -> FieldError {
    FieldError::new(
        field,
        CODE_UNRECOGNIZED,
        format!("日付として読み取れませんでした。{EXAMPLES}"),
    )
}

fn unsupported_era(field: Field, name: &str) -> FieldError {
    FieldError::new(
        field,
        CODE_UNRECOGNIZED,
        format!(
            "{name}の年号には対応していません。昭和より前の日付は、1925年5月1日 のように西暦で入力してください。"
        ),
    )
}

/// `label` is the year as typed: 「2021年」 or 「平成24年」.
fn invalid_date(field: Field, label: &str, western_year: i32, month: u32, day: u32) -> FieldError {
    let hint = if (1..=12).contains(&month) {
        match last_day(western_year, month) {
            Some(last) => format!("{label}{month}月は1日から{last}日までです。"),
            None => String::new(),
        }
    } else {
        "月は1から12までです。".to_string()
    };
    FieldError::new(
        field,
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

/// 「平成24年5月29日」, 「平成24年5月」, 「平成24年」: the numbers as typed.
fn typed(era: Era, parts: Parts) -> String {
    let mut s = era_label(era.name, parts.year);
    if let Some(month) = parts.month {
        s.push_str(&format!("{month}月"));
        if let Some(day) = parts.day {
            s.push_str(&format!("{day}日"));
        }
    }
    s
}

/// `date` is the day the numbers name when read as a Western date, if there is one; it makes the
/// suggestion (「(令和元年5月1日)」).
fn era_out_of_range(field: Field, era: Era, parts: Parts, date: Option<NaiveDate>) -> FieldError {
    // Written into one String: a file of old dates has this error on many rows.
    let year = parts.year;
    let name = era.name;
    let mut message = String::with_capacity(384);
    if year == 0 {
        let _ = write!(
            message,
            "{name}0年という年はありません ({name}は元年から数えます)。"
        );
    } else {
        let _ = write!(message, "{}は{name}の期間外です。", typed(era, parts));
    }
    message.push_str(name);
    message.push('は');
    push_western(&mut message, era.start);
    match era.end {
        Some(end) => {
            message.push_str("から");
            push_western(&mut message, end);
            message.push_str("までです。");
        }
        None => message.push_str("からです。"),
    }
    let before = era.western_year(year) < era.start.year()
        || date.is_some_and(|d| d < era.start)
        || (year > 0 && parts.day.is_none() && era.western_year(year) <= era.start.year());
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
        push_western(&mut message, boundary);
        let _ = write!(message, "{side}は{other}で入力してください");
        if let Some(date) = date {
            let _ = write!(message, " ({})", as_typed_in_own_era(date));
        }
        message.push('。');
    }
    FieldError::new(field, CODE_ERA_OUT_OF_RANGE, message)
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

/// [`western`] into `s`.
fn push_western(s: &mut String, date: NaiveDate) {
    let _ = write!(s, "{}年{}月{}日", date.year(), date.month(), date.day());
}

/// A line is applied for on or before the day it opens: a 申込日 wholly after the 開通日 is a
/// mistyped date (or two swapped), an error on the 開通日.
pub fn opened_before_applied(
    applied: Option<Period>,
    opened: Option<Period>,
) -> Option<FieldError> {
    let (applied, opened) = applied.zip(opened)?;
    (applied.first() > opened.last()).then(|| {
        FieldError::new(
            Field::Opened,
            CODE_BEFORE_APPLIED,
            format!(
                "開通日 ({}) が申込日 ({}) より前です。回線は申し込んだ日か、その後に開通します。「開通のご案内」の日付と申込日を確かめてください。",
                opened.label(),
                applied.label()
            ),
        )
    })
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

    fn period(input: &str) -> Period {
        match parse_applied_period(input, today()) {
            Ok(p) => p,
            Err(e) => panic!("{input:?} should parse, got {e:?}"),
        }
    }

    fn period_err(input: &str) -> FieldError {
        match parse_applied_period(input, today()) {
            Ok(p) => panic!("{input:?} should be refused, got {p:?}"),
            Err(e) => {
                assert!(e.message.starts_with("申込日: "), "{}", e.message);
                assert_no_ambiguous_width(&e.message);
                e
            }
        }
    }

    fn month(y: i32, m: u32) -> Period {
        Period::month(y, m).expect("test month")
    }

    fn year(y: i32) -> Period {
        Period::year(y).expect("test year")
    }

    #[test]
    fn years_as_people_write_them() {
        for input in [
            "2010年",
            "2010",
            "平成22年",
            "H22",
            "h22",
            "平成二十二年",
            "２０１０年",
            " H22 ",
        ] {
            assert_eq!(period(input), year(2010), "{input}");
        }
        assert_eq!(period("令和三年"), year(2021));
        assert_eq!(period("令和元年"), year(2019));
        assert_eq!(period("R元"), year(2019));
        assert_eq!(period("二〇一二年"), year(2012));
        assert_eq!(period_err("平成32年").code, CODE_ERA_OUT_OF_RANGE);
        assert_eq!(period_err("令和0年").code, CODE_ERA_OUT_OF_RANGE);
        assert_eq!(period_err("1899年").code, CODE_OUT_OF_RANGE);
        assert_eq!(period_err("2026年").code, CODE_FUTURE);
        // This year has begun: it is an answer.
        assert_eq!(period("2025年"), year(2025));
    }

    #[test]
    fn months_as_people_write_them() {
        for input in [
            "2012年6月",
            "2012/6",
            "2012-6",
            "2012.06",
            "H24.6",
            "平成24年6月",
            "h24/6",
            "平成二十四年六月",
        ] {
            assert_eq!(period(input), month(2012, 6), "{input}");
        }
        assert_eq!(period("R3.4"), month(2021, 4));
        assert_eq!(period("令和3年5月"), month(2021, 5));
        assert_eq!(period("平成31年4月"), month(2019, 4));
        assert_eq!(period_err("平成31年5月").code, CODE_ERA_OUT_OF_RANGE);
        assert!(
            period_err("平成31年5月")
                .message
                .contains("令和で入力してください")
        );
        assert_eq!(period_err("令和元年4月").code, CODE_ERA_OUT_OF_RANGE);
        assert!(
            period_err("令和元年4月")
                .message
                .contains("平成で入力してください")
        );
        let e = period_err("2012年13月");
        assert_eq!(e.code, CODE_INVALID_DATE);
        assert!(e.message.contains("月は1から12までです"), "{}", e.message);
        assert_eq!(period_err("2025年7月").code, CODE_FUTURE);
        assert_eq!(period_err("2012/6/").code, CODE_UNRECOGNIZED);
    }

    #[test]
    fn kanji_numerals_weekdays_and_spaces() {
        let day = Period::day(d(2012, 5, 29));
        for input in [
            "平成二十四年五月二十九日",
            "二〇一二年五月二十九日",
            "2012年5月29日(火)",
            "2012年5月29日（火）",
            "2012年5月29日 (火曜日)",
            "2012年5月29日火曜日",
            "2012/5/29 火曜",
            "  H24.5.29（火）  ",
        ] {
            assert_eq!(period(input), day, "{input}");
        }
        assert_eq!(period("2012年6月3日(日)"), Period::day(d(2012, 6, 3)));
        let e = period_err("2012年5月29日(水)");
        assert_eq!(e.code, CODE_WEEKDAY_MISMATCH);
        assert!(
            e.message
                .contains("2012年5月29日は火曜日です (水曜日と入力されています)"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_day_is_still_needed_where_only_a_day_will_do() {
        let e = err("2012年5月");
        assert_eq!(e.code, CODE_NEEDS_DAY);
        assert!(e.message.contains("2012年5月の何日かまで"), "{}", e.message);
    }

    #[test]
    fn periods_are_described_with_their_eras() {
        assert_eq!(describe_period(month(2012, 5)), "2012年5月 (平成24年)");
        assert_eq!(describe_period(year(2019)), "2019年 (平成31年、令和元年)");
        assert_eq!(describe_period(year(1920)), "1920年");
        assert_eq!(
            describe_period(Period::day(d(2012, 5, 29))),
            "2012年5月29日 (平成24年)"
        );
    }

    #[test]
    fn a_day_opened_before_it_was_applied_for_is_refused() {
        let e = opened_before_applied(Some(month(2012, 6)), Some(Period::day(d(2012, 5, 31))));
        let e = e.expect("refused");
        assert_eq!((e.field, e.code), (Field::Opened, CODE_BEFORE_APPLIED));
        assert!(e.message.starts_with("開通日: "), "{}", e.message);
        assert_eq!(
            opened_before_applied(Some(month(2012, 5)), Some(month(2012, 5))),
            None
        );
        assert_eq!(opened_before_applied(None, Some(month(2012, 5))), None);
    }

    #[test]
    fn the_ascii_shortcut_reads_what_the_patterns_read() {
        let mut tried = 0;
        for era in ["", "H", "h", "s", "R", "M", "x", " "] {
            for year in [
                "2012",
                "24",
                "024",
                "1",
                "20120529",
                "123456789",
                "0",
                "12345",
            ] {
                for month in ["", "-5", "/05", ".5", "-123", "-", "5", " - 5"] {
                    for day in ["", "-29", "/29", ".1", "-", "29", " 2 9"] {
                        let input = format!("{era}{year}{month}{day}");
                        let Some(fast) = ascii_parts(input.trim()) else {
                            continue;
                        };
                        tried += 1;
                        let slow = read_parts(Field::Applied, &normalize(input.trim()));
                        assert_eq!(Ok(fast), slow, "{input:?}");
                    }
                }
            }
        }
        assert!(tried > 100, "{tried}");
        for refused in [
            "2012-5/29",
            "M45.1.1",
            "T1.1.1",
            "2012-",
            "H",
            "",
            "2012年5月",
        ] {
            assert_eq!(ascii_parts(refused), None, "{refused}");
        }
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
            "H.24.5.29",
            "h.24/5/29",
            "Ｈ．２４．５．２９",
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
            "12/5/29",
            "5/29/2012",
            "2012/5.29",
            "H24.5/29",
            "2012-5-29-1",
            "X24.5.29",
            "2012/5/29/",
            "2012/5.29",
            "201205",
            "2012年5月火曜日",
            "2012年(火)",
            "平成二十十年",
            "十十年5月1日",
            "2012/5/29(火)(火)",
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
                        CODE_WEEKDAY_MISMATCH, CODE_NEEDS_DAY,
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
        fn periods_echo_back_to_themselves(input in "[0-9０-９年月日元平成令和HRhr二十四五〇./\\-() 火曜]{0,16}") {
            if let Ok(p) = parse_applied_period(&input, today()) {
                prop_assert_eq!(parse_applied_period(&p.iso(), today()), Ok(p));
                prop_assert_eq!(parse_applied_period(&p.label(), today()), Ok(p));
                prop_assert!(p.first() <= today());
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
