//! The header block of an official form: 项目名称, 主管部门, 实施单位, 项目资金 lines, 年度总体目标.

use super::cells::{self, strip_code_prefix};
use super::fields::{Field, HeaderDict};
use super::grid::Grid;
use crate::model::{LineKind, Loc, Located, MoneyLine, Project};
use crate::parse::text::header_key;
use crate::parse::{MoneyUnit, parse_amount};

/// What a form's header block says.
#[derive(Debug, Default)]
pub struct Block {
    pub name: Option<Located<String>>,
    pub code: Option<Located<String>>,
    pub unit: Option<Located<String>>,
    pub implementer: Option<Located<String>>,
    pub goal: Option<Located<String>>,
    /// The cell right of a 年度总体目标 label, filled or not.
    pub goal_expected: Option<Loc>,
    pub period: Option<Located<String>>,
    pub budget_kind: Option<Located<String>>,
    pub status: Option<Located<String>>,
    pub money: Vec<MoneyLine>,
    /// A month named by a money column (`1-9月执行数`).
    pub month: Option<u32>,
    pub money_unit: Option<MoneyUnit>,
}

impl Block {
    /// The project this block describes, in table `table`.
    pub fn into_project(self, table: usize, fallback_name: Located<String>) -> Project {
        let mut p = Project::new(table, self.name.unwrap_or(fallback_name));
        p.code = self.code;
        p.unit = self
            .unit
            .map(|u| Located::new(strip_code_prefix(&u.value), u.at));
        p.implementer = self
            .implementer
            .map(|u| Located::new(strip_code_prefix(&u.value), u.at));
        p.goal = self.goal;
        p.goal_expected = self.goal_expected;
        p.period_end = self
            .period
            .and_then(|t| cells::period_end(&t.value).map(|y| Located::new(y, t.at)));
        p.budget_kind = self.budget_kind;
        p.status = self.status;
        p.money = self.money;
        p
    }
}

/// Money label of a form (`项目资金（万元）`, `资金情况`).
fn is_money_label(key: &str) -> bool {
    ["项目资金", "资金情况", "预算资金情况", "年度资金"]
        .iter()
        .any(|p| key.starts_with(p))
        && !key.contains("总额")
}

/// Reads the labels in rows `from..to` (the rows above a form's indicator header).
pub fn read_block(
    grid: &Grid,
    from: u32,
    to: u32,
    dict: &HeaderDict,
    default_unit: MoneyUnit,
) -> Block {
    let mut block = Block::default();
    let mut money_rows: Option<(u32, u32)> = None;
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        let r = row.index;
        if money_rows.is_some_and(|(a, b)| (a..=b).contains(&r)) {
            continue;
        }
        for (c, cell) in &row.cells {
            let Some(text) = cell.as_text() else { continue };
            let key = header_key(text);
            if is_money_label(&key) {
                let last = money_block_end(grid, r, *c, to, dict);
                money_rows = Some((r, last));
                let unit = MoneyUnit::find_in(&key).unwrap_or(default_unit);
                block.money_unit = block.money_unit.or(MoneyUnit::find_in(&key));
                read_money(grid, r, *c, last, unit, dict, &mut block);
                break;
            }
            let Some(field) = dict.match_header(text).map(|m| m.field) else {
                continue;
            };
            let slot = match field {
                Field::Project => &mut block.name,
                Field::Code => &mut block.code,
                Field::Unit => &mut block.unit,
                Field::Implementer => &mut block.implementer,
                Field::Goal => &mut block.goal,
                Field::Period => &mut block.period,
                Field::BudgetKind => &mut block.budget_kind,
                Field::Status => &mut block.status,
                _ => continue,
            };
            if slot.is_none() {
                *slot = value_right_of(grid, r, *c, dict, field);
            }
            if field == Field::Goal && block.goal_expected.is_none() {
                let at = block
                    .goal
                    .as_ref()
                    .map(|g| g.at)
                    .unwrap_or(Loc::new(r, grid.right_edge(r, *c) + 1));
                block.goal_expected = Some(at);
            }
        }
    }
    block
}

/// The last row of a 项目资金 block: the label's merge, or — without merge
/// information (CSV, .ods) — the rows below whose label column is blank.
fn money_block_end(grid: &Grid, r: u32, c: u32, to: u32, dict: &HeaderDict) -> u32 {
    let merged = grid.bottom_edge(r, c);
    if merged > r {
        return merged.min(to.saturating_sub(1));
    }
    let mut last = r;
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|row| row.index > r && row.index < to)
    {
        let labelled = row.cells.iter().any(|(col, cell)| {
            *col <= c
                || cell.as_text().is_some_and(|t| {
                    dict.match_header(t)
                        .is_some_and(|m| m.field == Field::Goal || m.field == Field::Project)
                })
        });
        if row.index != last + 1 || labelled {
            break;
        }
        last = row.index;
    }
    last
}

/// The value of a label: the next cell to its right. When that is a sub-label
/// of the same meaning (年度总体目标 → 年初预期目标), the value is below it.
pub(super) fn value_right_of(
    grid: &Grid,
    r: u32,
    c: u32,
    dict: &HeaderDict,
    field: Field,
) -> Option<Located<String>> {
    let start = grid.right_edge(r, c) + 1;
    let row = grid.sheet.row(r)?;
    for (col, cell) in row.cells.iter().filter(|(col, _)| *col >= start) {
        let text = cell.to_text();
        if text.trim().is_empty() {
            continue;
        }
        return match dict.match_header(&text).map(|m| m.field) {
            Some(f) if f == field => {
                let below = grid.bottom_edge(r, *col) + 1;
                cells::text(grid, below, *col)
            }
            Some(Field::Project | Field::Unit | Field::Implementer | Field::Code | Field::Goal) => {
                None
            }
            _ => Some(Located::new(text.trim().to_string(), Loc::new(r, *col))),
        };
    }
    None
}

const MONEY_FIELDS: &[Field] = &[
    Field::BudgetInitial,
    Field::BudgetAdjusted,
    Field::Executed,
    Field::ForecastExecuted,
    Field::Rate,
    Field::Weight,
    Field::Score,
    Field::Reason(None),
];

/// Money lines beside a 项目资金 label spanning rows `r..=last`: either a small
/// grid (年初预算数 | 调整预算数 | 1-9月执行数 … over labelled lines) or
/// label/amount pairs (项目资金 980.00 | 其中：转移支付资金 612.40 …).
fn read_money(
    grid: &Grid,
    r: u32,
    c: u32,
    last: u32,
    unit: MoneyUnit,
    dict: &HeaderDict,
    block: &mut Block,
) {
    let left = grid.right_edge(r, c) + 1;
    for h in r..=last {
        let Some(row) = grid.sheet.row(h) else {
            continue;
        };
        let columns: Vec<(u32, Field, Option<u32>)> = row
            .cells
            .iter()
            .filter(|(col, _)| *col >= left)
            .filter_map(|(col, cell)| {
                let m = dict.match_header(cell.as_text()?)?;
                MONEY_FIELDS
                    .contains(&m.field)
                    .then_some((*col, m.field, m.month))
            })
            .collect();
        if columns.len() >= 2 {
            block.month = columns.iter().find_map(|(_, _, m)| *m);
            read_money_grid(grid, h, last, left, &columns, unit, block);
            return;
        }
    }
    read_money_pairs(grid, r, last, left, unit, block);
}

fn read_money_grid(
    grid: &Grid,
    h: u32,
    last: u32,
    left: u32,
    columns: &[(u32, Field, Option<u32>)],
    unit: MoneyUnit,
    block: &mut Block,
) {
    let first_money = columns.iter().map(|c| c.0).min().unwrap_or(left);
    for r in h + 1..=last {
        let label =
            (left..first_money).find_map(|c| grid.sheet.cell(r, c).map(|cell| cell.to_text()));
        let label = label
            .map(|l| l.trim().trim_end_matches(['：', ':']).to_string())
            .unwrap_or_default();
        let kind = if block.money.is_empty() && !label.contains("其中") {
            LineKind::Total
        } else {
            LineKind::Part
        };
        let mut line = MoneyLine::new(label, kind, r);
        for &(col, field, _) in columns {
            // Values merged down over several lines (one reason for all) belong to the first line only.
            if grid.anchor(r, col).0 != r {
                continue;
            }
            match field {
                Field::BudgetInitial => line.budget_initial = cells::amount(grid, r, col, unit),
                Field::BudgetAdjusted => line.budget_adjusted = cells::amount(grid, r, col, unit),
                Field::Executed => line.executed = cells::amount(grid, r, col, unit),
                Field::ForecastExecuted => {
                    line.forecast_executed = cells::amount(grid, r, col, unit)
                }
                Field::Rate => line.stated_rate = cells::rate(grid, r, col),
                Field::Weight => line.weight = cells::number(grid, r, col),
                Field::Score => line.stated_score = cells::number(grid, r, col),
                Field::Reason(None) => line.reason_text = cells::text(grid, r, col),
                _ => {}
            }
        }
        let any = line.budget_initial.is_some()
            || line.budget_adjusted.is_some()
            || line.executed.is_some();
        if any {
            block.money.push(line);
        }
    }
}

fn read_money_pairs(
    grid: &Grid,
    r0: u32,
    last: u32,
    left: u32,
    unit: MoneyUnit,
    block: &mut Block,
) {
    for r in r0..=last {
        let Some(row) = grid.sheet.row(r) else {
            continue;
        };
        let mut label: Option<String> = None;
        for (col, cell) in row.cells.iter().filter(|(col, _)| *col >= left) {
            let amount = match cell {
                crate::read::Cell::Number(n) => Some(n * unit.in_wan()),
                crate::read::Cell::Text(t) => parse_amount(t, unit),
                _ => None,
            };
            match amount {
                Some(v) => {
                    let (kind, text) = match label.take() {
                        None if block.money.is_empty() => (LineKind::Total, "项目资金".to_string()),
                        Some(l) if block.money.is_empty() && !l.contains("其中") => {
                            (LineKind::Total, l)
                        }
                        Some(l) => (LineKind::Part, l),
                        None => continue,
                    };
                    let mut line = MoneyLine::new(text, kind, r);
                    line.budget_initial = Some(Located::new(v, Loc::new(r, *col)));
                    block.money.push(line);
                }
                None => {
                    label = Some(
                        cell.to_text()
                            .trim()
                            .trim_end_matches(['：', ':'])
                            .to_string(),
                    )
                }
            }
        }
    }
}
