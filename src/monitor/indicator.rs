//! One indicator against its target as of the monitoring date: method, expected value, pace, light.

use serde::Serialize;

use super::{AsOf, Level, Thresholds};
use crate::model::{Category, Dimension, Indicator};
use crate::parse::value::is_done_text;
use crate::parse::{Op, OperatorSpec, Parsed, ValueKind};

/// How an indicator is judged (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A count that accumulates over the year: expected = target × time progress.
    Cumulative,
    /// A rate or level compared with the target itself.
    Level,
    /// Lower is better: green while actual ≤ target.
    LowerBetter,
    /// A deadline: red once passed and not done.
    Deadline,
    /// A qualitative target judged by the reported band.
    Qualitative,
    /// Nothing to judge yet (no target, no comparable actual, effect before year end).
    NotAssessable,
}

/// The judgement of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Judged {
    pub method: Method,
    /// Expected to date (cumulative) or the target (level), in the target's unit.
    pub expected: Option<f64>,
    /// actual / expected (0–1 and above).
    pub progress: Option<f64>,
    pub level: Level,
    /// No actual reported (M007 for quantity, quality and timeliness).
    pub missing_actual: bool,
    /// The deadline has passed and the item is not done (M005).
    pub deadline_missed: bool,
    /// The unit's forecast falls short of the target (M004).
    pub forecast_short: bool,
}

impl Judged {
    fn na(method: Method, missing_actual: bool) -> Self {
        Judged {
            method,
            expected: None,
            progress: None,
            level: Level::Na,
            missing_actual,
            deadline_missed: false,
            forecast_short: false,
        }
    }
}

#[derive(PartialEq, Clone, Copy)]
enum Direction {
    Higher,
    Lower,
    Qualitative,
}

fn direction(ind: &Indicator, target: &Parsed) -> Direction {
    match target.op {
        Some(Op::Le | Op::Lt) => return Direction::Lower,
        Some(Op::Ge | Op::Gt | Op::Eq) => return Direction::Higher,
        None => {}
    }
    match ind.operator.as_ref().map(|o| o.value) {
        Some(OperatorSpec::Op(Op::Le | Op::Lt) | OperatorSpec::Negative) => Direction::Lower,
        Some(OperatorSpec::Qualitative) => Direction::Qualitative,
        _ if matches!(target.kind, ValueKind::Qualitative { .. }) => Direction::Qualitative,
        _ => Direction::Higher,
    }
}

/// A number with its unit, when the value is one.
fn number(p: &Parsed) -> Option<(f64, Option<&str>)> {
    match &p.kind {
        ValueKind::Number { value, unit } => Some((*value, unit.as_deref())),
        _ => None,
    }
}

/// Units agree when equal, or when one side names none.
fn same_unit(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

/// A reported band for a qualitative indicator: 达成目标 / 部分达成 / 未达成.
pub fn band_of(text: &str) -> Option<Level> {
    let k = crate::parse::text::header_key(text);
    if k.contains("未达成") || k.contains("未达到") || k.contains("效果较差") {
        Some(Level::Red)
    } else if k.contains("部分达成") || k.contains("部分完成") || k.contains("一定效果")
    {
        Some(Level::Yellow)
    } else if k.contains("达成") || k.contains("已完成") || k.contains("达到目标") {
        Some(Level::Green)
    } else {
        None
    }
}

/// Judges one indicator as of `as_of`.
pub fn judge(ind: &Indicator, as_of: &AsOf, t: &Thresholds) -> Judged {
    let dim = ind.dimension();
    let Some(target) = ind.target.as_ref().map(|t| &t.value) else {
        return Judged::na(Method::NotAssessable, false);
    };
    let actual = ind.actual.as_ref().map(|a| &a.value);
    let needs_actual = matches!(
        dim,
        Some(Dimension::Quantity | Dimension::Quality | Dimension::Timeliness | Dimension::Cost)
    );
    let missing = actual.is_none();
    let dir = direction(ind, target);
    let mut j = if let ValueKind::Deadline(d) = &target.kind {
        let deadline = d.resolve(as_of.year);
        let done = actual
            .map(|a| done_by(a, deadline, as_of.year))
            .unwrap_or(false);
        let passed = as_of.as_date() > deadline;
        let level = if done {
            Level::Green
        } else if passed {
            Level::Red
        } else {
            Level::Na
        };
        Judged {
            level,
            deadline_missed: passed && !done,
            ..Judged::na(Method::Deadline, missing && needs_actual)
        }
    } else if dir == Direction::Qualitative {
        let level = actual.and_then(|a| band_of(&a.raw)).unwrap_or(Level::Na);
        Judged {
            level,
            ..Judged::na(Method::Qualitative, missing && needs_actual)
        }
    } else if let (Some((tv, tu)), Some((av, au))) = (number(target), actual.and_then(number)) {
        if !same_unit(tu, au) {
            return Judged::na(Method::NotAssessable, false);
        }
        judge_number(ind, dir, tv, tu, av, as_of, t)
    } else {
        // Effect indicators without a comparable actual wait for the year end; outputs need one.
        Judged::na(Method::NotAssessable, missing && needs_actual)
    };
    j.forecast_short = forecast_short(ind, target, dir);
    j
}

fn judge_number(
    ind: &Indicator,
    dir: Direction,
    tv: f64,
    tu: Option<&str>,
    av: f64,
    as_of: &AsOf,
    t: &Thresholds,
) -> Judged {
    if dir == Direction::Lower {
        let level = if av <= tv + 1e-12 {
            Level::Green
        } else {
            Level::Red
        };
        let progress = (av > 0.0).then(|| tv / av);
        return Judged {
            expected: Some(tv),
            progress,
            level,
            ..Judged::na(Method::LowerBetter, false)
        };
    }
    let is_rate = tu == Some("%")
        || matches!(
            ind.category,
            Some(Category::Quality | Category::Satisfaction)
        );
    let cumulative = !is_rate && ind.category == Some(Category::Quantity);
    let (method, expected) = if cumulative {
        (Method::Cumulative, tv * as_of.time_progress())
    } else {
        (Method::Level, tv)
    };
    if expected <= 0.0 {
        return Judged::na(Method::NotAssessable, false);
    }
    let progress = av / expected;
    let mut level = t.band(progress);
    if cumulative && progress >= t.over_from - 1e-12 {
        level = Level::Over;
    }
    Judged {
        expected: Some(expected),
        progress: Some(progress),
        level,
        ..Judged::na(method, false)
    }
}

/// Done by the deadline: the actual says done, or is a date on or before the deadline.
fn done_by(actual: &Parsed, deadline: chrono::NaiveDate, year: i32) -> bool {
    // A date written with the completion decides: done late is not done on time.
    if let ValueKind::Deadline(d) = &actual.kind {
        let not_done = is_done_text(&actual.raw) == Some(false) || actual.raw.contains("预计");
        return !not_done && d.resolve(year) <= deadline;
    }
    is_done_text(&actual.raw).unwrap_or(false)
}

/// The forecast (全年预计完成情况) falls short of the target.
fn forecast_short(ind: &Indicator, target: &Parsed, dir: Direction) -> bool {
    let Some(forecast) = ind.forecast.as_ref().map(|f| &f.value) else {
        return false;
    };
    if let Some(done) = is_done_text(&forecast.raw) {
        return !done;
    }
    match (number(target), number(forecast)) {
        (Some((tv, tu)), Some((fv, fu))) if same_unit(tu, fu) => match dir {
            Direction::Lower => fv > tv + 1e-9,
            Direction::Higher => fv < tv - 1e-9,
            Direction::Qualitative => false,
        },
        _ => band_of(&forecast.raw) == Some(Level::Red),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Located};
    use crate::parse::parse_value;

    fn ind(l2: &str, target: &str, actual: &str) -> Indicator {
        let mut i = Indicator::new(0, Located::new("指标".to_string(), Loc::new(0, 0)));
        i.category = Category::classify(None, Some(l2));
        i.target = Some(Located::new(parse_value(target), Loc::new(0, 1)));
        if !actual.is_empty() {
            i.actual = Some(Located::new(parse_value(actual), Loc::new(0, 2)));
        }
        i
    }

    fn at(l2: &str, target: &str, actual: &str, month: u32) -> Judged {
        judge(
            &ind(l2, target, actual),
            &AsOf::month(2024, month),
            &Thresholds::default(),
        )
    }

    #[test]
    fn cumulative_counts_are_pro_rated() {
        // 24 toilets a year; by September 18 are expected; 11 done: 61 % → yellow.
        let j = at("数量指标", "≥24座", "11座", 9);
        assert_eq!(j.method, Method::Cumulative);
        assert_eq!(j.expected, Some(18.0));
        assert_eq!(j.level, Level::Yellow);
        assert_eq!(
            at("数量指标", "≥120处", "36处", 6).level,
            Level::Yellow,
            "pace exactly 60 %"
        );
        assert_eq!(
            at("数量指标", "≥120处", "48处", 6).level,
            Level::Green,
            "pace exactly 80 %"
        );
        assert_eq!(at("数量指标", "≥120处", "35处", 6).level, Level::Red);
        assert_eq!(
            at("数量指标", "≥120处", "72处", 6).level,
            Level::Over,
            "pace exactly 120 %"
        );
        assert_eq!(
            at("数量指标", "≥120处", "0处", 6).level,
            Level::Red,
            "nothing done when due"
        );
    }

    #[test]
    fn rates_compare_with_the_target_itself() {
        let j = at("质量指标", "≥96%", "97.5%", 3);
        assert_eq!((j.method, j.level), (Method::Level, Level::Green));
        assert_eq!(
            at("社会效益指标", "≥82%", "76%", 9).level,
            Level::Green,
            "76/82 = 92.7 %"
        );
        assert_eq!(at("服务对象满意度指标", "≥90%", "50%", 9).level, Level::Red);
        assert_eq!(
            at("质量指标", "≥100%", "130%", 9).level,
            Level::Green,
            "rates are never 'over'"
        );
    }

    #[test]
    fn lower_is_better_green_until_beyond() {
        assert_eq!(
            at("成本指标", "≤13.5万元/座", "13.2万元/座", 9).level,
            Level::Green
        );
        assert_eq!(
            at("成本指标", "≤13.5万元/座", "13.5万元/座", 9).level,
            Level::Green
        );
        assert_eq!(at("时效指标", "≤48小时", "64小时", 9).level, Level::Red);
    }

    #[test]
    fn deadlines_the_day_before_and_after() {
        let i = ind("时效指标", "2024年6月30日前", "正在施工");
        let before = judge(
            &i,
            &AsOf::date(chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap()),
            &Thresholds::default(),
        );
        assert_eq!((before.level, before.deadline_missed), (Level::Na, false));
        let after = judge(
            &i,
            &AsOf::date(chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()),
            &Thresholds::default(),
        );
        assert_eq!((after.level, after.deadline_missed), (Level::Red, true));
        let done = ind("时效指标", "2024年6月30日前", "已完成");
        assert_eq!(
            judge(&done, &AsOf::month(2024, 9), &Thresholds::default()).level,
            Level::Green
        );
    }

    #[test]
    fn done_late_is_not_done_on_time() {
        let late = ind("时效指标", "2024年4月30日前", "2024年5月20日完成");
        let j = judge(&late, &AsOf::month(2024, 6), &Thresholds::default());
        assert_eq!((j.level, j.deadline_missed), (Level::Red, true));
        let on_time = ind("时效指标", "2024年4月30日前", "2024年4月20日完成");
        assert_eq!(
            judge(&on_time, &AsOf::month(2024, 6), &Thresholds::default()).level,
            Level::Green
        );
    }

    #[test]
    fn qualitative_bands_and_effects_not_yet_assessable() {
        assert_eq!(
            at("社会效益指标", "有效改善", "达成目标", 9).level,
            Level::Green
        );
        assert_eq!(
            at("社会效益指标", "有效改善", "部分达成目标并具有一定效果", 9).level,
            Level::Yellow
        );
        assert_eq!(
            at("社会效益指标", "有效改善", "未达成目标且效果较差", 9).level,
            Level::Red
        );
        let e = at("社会效益指标", "≥8.5万人", "", 9);
        assert_eq!(
            (e.level, e.missing_actual),
            (Level::Na, false),
            "effect without actual waits for year end"
        );
        let q = at("数量指标", "≥24座", "", 9);
        assert_eq!(
            (q.level, q.missing_actual),
            (Level::Na, true),
            "an output without actual is M007"
        );
    }

    #[test]
    fn forecasts_short_of_target() {
        let mut i = ind("数量指标", "≥24座", "11座");
        i.forecast = Some(Located::new(parse_value("20座"), Loc::new(0, 3)));
        assert!(judge(&i, &AsOf::month(2024, 9), &Thresholds::default()).forecast_short);
        i.forecast = Some(Located::new(parse_value("24座"), Loc::new(0, 3)));
        assert!(!judge(&i, &AsOf::month(2024, 9), &Thresholds::default()).forecast_short);
        let mut c = ind("成本指标", "≤13.5万元/座", "13.2万元/座");
        c.forecast = Some(Located::new(parse_value("14万元/座"), Loc::new(0, 3)));
        assert!(judge(&c, &AsOf::month(2024, 9), &Thresholds::default()).forecast_short);
    }
}
