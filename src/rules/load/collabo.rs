//! `[collabo]`: what コラボ光 is and how to tell it, and the lines that are never コラボ光. The
//! result joins two of its texts to other sentences: each must end as one.

use super::failure::{Failure, fail, i, k};
use super::fields::check_sentence;
use super::raw::RawCollabo;
use crate::rules::model::{Collabo, LineKind, LineType};

/// Where the error names the line.
const LINE: &str = "{line}";

pub(super) fn check(raw: RawCollabo, lines: &[LineType]) -> Result<Collabo, Failure> {
    check_sentence(&raw.how_to_tell, vec![k("collabo"), k("how_to_tell")])?;
    check_sentence(&raw.contact_note, vec![k("collabo"), k("contact_note")])?;
    let at = |key: &'static str| vec![k("collabo"), k("not_collabo"), k(key)];
    for (n, id) in raw.not_collabo.lines.iter().enumerate() {
        let path = || vec![k("collabo"), k("not_collabo"), k("lines"), i(n)];
        match lines.iter().find(|l| &l.id == id) {
            None => return fail(path(), format!("回線「{id}」は lines にありません")),
            // A コラボ光 line is a FLET'S line sold by another company.
            Some(l) if l.kind == LineKind::Flets || l.kind == LineKind::Unknown => {
                return fail(
                    path(),
                    format!(
                        "回線「{id}」はコラボ光でありうる回線です。コラボ光になりえない回線だけを挙げてください"
                    ),
                );
            }
            Some(_) => {}
        }
    }
    if raw.not_collabo.error.matches(LINE).count() != 1 {
        return fail(
            at("error"),
            format!("この文には回線の名前を入れる {LINE} をちょうど一つ書いてください"),
        );
    }
    Ok(Collabo {
        name: raw.name,
        what: raw.what,
        how_to_tell: raw.how_to_tell,
        contact_note: raw.contact_note,
        no_confirmation_needed: raw.no_confirmation_needed,
        ask_only: raw.ask_only,
        not_collabo_lines: raw.not_collabo.lines,
        not_collabo_error: raw.not_collabo.error,
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::load::raw::RawCollabo;
    use crate::rules::load::testing::{accepted, refusal};
    use crate::rules::model::{Collabo, LineKind, LineType};

    fn line(id: &str, kind: LineKind) -> LineType {
        LineType {
            id: id.to_string(),
            name: id.to_string(),
            kind,
            family: None,
            subtype: false,
            areas: Vec::new(),
            line_category: None,
            operator: None,
            hint: String::new(),
            keys: Vec::new(),
        }
    }

    fn check(raw: RawCollabo) -> Result<Collabo, super::Failure> {
        let lines = [
            line("bbiq", LineKind::OtherMethod),
            line("cross", LineKind::Flets),
        ];
        super::check(raw, &lines)
    }

    /// how_to_tell on the fourth line, contact_note on the fifth.
    fn collabo(how_to_tell: &str, contact_note: &str) -> String {
        format!(
            "[collabo]\nname = \"事業者\"\nwhat = \"w\"\nhow_to_tell = \"{how_to_tell}\"\n\
             contact_note = \"{contact_note}\"\nno_confirmation_needed = \"n\"\nask_only = \"a\"\nsource = \"s\"\n\
             [collabo.not_collabo]\nlines = [\"bbiq\"]\nerror = \"コラボ光と{{line}}\"\nsource = \"s\"\n"
        )
    }

    fn not_collabo(lines: &str, error: &str) -> String {
        collabo("請求書を見てください。", "事業者に聞きます。")
            .replace("[\"bbiq\"]", lines)
            .replace("コラボ光と{line}", error)
    }

    #[test]
    fn the_lines_that_are_never_collabo_are_known_lines_of_another_method() {
        let c = accepted(
            &not_collabo("[\"bbiq\"]", "{line}はコラボ光ではありません"),
            check,
        );
        assert_eq!(c.not_collabo_lines, ["bbiq"]);
        assert_eq!(c.not_collabo_error, "{line}はコラボ光ではありません");
        assert_eq!(
            refusal(&not_collabo("[\"ctc\"]", "{line}"), check),
            "rules.toml:10:10: 回線「ctc」は lines にありません"
        );
        assert!(
            refusal(&not_collabo("[\"cross\"]", "{line}"), check)
                .starts_with("rules.toml:10:10: 回線「cross」はコラボ光でありうる回線です")
        );
    }

    #[test]
    fn the_error_names_the_line_once() {
        for error in ["コラボ光ではありません", "{line}と{line}"] {
            assert_eq!(
                refusal(&not_collabo("[\"bbiq\"]", error), check),
                "rules.toml:11:9: この文には回線の名前を入れる {line} をちょうど一つ書いてください"
            );
        }
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
