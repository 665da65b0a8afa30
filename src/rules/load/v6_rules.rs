//! `[[v6_rules]]`: how the IPv6 option is set for each FLET'S family in each area, and a rule
//! for every family and area a line is offered in.

use chrono::Datelike;

use super::failure::{Failure, Seg, fail, i, k};
use super::fields::{check_date, check_sentence, check_url};
use super::raw::RawV6Rule;
use crate::rules::model::{LineType, V6Default, V6Rule};
use crate::rules::text;

pub(super) fn check(raw: Vec<RawV6Rule>, lines: &[LineType]) -> Result<Vec<V6Rule>, Failure> {
    let mut v6_rules = Vec::new();
    for (n, r) in raw.into_iter().enumerate() {
        let rule = check_rule(n, r)?;
        if v6_rules
            .iter()
            .any(|x: &V6Rule| x.family == rule.family && x.area == rule.area)
        {
            return fail(
                vec![k("v6_rules"), i(n), k("family")],
                format!(
                    "{} / {} の v6_rules が重複しています",
                    rule.family, rule.area
                ),
            );
        }
        v6_rules.push(rule);
    }
    for (n, l) in lines.iter().enumerate() {
        if let Some(family) = l.family {
            for &area in &l.areas {
                if !v6_rules
                    .iter()
                    .any(|r| r.family == family && r.area == area)
                {
                    return fail(
                        vec![k("lines"), i(n), k("areas")],
                        format!("{family} / {area} の v6_rules がありません"),
                    );
                }
            }
        }
    }
    Ok(v6_rules)
}

/// The `n`th rule on its own: its default, the date it depends on, its address.
fn check_rule(n: usize, r: RawV6Rule) -> Result<V6Rule, Failure> {
    let at = |field: &'static str| vec![k("v6_rules"), i(n), k(field)];
    let default = match r.default.as_str() {
        "on" => V6Default::On,
        "by_date" => match &r.on_since {
            Some(d) => V6Default::ByDate {
                on_since: check_date(d, at("on_since"))?,
            },
            None => {
                return fail(
                    at("default"),
                    "default = \"by_date\" には on_since が必要です",
                );
            }
        },
        other => {
            return fail(
                at("default"),
                format!(
                    "default は \"on\" か \"by_date\" です (「{}」は使えません)",
                    text::sanitize(other)
                ),
            );
        }
    };
    let contract_url = match &r.contract_url {
        Some(u) => Some(check_url(u, at("contract_url"))?),
        None => None,
    };
    if matches!(default, V6Default::ByDate { .. }) && contract_url.is_none() {
        return fail(
            at("default"),
            "default = \"by_date\" には contract_url が必要です",
        );
    }
    let (on_or_after_text, before_text) = check_cut_off_texts(&r, default, &at)?;
    Ok(V6Rule {
        family: r.family,
        area: r.area,
        default,
        contract_url,
        cost_notes: r.cost_notes,
        on_or_after_text,
        before_text,
    })
}

/// The two sentences of a `by_date` rule: both required, each a sentence naming its day as
/// people read it (「2012年5月29日」), so that a changed date cannot leave an old sentence. A rule
/// that is always on has no day to speak of.
fn check_cut_off_texts(
    r: &RawV6Rule,
    default: V6Default,
    at: &dyn Fn(&'static str) -> Vec<Seg>,
) -> Result<(Option<String>, Option<String>), Failure> {
    let texts = [
        ("on_or_after_text", &r.on_or_after_text),
        ("before_text", &r.before_text),
    ];
    let V6Default::ByDate { on_since } = default else {
        if let Some((key, _)) = texts.iter().find(|(_, t)| t.is_some()) {
            return fail(
                at(key),
                format!("default = \"on\" の規則に {key} は要りません (日付で変わらないため)"),
            );
        }
        return Ok((None, None));
    };
    let day = format!(
        "{}年{}月{}日",
        on_since.year(),
        on_since.month(),
        on_since.day()
    );
    for (key, text) in texts {
        let Some(text) = text else {
            return fail(
                at("default"),
                format!("default = \"by_date\" には {key} が必要です"),
            );
        };
        check_sentence(text, at(key))?;
        if !text.contains(&day) {
            return fail(
                at(key),
                format!("{key} には on_since の日付を「{day}」の形で書いてください"),
            );
        }
    }
    Ok((r.on_or_after_text.clone(), r.before_text.clone()))
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::check;
    use crate::rules::load::testing::{accepted, located, refusal, section};
    use crate::rules::model::{Area, Family, LineKind, LineType, V6Default};

    /// Five lines that every rule has, then `rest` (its default from the sixth line on).
    fn rule(family: &str, area: &str, rest: &str) -> String {
        format!(
            "[[v6_rules]]\nfamily = \"{family}\"\narea = \"{area}\"\ncost_notes = []\n\
             source = \"s\"\n{rest}"
        )
    }

    const BY_DATE: &str = "default = \"by_date\"\non_since = \"2012-05-29\"\n\
                           contract_url = \"https://flets.com/v6option/flow.html\"\n\
                           on_or_after_text = \"2012年5月29日以降はON。\"\n\
                           before_text = \"2012年5月29日より前はOFF。\"\n";
    const ON: &str = "default = \"on\"\n";

    fn line(id: &str, family: Family, areas: &[Area]) -> LineType {
        LineType {
            id: id.to_string(),
            name: "回線".to_string(),
            kind: LineKind::Flets,
            family: Some(family),
            subtype: false,
            areas: areas.to_vec(),
            line_category: Some(1),
            operator: None,
            hint: "h".to_string(),
            keys: Vec::new(),
        }
    }

    fn lines() -> Vec<LineType> {
        vec![
            line("next", Family::Next, &[Area::East, Area::West]),
            line("cross", Family::Cross, &[Area::East]),
        ]
    }

    fn refused(input: &str) -> String {
        refusal(input, |raw| check(raw, &lines()))
    }

    fn east_next(rest: &str) -> String {
        rule("next", "east", rest) + &rule("next", "west", ON) + &rule("cross", "east", ON)
    }

    #[test]
    fn a_rule_for_every_family_and_area_of_the_lines_is_accepted() {
        let rules = accepted(&east_next(BY_DATE), |raw| check(raw, &lines()));
        assert_eq!(rules.len(), 3);
        assert_eq!(
            rules[0].default,
            V6Default::ByDate {
                on_since: NaiveDate::from_ymd_opt(2012, 5, 29).unwrap()
            }
        );
        assert_eq!(rules[1].default, V6Default::On);
        assert_eq!(rules[1].contract_url, None);
    }

    #[test]
    fn a_by_date_rule_needs_a_real_date() {
        let rest = BY_DATE.replace("2012-05-29", "2012-02-30");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:7:12: 日付「2012-02-30」が正しくありません。2012-05-29 のように、ある日付を書いてください"
        );
        let rest = BY_DATE.replace("on_since = \"2012-05-29\"\n", "");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:6:11: default = \"by_date\" には on_since が必要です"
        );
    }

    /// The cut-off sentences of the source's East rule (平成24年5月29日).
    #[test]
    fn a_by_date_rule_says_its_cut_off_in_both_sentences() {
        let rules = accepted(&east_next(BY_DATE), |raw| check(raw, &lines()));
        assert_eq!(
            rules[0].on_or_after_text.as_deref(),
            Some("2012年5月29日以降はON。")
        );
        assert_eq!(
            rules[0].before_text.as_deref(),
            Some("2012年5月29日より前はOFF。")
        );
        assert_eq!(rules[1].on_or_after_text, None);
        // A changed date leaves the old sentence naming another day.
        let rest = BY_DATE.replace("2012-05-29", "2012-05-30");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:9:20: on_or_after_text には on_since の日付を「2012年5月30日」の形で書いてください"
        );
        let rest = BY_DATE.replace("before_text = \"2012年5月29日より前はOFF。\"\n", "");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:6:11: default = \"by_date\" には before_text が必要です"
        );
        let rest = BY_DATE.replace("より前はOFF。", "より前はOFF");
        assert!(
            refused(&east_next(&rest))
                .starts_with("rules.toml:10:15: この文は「。」で終えてください")
        );
        let rest = format!("{ON}before_text = \"2012年5月29日より前はOFF。\"\n");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:7:15: default = \"on\" の規則に before_text は要りません (日付で変わらないため)"
        );
    }

    #[test]
    fn the_default_is_on_or_by_date() {
        assert_eq!(
            refused(&east_next("default = \"off\"\n")),
            "rules.toml:6:11: default は \"on\" か \"by_date\" です (「off」は使えません)"
        );
    }

    #[test]
    fn a_by_date_rule_needs_a_sound_address_to_contract_at() {
        let rest = BY_DATE.replace("https://", "");
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:8:16: アドレス「flets.com/v6option/flow.html」は https:// で始めてください"
        );
        let rest = BY_DATE.replace(
            "contract_url = \"https://flets.com/v6option/flow.html\"\n",
            "",
        );
        assert_eq!(
            refused(&east_next(&rest)),
            "rules.toml:6:11: default = \"by_date\" には contract_url が必要です"
        );
    }

    #[test]
    fn a_family_and_area_twice_is_refused_at_the_second() {
        let input = east_next(BY_DATE) + &rule("next", "east", ON);
        assert_eq!(
            refused(&input),
            "rules.toml:24:10: next / east の v6_rules が重複しています"
        );
    }

    #[test]
    fn a_line_offered_where_no_rule_is_refused_at_its_areas() {
        let rules = rule("next", "east", BY_DATE) + &rule("cross", "east", ON);
        let failure = check(section(&rules), &lines()).unwrap_err();
        let file = rules
            + "[[lines]]\nid = \"next\"\nareas = [\"east\", \"west\"]\n\
               [[lines]]\nid = \"cross\"\nareas = [\"east\"]\n";
        assert_eq!(
            located(&file, failure),
            "rules.toml:19:9: next / west の v6_rules がありません"
        );
    }
}
