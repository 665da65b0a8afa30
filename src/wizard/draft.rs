//! The answers given so far, which questions apply to them, and which answers a change has made
//! stale.

use crate::rules::customer_id::{self, NormalizedId};
use crate::rules::decision::v6_question_needed;
use crate::rules::period::Period;
use crate::rules::{Answers, Area, Family, LineKind, RuleSet, V6Answer, YesNo};

use super::step::Step;

/// `None` everywhere means "not answered yet"; an inner `None` means "わからない".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// The first question's choice (a line id with `subtype = false`).
    pub line: Option<String>,
    /// The 光ネクスト type, or the generic `next` for わからない.
    pub next_type: Option<String>,
    pub collab: Option<YesNo>,
    pub prefecture: Option<u8>,
    pub applied: Option<Option<Period>>,
    /// The 開通日 (an inner `None`: わからない).
    pub opened: Option<Option<Period>>,
    /// 「開通日しかわからない」 was chosen for the 申込日, or a 開通日 was given: the 開通日 is
    /// asked.
    pub opened_path: bool,
    pub v6: Option<V6Answer>,
    pub customer_id: Option<Option<NormalizedId>>,
    /// The ID was typed a second time and matched, or came from an answer file or a flag.
    pub customer_id_confirmed: bool,
    pub multiple_lines: Option<YesNo>,
    /// 医療機関名, entered from the review; optional, so never a question on the way there.
    pub clinic_name: Option<String>,
}

impl Draft {
    /// The answers as the decision reads them; anything not answered is unknown.
    pub fn answers(&self, rules: &RuleSet) -> Answers {
        let line = match (&self.line, &self.next_type) {
            (Some(_), Some(sub)) if self.is_next(rules) => sub.clone(),
            (Some(top), _) => top.clone(),
            (None, _) => "unknown".to_string(),
        };
        let flets_or_unknown = matches!(
            self.kind(rules),
            Some(LineKind::Flets) | Some(LineKind::Unknown)
        );
        let next = self.is_next(rules);
        let flets = self.kind(rules) == Some(LineKind::Flets);
        let prefecture_asked = flets_or_unknown || self.has_region(rules);
        Answers {
            line,
            collab: self
                .collab
                .filter(|_| flets_or_unknown)
                .unwrap_or(YesNo::Unknown),
            prefecture: self.prefecture.filter(|_| prefecture_asked),
            applied: self.applied.flatten().filter(|_| next),
            opened: self.opened.flatten().filter(|_| next && self.opened_path),
            // Every v6 answer counts, as it does for `check`, whether or not the date made the
            // question unnecessary: an explicit answer wins over the date (the decision says
            // so where it changes nothing, for 光クロス).
            v6: self.v6.filter(|_| flets).unwrap_or(V6Answer::Unknown),
            customer_id: self.customer_id.clone().flatten().filter(|_| flets),
            // The wizard asks the ID only where it is taken.
            ignored_customer_id: None,
            multiple_lines: self.multiple_lines.filter(|_| flets),
            clinic_name: self.clinic_name.clone(),
        }
    }

    pub fn kind(&self, rules: &RuleSet) -> Option<LineKind> {
        self.line
            .as_deref()
            .and_then(|l| rules.line(l))
            .map(|l| l.kind)
    }

    /// Whether the line belongs to a region (CTC's, QTnet's): its prefecture is asked, so the
    /// result can say when it lies outside.
    fn has_region(&self, rules: &RuleSet) -> bool {
        self.line
            .as_deref()
            .is_some_and(|l| rules.region_of_line(l).is_some())
    }

    fn is_next(&self, rules: &RuleSet) -> bool {
        self.line
            .as_deref()
            .and_then(|l| rules.line(l))
            .is_some_and(|l| l.family == Some(Family::Next))
    }

    pub fn area(&self, rules: &RuleSet) -> Option<Area> {
        self.prefecture
            .and_then(|c| rules.prefecture(c))
            .map(|p| p.area)
    }

    /// Whether `step` is asked at all, given the answers so far.
    pub fn applies(&self, rules: &RuleSet, step: Step) -> bool {
        let kind = self.kind(rules);
        let flets = kind == Some(LineKind::Flets);
        let ntt_or_unknown = matches!(kind, Some(LineKind::Flets) | Some(LineKind::Unknown));
        match step {
            Step::Line | Step::Review | Step::Result => true,
            Step::Collab => ntt_or_unknown,
            Step::Prefecture => ntt_or_unknown || self.has_region(rules),
            Step::NextType | Step::Applied => self.is_next(rules),
            Step::Opened => self.is_next(rules) && self.opened_path,
            // Asked where the date does not settle the status; once answered (here, by a flag
            // or an answer file) it stays, so the answer that counts can be seen and changed.
            // An answer for 光クロス (from a flag or a file) counts too: it is shown and can be
            // changed.
            Step::V6 => {
                (self.is_next(rules) && v6_question_needed(rules, &self.answers(rules)))
                    || (flets && self.v6.is_some())
            }
            Step::CustomerId | Step::MultipleLines => flets,
            // The second entry checks a person's typing: asked until the ID has been confirmed
            // (an ID from an answer file or a flag counts as confirmed: it was not typed here).
            // A confirmed ID is not asked again, going forward or back, until it changes.
            Step::CustomerIdConfirm => {
                flets && matches!(self.customer_id, Some(Some(_))) && !self.customer_id_confirmed
            }
            // Optional: a row of the review, never asked on the way there (see `next_step`).
            Step::ClinicName => true,
        }
    }

    /// Whether `step` has been answered at all, fitting the other answers or not.
    pub fn answered(&self, step: Step) -> bool {
        match step {
            Step::Line => self.line.is_some(),
            Step::Collab => self.collab.is_some(),
            Step::Prefecture => self.prefecture.is_some(),
            Step::NextType => self.next_type.is_some(),
            Step::Applied => self.applied.is_some(),
            Step::Opened => self.opened.is_some(),
            Step::V6 => self.v6.is_some(),
            Step::CustomerId => self.customer_id.is_some(),
            Step::CustomerIdConfirm => self.customer_id_confirmed,
            Step::MultipleLines => self.multiple_lines.is_some(),
            Step::ClinicName | Step::Review | Step::Result => true,
        }
    }

    /// Whether `step` has an answer that still fits the other answers.
    pub fn settled(&self, rules: &RuleSet, step: Step) -> bool {
        match step {
            Step::Line => self
                .line
                .as_deref()
                .and_then(|l| rules.line(l))
                .is_some_and(|l| !l.subtype),
            Step::Collab => self.collab.is_some(),
            Step::Prefecture => self.prefecture.is_some(),
            Step::NextType => match (self.next_type.as_deref(), self.area(rules)) {
                (Some("next"), _) => true,
                (Some(t), Some(area)) => rules
                    .line(t)
                    .is_some_and(|l| l.subtype && l.offered_in(area)),
                _ => false,
            },
            Step::Applied => self.applied.is_some(),
            Step::Opened => self.opened.is_some(),
            Step::V6 => self.v6.is_some(),
            Step::CustomerId => match &self.customer_id {
                None => false,
                Some(None) => true,
                // An ID that fitted one area may not fit another (COP is East only).
                Some(Some(id)) => {
                    customer_id::validate(rules, self.area(rules), &id.normalized).is_ok()
                }
            },
            Step::CustomerIdConfirm => self.customer_id_confirmed,
            Step::MultipleLines => self.multiple_lines.is_some(),
            Step::ClinicName | Step::Review | Step::Result => true,
        }
    }

    /// The first question that applies and is not settled: where the wizard must go before the
    /// review can be trusted.
    pub fn first_unsettled(&self, rules: &RuleSet) -> Option<Step> {
        Step::all()
            .filter(|s| s.is_question())
            .find(|&s| self.applies(rules, s) && !self.settled(rules, s))
    }

    /// The applicable step after `step`.
    pub fn next_step(&self, rules: &RuleSet, step: Step) -> Step {
        Step::all()
            .skip_while(|&s| s != step)
            .skip(1)
            .find(|&s| s != Step::Result && s != Step::ClinicName && self.applies(rules, s))
            .unwrap_or(Step::Review)
    }

    /// The applicable step before `step`, or `None` on the first question.
    pub fn previous_step(&self, rules: &RuleSet, step: Step) -> Option<Step> {
        Step::all()
            .rev()
            .skip_while(|&s| s != step)
            .skip(1)
            .find(|&s| s != Step::ClinicName && self.applies(rules, s))
    }
}
