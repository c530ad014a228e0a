//! 双监控, pure: budget execution against time progress, and each indicator against its expected progress.

pub mod actions;
pub mod assemble;
pub mod execution;
pub mod indicator;
pub mod previous;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// The monitoring date: a month (`--month 6`: end of June) or a day (`--as-of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsOf {
    pub year: i32,
    pub month: u32,
    /// A day of the month when a date was given; None means the month's end.
    pub day: Option<u32>,
}

impl AsOf {
    pub fn month(year: i32, month: u32) -> Self {
        AsOf {
            year,
            month,
            day: None,
        }
    }

    pub fn date(d: NaiveDate) -> Self {
        AsOf {
            year: d.year(),
            month: d.month(),
            day: Some(d.day()),
        }
    }

    /// The last day the monitoring covers.
    pub fn as_date(&self) -> NaiveDate {
        let last = crate::parse::value::days_in_month(self.year, self.month);
        let day = self.day.unwrap_or(last).min(last);
        NaiveDate::from_ymd_opt(self.year, self.month, day).unwrap_or(NaiveDate::MIN)
    }

    /// 序时进度: M / 12 for a month, elapsed days / days in the year for a
    /// date — but a month's last day is the month's end, M / 12, so that
    /// `--as-of 2024-06-30` and `--month 6` give the same figure.
    pub fn time_progress(&self) -> f64 {
        let last = crate::parse::value::days_in_month(self.year, self.month);
        match self.day {
            None => f64::from(self.month) / 12.0,
            Some(d) if d >= last => f64::from(self.month) / 12.0,
            Some(_) => {
                let d = self.as_date();
                let days = if NaiveDate::from_ymd_opt(self.year, 2, 29).is_some() {
                    366.0
                } else {
                    365.0
                };
                f64::from(d.ordinal()) / days
            }
        }
    }
}

/// A light, as provincial monitoring systems colour them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not yet assessable.
    Na,
    Green,
    /// 超额: far ahead of expected progress (the target may be too low).
    Over,
    Yellow,
    Red,
}

impl Level {
    pub fn key(self) -> &'static str {
        match self {
            Level::Na => "na",
            Level::Green => "green",
            Level::Over => "over",
            Level::Yellow => "yellow",
            Level::Red => "red",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Level::Na => "暂无法判断",
            Level::Green => "绿色",
            Level::Over => "超额",
            Level::Yellow => "黄色",
            Level::Red => "红色",
        }
    }

    /// Yellow or red: needs a reason and a correction.
    pub fn is_warning(self) -> bool {
        matches!(self, Level::Yellow | Level::Red)
    }

    /// The worst of several lights (red > yellow > over > green > na).
    pub fn worst(levels: impl IntoIterator<Item = Level>) -> Level {
        levels.into_iter().max().unwrap_or(Level::Na)
    }
}

/// Where the lights change (domain.md §4; configurable).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Thresholds {
    /// Red below this pace (default 0.6).
    pub red_below: f64,
    /// Yellow below this pace (default 0.8); green from it.
    pub yellow_below: f64,
    /// Over (超额) from this pace, for cumulative indicators (default 1.2).
    pub over_from: f64,
    /// A forecast reaching less than this share of the target is a large
    /// shortfall (较大偏差) that proposes 暂缓执行 (default 0.8); a smaller one
    /// proposes 纠偏.
    pub suspend_below: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            red_below: 0.6,
            yellow_below: 0.8,
            over_from: 1.2,
            suspend_below: 0.8,
        }
    }
}

impl Thresholds {
    /// The light of a pace: red < 60 %, yellow 60–80 %, green from 80 % (lower bounds inclusive).
    pub fn band(&self, pace: f64) -> Level {
        if pace < self.red_below - 1e-12 {
            Level::Red
        } else if pace < self.yellow_below - 1e-12 {
            Level::Yellow
        } else {
            Level::Green
        }
    }
}

/// Everything a monitoring run produced, for the renderers.
pub struct Outcome {
    pub reading: crate::layout::Reading,
    pub books: Vec<crate::read::Workbook>,
    pub as_of: AsOf,
    pub monitored: Vec<assemble::Monitored>,
    pub actions: Vec<Vec<actions::Action>>,
    pub findings: Vec<crate::diag::Finding>,
    pub lang: crate::i18n::Lang,
    /// Each input's fingerprint when the reading options asked for them.
    pub fingerprints: Vec<Option<crate::fingerprint::Fingerprint>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_progress_by_month_and_by_date() {
        assert_eq!(AsOf::month(2024, 6).time_progress(), 0.5);
        assert_eq!(AsOf::month(2024, 12).time_progress(), 1.0);
        let d = AsOf::date(NaiveDate::from_ymd_opt(2024, 7, 1).unwrap());
        assert!(
            (d.time_progress() - 183.0 / 366.0).abs() < 1e-12,
            "2024 is a leap year"
        );
        let d = AsOf::date(NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
        assert_eq!(d.time_progress(), 1.0);
        // A month's last day is that month's end: the same as --month.
        let d = AsOf::date(NaiveDate::from_ymd_opt(2024, 6, 30).unwrap());
        assert_eq!(d.time_progress(), AsOf::month(2024, 6).time_progress());
        let d = AsOf::date(NaiveDate::from_ymd_opt(2023, 2, 28).unwrap());
        assert_eq!(d.time_progress(), 2.0 / 12.0);
        let d = AsOf::date(NaiveDate::from_ymd_opt(2024, 6, 29).unwrap());
        assert!((d.time_progress() - 181.0 / 366.0).abs() < 1e-12);
    }

    #[test]
    fn bands_with_inclusive_lower_bounds() {
        let t = Thresholds::default();
        assert_eq!(t.band(0.5999), Level::Red);
        assert_eq!(t.band(0.6), Level::Yellow);
        assert_eq!(t.band(0.7999), Level::Yellow);
        assert_eq!(t.band(0.8), Level::Green);
        assert_eq!(
            t.band(0.6 * 0.5 / 0.5),
            Level::Yellow,
            "0.3/0.5 computed in floating point is still 60 %"
        );
    }

    #[test]
    fn worst_light() {
        assert_eq!(
            Level::worst([Level::Green, Level::Over, Level::Yellow]),
            Level::Yellow
        );
        assert_eq!(Level::worst([Level::Na, Level::Green]), Level::Green);
        assert_eq!(Level::worst([]), Level::Na);
    }
}
