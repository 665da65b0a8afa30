//! Kana read back as the romaji that an IME composed them from: what someone typed with the
//! IME on (`かf`, `こp`, `cあf`) was meant as letters.

/// The letters a kana is composed from. Where an IME takes two spellings, the one with `C`
/// (`ca` → か, `co` → こ, `cu` → く): the お客さまID's letters start with C.
const ROMAJI: &[(char, &str)] = &[
    ('あ', "A"),
    ('い', "I"),
    ('う', "U"),
    ('え', "E"),
    ('お', "O"),
    ('か', "CA"),
    ('き', "KI"),
    ('く', "CU"),
    ('け', "KE"),
    ('こ', "CO"),
    ('さ', "SA"),
    ('し', "SI"),
    ('す', "SU"),
    ('せ', "SE"),
    ('そ', "SO"),
    ('た', "TA"),
    ('ち', "TI"),
    ('つ', "TU"),
    ('て', "TE"),
    ('と', "TO"),
    ('な', "NA"),
    ('に', "NI"),
    ('ぬ', "NU"),
    ('ね', "NE"),
    ('の', "NO"),
    ('は', "HA"),
    ('ひ', "HI"),
    ('ふ', "FU"),
    ('へ', "HE"),
    ('ほ', "HO"),
    ('ま', "MA"),
    ('み', "MI"),
    ('む', "MU"),
    ('め', "ME"),
    ('も', "MO"),
    ('や', "YA"),
    ('ゆ', "YU"),
    ('よ', "YO"),
    ('ら', "RA"),
    ('り', "RI"),
    ('る', "RU"),
    ('れ', "RE"),
    ('ろ', "RO"),
    ('わ', "WA"),
    ('を', "WO"),
    ('ん', "N"),
    ('が', "GA"),
    ('ぎ', "GI"),
    ('ぐ', "GU"),
    ('げ', "GE"),
    ('ご', "GO"),
    ('ざ', "ZA"),
    ('じ', "ZI"),
    ('ず', "ZU"),
    ('ぜ', "ZE"),
    ('ぞ', "ZO"),
    ('だ', "DA"),
    ('ぢ', "DI"),
    ('づ', "DU"),
    ('で', "DE"),
    ('ど', "DO"),
    ('ば', "BA"),
    ('び', "BI"),
    ('ぶ', "BU"),
    ('べ', "BE"),
    ('ぼ', "BO"),
    ('ぱ', "PA"),
    ('ぴ', "PI"),
    ('ぷ', "PU"),
    ('ぺ', "PE"),
    ('ぽ', "PO"),
];

/// A hiragana or katakana letter (after NFKC, so half-width katakana too). The long-vowel mark
/// and the middle dot are not: the お客さまID's normalisation takes ー for a hyphen.
pub fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}')
}

/// The letters of one kana, hiragana or katakana; `None` for a small kana or one no IME
/// composes from a single syllable.
fn letters(c: char) -> Option<&'static str> {
    let hiragana = match c {
        '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60)?,
        _ => c,
    };
    ROMAJI.iter().find(|(k, _)| *k == hiragana).map(|(_, r)| *r)
}

/// `text` (NFKC, separators already dropped) with every kana replaced by its letters and the
/// letters upper-cased: 「かf0123」 → `CAF0123`. `None` when something is neither a letter, a
/// digit nor a kana read here, or when the reading grows past `max` characters.
pub fn read_back(text: &str, max: usize) -> Option<String> {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_uppercase());
        } else {
            out.push_str(letters(c)?);
        }
        if out.len() > max {
            return None;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kana_read_back_as_the_letters_typed() {
        assert_eq!(read_back("かf0123", 64).as_deref(), Some("CAF0123"));
        assert_eq!(read_back("こp0123", 64).as_deref(), Some("COP0123"));
        assert_eq!(read_back("cあf9", 64).as_deref(), Some("CAF9"));
        assert_eq!(read_back("カf", 64).as_deref(), Some("CAF"));
        assert_eq!(read_back("コP", 64).as_deref(), Some("COP"));
    }

    #[test]
    fn unknown_kana_and_long_text_have_no_reading() {
        assert_eq!(read_back("かっf", 64), None);
        assert_eq!(read_back("か#", 64), None);
        assert_eq!(read_back("かかかか", 4), None);
    }

    #[test]
    fn kana_are_told_from_marks() {
        assert!(is_kana('か') && is_kana('カ') && is_kana('ぁ'));
        assert!(!is_kana('ー') && !is_kana('・') && !is_kana('C') && !is_kana('漢'));
    }
}
