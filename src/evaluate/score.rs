//! Scoring one project's self-evaluation exactly as domain.md §5 says.

use serde::Serialize;

use super::{Grade, Scheme};
use crate::model::{Category, Indicator, Project};
use crate::monitor::Level;
use crate::monitor::indicator::band_of;
use crate::parse::meaning::{self, Direction, DirectionWords};
use crate::parse::{ValueKind, done_by, done_state};

/// How an indicator was scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// ≥ (or a bare number): full when met, else points × actual / target.
    AtLeast,
    /// =: full when hit, else points × the smaller over the larger.
    Exactly,
    /// ≤: full when met, else points × target / actual.
    AtMost,
    /// A deadline: full when done by it.
    Deadline,
    /// A qualitative band: the stated score, held inside its band.
    Band,
    /// No actual, or an actual that cannot be compared: no points.
    None,
}

/// One indicator's points.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorScore {
    /// Index into the project's indicators.
    pub index: usize,
    /// Points the indicator is worth (from the sheet, else the default share).
    pub points: f64,
    /// Points recomputed.
    pub score: f64,
    pub method: Method,
    /// The points the unit stated (得分).
    pub stated: Option<f64>,
    /// No actual at year end (E002); `uncomparable` when one exists but cannot be compared.
    pub missing_actual: bool,
    pub uncomparable: bool,
    /// Short of its target (E005 needs a reason).
    pub short: bool,
    /// For a qualitative indicator: its band (share of points, low and high).
    pub band: Option<(f64, f64)>,
    /// The stated score lies outside the band (E006).
    pub outside_band: bool,
    /// The target is zero (`=0`, `不发生`): full points only when nothing happened.
    pub zero_target: bool,
}

/// A project's self-evaluation, recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scored {
    pub budget: Option<f64>,
    pub executed: Option<f64>,
    pub execution_rate: Option<f64>,
    pub budget_points: f64,
    pub budget_score: f64,
    /// The budget-execution points the unit stated.
    pub stated_budget_score: Option<f64>,
    pub indicators: Vec<IndicatorScore>,
    /// Full precision; round only to show.
    pub score: f64,
    pub grade: Grade,
    pub stated_score: Option<f64>,
    /// Everything the score rests on was read: every actual compared with its
    /// target, and the budget figures where the budget carries points. When
    /// false the grade is not a judgement of the unit (see rules E001–E004).
    pub judged: bool,
}

enum Group {
    Output,
    Effect,
    Satisfaction,
}

fn group(i: &Indicator) -> Group {
    match i.category {
        Some(Category::Satisfaction) => Group::Satisfaction,
        Some(Category::Quantity | Category::Quality | Category::Timeliness | Category::Cost) => {
            Group::Output
        }
        Some(_) => Group::Effect,
        None => match i.level1.as_ref().map(|l| l.value.as_str()) {
            Some(l) if l.contains("产出") => Group::Output,
            Some(l) if l.contains("满意") => Group::Satisfaction,
            _ => Group::Effect,
        },
    }
}

/// Points per indicator: the sheet's where it gives any, else the scheme's shares.
fn points(p: &Project, s: &Scheme) -> Vec<f64> {
    if p.indicators.iter().any(|i| i.weight.is_some()) {
        return p
            .indicators
            .iter()
            .map(|i| i.weight.as_ref().map_or(0.0, |w| w.value))
            .collect();
    }
    let count =
        |g: fn(&Group) -> bool| p.indicators.iter().filter(|i| g(&group(i))).count().max(1) as f64;
    let (o, e, sat) = (
        count(|g| matches!(g, Group::Output)),
        count(|g| matches!(g, Group::Effect)),
        count(|g| matches!(g, Group::Satisfaction)),
    );
    p.indicators
        .iter()
        .map(|i| match group(i) {
            Group::Output => s.output_points / o,
            Group::Effect => s.effect_points / e,
            Group::Satisfaction => s.satisfaction_points / sat,
        })
        .collect()
}

/// Scores one project for budget year `year`.
pub fn score(p: &Project, s: &Scheme, year: i32) -> Scored {
    let pts = points(p, s);
    let line = p.total_line();
    let budget = line.and_then(|l| l.full_year_budget()).map(|v| v.value);
    let executed = line.and_then(|l| l.executed.as_ref()).map(|v| v.value);
    let execution_rate = match (budget, executed) {
        (Some(b), Some(e)) if b > 0.0 => Some(e / b),
        _ => None,
    };
    let indicator_total: f64 = pts.iter().sum();
    // A sheet whose indicators already carry all 100 points leaves none to execution.
    let budget_points = line
        .and_then(|l| l.weight.as_ref())
        .map(|w| w.value)
        .unwrap_or(if indicator_total >= 99.99 {
            0.0
        } else {
            s.budget_points
        });
    let budget_score = execution_rate.map_or(0.0, |r| r.clamp(0.0, 1.0) * budget_points);
    let indicators: Vec<IndicatorScore> = p
        .indicators
        .iter()
        .enumerate()
        .map(|(k, i)| score_indicator(k, i, pts[k], year, &s.direction))
        .collect();
    let total = budget_score + indicators.iter().map(|i| i.score).sum::<f64>();
    let budget_unread = budget_points > 0.0 && execution_rate.is_none();
    let judged = !indicators.iter().any(|i| i.uncomparable) && !budget_unread;
    Scored {
        budget,
        executed,
        execution_rate,
        budget_points,
        budget_score,
        stated_budget_score: line.and_then(|l| l.stated_score.as_ref()).map(|v| v.value),
        indicators,
        score: total,
        grade: Grade::of(total, s),
        stated_score: p.stated_total.as_ref().map(|v| v.value),
        judged,
    }
}

/// The share of points a qualitative band allows.
fn band_range(level: Level) -> (f64, f64) {
    match level {
        Level::Green | Level::Over => (0.8, 1.0),
        Level::Yellow => (0.6, 0.8),
        _ => (0.0, 0.6),
    }
}

fn score_indicator(
    index: usize,
    i: &Indicator,
    points: f64,
    year: i32,
    words: &DirectionWords,
) -> IndicatorScore {
    let stated = i.stated_score.as_ref().map(|v| v.value);
    let mut out = IndicatorScore {
        index,
        points,
        score: 0.0,
        method: Method::None,
        stated,
        missing_actual: false,
        uncomparable: false,
        short: false,
        band: None,
        outside_band: false,
        zero_target: false,
    };
    let Some(actual) = i.actual.as_ref().map(|a| &a.value) else {
        out.missing_actual = true;
        out.short = true;
        return out;
    };
    let Some(target) = i.target.as_ref().map(|t| &t.value) else {
        out.uncomparable = true;
        return out;
    };
    let full = |o: &mut IndicatorScore, share: f64| {
        o.score = points * share.clamp(0.0, 1.0);
        o.short = share < 1.0 - 1e-12;
    };
    let sense = meaning::direction(i, words);
    if let ValueKind::Deadline(d) = &target.kind {
        out.method = Method::Deadline;
        // A date written with the completion decides: done late is not done on time.
        match done_by(&i.name.value, Some(actual), d.resolve(year), year) {
            Some(done) => full(&mut out, if done { 1.0 } else { 0.0 }),
            // Neither done nor not done: no points, and E002 says it could not be read.
            None => {
                out.uncomparable = true;
                out.short = true;
            }
        }
        return out;
    }
    if let Some((tv, av)) = meaning::comparable(i, target, actual, words) {
        let share = if sense.zero {
            // Nothing may happen: full points at zero, none otherwise.
            out.zero_target = true;
            out.method = if sense.direction == Direction::Exact {
                Method::Exactly
            } else {
                Method::AtMost
            };
            if av.abs() <= 1e-9 { 1.0 } else { 0.0 }
        } else {
            match sense.direction {
                Direction::Lower => {
                    out.method = Method::AtMost;
                    if av <= tv + 1e-12 {
                        1.0
                    } else if av > 0.0 {
                        tv.max(0.0) / av
                    } else {
                        0.0
                    }
                }
                Direction::Exact => {
                    out.method = Method::Exactly;
                    // An `=` count (数量: `=3个`) met or exceeded earns full points,
                    // as provincial systems score it: a fourth unit delivered is
                    // no failure. Other `=` values (rates, money) are held to the value.
                    let count = i.dimension() == Some(crate::model::Dimension::Quantity)
                        && !matches!(&target.kind, ValueKind::Number { unit: Some(u), .. } if u == "%" || u.contains("元"));
                    if (av - tv).abs() <= 1e-9 * tv.abs().max(1.0) || (count && av >= tv) {
                        1.0
                    } else if av.max(tv) > 0.0 {
                        av.min(tv).max(0.0) / av.max(tv)
                    } else {
                        0.0
                    }
                }
                Direction::Higher | Direction::Qualitative => {
                    out.method = Method::AtLeast;
                    if av >= tv - 1e-12 {
                        1.0
                    } else if tv > 0.0 {
                        av.max(0.0) / tv
                    } else {
                        0.0
                    }
                }
            }
        };
        full(&mut out, share);
        return out;
    }
    match band_of(&actual.raw) {
        Some(level) => {
            out.method = Method::Band;
            let (lo, hi) = band_range(level);
            out.band = Some((lo, hi));
            // Bands are disjoint, each edge belonging to the higher band (the
            // 10号 form's note): 部分达成 is [60 %, 80 %) of the points, so 80 %
            // stated for it is outside, and it is held to just under the edge.
            let top = hi >= 1.0;
            let (min, max) = (lo * points, hi * points);
            let held_max = if top { max } else { max - 0.01 };
            // Without a stated score the band's lower bound is taken: a claim needs a figure.
            let claimed = stated.unwrap_or(min);
            out.outside_band = stated.is_some_and(|v| v < min - 1e-9 || v > held_max + 1e-9);
            out.score = claimed.clamp(min, held_max.max(min));
            out.short = level != Level::Green;
        }
        None => match done_state(&i.name.value, actual) {
            Some(done) => full(&mut out, if done { 1.0 } else { 0.0 }),
            None => {
                out.uncomparable = true;
                out.short = true;
            }
        },
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LineKind, Loc, Located, MoneyLine};
    use crate::parse::parse_value;

    fn ind(l2: &str, target: &str, actual: &str, weight: f64) -> Indicator {
        let mut i = Indicator::new(0, Located::new(l2.to_string(), Loc::new(0, 0)));
        i.category = Category::classify(None, Some(l2));
        i.target = Some(Located::new(parse_value(target), Loc::new(0, 1)));
        if !actual.is_empty() {
            i.actual = Some(Located::new(parse_value(actual), Loc::new(0, 2)));
        }
        i.weight = Some(Located::new(weight, Loc::new(0, 3)));
        i
    }

    fn one(target: &str, actual: &str) -> f64 {
        score_indicator(
            0,
            &ind("数量指标", target, actual, 10.0),
            10.0,
            2024,
            &DirectionWords::default(),
        )
        .score
    }

    #[test]
    fn at_least_met_and_short() {
        assert_eq!(one("≥120处", "130处"), 10.0);
        assert_eq!(one("≥120处", "90处"), 7.5);
        assert_eq!(one("120处", "60处"), 5.0, "a bare number means at least");
    }

    #[test]
    fn at_most_met_and_over() {
        assert_eq!(one("≤48小时", "40小时"), 10.0);
        assert_eq!(one("≤48小时", "64小时"), 7.5);
        assert_eq!(one("≤0起", "2起"), 0.0, "target 0 exceeded scores nothing");
        assert_eq!(one("≤0起", "0起"), 10.0);
    }

    #[test]
    fn exactly_hit_and_missed() {
        assert_eq!(one("=100%", "100%"), 10.0);
        assert_eq!(one("=100%", "80%"), 8.0);
        assert!(
            (one("=100%", "125%") - 8.0).abs() < 1e-12,
            "over an exact target is a miss too"
        );
    }

    #[test]
    fn target_zero_and_missing_actual() {
        assert_eq!(one("≥0个", "0个"), 10.0);
        let s = score_indicator(
            0,
            &ind("数量指标", "≥10个", "", 10.0),
            10.0,
            2024,
            &DirectionWords::default(),
        );
        assert_eq!((s.score, s.missing_actual), (0.0, true));
    }

    #[test]
    fn deadlines() {
        assert_eq!(one("2024年12月31日前", "已完成"), 10.0);
        assert_eq!(one("2024年6月30日前", "2024年7月15日"), 0.0);
        assert_eq!(one("2024年6月30日前", "2024年6月20日"), 10.0);
        assert_eq!(
            one("2024年10月31日前", "2024年11月20日完工"),
            0.0,
            "done late"
        );
    }

    fn named(l2: &str, name: &str, target: &str, actual: &str) -> IndicatorScore {
        let mut i = ind(l2, target, actual, 10.0);
        i.name.value = name.to_string();
        score_indicator(0, &i, 10.0, 2024, &DirectionWords::default())
    }

    #[test]
    fn zero_targets_score_only_at_zero() {
        for target in ["0起", "=0次", "≤0", "不发生", "零", "0"] {
            let s = named("质量指标", "安全事故", target, "2起");
            assert_eq!(
                (s.score, s.zero_target, s.short),
                (0.0, true, true),
                "{target}"
            );
            let s = named("质量指标", "安全事故", target, "0起");
            assert_eq!((s.score, s.short), (10.0, false), "{target}");
        }
        assert_eq!(
            named("质量指标", "安全事故", "不发生", "未发生").score,
            10.0
        );
        assert_eq!(
            named("质量指标", "安全事故", "=0次", "2次").method,
            Method::Exactly
        );
        // Near miss: ≥0 is met by anything.
        let s = named("数量指标", "新增", "≥0个", "2个");
        assert_eq!((s.score, s.zero_target), (10.0, false));
    }

    #[test]
    fn direction_from_meaning() {
        let cost = named("成本指标", "单体修缮成本", "13.5万元", "15万元");
        assert_eq!(cost.method, Method::AtMost);
        assert!((cost.score - 9.0).abs() < 1e-9, "13.5 / 15 of 10 points");
        let bad = named("质量指标", "群众投诉率", "5%", "8%");
        assert_eq!((bad.method, bad.score), (Method::AtMost, 6.25));
        let fall = named("成本指标", "成本下降率", "5%", "2%");
        assert_eq!((fall.method, fall.score), (Method::AtLeast, 4.0));
        // Near miss: a bare count is at least, as before.
        assert_eq!(
            named("数量指标", "维修校舍", "10所", "12所").method,
            Method::AtLeast
        );
    }

    #[test]
    fn money_in_yuan_and_wan_is_one_amount() {
        assert_eq!(named("成本指标", "单体成本", "≤30万元", "25万").score, 10.0);
        assert_eq!(
            named("成本指标", "单体成本", "≤30万元", "250000元").score,
            10.0
        );
        let over = named("成本指标", "单体成本", "≤300000元", "37.5万元");
        assert!((over.score - 8.0).abs() < 1e-9, "30 / 37.5 of 10 points");
        // Near miss: a bare 万 of people is not money.
        let people = named("社会效益指标", "受益人口", "≥8.5万人", "6.8万");
        assert!((people.score - 8.0).abs() < 1e-9);
    }

    #[test]
    fn deadlines_read_or_not() {
        assert_eq!(one("2024年6月30日前", "100%"), 10.0);
        assert_eq!(one("2024年6月30日前", "已于5月28日完成"), 10.0);
        let s = named("时效指标", "完成时间", "2024年6月30日前", "详见附件");
        assert_eq!(
            (s.score, s.uncomparable),
            (0.0, true),
            "cannot tell: E002 says so"
        );
        assert_eq!(
            named("时效指标", "项目开工时间", "6月底前", "已开工").score,
            10.0
        );
        // Near miss: a start is not a completion.
        assert!(named("时效指标", "项目竣工时间", "6月底前", "已开工").uncomparable);
    }

    #[test]
    fn equal_counts_met_or_exceeded_score_full() {
        let s = |t: &str, a: &str| {
            score_indicator(
                0,
                &ind("数量指标", t, a, 10.0),
                10.0,
                2024,
                &DirectionWords::default(),
            )
            .score
        };
        assert_eq!(s("=3个", "4个"), 10.0);
        assert_eq!(s("=3个", "3个"), 10.0);
        assert!((s("=3个", "2个") - 20.0 / 3.0).abs() < 1e-9);
        // Near miss: an `=` rate is held to its value; over is not more.
        let q = score_indicator(
            0,
            &ind("质量指标", "=95%", "100%", 10.0),
            10.0,
            2024,
            &DirectionWords::default(),
        );
        assert!(q.score < 10.0);
    }

    #[test]
    fn qualitative_bands() {
        let mut i = ind(
            "社会效益指标",
            "有效改善",
            "部分达成年度指标并具有一定效果",
            10.0,
        );
        i.stated_score = Some(Located::new(7.0, Loc::new(0, 4)));
        let s = score_indicator(0, &i, 10.0, 2024, &DirectionWords::default());
        assert_eq!((s.score, s.outside_band), (7.0, false));
        i.stated_score = Some(Located::new(9.0, Loc::new(0, 4)));
        let s = score_indicator(0, &i, 10.0, 2024, &DirectionWords::default());
        assert_eq!(
            (s.score, s.outside_band),
            (7.99, true),
            "held under the band's top edge (which belongs to 达成), flagged"
        );
        // The edge itself belongs to the higher band: 8 of 10 is not 部分达成.
        i.stated_score = Some(Located::new(8.0, Loc::new(0, 4)));
        let s = score_indicator(0, &i, 10.0, 2024, &DirectionWords::default());
        assert!(s.outside_band);
        // Near miss: 6 of 10 is the band's own lower edge.
        i.stated_score = Some(Located::new(6.0, Loc::new(0, 4)));
        let s = score_indicator(0, &i, 10.0, 2024, &DirectionWords::default());
        assert_eq!((s.score, s.outside_band), (6.0, false));
        i.actual = Some(Located::new(parse_value("达成年度指标"), Loc::new(0, 2)));
        i.stated_score = None;
        assert_eq!(
            score_indicator(0, &i, 10.0, 2024, &DirectionWords::default()).score,
            8.0,
            "no stated score: the band's floor"
        );
    }

    #[test]
    fn the_rural_water_sample_scores_87_75() {
        let mut p = Project::new(
            0,
            Located::new("农村饮水工程维修养护".into(), Loc::new(0, 0)),
        );
        let mut line = MoneyLine::new("年度资金总额", LineKind::Total, 8);
        line.budget_adjusted = Some(Located::new(262.8, Loc::new(8, 4)));
        line.executed = Some(Located::new(197.1, Loc::new(8, 5)));
        line.weight = Some(Located::new(10.0, Loc::new(8, 7)));
        p.money.push(line);
        p.indicators = vec![
            ind("数量指标", "≥120处", "90处", 15.0),
            ind("质量指标", "≥96%", "97.5%", 15.0),
            ind("时效指标", "≤48小时", "64小时", 10.0),
            ind("成本指标", "≤2.2万元/处", "2.19万元/处", 10.0),
            ind("社会效益指标", "≥8.5万人", "7.65万人", 15.0),
            ind("可持续影响指标", "≥96%", "91.2%", 15.0),
            ind("服务对象满意度指标", "≥88%", "77%", 10.0),
        ];
        let s = score(&p, &Scheme::default(), 2024);
        assert!((s.budget_score - 7.5).abs() < 1e-9);
        assert!((s.score - 87.75).abs() < 1e-9, "{}", s.score);
        assert_eq!(s.grade, Grade::Good);
    }

    #[test]
    fn execution_above_budget_is_capped_and_default_shares_apply() {
        let mut p = Project::new(0, Located::new("x".into(), Loc::new(0, 0)));
        let mut line = MoneyLine::new("", LineKind::Total, 0);
        line.budget_adjusted = Some(Located::new(100.0, Loc::new(0, 1)));
        line.executed = Some(Located::new(120.0, Loc::new(0, 2)));
        p.money.push(line);
        let mut a = ind("数量指标", "≥10个", "10个", 0.0);
        a.weight = None;
        let mut b = ind("社会效益指标", "≥10%", "10%", 0.0);
        b.weight = None;
        p.indicators = vec![a, b];
        let s = score(&p, &Scheme::default(), 2024);
        assert_eq!(s.budget_score, 10.0, "execution above 100 % is capped");
        assert_eq!(
            s.score, 90.0,
            "10 + 50 + 30: no satisfaction indicator, its 10 points are not earned"
        );
    }
}
