//! `[application_date]`: where the 申込日 is written, what a 開通日 tells, and the notes a
//! partial date or a 開通日 brings. The result joins them to other sentences: each must end as one.

use super::failure::{Failure, k};
use super::fields::check_sentence;
use super::raw::RawApplicationDate;
use crate::rules::model::ApplicationDate;

pub(super) fn check(raw: RawApplicationDate) -> Result<ApplicationDate, Failure> {
    for (key, text) in [
        ("where_written", &raw.where_written),
        ("opened_tells", &raw.opened_tells),
        ("day_decides", &raw.day_decides),
        ("ask_day", &raw.ask_day),
        ("opened_day_decides", &raw.opened_day_decides),
        ("ask_opened_day", &raw.ask_opened_day),
        ("opened_settles", &raw.opened_settles),
        ("opened_does_not_settle", &raw.opened_does_not_settle),
    ] {
        check_sentence(text, vec![k("application_date"), k(key)])?;
    }
    Ok(ApplicationDate {
        where_written: raw.where_written,
        opened_tells: raw.opened_tells,
        day_decides: raw.day_decides,
        ask_day: raw.ask_day,
        opened_day_decides: raw.opened_day_decides,
        ask_opened_day: raw.ask_opened_day,
        opened_settles: raw.opened_settles,
        opened_does_not_settle: raw.opened_does_not_settle,
    })
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, line_of, refusal};

    fn section(opened_settles: &str) -> String {
        format!(
            "[application_date]\nwhere_written = \"書類にあります。\"\nopened_tells = \"開通日です。\"\n\
             day_decides = \"日で決まります。\"\nask_day = \"日まで入力してください。\"\n\
             opened_day_decides = \"開通日の日で決まります。\"\nask_opened_day = \"開通日を日まで。\"\nopened_settles = \"{opened_settles}\"\n\
             opened_does_not_settle = \"決まりません。\"\nsource = \"s\"\n"
        )
    }

    #[test]
    fn sentences_are_accepted() {
        let a = accepted(&section("最初は契約されていません。"), check);
        assert_eq!(a.opened_settles, "最初は契約されていません。");
        assert_eq!(a.where_written, "書類にあります。");
    }

    #[test]
    fn a_text_that_does_not_end_as_a_sentence_is_refused_at_its_line() {
        let input = section("最初は契約されていません");
        let shown = refusal(&input, check);
        let line = line_of(&input, "opened_settles");
        assert!(shown.starts_with(&format!("rules.toml:{line}:")), "{shown}");
        assert!(shown.contains("「。」で終えてください"), "{shown}");
    }
}
