//! Ex-ante assessments (事前绩效评估) and publication records (绩效信息公开), one row each.

use chrono::NaiveDate;
use serde::Serialize;

use super::project::Located;

/// The six aspects of an ex-ante assessment (domain.md §6), in the order forms list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AssessAspect {
    /// 立项必要性
    Necessity,
    /// 投入经济性
    Economy,
    /// 绩效目标合理性
    Targets,
    /// 方案完整性
    Completeness,
    /// 计划可行性
    Feasibility,
    /// 筹资合规性
    Funding,
}

impl AssessAspect {
    pub const ALL: [AssessAspect; 6] = [
        AssessAspect::Necessity,
        AssessAspect::Economy,
        AssessAspect::Targets,
        AssessAspect::Completeness,
        AssessAspect::Feasibility,
        AssessAspect::Funding,
    ];

    pub fn zh(self) -> &'static str {
        match self {
            AssessAspect::Necessity => "立项必要性",
            AssessAspect::Economy => "投入经济性",
            AssessAspect::Targets => "绩效目标合理性",
            AssessAspect::Completeness => "方案完整性",
            AssessAspect::Feasibility => "计划可行性",
            AssessAspect::Funding => "筹资合规性",
        }
    }

    /// A short form for narrow terminal columns.
    pub fn short_zh(self) -> &'static str {
        match self {
            AssessAspect::Necessity => "必要性",
            AssessAspect::Economy => "经济性",
            AssessAspect::Targets => "目标合理",
            AssessAspect::Completeness => "完整性",
            AssessAspect::Feasibility => "可行性",
            AssessAspect::Funding => "合规性",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            AssessAspect::Necessity => "necessity",
            AssessAspect::Economy => "economy",
            AssessAspect::Targets => "targets",
            AssessAspect::Completeness => "completeness",
            AssessAspect::Feasibility => "feasibility",
            AssessAspect::Funding => "funding",
        }
    }
}

/// One ex-ante assessment row: a new policy or project and how it was judged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Index into the tables of the reading.
    pub table: usize,
    pub row: u32,
    pub name: Located<String>,
    pub code: Option<Located<String>>,
    pub unit: Option<Located<String>>,
    /// 项目类型 (新增 / 延续), when the table says.
    pub status: Option<Located<String>>,
    /// Each aspect's cell as written (a score or a rating such as 优 / 良 / 充分).
    pub aspects: Vec<(AssessAspect, Located<String>)>,
    /// The points each aspect may earn, where a form gives them (分值): its
    /// scores are then points out of these, not out of 100.
    pub points: Vec<(AssessAspect, f64)>,
    /// 评估总分 as stated.
    pub stated_total: Option<Located<f64>>,
    /// 评估主体: the unit itself or a third party (第三方).
    pub assessor: Option<Located<String>>,
    /// 评估结论 as written (予以支持 / 调整完善后予以支持 / 不予支持).
    pub conclusion: Option<Located<String>>,
}

/// What a published item is (the 20-day rule concerns reports; targets go with the budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PubKind {
    /// 绩效目标: published together with the budget.
    Targets,
    /// 绩效自评报告: within 20 days of being formed.
    SelfEvaluation,
    /// 重点项目绩效评价报告: within 20 days of being formed.
    KeyEvaluation,
}

impl PubKind {
    /// The kind a written label names (`绩效自评报告`, `部门整体绩效目标`, `重点评价报告` …).
    pub fn of(text: &str) -> Option<PubKind> {
        let k = crate::parse::text::header_key(text);
        if k.contains("自评") {
            Some(PubKind::SelfEvaluation)
        } else if k.contains("评价") {
            Some(PubKind::KeyEvaluation)
        } else if k.contains("目标") {
            Some(PubKind::Targets)
        } else {
            None
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            PubKind::Targets => "绩效目标",
            PubKind::SelfEvaluation => "绩效自评报告",
            PubKind::KeyEvaluation => "重点项目绩效评价报告",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            PubKind::Targets => "targets",
            PubKind::SelfEvaluation => "self-evaluation report",
            PubKind::KeyEvaluation => "key evaluation report",
        }
    }
}

/// One publication record: a report or target set, when it was formed and when published.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Publication {
    pub table: usize,
    pub row: u32,
    /// The report or item (报告名称 / 公开事项 / 项目名称).
    pub name: Located<String>,
    pub unit: Option<Located<String>>,
    pub kind: Option<Located<PubKind>>,
    /// 报告形成日期 (for targets: the date the budget was published, when no column says it).
    pub formed: Option<Located<NaiveDate>>,
    /// 预算公开日期, for targets.
    pub budget_published: Option<Located<NaiveDate>>,
    /// 公开日期; None when not (yet) published.
    pub published: Option<Located<NaiveDate>>,
    /// 公开网址 / 公开渠道.
    pub place: Option<Located<String>>,
}
