//! 事前绩效评估, pure: each aspect's score, the weighted total, the conclusion the total bears out.
//!
//! Each of the six aspects is read on a 100-point scale: a number as written
//! (`85`, `85分`), or a rating mapped to the middle of its band (优 95, 良 85,
//! 中 70, 差 40; 充分/较充分/一般/不充分 and A–D likewise). The total is the
//! weighted mean of the six (equal weights by default), an aspect left blank
//! counting 0. The conclusion follows from the total where the sheet states
//! none: 予以支持 from 80, 调整完善后予以支持 from 60, 不予支持 below.

use serde::Serialize;

use crate::model::{AssessAspect, Assessment};
use crate::parse::text::header_key;
use crate::parse::ticks::{Ticked, ticked};

/// Weights and thresholds (configurable under `[assess]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scheme {
    /// In the order of [`AssessAspect::ALL`].
    pub weights: [f64; 6],
    pub support_from: f64,
    pub adjust_from: f64,
    /// The share of an item's points that 优, 良, 中 and 差 earn on a 审核表
    /// whose form does not state them.
    pub shares: [f64; 4],
}

impl Default for Scheme {
    fn default() -> Self {
        Scheme {
            weights: [1.0; 6],
            support_from: 80.0,
            adjust_from: 60.0,
            shares: [1.0, 0.8, 0.6, 0.4],
        }
    }
}

impl Scheme {
    /// The conclusion a total bears out (lower bounds inclusive).
    /// This scheme with the thresholds a form states in place of the configured ones.
    pub fn with_stated(&self, stated: Option<&crate::parse::ticks::Thresholds>) -> Scheme {
        let Some(t) = stated else { return *self };
        let support_from = t.support_from.unwrap_or(self.support_from);
        Scheme {
            support_from,
            adjust_from: t.adjust_from.unwrap_or(self.adjust_from.min(support_from)),
            ..*self
        }
    }

    pub fn conclusion_of(&self, total: f64) -> Conclusion {
        // Totals are compared as shown (two decimals), so 79.999… is not 80.
        let t = round2(total);
        if t >= self.support_from {
            Conclusion::Support
        } else if t >= self.adjust_from {
            Conclusion::Adjust
        } else {
            Conclusion::Reject
        }
    }
}

/// Rounds to two decimals, for display and comparison with thresholds.
pub fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// 评估结论.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Conclusion {
    /// 予以支持
    Support,
    /// 调整完善后予以支持
    Adjust,
    /// 不予支持
    Reject,
}

impl Conclusion {
    /// The conclusion a written text states, read as a phrase with negation
    /// first (`不建议支持` and `暂缓支持` are not support; `部分支持` is support
    /// after adjustment); on a tick-box line (`☑予以支持 □不予支持`, `予以支持√`)
    /// the ticked option. None when the text states none perf understands.
    pub fn of(text: &str) -> Option<Conclusion> {
        match ticked(text) {
            Ticked::One(option) => Self::of_phrase(&option),
            Ticked::None => None,
            Ticked::NoBoxes => Self::of_phrase(text),
        }
    }

    fn of_phrase(text: &str) -> Option<Conclusion> {
        let k = header_key(text);
        const REJECT: &[&str] = &[
            "不予",
            "不建议",
            "暂缓",
            "暂不",
            "不支持",
            "不同意",
            "不通过",
            "不予以",
            "否决",
        ];
        const ADJUST: &[&str] = &[
            "部分",
            "调整",
            "完善后",
            "有条件",
            "修改",
            "修订",
            "补充完善",
            "原则同意",
        ];
        const SUPPORT: &[&str] = &["予以支持", "建议支持", "支持", "同意", "通过"];
        if REJECT.iter().any(|w| k.contains(w)) {
            Some(Conclusion::Reject)
        } else if ADJUST.iter().any(|w| k.contains(w)) {
            Some(Conclusion::Adjust)
        } else if SUPPORT.iter().any(|w| k.contains(w)) {
            Some(Conclusion::Support)
        } else {
            None
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Conclusion::Support => "予以支持",
            Conclusion::Adjust => "调整完善后予以支持",
            Conclusion::Reject => "不予支持",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Conclusion::Support => "support",
            Conclusion::Adjust => "support after adjustment",
            Conclusion::Reject => "do not support",
        }
    }

    /// Whether the project may ask for budget on this conclusion (A001).
    pub fn passes(self) -> bool {
        self != Conclusion::Reject
    }
}

/// A rating word on the 100-point scale, or a number as written.
pub fn aspect_score(text: &str) -> Option<f64> {
    points_of(text).or_else(|| rating_of(text))
}

/// A number of points as written (`18`, `18分`, full-width digits), 0–100.
fn points_of(text: &str) -> Option<f64> {
    let k = crate::parse::text::to_half_width(&header_key(text));
    let number: String = k
        .trim_end_matches('分')
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    if number.is_empty() || number.len() != k.trim_end_matches('分').len() {
        return None;
    }
    number
        .parse()
        .ok()
        .filter(|v: &f64| (0.0..=100.0).contains(v))
}

/// A rating word at the middle of its band on the 100-point scale.
fn rating_of(text: &str) -> Option<f64> {
    let k = crate::parse::text::to_half_width(&header_key(text));
    let rating = match k.to_uppercase().as_str() {
        "优" | "优秀" | "好" | "充分" | "高" | "A" | "强" | "完全符合" | "合规" | "是" => {
            95.0
        }
        "良" | "良好" | "较好" | "较充分" | "较高" | "B" | "较强" | "基本符合" | "基本合规" => {
            85.0
        }
        "中" | "一般" | "中等" | "基本充分" | "C" | "部分符合" => 70.0,
        "差" | "较差" | "不充分" | "低" | "D" | "弱" | "不符合" | "不合规" | "否" => {
            40.0
        }
        _ => return None,
    };
    Some(rating)
}

/// Who assessed: the unit itself or a third party (第三方 / 中介机构 / 专家).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Assessor {
    Own,
    ThirdParty,
}

impl Assessor {
    pub fn of(text: &str) -> Option<Assessor> {
        let k = header_key(text);
        if k.is_empty() {
            None
        } else if ["第三方", "中介", "机构", "专家", "事务所", "公司"]
            .iter()
            .any(|w| k.contains(w))
        {
            Some(Assessor::ThirdParty)
        } else {
            Some(Assessor::Own)
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Assessor::Own => "单位自行评估",
            Assessor::ThirdParty => "第三方评估",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Assessor::Own => "own",
            Assessor::ThirdParty => "third party",
        }
    }
}

/// One assessment recomputed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessed {
    /// Index into `Reading::assessments`.
    pub index: usize,
    /// Each aspect's score on the 100-point scale; None when blank or not understood.
    pub scores: Vec<(AssessAspect, Option<f64>)>,
    /// Aspects not assessed (blank, or no column).
    pub missing: Vec<AssessAspect>,
    /// Aspect cells written but not understood as a score or rating.
    pub unreadable: Vec<AssessAspect>,
    /// Aspects of a 审核表 with items perf could not read (counted 0).
    pub partly_read: Vec<AssessAspect>,
    /// Aspects another row or column covers (方案完整性 under 实施方案可行性).
    pub combined: Vec<AssessAspect>,
    pub total: f64,
    /// On a form with its own points: the points scored and the points possible
    /// (a stated 总分 is in these points, not on the 100-point scale).
    pub form_points: Option<(f64, f64)>,
    /// 得分小计 rows that differ from their items: (cell, stated, recomputed).
    pub subtotals_off: Vec<SubtotalOff>,
    /// The thresholds the conclusion was derived with (support from, adjust from).
    pub thresholds: (f64, f64),
    /// Whether the form stated them (else the configured ones).
    pub thresholds_stated: bool,
    /// What the total bears out.
    pub derived: Conclusion,
    /// What the sheet states, when it states one perf understands.
    pub stated: Option<Conclusion>,
    /// The conclusion that rules the budget gate: the stricter of the stated and
    /// the derived one (the derived one only when every aspect was read).
    pub conclusion: Conclusion,
    /// Every aspect written was understood: the derived conclusion rests on all of them.
    pub complete: bool,
    /// False when a stated conclusion is more favourable than the total bears out.
    pub borne_out: bool,
    pub assessor: Option<Assessor>,
}

/// A 得分小计 that differs from its items: (cell, stated, recomputed).
pub type SubtotalOff = (crate::model::Loc, f64, f64);

/// The points each item of a 审核表 earned (None: not read), a 得分小计
/// standing in for items left unmarked, and the subtotals that differ.
fn item_points(a: &Assessment, shares: &[f64; 4]) -> (Vec<Option<f64>>, Vec<SubtotalOff>) {
    use crate::model::ItemMark;
    let mut earned: Vec<Option<f64>> = a
        .items
        .iter()
        .map(|x| match x.mark {
            ItemMark::Band(b) => shares.get(b).map(|s| x.points * s),
            // A number above the item's points is not read as more than them.
            ItemMark::Points(v) if x.points > 0.0 => Some(v.min(x.points)),
            ItemMark::Points(v) => Some(v),
            ItemMark::Unread => None,
        })
        .collect();
    let mut off = Vec::new();
    for st in &a.subtotals {
        let Some(range) = earned.get(st.items.clone()) else {
            continue;
        };
        let Some(stated) = st.stated else { continue };
        if !range.is_empty() && range.iter().all(Option::is_none) {
            // The reviewer wrote the group's points only: they stand for its items.
            for (k, e) in earned[st.items.clone()].iter_mut().enumerate() {
                *e = Some(if k == 0 { stated } else { 0.0 });
            }
        } else {
            let sum: f64 = range.iter().flatten().sum();
            if (sum - stated).abs() >= 0.005 {
                off.push((st.at, stated, sum));
            }
        }
    }
    (earned, off)
}

/// Recomputes one assessment.
pub fn assess(index: usize, a: &Assessment, scheme: &Scheme) -> Assessed {
    let scheme = scheme.with_stated(a.thresholds.as_ref().map(|t| &t.value));
    let mut scores = Vec::new();
    let mut missing = Vec::new();
    let mut unreadable = Vec::new();
    let mut partly_read = Vec::new();
    let mut weighted = 0.0;
    // A form's own points (分值) weigh its aspects; else the configured weights.
    let form = !a.points.is_empty();
    let points_of_aspect =
        |aspect: AssessAspect| a.points.iter().find(|(x, _)| *x == aspect).map(|p| p.1);
    let cell_of =
        |aspect: AssessAspect| a.aspects.iter().find(|(x, _)| *x == aspect).map(|(_, t)| t);
    // Scores are points out of each aspect's own unless one exceeds them: then
    // they are on the 100-point scale and the form's points are weights.
    let out_of_points = AssessAspect::ALL.iter().all(|&x| {
        match (
            cell_of(x).and_then(|t| points_of(&t.value)),
            points_of_aspect(x),
        ) {
            (Some(v), Some(p)) => v <= p,
            _ => true,
        }
    });
    // The form's own shares (`优、良、中、差分别按100%、80%、60%、40%`), else the configured ones.
    let (earned, subtotals_off) = item_points(a, &a.shares.unwrap_or(scheme.shares));
    let mut weight_sum = 0.0;
    let mut scored_points = 0.0;
    for (i, aspect) in AssessAspect::ALL.into_iter().enumerate() {
        let cell = cell_of(aspect);
        let points = points_of_aspect(aspect);
        let items: Vec<Option<f64>> = a
            .items
            .iter()
            .zip(&earned)
            .filter(|(x, _)| x.aspect == aspect)
            .map(|(_, e)| *e)
            .collect();
        if a.combined.contains(&aspect) && cell.is_none() && points.is_none() && items.is_empty() {
            // Covered by another aspect's row: neither missing nor weighed.
            scores.push((aspect, None));
            continue;
        }
        let weight = if form {
            points.unwrap_or(0.0)
        } else {
            scheme.weights[i]
        };
        let score = if !items.is_empty() {
            if items.iter().any(Option::is_none) {
                partly_read.push(aspect);
            }
            let sum: f64 = items.iter().flatten().sum();
            points
                .filter(|p| *p > 0.0)
                .map(|p| (sum / p * 100.0).min(100.0))
        } else {
            cell.and_then(|t| match points.filter(|p| *p > 0.0 && out_of_points) {
                // Points out of the aspect's own maximum, brought to the 100-point scale.
                Some(p) => points_of(&t.value)
                    .filter(|v| *v <= p)
                    .map(|v| v / p * 100.0)
                    .or_else(|| rating_of(&t.value)),
                None => aspect_score(&t.value),
            })
        };
        match (cell.is_some() || !items.is_empty(), score) {
            (false, _) => missing.push(aspect),
            (true, None) => unreadable.push(aspect),
            (true, Some(s)) => {
                weighted += s * weight;
                if form {
                    scored_points += s * weight / 100.0;
                }
            }
        }
        // A form's aspect with no row has no points, so weighs nothing; a blank score counts 0.
        weight_sum += weight;
        scores.push((aspect, score));
    }
    let total = if weight_sum > 0.0 {
        weighted / weight_sum
    } else {
        0.0
    };
    let derived = scheme.conclusion_of(total);
    let stated = a.conclusion.as_ref().and_then(|c| Conclusion::of(&c.value));
    let complete = unreadable.is_empty() && partly_read.is_empty();
    Assessed {
        index,
        scores,
        missing,
        unreadable,
        partly_read,
        combined: a.combined.clone(),
        total,
        form_points: (form && out_of_points).then_some((scored_points, weight_sum)),
        subtotals_off,
        thresholds: (scheme.support_from, scheme.adjust_from),
        thresholds_stated: a.thresholds.is_some(),
        derived,
        stated,
        conclusion: match stated {
            // Ordered Support < Adjust < Reject: the stricter is the larger.
            Some(s) if complete => s.max(derived),
            Some(s) => s,
            None => derived,
        },
        complete,
        // Ordered Support < Adjust < Reject: a stated conclusion better than derived is not borne out.
        borne_out: stated.is_none_or(|s| s >= derived),
        assessor: a.assessor.as_ref().and_then(|t| Assessor::of(&t.value)),
    }
}

/// Recomputes every assessment of a reading.
pub fn assess_all(reading: &crate::layout::Reading, scheme: &Scheme) -> Vec<Assessed> {
    reading
        .assessments
        .iter()
        .enumerate()
        .map(|(i, a)| assess(i, a, scheme))
        .collect()
}

/// Whether a written 项目类型 says the project is new (新增), continuing (延续), or neither.
pub fn is_new(status: &str) -> Option<bool> {
    let k = header_key(status);
    if k.contains("新增") || k.contains("新设") || k == "新" || k.contains("新建") {
        Some(true)
    } else if k.contains("延续") || k.contains("续建") || k.contains("经常") || k.contains("持续")
    {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Loc, Located};

    fn at() -> Loc {
        Loc::new(1, 1)
    }

    fn row(scores: [&str; 6], conclusion: Option<&str>) -> Assessment {
        Assessment {
            table: 0,
            row: 1,
            name: Located::new("项目".into(), at()),
            code: None,
            unit: None,
            status: None,
            aspects: AssessAspect::ALL
                .into_iter()
                .zip(scores)
                .filter(|(_, s)| !s.is_empty())
                .map(|(a, s)| (a, Located::new(s.to_string(), at())))
                .collect(),
            points: Vec::new(),
            stated_total: None,
            assessor: None,
            conclusion: conclusion.map(|c| Located::new(c.to_string(), at())),
            combined: Vec::new(),
            items: Vec::new(),
            shares: None,
            subtotals: Vec::new(),
            thresholds: None,
        }
    }

    #[test]
    fn equal_weights_give_the_mean() {
        let a = assess(
            0,
            &row(["90", "80", "70", "90", "80", "70"], None),
            &Scheme::default(),
        );
        assert_eq!(a.total, 80.0);
        assert_eq!(a.derived, Conclusion::Support);
        assert!(a.missing.is_empty());
    }

    #[test]
    fn conclusion_boundaries_are_inclusive_below() {
        let s = Scheme::default();
        assert_eq!(s.conclusion_of(80.0), Conclusion::Support);
        assert_eq!(s.conclusion_of(79.99), Conclusion::Adjust);
        assert_eq!(s.conclusion_of(79.996), Conclusion::Support);
        assert_eq!(s.conclusion_of(60.0), Conclusion::Adjust);
        assert_eq!(s.conclusion_of(59.99), Conclusion::Reject);
    }

    #[test]
    fn configured_weights_rule() {
        let scheme = Scheme {
            weights: [3.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            ..Scheme::default()
        };
        // 立项必要性 40 weighs three times: (120 + 5 × 100) / 8 = 77.5.
        let a = assess(
            0,
            &row(["40", "100", "100", "100", "100", "100"], None),
            &scheme,
        );
        assert_eq!(a.total, 77.5);
        assert_eq!(a.derived, Conclusion::Adjust);
    }

    #[test]
    fn ratings_and_blank_aspects() {
        let a = assess(
            0,
            &row(["优", "良", "中", "差", "较充分", ""], None),
            &Scheme::default(),
        );
        // (95 + 85 + 70 + 40 + 85 + 0) / 6
        assert!((a.total - 62.5).abs() < 1e-9);
        assert_eq!(a.missing, vec![AssessAspect::Funding]);
        assert_eq!(a.derived, Conclusion::Adjust);
    }

    #[test]
    fn a_stated_conclusion_the_scores_do_not_bear_out() {
        let r = row(["50", "50", "50", "50", "50", "50"], Some("予以支持"));
        let a = assess(0, &r, &Scheme::default());
        assert_eq!(
            (a.stated, a.derived),
            (Some(Conclusion::Support), Conclusion::Reject)
        );
        assert!(!a.borne_out);
        // The budget gate takes the stricter of the two.
        assert_eq!(a.conclusion, Conclusion::Reject);
        // Stricter than the scores is the assessor's right.
        let r = row(
            ["90", "90", "90", "90", "90", "90"],
            Some("调整完善后予以支持"),
        );
        assert!(assess(0, &r, &Scheme::default()).borne_out);
    }

    #[test]
    fn a_form_scores_points_out_of_its_own() {
        let mut r = row(["18", "12", "16", "15", "9", "10"], None);
        r.points = AssessAspect::ALL
            .into_iter()
            .zip([20.0, 15.0, 20.0, 20.0, 15.0, 10.0])
            .collect();
        let a = assess(0, &r, &Scheme::default());
        // 80 of 100 points.
        assert!((a.total - 80.0).abs() < 1e-9, "{}", a.total);
        assert_eq!(a.scores[0], (AssessAspect::Necessity, Some(90.0)));
        assert_eq!(
            a.form_points.map(|(s, p)| (round2(s), p)),
            Some((80.0, 100.0))
        );
        assert_eq!(a.derived, Conclusion::Support);
    }

    #[test]
    fn written_conclusions_and_statuses() {
        assert_eq!(Conclusion::of("不予支持"), Some(Conclusion::Reject));
        assert_eq!(
            Conclusion::of("调整完善后予以支持"),
            Some(Conclusion::Adjust)
        );
        assert_eq!(Conclusion::of("予以支持"), Some(Conclusion::Support));
        assert_eq!(Conclusion::of("待定"), None);
    }

    #[test]
    fn conclusions_are_read_as_phrases_negation_first() {
        for (text, want) in [
            ("不建议支持", Conclusion::Reject),
            ("暂缓支持", Conclusion::Reject),
            ("暂不支持", Conclusion::Reject),
            ("部分支持", Conclusion::Adjust),
            ("完善后予以支持", Conclusion::Adjust),
            ("有条件支持", Conclusion::Adjust),
            ("建议支持", Conclusion::Support),
            ("予以支持", Conclusion::Support),
        ] {
            assert_eq!(Conclusion::of(text), Some(want), "{text}");
        }
        // Near miss: words that state nothing are not guessed.
        assert_eq!(Conclusion::of("见附件"), None);
    }

    #[test]
    fn tick_boxes_give_the_ticked_option() {
        assert_eq!(
            Conclusion::of("☑予以支持 □调整完善后予以支持 □不予支持"),
            Some(Conclusion::Support)
        );
        assert_eq!(
            Conclusion::of("□予以支持 ☑调整完善后予以支持 □不予支持"),
            Some(Conclusion::Adjust)
        );
        assert_eq!(
            Conclusion::of("予以支持□ 调整完善后予以支持□ 不予支持√"),
            Some(Conclusion::Reject)
        );
        assert_eq!(
            Conclusion::of("■不予支持 □予以支持"),
            Some(Conclusion::Reject)
        );
        // Near misses: nothing ticked, or two ticked, is no conclusion.
        assert_eq!(Conclusion::of("□予以支持 □不予支持"), None);
        assert_eq!(Conclusion::of("☑予以支持 ☑不予支持"), None);
        assert_eq!(is_new("新增项目"), Some(true));
        assert_eq!(is_new("延续"), Some(false));
        assert_eq!(is_new(""), None);
        assert_eq!(aspect_score("85分"), Some(85.0));
        assert_eq!(aspect_score("１００"), Some(100.0));
        assert_eq!(aspect_score("120"), None);
        assert_eq!(Assessor::of("第三方机构"), Some(Assessor::ThirdParty));
        assert_eq!(Assessor::of("本单位"), Some(Assessor::Own));
    }
}
