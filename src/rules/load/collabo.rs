//! `[collabo]`: what コラボ光 is and how to tell it. The result joins two of its texts to other
//! sentences: each must end as one.

use super::failure::{Failure, k};
use super::fields::check_sentence;
use super::raw::RawCollabo;
use crate::rules::model::Collabo;

pub(super) fn check(raw: RawCollabo) -> Result<Collabo, Failure> {
    check_sentence(&raw.how_to_tell, vec![k("collabo"), k("how_to_tell")])?;
    check_sentence(&raw.contact_note, vec![k("collabo"), k("contact_note")])?;
    Ok(Collabo {
        name: raw.name,
        what: raw.what,
        how_to_tell: raw.how_to_tell,
        contact_note: raw.contact_note,
        no_confirmation_needed: raw.no_confirmation_needed,
    })
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    /// how_to_tell on the fourth line, contact_note on the fifth.
    fn collabo(how_to_tell: &str, contact_note: &str) -> String {
        format!(
            "[collabo]\nname = \"事業者\"\nwhat = \"w\"\nhow_to_tell = \"{how_to_tell}\"\n\
             contact_note = \"{contact_note}\"\nno_confirmation_needed = \"n\"\nsource = \"s\"\n"
        )
    }

    #[test]
    fn texts_that_end_as_sentences_are_accepted() {
        let collabo = accepted(
            &collabo("請求書を見てください。", "事業者に聞きます。"),
            check,
        );
        assert_eq!(collabo.how_to_tell, "請求書を見てください。");
        assert_eq!(collabo.no_confirmation_needed, "n");
    }

    #[test]
    fn how_to_tell_and_contact_note_end_as_sentences() {
        let why = "この文は「。」で終えてください (結果の画面でほかの文の前に続けて表示します)";
        assert_eq!(
            refusal(
                &collabo("請求書を見てください", "事業者に聞きます。"),
                check
            ),
            format!("rules.toml:4:15: {why}")
        );
        assert_eq!(
            refusal(
                &collabo("請求書を見てください。", "事業者に聞きます"),
                check
            ),
            format!("rules.toml:5:16: {why}")
        );
    }
}
