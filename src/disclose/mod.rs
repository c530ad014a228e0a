//! 绩效信息公开, pure: when each report or target set was due, whether it was published in time, what falls due soon.
//!
//! Reports (绩效自评报告, 重点项目绩效评价报告) are due 20 days after the
//! date formed: published on day 20 is in time, day 21 one day late. Targets
//! (绩效目标) are due with the budget: on the 预算公开日期 when the record
//! gives one, else 20 days after the 预算批复日期 (预算法 §14: a department
//! publishes its budget within 20 days of the approval). A target set's
//! 形成日期 is not a publication date: without either budget date nothing is
//! reckoned, and the record says which date is missing.

use chrono::NaiveDate;
use serde::Serialize;

use crate::model::{PubKind, Publication};

/// Days a report may take from being formed to being published.
pub const REPORT_DAYS: i64 = 20;
/// How far ahead `perf report` lists what falls due.
pub const AHEAD_DAYS: i64 = 7;

/// Where a record stands as of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// Published by the day it was due.
    OnTime,
    /// Published after the day it was due.
    Late,
    /// Not published, and the day it was due has passed.
    Overdue,
    /// Not published, due within the next [`AHEAD_DAYS`] days.
    DueSoon,
    /// Not published, due later.
    Pending,
    /// No date to reckon from ([`Disclosed::missing`] says which).
    Unknown,
}

impl Standing {
    pub fn zh(self) -> &'static str {
        match self {
            Standing::OnTime => "按时公开",
            Standing::Late => "逾期公开",
            Standing::Overdue => "逾期未公开",
            Standing::DueSoon => "即将到期",
            Standing::Pending => "未到期",
            Standing::Unknown => "缺少日期",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Standing::OnTime => "on time",
            Standing::Late => "published late",
            Standing::Overdue => "overdue",
            Standing::DueSoon => "due soon",
            Standing::Pending => "not yet due",
            Standing::Unknown => "date missing",
        }
    }

    /// A finding: late, or not published and overdue.
    pub fn is_problem(self) -> bool {
        matches!(self, Standing::Late | Standing::Overdue)
    }
}

/// The date a record lacks to be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MissingDate {
    /// A report's 报告形成日期.
    Formed,
    /// A target set's 预算公开日期 or 预算批复日期.
    BudgetPublishedOrApproved,
}

impl MissingDate {
    pub fn zh(self) -> &'static str {
        match self {
            MissingDate::Formed => "报告形成日期",
            MissingDate::BudgetPublishedOrApproved => "预算公开日期或预算批复日期",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            MissingDate::Formed => "date formed",
            MissingDate::BudgetPublishedOrApproved => "budget publication or approval date",
        }
    }
}

/// Days after the budget's approval by which a department publishes it, and its targets with it (预算法 §14).
pub const BUDGET_DAYS: i64 = 20;

/// One publication record judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disclosed {
    /// Index into `Reading::publications`.
    pub index: usize,
    /// Targets go with the budget; anything else is a report under the 20-day rule.
    pub targets: bool,
    pub due: Option<NaiveDate>,
    pub standing: Standing,
    /// Days past due: when published late, or (not published) as of the date.
    pub days_late: Option<i64>,
    /// Days left until due, when not yet published and not yet due.
    pub days_left: Option<i64>,
    /// The date that is missing, when the standing is unknown.
    pub missing: Option<MissingDate>,
}

/// Judges one record as of `as_of`.
pub fn judge(index: usize, p: &Publication, as_of: NaiveDate) -> Disclosed {
    let targets = p.kind.as_ref().map(|k| k.value) == Some(PubKind::Targets);
    let due = if targets {
        p.budget_published.as_ref().map(|d| d.value).or_else(|| {
            p.budget_approved.as_ref().and_then(|d| {
                d.value
                    .checked_add_signed(chrono::Duration::days(BUDGET_DAYS))
            })
        })
    } else {
        p.formed.as_ref().and_then(|d| {
            d.value
                .checked_add_signed(chrono::Duration::days(REPORT_DAYS))
        })
    };
    let (standing, days_late, days_left) = match (due, p.published.as_ref().map(|d| d.value)) {
        (None, _) => (Standing::Unknown, None, None),
        (Some(due), Some(published)) => {
            let late = (published - due).num_days();
            if late > 0 {
                (Standing::Late, Some(late), None)
            } else {
                (Standing::OnTime, None, None)
            }
        }
        (Some(due), None) => {
            let left = (due - as_of).num_days();
            if left < 0 {
                (Standing::Overdue, Some(-left), None)
            } else if left <= AHEAD_DAYS {
                (Standing::DueSoon, None, Some(left))
            } else {
                (Standing::Pending, None, Some(left))
            }
        }
    };
    Disclosed {
        index,
        targets,
        due,
        standing,
        days_late,
        days_left,
        missing: due.is_none().then_some(if targets {
            MissingDate::BudgetPublishedOrApproved
        } else {
            MissingDate::Formed
        }),
    }
}

/// Judges every record.
pub fn judge_all(records: &[Publication], as_of: NaiveDate) -> Vec<Disclosed> {
    records
        .iter()
        .enumerate()
        .map(|(i, p)| judge(i, p, as_of))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Located};

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, d).unwrap()
    }

    fn record(
        kind: PubKind,
        formed: Option<NaiveDate>,
        published: Option<NaiveDate>,
    ) -> Publication {
        let at = Loc::new(1, 0);
        Publication {
            table: 0,
            row: 1,
            name: Located::new("报告".into(), at),
            unit: None,
            kind: Some(Located::new(kind, at)),
            formed: formed.map(|d| Located::new(d, at)),
            budget_published: None,
            budget_approved: None,
            published: published.map(|d| Located::new(d, at)),
            place: None,
        }
    }

    #[test]
    fn twenty_days_is_in_time_twenty_one_is_late() {
        let as_of = day(12, 31);
        let r = record(PubKind::SelfEvaluation, Some(day(5, 1)), Some(day(5, 21)));
        assert_eq!(judge(0, &r, as_of).standing, Standing::OnTime);
        let r = record(PubKind::KeyEvaluation, Some(day(5, 1)), Some(day(5, 22)));
        let j = judge(0, &r, as_of);
        assert_eq!((j.standing, j.days_late), (Standing::Late, Some(1)));
    }

    #[test]
    fn not_published_is_overdue_due_soon_or_pending() {
        let r = record(PubKind::SelfEvaluation, Some(day(5, 1)), None);
        // Due 5-21.
        let j = judge(0, &r, day(5, 21));
        assert_eq!((j.standing, j.days_left), (Standing::DueSoon, Some(0)));
        let j = judge(0, &r, day(5, 22));
        assert_eq!((j.standing, j.days_late), (Standing::Overdue, Some(1)));
        assert_eq!(judge(0, &r, day(5, 14)).standing, Standing::DueSoon);
        assert_eq!(judge(0, &r, day(5, 13)).standing, Standing::Pending);
        let r = record(PubKind::SelfEvaluation, None, None);
        assert_eq!(judge(0, &r, day(5, 13)).standing, Standing::Unknown);
    }

    #[test]
    fn targets_go_with_the_budget() {
        let at = Loc::new(1, 0);
        let mut r = record(PubKind::Targets, Some(day(2, 10)), Some(day(2, 15)));
        r.budget_published = Some(Located::new(day(2, 10), at));
        let j = judge(0, &r, day(12, 31));
        assert_eq!((j.standing, j.days_late), (Standing::Late, Some(5)));
        r.budget_published = Some(Located::new(day(2, 20), at));
        assert_eq!(judge(0, &r, day(12, 31)).standing, Standing::OnTime);
    }

    #[test]
    fn targets_are_due_twenty_days_after_the_approval() {
        let at = Loc::new(1, 0);
        let mut r = record(PubKind::Targets, None, Some(day(2, 21)));
        r.budget_approved = Some(Located::new(day(2, 1), at));
        // Approved 2-1: due 2-21 (day 20 in time), 2-22 one day late.
        let j = judge(0, &r, day(12, 31));
        assert_eq!((j.due, j.standing), (Some(day(2, 21)), Standing::OnTime));
        r.published = Some(Located::new(day(2, 22), at));
        let j = judge(0, &r, day(12, 31));
        assert_eq!((j.standing, j.days_late), (Standing::Late, Some(1)));
        // The publication date, where given, rules.
        r.budget_published = Some(Located::new(day(2, 25), at));
        assert_eq!(judge(0, &r, day(12, 31)).standing, Standing::OnTime);
    }

    #[test]
    fn a_target_set_formed_but_without_a_budget_date_is_not_reckoned() {
        // Near miss: the 形成日期 is not the budget's publication date.
        let r = record(PubKind::Targets, Some(day(2, 10)), Some(day(3, 30)));
        let j = judge(0, &r, day(12, 31));
        assert_eq!(
            (j.standing, j.due, j.missing),
            (
                Standing::Unknown,
                None,
                Some(MissingDate::BudgetPublishedOrApproved)
            )
        );
        let r = record(PubKind::SelfEvaluation, None, None);
        assert_eq!(judge(0, &r, day(5, 1)).missing, Some(MissingDate::Formed));
        let r = record(PubKind::SelfEvaluation, Some(day(5, 1)), None);
        assert_eq!(judge(0, &r, day(5, 1)).missing, None);
    }
}
