//! `[[wrong_applications]]`: the source's known wrong applications, each id once.

use super::failure::Failure;
use super::fields::check_unique;
use super::raw::RawWrongApplication;
use crate::rules::model::WrongApplication;

pub(super) fn check(raw: Vec<RawWrongApplication>) -> Result<Vec<WrongApplication>, Failure> {
    check_unique(
        raw.iter().map(|w| w.id.as_str()),
        "wrong_applications",
        "id",
    )?;
    Ok(raw
        .into_iter()
        .map(|w| WrongApplication {
            id: w.id,
            text: w.text,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::check;
    use crate::rules::load::testing::{accepted, refusal};

    fn wrong(id: &str) -> String {
        format!(
            "[[wrong_applications]]\nid = \"{id}\"\ntext = \"{id} を選んでいる\"\nsource = \"s\"\n"
        )
    }

    #[test]
    fn distinct_ids_are_accepted() {
        let wrong = accepted(&(wrong("collabo-chose-2") + &wrong("no-v6")), check);
        assert_eq!(wrong.len(), 2);
        assert_eq!(wrong[1].text, "no-v6 を選んでいる");
    }

    #[test]
    fn an_id_twice_is_refused_at_the_second() {
        assert_eq!(
            refusal(&(wrong("no-v6") + &wrong("no-v6")), check),
            "rules.toml:6:6: wrong_applications の id「no-v6」が重複しています。一つにしてください"
        );
    }
}
