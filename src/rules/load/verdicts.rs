//! `[verdicts]`: an explanation for each verdict, and nothing else.

use std::collections::BTreeMap;

use strum::IntoEnumIterator;

use super::failure::{Failure, Seg, fail, k};
use super::raw::RawVerdict;
use crate::rules::model::Verdict;
use crate::rules::text;

pub(super) fn check(raw: BTreeMap<String, RawVerdict>) -> Result<Vec<(Verdict, String)>, Failure> {
    let mut verdicts = Vec::new();
    for verdict in Verdict::iter() {
        match raw.get(verdict.as_ref()) {
            Some(v) => verdicts.push((verdict, v.explanation.clone())),
            None => {
                return fail(
                    vec![k("verdicts")],
                    format!("verdicts.{verdict} がありません。追加してください"),
                );
            }
        }
    }
    for key in raw.keys() {
        if key.parse::<Verdict>().is_err() {
            return fail(
                vec![k("verdicts"), Seg::Owned(key.clone())],
                format!("verdicts.{} という判定はありません", text::sanitize(key)),
            );
        }
    }
    Ok(verdicts)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::check;
    use crate::rules::load::testing::{accepted, line_of, refusal};
    use crate::rules::model::Verdict;

    fn verdict(key: &str) -> String {
        format!("[verdicts.{key}]\nexplanation = \"{key} です。\"\nsource = \"s\"\n")
    }

    fn all_verdicts() -> String {
        Verdict::iter().map(|v| verdict(v.as_ref())).collect()
    }

    #[test]
    fn an_explanation_for_each_verdict_is_accepted() {
        let verdicts = accepted(&all_verdicts(), check);
        assert_eq!(verdicts.len(), Verdict::iter().count());
        assert_eq!(verdicts[0], (Verdict::Ready, "ready です。".to_string()));
    }

    #[test]
    fn a_missing_verdict_is_refused() {
        let input = all_verdicts().replace(&verdict("confirm"), "");
        // `verdicts` is made by the headers: the place is its key in the first one.
        assert_eq!(
            refusal(&input, check),
            "rules.toml:1:2: verdicts.confirm がありません。追加してください"
        );
    }

    #[test]
    fn an_unknown_verdict_is_refused() {
        let input = all_verdicts() + &verdict("maybe");
        let line = line_of(&input, "[verdicts.maybe]");
        assert_eq!(
            refusal(&input, check),
            format!("rules.toml:{line}:1: verdicts.maybe という判定はありません")
        );
    }
}
