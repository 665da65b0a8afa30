//! The shapes of a normalised date written with 年月日 or an era, matched by hand: 「2012年5月29日」,
//! 「平成24年5月」, 「令和元年」, 「H24.5.29」. Each function reads what its pattern (kept in the
//! tests, which compare the two) would capture, group by group; most dates a list holds are in
//! these shapes, and a regex with capture groups costs many times a scan.
//!
//! Every run of digits is followed by a character that is no digit (年, 月, 日, a separator, the
//! end), so taking the whole run is what the patterns' backtracking ends with.

/// The groups of `^([0-9]{4})(?:年(?:([0-9]{1,2})月(?:([0-9]{1,2})日?)?)?)?$`: year, month, day.
pub(super) fn western_kanji(s: &str) -> Option<[Option<&str>; 3]> {
    let (year, rest) = digits(s, 4, 4)?;
    if rest.is_empty() {
        return Some([Some(year), None, None]);
    }
    let (month, day) = month_day(rest.strip_prefix('年')?)?;
    Some([Some(year), month, day])
}

/// The groups of
/// `^(昭和|平成|令和|明治|大正|[SHRMTshrmt])(元|[0-9]{1,3})(?:年(?:([0-9]{1,2})月(?:([0-9]{1,2})日?)?)?|([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?)?$`,
/// 1 to 8 (index 0 unused, as in a regex's captures).
pub(super) fn era_date(s: &str) -> Option<[Option<&str>; 9]> {
    let era_len = match s.chars().next()? {
        'S' | 'H' | 'R' | 'M' | 'T' | 's' | 'h' | 'r' | 'm' | 't' => 1,
        _ if ["昭和", "平成", "令和", "明治", "大正"]
            .iter()
            .any(|e| s.starts_with(e)) =>
        {
            "昭和".len()
        }
        _ => return None,
    };
    let (era, rest) = s.split_at(era_len);
    let (year, rest) = match rest.strip_prefix('元') {
        Some(after) => (&rest[..'元'.len_utf8()], after),
        None => digits(rest, 1, 3)?,
    };
    let mut groups = [None; 9];
    groups[1] = Some(era);
    groups[2] = Some(year);
    if rest.is_empty() {
        return Some(groups);
    }
    if let Some(rest) = rest.strip_prefix('年') {
        let (month, day) = month_day(rest)?;
        groups[3] = month;
        groups[4] = day;
        return Some(groups);
    }
    let (first, rest) = separator(rest)?;
    let (number, rest) = digits(rest, 1, 2)?;
    groups[5] = Some(first);
    groups[6] = Some(number);
    if rest.is_empty() {
        return Some(groups);
    }
    let (second, rest) = separator(rest)?;
    let (number, rest) = digits(rest, 1, 2)?;
    groups[7] = Some(second);
    groups[8] = Some(number);
    rest.is_empty().then_some(groups)
}

/// What follows 年: nothing, or `([0-9]{1,2})月(?:([0-9]{1,2})日?)?` to the end.
fn month_day(s: &str) -> Option<(Option<&str>, Option<&str>)> {
    if s.is_empty() {
        return Some((None, None));
    }
    let (month, rest) = digits(s, 1, 2)?;
    let rest = rest.strip_prefix('月')?;
    if rest.is_empty() {
        return Some((Some(month), None));
    }
    let (day, rest) = digits(rest, 1, 2)?;
    matches!(rest, "" | "日").then_some((Some(month), Some(day)))
}

/// The leading run of ASCII digits, when it is `min` to `max` long, and the rest.
fn digits(s: &str, min: usize, max: usize) -> Option<(&str, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    (min..=max).contains(&n).then(|| s.split_at(n))
}

/// A leading `-`, `/` or `.`, and the rest.
fn separator(s: &str) -> Option<(&str, &str)> {
    s.starts_with(['-', '/', '.']).then(|| s.split_at(1))
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::*;

    fn same<const N: usize>(
        pattern: &Regex,
        ours: impl Fn(&str) -> Option<[Option<&str>; N]>,
        offset: usize,
        s: &str,
    ) {
        let theirs = pattern.captures(s).map(|caps| {
            let mut groups = [None; N];
            for (i, g) in groups.iter_mut().enumerate() {
                *g = caps.get(i + offset).map(|m| m.as_str());
            }
            groups
        });
        let mut ours = ours(s);
        if offset == 0
            && let Some(groups) = ours.as_mut()
        {
            groups[0] = theirs.and_then(|t| t[0]);
        }
        assert_eq!(ours, theirs, "{s}");
    }

    /// Every string of up to `depth` pieces from `pieces`: the shapes and their near misses.
    fn strings(pieces: &[&str], depth: usize) -> Vec<String> {
        let mut all = vec![String::new()];
        let mut last = vec![String::new()];
        for _ in 0..depth {
            last = last
                .iter()
                .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
                .collect();
            all.extend(last.iter().cloned());
        }
        all
    }

    #[test]
    fn the_western_shape_captures_what_its_pattern_captures() {
        let pattern = Regex::new(r"^([0-9]{4})(?:年(?:([0-9]{1,2})月(?:([0-9]{1,2})日?)?)?)?$")
            .expect("literal regex");
        let pieces = [
            "2012", "5", "29", "123", "年", "月", "日", "/", "x", "年5月",
        ];
        for s in strings(&pieces, 4) {
            same(&pattern, western_kanji, 1, &s);
        }
    }

    #[test]
    fn the_era_shape_captures_what_its_pattern_captures() {
        let pattern = Regex::new(concat!(
            r"^(昭和|平成|令和|明治|大正|[SHRMTshrmt])(元|[0-9]{1,3})",
            r"(?:年(?:([0-9]{1,2})月(?:([0-9]{1,2})日?)?)?",
            r"|([-/.])([0-9]{1,2})(?:([-/.])([0-9]{1,2}))?)?$",
        ))
        .expect("literal regex");
        let pieces = [
            "平成", "H", "r", "X", "元", "24", "5", "1234", "年", "月", "日", "-", "/", ".", "和",
        ];
        for s in strings(&pieces, 4) {
            same(&pattern, era_date, 0, &s);
        }
    }
}
