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

/// Weights and thresholds (configurable under `[assess]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scheme {
    /// In the order of [`AssessAspect::ALL`].
    pub weights: [f64; 6],
    pub support_from: f64,
    pub adjust_from: f64,
}

impl Default for Scheme {
    fn default() -> Self {
        Scheme {
            weights: [1.0; 6],
            support_from: 80.0,
            adjust_from: 60.0,
        }
    }
}

impl Scheme {
    /// The conclusion a total bears out (lower bounds inclusive).
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

/// What a tick-box line says.
#[derive(Debug, PartialEq)]
enum Ticked {
    /// No boxes or ticks: plain text.
    NoBoxes,
    /// Boxes, but none (or more than one) ticked.
    None,
    /// The one ticked option's words.
    One(String),
}

/// Marks of a ticked box, before or after its words.
const TICKS: &[char] = &['☑', '√', '■', '●', '▇', '✔', '✓', '☒', '▣'];
/// Marks of an empty box.
const BOXES: &[char] = &['□', '☐', '○', '◻'];

/// The ticked option of a line of boxes: `☑予以支持 □调整完善后予以支持 □不予支持`
/// or `予以支持√ 调整完善后予以支持□`.
fn ticked(text: &str) -> Ticked {
    let is_mark = |c: char| TICKS.contains(&c) || BOXES.contains(&c);
    if !text.chars().any(is_mark) {
        return Ticked::NoBoxes;
    }
    // Words and marks in order; a mark belongs to the words after it when the
    // line starts with a mark, else to the words before it.
    enum Token {
        Mark(bool),
        Word(String),
    }
    let mut tokens: Vec<Token> = Vec::new();
    for c in text.chars() {
        if is_mark(c) {
            tokens.push(Token::Mark(TICKS.contains(&c)));
        } else if c.is_whitespace() || matches!(c, '，' | ',' | '；' | ';') {
            tokens.push(Token::Word(String::new()));
        } else if let Some(Token::Word(w)) = tokens.last_mut() {
            w.push(c);
        } else {
            tokens.push(Token::Word(c.to_string()));
        }
    }
    tokens.retain(|t| !matches!(t, Token::Word(w) if w.is_empty()));
    let marks_first = matches!(tokens.first(), Some(Token::Mark(_)));
    let mut options: Vec<(bool, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Token::Mark(ticked) = t else { continue };
        let neighbour = if marks_first {
            tokens.get(i + 1)
        } else {
            i.checked_sub(1).and_then(|j| tokens.get(j))
        };
        if let Some(Token::Word(w)) = neighbour {
            options.push((*ticked, w.clone()));
        }
    }
    let chosen: Vec<&String> = options
        .iter()
        .filter(|(t, w)| *t && !w.is_empty())
        .map(|(_, w)| w)
        .collect();
    match chosen.as_slice() {
        [one] => Ticked::One((*one).clone()),
        _ => Ticked::None,
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
    pub total: f64,
    /// On a form with its own points: the points scored and the points possible
    /// (a stated 总分 is in these points, not on the 100-point scale).
    pub form_points: Option<(f64, f64)>,
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

/// Recomputes one assessment.
pub fn assess(index: usize, a: &Assessment, scheme: &Scheme) -> Assessed {
    let mut scores = Vec::new();
    let mut missing = Vec::new();
    let mut unreadable = Vec::new();
    let mut weighted = 0.0;
    // A form's own points (分值) weigh its aspects; else the configured weights.
    let form = !a.points.is_empty();
    let mut weight_sum = 0.0;
    let mut scored_points = 0.0;
    for (i, aspect) in AssessAspect::ALL.into_iter().enumerate() {
        let cell = a.aspects.iter().find(|(x, _)| *x == aspect).map(|(_, t)| t);
        let points = a.points.iter().find(|(x, _)| *x == aspect).map(|p| p.1);
        let weight = if form {
            points.unwrap_or(0.0)
        } else {
            scheme.weights[i]
        };
        let score = cell.and_then(|t| match points.filter(|p| *p > 0.0) {
            // Points out of the aspect's own maximum, brought to the 100-point scale.
            Some(p) => points_of(&t.value)
                .filter(|v| *v <= p)
                .map(|v| v / p * 100.0)
                .or_else(|| rating_of(&t.value)),
            None => aspect_score(&t.value),
        });
        match (cell, score) {
            (None, _) => missing.push(aspect),
            (Some(_), None) => unreadable.push(aspect),
            (Some(_), Some(s)) => {
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
    let complete = unreadable.is_empty();
    Assessed {
        index,
        scores,
        missing,
        unreadable,
        total,
        form_points: form.then_some((scored_points, weight_sum)),
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
