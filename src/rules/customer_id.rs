//! お客さまID: normalising what was typed, and checking it against the area's formats.
//!
//! Nothing here knows the prefixes or digit counts, the areas' names or where the ID is written:
//! they come from the rules (`[[customer_id_formats]]`, `[[areas]]` and `[customer_id_input]` in
//! `assets/rules.toml`), so a new format is a data change.

use serde::Serialize;
use strum::{AsRefStr, Display, IntoEnumIterator, IntoStaticStr};
use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

use super::field::{Field, FieldError};
use super::model::{Area, CustomerIdFormat, RuleSet};

/// A change made while normalising, reported so the user learns what to type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, AsRefStr, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum IdNotice {
    Fullwidth,
    Lowercase,
    Separators,
}

/// What was typed, what it becomes, and what changed on the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NormalizedId {
    pub input: String,
    pub normalized: String,
    pub notices: Vec<IdNotice>,
}

/// The Japanese line the live preview shows for a notice.
pub fn notice_message(n: IdNotice) -> &'static str {
    match n {
        IdNotice::Fullwidth => "全角の文字を半角にしました",
        IdNotice::Separators => "空白やハイフンを取り除きました",
        IdNotice::Lowercase => "小文字を大文字にしました",
    }
}

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

/// White space, including the invisible kinds that come with pasted text.
fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
}

/// The dashes and long-vowel marks people type between groups of digits (after NFKC; the
/// full-width forms map onto these).
fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '~'
            | '\u{00AD}' // soft hyphen
            | '\u{02D7}' // modifier letter minus
            | '\u{2010}'
            ..='\u{2015}' // hyphen, non-breaking hyphen, figure dash, en, em, bar
            | '\u{2043}' // hyphen bullet
            | '\u{2053}' // swung dash
            | '\u{2212}' // minus sign
            | '\u{2500}' | '\u{2501}' // box-drawing horizontals typed as けいせん
            | '\u{2E3A}' | '\u{2E3B}' // two- and three-em dash
            | '\u{301C}' // wave dash 〜
            | '\u{3030}' // wavy dash
            | '\u{30FC}' // katakana long vowel mark ー
            | '\u{FE58}' | '\u{FE63}' // small em dash, small hyphen-minus
            | '\u{FF0D}' | '\u{FF5E}' | '\u{FF70}' // full-width/half-width forms (before NFKC)
    )
}

/// Removed wherever it stands (after NFKC).
fn is_separator(c: char) -> bool {
    is_space(c) || is_dash(c)
}

/// A character of the raw input that is, or becomes under NFKC, only separators (U+3000, －, ｰ …).
fn is_raw_separator(c: char) -> bool {
    if is_separator(c) {
        return true;
    }
    let mut any = false;
    for d in std::iter::once(c).nfkc() {
        if !is_separator(d) {
            return false;
        }
        any = true;
    }
    any
}

/// One pass: NFKC, drop separators, upper-case ASCII.
fn normalize_pass(s: &str) -> String {
    let n = super::text::nfkc(s);
    let kept = n
        .chars()
        .filter(|&c| !is_separator(c))
        .map(|c| c.to_ascii_uppercase());
    super::text::collect_sized(kept, n.len())
}

/// NFKC, trim, drop spaces and hyphens, upper-case.
///
/// Notices come in the order `fullwidth`, `separators`, `lowercase`:
/// - `fullwidth` when NFKC changed a character that stays in the ID (a full-width space or
///   hyphen is only a separator, reported as such);
/// - `separators` when spaces or hyphens were removed from inside (trimming the ends is silent);
/// - `lowercase` when lower-case letters were upper-cased.
pub fn normalize(input: &str) -> NormalizedId {
    // Upper-case ASCII letters and digits, as the portal wants them, are their own form: nothing
    // to fold, remove or report.
    if input
        .bytes()
        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return NormalizedId {
            input: input.to_string(),
            normalized: input.to_string(),
            notices: Vec::new(),
        };
    }
    let mut notices = Vec::new();

    let nfkc = super::text::nfkc(input);
    if nfkc != input {
        let kept: String = input.chars().filter(|&c| !is_raw_separator(c)).collect();
        if !unicode_normalization::is_nfkc(&kept) {
            notices.push(IdNotice::Fullwidth);
        }
    }
    if nfkc.trim_matches(is_space).chars().any(is_separator) {
        notices.push(IdNotice::Separators);
    }
    if nfkc
        .chars()
        .filter(|&c| !is_separator(c))
        .any(|c| c.is_ascii_lowercase())
    {
        notices.push(IdNotice::Lowercase);
    }

    // One pass is enough for anything a person types; removing a separator can, in odd cases,
    // bring two characters together that NFKC then composes, so repeat until nothing changes.
    let mut normalized = normalize_pass(&nfkc);
    // ASCII comes out of one pass as it would come out of a second.
    for _ in 0..if nfkc.is_ascii() { 0 } else { 8 } {
        let again = normalize_pass(&normalized);
        if again == normalized {
            break;
        }
        normalized = again;
    }

    NormalizedId {
        input: input.to_string(),
        normalized,
        notices,
    }
}

// ---------------------------------------------------------------------------------------------
// Showing things in messages
// ---------------------------------------------------------------------------------------------

/// The longest piece of the user's text a message repeats.
const SHOW_MAX: usize = 24;

/// One character of the user's text, safe to show: control and zero-width characters (ESC,
/// bidi overrides, combining marks on their own) become escapes such as `\u{1b}`.
fn show_char(c: char) -> String {
    match c.width() {
        // Ambiguous-width symbols (※ ①) are escaped too: they would break a Windows console's
        // layout.
        // Invisible formatting characters (U+FFF9 …) are escaped even where they take a cell.
        Some(w) if w > 0 && c.width_cjk() == Some(w) && !super::text::is_invisible(c) => {
            c.to_string()
        }
        _ => c.escape_default().collect(),
    }
}

/// The user's text, safe to show and cut to [`SHOW_MAX`] characters.
fn show(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == SHOW_MAX {
            out.push_str("...");
            break;
        }
        out.push_str(&show_char(c));
    }
    out
}

fn area_name(rules: &RuleSet, area: Area) -> &str {
    rules.area(area).name.as_str()
}

/// 「CAF + 数字10桁、または COP + 数字8桁」: the formats an area accepts (all of them when the
/// area is not known), as the screens show them under the field and in the help.
pub fn formats_hint(formats: &[CustomerIdFormat], area: Option<Area>) -> String {
    formats
        .iter()
        .filter(|f| area.is_none_or(|a| f.areas.contains(&a)))
        .map(|f| format!("{} + 数字{}桁", f.prefix, f.digits))
        .collect::<Vec<_>>()
        .join("、または ")
}

/// 「CAF」+数字10桁
fn describe_format(f: &CustomerIdFormat) -> String {
    format!("「{}」+数字{}桁", f.prefix, f.digits)
}

/// 「CAF」+数字10桁、または「COP」+数字8桁; with `annotate`, a format some area lacks is marked
/// 「(NTT東日本のみ)」.
fn describe_formats(rules: &RuleSet, formats: &[&CustomerIdFormat], annotate: bool) -> String {
    let mut seen: Vec<(&str, usize)> = Vec::new();
    let mut parts = Vec::new();
    for f in formats {
        if seen.contains(&(f.prefix.as_str(), f.digits)) {
            continue;
        }
        seen.push((f.prefix.as_str(), f.digits));
        let mut part = describe_format(f);
        if annotate && !Area::iter().all(|a| f.areas.contains(&a)) {
            let names: Vec<&str> = f.areas.iter().map(|&a| area_name(rules, a)).collect();
            if !names.is_empty() {
                part.push_str(&format!(" ({}のみ)", names.join("・")));
            }
        }
        parts.push(part);
    }
    parts.join("、または")
}

/// 「CAF」か「COP」
fn quote_list(items: &[&str]) -> String {
    let mut v: Vec<String> = Vec::new();
    for i in items {
        let q = format!("「{i}」");
        if !v.contains(&q) {
            v.push(q);
        }
    }
    v.join("か")
}

/// 10桁か12桁
fn digits_list(counts: &[usize]) -> String {
    let mut v = counts.to_vec();
    v.sort_unstable();
    v.dedup();
    v.iter()
        .map(|n| format!("{n}桁"))
        .collect::<Vec<_>>()
        .join("か")
}

// ---------------------------------------------------------------------------------------------
// Look-alike characters
// ---------------------------------------------------------------------------------------------

/// (digit, letter, how the digit is read, how the letter is read): pairs people mix up when they
/// copy an ID from paper.
const LOOKALIKES: &[(char, char, &str, &str)] = &[
    ('0', 'O', "ゼロ", "オー"),
    ('1', 'I', "イチ", "アイ"),
    ('1', 'L', "イチ", "エル"),
    ('2', 'Z', "ニ", "ゼット"),
    ('5', 'S', "ゴ", "エス"),
    ('6', 'G', "ロク", "ジー"),
    ('8', 'B', "ハチ", "ビー"),
];

fn lookalike(
    digit: char,
    letter: char,
) -> Option<&'static (char, char, &'static str, &'static str)> {
    LOOKALIKES
        .iter()
        .find(|(d, l, _, _)| *d == digit && *l == letter)
}

fn digit_for_letter(letter: char) -> Option<&'static (char, char, &'static str, &'static str)> {
    LOOKALIKES.iter().find(|(_, l, _, _)| *l == letter)
}

/// `a` and `b` (ASCII) are one edit apart: a substitution, a swap of neighbours, a letter added
/// or a letter missing.
fn one_edit(a: &[u8], b: &[u8]) -> bool {
    if a == b {
        return false;
    }
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diff.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => (0..a.len()).any(|i| a[..i] == b[..i] && a[i + 1..] == b[i..]),
        -1 => one_edit(b, a),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

fn err(code: &'static str, message: impl AsRef<str>) -> FieldError {
    FieldError::new(Field::CustomerId, code, message)
}

/// Normalises and checks `input` against the formats the area accepts (any area's formats when
/// the area is not known).
pub fn validate(
    rules: &RuleSet,
    area: Option<Area>,
    input: &str,
) -> Result<NormalizedId, FieldError> {
    let formats = &rules.customer_id_formats;
    let n = normalize(input);
    let in_area = |f: &&CustomerIdFormat| area.is_none_or(|a| f.areas.contains(&a));
    if formats
        .iter()
        .filter(in_area)
        .any(|f| f.pattern.is_match(&n.normalized))
    {
        return Ok(n);
    }
    let allowed: Vec<&CustomerIdFormat> = formats.iter().filter(in_area).collect();
    let s = n.normalized.as_str();
    let want = describe_formats(rules, &allowed, area.is_none());

    if allowed.is_empty() {
        let where_ = area.map_or(String::new(), |a| format!("{}の", area_name(rules, a)));
        return Err(err(
            "no_formats",
            format!(
                "{where_}お客さまIDの形式がルールファイルにありません。ルールファイル (assets/rules.toml の [[customer_id_formats]]) を確かめてください"
            ),
        ));
    }

    if s.is_empty() {
        return Err(err(
            "empty",
            format!(
                "入力されていません。お客さまIDは{want}です。お手元の書類を見て入力してください"
            ),
        ));
    }

    if let Some(e) = check_kana(rules, area, &allowed, input, &want) {
        return Err(e);
    }
    if let Some(e) = check_phone(rules, area, input, &want) {
        return Err(e);
    }
    if let Some(e) = check_characters(input, s, &want) {
        return Err(e);
    }
    // From here on `s` is ASCII letters and digits only, so byte positions are character
    // positions and the text is safe to repeat.

    let known: Vec<&CustomerIdFormat> = formats.iter().collect();
    let starts_allowed: Vec<&CustomerIdFormat> = allowed
        .iter()
        .copied()
        .filter(|f| s.starts_with(f.prefix.as_str()))
        .collect();
    if !starts_allowed.is_empty() {
        return Err(check_digits(&starts_allowed, &allowed, &known, s, &want));
    }

    if let Some(e) = check_prefix_lookalike(&allowed, s) {
        return Err(e);
    }

    if let Some(f) = allowed
        .iter()
        .find(|f| s.len() < f.prefix.len() && f.prefix.starts_with(s))
    {
        return Err(err(
            "too_short",
            format!(
                "「{s}」で止まっています。お客さまIDは{want}です。続きを入力してください (「{}」のあとに数字{}桁)",
                f.prefix, f.digits
            ),
        ));
    }

    if let Some(e) = check_prefix_typo(&allowed, s, &want) {
        return Err(e);
    }

    if let Some(area) = area
        && let Some(other) = formats.iter().find(|f| {
            !f.areas.contains(&area)
                && (s.starts_with(f.prefix.as_str())
                    || f.prefix.starts_with(s)
                    || lookalike_fix(f, s).is_some())
        })
    {
        let owners: Vec<&str> = other.areas.iter().map(|&a| area_name(rules, a)).collect();
        let owner = if owners.is_empty() {
            String::new()
        } else {
            format!("{}の", owners.join("・"))
        };
        let rest = s.get(other.prefix.len()..).unwrap_or("");
        return Err(err(
            "cop_not_in_area",
            format!(
                "「{}」で始まるお客さまIDは{owner}ものです。{}のお客さまIDは必ず{want}です。お手元の書類でお客さまIDをもう一度確かめてください (都道府県の選び間違いがないかも確かめてください){}",
                other.prefix,
                area_name(rules, area),
                other_prefix_hint(&allowed, &other.prefix, rest),
            ),
        ));
    }

    if let Some(e) = check_approval_number(rules, area, s, &want) {
        return Err(e);
    }

    if let Some(e) = check_digits_only(rules, area, &allowed, s, &want) {
        return Err(e);
    }

    let max_prefix = allowed.iter().map(|f| f.prefix.len()).max().unwrap_or(0);
    let head: String = s.chars().take(max_prefix.max(1)).collect();
    Err(err(
        "wrong_prefix",
        format!(
            "お客さまIDは{want}です。入力は「{}」で始まっています。はじめの英字を書類のお客さまIDと見比べて直してください",
            show(&head)
        ),
    ))
}

// ---------------------------------------------------------------------------------------------
// Numbers that are no お客さまID, and kana from an IME
// ---------------------------------------------------------------------------------------------

/// 「お客さまIDは「開通のご案内」や回線終端装置 (ONU) のシールに書かれている、…の英数字です」:
/// where the area's IDs are written (every area's places when the area is not known).
fn where_written(rules: &RuleSet, area: Option<Area>, want: &str) -> String {
    let mut places: Vec<&str> = Vec::new();
    for (a, ps) in &rules.customer_id_input.written_on {
        if area.is_none_or(|x| x == *a) {
            for p in ps {
                if !places.contains(&p.as_str()) {
                    places.push(p);
                }
            }
        }
    }
    if places.is_empty() {
        return format!("お客さまIDは{want}の英数字です");
    }
    format!(
        "お客さまIDは{}に書かれている、{want}の英数字です",
        places.join("や")
    )
}

/// `ime_kana`: kana in the ID, typed with the IME on. When the kana read back as the letters
/// they were composed from make an ID (`かf0123456789` → `CAF0123456789`), that ID is named.
fn check_kana(
    rules: &RuleSet,
    area: Option<Area>,
    allowed: &[&CustomerIdFormat],
    input: &str,
    want: &str,
) -> Option<FieldError> {
    const MAX_NAMED: usize = 3;
    let mut kana: Vec<char> = Vec::new();
    for c in input.chars() {
        if std::iter::once(c).nfkc().any(super::romaji::is_kana) && !kana.contains(&c) {
            kana.push(c);
            if kana.len() == MAX_NAMED {
                break;
            }
        }
    }
    if kana.is_empty() {
        return None;
    }
    let named: String = kana
        .iter()
        .map(|&c| format!("「{}」", show_char(c)))
        .collect();
    let kept: String = super::text::nfkc(input)
        .chars()
        .filter(|&c| !is_separator(c))
        .collect();
    let longest = rules
        .customer_id_formats
        .iter()
        .map(|f| f.prefix.len() + f.digits)
        .max()
        .unwrap_or(0);
    let reading = super::romaji::read_back(&kept, longest + 8);
    // A word in kana alone (わからないです) was typed as Japanese on purpose: the characters are
    // named as any others are. Kana among letters or digits, or kana that spell a prefix, are
    // the IME's.
    let mixed = kept.chars().any(|c| c.is_ascii_alphanumeric());
    let spells_prefix = reading.as_deref().is_some_and(|r| {
        rules
            .customer_id_formats
            .iter()
            .any(|f| r.starts_with(f.prefix.as_str()))
    });
    if !mixed && !spells_prefix {
        return None;
    }
    let meant = match reading {
        Some(r) if allowed.iter().any(|f| f.pattern.is_match(&r)) => format!(
            "かなを英字に戻すと「{r}」です。入力しようとしたお客さまIDは「{r}」ではありませんか"
        ),
        Some(r) => match rules
            .customer_id_formats
            .iter()
            .find(|f| r.starts_with(f.prefix.as_str()))
        {
            Some(f) => format!(
                "かなを英字に戻すと「{}」で、「{}」で始まるお客さまIDのようです。{}",
                show(&r),
                f.prefix,
                where_written(rules, area, want)
            ),
            None => format!("お客さまIDは{want}です"),
        },
        None => format!("お客さまIDは{want}です"),
    };
    Some(err(
        "ime_kana",
        format!(
            "{named}はかなです。{}{meant}",
            rules.customer_id_input.ime_on
        ),
    ))
}

/// How numbers that are certainly phone numbers begin, with their length: free dial, navi dial,
/// mobile and IP phones.
const PHONE_HEADS: &[(&str, usize)] = &[
    ("0120", 10),
    ("0570", 10),
    ("0800", 11),
    ("020", 11),
    ("050", 11),
    ("070", 11),
    ("080", 11),
    ("090", 11),
];

/// The digits of `input` when it is written as a phone number: a number that begins as phone
/// numbers do (`0120`, `090` …), or ten digits from 0 in groups as a fixed line's number is
/// written (`03-1234-5678`, `0466(12)3456`: an area code, then the last group of four).
fn phone_digits(input: &str) -> Option<String> {
    let text = super::text::nfkc(input);
    let groups: Vec<&str> = text
        .split(|c: char| is_separator(c) || c == '(' || c == ')')
        .filter(|g| !g.is_empty())
        .collect();
    if groups
        .iter()
        .any(|g| !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let digits: String = groups.concat();
    if !digits.starts_with('0') || !(10..=11).contains(&digits.len()) {
        return None;
    }
    let head = PHONE_HEADS
        .iter()
        .any(|(h, n)| digits.starts_with(h) && digits.len() == *n);
    let grouped = digits.len() == 10
        && groups.len() >= 2
        && groups.first().is_some_and(|g| (2..=5).contains(&g.len()))
        && groups.last().is_some_and(|g| g.len() == 4);
    (head || grouped).then_some(digits)
}

/// `phone_number`: a phone number, named as the contact's when it is one of the rules' contacts
/// (0120-116-116).
fn check_phone(rules: &RuleSet, area: Option<Area>, input: &str, want: &str) -> Option<FieldError> {
    let digits = phone_digits(input)?;
    let shown = show(input.trim_matches(is_space));
    let whose: Vec<&str> = rules
        .contacts
        .iter()
        .filter(|c| area.is_none_or(|a| c.area.is_none_or(|ca| ca == a)))
        .filter(|c| {
            c.phone
                .chars()
                .filter(char::is_ascii_digit)
                .eq(digits.chars())
        })
        .map(|c| c.name.as_str())
        .collect();
    let lead = if whose.is_empty() {
        format!("「{shown}」は{}", rules.customer_id_input.phone_number)
    } else {
        format!(
            "「{shown}」は{}の電話番号です。{}",
            whose.join("、"),
            rules.customer_id_input.phone_number
        )
    };
    Some(err(
        "phone_number",
        format!("{lead}{}", where_written(rules, area, want)),
    ))
}

/// `approval_number`: one or two letters that begin no prefix, then ten digits (`E0123456789`):
/// the shape of a 転用承諾番号 or 事業者変更承諾番号, likely. `s` is normalised ASCII.
fn check_approval_number(
    rules: &RuleSet,
    area: Option<Area>,
    s: &str,
    want: &str,
) -> Option<FieldError> {
    let letters = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let rest = &s[letters..];
    if !(1..=2).contains(&letters) || rest.len() != 10 || !rest.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    // C, CA, CO: a prefix cut short, told elsewhere.
    let head = &s[..letters];
    if rules
        .customer_id_formats
        .iter()
        .any(|f| f.prefix.starts_with(head))
    {
        return None;
    }
    Some(err(
        "approval_number",
        format!(
            "「{s}」はお客さまIDの形ではありません。{}{}",
            rules.customer_id_input.approval_number,
            where_written(rules, area, want)
        ),
    ))
}

/// 「。数字10桁のお客さまIDは「CAF」で始まります…」: the digits after `prefix` are as many as
/// another prefix the area accepts takes (`COP` + 10 digits, `CAF` + 8 in the East). Empty
/// otherwise.
fn other_prefix_hint(allowed: &[&CustomerIdFormat], prefix: &str, rest: &str) -> String {
    if rest.is_empty() || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return String::new();
    }
    match allowed
        .iter()
        .find(|f| f.prefix != prefix && f.digits == rest.len())
    {
        Some(f) => format!(
            "。数字{}桁のお客さまIDは「{}」で始まります。書類のお客さまIDが「{}」で始まるなら「{}{rest}」です",
            f.digits, f.prefix, f.prefix, f.prefix
        ),
        None => String::new(),
    }
}

/// Said with an accepted ID that was rewritten on the way (full width, lower case, spaces or
/// hyphens): what was typed, what it became, what changed, and how the portal wants it.
pub fn rewrite_note(rules: &RuleSet, id: &NormalizedId) -> Option<String> {
    if id.notices.is_empty() {
        return None;
    }
    let changes: String = id
        .notices
        .iter()
        .map(|&n| format!("{}。", notice_message(n)))
        .collect();
    Some(format!(
        "入力「{}」は「{}」として扱いました。{changes}{}",
        show(id.input.trim_matches(is_space)),
        show(&id.normalized),
        rules.customer_id_input.portal_form
    ))
}

/// `missing_prefix`: digits only. The prefix is suggested when the count fits one format; ten or
/// eleven digits are as long as a phone number or another paper's number, and that is said too.
fn check_digits_only(
    rules: &RuleSet,
    area: Option<Area>,
    allowed: &[&CustomerIdFormat],
    s: &str,
    want: &str,
) -> Option<FieldError> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let by_count: Vec<&&CustomerIdFormat> =
        allowed.iter().filter(|f| f.digits == s.len()).collect();
    let suggestion = match by_count.as_slice() {
        [f] => format!(": {}{}", f.prefix, show(s)),
        _ => String::new(),
    };
    let head_len: Vec<usize> = allowed.iter().map(|f| f.prefix.chars().count()).collect();
    let head = match head_len.as_slice() {
        [first, rest @ ..] if rest.iter().all(|l| l == first) => format!("英字{first}文字"),
        _ => "英字".to_string(),
    };
    // Ten or eleven digits are as long as a phone number or another paper's number.
    let mix_up = if (10..=11).contains(&s.len()) {
        format!(
            "。{}{}",
            rules.customer_id_input.digits_only,
            where_written(rules, area, want)
        )
    } else {
        String::new()
    };
    Some(err(
        "missing_prefix",
        format!(
            "はじめの英字がありません。お客さまIDは{want}です。数字の前に{head}を付けてください{suggestion}{mix_up}"
        ),
    ))
}

/// `invalid_character`: anything but ASCII letters and digits after normalising. Names the
/// characters as they were typed (「＃」), escaped when invisible.
fn check_characters(input: &str, s: &str, want: &str) -> Option<FieldError> {
    if s.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    const MAX_NAMED: usize = 3;
    let mut bad: Vec<char> = Vec::new();
    // Map back to what was typed where a single typed character is at fault.
    for c in input.chars().filter(|&c| !is_raw_separator(c)) {
        let ok = std::iter::once(c)
            .nfkc()
            .all(|d| d.is_ascii_alphanumeric() || is_separator(d));
        if !ok && !bad.contains(&c) {
            bad.push(c);
            if bad.len() == MAX_NAMED {
                break;
            }
        }
    }
    if bad.is_empty() {
        // Only the combination is wrong (NFKC composed something): name the result.
        for c in s.chars().filter(|c| !c.is_ascii_alphanumeric()) {
            if !bad.contains(&c) {
                bad.push(c);
                if bad.len() == MAX_NAMED {
                    break;
                }
            }
        }
    }
    let named: String = bad
        .iter()
        .map(|&c| format!("「{}」", show_char(c)))
        .collect();
    let these = if bad.len() == 1 {
        named.clone()
    } else {
        "これらの文字".to_string()
    };
    Some(err(
        "invalid_character",
        format!(
            "{named}は使えません。お客さまIDは英字と数字だけで、{want}です。{these}を消すか、正しい英字か数字に直してください"
        ),
    ))
}

/// The prefix `f` would have if the digits among the first characters of `s` were the letters
/// they look like (`C0P` → `COP`). Also works while the ID is still being typed (`C0`).
/// A digit typed where the prefix has the letter it looks like: (typed, wanted).
type Fix = (char, char);

fn lookalike_fix(f: &CustomerIdFormat, s: &str) -> Option<Vec<Fix>> {
    let p = f.prefix.as_bytes();
    let w = &s.as_bytes()[..s.len().min(p.len())];
    let mut fixes = Vec::new();
    for (&typed, &want) in w.iter().zip(p) {
        if typed == want {
            continue;
        }
        lookalike(typed as char, want as char)?;
        fixes.push((typed as char, want as char));
    }
    (!fixes.is_empty()).then_some(fixes)
}

/// `prefix_digit_zero` (or `prefix_digit_letter` for 1/I, 8/B …): a digit typed where the prefix
/// has the letter it looks like.
fn check_prefix_lookalike(allowed: &[&CustomerIdFormat], s: &str) -> Option<FieldError> {
    let mut found: Vec<(&CustomerIdFormat, Vec<Fix>)> = allowed
        .iter()
        .filter_map(|f| lookalike_fix(f, s).map(|fx| (*f, fx)))
        .collect();
    // Prefer the format whose digit count fits what follows.
    found.sort_by_key(|(f, _)| usize::from(s.len().saturating_sub(f.prefix.len()) != f.digits));
    let (f, fixes) = found.into_iter().next()?;
    let plen = f.prefix.chars().count();
    let mut pairs: Vec<String> = Vec::new();
    for &(typed, want) in &fixes {
        let Some((_, _, dr, lr)) = lookalike(typed, want) else {
            continue;
        };
        let pair = format!("「{typed}」(数字の{dr}) を英字の「{want}」({lr})");
        if !pairs.contains(&pair) {
            pairs.push(pair);
        }
    }
    let fixed = if s.len() >= f.prefix.len() {
        format!("{}{}", f.prefix, &s[f.prefix.len()..])
    } else {
        f.prefix.get(..s.len()).unwrap_or(s).to_string()
    };
    let code = if fixes.iter().all(|&(typed, _)| typed == '0') {
        "prefix_digit_zero"
    } else {
        "prefix_digit_letter"
    };
    Some(err(
        code,
        format!(
            "はじめの{plen}文字は英字です。{plen}文字目までの{} にしてください: {}",
            pairs.join("、"),
            show(&fixed)
        ),
    ))
}

/// `prefix_typo`: the leading letters are one letter away from a prefix (`CAE`, `CFA`, `CA`).
fn check_prefix_typo(allowed: &[&CustomerIdFormat], s: &str, want: &str) -> Option<FieldError> {
    let letters_len = s.bytes().take_while(u8::is_ascii_alphabetic).count();
    let mut hits: Vec<(&CustomerIdFormat, &str)> = Vec::new();
    for f in allowed {
        let p = f.prefix.as_bytes();
        // One letter more or less: the whole run of leading letters, quoted whole (「CAAF」,
        // not its first three letters).
        if letters_len.abs_diff(p.len()) == 1 && one_edit(&s.as_bytes()[..letters_len], p) {
            hits.push((f, &s[..letters_len]));
        // Same length: the first characters, all letters, with one letter wrong or two swapped.
        } else if letters_len >= p.len() && one_edit(&s.as_bytes()[..p.len()], p) {
            hits.push((f, &s[..p.len()]));
        }
    }
    // When several prefixes fit (CAP: CAF or COP), keep those whose digit count fits the rest.
    let fitting: Vec<(&CustomerIdFormat, &str)> = hits
        .iter()
        .copied()
        .filter(|(f, typed)| {
            let rest = &s[typed.len()..];
            rest.bytes().all(|b| b.is_ascii_digit()) && rest.len() == f.digits
        })
        .collect();
    let hits = if fitting.is_empty() { hits } else { fitting };
    let (_, typed) = *hits.first()?;
    let prefixes: Vec<&str> = hits.iter().map(|(f, _)| f.prefix.as_str()).collect();
    let fix = match hits.as_slice() {
        [(f, typed)] => {
            let rest = &s[typed.len()..];
            let fits = rest.len() == f.digits && rest.bytes().all(|b| b.is_ascii_digit());
            let whole = if fits {
                format!(": {}{rest}", f.prefix)
            } else {
                String::new()
            };
            format!("はじめの英字を「{}」にしてください{whole}", f.prefix)
        }
        _ => "書類のお客さまIDと見比べて、はじめの英字を直してください".to_string(),
    };
    Some(err(
        "prefix_typo",
        format!(
            "「{}」ではなく{}ではありませんか。お客さまIDは{want}です。{fix}",
            show(typed),
            quote_list(&prefixes)
        ),
    ))
}

/// The ID starts with a prefix the area accepts: look at what follows it.
fn check_digits(
    candidates: &[&CustomerIdFormat],
    allowed: &[&CustomerIdFormat],
    known: &[&CustomerIdFormat],
    s: &str,
    want: &str,
) -> FieldError {
    let plen = candidates.iter().map(|f| f.prefix.len()).max().unwrap_or(0);
    let candidates: Vec<&CustomerIdFormat> = candidates
        .iter()
        .copied()
        .filter(|f| f.prefix.len() == plen)
        .collect();
    let prefix = candidates.first().map_or("", |f| f.prefix.as_str());
    let rest = &s[plen..];
    let counts: Vec<usize> = candidates.iter().map(|f| f.digits).collect();
    let need = digits_list(&counts);

    // Two IDs one after the other: CAF0123456789CAF9876543210.
    let digit_run = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digit_run > 0
        && known
            .iter()
            .any(|f| !f.prefix.is_empty() && rest[digit_run..].starts_with(f.prefix.as_str()))
    {
        return err(
            "multiple_ids",
            format!(
                "お客さまIDが2つ以上続けて入力されているようです。お客さまIDは{want}です。1つだけ入力してください"
            ),
        );
    }

    if let Some(pos) = rest.bytes().position(|b| !b.is_ascii_digit()) {
        let c = rest.as_bytes()[pos] as char;
        if c == 'O' {
            let fixed: String = rest
                .chars()
                .map(|c| if c == 'O' { '0' } else { c })
                .collect();
            let all_digits = fixed.bytes().all(|b| b.is_ascii_digit());
            // Offer the corrected ID only when it is a whole one: with a digit missing too, a
            // suggestion would be copied as it is and fail again.
            let suggestion = if all_digits && counts.contains(&fixed.len()) {
                format!(": {prefix}{}", show(&fixed))
            } else if all_digits {
                format!(
                    "。そのうえで数字が{}桁なので{need}になるよう、書類のお客さまIDと見比べてください",
                    fixed.len()
                )
            } else {
                String::new()
            };
            return err(
                "letter_o_in_digits",
                format!(
                    "「{prefix}」のあとは数字だけです。数字の中に英字の「O」(オー) があります。数字の「0」(ゼロ) にしてください{suggestion}"
                ),
            );
        }
        let hint = match digit_for_letter(c) {
            Some((d, l, dr, lr)) => {
                format!("英字の「{l}」({lr}) があります。数字の「{d}」({dr}) ではありませんか")
            }
            None => format!("数字ではない「{c}」があります"),
        };
        return err(
            "non_digit",
            format!(
                "「{prefix}」のあとの{}桁目に{hint}。「{prefix}」のあとは数字{need}だけです。書類のお客さまIDと見比べて直してください",
                pos + 1
            ),
        );
    }

    let got = rest.len();
    let min = counts.iter().copied().min().unwrap_or(0);
    let max = counts.iter().copied().max().unwrap_or(0);
    if got < min {
        let message = if got == 0 {
            format!("{prefix}のあとに数字がありません。続けて数字{need}を入力してください")
        } else {
            format!(
                "{prefix}のあとの数字が{got}桁です。{need}にしてください。抜けている数字がないか、書類のお客さまIDと見比べてください{}",
                other_prefix_hint(allowed, prefix, rest)
            )
        };
        return err("too_few_digits", message);
    }
    if got > max {
        return err(
            "too_many_digits",
            format!(
                "{prefix}のあとの数字が{got}桁です。{need}にしてください。余分な数字がないか、書類のお客さまIDと見比べてください{}",
                other_prefix_hint(allowed, prefix, rest)
            ),
        );
    }
    err(
        "invalid_format",
        format!(
            "お客さまIDの形になっていません。お客さまIDは{want}です。書類のお客さまIDと見比べて直してください"
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn format(id: &str, prefix: &str, digits: usize, areas: &[Area]) -> CustomerIdFormat {
        CustomerIdFormat {
            id: id.to_string(),
            prefix: prefix.to_string(),
            digits,
            pattern: crate::rules::pattern::Pattern::new(&format!("^{prefix}[0-9]{{{digits}}}$"))
                .unwrap(),
            areas: areas.to_vec(),
        }
    }

    fn rules() -> &'static RuleSet {
        crate::rules::embedded::rules().expect("the embedded rules load")
    }

    /// The embedded rules with other formats.
    fn with_formats(formats: Vec<CustomerIdFormat>) -> RuleSet {
        let mut r = rules().clone();
        r.customer_id_formats = formats;
        r
    }

    fn formats() -> Vec<CustomerIdFormat> {
        vec![
            format("caf", "CAF", 10, &[Area::East, Area::West]),
            format("cop", "COP", 8, &[Area::East]),
        ]
    }

    fn code(area: Option<Area>, input: &str) -> (&'static str, String) {
        match validate(rules(), area, input) {
            Ok(n) => panic!("{input:?} was accepted as {:?}", n.normalized),
            Err(e) => (e.code, e.message),
        }
    }

    fn ok(area: Option<Area>, input: &str) -> String {
        match validate(rules(), area, input) {
            Ok(n) => n.normalized,
            Err(e) => panic!("{input:?} was rejected: {}", e.message),
        }
    }

    // --- normalize ----------------------------------------------------------------------------

    #[test]
    fn plain_id_has_no_notice() {
        let n = normalize("CAF0123456789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert!(n.notices.is_empty());
        assert_eq!(n.input, "CAF0123456789");
    }

    #[test]
    fn fullwidth_notice() {
        let n = normalize("ＣＡＦ０１２３４５６７８９");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Fullwidth]);
    }

    #[test]
    fn lowercase_notice() {
        let n = normalize("caf0123456789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Lowercase]);
    }

    #[test]
    fn fullwidth_lowercase_is_two_notices_in_order() {
        let n = normalize("ｃａｆ０１２３-４５６７８９");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(
            n.notices,
            vec![
                IdNotice::Fullwidth,
                IdNotice::Separators,
                IdNotice::Lowercase
            ]
        );
    }

    #[test]
    fn hyphens_notice() {
        let n = normalize("CAF-0123-456-789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Separators]);
        for dash in [
            "‐", "‑", "‒", "–", "—", "―", "−", "ー", "ｰ", "～", "〜", "－", "~",
        ] {
            let n = normalize(&format!("CAF{dash}0123{dash}456789"));
            assert_eq!(n.normalized, "CAF0123456789", "{dash:?}");
            assert!(n.notices.contains(&IdNotice::Separators), "{dash:?}");
        }
    }

    #[test]
    fn spaces_notice() {
        let n = normalize("CAF 0123 456789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Separators]);
        let n = normalize("CAF\t0123456789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Separators]);
    }

    #[test]
    fn ideographic_space_is_a_separator() {
        let n = normalize("CAF\u{3000}0123456789");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Separators]);
        // A full-width space around full-width text: both notices, once each.
        let n = normalize("ＣＡＦ\u{3000}０１２３\u{3000}４５６７８９");
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(n.notices, vec![IdNotice::Fullwidth, IdNotice::Separators]);
    }

    #[test]
    fn trimming_alone_is_silent() {
        let n = normalize("  \u{3000}CAF0123456789\t\n\u{3000}");
        assert_eq!(n.normalized, "CAF0123456789");
        assert!(n.notices.is_empty(), "{:?}", n.notices);
    }

    #[test]
    fn normalize_is_idempotent() {
        for s in [
            "ＣＡＦ０１２３４５６７８９",
            "caf-0123 456\u{3000}789",
            " cop 0123-4567 ",
            "ｃ０ｐ１２",
            "#!？",
            "",
        ] {
            let once = normalize(s);
            let twice = normalize(&once.normalized);
            assert_eq!(once.normalized, twice.normalized, "{s:?}");
            assert!(twice.notices.is_empty(), "{s:?}: {:?}", twice.notices);
        }
    }

    #[test]
    fn notice_messages() {
        assert_eq!(
            notice_message(IdNotice::Fullwidth),
            "全角の文字を半角にしました"
        );
        assert_eq!(
            notice_message(IdNotice::Separators),
            "空白やハイフンを取り除きました"
        );
        assert_eq!(
            notice_message(IdNotice::Lowercase),
            "小文字を大文字にしました"
        );
        assert_eq!(IdNotice::Fullwidth.as_ref(), "fullwidth");
    }

    // --- validate: accepted -------------------------------------------------------------------

    #[test]
    fn caf_ok_in_both_areas() {
        for area in [Some(Area::East), Some(Area::West), None] {
            assert_eq!(ok(area, "CAF0123456789"), "CAF0123456789");
        }
        let n = validate(rules(), Some(Area::West), "ｃａｆ-0123-456-789").unwrap();
        assert_eq!(n.normalized, "CAF0123456789");
        assert_eq!(
            n.notices,
            vec![
                IdNotice::Fullwidth,
                IdNotice::Separators,
                IdNotice::Lowercase
            ]
        );
    }

    #[test]
    fn cop_ok_in_east_and_unknown_area() {
        assert_eq!(ok(Some(Area::East), "COP01234567"), "COP01234567");
        assert_eq!(ok(None, "cop 0123 4567"), "COP01234567");
    }

    #[test]
    fn cop_rejected_in_west() {
        let (c, m) = code(Some(Area::West), "COP01234567");
        assert_eq!(c, "cop_not_in_area");
        assert!(m.starts_with("お客さまID: "), "{m}");
        assert!(m.contains("NTT西日本"), "{m}");
        assert!(m.contains("「CAF」+数字10桁"), "{m}");
        assert!(m.contains("もう一度確かめて"), "{m}");
        // Also when the O of COP was typed as a zero.
        assert_eq!(code(Some(Area::West), "C0P01234567").0, "cop_not_in_area");
        // And while it is still being typed.
        assert_eq!(code(Some(Area::West), "CO").0, "cop_not_in_area");
    }

    #[test]
    fn formats_come_from_data() {
        let formats = vec![format("xyz", "XYZ", 5, &[Area::West])];
        assert_eq!(
            validate(
                &with_formats(formats.clone()),
                Some(Area::West),
                "xyz-12345"
            )
            .unwrap()
            .normalized,
            "XYZ12345"
        );
        let e = validate(&with_formats(formats.clone()), Some(Area::West), "XYZ1234").unwrap_err();
        assert_eq!(e.code, "too_few_digits");
        assert!(
            e.message
                .contains("XYZのあとの数字が4桁です。5桁にしてください"),
            "{}",
            e.message
        );
        let e = validate(&with_formats(formats.clone()), Some(Area::East), "XYZ12345").unwrap_err();
        assert_eq!(e.code, "no_formats");
        let e = validate(&with_formats(Vec::new()), None, "CAF0123456789").unwrap_err();
        assert_eq!(e.code, "no_formats");
    }

    // --- validate: errors ---------------------------------------------------------------------

    #[test]
    fn empty() {
        for s in ["", "   ", "\u{3000}", "---"] {
            let (c, m) = code(Some(Area::East), s);
            assert_eq!(c, "empty", "{s:?}");
            assert!(m.contains("入力されていません"), "{m}");
            assert!(m.contains("「CAF」+数字10桁、または「COP」+数字8桁"), "{m}");
        }
        let (_, m) = code(Some(Area::West), "");
        assert!(m.contains("「CAF」+数字10桁") && !m.contains("COP"), "{m}");
        let (_, m) = code(None, "");
        assert!(m.contains("「COP」+数字8桁 (NTT東日本のみ)"), "{m}");
    }

    #[test]
    fn invalid_character() {
        let (c, m) = code(Some(Area::East), "CAF＃0123456789");
        assert_eq!(c, "invalid_character");
        assert!(m.contains("「＃」は使えません"), "{m}");
        assert!(m.contains("英字と数字だけ"), "{m}");
        let (c, m) = code(Some(Area::East), "CAF.0123/456789");
        assert_eq!(c, "invalid_character");
        assert!(m.contains("「.」「/」は使えません"), "{m}");
        let (_, m) = code(Some(Area::East), "かふ");
        assert!(m.contains("「か」「ふ」"), "{m}");
    }

    #[test]
    fn control_characters_are_escaped() {
        let (c, m) = code(Some(Area::East), "CAF\u{1b}[31m0123456789");
        assert_eq!(c, "invalid_character");
        assert!(!m.chars().any(char::is_control), "{m:?}");
        assert!(m.contains("\\u{1b}"), "{m}");
        let (_, m) = code(Some(Area::East), "CAF\u{202e}0123456789");
        assert!(!m.contains('\u{202e}'), "{m:?}");
        let (_, m) = code(Some(Area::East), "CAF\u{0}0123456789");
        assert!(!m.contains('\u{0}') && m.contains("\\u{0}"), "{m:?}");
    }

    #[test]
    fn prefix_digit_zero() {
        let (c, m) = code(Some(Area::East), "C0P01234567");
        assert_eq!(c, "prefix_digit_zero");
        assert!(
            m.contains(
                "3文字目までの「0」(数字のゼロ) を英字の「O」(オー) にしてください: COP01234567"
            ),
            "{m}"
        );
        let (c, m) = code(None, "c0p-0123-4567");
        assert_eq!(c, "prefix_digit_zero");
        assert!(m.ends_with(": COP01234567"), "{m}");
    }

    #[test]
    fn prefix_digit_letter() {
        let formats = vec![format("bis", "BIS", 4, &[Area::East])];
        let e = validate(&with_formats(formats.clone()), Some(Area::East), "8151234").unwrap_err();
        assert_eq!(e.code, "prefix_digit_letter");
        assert!(
            e.message.contains("「8」(数字のハチ) を英字の「B」(ビー)"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("「1」(数字のイチ) を英字の「I」(アイ)"),
            "{}",
            e.message
        );
        assert!(e.message.ends_with(": BIS1234"), "{}", e.message);
    }

    #[test]
    fn prefix_typo() {
        let (c, m) = code(Some(Area::East), "CAE0123456789");
        assert_eq!(c, "prefix_typo");
        assert!(m.contains("「CAE」ではなく「CAF」ではありませんか"), "{m}");
        // CAP is one letter from CAF and from COP: the digit count decides.
        let (c, m) = code(Some(Area::East), "CAP0123456789");
        assert_eq!(c, "prefix_typo");
        assert!(m.contains("「CAP」ではなく「CAF」ではありませんか"), "{m}");
        let (_, m) = code(Some(Area::East), "CAP01234567");
        assert!(m.contains("「CAP」ではなく「COP」ではありませんか"), "{m}");
        let (_, m) = code(Some(Area::East), "CAP012");
        assert!(m.contains("「CAF」か「COP」"), "{m}");
        // In the West only CAF is offered.
        let (_, m) = code(Some(Area::West), "CAP01234567");
        assert!(m.contains("「CAP」ではなく「CAF」ではありませんか"), "{m}");
        // Swapped and missing letters.
        let (_, m) = code(Some(Area::West), "CFA0123456789");
        assert!(m.contains("「CFA」ではなく「CAF」"), "{m}");
        let (_, m) = code(Some(Area::West), "CF0123456789");
        assert!(m.contains("「CF」ではなく「CAF」"), "{m}");
    }

    #[test]
    fn too_short() {
        let (c, m) = code(Some(Area::West), "CA");
        assert_eq!(c, "too_short");
        assert!(m.contains("続きを入力してください"), "{m}");
    }

    #[test]
    fn wrong_prefix() {
        let (c, m) = code(Some(Area::East), "XYZ0123456789");
        assert_eq!(c, "wrong_prefix");
        assert!(m.contains("「CAF」+数字10桁、または「COP」+数字8桁"), "{m}");
        assert!(m.contains("「XYZ」で始まっています"), "{m}");
        let (c, m) = code(Some(Area::West), "XYZ0123456789");
        assert_eq!(c, "wrong_prefix");
        assert!(
            m.contains("「CAF」+数字10桁です") && !m.contains("COP"),
            "{m}"
        );
    }

    #[test]
    fn missing_prefix() {
        let (c, m) = code(Some(Area::East), "0123456789");
        assert_eq!(c, "missing_prefix");
        assert!(
            m.contains("英字3文字を付けてください: CAF0123456789"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "012345");
        assert_eq!(c, "missing_prefix");
        assert!(!m.contains(": CAF"), "{m}");
    }

    #[test]
    fn letter_o_in_digits() {
        let (c, m) = code(Some(Area::East), "CAF0123O56789");
        assert_eq!(c, "letter_o_in_digits");
        assert!(m.contains("英字の「O」(オー)"), "{m}");
        assert!(
            m.contains("数字の「0」(ゼロ) にしてください: CAF0123056789"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "cafo123456789");
        assert_eq!(c, "letter_o_in_digits");
        assert!(m.ends_with(": CAF0123456789"), "{m}");
        // An O and a digit short: no ID to copy, and the count is said.
        let (c, m) = code(Some(Area::East), "cafo12345678");
        assert_eq!(c, "letter_o_in_digits");
        assert!(!m.contains("CAF012345678"), "{m}");
        assert!(m.contains("数字が9桁なので10桁になるよう"), "{m}");
    }

    #[test]
    fn non_digit() {
        let (c, m) = code(Some(Area::East), "CAF01234X6789");
        assert_eq!(c, "non_digit");
        assert!(m.contains("6桁目に数字ではない「X」があります"), "{m}");
        assert!(m.contains("数字10桁だけ"), "{m}");
        let (c, m) = code(Some(Area::East), "CAF0I23456789");
        assert_eq!(c, "non_digit");
        assert!(
            m.contains("2桁目に英字の「I」(アイ) があります。数字の「1」(イチ) ではありませんか"),
            "{m}"
        );
    }

    #[test]
    fn multiple_ids() {
        let (c, m) = code(Some(Area::East), "CAF0123456789 CAF9876543210");
        assert_eq!(c, "multiple_ids");
        assert!(m.contains("1つだけ"), "{m}");
    }

    #[test]
    fn digit_counts() {
        let (c, m) = code(Some(Area::East), "CAF012345678");
        assert_eq!(c, "too_few_digits");
        assert!(
            m.contains("CAFのあとの数字が9桁です。10桁にしてください"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "CAF01234567890");
        assert_eq!(c, "too_many_digits");
        assert!(
            m.contains("CAFのあとの数字が11桁です。10桁にしてください"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "COP0123456");
        assert_eq!(c, "too_few_digits");
        assert!(
            m.contains("COPのあとの数字が7桁です。8桁にしてください"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "CAF");
        assert_eq!(c, "too_few_digits");
        assert!(
            m.contains("CAFのあとに数字がありません。続けて数字10桁を入力してください"),
            "{m}"
        );
    }

    #[test]
    fn ime_kana_names_the_id_meant() {
        for typed in [
            "かf0123456789",
            "かｆ０１２３４５６７８９",
            "ｃあｆ0123456789",
            "カF0123456789",
            "ｶf-0123-456789",
        ] {
            let (c, m) = code(Some(Area::East), typed);
            assert_eq!(c, "ime_kana", "{typed}");
            assert!(
                m.contains("日本語入力がオンのまま入力されたようです"),
                "{m}"
            );
            assert!(m.contains("半角英数に切り替えて"), "{m}");
            assert!(
                m.ends_with("入力しようとしたお客さまIDは「CAF0123456789」ではありませんか"),
                "{m}"
            );
        }
        let (c, m) = code(Some(Area::East), "こp01234567");
        assert_eq!(c, "ime_kana");
        assert!(m.starts_with("お客さまID: 「こ」はかなです。"), "{m}");
        assert!(m.contains("「COP01234567」ではありませんか"), "{m}");
        // COP is East only: in the West the reading is named, not offered as the ID.
        let (c, m) = code(Some(Area::West), "こp01234567");
        assert_eq!(c, "ime_kana");
        assert!(
            m.contains("かなを英字に戻すと「COP01234567」で、「COP」で始まるお客さまIDのようです"),
            "{m}"
        );
        assert!(!m.contains("ではありませんか"), "{m}");
        // Kana that begin an ID but make none: the prefix is named.
        let (c, m) = code(Some(Area::East), "かふ");
        assert_eq!(c, "ime_kana");
        assert!(m.contains("「か」「ふ」はかなです"), "{m}");
        assert!(
            m.contains("「CAFU」で、「CAF」で始まるお客さまIDのようです"),
            "{m}"
        );
        // Kana that read as no ID: the IME is named all the same.
        let (c, m) = code(Some(Area::East), "あいう123");
        assert_eq!(c, "ime_kana");
        assert!(m.contains("「あ」「い」「う」はかなです"), "{m}");
        assert!(
            m.ends_with("お客さまIDは「CAF」+数字10桁、または「COP」+数字8桁です"),
            "{m}"
        );
        // A word in kana alone is Japanese typed on purpose, not the IME.
        let (c, m) = code(Some(Area::East), "わからないです");
        assert_eq!(c, "invalid_character");
        assert!(!m.contains("日本語入力"), "{m}");
    }

    #[test]
    fn phone_numbers() {
        for typed in [
            "03-1234-5678",
            "090-1234-5678",
            "0120-345-678",
            "０３（１２３４）５６７８",
            "09012345678",
        ] {
            let (c, m) = code(Some(Area::East), typed);
            assert_eq!(c, "phone_number", "{typed}: {m}");
            assert!(
                m.contains("は電話番号のようです。お客さまIDは電話番号ではありません。"),
                "{m}"
            );
            assert!(
                m.ends_with("お客さまIDは「開通のご案内」や回線終端装置 (ONU) のシールに書かれている、「CAF」+数字10桁、または「COP」+数字8桁の英数字です"),
                "{m}"
            );
        }
        // The rules' own contact number is named as theirs; the West has no 開通のご案内 in the
        // rules.
        let (c, m) = code(Some(Area::West), "0120-116-116");
        assert_eq!(c, "phone_number");
        assert!(
            m.starts_with("お客さまID: 「0120-116-116」はNTT西日本 (フレッツ光の契約情報の確認窓口)の電話番号です。"),
            "{m}"
        );
        assert!(!m.contains("NTT東日本"), "{m}");
        assert!(m.ends_with("お客さまIDは回線終端装置 (ONU) のシールに書かれている、「CAF」+数字10桁の英数字です"), "{m}");
        // Ten digits in ID-like groups are not taken for a phone number.
        assert_eq!(code(Some(Area::East), "0123-456-789").0, "missing_prefix");
    }

    #[test]
    fn digits_only_names_the_mix_up() {
        let (c, m) = code(Some(Area::East), "1234567890");
        assert_eq!(c, "missing_prefix");
        assert!(
            m.contains("英字3文字を付けてください: CAF1234567890。"),
            "{m}"
        );
        assert!(
            m.contains("英字のない数字だけの番号は、電話番号やほかの書類の番号かもしれません。お客さまIDは「開通のご案内」や"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "12345678901");
        assert_eq!(c, "missing_prefix");
        assert!(m.contains("英字のない数字だけの番号は"), "{m}");
        // Eight digits fit COP: no mix-up to name.
        let (_, m) = code(Some(Area::East), "12345678");
        assert!(m.ends_with(": COP12345678"), "{m}");
    }

    #[test]
    fn approval_numbers() {
        for typed in ["E1234567890", "w-1234-567890", "FA1234567890"] {
            let (c, m) = code(Some(Area::East), typed);
            assert_eq!(c, "approval_number", "{typed}: {m}");
            assert!(m.contains("はお客さまIDの形ではありません。"), "{m}");
            assert!(
                m.contains("転用承諾番号や事業者変更承諾番号かもしれません。"),
                "{m}"
            );
            assert!(
                m.contains("「開通のご案内」や回線終端装置 (ONU) のシールに書かれている"),
                "{m}"
            );
        }
        let (_, m) = code(Some(Area::East), "E1234567890");
        assert!(
            m.starts_with("お客さまID: 「E1234567890」はお客さまIDの形ではありません。"),
            "{m}"
        );
        // Letters that begin CAF or COP are a prefix cut short; three letters stay a wrong
        // prefix.
        assert_ne!(code(Some(Area::East), "CA1234567890").0, "approval_number");
        assert_ne!(code(Some(Area::East), "C1234567890").0, "approval_number");
        assert_eq!(code(Some(Area::East), "XYZ1234567890").0, "wrong_prefix");
    }

    #[test]
    fn a_letter_too_many_is_quoted_whole() {
        let (c, m) = code(Some(Area::East), "CAAF0123456789");
        assert_eq!(c, "prefix_typo");
        assert!(m.contains("「CAAF」ではなく「CAF」ではありませんか"), "{m}");
        assert!(
            m.ends_with("はじめの英字を「CAF」にしてください: CAF0123456789"),
            "{m}"
        );
        let (_, m) = code(Some(Area::West), "CCAF0123456789");
        assert!(m.contains("「CCAF」ではなく「CAF」"), "{m}");
    }

    #[test]
    fn digits_that_fit_the_other_prefix() {
        let (c, m) = code(Some(Area::East), "COP0123456789");
        assert_eq!(c, "too_many_digits");
        assert!(
            m.contains("COPのあとの数字が10桁です。8桁にしてください"),
            "{m}"
        );
        assert!(
            m.ends_with("数字10桁のお客さまIDは「CAF」で始まります。書類のお客さまIDが「CAF」で始まるなら「CAF0123456789」です"),
            "{m}"
        );
        let (c, m) = code(Some(Area::East), "CAF01234567");
        assert_eq!(c, "too_few_digits");
        assert!(
            m.contains("CAFのあとの数字が8桁です。10桁にしてください"),
            "{m}"
        );
        assert!(
            m.ends_with("数字8桁のお客さまIDは「COP」で始まります。書類のお客さまIDが「COP」で始まるなら「COP01234567」です"),
            "{m}"
        );
        // In the West there is no COP to offer; COP + 10 digits there points at CAF.
        let (_, m) = code(Some(Area::West), "CAF01234567");
        assert!(!m.contains("COP"), "{m}");
        let (c, m) = code(Some(Area::West), "COP0123456789");
        assert_eq!(c, "cop_not_in_area");
        assert!(m.ends_with("なら「CAF0123456789」です"), "{m}");
    }

    #[test]
    fn area_names_come_from_the_rules() {
        let mut r = rules().clone();
        for a in &mut r.areas {
            a.name = format!("{}エリア", a.short);
        }
        let e = validate(&r, Some(Area::West), "COP01234567").unwrap_err();
        assert!(
            e.message
                .contains("東日本エリアのものです。西日本エリアのお客さまIDは"),
            "{}",
            e.message
        );
        let e = validate(&r, None, "").unwrap_err();
        assert!(e.message.contains("(東日本エリアのみ)"), "{}", e.message);
    }

    #[test]
    fn rewrite_note_says_what_changed() {
        let n = validate(rules(), Some(Area::East), " ｃａｆ-0123-456789 ").unwrap();
        assert_eq!(
            rewrite_note(rules(), &n).as_deref(),
            Some(
                "入力「ｃａｆ-0123-456789」は「CAF0123456789」として扱いました。全角の文字を半角にしました。空白やハイフンを取り除きました。小文字を大文字にしました。ポータルサイトには、お客さまIDを半角大文字の英字と半角数字で、空白やハイフンを入れずに入力してください。"
            )
        );
        let n = validate(rules(), Some(Area::East), "CAF0123456789").unwrap();
        assert_eq!(rewrite_note(rules(), &n), None);
        // What was typed is shown safely: an ambiguous-width hyphen is escaped.
        let n = validate(rules(), Some(Area::East), "CAF\u{2010}0123456789").unwrap();
        let note = rewrite_note(rules(), &n).unwrap_or_default();
        assert!(
            note.contains("CAF\\u{2010}0123456789") && !note.contains('\u{2010}'),
            "{note}"
        );
    }

    #[test]
    fn messages_avoid_ambiguous_width() {
        let inputs = [
            "",
            "CAF＃1",
            "C0P1",
            "CAE1",
            "COP1",
            "XYZ1",
            "01",
            "CAFO1",
            "CAFX1",
            "CAF1",
            "CA",
            "CAF0123456789CAF1",
        ];
        for area in [Some(Area::East), Some(Area::West), None] {
            for s in inputs {
                if let Err(e) = validate(rules(), area, s) {
                    for c in e.message.chars().filter(|c| *c != '＃') {
                        // Japanese text is wide, ASCII narrow; nothing in between.
                        let w = c.width().unwrap_or(0);
                        let cjk = ('\u{3000}'..='\u{9FFF}').contains(&c)
                            || ('\u{FF01}'..='\u{FF60}').contains(&c);
                        assert!(c.is_ascii() || (cjk && w == 2), "{c:?} in {}", e.message);
                    }
                }
            }
        }
    }

    #[test]
    fn a_megabyte_does_not_panic() {
        let big = format!("CAF{}", "1".repeat(1 << 20));
        let (c, m) = code(Some(Area::East), &big);
        assert_eq!(c, "too_many_digits");
        assert!(m.len() < 400, "{m}");
        let big = "ｃ０ｐ-".repeat(1 << 18);
        let _ = validate(rules(), Some(Area::West), &big);
        let big = "\u{1b}".repeat(1 << 20);
        let (c, m) = code(None, &big);
        assert_eq!(c, "invalid_character");
        assert!(m.len() < 400, "{m}");
        let big = format!("C0P{}", "9".repeat(1 << 20));
        let (_, m) = code(Some(Area::East), &big);
        assert!(m.len() < 400, "{m}");
    }

    // --- properties ---------------------------------------------------------------------------

    /// Rewrites a valid ID the way people type it.
    fn rewrite(id: &str, choices: &[(bool, bool, u8)], lead: &str, trail: &str) -> String {
        const SEPS: &[&str] = &[
            "", "", "-", " ", "\u{3000}", "ー", "－", "‐", "―", "\t", "～",
        ];
        let mut out = lead.to_string();
        for (c, &(wide, lower, sep)) in id.chars().zip(choices.iter().cycle()) {
            let c = if lower { c.to_ascii_lowercase() } else { c };
            let c = if wide {
                char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
            } else {
                c
            };
            out.push(c);
            out.push_str(SEPS[usize::from(sep) % SEPS.len()]);
        }
        out.push_str(trail);
        out
    }

    proptest! {
        #[test]
        fn nothing_panics(s in any::<String>()) {
            let _ = normalize(&s);
            for area in [Some(Area::East), Some(Area::West), None] {
                let _ = validate(rules(), area, &s);
            }
        }

        #[test]
        fn nothing_panics_near_ids(s in "[cCaAfFoOpP0-9０-９ＣＡＦＯＰ \u{3000}ー#-]{0,20}") {
            for area in [Some(Area::East), Some(Area::West), None] {
                match validate(rules(), area, &s) {
                    Ok(n) => prop_assert!(formats().iter().any(|f| f.pattern.is_match(&n.normalized))),
                    Err(e) => {
                        prop_assert!(e.message.starts_with("お客さまID: "));
                        prop_assert!(!e.message.chars().any(char::is_control));
                    }
                }
            }
        }

        #[test]
        fn normalize_idempotent(s in any::<String>()) {
            let once = normalize(&s).normalized;
            prop_assert_eq!(normalize(&once).normalized, once);
        }

        #[test]
        fn normalize_idempotent_typed(s in "[a-zA-Z0-9ａ-ｚＡ-Ｚ０-９ \u{3000}ーｰ～〜‐－-]{0,30}") {
            let once = normalize(&s);
            let twice = normalize(&once.normalized);
            prop_assert_eq!(&twice.normalized, &once.normalized);
            prop_assert!(twice.notices.is_empty());
        }

        #[test]
        fn rewritten_id_comes_back(
            cop in any::<bool>(),
            digits in proptest::collection::vec(0u8..10, 10),
            choices in proptest::collection::vec((any::<bool>(), any::<bool>(), any::<u8>()), 1..16),
            lead in "[ \u{3000}\t]{0,3}",
            trail in "[ \u{3000}\t\n]{0,3}",
        ) {
            let fs = formats();
            let f = &fs[usize::from(cop)];
            let id: String = f.prefix.chars()
                .chain(digits.iter().take(f.digits).map(|d| char::from(b'0' + d)))
                .collect();
            let typed = rewrite(&id, &choices, &lead, &trail);
            let n = normalize(&typed);
            prop_assert_eq!(&n.normalized, &id);
            let v = validate(rules(), Some(Area::East), &typed);
            prop_assert!(v.is_ok(), "{:?} -> {:?}", typed, v);
            let wide = typed.chars().any(|c| ('\u{FF10}'..='\u{FF5A}').contains(&c) && c.is_alphanumeric());
            prop_assert_eq!(n.notices.contains(&IdNotice::Fullwidth), wide);
        }
    }
}
