//! Wrapping Japanese by display width. ratatui's `Wrap` breaks only at spaces (ratatui#1199), so
//! a Japanese sentence would run off the screen; this breaks between any two characters except
//! where one of these rules forbids it:
//!
//! - a word of ASCII letters, digits and symbols stays whole: 「2019」, 「0120-116-116」, 「(F2」,
//!   a URL. A word wider than the line breaks at a symbol (「/」, 「.」, 「-」), and even then a
//!   run of letters and digits in it stays whole unless the run alone is wider than the line;
//! - a number keeps its unit: 「4月」, 「10桁」 (no break between a digit and a Japanese
//!   character after it);
//! - kinsoku (Japanese line-breaking rules): no line starts with a closing bracket, punctuation,
//!   「ー」 or a small kana ([`NO_LINE_START`]), and no line ends with an opening bracket
//!   ([`NO_LINE_END`]).
//!
//! Each line ends at the last break that keeps every rule and still fits. Only when a line has
//! no such break is a rule given up, the least important first (kinsoku and units before words),
//! so every line still fits its width. The text is kept exactly: the lines joined give it back.

use unicode_width::UnicodeWidthChar;

/// Characters that must not start a line: closing brackets, punctuation, the long vowel mark,
/// iteration marks and small kana.
pub const NO_LINE_START: &str = concat!(
    "、。，．,.・：:；;？?！!‐ー～〜…‥",
    "）)」』】〕〉》］]｝}｣｡､･ｰ",
    "ゝゞヽヾ々〻",
    "ぁぃぅぇぉっゃゅょゎゕゖ",
    "ァィゥェォッャュョヮヵヶ",
    "ｧｨｩｪｫｬｭｮｯ",
);

/// Characters that must not end a line: opening brackets.
pub const NO_LINE_END: &str = "「『（(【〔〈《［[｛{｢";

/// How bad a break between two characters is, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    /// Keeps every rule.
    Good,
    /// After a 「/」 or 「\\」 in a word wider than the line: where a URL or a path reads best cut.
    AfterSlash,
    /// Inside a word that is wider than the line anyway: at a symbol, or inside a run of letters
    /// and digits that is itself wider than the line. Keeps every rule too, but a line that can
    /// end before the word should.
    InLongWord,
    /// Breaks kinsoku, or parts a number from its unit.
    Kinsoku,
    /// Inside a word that would fit on a line, at a symbol.
    InWord,
    /// Inside a run of letters and digits that would fit on a line.
    InRun,
    /// Before a character of no width (a combining mark would lose its base).
    Never,
}

/// A character of the text with what the rules need to know about it.
struct Char {
    c: char,
    width: usize,
    /// The width of the ASCII word (letters, digits, symbols) it belongs to, or 0.
    word: usize,
    /// The width of the run of ASCII letters and digits it belongs to, or 0.
    run: usize,
}

fn chars_of(text: &str) -> Vec<Char> {
    let mut out: Vec<Char> = text
        .chars()
        .map(|c| Char {
            c,
            width: c.width().unwrap_or(0),
            word: 0,
            run: 0,
        })
        .collect();
    // Spans of consecutive characters with a property get their length (ASCII is one column).
    let mark = |out: &mut Vec<Char>, is: fn(char) -> bool, set: fn(&mut Char, usize)| {
        let mut i = 0;
        while i < out.len() {
            let start = i;
            while i < out.len() && is(out[i].c) {
                i += 1;
            }
            for ch in &mut out[start..i] {
                set(ch, i - start);
            }
            if i == start {
                i += 1;
            }
        }
    };
    mark(&mut out, |c| c.is_ascii_graphic(), |ch, n| ch.word = n);
    mark(&mut out, |c| c.is_ascii_alphanumeric(), |ch, n| ch.run = n);
    out
}

/// How bad it is to break before `chars[i]` on a line of `width` columns (`0 < i < len`).
fn break_before(chars: &[Char], i: usize, width: usize) -> Break {
    let (a, b) = (&chars[i - 1], &chars[i]);
    if b.width == 0 {
        return Break::Never;
    }
    let mut worst = Break::Good;
    if NO_LINE_START.contains(b.c)
        || NO_LINE_END.contains(a.c)
        || (a.c.is_ascii_digit() && !b.c.is_ascii() && !b.c.is_whitespace())
    {
        worst = Break::Kinsoku;
    }
    if a.word > 0 && b.word > 0 {
        let inside = if a.run > 0 && b.run > 0 {
            if a.run <= width {
                Break::InRun
            } else {
                Break::InLongWord
            }
        } else if a.word <= width {
            Break::InWord
        } else if matches!(a.c, '/' | '\\') {
            Break::AfterSlash
        } else {
            Break::InLongWord
        };
        worst = worst.max(inside);
    }
    worst
}

/// Splits `text` into lines no wider than `width` display columns (a character wider than the
/// whole width still gets a line of its own). Never returns an empty list.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    wrap_hanging(text, width, width)
}

/// Like [`wrap`], the first line `first` columns wide and the others `rest` (for text that
/// follows a label or a list marker, its later lines hanging under the text).
pub fn wrap_hanging(text: &str, first: usize, rest: usize) -> Vec<String> {
    wrap_with(text, first, rest, false)
}

/// Like [`wrap`], but a line that has a space ends after its last one: for names made of words
/// (「フレッツ 光ネクスト マンション・スーパーハイスピードタイプ」), which read badly cut mid-word.
pub fn wrap_at_spaces(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, width, width, true)
}

fn wrap_with(text: &str, first: usize, rest: usize, at_spaces: bool) -> Vec<String> {
    let chars = chars_of(text);
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let width = if lines.is_empty() { first } else { rest }.max(1);
        // The furthest end that fits: at least one character, with its marks of no width.
        let mut end = start;
        let mut used = 0;
        while end < chars.len()
            && (end == start || chars[end].width == 0 || used + chars[end].width <= width)
        {
            used += chars[end].width;
            end += 1;
        }
        if end < chars.len() {
            // The last of the best breaks that keep the line within `end`.
            let mut best: Option<(Break, usize)> = None;
            if at_spaces {
                best = (start + 1..=end)
                    .rev()
                    .find(|&at| {
                        chars[at - 1].c.is_whitespace()
                            && break_before(&chars, at, width) == Break::Good
                    })
                    .map(|at| (Break::Good, at));
            }
            for at in (start + 1..=end).rev() {
                if best.is_some_and(|(b, _)| b == Break::Good) {
                    break;
                }
                let kind = break_before(&chars, at, width);
                if best.is_none_or(|(b, _)| kind < b) {
                    best = Some((kind, at));
                    if kind == Break::Good {
                        break;
                    }
                }
            }
            if let Some((kind, at)) = best
                && kind != Break::Never
            {
                end = at;
            }
        }
        lines.push(chars[start..end].iter().map(|ch| ch.c).collect());
        start = end;
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn japanese_breaks_by_columns() {
        assert_eq!(wrap("あいうえお", 4), ["あい", "うえ", "お"]);
        assert_eq!(wrap("abcあい", 4), ["abc", "あい"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(wrap("あいう。", 6), ["あい", "う。"]);
        let lines = wrap("申請してください。次へ", 8);
        assert!(lines.iter().all(|l| !l.starts_with('。')), "{lines:?}");
    }

    #[test]
    fn a_character_wider_than_the_width_still_shows() {
        assert_eq!(wrap("あい", 1), ["あ", "い"]);
    }

    /// The breaks the review of the screens found, each at the width that produced it.
    #[test]
    fn numbers_words_and_brackets_stay_together() {
        // 「2 / 019年4月30日」: a number is not split.
        assert_eq!(
            wrap("申込日 2019年4月30日", 9),
            ["申込日 ", "2019年4月", "30日"]
        );
        // 「2019年4 / 月30日」: a number keeps its unit.
        assert_eq!(wrap("2019年4月30日", 8), ["2019年", "4月30日"]);
        // 「(F2 で保存できます / )。」: a closing bracket and a full stop stay on the line.
        assert_eq!(
            wrap("結果を保存せずに終了しますか (F2 で保存できます)。", 48),
            ["結果を保存せずに終了しますか (F2 で保存できま", "す)。"]
        );
        // 「とうき / ょう」: a small kana does not start a line.
        assert_eq!(wrap("とうきょう", 6), ["とう", "きょう"]);
        // 「電話して「 / 回線タイプ」」: an opening bracket does not end a line.
        assert_eq!(
            wrap("電話して「回線タイプ」を聞いてください。", 10),
            ["電話して", "「回線タイ", "プ」を聞い", "てくださ", "い。"]
        );
        // A phone number and a date in ASCII are words.
        assert_eq!(wrap("電話 0120-116-116", 14), ["電話 ", "0120-116-116"]);
        assert_eq!(wrap("入力例: H24.5.29", 12), ["入力例: ", "H24.5.29"]);
    }

    #[test]
    fn a_word_wider_than_the_line_breaks_at_a_symbol_then_anywhere() {
        assert_eq!(
            wrap("https://flets.com/v6option/flow.html", 20),
            ["https://flets.com/", "v6option/flow.html"]
        );
        assert_eq!(wrap("CAF0123456789", 5), ["CAF01", "23456", "789"]);
        // A path breaks after a folder's name rather than inside a file's.
        assert_eq!(
            wrap(r"保存先: C:\Users\clinic\oqs-line-check-20261125.md", 30),
            [
                "保存先: ",
                r"C:\Users\clinic\",
                "oqs-line-check-20261125.md"
            ]
        );
        // After a space is better than inside the word: the word starts the next line.
        assert_eq!(wrap("参考 abcdefghijkl", 10), ["参考 ", "abcdefghij", "kl"]);
        // With no space, kinsoku still holds: 「「」 stays with the word.
        assert_eq!(wrap("「abcdefghij」", 5), ["「abc", "defgh", "ij」"]);
    }

    #[test]
    fn names_break_at_their_spaces() {
        let name = "フレッツ 光ネクスト マンション・スーパーハイスピードタイプ";
        assert_eq!(
            wrap_at_spaces(name, 52),
            [
                "フレッツ 光ネクスト ",
                "マンション・スーパーハイスピードタイプ"
            ]
        );
        assert_eq!(wrap(name, 52).len(), 2);
        assert_ne!(wrap(name, 52), wrap_at_spaces(name, 52));
        // No space: as `wrap`.
        assert_eq!(wrap_at_spaces("あいうえお", 4), wrap("あいうえお", 4));
    }

    #[test]
    fn hanging_lines_are_narrower() {
        assert_eq!(
            wrap_hanging("あいうえおかきくけこ", 6, 4),
            ["あいう", "えお", "かき", "くけ", "こ"]
        );
    }

    #[test]
    fn the_rules_cover_what_the_review_asked_for() {
        for c in "」）)』】〕。、，．・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ".chars()
        {
            assert!(NO_LINE_START.contains(c), "{c} may start a line");
        }
        for c in "「（(『【〔".chars() {
            assert!(NO_LINE_END.contains(c), "{c} may end a line");
        }
    }

    /// Whether a break between `before` and `after` keeps every rule, on a line of `width`
    /// columns; written apart from the wrapping itself, from the rules as the module states them.
    fn legal(before: &str, after: &str, width: usize) -> bool {
        let (Some(a), Some(b)) = (before.chars().last(), after.chars().next()) else {
            return true;
        };
        if NO_LINE_START.contains(b) || NO_LINE_END.contains(a) {
            return false;
        }
        if a.is_ascii_digit() && !b.is_ascii() && !b.is_whitespace() {
            return false;
        }
        let tail = |s: &str, f: fn(&char) -> bool| s.chars().rev().take_while(f).count();
        let head = |s: &str, f: fn(&char) -> bool| s.chars().take_while(f).count();
        let run =
            tail(before, char::is_ascii_alphanumeric) + head(after, char::is_ascii_alphanumeric);
        if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() && run <= width {
            return false;
        }
        let word = tail(before, char::is_ascii_graphic) + head(after, char::is_ascii_graphic);
        !(a.is_ascii_graphic() && b.is_ascii_graphic() && word <= width)
    }

    /// Text full of what the rules are about: kana and kanji, small kana, brackets, punctuation,
    /// ASCII words, spaces, marks of no width, and any printable character.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pool: Vec<char> = "あいうかきょっゃァッー申請日年月「」（）()『』【】〔〕。、，．・,.?!abcXYZ0123456789/-:_ \u{3000}\u{301}"
            .chars()
            .collect();
        prop::collection::vec(
            prop_oneof![6 => prop::sample::select(pool), 1 => any::<char>()],
            0..100,
        )
        .prop_map(|cs| {
            cs.into_iter()
                .filter(|c| !c.is_control())
                .collect::<String>()
        })
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked_and_nothing_is_lost(s in "\\PC{0,80}", w in 2usize..40) {
            let lines = wrap(&s, w);
            for l in &lines {
                prop_assert!(width(l) <= w, "{l:?} wider than {w}");
            }
            prop_assert_eq!(lines.concat(), s);
        }

        #[test]
        fn a_rule_gives_way_only_when_the_line_has_no_legal_break(
            s in tricky_text(),
            first in 2usize..30,
            rest in 2usize..30,
        ) {
            let lines = wrap_hanging(&s, first, rest);
            prop_assert_eq!(lines.concat(), s.clone());
            prop_assert!(!lines.is_empty());
            let mut before = String::new();
            for (n, line) in lines.iter().enumerate() {
                let w = if n == 0 { first } else { rest };
                prop_assert!(width(line) <= w, "{line:?} wider than {w}");
                prop_assert!(!line.is_empty() || s.is_empty(), "an empty line in {lines:?}");
                let start = before.len();
                before.push_str(line);
                let after = &s[before.len()..];
                if after.is_empty() || legal(&before, after, w) {
                    continue;
                }
                // An illegal break: no legal one was possible anywhere on this line that fits.
                for (i, c) in s[start..].char_indices().skip(1) {
                    let at = start + i;
                    if width(&s[start..at]) > w {
                        break;
                    }
                    prop_assert!(
                        c.width().unwrap_or(0) == 0 || !legal(&s[..at], &s[at..], w),
                        "{lines:?} at {w}: broke after {before:?} though {:?} | {:?} was legal",
                        &s[..at], &s[at..]
                    );
                }
            }
        }
    }
}
