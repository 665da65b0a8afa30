//! A date as people know it: a day, a month or a year, each with its first and last day. Only
//! the side of a cut-off matters to the rules, so a period that lies wholly on one side decides as
//! a day does.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use strum::{AsRefStr, Display, IntoStaticStr};

/// How much of the date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Display, AsRefStr, IntoStaticStr)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// A day, a month or a year. Built only by [`Period::day`], [`Period::month`] and
/// [`Period::year`], so `first <= last` always holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    precision: Precision,
    first: NaiveDate,
    last: NaiveDate,
}

/// Where a period lies against a cut-off day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Every day is before the cut-off.
    Before,
    /// Every day is the cut-off or later.
    OnOrAfter,
    /// The cut-off falls inside: the day decides.
    Contains,
}

impl Period {
    pub fn day(date: NaiveDate) -> Period {
        Period {
            precision: Precision::Day,
            first: date,
            last: date,
        }
    }

    /// `None` for a month that is not 1 to 12 or a year chrono cannot hold.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let next = if month == 12 {
            NaiveDate::from_ymd_opt(year.checked_add(1)?, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        Some(Period {
            precision: Precision::Month,
            first,
            last: next.pred_opt()?,
        })
    }

    pub fn year(year: i32) -> Option<Period> {
        Some(Period {
            precision: Precision::Year,
            first: NaiveDate::from_ymd_opt(year, 1, 1)?,
            last: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    pub fn precision(self) -> Precision {
        self.precision
    }

    pub fn first(self) -> NaiveDate {
        self.first
    }

    pub fn last(self) -> NaiveDate {
        self.last
    }

    /// The day, when the day is known.
    pub fn as_day(self) -> Option<NaiveDate> {
        (self.precision == Precision::Day).then_some(self.first)
    }

    pub fn side_of(self, cutoff: NaiveDate) -> Side {
        if self.last < cutoff {
            Side::Before
        } else if self.first >= cutoff {
            Side::OnOrAfter
        } else {
            Side::Contains
        }
    }

    /// `2012-05-29`, `2012-05`, `2012`: how files and scripts write it; the date parser reads it
    /// back as the same period.
    pub fn iso(self) -> String {
        match self.precision {
            Precision::Day => self.first.format("%Y-%m-%d").to_string(),
            Precision::Month => self.first.format("%Y-%m").to_string(),
            Precision::Year => self.first.format("%Y").to_string(),
        }
    }

    /// 「2012年5月29日」, 「2012年5月」, 「2012年」: Western, as typed back it reads the same period.
    pub fn label(self) -> String {
        let d = self.first;
        match self.precision {
            Precision::Day => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
            Precision::Month => format!("{}年{}月", d.year(), d.month()),
            Precision::Year => format!("{}年", d.year()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("test date")
    }

    fn month(y: i32, m: u32) -> Period {
        Period::month(y, m).expect("test month")
    }

    #[test]
    fn first_and_last_days() {
        assert_eq!(month(2012, 2).first(), d(2012, 2, 1));
        assert_eq!(month(2012, 2).last(), d(2012, 2, 29));
        assert_eq!(month(2013, 2).last(), d(2013, 2, 28));
        assert_eq!(month(2021, 12).last(), d(2021, 12, 31));
        let y = Period::year(2010).expect("year");
        assert_eq!((y.first(), y.last()), (d(2010, 1, 1), d(2010, 12, 31)));
        assert_eq!(Period::month(2012, 13), None);
        assert_eq!(Period::month(2012, 0), None);
        assert_eq!(Period::day(d(2012, 5, 29)).as_day(), Some(d(2012, 5, 29)));
        assert_eq!(month(2012, 5).as_day(), None);
    }

    /// The source's cut-offs: 平成24年5月29日 (East) and 令和3年5月11日 (West).
    #[test]
    fn sides_of_the_cut_offs() {
        let east = d(2012, 5, 29);
        let west = d(2021, 5, 11);
        assert_eq!(month(2012, 5).side_of(east), Side::Contains);
        assert_eq!(month(2012, 4).side_of(east), Side::Before);
        assert_eq!(month(2012, 6).side_of(east), Side::OnOrAfter);
        assert_eq!(
            Period::year(2012).map(|p| p.side_of(east)),
            Some(Side::Contains)
        );
        assert_eq!(
            Period::year(2010).map(|p| p.side_of(east)),
            Some(Side::Before)
        );
        assert_eq!(
            Period::year(2013).map(|p| p.side_of(east)),
            Some(Side::OnOrAfter)
        );
        assert_eq!(month(2021, 5).side_of(west), Side::Contains);
        assert_eq!(month(2021, 4).side_of(west), Side::Before);
        assert_eq!(month(2021, 6).side_of(west), Side::OnOrAfter);
        assert_eq!(month(2012, 5).side_of(west), Side::Before);
        assert_eq!(Period::day(d(2012, 5, 28)).side_of(east), Side::Before);
        assert_eq!(Period::day(east).side_of(east), Side::OnOrAfter);
    }

    #[test]
    fn labels() {
        assert_eq!(Period::day(d(2012, 5, 29)).label(), "2012年5月29日");
        assert_eq!(month(2012, 5).label(), "2012年5月");
        assert_eq!(Period::day(d(2012, 5, 29)).iso(), "2012-05-29");
        assert_eq!(month(2012, 5).iso(), "2012-05");
        assert_eq!(Period::year(2010).map(Period::iso).as_deref(), Some("2010"));
        assert_eq!(
            Period::year(2010).map(Period::label).as_deref(),
            Some("2010年")
        );
    }
}
