//! 评价结果应用: what a project's grade means for next year's budget.

use serde::Serialize;

use super::Grade;
use crate::i18n::Lang;

/// The proposed use of a self-evaluation result (财预〔2020〕10号: 中 and 差
/// have their budgets cut as the case warrants; the seed: projects that
/// expire with 绩效不高 are cleared out).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Use {
    /// 优先保障 (优)
    Prioritise,
    /// 保持 (良)
    Keep,
    /// 调整完善 and a proportional cut (中)
    Improve,
    /// 压减 (差)
    Cut,
    /// 清退 (绩效不高 — 中 or 差 by default — and the project period ends this year)
    ClearOut,
    /// 未判定: the score rests on figures that could not be read.
    Undetermined,
}

/// How results are applied (configurable under `[evaluate]`).
#[derive(Debug, Clone, PartialEq)]
pub struct Application {
    /// Percent of next year's budget cut for 中 (0 = none).
    pub cut_fair_percent: f64,
    /// Percent of next year's budget cut for 差 (0 = none).
    pub cut_poor_percent: f64,
    /// Grades that count as 绩效不高: expiring with one of them is cleared out.
    pub clear_out: Vec<Grade>,
}

impl Default for Application {
    fn default() -> Self {
        Application {
            cut_fair_percent: 10.0,
            cut_poor_percent: 20.0,
            clear_out: vec![Grade::Fair, Grade::Poor],
        }
    }
}

impl Use {
    pub fn of(grade: Grade, expiring: bool, judged: bool, how: &Application) -> Use {
        if !judged {
            return Use::Undetermined;
        }
        match grade {
            g if expiring && how.clear_out.contains(&g) => Use::ClearOut,
            Grade::Excellent => Use::Prioritise,
            Grade::Good => Use::Keep,
            Grade::Fair => Use::Improve,
            Grade::Poor => Use::Cut,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Use::Prioritise, Lang::Zh) => "优先保障",
            (Use::Keep, Lang::Zh) => "保持",
            (Use::Improve, Lang::Zh) => "调整完善并核减",
            (Use::Cut, Lang::Zh) => "压减",
            (Use::ClearOut, Lang::Zh) => "清退",
            (Use::Undetermined, Lang::Zh) => "未判定",
            (Use::Prioritise, Lang::En) => "prioritise",
            (Use::Keep, Lang::En) => "keep",
            (Use::Improve, Lang::En) => "improve and cut",
            (Use::Cut, Lang::En) => "cut",
            (Use::ClearOut, Lang::En) => "clear out",
            (Use::Undetermined, Lang::En) => "not judged",
        }
    }

    /// Why, in words.
    pub fn reason(self, grade: Grade, score: f64, lang: Lang) -> String {
        let s = format!("{:.2}", super::round2(score));
        match lang {
            Lang::Zh => match self {
                Use::Prioritise => format!("自评{s}分，等级“优”，下年度预算可优先保障"),
                Use::Keep => format!("自评{s}分，等级“良”，保持预算规模"),
                Use::Improve => {
                    format!("自评{s}分，等级“中”，调整完善项目实施和绩效目标，并根据情况核减预算")
                }
                Use::Cut => format!("自评{s}分，等级“差”，压减下年度预算"),
                Use::ClearOut => format!(
                    "自评{s}分，等级“{}”（绩效不高）且项目期本年到期，予以清退",
                    grade.zh()
                ),
                Use::Undetermined => {
                    format!("复算{s}分未计入无法读取的数据，等级未作判定，暂不提出预算安排建议")
                }
            },
            Lang::En => format!("scored {s}, grade {}: {}", grade.en(), self.label(Lang::En)),
        }
    }

    /// The share of next year's budget this use takes away.
    pub fn cut_share(self, how: &Application) -> Option<f64> {
        let share = |p: f64| (p > 0.0).then_some(p / 100.0);
        match self {
            Use::ClearOut => Some(1.0),
            Use::Cut => share(how.cut_poor_percent),
            Use::Improve => share(how.cut_fair_percent),
            _ => None,
        }
    }
}

/// One project's self-evaluation result and its proposed use.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluated {
    /// Index into `Reading::projects`.
    pub project: usize,
    pub scored: super::score::Scored,
    /// The project period ends in the budget year.
    pub expiring: bool,
    pub usage: Use,
    /// Next year's budget line (万元), when a next-year budget was given and joined.
    pub next_budget: Option<f64>,
    /// The amount the proposed use takes away (万元), when it can be said.
    pub affected: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fair_and_poor_are_cut_and_clear_out_on_expiry() {
        let how = Application::default();
        let fair = Use::of(Grade::Fair, false, true, &how);
        assert_eq!((fair, fair.cut_share(&how)), (Use::Improve, Some(0.1)));
        let poor = Use::of(Grade::Poor, false, true, &how);
        assert_eq!((poor, poor.cut_share(&how)), (Use::Cut, Some(0.2)));
        assert_eq!(Use::of(Grade::Fair, true, true, &how), Use::ClearOut);
        assert_eq!(Use::of(Grade::Poor, true, true, &how), Use::ClearOut);
        // Near misses: 良 expiring is kept; a score not judged proposes nothing.
        assert_eq!(Use::of(Grade::Good, true, true, &how), Use::Keep);
        let unjudged = Use::of(Grade::Poor, true, false, &how);
        assert_eq!(
            (unjudged, unjudged.cut_share(&how)),
            (Use::Undetermined, None)
        );
    }

    #[test]
    fn the_county_sets_the_cuts_and_the_grades_cleared_out() {
        let how = Application {
            cut_fair_percent: 0.0,
            cut_poor_percent: 30.0,
            clear_out: vec![Grade::Poor],
        };
        assert_eq!(Use::of(Grade::Fair, true, true, &how), Use::Improve);
        assert_eq!(Use::Improve.cut_share(&how), None);
        assert_eq!(Use::Cut.cut_share(&how), Some(0.3));
    }
}
