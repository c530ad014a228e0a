//! Finding header rows (one or two rows, merged parents over sub-columns) and what each column means.

use serde::Serialize;

use super::fields::{Field, HeaderDict};
use super::grid::Grid;
use crate::parse::MoneyUnit;
use crate::parse::text::header_key;

/// One recognised column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    pub col: u32,
    pub field: Field,
    /// The header text as written (parent / child for two-row headers).
    pub header: String,
}

/// A recognised header: its rows, columns, and what its texts say of month and money unit.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub first_row: u32,
    pub last_row: u32,
    pub columns: Vec<Column>,
    pub month: Option<u32>,
    pub money_unit: Option<MoneyUnit>,
}

/// What kind of table a header introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderKind {
    /// 三级指标 with values: targets, monitoring or self-evaluation.
    Indicators,
    /// Project rows with money: budget lines or fund execution.
    Money,
    /// 事前绩效评估: one project per row with its aspects and conclusion.
    Assessment,
    /// 绩效信息公开: one report or item per row with its dates.
    Publication,
}

impl Header {
    pub fn col(&self, field: Field) -> Option<u32> {
        self.columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.col)
    }

    pub fn has(&self, field: Field) -> bool {
        self.col(field).is_some()
    }

    /// Two or more of the six aspects, or a conclusion beside a project: an ex-ante assessment.
    fn is_assessment(&self) -> bool {
        let aspects = self
            .columns
            .iter()
            .filter(|c| matches!(c.field, Field::Aspect(_)))
            .count();
        let named = self.has(Field::Project) || self.has(Field::Code);
        // The official form: one aspect per row (评估内容 | 分值 | 得分), the project above.
        if self.has(Field::AssessItem)
            && [
                Field::Score,
                Field::TotalScore,
                Field::Weight,
                Field::Opinion,
            ]
            .iter()
            .any(|f| self.has(*f))
        {
            return true;
        }
        // A bare 结论 beside money is more likely a budget table's remark column.
        named && (aspects >= 2 || (self.has(Field::Conclusion) && !self.has_money()))
    }

    fn has_money(&self) -> bool {
        [Field::BudgetInitial, Field::BudgetAdjusted, Field::Executed]
            .iter()
            .any(|f| self.has(*f))
    }

    /// A 公开日期 beside what was published (事项, 类型, 形成日期; a project name only without money).
    fn is_publication(&self) -> bool {
        self.has(Field::Published)
            && (self.has(Field::PubItem)
                || self.has(Field::PubKind)
                || self.has(Field::Formed)
                || (self.has(Field::Project) && !self.has_money()))
    }

    pub fn kind(&self) -> Option<HeaderKind> {
        let any = |fs: &[Field]| fs.iter().any(|f| self.has(*f));
        if self.has(Field::Level3)
            && any(&[
                Field::Target,
                Field::TargetAdjusted,
                Field::Actual,
                Field::Level2,
                Field::Level1,
            ])
        {
            Some(HeaderKind::Indicators)
        } else if self.is_assessment() {
            Some(HeaderKind::Assessment)
        } else if self.is_publication() {
            Some(HeaderKind::Publication)
        } else if any(&[Field::Project, Field::Code])
            && any(&[Field::BudgetInitial, Field::BudgetAdjusted, Field::Executed])
        {
            Some(HeaderKind::Money)
        } else {
            None
        }
    }
}

/// Texts of a sheet already tried as header names, and whether they are one.
pub type Seen<'g> = rustc_hash::FxHashMap<&'g str, bool>;

/// Looks at `row` as a possible header row; returns it with its columns when
/// it introduces a table. `seen` carries the texts tried on the sheet's other rows.
pub fn header_at<'g>(
    grid: &Grid<'g>,
    row: u32,
    dict: &HeaderDict,
    seen: &mut Seen<'g>,
) -> Option<Header> {
    let cells = grid.sheet.row(row)?;
    // Cheap test first: a header row has at least two cells naming known
    // columns. Data rows repeat their texts (the unit, the project, the
    // indicator levels), so each text is looked up once per sheet.
    let hits = cells
        .cells
        .iter()
        .filter(|(_, c)| {
            c.as_text().is_some_and(|t| {
                *seen
                    .entry(t)
                    .or_insert_with(|| t.chars().count() <= 40 && dict.match_header(t).is_some())
            })
        })
        .take(2)
        .count();
    if hits < 2 {
        return None;
    }
    let two_rows = spans_two_rows(grid, row, dict);
    let columns = if two_rows {
        columns_two_rows(grid, row, dict)
    } else {
        columns_one_row(grid, row, dict)
    };
    let last_row = if two_rows { row + 1 } else { row };
    let mut header = Header {
        first_row: row,
        last_row,
        columns,
        month: None,
        money_unit: None,
    };
    header.columns.sort_by_key(|c| c.col);
    prefer_annual(&mut header.columns);
    remap_by_content(grid, &mut header);
    header.kind()?;
    resolve_bare_unit(grid, &mut header);
    dedupe(&mut header.columns);
    for r in header.first_row..=header.last_row {
        for c in grid.columns_in_row(r) {
            if let Some(t) = grid.text(r, c) {
                if header.month.is_none() {
                    header.month = dict.match_header(&t).and_then(|m| m.month);
                }
                if header.money_unit.is_none() {
                    header.money_unit = MoneyUnit::find_in(&t);
                }
            }
        }
    }
    Some(header)
}

fn columns_one_row(grid: &Grid, row: u32, dict: &HeaderDict) -> Vec<Column> {
    let Some(cells) = grid.sheet.row(row) else {
        return Vec::new();
    };
    cells
        .cells
        .iter()
        .filter_map(|(col, cell)| {
            let text = cell.as_text()?;
            let field = field_of(dict, text)?;
            Some(Column {
                col: *col,
                field,
                header: header_key(text),
            })
        })
        .collect()
}

/// A second header row exists when a matched header is merged down into it,
/// or when it holds known sub-headers under a header merged across.
fn spans_two_rows(grid: &Grid, row: u32, dict: &HeaderDict) -> bool {
    let Some(cells) = grid.sheet.row(row) else {
        return false;
    };
    // A header merged down into exactly the next row; a label merged down
    // the whole table (`年度绩效目标（80分）` over nine rows) is not a header row.
    let merged_down = cells.cells.iter().any(|(col, cell)| {
        grid.bottom_edge(row, *col) == row + 1
            && cell.as_text().is_some_and(|t| field_of(dict, t).is_some())
    });
    if merged_down {
        return true;
    }
    let Some(next) = grid.sheet.row(row + 1) else {
        return false;
    };
    let under_merge = next.cells.iter().any(|(col, cell)| {
        let (ar, ac) = grid.anchor(row, *col);
        ar == row
            && grid.right_edge(ar, ac) > ac
            && cell.as_text().is_some_and(|t| field_of(dict, t).is_some())
    });
    // Without merge information (CSV, .ods) a second header row shows as known
    // headers where the first row is blank or holds a parent that names no column.
    let below_blank = next
        .cells
        .iter()
        .filter(|(col, cell)| {
            cell.as_text().is_some_and(|t| field_of(dict, t).is_some())
                && grid
                    .text(row, *col)
                    .is_none_or(|above| field_of(dict, &above).is_none())
        })
        .count();
    under_merge || below_blank >= 2
}

fn columns_two_rows(grid: &Grid, row: u32, dict: &HeaderDict) -> Vec<Column> {
    let mut cols: Vec<u32> = grid.columns_in_row(row);
    cols.extend(grid.columns_in_row(row + 1));
    cols.sort_unstable();
    cols.dedup();
    let mut out = Vec::new();
    for col in cols {
        let parent = grid.text(row, col);
        let own_child = grid.anchor(row + 1, col) == (row + 1, col);
        let child = if own_child {
            grid.sheet.cell(row + 1, col).map(|c| c.to_text())
        } else {
            None
        };
        let child = child
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let found = match (&parent, &child) {
            (p, Some(ch)) => {
                let parent_field = p.as_deref().and_then(|p| field_of(dict, p));
                sub_field(parent_field, ch, dict)
                    // `审核内容` over `具体内容 | 权重`: the generic child is the parent's column.
                    .or(parent_field.filter(|_| is_generic_child(ch)))
                    .map(|f| (f, join(p.as_deref(), ch)))
            }
            (Some(p), None) if grid.anchor(row, col) == (row, col) => {
                field_of(dict, p).map(|f| (f, header_key(p)))
            }
            _ => None,
        };
        if let Some((field, header)) = found {
            out.push(Column { col, field, header });
        }
    }
    out
}

/// A sub-header that only says "the thing itself" under its parent (`具体内容`).
fn is_generic_child(child: &str) -> bool {
    matches!(
        header_key(child).as_str(),
        "具体内容" | "内容" | "名称" | "具体项目"
    )
}

/// A sub-header's meaning under its parent: `其他` is a reason only under 偏差原因分析.
fn sub_field(parent: Option<Field>, child: &str, dict: &HeaderDict) -> Option<Field> {
    let f = field_of(dict, child)?;
    match (parent, f) {
        (Some(Field::Reason(None)), Field::Note) => Some(Field::Reason(None)),
        (Some(Field::Reason(_)), f @ Field::Reason(_)) => Some(f),
        (_, Field::Reason(Some(crate::model::ReasonKind::Other))) => None,
        (_, f) => Some(f),
    }
}

fn join(parent: Option<&str>, child: &str) -> String {
    match parent {
        Some(p) if header_key(p) != header_key(child) => {
            format!("{} / {}", header_key(p), header_key(child))
        }
        _ => header_key(child),
    }
}

fn field_of(dict: &HeaderDict, text: &str) -> Option<Field> {
    if header_key(text) == "单位" {
        // Resolved by position later: after the indicator columns it is a unit of measure.
        return Some(Field::Unit);
    }
    dict.match_header(text).map(|m| m.field)
}

/// A bare `单位` right of the indicator or target column is the unit of measure.
fn resolve_bare_unit(grid: &Grid, header: &mut Header) {
    let anchor = header.col(Field::Target).or(header.col(Field::Level3));
    for c in header.columns.iter_mut() {
        let is_bare = grid.key(header.first_row, c.col).as_deref() == Some("单位")
            || grid.key(header.last_row, c.col).as_deref() == Some("单位");
        if c.field == Field::Unit && is_bare && anchor.is_some_and(|a| c.col > a) {
            c.field = Field::MeasureUnit;
        }
    }
}

/// Long-term and annual columns side by side (`三级指标(长期)` … `三级指标(年度)`):
/// the year's are the ones judged, so a long-term column gives way to an
/// annual one of the same meaning.
fn prefer_annual(columns: &mut Vec<Column>) {
    let long_term = |c: &Column| {
        ["长期", "中期", "实施期"]
            .iter()
            .any(|w| c.header.contains(w))
    };
    let fields: Vec<Field> = columns
        .iter()
        .filter(|c| !long_term(c))
        .map(|c| c.field)
        .collect();
    columns.retain(|c| !(long_term(c) && fields.contains(&c.field)));
}

/// Column meaning from content where the header misleads: a 一级指标 column
/// whose cells are 二级 labels (数量指标, 质量指标 …) holds the 二级 level, and
/// the 二级指标 column beside it then holds the indicators (a form with no
/// 三级指标 column).
fn remap_by_content(grid: &Grid, header: &mut Header) {
    if header.has(Field::Level3) {
        return;
    }
    let (Some(l1), Some(l2)) = (header.col(Field::Level1), header.col(Field::Level2)) else {
        return;
    };
    let values = |col: u32| -> Vec<String> {
        (header.last_row + 1..header.last_row + 40)
            .filter_map(|r| grid.sheet.cell(r, col).and_then(|c| c.as_text()))
            .map(crate::parse::text::header_key)
            .filter(|k| !k.is_empty())
            .take(12)
            .collect()
    };
    let is_level2 = |k: &String| {
        crate::model::Category::classify(None, Some(k)).is_some() && k.chars().count() <= 10
    };
    let firsts = values(l1);
    let seconds = values(l2);
    let level2_in_first = !firsts.is_empty()
        && firsts.iter().filter(|k| is_level2(k)).count() * 2 > firsts.len()
        && !firsts
            .iter()
            .any(|k| k.starts_with("产出") || k.starts_with("效益指标"));
    let names_in_second =
        !seconds.is_empty() && seconds.iter().filter(|k| !is_level2(k)).count() * 2 > seconds.len();
    if level2_in_first && names_in_second {
        for c in header.columns.iter_mut() {
            if c.col == l1 {
                c.field = Field::Level2;
            } else if c.col == l2 {
                c.field = Field::Level3;
            }
        }
    }
}

/// Keeps the first column of each field (two 指标值 columns: the first is the year's).
fn dedupe(columns: &mut Vec<Column>) {
    let mut seen = Vec::new();
    columns.retain(|c| {
        if seen.contains(&c.field) {
            false
        } else {
            seen.push(c.field);
            true
        }
    });
}
