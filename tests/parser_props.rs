//! Property tests of every parser on inputs nobody would type on purpose, beside the
//! parsers' own properties in src/rules (date forms round-trip, お客さまID rewrites come back):
//!
//! - 都道府県: any text gives one of the 47 prefectures or a clean Japanese error; every way of
//!   writing a prefecture (name, short name, hiragana, katakana, half-width katakana, romaji in
//!   any case, its code, full-width, with spaces) finds it, and the wizard's list shows it at
//!   every prefix typed on the way.
//! - 申込日 and お客さまID: any text gives a value or an error message without control or
//!   invisible characters.
//! - The rules file: the embedded file mutated at random (lines dropped, doubled or swapped, text
//!   cut, hostile fragments spliced in) either loads, and then every text the decision shows is
//!   clean, or is refused with the file, a line and column inside the file, and a clean Japanese
//!   message. Never a panic.
//!
//! PROPTEST_CASES raises (or lowers) the number of cases of every property here.

use chrono::NaiveDate;
use oqs_line_check::rules::customer_id::validate;
use oqs_line_check::rules::date::parse_applied_date;
use oqs_line_check::rules::embedded;
use oqs_line_check::rules::load;
use oqs_line_check::rules::prefecture::{filter, parse_prefecture};
use oqs_line_check::rules::text::is_ambiguous_width;
use oqs_line_check::rules::text::is_invisible;
use oqs_line_check::rules::{Answers, Area, Field, RuleSet, V6Answer, YesNo, decide, report};
use proptest::prelude::*;

fn rules() -> &'static RuleSet {
    embedded::rules().unwrap_or_else(|e| panic!("the embedded rules load: {e}"))
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 4, 1).unwrap_or_default()
}

fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}'))
}

/// No control character (but the newline), no invisible formatting character.
fn clean(s: &str) -> bool {
    !s.chars()
        .any(|c| (c.is_control() && c != '\n') || is_invisible(c))
}

/// Text of every kind: anything at all, near-prefecture text, hostile characters.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => any::<String>(),
        2 => "[東京都大阪府北海道県とうきょおさかトウキョウﾄｳｷｮｳtokyoTOKYOōū0-9０-９ \u{3000}ー・-]{0,12}",
        1 => "[\\p{Cc}\\p{Cf}\u{1b}\\[0-9;a-zA-Z]{0,16}",
    ]
}

// -------------------------------------------------------------------------------------------
// 都道府県
// -------------------------------------------------------------------------------------------

/// Katakana to half-width katakana (ﾄｳｷｮｳ), for the kana NFKC folds back.
fn half_width(kana: &str) -> String {
    const FULL: &str = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲンァィゥェォャュョッー";
    const HALF: &str = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝｧｨｩｪｫｬｭｮｯｰ";
    let voiced = "ガギグゲゴザジズゼゾダヂヅデドバビブベボ";
    let plain = "カキクケコサシスセソタチツテトハヒフヘホ";
    let semi = "パピプペポ";
    let semi_plain = "ハヒフヘホ";
    let mut out = String::new();
    for c in kana.chars() {
        let (base, mark) = if let Some(i) = voiced.chars().position(|v| v == c) {
            (plain.chars().nth(i).unwrap_or(c), Some('ﾞ'))
        } else if let Some(i) = semi.chars().position(|v| v == c) {
            (semi_plain.chars().nth(i).unwrap_or(c), Some('ﾟ'))
        } else {
            (c, None)
        };
        match FULL.chars().position(|f| f == base) {
            Some(i) => out.extend(HALF.chars().nth(i)),
            None => out.push(base),
        }
        out.extend(mark);
    }
    out
}

fn katakana(hiragana: &str) -> String {
    hiragana
        .chars()
        .map(|c| match c {
            'ぁ'..='ゖ' => char::from_u32(c as u32 + 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

fn full_width_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Ways of writing prefecture `i` (0-based), chosen by `form`, with `case` for romaji.
fn spelling(i: usize, form: u8, case: u8) -> String {
    let p = &rules().prefectures[i];
    let short = p
        .name
        .strip_suffix(['都', '府', '県'])
        .filter(|s| !s.is_empty())
        .unwrap_or(&p.name)
        .to_string();
    match form % 8 {
        0 => p.name.clone(),
        1 => short,
        2 => p.kana.clone(),
        3 => katakana(&p.kana),
        4 => half_width(&katakana(&p.kana)),
        5 => match case % 3 {
            0 => p.romaji.to_lowercase(),
            1 => p.romaji.to_uppercase(),
            _ => p.romaji.clone(),
        },
        6 => format!("{}", p.code),
        _ => full_width_digits(&format!("{:02}", p.code)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(512), ..ProptestConfig::default() })]

    #[test]
    fn any_text_names_one_prefecture_or_says_why_not(input in any_text()) {
        let r = rules();
        match parse_prefecture(r, &input) {
            Ok(p) => {
                prop_assert!((1..=47).contains(&p.code));
                // What the answer parses to, the list shows.
                prop_assert!(
                    filter(r, &input).iter().any(|x| x.code == p.code),
                    "{:?} parses to {} but the list does not show it", input, p.name
                );
            }
            Err(e) => {
                prop_assert_eq!(e.field, Field::Prefecture);
                prop_assert!(["empty", "unknown_code", "unknown"].contains(&e.code), "{}", e.code);
                prop_assert!(e.message.starts_with("都道府県: "), "{}", e.message);
                prop_assert!(clean(&e.message), "{:?}", e.message);
            }
        }
        let shown = filter(r, &input);
        prop_assert!(shown.windows(2).all(|w| w[0].code < w[1].code), "in code order, once each");
    }

    #[test]
    fn every_spelling_finds_its_prefecture(
        i in 0usize..47,
        form in any::<u8>(),
        case in any::<u8>(),
        lead in "[ \u{3000}]{0,2}",
        trail in "[ \u{3000}]{0,2}",
    ) {
        let r = rules();
        let written = spelling(i, form, case);
        let typed = format!("{lead}{written}{trail}");
        let want = r.prefectures[i].code;
        let got = parse_prefecture(r, &typed).map(|p| p.code);
        prop_assert_eq!(got, Ok(want), "{:?}", typed);
        // Typed one character at a time, the list keeps showing it. (A half-width kana and its
        // separate voicing mark, ｷ then ﾞ, are one keystroke's worth: the list is checked once
        // the mark is typed.)
        let chars: Vec<char> = written.chars().collect();
        for n in 1..=chars.len() {
            if matches!(chars.get(n), Some('ﾞ' | 'ﾟ')) {
                continue;
            }
            let prefix: String = chars[..n].iter().collect();
            prop_assert!(
                filter(r, &prefix).iter().any(|p| p.code == want),
                "{:?} (typing {:?}) hides {}", prefix, written, r.prefectures[i].name
            );
        }
    }

    #[test]
    fn dates_and_ids_echo_any_text_cleanly(input in any_text()) {
        if let Err(e) = parse_applied_date(&input, today()) {
            prop_assert!(e.message.starts_with("申込日: "), "{}", e.message);
            prop_assert!(clean(&e.message), "{:?}", e.message);
        }
        for area in [Some(Area::East), Some(Area::West), None] {
            match validate(rules(), area, &input) {
                Ok(id) => prop_assert!(id.normalized.chars().all(|c| c.is_ascii_alphanumeric())),
                Err(e) => {
                    prop_assert!(e.message.starts_with("お客さまID: "), "{}", e.message);
                    prop_assert!(clean(&e.message), "{:?}", e.message);
                }
            }
        }
    }
}

// -------------------------------------------------------------------------------------------
// The rules file
// -------------------------------------------------------------------------------------------

/// Fragments a broken or hostile rules file might hold.
const FRAGMENTS: [&str; 24] = [
    "",
    "\"",
    "'",
    "=",
    "[",
    "]]",
    "[[lines]]\n",
    "\n[extra]\nx = 1\n",
    "id = \"next\"",
    "code = 13",
    "code = 99",
    "2012-02-30",
    "http://flets.com/",
    "https://fleets.com/",
    "※",
    "\\u001b[2J",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{200d}",
    "\\",
    "\"\"\"",
    "pattern = \"^CAF[0-9\"",
    "東京都",
    "\u{0}",
];

#[derive(Debug, Clone)]
enum Mutation {
    DropLine(usize),
    DoubleLine(usize),
    SwapLines(usize, usize),
    /// Replace `len` characters at character `at` with a fragment.
    Splice {
        at: usize,
        len: usize,
        fragment: usize,
    },
    /// Cut the file after this many characters.
    Truncate(usize),
}

fn any_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        2 => any::<usize>().prop_map(Mutation::DropLine),
        1 => any::<usize>().prop_map(Mutation::DoubleLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        4 => (any::<usize>(), 0usize..8, 0..FRAGMENTS.len())
            .prop_map(|(at, len, fragment)| Mutation::Splice { at, len, fragment }),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn mutate(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let n = lines.len().max(1);
    match *m {
        Mutation::DropLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
            lines.concat()
        }
        Mutation::DoubleLine(i) => {
            if let Some(&line) = lines.get(i % n) {
                lines.insert(i % n, line);
            }
            lines.concat()
        }
        Mutation::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(a % n, b % n);
            }
            lines.concat()
        }
        Mutation::Splice { at, len, fragment } => {
            let chars: Vec<char> = text.chars().collect();
            let at = at % (chars.len() + 1);
            let end = (at + len).min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(FRAGMENTS[fragment]);
            out.extend(&chars[end..]);
            out
        }
        Mutation::Truncate(at) => {
            let count = text.chars().count();
            text.chars().take(at % (count + 1)).collect()
        }
    }
}

/// Every text the decision shows for some answers of every line, in every area.
fn shown_texts(r: &RuleSet) -> Vec<String> {
    let mut out = Vec::new();
    for line in &r.lines {
        for pref in [None, Some(13u8), Some(27u8)] {
            let answers = Answers {
                prefecture: pref,
                collab: YesNo::Unknown,
                applied: NaiveDate::from_ymd_opt(2010, 4, 1)
                    .map(oqs_line_check::rules::period::Period::day),
                v6: V6Answer::Unknown,
                multiple_lines: Some(YesNo::Unknown),
                ..Answers::new(line.id.clone())
            };
            let decision = decide(r, &answers);
            out.push(report::to_text(&report::sections(r, &decision)));
            out.extend(serde_json::to_string(&decision).ok());
        }
        out.push(format!("{} {}", line.name, line.hint));
    }
    out.extend(
        r.prefectures
            .iter()
            .map(|p| format!("{} {}", p.name, p.kana)),
    );
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(192), ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_rules_file_loads_cleanly_or_is_refused_with_its_place(
        mutations in prop::collection::vec(any_mutation(), 1..4),
    ) {
        let mut text = embedded::TOML.to_string();
        for m in &mutations {
            text = mutate(&text, m);
        }
        match load::from_toml("rules.toml", &text) {
            Ok(r) => {
                prop_assert_eq!(r.prefectures.len(), 47);
                for shown in shown_texts(&r) {
                    prop_assert!(clean(&shown), "{:?}", shown);
                    prop_assert!(!shown.chars().any(is_ambiguous_width), "{:?}", shown);
                    prop_assert!(!shown.to_ascii_lowercase().contains("fleets"), "{}", shown);
                    prop_assert!(!shown.contains("http://"), "{}", shown);
                }
            }
            Err(e) => {
                prop_assert_eq!(&e.file, "rules.toml");
                let lines = text.lines().count().max(1);
                prop_assert!(e.line <= lines + 1, "line {} of {}: {}", e.line, lines, e);
                prop_assert_eq!(e.line == 0, e.column == 0, "{}", e);
                prop_assert!(has_japanese(&e.message), "{}", e);
                let shown = e.to_string();
                prop_assert!(clean(&shown), "{:?}", shown);
            }
        }
    }
}
