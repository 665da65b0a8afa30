//! Where the reader is among the questions: 「3問目」, and how many may still follow.
//!
//! A total such as 「5/8」 cannot be kept honest: whether the 開通日, the v6 option and the ID's
//! confirmation are asked depends on answers not given yet, so a total would shrink (5/8, then
//! 6/7) or stand still. So the line says which question this is, counted as the reader met
//! them (every screen its own number, the ID's confirmation too), and how many may still come:
//! 「あと最大4問」 while that depends on answers to come, 「あと2問」 once it is certain, 「最後の
//! 質問です」 on the last. Going forward the number grows by one on every screen and the count
//! of what may follow only falls: an answer can rule questions out, never add one not already
//! counted.

use crate::rules::{LineKind, RuleSet};

use super::draft::Draft;
use super::step::Step;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A question on the way to the review.
    Question {
        /// This question's place in the walk, from 1.
        number: usize,
        /// How many questions may follow before the review.
        left: usize,
        /// Whether exactly `left` follow (else at most `left`).
        exact: bool,
    },
    /// A question opened from the review: what follows depends on the change, so only its
    /// number is said.
    Revisit { number: usize },
    /// Not a numbered question: the review, the result, the clinic's name (asked from the
    /// review only).
    Unnumbered,
}

impl Progress {
    /// The header line: 「3問目 都道府県 (あと最大7問)」; the title alone where unnumbered.
    pub fn heading(self, title: &str) -> String {
        match self {
            Progress::Question {
                number,
                left,
                exact,
            } => format!("{number}問目 {title} ({})", left_text(left, exact)),
            Progress::Revisit { number } => format!("{number}問目 {title}"),
            Progress::Unnumbered => title.to_string(),
        }
    }

    /// The question's number, if it has one.
    pub fn number(self) -> Option<usize> {
        match self {
            Progress::Question { number, .. } | Progress::Revisit { number } => Some(number),
            Progress::Unnumbered => None,
        }
    }
}

fn left_text(left: usize, exact: bool) -> String {
    match (left, exact) {
        (0, true) => "最後の質問です".to_string(),
        (n, true) => format!("あと{n}問"),
        (n, false) => format!("あと最大{n}問"),
    }
}

/// Questions counted in the walk: every question on the way to the review (the clinic's name
/// is asked from the review only).
fn counted(step: Step) -> bool {
    step.is_question() && step != Step::ClinicName
}

/// Where the reader stands: on which step, having come from the review or not, and whether
/// the ID's confirmation was typed here (an ID from an answer file or a flag is not asked
/// again, so it is not counted).
#[derive(Debug, Clone, Copy)]
pub struct Place {
    pub step: Step,
    pub from_review: bool,
    pub confirmation_typed: bool,
}

/// Where the reader stands, for these answers.
pub fn progress(draft: &Draft, rules: &RuleSet, place: Place) -> Progress {
    let Place {
        step,
        from_review,
        confirmation_typed,
    } = place;
    if !counted(step) {
        return Progress::Unnumbered;
    }
    let number = Step::all()
        .take_while(|&s| s != step)
        .filter(|&s| counted(s) && was_asked(draft, rules, s, confirmation_typed))
        .count()
        + 1;
    if from_review {
        return Progress::Revisit { number };
    }
    // On the line's question, the longest path (光ネクスト) is what may follow.
    let assumed;
    let draft = if step == Step::Line || draft.line.is_none() {
        assumed = Draft {
            line: Some("next".to_string()),
            ..draft.clone()
        };
        &assumed
    } else {
        draft
    };
    let later: Vec<Step> = Step::all()
        .skip_while(|&s| s != step)
        .skip(1)
        .filter(|&s| counted(s))
        .collect();
    let certain = later.iter().filter(|&&s| draft.applies(rules, s)).count();
    let possible = later
        .iter()
        .filter(|&&s| draft.applies(rules, s) || may_apply(draft, rules, s))
        .count();
    Progress::Question {
        number,
        left: possible,
        exact: possible == certain && step != Step::Line,
    }
}

/// Whether a question before the current one was met on the way here. The ID's confirmation
/// stops applying once it matched, but it was asked all the same when it was typed.
fn was_asked(draft: &Draft, rules: &RuleSet, step: Step, confirmation_typed: bool) -> bool {
    draft.applies(rules, step)
        || (step == Step::CustomerIdConfirm
            && confirmation_typed
            && draft.kind(rules) == Some(LineKind::Flets)
            && matches!(draft.customer_id, Some(Some(_))))
}

/// Whether a question that does not apply now may still apply once an answer to come is given:
/// the 開通日 until the 申込日 is answered (「開通日しかわからない」), the ID's confirmation
/// until the ID is (わからない skips it).
fn may_apply(draft: &Draft, rules: &RuleSet, step: Step) -> bool {
    match step {
        Step::Opened => draft.applies(rules, Step::Applied) && draft.applied.is_none(),
        Step::CustomerIdConfirm => {
            draft.kind(rules) == Some(LineKind::Flets) && draft.customer_id.is_none()
        }
        _ => false,
    }
}
