//! The saved files' name: `oqs-line-check-<clinic>-<date>-<time>`, with the clinic's name made
//! safe for every file system a clinic PC has (Windows above all), so a name as people write it
//! never makes a save fail or land under another name.

use chrono::NaiveDateTime;

use crate::rules::text;

/// The most UTF-16 units the clinic's part may take: what Windows counts a name's length in,
/// one per kanji or kana. Thirty is a long clinic name and keeps the whole path short.
pub const MAX_UNITS: usize = 30;

/// The most bytes the clinic's part may take in UTF-8: what Linux and macOS count (255 for a
/// whole name), three per kanji or kana.
pub const MAX_BYTES: usize = 90;

/// Names Windows keeps for devices, with or without an extension, in any case.
const RESERVED: [&str; 4] = ["CON", "PRN", "AUX", "NUL"];

/// The files' name without extension: the clinic's name (when there is one left once made
/// safe) between the program's name and the time of the save.
pub fn stem(clinic_name: Option<&str>, at: NaiveDateTime) -> String {
    let time = at.format("%Y%m%d-%H%M%S");
    match clinic_name.and_then(safe_part) {
        Some(name) => format!("oqs-line-check-{name}-{time}"),
        None => format!("oqs-line-check-{time}"),
    }
}

/// `name` as a part of a file name that Windows, macOS and Linux all take as it is: the
/// characters Windows refuses (`\ / : * ? " < > |`), control and invisible characters and
/// spaces become `_`; no dot or space at either end; not a device name (CON, NUL, COM1 …);
/// at most [`MAX_UNITS`] UTF-16 units and [`MAX_BYTES`] bytes, cut between characters. `None`
/// when nothing is left.
pub fn safe_part(name: &str) -> Option<String> {
    let mapped: String = text::nfkc(name)
        .chars()
        .map(|c| {
            if matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                || c.is_control()
                || c.is_whitespace()
                || text::is_invisible(c)
            {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut part = String::new();
    let mut units = 0;
    for c in mapped.chars() {
        units += c.len_utf16();
        if units > MAX_UNITS || part.len() + c.len_utf8() > MAX_BYTES {
            break;
        }
        part.push(c);
    }
    let part = part
        .trim_matches(|c: char| c == '.' || c == '_' || c == ' ')
        .to_string();
    if part.is_empty() {
        return None;
    }
    Some(if is_reserved(&part) {
        format!("_{part}")
    } else {
        part
    })
}

/// Whether Windows reads `part` (before its first dot) as a device: CON, PRN, AUX, NUL, COM0-9,
/// LPT0-9 (and COM¹ … with superscript digits), in any case.
fn is_reserved(part: &str) -> bool {
    let base = part.split('.').next().unwrap_or(part).to_ascii_uppercase();
    if RESERVED.contains(&base.as_str()) {
        return true;
    }
    let mut chars = base.chars();
    let head: String = chars.by_ref().take(3).collect();
    let tail: Vec<char> = chars.collect();
    (head == "COM" || head == "LPT")
        && matches!(tail.as_slice(), [d] if d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .unwrap_or_default()
    }

    fn part(s: &str) -> Option<String> {
        safe_part(s)
    }

    #[test]
    fn the_stem_holds_the_name_and_the_time() {
        assert_eq!(
            stem(Some("さくら内科クリニック"), at()),
            "oqs-line-check-さくら内科クリニック-20261125-093000"
        );
        assert_eq!(stem(None, at()), "oqs-line-check-20261125-093000");
        // Nothing usable left: the name is left out, not replaced by a placeholder.
        assert_eq!(stem(Some(" ... "), at()), "oqs-line-check-20261125-093000");
        assert_eq!(stem(Some("???"), at()), "oqs-line-check-20261125-093000");
    }

    #[test]
    fn characters_windows_refuses_become_underscores() {
        assert_eq!(
            part(r#"A\B/C:D*E?F"G<H>I|J"#).as_deref(),
            Some("A_B_C_D_E_F_G_H_I_J")
        );
        assert_eq!(
            part("さくら 内科　医院").as_deref(),
            Some("さくら_内科_医院")
        );
        assert_eq!(part("a\u{0}b\u{1b}c\u{7f}d").as_deref(), Some("a_b_c_d"));
        assert_eq!(part("a\u{200B}b\u{202E}c").as_deref(), Some("a_b_c"));
        // Full-width forms too, which NFKC makes ASCII.
        assert_eq!(part("医院：本院").as_deref(), Some("医院_本院"));
    }

    #[test]
    fn no_dot_or_space_at_either_end() {
        assert_eq!(part("さくら医院.").as_deref(), Some("さくら医院"));
        assert_eq!(part("さくら医院. . ").as_deref(), Some("さくら医院"));
        assert_eq!(part(".hidden").as_deref(), Some("hidden"));
        assert_eq!(part("..").as_deref(), None);
        assert_eq!(part("").as_deref(), None);
        assert_eq!(part("   ").as_deref(), None);
        for s in ["a.", "a ", "a_. ", "x...."] {
            let p = part(s).unwrap_or_default();
            assert!(!p.ends_with(['.', ' ']), "{s:?} -> {p:?}");
        }
    }

    #[test]
    fn device_names_are_never_a_name() {
        for name in [
            "CON", "con", "Prn", "AUX", "nul", "NUL.txt", "COM1", "com9", "LPT1", "lpt9", "COM0",
            "COM¹", "LPT³",
        ] {
            let p = part(name).unwrap_or_default();
            assert!(p.starts_with('_'), "{name} -> {p}");
            assert!(!is_reserved(&p), "{name} -> {p}");
        }
        for name in ["CONSOLE", "COM10", "LPT", "NULL", "コン", "AUXILIARY"] {
            assert_eq!(part(name).as_deref(), Some(name), "{name}");
        }
    }

    #[test]
    fn long_names_are_cut_between_characters_by_windows_and_unix_measures() {
        // Kanji: 3 bytes each, so 30 of them (90 bytes) are the most.
        let kanji = "医".repeat(40);
        let p = part(&kanji).unwrap_or_default();
        assert_eq!(p.chars().count(), MAX_UNITS);
        assert!(p.len() <= MAX_BYTES);
        // ASCII: one unit each, cut at 30 units.
        let ascii = "a".repeat(100);
        assert_eq!(part(&ascii).map(|p| p.len()), Some(MAX_UNITS));
        // Outside the BMP: two UTF-16 units and four bytes each.
        let emoji = "\u{1F3E5}".repeat(20);
        let p = part(&emoji).unwrap_or_default();
        assert_eq!(p.chars().count(), MAX_UNITS / 2);
        assert!(p.encode_utf16().count() <= MAX_UNITS && p.len() <= MAX_BYTES);
        // A cut that leaves a dot at the end drops it too.
        let dotted = format!("{}.b", "a".repeat(MAX_UNITS - 1));
        assert_eq!(part(&dotted).map(|p| p.len()), Some(MAX_UNITS - 1));
        // The whole stem stays far below the 255 a name may have.
        let s = stem(Some(&kanji), at());
        assert!(s.len() + ".toml".len() + "-999".len() < 255, "{}", s.len());
    }
}
