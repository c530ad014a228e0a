//! 评价结果应用: what a project's grade means for next year's budget.

use serde::Serialize;

use super::Grade;
use crate::i18n::Lang;

/// The proposed use of a self-evaluation result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Use {
    /// 优先保障 (优)
    Prioritise,
    /// 保持 (良)
    Keep,
    /// 调整完善 (中)
    Improve,
    /// 压减 (差)
    Cut,
    /// 清退 (差, and the project period ends this year)
    ClearOut,
}

impl Use {
    pub fn of(grade: Grade, expiring: bool) -> Use {
        match grade {
            Grade::Excellent => Use::Prioritise,
            Grade::Good => Use::Keep,
            Grade::Fair => Use::Improve,
            Grade::Poor if expiring => Use::ClearOut,
            Grade::Poor => Use::Cut,
        }
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Use::Prioritise, Lang::Zh) => "优先保障",
            (Use::Keep, Lang::Zh) => "保持",
            (Use::Improve, Lang::Zh) => "调整完善",
            (Use::Cut, Lang::Zh) => "压减",
            (Use::ClearOut, Lang::Zh) => "清退",
            (Use::Prioritise, Lang::En) => "prioritise",
            (Use::Keep, Lang::En) => "keep",
            (Use::Improve, Lang::En) => "improve",
            (Use::Cut, Lang::En) => "cut",
            (Use::ClearOut, Lang::En) => "clear out",
        }
    }

    /// Why, in words.
    pub fn reason(self, grade: Grade, score: f64, lang: Lang) -> String {
        let s = format!("{:.2}", super::round2(score));
        match lang {
            Lang::Zh => match self {
                Use::Prioritise => format!("自评{s}分，等级“优”，下年度预算可优先保障"),
                Use::Keep => format!("自评{s}分，等级“良”，保持预算规模"),
                Use::Improve => format!("自评{s}分，等级“中”，调整完善项目实施和绩效目标"),
                Use::Cut => format!("自评{s}分，等级“差”，压减下年度预算"),
                Use::ClearOut => format!("自评{s}分，等级“差”且项目期本年到期，予以清退"),
            },
            Lang::En => format!("scored {s}, grade {}: {}", grade.en(), self.label(Lang::En)),
        }
    }

    /// The share of next year's budget this use takes away (only a cut, and only when the county set it).
    pub fn cut_share(self, cut_percent: Option<f64>) -> Option<f64> {
        match self {
            Use::ClearOut => Some(1.0),
            Use::Cut => cut_percent.map(|p| p / 100.0),
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
