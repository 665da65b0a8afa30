//! `[source]`: the text the rules are read from, and the date it speaks for.

use super::failure::{Failure, k};
use super::fields::check_date;
use super::raw::RawSource;
use crate::rules::model::SourceInfo;

pub(super) fn check(raw: RawSource) -> Result<SourceInfo, Failure> {
    Ok(SourceInfo {
        title: raw.title,
        as_of: check_date(&raw.as_of, vec![k("source"), k("as_of")])?,
        as_of_label: raw.as_of_label,
    })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    fn source(as_of: &str) -> String {
        format!(
            "[source]\ntitle = \"接続対象回線\"\nas_of = \"{as_of}\"\nas_of_label = \"2022年4月現在\"\n\
             source = \"s\"\n"
        )
    }

    #[test]
    fn a_date_is_accepted() {
        let source = accepted(&source("2022-04-01"), check);
        assert_eq!(source.as_of, NaiveDate::from_ymd_opt(2022, 4, 1).unwrap());
        assert_eq!(source.as_of_label, "2022年4月現在");
    }

    #[test]
    fn as_of_must_be_a_date() {
        for as_of in ["2022-04", "2022/04/01", "2022-04-31"] {
            assert_eq!(
                refusal(&source(as_of), check),
                format!(
                    "rules.toml:3:9: 日付「{as_of}」が正しくありません。2012-05-29 のように、ある日付を書いてください"
                )
            );
        }
    }
}
