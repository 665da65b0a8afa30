//! What a front desk acts on, small enough for the first page of an 80x24 window: the verdict,
//! each step as a few words with the address or number it needs, what to enter on the portal,
//! and whom to call first. Built once from the decision; the report, the result screen and
//! plain mode show it before the details.

use super::answers::YesNo;
use super::decision::{Action, ContactEntry, Decision};
use super::model::{ActionCode, LineKind, RuleSet, Verdict};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub verdict: Verdict,
    /// 「判定: 申請できます」.
    pub title: String,
    /// The verdict's one-sentence explanation.
    pub explanation: String,
    /// What to read before acting ([`Decision::key_notes`]).
    pub key_notes: Vec<String>,
    /// Every step, in order.
    pub todos: Vec<Todo>,
    /// What to enter on the portal, one entry a line; empty when the line is not applied for
    /// on the portal.
    pub portal: Vec<Entry>,
    /// Whom to call first.
    pub first_contact: Option<FirstContact>,
    /// When it is not known whether the line is コラボ光: its operator, to call instead if it
    /// is (through the area's list of operators).
    pub if_collabo: Vec<FirstContact>,
}

/// One step as a few words, with what it needs on the same line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub short: String,
    pub target: Option<Target>,
}

/// Where a step is done: a page to open or a number to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Url(String),
    Phone(String),
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Url(u) => write!(f, "{u}"),
            Target::Phone(p) => write!(f, "電話 {p}"),
        }
    }
}

/// A field of the portal and what to enter in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub field: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstContact {
    pub name: String,
    pub phone: Option<String>,
    pub hours: Option<String>,
    pub url: Option<String>,
}

/// The hint beside an ID to type: the portal wants it 「半角大文字」.
pub const ID_HINT: &str = "「半角大文字」で入力";

pub fn summary(rules: &RuleSet, decision: &Decision) -> Summary {
    let first = decision.contacts.first();
    Summary {
        verdict: decision.verdict,
        title: format!("判定: {}", decision.verdict.label()),
        explanation: rules.verdict_explanation(decision.verdict).to_string(),
        key_notes: decision.key_notes.clone(),
        todos: decision
            .actions
            .iter()
            .map(|a| Todo {
                short: a.short.clone(),
                target: target(a, first),
            })
            .collect(),
        portal: portal(rules, decision),
        first_contact: first.map(to_first),
        if_collabo: match decision.collab {
            YesNo::Unknown => decision
                .contacts
                .iter()
                .skip(1)
                .filter(|c| c.name.starts_with(&rules.collabo.name))
                .map(to_first)
                .collect(),
            YesNo::Yes | YesNo::No => Vec::new(),
        },
    }
}

fn to_first(c: &ContactEntry) -> FirstContact {
    FirstContact {
        name: c.name.clone(),
        phone: c.phone.clone(),
        hours: c.hours.clone(),
        url: c.url.clone(),
    }
}

/// The page a step opens, or, for a step done by asking, the first contact's number (else its
/// list of operators).
fn target(action: &Action, first: Option<&ContactEntry>) -> Option<Target> {
    let ask = || {
        first.and_then(|c| {
            c.phone
                .clone()
                .map(Target::Phone)
                .or_else(|| c.url.clone().map(Target::Url))
        })
    };
    match action.code {
        ActionCode::ConfirmLineType | ActionCode::ConfirmV6Option => ask(),
        ActionCode::ContractV6Option | ActionCode::ConsultConnectableList => {
            action.url.clone().map(Target::Url).or_else(ask)
        }
        _ => None,
    }
}

fn portal(rules: &RuleSet, decision: &Decision) -> Vec<Entry> {
    let field = |value: String| Entry {
        field: rules.portal.field.clone(),
        value,
    };
    let Some(category) = decision
        .portal
        .line_category
        .and_then(|c| rules.portal_category(c))
    else {
        let unknown = rules
            .line(&decision.line)
            .is_none_or(|l| l.kind == LineKind::Unknown);
        return if unknown {
            vec![field("回線の種類がわかってから決まります".to_string())]
        } else {
            Vec::new()
        };
    };
    let mut out = vec![field(category.label.clone())];
    if category.needs_customer_id {
        out.push(Entry {
            field: "お客さまID".to_string(),
            value: match &decision.portal.customer_id {
                Some(id) => format!("{id} ({ID_HINT})"),
                None => format!("確かめたお客さまIDを{ID_HINT}"),
            },
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Answers, decide, embedded};

    #[test]
    fn each_step_has_its_page_or_number() {
        let r = embedded::rules().expect("rules");
        let mut a = Answers::new("next-family");
        a.prefecture = Some(13);
        a.applied =
            chrono::NaiveDate::from_ymd_opt(2010, 4, 1).map(crate::rules::period::Period::day);
        let s = summary(r, &decide(r, &a));
        assert_eq!(s.todos[0].short, "v6オプションの契約を確かめる");
        assert_eq!(
            s.todos[0].target,
            Some(Target::Phone("0120-116-116".to_string()))
        );
        assert!(matches!(&s.todos[1].target, Some(Target::Url(u)) if u.contains("v6option")));
        assert_eq!(s.portal[1].value, format!("確かめたお客さまIDを{ID_HINT}"));
        assert_eq!(
            s.first_contact.and_then(|c| c.phone).as_deref(),
            Some("0120-116-116")
        );
    }
}
