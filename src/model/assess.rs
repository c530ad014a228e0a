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

    /// The aspect a row or column label names, by meaning rather than by exact
    /// wording: `立项必要性`, `政策设立必要性`, `财政投入经济性`, `实施方案可行性`,
    /// `方案可行性`, `实施方案完整性`, `资金筹措合规性`, with numbering
    /// (`一、`, `1.`) and points (`（20分）`) around them. Long text (an item's
    /// description) names none.
    pub fn by_meaning(label: &str) -> Option<AssessAspect> {
        let k = crate::parse::text::header_key(label);
        let k = k.trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十、.．()（）".contains(c)
        });
        // The label without its points: `立项必要性(20分)` → `立项必要性`.
        let bare = k.split(['(', '（']).next().unwrap_or(k);
        if bare.is_empty() || bare.chars().count() > 12 {
            return None;
        }
        let has = |w: &str| bare.contains(w);
        if has("必要") {
            Some(AssessAspect::Necessity)
        } else if has("筹资") || has("资金筹措") || has("合规") {
            Some(AssessAspect::Funding)
        } else if has("经济") || (has("预算") && has("合理")) {
            Some(AssessAspect::Economy)
        } else if has("完整") {
            Some(AssessAspect::Completeness)
        } else if has("可行") {
            Some(AssessAspect::Feasibility)
        } else if has("目标") && (has("合理") || has("明确") || has("科学")) {
            Some(AssessAspect::Targets)
        } else {
            None
        }
    }

    /// Whether a 可行性 label speaks of the plan as a whole (`实施方案可行性`,
    /// `方案可行性`), as the five-aspect national list does: it then covers
    /// 方案完整性 too, where the form has no row of its own for that.
    pub fn covers_plan(label: &str) -> bool {
        let k = crate::parse::text::header_key(label);
        AssessAspect::by_meaning(&k) == Some(AssessAspect::Feasibility) && k.contains("方案")
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
    /// Aspects another row or column covers (`实施方案可行性` covers 方案完整性):
    /// neither missing nor weighed.
    pub combined: Vec<AssessAspect>,
    /// On a 审核表 scored item by item (`优□良☑中□差□`): each item as ticked.
    /// An aspect with items scores their points, not a cell of its own.
    pub items: Vec<ScoredItem>,
    /// The shares of an item's points 优/良/中/差 earn, where the form states them.
    pub shares: Option<[f64; 4]>,
    /// 得分小计 rows: the points each states for the items since the previous one.
    pub subtotals: Vec<Subtotal>,
    /// Conclusion thresholds the form states (`80分（含）以上予以支持`).
    pub thresholds: Option<Located<crate::parse::ticks::Thresholds>>,
}

/// One item (审核要点) of a 审核表: its aspect, its points and how it was marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoredItem {
    pub aspect: AssessAspect,
    /// The cell that holds the mark.
    pub at: super::project::Loc,
    /// The points the item may earn (分值).
    pub points: f64,
    pub mark: ItemMark,
}

/// How an item was marked.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemMark {
    /// The band ticked: 0 优, 1 良, 2 中, 3 差.
    Band(usize),
    /// Points written, or stated by the ticked option (`良(4分)`).
    Points(f64),
    /// Nothing ticked, several ticked, or a cell perf cannot read.
    Unread,
}

/// A 得分小计 row: the points it states and the items it sums (indices into `items`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subtotal {
    pub at: super::project::Loc,
    pub stated: Option<f64>,
    pub items: std::ops::Range<usize>,
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
    /// 报告形成日期 (of a report; for targets it says nothing of the budget's publication).
    pub formed: Option<Located<NaiveDate>>,
    /// 预算公开日期, for targets.
    pub budget_published: Option<Located<NaiveDate>>,
    /// 预算批复日期: a department publishes its budget, and its targets with
    /// it, within 20 days of the approval (预算法 §14).
    pub budget_approved: Option<Located<NaiveDate>>,
    /// 公开日期; None when not (yet) published.
    pub published: Option<Located<NaiveDate>>,
    /// 公开网址 / 公开渠道.
    pub place: Option<Located<String>>,
}
