//! Blank forms that perf reads perfectly: a pure description of each template (cells, dropdowns, input messages, example rows).
//!
//! Nothing here writes a file: `render::xlsx::template` turns a [`Template`]
//! into a workbook. Adding a kind of form is one variant of [`Kind`], one arm
//! in [`Kind::build`] and one function that describes the form.

pub mod assess;
pub mod flat;
pub mod forms;
pub mod lists;
pub mod records;

use clap::ValueEnum;

/// The forms `perf template` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    /// 项目支出绩效目标汇总表（每行一个指标）/ flat summary of targets
    Targets,
    /// 政策及项目绩效目标表（官方表样，每表一个项目）/ official target form
    TargetForm,
    /// 项目支出预算表 / budget lines
    Budget,
    /// 预算资金执行情况表 / fund execution to date
    Execution,
    /// 绩效目标执行监控汇总表（每行一个指标）/ flat indicator monitoring
    Monitoring,
    /// 项目支出绩效目标执行监控表（官方表样）/ official monitoring form
    MonitoringForm,
    /// 项目支出绩效自评汇总表（每行一个指标）/ flat self-evaluation
    Selfeval,
    /// 项目支出绩效自评表（官方表样）/ official self-evaluation form
    SelfevalForm,
    /// 事前绩效评估结果汇总表（每行一个项目）/ flat ex-ante assessments
    Assessment,
    /// 事前绩效评估评分表（每表一个项目）/ one project's assessment form
    AssessmentForm,
    /// 绩效信息公开登记表 / publication record
    Publication,
    /// 部门（单位）整体绩效目标表 / whole-unit targets
    UnitTargets,
}

impl Kind {
    /// Every kind, in the order the guide and `templates-xlsx/` list them.
    pub const ALL: [Kind; 12] = [
        Kind::Targets,
        Kind::TargetForm,
        Kind::Budget,
        Kind::Execution,
        Kind::Monitoring,
        Kind::MonitoringForm,
        Kind::Selfeval,
        Kind::SelfevalForm,
        Kind::Assessment,
        Kind::AssessmentForm,
        Kind::Publication,
        Kind::UnitTargets,
    ];

    /// The name on the command line (`target-form`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Targets => "targets",
            Kind::TargetForm => "target-form",
            Kind::Budget => "budget",
            Kind::Execution => "execution",
            Kind::Monitoring => "monitoring",
            Kind::MonitoringForm => "monitoring-form",
            Kind::Selfeval => "selfeval",
            Kind::SelfevalForm => "selfeval-form",
            Kind::Assessment => "assessment",
            Kind::AssessmentForm => "assessment-form",
            Kind::Publication => "publication",
            Kind::UnitTargets => "unit-targets",
        }
    }

    /// The form's Chinese name, as officers call it.
    pub fn zh(self) -> &'static str {
        match self {
            Kind::Targets => "项目支出绩效目标汇总表",
            Kind::TargetForm => "政策及项目绩效目标表",
            Kind::Budget => "项目支出预算表",
            Kind::Execution => "预算资金执行情况表",
            Kind::Monitoring => "绩效目标执行监控汇总表",
            Kind::MonitoringForm => "项目支出绩效目标执行监控表",
            Kind::Selfeval => "项目支出绩效自评汇总表",
            Kind::SelfevalForm => "项目支出绩效自评表",
            Kind::Assessment => "事前绩效评估结果汇总表",
            Kind::AssessmentForm => "事前绩效评估评分表",
            Kind::Publication => "绩效信息公开登记表",
            Kind::UnitTargets => "部门（单位）整体绩效目标表",
        }
    }

    /// The file name in `templates-xlsx/`.
    pub fn file_name(self) -> String {
        format!("{}.xlsx", self.key())
    }

    /// The form for the budget year and month of `params`.
    pub fn build(self, params: &Params) -> Template {
        match self {
            Kind::Targets => flat::targets(params),
            Kind::TargetForm => forms::target_form(params),
            Kind::Budget => flat::budget(params),
            Kind::Execution => flat::execution(params),
            Kind::Monitoring => flat::monitoring(params),
            Kind::MonitoringForm => forms::monitoring_form(params),
            Kind::Selfeval => flat::selfeval(params),
            Kind::SelfevalForm => forms::selfeval_form(params),
            Kind::Assessment => records::assessment(params),
            Kind::AssessmentForm => assess::assessment_form(params),
            Kind::Publication => records::publication(params),
            Kind::UnitTargets => records::unit_targets(params),
        }
    }
}

/// What a template is made for: the budget year, and the month of the
/// monitoring round (`1-6月执行数`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Params {
    pub year: i32,
    pub month: u32,
}

/// A cell's content.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    /// An amount in 万元, shown with two decimals.
    Money(f64),
    /// A share (0.55 → 55.00%).
    Percent(f64),
    /// A date, written as an Excel date cell.
    Date(chrono::NaiveDate),
}

impl Value {
    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }
}

/// How a cell looks and whether the officer may change it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The form's title, large and bold.
    Title,
    /// A loose line without border (附件1, （2025年度）, 单位：万元).
    Plain,
    /// A column header or a form label: bold, grey, locked.
    Header,
    /// An example value the officer replaces: unlocked, in blue.
    Example,
    /// An empty input cell: unlocked.
    Input,
    /// 填表说明 under the form: wraps inside its merge.
    Note,
    /// Fixed text inside the grid (评估要点): bordered, wrapping, locked.
    Fixed,
}

/// One cell (or merged area) of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub row: u32,
    pub col: u16,
    /// Last row and column of the merge (equal to `row`/`col` when not merged).
    pub last_row: u32,
    pub last_col: u16,
    pub value: Value,
    pub role: Role,
}

impl Cell {
    pub fn new(row: u32, col: u16, value: Value, role: Role) -> Cell {
        Cell {
            row,
            col,
            last_row: row,
            last_col: col,
            value,
            role,
        }
    }

    /// The same cell merged to (`last_row`, `last_col`).
    pub fn to(mut self, last_row: u32, last_col: u16) -> Cell {
        self.last_row = last_row;
        self.last_col = last_col;
        self
    }
}

/// What an input area accepts.
#[derive(Debug, Clone, PartialEq)]
pub enum Choice {
    /// Anything; only the input message.
    Free,
    /// 一级指标 from the list.
    Level1,
    /// 二级指标 among those of the 一级指标 in column `level1_col` of the same row.
    Level2 { level1_col: u16 },
    /// One of these (a warning when something else is typed).
    List(&'static [&'static str]),
    /// These are offered; anything else is accepted silently.
    Suggest(&'static [&'static str]),
    /// A number not below zero.
    Amount,
    /// A score from 0 to 100 (a warning otherwise: a rating such as 优 may be confirmed).
    Score,
    /// A date (a warning when something else is typed).
    Date,
}

/// An area the officer fills, with its dropdown and the message shown on entering a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Input {
    pub first_row: u32,
    pub last_row: u32,
    pub first_col: u16,
    pub last_col: u16,
    pub choice: Choice,
    /// Input message title (Excel shows at most 32 characters).
    pub title: String,
    /// Input message text (at most 255 characters).
    pub message: String,
}

/// A whole form: one sheet plus the shared lists of indicators.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    pub kind: Kind,
    pub sheet: String,
    pub cells: Vec<Cell>,
    pub inputs: Vec<Input>,
    /// Header rows (first, last; zero-based): locked, repeated on every printed page.
    pub header_rows: (u32, u32),
    /// Rows frozen at the top of the window (none for the tall official forms).
    pub freeze_rows: Option<u32>,
    /// Whether rows below the last input row may be filled too (flat tables):
    /// their input columns are unlocked all the way down.
    pub open_ended: bool,
    /// Column widths in characters, from column A.
    pub widths: Vec<f64>,
    /// Rows needing more than one line (row, height in points).
    pub heights: Vec<(u32, f64)>,
}

impl Template {
    /// The text of the cell at (`row`, `col`), where one starts there.
    pub fn text_at(&self, row: u32, col: u16) -> Option<&Value> {
        self.cells
            .iter()
            .find(|c| c.row == row && c.col == col)
            .map(|c| &c.value)
    }

    /// The last row of the form.
    pub fn last_row(&self) -> u32 {
        let cells = self.cells.iter().map(|c| c.last_row);
        let inputs = self.inputs.iter().map(|i| i.last_row);
        cells.chain(inputs).max().unwrap_or(0)
    }
}

/// Example rows are marked in the project name so a forgotten one is noticed
/// (and set aside when read back: `model::example`).
pub use crate::model::example::EXAMPLE_MARK;

#[cfg(test)]
mod tests {
    use super::*;

    const P: Params = Params {
        year: 2025,
        month: 6,
    };

    #[test]
    fn every_kind_builds_a_form_with_an_example_and_messages() {
        for kind in Kind::ALL {
            let t = kind.build(&P);
            assert_eq!(t.kind, kind);
            assert!(
                t.cells.iter().any(|c| c.role == Role::Example),
                "{kind:?} has no example"
            );
            for input in &t.inputs {
                assert!(
                    input.title.chars().count() <= 32,
                    "{kind:?}: {}",
                    input.title
                );
                assert!(
                    input.message.encode_utf16().count() <= 255,
                    "{kind:?}: {}",
                    input.message
                );
            }
            assert!(t.header_rows.0 <= t.header_rows.1);
        }
    }

    #[test]
    fn the_year_and_month_reach_the_titles() {
        let t = Kind::Execution.build(&Params {
            year: 2026,
            month: 9,
        });
        let texts: Vec<String> = t
            .cells
            .iter()
            .filter_map(|c| match &c.value {
                Value::Text(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        assert!(texts.iter().any(|s| s.contains("2026年度")), "{texts:?}");
        assert!(texts.iter().any(|s| s == "1-9月执行数"), "{texts:?}");
    }

    #[test]
    fn kinds_have_distinct_keys() {
        let mut keys: Vec<_> = Kind::ALL.iter().map(|k| k.key()).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), Kind::ALL.len());
    }
}
