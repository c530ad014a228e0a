//! What an indicator means for judging it: which way is better, whether its
//! target is zero, whether its values are money — the one place `check` (V007,
//! V010), `monitor` (lights) and `evaluate` (points) take them from.
//!
//! The direction is read, in this order, from the operator written in the
//! value (`≥95%`), the operator column (指标性质: `≤`, `反向`, `定性`), qualitative
//! text, and then the indicator's meaning: a fall or a saving (`下降率`, `节约率`)
//! is higher-is-better, a rate of a bad thing (`投诉率`, `事故率`) lower-is-better,
//! a cost amount (a 成本指标, or a name with `成本`/`费用`/`经费`, not in %) a cap.
//! Nothing said: higher is better (a bare number means "at least").

use serde::{Deserialize, Serialize};

use super::text::header_key;
use super::value::{Op, OperatorSpec, Parsed, ValueKind, as_money, normalize_unit};
use crate::model::{Category, Indicator};

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// ≥ / >: higher is better (正向).
    Higher,
    /// ≤ / <: lower is better (反向), a cap.
    Lower,
    /// =: hit exactly.
    Exact,
    /// 定性: judged by band.
    Qualitative,
}

/// Where a direction was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// The operator written in the value (`≥95%`).
    Value,
    /// The operator column (`≥`, `正向`, `反向`, `定性`, provincial codes).
    Column,
    /// Qualitative text with no operator.
    Text,
    /// A cost amount: the cost word in the name, or none for a 成本指标.
    Cost(Option<String>),
    /// A rate of a bad thing (`投诉率`): the word.
    BadRate(String),
    /// A fall or a saving (`下降率`): the word.
    Fall(String),
    /// Nothing says: higher is better.
    Default,
}

impl Basis {
    /// Read from something written (the value or the operator column), not inferred.
    pub fn is_written(&self) -> bool {
        matches!(self, Basis::Value | Basis::Column)
    }
}

/// An indicator's direction, where it was read, and whether its target is zero.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sense {
    pub direction: Direction,
    pub basis: Basis,
    /// The target is zero (`=0`, `0`, `≤0`, `不发生`, `零`, `0起`): met only when
    /// the actual is zero. Not `≥0` (written higher-is-better, met by anything).
    pub zero: bool,
}

/// The word lists the meaning is read by (`[direction]` in perf.toml).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectionWords {
    /// A 成本指标, or a name holding one of these, valued not in %: a cap.
    pub cost: Vec<String>,
    /// Names holding one of these are lower-is-better (rates of bad things).
    pub lower: Vec<String>,
    /// Names holding one of these are higher-is-better, whatever else they hold.
    pub higher: Vec<String>,
}

const COST_WORDS: &[&str] = &["成本", "费用", "经费"];

const LOWER_WORDS: &[&str] = &[
    "投诉率",
    "事故率",
    "发生率",
    "差错率",
    "超支率",
    "空置率",
    "病死率",
    "失误率",
    "违约率",
    "返工率",
    "损失率",
    "发病率",
    "死亡率",
    "伤亡率",
    "故障率",
    "不合格率",
    "不良率",
    "次品率",
    "破损率",
    "出错率",
    "错误率",
    "误报率",
    "漏报率",
    "漏检率",
    "复发率",
    "感染率",
    "失败率",
    "流失率",
    "辍学率",
    "逾期率",
    "拖欠率",
    "违规率",
    "超标率",
    "闲置率",
    "返贫率",
    "坏账率",
    "退货率",
];

const HIGHER_WORDS: &[&str] = &[
    "下降率",
    "降低率",
    "节约率",
    "减少率",
    "节支率",
    "压减率",
    "降幅",
    "下降幅度",
    "降低幅度",
    "减少幅度",
    "下降比例",
    "降低比例",
    "减少比例",
    "节约比例",
    "节约额",
    "节约金额",
    "节约资金",
];

/// Names whose values are money even outside a 成本指标 (besides the cost words).
const MONEY_WORDS: &[&str] = &[
    "资金", "金额", "投资", "预算", "补助", "补贴", "资助", "奖补", "收入", "支出", "拨付", "价格",
    "造价", "单价",
];

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

impl Default for DirectionWords {
    fn default() -> Self {
        DirectionWords {
            cost: owned(COST_WORDS),
            lower: owned(LOWER_WORDS),
            higher: owned(HIGHER_WORDS),
        }
    }
}

/// The first of `words` that `key` holds.
fn word_in<'a>(key: &str, words: &'a [String]) -> Option<&'a String> {
    words
        .iter()
        .find(|w| !w.is_empty() && key.contains(w.as_str()))
}

/// The direction an operator says.
pub fn of_op(op: Op) -> Direction {
    match op {
        Op::Ge | Op::Gt => Direction::Higher,
        Op::Le | Op::Lt => Direction::Lower,
        Op::Eq => Direction::Exact,
    }
}

/// The direction an operator column says.
pub fn of_column(spec: OperatorSpec) -> Direction {
    match spec {
        OperatorSpec::Op(op) => of_op(op),
        OperatorSpec::Positive => Direction::Higher,
        OperatorSpec::Negative => Direction::Lower,
        OperatorSpec::Qualitative => Direction::Qualitative,
    }
}

fn is_percent(p: &Parsed) -> bool {
    matches!(&p.kind, ValueKind::Number { unit: Some(u), .. } if u == "%" || u == "‰")
}

/// The direction the indicator's meaning gives, whatever is written: a fall or a
/// saving is higher-is-better; a rate of a bad thing lower-is-better; a cost
/// amount (a 成本指标, or a cost word in the name; not a percentage) a cap.
/// `None` when its meaning says nothing.
pub fn by_meaning(ind: &Indicator, words: &DirectionWords) -> Option<(Direction, Basis)> {
    let key = header_key(&ind.name.value);
    if let Some(w) = word_in(&key, &words.higher) {
        return Some((Direction::Higher, Basis::Fall(w.clone())));
    }
    if let Some(w) = word_in(&key, &words.lower) {
        return Some((Direction::Lower, Basis::BadRate(w.clone())));
    }
    if ind.target.as_ref().is_some_and(|t| is_percent(&t.value)) {
        return None;
    }
    if let Some(w) = word_in(&key, &words.cost) {
        return Some((Direction::Lower, Basis::Cost(Some(w.clone()))));
    }
    (ind.category == Some(Category::Cost)).then_some((Direction::Lower, Basis::Cost(None)))
}

/// Which way is better for `ind`, where that was read, and whether its target is
/// zero — the one direction `check`, `monitor` and `evaluate` judge by.
pub fn direction(ind: &Indicator, words: &DirectionWords) -> Sense {
    let target = ind.target.as_ref().map(|t| &t.value);
    let column = ind.operator.as_ref().map(|o| o.value);
    let (direction, basis) = if let Some(op) = target.and_then(|t| t.op) {
        (of_op(op), Basis::Value)
    } else if let Some(spec) = column {
        (of_column(spec), Basis::Column)
    } else if target.is_some_and(|t| matches!(t.kind, ValueKind::Qualitative { .. })) {
        (Direction::Qualitative, Basis::Text)
    } else {
        by_meaning(ind, words).unwrap_or((Direction::Higher, Basis::Default))
    };
    let zero_value = matches!(
        target.map(|t| &t.kind),
        Some(ValueKind::Number { value, .. }) if *value == 0.0
    );
    let zero = zero_value
        && direction != Direction::Qualitative
        && !(direction == Direction::Higher && basis.is_written());
    Sense {
        direction,
        basis,
        zero,
    }
}

/// Whether `ind`'s values are amounts of money: a 成本指标, a cost or money word
/// in its name (`资金`, `投资`, `补助` …), or a money unit column (`万元`, `元`).
pub fn is_money(ind: &Indicator, words: &DirectionWords) -> bool {
    if ind.category == Some(Category::Cost) {
        return true;
    }
    let key = header_key(&ind.name.value);
    if word_in(&key, &words.cost).is_some() || MONEY_WORDS.iter().any(|w| key.contains(w)) {
        return true;
    }
    ind.measure_unit
        .as_ref()
        .is_some_and(|m| is_money_unit(normalize_unit(1.0, &m.value).1.as_deref()))
}

fn is_money_unit(unit: Option<&str>) -> bool {
    unit.is_some_and(|u| u.starts_with("万元"))
}

/// A value as `ind` means it: in a money context (a money indicator, or `other`
/// — the value it is compared with — in 万元) a bare `万` / `亿` is 万元 / 亿元
/// (`250万` → 250 万元); otherwise the value as parsed.
pub fn in_context<'a>(
    ind: &Indicator,
    value: &'a Parsed,
    other: Option<&Parsed>,
    words: &DirectionWords,
) -> std::borrow::Cow<'a, Parsed> {
    use std::borrow::Cow;
    // Only a value with 万 or 亿 in it can change: most values are returned as
    // they are, without asking whether the indicator is about money (a check
    // of the name against the word lists, on every comparison).
    if !value.raw.contains(['万', '亿']) {
        return Cow::Borrowed(value);
    }
    let unit_of = |p: &Parsed| match &p.kind {
        ValueKind::Number { unit, .. } => unit.clone(),
        _ => None,
    };
    let money = other.is_some_and(|o| is_money_unit(unit_of(o).as_deref())) || is_money(ind, words);
    match money.then(|| as_money(value)).flatten() {
        Some(m) => Cow::Owned(m),
        None => Cow::Borrowed(value),
    }
}

/// A target and an actual as two numbers in one unit: each read in the other's
/// money context ([`in_context`]), then compared when their units agree (or one
/// names none). A zero target compares with any unit: none of anything is none.
/// `None` when either is not a number or the units differ.
pub fn comparable(
    ind: &Indicator,
    target: &Parsed,
    actual: &Parsed,
    words: &DirectionWords,
) -> Option<(f64, f64)> {
    let t = in_context(ind, target, Some(actual), words);
    let a = in_context(ind, actual, Some(&*t), words);
    match (&t.kind, &a.kind) {
        (
            ValueKind::Number {
                value: tv,
                unit: tu,
            },
            ValueKind::Number {
                value: av,
                unit: au,
            },
        ) => {
            let agree = match (tu, au) {
                (Some(x), Some(y)) => x == y,
                _ => true,
            };
            (agree || *tv == 0.0).then_some((*tv, *av))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Located};
    use crate::parse::{parse_operator, parse_value};

    fn ind(l2: &str, name: &str, target: &str) -> Indicator {
        let mut i = Indicator::new(0, Located::new(name.to_string(), Loc::new(0, 0)));
        i.category = Category::classify(None, Some(l2));
        i.target = Some(Located::new(parse_value(target), Loc::new(0, 1)));
        i
    }

    fn dir(l2: &str, name: &str, target: &str) -> (Direction, Basis, bool) {
        let s = direction(&ind(l2, name, target), &DirectionWords::default());
        (s.direction, s.basis, s.zero)
    }

    use Direction::*;

    #[test]
    fn written_operators_rule() {
        assert_eq!(dir("质量指标", "合格率", "≥95%").0, Higher);
        assert_eq!(dir("时效指标", "处理时间", "≤48小时").0, Lower);
        assert_eq!(dir("质量指标", "合格率", "=100%").0, Exact);
        assert_eq!(dir("社会效益指标", "环境", "有效改善").0, Qualitative);
        // Written wins over meaning: `≥` on a cost is V010's business, not a new direction.
        assert_eq!(
            dir("成本指标", "人均成本", "≥1.5万元"),
            (Higher, Basis::Value, false)
        );
        let mut i = ind("质量指标", "返修率", "5%");
        i.operator = parse_operator("反向").map(|o| Located::new(o, Loc::new(0, 2)));
        let s = direction(&i, &DirectionWords::default());
        assert_eq!((s.direction, s.basis), (Lower, Basis::Column));
    }

    #[test]
    fn costs_without_an_operator_are_caps() {
        assert_eq!(
            dir("成本指标", "单体修缮成本", "30万元"),
            (Lower, Basis::Cost(Some("成本".into())), false)
        );
        assert_eq!(
            dir("成本指标", "单价控制", "350元/平方米"),
            (Lower, Basis::Cost(None), false)
        );
        assert_eq!(dir("数量指标", "培训费用", "5万元").0, Lower);
        assert_eq!(dir("数量指标", "办公经费", "20万元").0, Lower);
        // Near misses: a rate under 成本指标 is not an amount; an output count is not a cost.
        assert_eq!(
            dir("成本指标", "预算执行率", "90%"),
            (Higher, Basis::Default, false)
        );
        assert_eq!(dir("数量指标", "维修校舍", "10所").0, Higher);
    }

    #[test]
    fn rates_of_bad_things_are_lower_is_better() {
        for name in [
            "群众投诉率",
            "安全事故率",
            "传染病发生率",
            "差错率",
            "超支率",
            "空置率",
            "病死率",
            "失误率",
            "违约率",
            "返工率",
            "损失率",
            "发病率",
        ] {
            assert_eq!(dir("质量指标", name, "5%").0, Lower, "{name}");
        }
        // Near misses: good rates with a bad word nearby.
        assert_eq!(dir("质量指标", "投诉处理率", "95%").0, Higher);
        assert_eq!(dir("质量指标", "事故处置及时率", "95%").0, Higher);
    }

    #[test]
    fn falls_and_savings_are_higher_is_better() {
        for name in ["成本下降率", "能耗降低率", "资金节约率", "事故减少率"] {
            let (d, b, _) = dir("成本指标", name, "5%");
            assert_eq!(d, Higher, "{name}");
            assert!(matches!(b, Basis::Fall(_)), "{name}: {b:?}");
        }
        assert_eq!(
            dir("社会效益指标", "事故发生率下降率", "10%").0,
            Higher,
            "the fall wins over the bad rate it measures"
        );
    }

    #[test]
    fn zero_targets() {
        for t in ["=0", "0", "≤0", "不发生", "零", "0起", "=0次", "零事故"] {
            assert!(dir("质量指标", "安全事故", t).2, "{t}");
        }
        // Near misses: written ≥0, a small target, a qualitative one.
        assert!(!dir("数量指标", "新增", "≥0个").2);
        assert!(!dir("数量指标", "新增", "1个").2);
        assert!(!dir("社会效益指标", "影响", "无明显变化").2);
    }

    #[test]
    fn configured_words() {
        let words = DirectionWords {
            cost: vec!["开支".into()],
            lower: vec!["空驶率".into()],
            higher: vec![],
        };
        let s = |name: &str, t: &str| direction(&ind("数量指标", name, t), &words).direction;
        assert_eq!(s("车辆空驶率", "10%"), Lower);
        assert_eq!(s("公务开支", "5万元"), Lower);
        assert_eq!(
            s("培训费用", "5万元"),
            Higher,
            "费用 is no longer a cost word"
        );
        assert_eq!(s("成本下降率", "5%"), Higher);
    }

    #[test]
    fn money_in_context_and_comparable_values() {
        let w = DirectionWords::default();
        let cost = ind("成本指标", "单体平均修缮成本", "≤30万元");
        let p = |s: &str| parse_value(s);
        assert_eq!(
            comparable(&cost, &p("≤30万元"), &p("25万"), &w),
            Some((30.0, 25.0))
        );
        assert_eq!(
            comparable(&cost, &p("≤300000元"), &p("25万元"), &w),
            Some((30.0, 25.0))
        );
        assert_eq!(
            comparable(&cost, &p("≤30万元"), &p("280000元"), &w),
            Some((30.0, 28.0))
        );
        // Money by the other side alone.
        let count = ind("数量指标", "完成投资", "≥250万元");
        assert_eq!(
            comparable(&count, &p("≥250万元"), &p("100万"), &w),
            Some((250.0, 100.0))
        );
        // Near miss: a bare 万 of people stays people.
        let people = ind("社会效益指标", "受益人口", "≥8.5万人");
        assert_eq!(
            comparable(&people, &p("≥8.5万人"), &p("7.65万"), &w),
            Some((85000.0, 76500.0))
        );
        assert_eq!(comparable(&people, &p("≥8.5万人"), &p("90%"), &w), None);
        // A zero target compares with any unit.
        let zero = ind("质量指标", "安全事故", "=0次");
        assert_eq!(
            comparable(&zero, &p("=0次"), &p("2起"), &w),
            Some((0.0, 2.0))
        );
    }

    #[test]
    fn money_context_for_values_read_alone() {
        let w = DirectionWords::default();
        let mut budget = ind("数量指标", "年度本级预算金额", "250万");
        assert!(is_money(&budget, &w));
        let written = parse_value("250万");
        let v = in_context(&budget, &written, None, &w);
        assert!(
            matches!(v.kind, ValueKind::Number { value, unit: Some(ref u) } if value == 250.0 && u == "万元")
        );
        budget.name.value = "受益人口".into();
        assert!(!is_money(&budget, &w));
        budget.measure_unit = Some(Located::new("元".into(), Loc::new(0, 3)));
        assert!(is_money(&budget, &w), "a money unit column");
    }
}
