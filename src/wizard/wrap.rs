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
//!   ([`NO_LINE_END`]);
//! - a short term in brackets (「…」 of up to [`SHORT_QUOTE`] characters: 「回線タイプ」) and an
//!   era with its year (平成24年, 令和元年; H24 is an ASCII word already) are not split when the
//!   line can end before them.
//!
//! Each line ends at the last break that keeps every rule and still fits. Only when a line has
//! no such break is a rule given up, the least important first (short terms, then kinsoku and
//! units, then words), so every line still fits its width. The text is kept exactly: the lines
//! joined give it back.
//!
//! One exception to 「the last break」: a last line of at most [`SHORT_TAIL`] columns (「い。」)
//! takes the end of the line before it when that line can end at an earlier break that keeps
//! every rule and stays at least as wide as the new last line.

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

/// The most characters between 「 and 」 that are kept on one line as a term.
pub const SHORT_QUOTE: usize = 8;

/// A last line this wide or narrower is a lone tail, taken up by the line before when it can.
pub const SHORT_TAIL: usize = 5;

/// The eras a year can be written in (平成24年).
const ERAS: [&str; 5] = ["明治", "大正", "昭和", "平成", "令和"];

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
    /// Inside a short term in brackets or an era's year (see [`Char::term`]).
    InTerm,
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
    /// Whether it continues a short term in brackets or an era's year: a break before it
    /// splits the term.
    term: bool,
}

/// Marks what continues a short term: 「…」 of up to [`SHORT_QUOTE`] characters, and an era
/// followed by its year (digits or 元) and 年 if written.
fn mark_terms(out: &mut [Char]) {
    let mut i = 0;
    while i < out.len() {
        if out[i].c == '「' {
            let close = out[i + 1..]
                .iter()
                .take(SHORT_QUOTE + 1)
                .position(|ch| matches!(ch.c, '「' | '」'))
                .map(|n| i + 1 + n);
            if let Some(close) = close
                && out[close].c == '」'
            {
                for ch in &mut out[i + 1..=close] {
                    ch.term = true;
                }
            }
        }
        let era = out
            .get(i..i + 2)
            .is_some_and(|two| ERAS.iter().any(|e| e.chars().eq(two.iter().map(|ch| ch.c))));
        if era {
            let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
            let mut end = i + 2;
            if out.get(end).is_some_and(|ch| ch.c == '元') {
                end += 1;
            } else {
                while out.get(end).is_some_and(|ch| is_digit(ch.c)) {
                    end += 1;
                }
            }
            if end > i + 2 {
                if out.get(end).is_some_and(|ch| ch.c == '年') {
                    end += 1;
                }
                for ch in &mut out[i + 1..end] {
                    ch.term = true;
                }
            }
        }
        i += 1;
    }
}

fn chars_of(text: &str) -> Vec<Char> {
    let mut out: Vec<Char> = text
        .chars()
        .map(|c| Char {
            c,
            width: c.width().unwrap_or(0),
            word: 0,
            run: 0,
            term: false,
        })
        .collect();
    mark_terms(&mut out);
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
    if b.term {
        worst = worst.max(Break::InTerm);
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
    wrap_with(text, first, rest, false, true)
}

/// Like [`wrap`], but a line that has a space ends after its last one: for names made of words
/// (「フレッツ 光ネクスト マンション・スーパーハイスピードタイプ」), which read badly cut mid-word.
pub fn wrap_at_spaces(text: &str, width: usize) -> Vec<String> {
    wrap_with(text, width, width, true, false)
}

/// `tail`: whether a lone short last line takes the end of the line before (see the module).
fn wrap_with(text: &str, first: usize, rest: usize, at_spaces: bool, tail: bool) -> Vec<String> {
    let chars = chars_of(text);
    let width_of = |n: usize| if n == 0 { first } else { rest }.max(1);
    let columns = |from: usize, to: usize| chars[from..to].iter().map(|ch| ch.width).sum::<usize>();
    // Where each line ends.
    let mut ends: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let width = width_of(ends.len());
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
        ends.push(end);
        start = end;
    }
    // A lone short tail takes the end of the line before, at a break that keeps every rule
    // (names keep their breaks at spaces).
    let n = ends.len();
    if n >= 2 && tail && !at_spaces {
        let before = if n >= 3 { ends[n - 3] } else { 0 };
        let last = ends[n - 2];
        let width = width_of(n - 2);
        if columns(last, chars.len()) <= SHORT_TAIL {
            let at = (before + 1..last)
                .rev()
                .find(|&at| break_before(&chars, at, width) == Break::Good);
            if let Some(at) = at
                && columns(at, chars.len()) <= width_of(n - 1)
                && columns(before, at) >= columns(at, chars.len())
            {
                ends[n - 2] = at;
            }
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut start = 0;
    for end in ends {
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
        // 「(F2 で保存できます / )。」: a closing bracket and a full stop stay on the line (and
        // the last line takes a character more than 「す)。」).
        assert_eq!(
            wrap("結果を保存せずに終了しますか (F2 で保存できます)。", 48),
            ["結果を保存せずに終了しますか (F2 で保存でき", "ます)。"]
        );
        // 「とうき / ょう」: a small kana does not start a line.
        assert_eq!(wrap("とうきょう", 6), ["とう", "きょう"]);
        // 「電話して「 / 回線タイプ」」: an opening bracket does not end a line. The term is
        // wider than the line, so it is split; 「い。」 alone is not left at the end.
        assert_eq!(
            wrap("電話して「回線タイプ」を聞いてください。", 10),
            ["電話して", "「回線タイ", "プ」を聞い", "てくだ", "さい。"]
        );
        // A phone number and a date in ASCII are words.
        assert_eq!(wrap("電話 0120-116-116", 14), ["電話 ", "0120-116-116"]);
        assert_eq!(wrap("入力例: H24.5.29", 12), ["入力例: ", "H24.5.29"]);
    }

    /// The review's wrapping polish: short terms and years stay whole, no lone 「い。」.
    #[test]
    fn short_terms_and_years_stay_whole() {
        // 「申請の「お客さ / まID」」: the line ends before the term instead.
        assert_eq!(
            wrap("ポータルサイトで申請の「お客さまID」を入力します。", 24),
            ["ポータルサイトで申請の", "「お客さまID」を入力し", "ます。"]
        );
        // A term longer than SHORT_QUOTE characters breaks like any text.
        assert_eq!(
            wrap("申請の「IP-VPN接続方式 (フレッツ光による接続)」を", 30),
            ["申請の「IP-VPN接続方式 (フレッ", "ツ光による接続)」を"]
        );
        // With no room before it, a term wider than the line is split to fit.
        assert_eq!(wrap("「回線タイプ」", 6), ["「回線", "タイ", "プ」"]);
        // 「平 / 成24年」 and 「令 / 和元年」: the year goes down whole.
        assert_eq!(
            wrap("申込日は平成24年5月29日です", 10),
            ["申込日は", "平成24年", "5月29日", "です"]
        );
        assert_eq!(
            wrap("申込日は令和元年です", 10),
            ["申込日は", "令和元年", "です"]
        );
        assert_eq!(wrap("申込日は昭和６４年", 12), ["申込日は", "昭和６４年"]);
        // An era's name with no year is not a term: it breaks like other text.
        assert_eq!(
            wrap("申込日は平成のはじめ", 10),
            ["申込日は平", "成のはじめ"]
        );
    }

    #[test]
    fn a_lone_short_tail_takes_the_end_of_the_line_before() {
        assert_eq!(
            wrap("医療機関等向けポータルサイトで申請してください。", 22),
            ["医療機関等向けポータル", "サイトで申請してくだ", "さい。"]
        );
        // Not when the line before would end up narrower than the new last line.
        assert_eq!(
            wrap("あいうえおかきく。", 8),
            ["あいうえ", "おかき", "く。"]
        );
        // Nor at a break that splits a word: 「kl」 stays.
        assert_eq!(wrap("参考 abcdefghijkl", 10), ["参考 ", "abcdefghij", "kl"]);
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
        if a.is_ascii_graphic() && b.is_ascii_graphic() && word <= width {
            return false;
        }
        !inside_a_term(before, after)
    }

    /// Whether `before | after` splits 「…」 of up to SHORT_QUOTE characters, or an era and its
    /// year (平成24年, 令和元年).
    fn inside_a_term(before: &str, after: &str) -> bool {
        // The characters since the last 「 in `before`, if no bracket closes it there.
        let open = before.chars().rev().position(|c| c == '「');
        let closed = open.is_some_and(|k| before.chars().rev().take(k).any(|c| c == '」'));
        if let Some(k) = open
            && !closed
            && let Some(j) = after.chars().position(|c| matches!(c, '「' | '」'))
            && after.chars().nth(j) == Some('」')
            && k + j <= SHORT_QUOTE
        {
            return true;
        }
        // Every era's year in the whole text, as [from, to) in characters.
        let all: Vec<char> = before.chars().chain(after.chars()).collect();
        let at = before.chars().count();
        let digit = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c);
        (0..all.len().saturating_sub(2)).any(|e| {
            let era: String = all[e..e + 2].iter().collect();
            if !["明治", "大正", "昭和", "平成", "令和"].contains(&era.as_str()) {
                return false;
            }
            let year = if all[e + 2] == '元' {
                1
            } else {
                all[e + 2..].iter().take_while(|c| digit(c)).count()
            };
            if year == 0 {
                return false;
            }
            let mut to = e + 2 + year;
            if all.get(to) == Some(&'年') {
                to += 1;
            }
            e < at && at < to
        })
    }

    /// Text full of what the rules are about: kana and kanji, small kana, brackets, punctuation,
    /// ASCII words, spaces, marks of no width, and any printable character.
    fn tricky_text() -> impl Strategy<Value = String> {
        let pool: Vec<char> = "あいうかきょっゃァッー申請日年月平成令和元「」「」（）()『』【】〔〕。、，．・,.?!abcXYZ0123456789/-:_ \u{3000}\u{301}"
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

    fn wrap_with_no_tail_fix(s: &str, w: usize) -> Vec<String> {
        wrap_with(s, w, w, false, false)
    }

    /// Whether `line` fits `w` columns, or is one character wider than that (with its marks).
    fn fits(line: &str, w: usize) -> bool {
        width(line) <= w || line.chars().filter(|c| c.width().unwrap_or(0) > 0).count() == 1
    }

    /// A short term: 「…」 of 1 to SHORT_QUOTE characters, or an era with its year.
    fn short_term() -> impl Strategy<Value = String> {
        let inner: Vec<char> = "あいうかきょっゃァッー申請日年月abcXYZ0123456789・"
            .chars()
            .collect();
        prop_oneof![
            prop::collection::vec(prop::sample::select(inner), 1..=SHORT_QUOTE)
                .prop_map(|cs| format!("「{}」", cs.into_iter().collect::<String>())),
            (
                prop::sample::select(ERAS.to_vec()),
                prop_oneof![
                    Just("元".to_string()),
                    (1u32..100).prop_map(|n| n.to_string()),
                ],
                any::<bool>()
            )
                .prop_map(|(era, year, nen)| format!("{era}{year}{}", if nen { "年" } else { "" })),
        ]
    }

    /// Inputs proptest once shrank a failure to, kept as tests here (its own regression files
    /// would need a folder at the top of the project).
    #[test]
    fn cases_proptest_found() {
        // A character wider than the line gets a line of its own.
        assert_eq!(wrap("\u{17d8}", 2), vec!["\u{17d8}".to_string()]);
        let s =
            "あああああああああああああああああああああああああああああ(ああ「〕申ああああああ」あ";
        let lines = wrap_hanging(s, 2, 9);
        assert_eq!(lines.concat(), s);
        for (n, line) in lines.iter().enumerate() {
            assert!(fits(line, if n == 0 { 2 } else { 9 }), "{lines:?}");
            assert!(!line.is_empty(), "{lines:?}");
        }
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked_and_nothing_is_lost(s in "\\PC{0,80}", w in 2usize..40) {
            let lines = wrap(&s, w);
            for l in &lines {
                // A character wider than the line (「៘」 is 3 columns) still gets one.
                prop_assert!(fits(l, w), "{l:?} wider than {w}");
            }
            prop_assert_eq!(lines.concat(), s);
        }

        /// A term after a legal break, on lines wide enough to hold it, is never split.
        #[test]
        fn a_short_term_stays_whole_when_the_line_can_end_before_it(
            before in tricky_text(),
            term in short_term(),
            after in tricky_text(),
            w in 22usize..40,
        ) {
            let s = format!("{before}、{term}を{after}");
            let lines = wrap(&s, w);
            prop_assert_eq!(lines.concat(), s.clone());
            prop_assert!(
                lines.iter().any(|l| l.contains(&term)),
                "{term:?} split at {w}: {lines:?}"
            );
        }

        /// A lone tail is taken up only by a legal break, and costs no line.
        #[test]
        fn taking_up_a_tail_keeps_the_rules(s in tricky_text(), w in 2usize..30) {
            let lines = wrap(&s, w);
            let greedy = wrap_with_no_tail_fix(&s, w);
            prop_assert_eq!(lines.len(), greedy.len());
            if lines != greedy {
                let n = lines.len();
                prop_assert!(width(&greedy[n - 1]) <= SHORT_TAIL);
                prop_assert!(width(&lines[n - 1]) > width(&greedy[n - 1]));
                prop_assert!(width(&lines[n - 2]) >= width(&lines[n - 1]));
                prop_assert!(fits(&lines[n - 1], w));
                let at: String = lines[..n - 1].concat();
                prop_assert!(legal(&at, &s[at.len()..], w), "{lines:?} vs {greedy:?}");
                prop_assert_eq!(&lines[..n - 2], &greedy[..n - 2]);
            }
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
                prop_assert!(fits(line, w), "{line:?} wider than {w}");
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
