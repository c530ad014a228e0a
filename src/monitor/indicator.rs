//! One indicator against its target as of the monitoring date: method, expected value, pace, light.

use serde::Serialize;

use super::{AsOf, Level, Thresholds};
use crate::model::{Category, Dimension, Indicator};
use crate::parse::meaning::{self, Direction, DirectionWords, Sense};
use crate::parse::{Parsed, ValueKind, done_by, done_state};

/// How an indicator is judged (domain.md §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// A count that accumulates over the year: expected = target × time progress.
    Cumulative,
    /// A rate or level compared with the target itself.
    Level,
    /// Lower is better: green while actual ≤ target (a zero target: only at zero).
    LowerBetter,
    /// A deadline: red once passed and not done.
    Deadline,
    /// A qualitative target judged by the reported band.
    Qualitative,
    /// Nothing to judge yet (no target, no comparable actual, effect before year end).
    NotAssessable,
}

/// What could not be read, where that left an indicator unjudged (an info
/// note, never a missed deadline).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unread {
    /// The deadline has come, but the report says neither done nor not done.
    DoneState,
    /// The report says not done, but the timeliness target is no date.
    Deadline,
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
    /// The deadline has passed and the item is not done (M005): both read.
    pub deadline_missed: bool,
    /// The unit's forecast falls short of the target (M004).
    pub forecast_short: bool,
    /// … by a large share (较大偏差: it reaches less than `suspend_below` of
    /// the target, or it says the target will not be done).
    pub forecast_far_short: bool,
    /// The target is zero (`=0`, `不发生`): green only at zero.
    pub zero_target: bool,
    /// What could not be read, when that left it unjudged.
    pub unread: Option<Unread>,
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
            forecast_far_short: false,
            zero_target: false,
            unread: None,
        }
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

/// Judges one indicator as of `as_of`, its direction read by `words`.
pub fn judge(ind: &Indicator, as_of: &AsOf, t: &Thresholds, words: &DirectionWords) -> Judged {
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
    let sense = meaning::direction(ind, words);
    let mut j = if let ValueKind::Deadline(d) = &target.kind {
        // Due on the deadline itself: a `6月底前` deadline is judged at month 6.
        let deadline = d.resolve(as_of.year);
        let due = deadline <= as_of.as_date();
        let (level, missed, unread) =
            match (done_by(&ind.name.value, actual, deadline, as_of.year), due) {
                (Some(true), _) => (Level::Green, false, None),
                (Some(false), true) => (Level::Red, true, None),
                (None, true) => (Level::Na, false, Some(Unread::DoneState)),
                (_, false) => (Level::Na, false, None),
            };
        Judged {
            level,
            deadline_missed: missed,
            unread,
            ..Judged::na(Method::Deadline, missing && needs_actual)
        }
    } else if sense.direction == Direction::Qualitative {
        let level = actual.and_then(|a| band_of(&a.raw));
        // A timeliness target that is no date, reported not done: say the date
        // could not be read rather than judge it late or on time.
        let undated = level.is_none()
            && dim == Some(Dimension::Timeliness)
            && actual.is_some_and(|a| done_state(&ind.name.value, a) == Some(false));
        Judged {
            level: level.unwrap_or(Level::Na),
            unread: undated.then_some(Unread::Deadline),
            ..Judged::na(Method::Qualitative, missing && needs_actual)
        }
    } else if let Some((tv, av)) = actual.and_then(|a| meaning::comparable(ind, target, a, words)) {
        judge_number(ind, &sense, tv, is_rate_value(target), av, as_of, t)
    } else {
        // Effect indicators without a comparable actual wait for the year end; outputs need one.
        Judged::na(Method::NotAssessable, missing && needs_actual)
    };
    (j.forecast_short, j.forecast_far_short) = forecast_short(ind, target, &sense, words, t);
    j
}

/// A percentage (or per-mille) value.
fn is_rate_value(p: &Parsed) -> bool {
    matches!(&p.kind, ValueKind::Number { unit: Some(u), .. } if u == "%" || u == "‰" || u.contains("百分"))
}

/// Units of effect indicators that count people, visits or events: these add
/// up over the year (`参观人次`, `受益人数`, `培训场次`). Things covered or held
/// (`覆盖行政村36个`), weights, areas and amounts (`亩产增加70公斤`) are states
/// or come at harvest: they are compared with the target itself.
const COUNT_UNITS: &[&str] = &[
    "人次", "人", "名", "户", "户次", "次", "场", "场次", "件次", "例", "车次", "架次", "台次",
    "班次", "课时", "学时", "人天", "人日",
];
/// Names of effect indicators that count people or visits (`受益人数`, `参观人次`).
const COUNT_NAMES: &[&str] = &["人次", "人数", "户数", "次数", "人口", "户次", "数量"];

/// An effect indicator that counts (`参观人次 ≥5万人次`, `受益人数 ≥2000人`):
/// it accumulates over the year like a quantity count.
fn is_effect_count(ind: &Indicator, target: &Parsed) -> bool {
    let effect = ind
        .category
        .is_some_and(|c| c.dimension() == Dimension::Effect && c != Category::Satisfaction);
    if !effect {
        return false;
    }
    match &target.kind {
        ValueKind::Number { unit: Some(u), .. } => COUNT_UNITS.contains(&u.as_str()),
        ValueKind::Number { unit: None, .. } => {
            let k = crate::parse::text::header_key(&ind.name.value);
            COUNT_NAMES.iter().any(|w| k.contains(w)) && !k.contains('率')
        }
        _ => false,
    }
}

fn judge_number(
    ind: &Indicator,
    sense: &Sense,
    tv: f64,
    rate: bool,
    av: f64,
    as_of: &AsOf,
    t: &Thresholds,
) -> Judged {
    if sense.zero {
        // Nothing may happen: green at zero, red at anything else.
        let level = if av.abs() <= 1e-9 {
            Level::Green
        } else {
            Level::Red
        };
        return Judged {
            expected: Some(0.0),
            level,
            zero_target: true,
            ..Judged::na(Method::LowerBetter, false)
        };
    }
    if sense.direction == Direction::Lower {
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
    let is_rate = rate
        || matches!(
            ind.category,
            Some(Category::Quality | Category::Satisfaction)
        );
    let target = ind.target.as_ref().map(|t| &t.value);
    let cumulative = !is_rate
        && (ind.category == Some(Category::Quantity)
            || target.is_some_and(|p| is_effect_count(ind, p)));
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

/// Whether the forecast (全年预计完成情况) falls short of the target, and
/// whether by a large share (below `suspend_below` of it, or not done at all).
fn forecast_short(
    ind: &Indicator,
    target: &Parsed,
    sense: &Sense,
    words: &DirectionWords,
    t: &Thresholds,
) -> (bool, bool) {
    let Some(forecast) = ind.forecast.as_ref().map(|f| &f.value) else {
        return (false, false);
    };
    // A forecast is a 预计 by nature: `预计7月底完成` says done, `预计无法完成` not.
    if let Some(done) = crate::parse::is_done_text(&forecast.raw.replace("预计", "")) {
        return (!done, !done);
    }
    let far = |share: f64| share < t.suspend_below - 1e-12;
    match meaning::comparable(ind, target, forecast, words) {
        Some((_, fv)) if sense.zero => (fv > 1e-9, fv > 1e-9),
        Some((tv, fv)) => match sense.direction {
            Direction::Lower => (fv > tv + 1e-9, fv > 1e-9 && far(tv / fv)),
            Direction::Higher | Direction::Exact => (fv < tv - 1e-9, tv > 1e-9 && far(fv / tv)),
            Direction::Qualitative => (false, false),
        },
        None => {
            let red = band_of(&forecast.raw) == Some(Level::Red);
            (red, red)
        }
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
            &DirectionWords::default(),
        )
    }

    #[test]
    fn a_forecast_far_short_is_told_from_one_a_little_short() {
        let with_forecast = |f: &str| {
            let mut i = ind("数量指标", "=140人", "45人");
            i.forecast = Some(Located::new(parse_value(f), Loc::new(0, 3)));
            judge(
                &i,
                &AsOf::month(2024, 6),
                &Thresholds::default(),
                &DirectionWords::default(),
            )
        };
        let j = with_forecast("120人");
        assert_eq!(
            (j.forecast_short, j.forecast_far_short),
            (true, false),
            "86 %"
        );
        let j = with_forecast("100人");
        assert_eq!(
            (j.forecast_short, j.forecast_far_short),
            (true, true),
            "71 %"
        );
        let j = with_forecast("预计无法完成");
        assert!(j.forecast_far_short);
        // Near miss: a forecast that reaches the target.
        let j = with_forecast("140人");
        assert_eq!((j.forecast_short, j.forecast_far_short), (false, false));
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

    fn on(i: &Indicator, y: i32, m: u32, d: u32) -> Judged {
        let day = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        judge(
            i,
            &AsOf::date(day),
            &Thresholds::default(),
            &DirectionWords::default(),
        )
    }

    #[test]
    fn deadlines_the_day_before_and_on_it() {
        let i = ind("时效指标", "2024年6月30日前", "正在施工");
        let before = on(&i, 2024, 6, 29);
        assert_eq!((before.level, before.deadline_missed), (Level::Na, false));
        // Due on the deadline itself (domain.md §4: a 6月底前 deadline is judged at month 6).
        let on_the_day = on(&i, 2024, 6, 30);
        assert_eq!(
            (on_the_day.level, on_the_day.deadline_missed),
            (Level::Red, true)
        );
        let done = ind("时效指标", "2024年6月30日前", "已完成");
        assert_eq!(
            judge(
                &done,
                &AsOf::month(2024, 9),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .level,
            Level::Green
        );
    }

    #[test]
    fn a_deadline_due_this_month_not_done_is_missed() {
        for target in ["6月底前", "2024年6月30日前", "上半年"] {
            let j = at("时效指标", target, "未完成", 6);
            assert_eq!((j.level, j.deadline_missed), (Level::Red, true), "{target}");
            assert_eq!(j.unread, None);
        }
        for actual in ["尚未完成", "正在推进", "进行中", ""] {
            assert!(
                at("时效指标", "6月底前", actual, 6).deadline_missed,
                "{actual:?}"
            );
        }
        // Near miss: the month before, it is not yet due.
        let may = at("时效指标", "6月底前", "未完成", 5);
        assert_eq!((may.level, may.deadline_missed), (Level::Na, false));
    }

    #[test]
    fn done_words_as_counties_write_them() {
        for actual in [
            "已完成",
            "完成",
            "按时完成",
            "5月20日完成",
            "已于5月28日完成",
            "已拨付到位",
            "是",
            "100%",
        ] {
            let j = at("时效指标", "6月底前", actual, 6);
            assert_eq!(
                (j.level, j.deadline_missed),
                (Level::Green, false),
                "{actual}"
            );
        }
    }

    #[test]
    fn a_report_that_cannot_be_read_is_no_missed_deadline() {
        for actual in ["详见附件", "80%", "基本完成", "按计划推进"] {
            let j = at("时效指标", "6月底前", actual, 6);
            assert_eq!(
                (j.level, j.deadline_missed, j.unread),
                (Level::Na, false, Some(Unread::DoneState)),
                "{actual}"
            );
        }
        // A timeliness target that is no date, reported not done: the date is what could not be read.
        let j = at("时效指标", "按合同约定时间", "未完成", 6);
        assert_eq!(
            (j.level, j.deadline_missed, j.unread),
            (Level::Na, false, Some(Unread::Deadline))
        );
        // Near miss: reported done, nothing to say.
        assert_eq!(at("时效指标", "按合同约定时间", "已完成", 6).unread, None);
    }

    #[test]
    fn a_reported_start_completes_a_start_indicator() {
        let mut i = ind("时效指标", "6月底前", "已开工");
        i.name.value = "项目开工时间".into();
        assert_eq!(on(&i, 2024, 6, 30).level, Level::Green);
        i.actual = Some(Located::new(parse_value("尚未开工"), Loc::new(0, 2)));
        assert!(on(&i, 2024, 6, 30).deadline_missed);
        // Near miss: a start does not complete an indicator about finishing.
        let mut f = ind("时效指标", "6月底前", "已开工");
        f.name.value = "项目竣工时间".into();
        let j = on(&f, 2024, 6, 30);
        assert_eq!(
            (j.deadline_missed, j.unread),
            (false, Some(Unread::DoneState))
        );
    }

    #[test]
    fn effect_counts_are_pro_rated() {
        let mut i = ind("社会效益指标", "≥5万人次", "2.2万人次");
        i.name.value = "遗址开放参观人次".into();
        let j = judge(
            &i,
            &AsOf::month(2024, 6),
            &Thresholds::default(),
            &DirectionWords::default(),
        );
        assert_eq!(j.method, Method::Cumulative);
        assert_eq!(j.expected, Some(25000.0));
        assert_eq!(j.level, Level::Green, "2.2 of 2.5 expected by June: 88 %");
        let people = at("社会效益指标", "≥2000人", "1000人", 6);
        assert_eq!(
            (people.method, people.level),
            (Method::Cumulative, Level::Green)
        );
        // Near misses: rates, satisfaction and per-head amounts are levels.
        assert_eq!(at("社会效益指标", "≥82%", "76%", 6).method, Method::Level);
        assert_eq!(
            at("服务对象满意度指标", "≥90分", "85分", 6).method,
            Method::Level
        );
        assert_eq!(
            at("经济效益指标", "≥500元/人", "450元/人", 6).method,
            Method::Level
        );
        assert_eq!(
            at("经济效益指标", "不少于70公斤", "76公斤", 6).method,
            Method::Level,
            "a yield is a level"
        );
        assert_eq!(
            at("社会效益指标", "≥36个", "34个", 6).method,
            Method::Level,
            "villages covered are a state"
        );
    }

    #[test]
    fn direction_from_meaning() {
        // A cost without an operator is a cap.
        assert_eq!(at("成本指标", "13.5万元", "14万元", 6).level, Level::Red);
        assert_eq!(at("成本指标", "13.5万元", "13万元", 6).level, Level::Green);
        // A rate of a bad thing is lower-is-better.
        let mut i = ind("质量指标", "5%", "8%");
        i.name.value = "群众投诉率".into();
        assert_eq!(on(&i, 2024, 6, 30).level, Level::Red);
        i.actual = Some(Located::new(parse_value("3%"), Loc::new(0, 2)));
        assert_eq!(on(&i, 2024, 6, 30).level, Level::Green);
        // Near miss: a rate whose name says nothing is higher-is-better (3 of 5: yellow).
        assert_eq!(at("质量指标", "5%", "3%", 6).level, Level::Yellow);
        // A fall is higher-is-better.
        let mut f = ind("成本指标", "5%", "2%");
        f.name.value = "成本下降率".into();
        let j = on(&f, 2024, 6, 30);
        assert_eq!((j.method, j.level), (Method::Level, Level::Red));
    }

    #[test]
    fn a_cost_in_yuan_and_wan() {
        for (target, actual, want) in [
            ("≤13.5万元/座", "132000元/座", Level::Green),
            ("≤13.5万元/座", "140000元/座", Level::Red),
            ("≤30万元", "18万", Level::Green),
            ("≤30万元", "35万", Level::Red),
            ("≤300000元", "28万元", Level::Green),
            ("30万元", "310000元", Level::Red),
        ] {
            let j = at("成本指标", target, actual, 6);
            assert_eq!(
                (j.method, j.level),
                (Method::LowerBetter, want),
                "{target} vs {actual}"
            );
        }
        // Near miss: different units per head and in total are not compared.
        assert_eq!(
            at("成本指标", "≤13.5万元/座", "140000元", 6).method,
            Method::NotAssessable
        );
    }

    #[test]
    fn zero_targets_are_met_only_at_zero() {
        for target in ["=0次", "0起", "≤0", "不发生", "零", "0"] {
            let red = at("质量指标", target, "2次", 6);
            assert_eq!((red.level, red.zero_target), (Level::Red, true), "{target}");
            let green = at("质量指标", target, "0次", 6);
            assert_eq!(green.level, Level::Green, "{target}");
        }
        assert_eq!(at("质量指标", "不发生", "未发生", 6).level, Level::Green);
        assert_eq!(
            at("数量指标", "0起", "2起", 6).level,
            Level::Red,
            "not pro-rated"
        );
        // Near miss: ≥0 is met by anything.
        let j = at("数量指标", "≥0个", "2个", 6);
        assert!(!j.zero_target);
        assert_ne!(j.level, Level::Red);
    }

    #[test]
    fn done_late_is_not_done_on_time() {
        let late = ind("时效指标", "2024年4月30日前", "2024年5月20日完成");
        let j = judge(
            &late,
            &AsOf::month(2024, 6),
            &Thresholds::default(),
            &DirectionWords::default(),
        );
        assert_eq!((j.level, j.deadline_missed), (Level::Red, true));
        let on_time = ind("时效指标", "2024年4月30日前", "2024年4月20日完成");
        assert_eq!(
            judge(
                &on_time,
                &AsOf::month(2024, 6),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .level,
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
        assert!(
            judge(
                &i,
                &AsOf::month(2024, 9),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .forecast_short
        );
        i.forecast = Some(Located::new(parse_value("24座"), Loc::new(0, 3)));
        assert!(
            !judge(
                &i,
                &AsOf::month(2024, 9),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .forecast_short
        );
        // A forecast says 预计 by nature: a date it expects is a claim of done.
        let mut t = ind("时效指标", "2024年10月底前", "未完成");
        t.forecast = Some(Located::new(parse_value("预计9月底完成"), Loc::new(0, 3)));
        assert!(
            !judge(
                &t,
                &AsOf::month(2024, 6),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .forecast_short
        );
        t.forecast = Some(Located::new(parse_value("预计无法完成"), Loc::new(0, 3)));
        assert!(
            judge(
                &t,
                &AsOf::month(2024, 6),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .forecast_short
        );
        let mut c = ind("成本指标", "≤13.5万元/座", "13.2万元/座");
        c.forecast = Some(Located::new(parse_value("14万元/座"), Loc::new(0, 3)));
        assert!(
            judge(
                &c,
                &AsOf::month(2024, 9),
                &Thresholds::default(),
                &DirectionWords::default()
            )
            .forecast_short
        );
    }
}
