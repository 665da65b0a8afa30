//! Which side of a v6 rule's cut-off a line was applied on, from what people know: a 申込日 that
//! is a day, a month or a year, and a 開通日. A line is applied for on or before the day it opens,
//! so a 開通日 before the cut-off puts the 申込日 before it too; one on or after it tells nothing.

use chrono::NaiveDate;

use super::answers::{Answers, V6Answer};
use super::model::{RuleSet, V6Default};
use super::period::{Period, Side};

/// What the answers tell of the side of `on_since`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Known {
    /// Applied for before the cut-off: the option was off at first.
    Before,
    /// Applied for on or after it: the option came with the line.
    OnOrAfter,
    /// A 申込日 was given, but its month or year contains the cut-off.
    DayDecides,
    /// Only a 開通日 was given (or a 申込日 that contains the cut-off), and its month or year
    /// contains the cut-off: its day decides.
    OpenedDayDecides,
    /// Only a 開通日 was given (or a 申込日 that contains the cut-off), and it is on or after it.
    OpenedTooLate,
    /// Nothing was given.
    Nothing,
}

impl Known {
    /// `Some(true)` before the cut-off, `Some(false)` on or after it, `None` when not known.
    pub fn before(self) -> Option<bool> {
        match self {
            Known::Before => Some(true),
            Known::OnOrAfter => Some(false),
            Known::DayDecides | Known::OpenedDayDecides | Known::OpenedTooLate | Known::Nothing => {
                None
            }
        }
    }
}

pub fn known(on_since: NaiveDate, answers: &Answers) -> Known {
    let applied = answers.applied.map(|p| p.side_of(on_since));
    match applied {
        Some(Side::Before) => return Known::Before,
        Some(Side::OnOrAfter) => return Known::OnOrAfter,
        Some(Side::Contains) | None => {}
    }
    match answers.opened {
        Some(opened) => match opened.side_of(on_since) {
            Side::Before => Known::Before,
            Side::Contains => Known::OpenedDayDecides,
            Side::OnOrAfter => Known::OpenedTooLate,
        },
        None if applied.is_some() => Known::DayDecides,
        None => Known::Nothing,
    }
}

/// [`note`] for the answers' line and area, where its v6 rule goes by date and the v6 answer left
/// it to the dates: what `check`, the wizard and `batch` all say.
pub fn date_note(rules: &RuleSet, answers: &Answers) -> Option<String> {
    if answers.v6 != V6Answer::Unknown {
        return None;
    }
    let family = rules.line(&answers.line)?.family?;
    let rule = rules.v6_rule(family, answers.area(rules)?)?;
    let V6Default::ByDate { on_since } = rule.default else {
        return None;
    };
    note(rules, on_since, rule.on_or_after_text.as_deref()?, answers)
}

/// The wizard's request for the day: `Some` when `period`, typed as the 申込日 (or, with
/// `opened`, as the 開通日), contains the cut-off of the rule for the answers' line and area. It
/// names the period and the rule's day.
pub fn day_request(
    rules: &RuleSet,
    answers: &Answers,
    period: Period,
    opened: bool,
) -> Option<String> {
    let family = rules.line(&answers.line)?.family?;
    let rule = rules.v6_rule(family, answers.area(rules)?)?;
    let V6Default::ByDate { on_since } = rule.default else {
        return None;
    };
    (period.side_of(on_since) == Side::Contains).then(|| {
        format!(
            "{}: {}{}",
            super::date::describe_period(period),
            rule.on_or_after_text.as_deref().unwrap_or_default(),
            if opened {
                &rules.application_date.ask_opened_day
            } else {
                &rules.application_date.ask_day
            }
        )
    })
}

/// The note that says why the dates given do or do not settle the rule, with the rule's own
/// sentence naming its day; `None` where a 申込日 settled it or nothing was given.
pub fn note(
    rules: &RuleSet,
    on_since: NaiveDate,
    on_or_after_text: &str,
    answers: &Answers,
) -> Option<String> {
    let texts = &rules.application_date;
    let given = |label: &str, period: Option<Period>| {
        period.map(|p| format!("{label} {}: ", super::date::describe_period(p)))
    };
    match known(on_since, answers) {
        Known::Before
            if answers
                .applied
                .is_none_or(|p| p.side_of(on_since) == Side::Contains) =>
        {
            Some(format!(
                "{}{}{}",
                given("開通日", answers.opened).unwrap_or_default(),
                on_or_after_text,
                texts.opened_settles
            ))
        }
        Known::OpenedDayDecides => Some(format!(
            "{}{}{}",
            given("開通日", answers.opened).unwrap_or_default(),
            on_or_after_text,
            texts.opened_day_decides
        )),
        Known::OpenedTooLate => Some(format!(
            "{}{}{}",
            given("開通日", answers.opened).unwrap_or_default(),
            on_or_after_text,
            texts.opened_does_not_settle
        )),
        Known::DayDecides => Some(format!(
            "{}{}{}",
            given("申込日", answers.applied).unwrap_or_default(),
            on_or_after_text,
            texts.day_decides
        )),
        Known::Before | Known::OnOrAfter | Known::Nothing => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::period::Period;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn answers(applied: Option<Period>, opened: Option<Period>) -> Answers {
        Answers {
            applied,
            opened,
            ..Answers::new("next-family")
        }
    }

    fn month(y: i32, m: u32) -> Option<Period> {
        Period::month(y, m)
    }

    /// The source's cut-offs: 平成24年5月29日 (East), 令和3年5月11日 (West).
    #[test]
    fn a_month_or_year_wholly_on_one_side_decides() {
        let east = d(2012, 5, 29);
        let west = d(2021, 5, 11);
        assert_eq!(
            known(east, &answers(Period::year(2010), None)),
            Known::Before
        );
        assert_eq!(known(east, &answers(month(2012, 4), None)), Known::Before);
        assert_eq!(
            known(east, &answers(month(2012, 6), None)),
            Known::OnOrAfter
        );
        assert_eq!(
            known(east, &answers(month(2012, 5), None)),
            Known::DayDecides
        );
        assert_eq!(
            known(east, &answers(Period::year(2012), None)),
            Known::DayDecides
        );
        assert_eq!(
            known(west, &answers(month(2021, 5), None)),
            Known::DayDecides
        );
        assert_eq!(known(west, &answers(month(2012, 5), None)), Known::Before);
        assert_eq!(
            known(west, &answers(month(2021, 6), None)),
            Known::OnOrAfter
        );
        assert_eq!(known(east, &answers(None, None)), Known::Nothing);
    }

    #[test]
    fn an_opened_day_before_the_cut_off_settles_it_as_before() {
        let east = d(2012, 5, 29);
        let opened = Some(Period::day(d(2012, 5, 28)));
        assert_eq!(known(east, &answers(None, opened)), Known::Before);
        assert_eq!(known(east, &answers(month(2012, 5), opened)), Known::Before);
        let opened = Some(Period::day(east));
        assert_eq!(known(east, &answers(None, opened)), Known::OpenedTooLate);
        assert_eq!(
            known(east, &answers(month(2012, 5), opened)),
            Known::OpenedTooLate
        );
        // A 申込日 that settles it is not overruled by a 開通日.
        assert_eq!(
            known(east, &answers(month(2012, 6), opened)),
            Known::OnOrAfter
        );
        let west = d(2021, 5, 11);
        assert_eq!(known(west, &answers(None, month(2021, 4))), Known::Before);
        // A month that contains the cut-off: its day decides, as for a 申込日.
        assert_eq!(
            known(west, &answers(None, month(2021, 5))),
            Known::OpenedDayDecides
        );
        assert_eq!(
            known(west, &answers(None, month(2021, 6))),
            Known::OpenedTooLate
        );
    }
}
