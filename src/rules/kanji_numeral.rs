//! Kanji numerals in a date (平成二十四年五月二十九日, 二〇一二年): rewritten to ASCII digits before the
//! date is read. Both ways of writing are read: with the place words 十百千 (二千十二, 二十九) and
//! digit by digit (二〇一二).

/// The value of a kanji digit. 「○」 (a circle) stands for 〇 when people cannot find the latter.
fn digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn place(c: char) -> Option<u32> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    }
}

/// A kanji digit or place word: text without one is left as it is by [`to_ascii_digits`].
pub fn is_numeral(c: char) -> bool {
    digit(c).is_some() || place(c).is_some()
}

/// Every run of kanji numerals becomes its ASCII digits; a run that is no number (十十, 二三十) is
/// left as it is, for the date reader to refuse. Text without kanji numerals comes back unchanged.
pub fn to_ascii_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if is_numeral(c) {
            run.push(c);
            continue;
        }
        flush(&mut run, &mut out);
        out.push(c);
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut String, out: &mut String) {
    if run.is_empty() {
        return;
    }
    match value(run) {
        Some(v) => out.push_str(&v),
        None => out.push_str(run),
    }
    run.clear();
}

/// The run's digits as text (「〇五」 stays two digits: 「05」).
fn value(run: &str) -> Option<String> {
    if !run.chars().any(|c| place(c).is_some()) {
        return run
            .chars()
            .map(|c| digit(c).and_then(|d| char::from_digit(d, 10)))
            .collect();
    }
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    let mut last_place = u32::MAX;
    for c in run.chars() {
        if let Some(p) = place(c) {
            // Places only go down (二千十二), each at most once.
            if p >= last_place {
                return None;
            }
            last_place = p;
            match pending.take() {
                Some(0) => return None,
                Some(d) => total += d * p,
                None => total += p,
            }
        } else {
            let d = digit(c)?;
            if pending.is_some() || d == 0 {
                return None;
            }
            pending = Some(d);
        }
    }
    total += pending.unwrap_or(0);
    Some(total.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn place_words() {
        assert_eq!(
            to_ascii_digits("平成二十四年五月二十九日"),
            "平成24年5月29日"
        );
        assert_eq!(to_ascii_digits("令和三年"), "令和3年");
        assert_eq!(to_ascii_digits("二千十二年十月十日"), "2012年10月10日");
        assert_eq!(to_ascii_digits("十一月"), "11月");
        assert_eq!(to_ascii_digits("三十一日"), "31日");
        assert_eq!(to_ascii_digits("百"), "100");
    }

    #[test]
    fn digit_by_digit() {
        assert_eq!(to_ascii_digits("二〇一二年五月"), "2012年5月");
        assert_eq!(to_ascii_digits("二○一二年〇五月"), "2012年05月");
    }

    #[test]
    fn what_is_no_number_is_left_alone() {
        assert_eq!(to_ascii_digits("十十"), "十十");
        assert_eq!(to_ascii_digits("二三十"), "二三十");
        assert_eq!(to_ascii_digits("〇十"), "〇十");
        assert_eq!(to_ascii_digits("令和元年"), "令和元年");
        assert_eq!(to_ascii_digits("2012/5/29"), "2012/5/29");
        assert_eq!(to_ascii_digits(""), "");
    }

    proptest! {
        #[test]
        fn idempotent_and_never_panics(input in "[〇○零一二三四五六七八九十百千年月日元0-9]{0,16}") {
            let once = to_ascii_digits(&input);
            prop_assert_eq!(to_ascii_digits(&once), once.clone());
        }
    }
}
