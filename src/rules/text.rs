//! Small text helpers shared by the parsers: width-safe echoing of untrusted text and the keys
//! that prefecture names are matched by.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

/// A character that a CJK console draws two cells wide and others one (※ ① ○ ■ …).
pub fn is_ambiguous_width(c: char) -> bool {
    // ASCII, kana and the common kanji have one width everywhere: told without the tables.
    if matches!(c, ' '..='~' | '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}') {
        return false;
    }
    c.width() != c.width_cjk()
}

/// Whether `needle` is in `haystack`: [`str::contains`], for a needle looked for once. It looks
/// for the needle's first character (a byte search) and compares from there, where
/// [`str::contains`] first prepares a search for the whole needle.
pub fn contains(haystack: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return true;
    };
    haystack
        .match_indices(first)
        .any(|(i, _)| haystack[i..].starts_with(needle))
}

/// Untrusted text made safe to show or save: control characters (ESC and friends) become visible
/// escapes, so nothing typed, pasted or read from a file can move the cursor or recolour a screen;
/// so do ambiguous-width characters (※ ‐ − ①), which would break the layout on some consoles.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() || is_invisible(c) || is_ambiguous_width(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// Invisible characters: zero-width spaces and joiners, direction marks and overrides (U+202E
/// can make text read backwards), line and paragraph separators, the BOM, the combining grapheme
/// joiner, the Hangul fillers (drawn as nothing or as a blank), variation selectors and tag
/// characters (which can carry hidden text). The one list every input path uses: dropped from
/// answers (typed, flags, answer files, batch rows), refused in rules files, escaped when shown.
pub fn is_invisible(c: char) -> bool {
    // Most text is ASCII, kana or kanji, between the ranges below: told at once.
    if matches!(c, '\0'..='\u{AC}' | '\u{3165}'..='\u{FDFF}') {
        return false;
    }
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
}

/// Removes the invisible characters from `s` in place (ASCII text has none, and is not walked).
pub fn strip_invisible(s: &mut String) {
    // Looked for before the String is rewritten: most text has none.
    if !s.is_ascii() && s.chars().any(is_invisible) {
        s.retain(|c| !is_invisible(c));
    }
}

/// (line, column) of a byte offset in a file's text, both from 1; the column counts characters.
pub fn line_column(input: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(input.len());
    let before = input.get(..offset).unwrap_or(input);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// 「FILE:LINE:COLUMN」 for a mistake in a file, or just 「FILE」 when it is about the whole
/// file (line 0). The name is sanitised: it came from the command line.
pub fn position(file: &str, line: usize, column: usize) -> String {
    let file = sanitize(file);
    if line == 0 {
        file
    } else {
        format!("{file}:{line}:{column}")
    }
}

/// NFKC, with every kind of white space and the invisible characters removed: the first step of matching a typed answer.
pub fn fold(s: &str) -> String {
    let n = nfkc(s);
    collect_sized(
        n.chars()
            .filter(|&c| !c.is_whitespace() && !is_invisible(c)),
        n.len(),
    )
}

/// `chars` as a String with room for `bytes` bytes from the start: collecting a filtered
/// iterator grows a String step by step, a copy each time.
pub fn collect_sized(chars: impl Iterator<Item = char>, bytes: usize) -> String {
    let mut out = String::with_capacity(bytes);
    out.extend(chars);
    out
}

/// NFKC. Text already in NFKC form (all ASCII, and most Japanese: kanji, kana) is borrowed as it
/// is: the quick check is a table look-up per character, far cheaper than decomposing and
/// recomposing into a new string (batch checks read many answers, most of them in that form).
pub fn nfkc(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().all(is_nfkc_starter)
        || unicode_normalization::is_nfkc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
    {
        std::borrow::Cow::Borrowed(s)
    } else if s.chars().all(|c| is_nfkc_starter(c) || narrow(c).is_some()) {
        // Full-width IDs and dates (ＣＡＦ１２３, 令和５年) without decomposing and recomposing.
        let mapped = s.chars().map(|c| narrow(c).unwrap_or(c));
        std::borrow::Cow::Owned(collect_sized(mapped, s.len()))
    } else {
        std::borrow::Cow::Owned(s.nfkc().collect())
    }
}

/// A full-width ASCII character (ＡＢＣ１２３, the ideographic space) as NFKC makes it: its ASCII
/// character, which combines with nothing (a test checks every one).
fn narrow(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0),
        '\u{3000}' => Some(' '),
        _ => None,
    }
}

/// A character that is its own NFKC form and never combines with its neighbours: ASCII, kana
/// (without the combining and the compatibility marks) and the common kanji. Text made only of
/// these is NFKC without the quick check's table look-ups (a test checks every one of them).
fn is_nfkc_starter(c: char) -> bool {
    c.is_ascii()
        || matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{4E00}'..='\u{9FFF}')
}

/// What a line name is compared by: NFKC, no spaces or 「・」, lower case, katakana as hiragana,
/// without a leading 「フレッツ」 (「フレッツ 光クロス」, 「光クロス」 and 「ﾌﾚｯﾂ光ｸﾛｽ」 are the
/// same, and so are 「ビビック」 and 「びびっく」).
pub fn line_key(s: &str) -> String {
    line_key_of_folded(&fold(s))
}

/// [`line_key`] of text already folded by [`fold`].
pub fn line_key_of_folded(folded: &str) -> String {
    let folded: String = to_hiragana(folded)
        .chars()
        .filter(|&c| c != '・')
        .flat_map(char::to_lowercase)
        .collect();
    match folded.strip_prefix("ふれっつ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => folded,
    }
}

/// A line name without its closing remark in brackets: 「BBIQ (QTnet)」 → 「BBIQ」.
pub fn without_remark(name: &str) -> Option<&str> {
    let name = name.trim_end();
    let inner = name.strip_suffix(')').or_else(|| name.strip_suffix('）'))?;
    let open = inner.rfind(['(', '（'])?;
    let head = name[..open].trim_end();
    (!head.is_empty()).then_some(head)
}

/// Katakana (after NFKC) to hiragana, so とうきょう and トウキョウ match.
pub fn to_hiragana(s: &str) -> String {
    collect_sized(
        s.chars().map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        }),
        s.len(),
    )
}

/// 東京都 → 東京, 大阪府 → 大阪; 北海道 stays.
pub fn prefecture_key_kanji(s: &str) -> String {
    let f = fold(s);
    match f.strip_suffix(['都', '府', '県']) {
        Some(base) if !base.is_empty() => base.to_string(),
        _ => f,
    }
}

/// とうきょう, トウキョウ → とうきょう.
pub fn prefecture_key_kana(s: &str) -> String {
    to_hiragana(&fold(s))
        .chars()
        .filter(|&c| c != 'ー' && c != '・')
        .collect()
}

/// Tōkyō, TOKYO, toukyou, Tokyo → tokyo: lower case, marks and non-letters dropped, long vowels
/// written once.
pub fn prefecture_key_romaji(s: &str) -> String {
    let letters: String = s
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .filter(char::is_ascii_lowercase)
        .collect();
    letters
        .replace("ou", "o")
        .replace("oo", "o")
        .replace("uu", "u")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_is_narrowed_as_nfkc_narrows_it() {
        for c in ('\u{FF01}'..='\u{FF5E}').chain(['\u{3000}']) {
            let theirs: String = c.to_string().nfkc().collect();
            assert_eq!(narrow(c).map(String::from), Some(theirs), "{c}");
        }
        for s in [
            "令和５年７月３日",
            "ＣＡＦ１２３４５６７８９０",
            "東京都　千代田区",
            "ｃａｆ－１２３",
            "Ａ\u{301}",
            "ｶﾞ１",
            "ガ２",
        ] {
            assert_eq!(nfkc(s), s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn sanitize_escapes_control_characters_and_keeps_the_rest() {
        assert_eq!(sanitize("東京\u{1b}[2J"), "東京\\u{1b}[2J");
        assert_eq!(sanitize("CAF 012"), "CAF 012");
        assert_eq!(sanitize("東京「都」：ー"), "東京「都」：ー");
    }

    #[test]
    fn sanitize_escapes_ambiguous_width_characters() {
        assert_eq!(sanitize("東京※"), "東京\\u{203b}");
        assert_eq!(sanitize("CAF\u{2010}0123"), "CAF\\u{2010}0123");
    }

    #[test]
    fn the_invisible_characters_are_stripped_and_escaped() {
        let hidden = "東\u{E0041}\u{E0042}京\u{3164}\u{115F}\u{1160}\u{FFA0}\u{034F}\u{FE0F}\u{E0100}\u{200B}\u{202E}都";
        let mut s = hidden.to_string();
        strip_invisible(&mut s);
        assert_eq!(s, "東京都");
        assert_eq!(fold(hidden), "東京都");
        assert!(sanitize(hidden).is_ascii() || !sanitize(hidden).chars().any(is_invisible));
        assert!(sanitize("\u{E0041}").starts_with("\\u{e0041}"));
        // NFKC turns U+3164 into U+1160: both are in the list.
        assert!(nfkc("\u{3164}").chars().all(is_invisible));
    }

    #[test]
    fn nfkc_of_ascii_is_the_text_itself() {
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(nfkc(&ascii), ascii.nfkc().collect::<String>());
        assert_eq!(nfkc("ＣＡＦ０１"), "CAF01");
    }

    #[test]
    fn the_quick_answers_are_the_tables_answers() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfkc_quick};
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_nfkc_starter(c) {
                assert_eq!(
                    is_nfkc_quick(std::iter::once(c)),
                    IsNormalized::Yes,
                    "{c:?}"
                );
                assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            }
        }
        let listed = |c: char| {
            matches!(c,
                '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
                | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}' | '\u{FFA0}' | '\u{FFF9}'..='\u{FFFB}' | '\u{1BCA0}'..='\u{1BCA3}'
                | '\u{E0000}'..='\u{E007F}' | '\u{E0100}'..='\u{E01EF}')
        };
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_invisible(c), listed(c), "{c:?}");
        }
    }

    #[test]
    fn contains_and_the_width_shortcut_agree_with_the_library() {
        for (hay, needle) in [
            (
                "申込日: 読めません。わからないときは X",
                "わからないときは X",
            ),
            (
                "わからないときは Y。わからないときは X",
                "わからないときは X",
            ),
            ("わからないときは", "わからないときは X"),
            ("abc", ""),
            ("", "a"),
            ("aab", "ab"),
        ] {
            assert_eq!(
                contains(hay, needle),
                hay.contains(needle),
                "{hay} {needle}"
            );
        }
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if matches!(c, ' '..='~' | '\u{3041}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}') {
                assert_eq!(c.width(), c.width_cjk(), "{c:?}");
            }
        }
    }

    #[test]
    fn nfkc_borrows_only_text_already_in_its_form() {
        for s in ["東京都", "とうきょう", "平成24年5月29日", "光クロス"] {
            assert!(matches!(nfkc(s), std::borrow::Cow::Borrowed(_)), "{s}");
        }
        for s in ["ﾄｳｷｮｳ", "ＣＡＦ０１", "㍻", "\u{304b}\u{3099}", "①"] {
            assert!(matches!(nfkc(s), std::borrow::Cow::Owned(_)), "{s}");
            assert_eq!(nfkc(s), s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn keys_fold_spellings_together() {
        assert_eq!(prefecture_key_kanji("東京都"), "東京");
        assert_eq!(prefecture_key_kanji("北海道"), "北海道");
        assert_eq!(prefecture_key_kanji("都"), "都");
        assert_eq!(prefecture_key_kana("トウキョウ"), "とうきょう");
        assert_eq!(prefecture_key_kana("ﾄｳｷｮｳ"), "とうきょう");
        assert_eq!(prefecture_key_romaji("Tōkyō"), "tokyo");
        assert_eq!(prefecture_key_romaji("TOUKYOU"), "tokyo");
        assert_eq!(prefecture_key_romaji("Ooita"), "oita");
    }
}
