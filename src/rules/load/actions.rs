//! `[actions]`: every action code, once, each with exactly the variants the decision uses.

use std::collections::BTreeMap;

use strum::IntoEnumIterator;

use super::failure::{Failure, Seg, fail, k};
use super::raw::RawAction;
use crate::rules::model::{ActionCode, ActionText, ActionVariant, VariantText};
use crate::rules::text;

pub(super) fn check(
    raw: BTreeMap<String, RawAction>,
) -> Result<Vec<(ActionCode, ActionText)>, Failure> {
    let mut actions = Vec::new();
    for code in ActionCode::iter() {
        let Some(a) = raw.get(code.as_ref()) else {
            return fail(
                vec![k("actions")],
                format!("actions.{code} がありません。追加してください"),
            );
        };
        actions.push((
            code,
            ActionText {
                short: check_short(code, &a.short)?,
                text: a.text.clone(),
                detail: a.detail.clone(),
                variants: check_variants(code, a)?,
            },
        ));
    }
    for key in raw.keys() {
        if key.parse::<ActionCode>().is_err() {
            return fail(
                vec![k("actions"), Seg::Owned(key.clone())],
                format!("actions.{} という動作はありません", text::sanitize(key)),
            );
        }
    }
    Ok(actions)
}

/// The widest a step's short title may be: a spreadsheet cell or a one-line list shows it whole.
const SHORT_WIDTH: usize = 40;

/// A short title is a few words on one line, not a sentence.
fn check_short(code: ActionCode, short: &str) -> Result<String, Failure> {
    let path = vec![k("actions"), Seg::Owned(code.to_string()), k("short")];
    let width = unicode_width::UnicodeWidthStr::width(short);
    if short.trim().is_empty() || short.contains('\n') || short.ends_with('。') {
        return fail(
            path,
            format!(
                "actions.{code}.short は一行の短い言葉にしてください (文末の「。」は付けません)"
            ),
        );
    }
    if width > SHORT_WIDTH {
        return fail(
            path,
            format!(
                "actions.{code}.short が長すぎます (幅 {width}、{SHORT_WIDTH} までにしてください)"
            ),
        );
    }
    Ok(short.to_string())
}

/// The wording of each variant `code` uses, and no other.
fn check_variants(
    code: ActionCode,
    a: &RawAction,
) -> Result<Vec<(ActionVariant, VariantText)>, Failure> {
    let at = || vec![k("actions"), Seg::Owned(code.to_string())];
    let mut variants = Vec::new();
    for &variant in code.variants() {
        let Some(v) = a.variants.get(variant.as_ref()) else {
            let mut path = at();
            if !a.variants.is_empty() {
                path.push(k("variants"));
            }
            return fail(
                path,
                format!(
                    "actions.{code}.variants.{variant} がありません。この場合の文を追加してください"
                ),
            );
        };
        let mut path = at();
        path.extend([k("variants"), Seg::Owned(variant.to_string())]);
        if v.text.is_none() && v.detail.is_none() {
            return fail(
                path,
                format!(
                    "actions.{code}.variants.{variant} には text か detail の少なくとも一方を書いてください"
                ),
            );
        }
        variants.push((
            variant,
            VariantText {
                short: match &v.short {
                    Some(s) => Some(check_short(code, s)?),
                    None => None,
                },
                text: v.text.clone(),
                detail: v.detail.clone(),
            },
        ));
    }
    for key in a.variants.keys() {
        let known = key
            .parse::<ActionVariant>()
            .is_ok_and(|v| code.variants().contains(&v));
        if !known {
            let mut path = at();
            path.extend([k("variants"), Seg::Owned(key.clone())]);
            let used: Vec<&str> = code.variants().iter().map(|v| v.as_ref()).collect();
            return fail(
                path,
                format!(
                    "actions.{code}.variants.{} は使われません (使える場合: {})",
                    text::sanitize(key),
                    if used.is_empty() {
                        "なし".to_string()
                    } else {
                        used.join(", ")
                    }
                ),
            );
        }
    }
    Ok(variants)
}

#[cfg(test)]
mod tests {
    use strum::IntoEnumIterator;

    use super::check;
    use crate::rules::load::testing::{accepted, line_of, refusal};
    use crate::rules::model::{ActionCode, ActionVariant};

    /// Every action, each with a text for every variant it uses.
    fn all_actions() -> String {
        let mut input = String::new();
        for code in ActionCode::iter() {
            input += &format!(
                "[actions.{code}]\nshort = \"s\"\ntext = \"t\"\ndetail = \"d\"\nsource = \"s\"\n"
            );
            for variant in code.variants() {
                input += &format!("[actions.{code}.variants.{variant}]\ntext = \"v\"\n");
            }
        }
        input
    }

    fn without(input: &str, block: &str) -> String {
        assert_eq!(input.matches(block).count(), 1, "{block:?}");
        input.replace(block, "")
    }

    #[test]
    fn every_action_with_its_variants_is_accepted() {
        let actions = accepted(&all_actions(), check);
        assert_eq!(
            actions.iter().map(|(code, _)| *code).collect::<Vec<_>>(),
            ActionCode::iter().collect::<Vec<_>>()
        );
        let (_, contract) = &actions[4];
        assert_eq!(
            contract
                .variants
                .iter()
                .map(|(v, _)| *v)
                .collect::<Vec<_>>(),
            [
                ActionVariant::AfterConfirm,
                ActionVariant::WithoutOrderPage,
                ActionVariant::Collabo
            ]
        );
        assert_eq!(contract.variants[0].1.text.as_deref(), Some("v"));
        assert_eq!(contract.variants[0].1.detail, None);
    }

    #[test]
    fn a_missing_action_is_refused() {
        let input = without(
            &all_actions(),
            "[actions.check_again]\nshort = \"s\"\ntext = \"t\"\ndetail = \"d\"\nsource = \"s\"\n",
        );
        // `actions` is made by the headers: the place is its key in the first one.
        assert_eq!(
            refusal(&input, check),
            "rules.toml:1:2: actions.check_again がありません。追加してください"
        );
    }

    #[test]
    fn a_missing_variant_is_refused_at_its_action() {
        let input = without(
            &all_actions(),
            "[actions.contract_v6_option.variants.collabo]\ntext = \"v\"\n",
        );
        // The place is the `variants` key in the header of the variant that is there.
        let line = line_of(
            &input,
            "[actions.contract_v6_option.variants.after_confirm]",
        );
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:29: actions.contract_v6_option.variants.collabo がありません。この場合の文を追加してください"
            )
        );
        // An action with no variants at all: the place is its own table.
        let input = without(
            &all_actions(),
            "[actions.apply_on_portal.variants.without_customer_id]\ntext = \"v\"\n",
        );
        let line = line_of(&input, "[actions.apply_on_portal]");
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:1: actions.apply_on_portal.variants.without_customer_id がありません。この場合の文を追加してください"
            )
        );
    }

    #[test]
    fn a_variant_needs_a_text_or_a_detail() {
        let block = "[actions.apply_on_portal.variants.without_customer_id]\n";
        let input = all_actions().replace(
            &format!("{block}text = \"v\"\n"),
            &format!("{block}source = \"s\"\n"),
        );
        let line = line_of(&input, block);
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:1: actions.apply_on_portal.variants.without_customer_id には text か detail の少なくとも一方を書いてください"
            )
        );
    }

    #[test]
    fn a_variant_the_decision_does_not_use_is_refused() {
        let input = all_actions() + "[actions.apply_on_portal.variants.collabo]\ntext = \"v\"\n";
        let line = line_of(&input, "[actions.apply_on_portal.variants.collabo]");
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:1: actions.apply_on_portal.variants.collabo は使われません (使える場合: without_customer_id)"
            )
        );
        let input = all_actions() + "[actions.check_again.variants.collbo]\ntext = \"v\"\n";
        let line = line_of(&input, "[actions.check_again.variants.collbo]");
        assert_eq!(
            refusal(&input, check),
            format!(
                "rules.toml:{line}:1: actions.check_again.variants.collbo は使われません (使える場合: なし)"
            )
        );
    }

    #[test]
    fn an_unknown_action_is_refused() {
        let input = all_actions()
            + "[actions.call_ntt]\nshort = \"s\"\ntext = \"t\"\ndetail = \"d\"\nsource = \"s\"\n";
        let line = line_of(&input, "[actions.call_ntt]");
        assert_eq!(
            refusal(&input, check),
            format!("rules.toml:{line}:1: actions.call_ntt という動作はありません")
        );
    }

    #[test]
    fn a_short_title_is_a_few_words_on_one_line() {
        let block = "[actions.find_customer_id]\nshort = \"s\"\n";
        let line = line_of(&all_actions(), block) + 1;
        for (short, message) in [
            (
                "お客さまIDを確かめる。",
                "actions.find_customer_id.short は一行の短い言葉にしてください (文末の「。」は付けません)",
            ),
            (
                " ",
                "actions.find_customer_id.short は一行の短い言葉にしてください (文末の「。」は付けません)",
            ),
            (
                "お客さまIDを開通のご案内か請求書で確かめてから申請する",
                "actions.find_customer_id.short が長すぎます (幅 54、40 までにしてください)",
            ),
        ] {
            let input = all_actions().replace(
                block,
                &format!("[actions.find_customer_id]\nshort = \"{short}\"\n"),
            );
            assert_eq!(
                refusal(&input, check),
                format!("rules.toml:{line}:9: {message}")
            );
        }
        let actions = accepted(&all_actions(), check);
        assert!(actions.iter().all(|(_, a)| a.short == "s"));
    }
}
