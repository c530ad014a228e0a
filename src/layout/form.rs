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
    pub category: Option<Located<String>>,
    pub status: Option<Located<String>>,
    pub money: Vec<MoneyLine>,
    /// A month named by a money column (`1-9月执行数`).
    pub month: Option<u32>,
    pub money_unit: Option<MoneyUnit>,
}

impl Block {
    /// The project this block describes, in table `table`.
    pub fn into_project(self, table: usize, fallback_name: Located<String>) -> Project {
        let mut name = self.name.unwrap_or(fallback_name);
        let mut code = self.code;
        if let Some((c, rest)) = cells::split_project_code(&name.value) {
            code = code.or(Some(Located::new(c, name.at)));
            name.value = rest;
        }
        let mut p = Project::new(table, name);
        p.code = code;
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
        p.category = self.category;
        p.status = self.status;
        p.money = self.money;
        p
    }
}

/// True when an indicator block is labelled long-term (`长期绩效指标`, `中期目标`,
/// `实施期绩效指标`): the label left of the header, or a header column's own words.
pub fn says_long_term(grid: &Grid, header: &super::header::Header) -> bool {
    let first = header.columns.first().map_or(0, |c| c.col);
    let long = |t: &str| ["长期", "中期", "实施期"].iter().any(|w| t.contains(w));
    (0..first).any(|c| grid.text(header.first_row, c).is_some_and(|t| long(&t)))
}

/// Money label of a form (`项目资金（万元）`, `资金情况`).
fn is_money_label(key: &str) -> bool {
    [
        "项目资金",
        "资金情况",
        "预算资金情况",
        "年度资金",
        "预算执行情况",
        "资金执行情况",
    ]
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
                // `预算执行情况（20分）`: the budget's points, when no 权重 column gives them.
                if let Some(points) = cells::points_in_label(&key)
                    && let Some(total) = block
                        .money
                        .iter_mut()
                        .find(|m| m.block == 0 && m.kind == LineKind::Total)
                    && total.weight.is_none()
                {
                    total.weight = Some(Located::new(points, Loc::new(r, *c)));
                }
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
                Field::Category => &mut block.category,
                Field::Status => &mut block.status,
                _ => continue,
            };
            if slot.is_none() {
                *slot = value_right_of(grid, r, *c, dict, field);
            }
            if field == Field::Goal && block.goal_expected.is_none() {
                // The goal's text may stand below its label (年度总体目标 over a
                // merged text area), as new-style forms lay it out.
                let below = grid.bottom_edge(r, *c) + 1;
                if block.goal.is_none() && below < to {
                    block.goal = cells::text(grid, below, *c)
                        .filter(|t| dict.match_header(&t.value).is_none());
                }
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
            // A column headed like an amount (`年度预算数（万元）`) whose cells are
            // words (总额, 其中：财政资金) is the lines' label column.
            let labels_at = columns
                .first()
                .filter(|(col, _, _)| {
                    (h + 1..=last).any(|r| {
                        grid.sheet.cell(r, *col).is_some_and(|c| {
                            c.as_text().is_some_and(|t| {
                                !t.trim().is_empty() && cells::amount(grid, r, *col, unit).is_none()
                            })
                        })
                    })
                })
                .map(|(col, _, _)| *col);
            let columns: Vec<_> = columns
                .into_iter()
                .filter(|(col, _, _)| Some(*col) != labels_at)
                .collect();
            read_money_grid(grid, h, last, left, &columns, unit, block);
            complete_total(block);
            return;
        }
    }
    read_money_pairs(grid, r, last, left, unit, block);
    complete_total(block);
}

/// A total line the form left empty or 0 while its 其中 lines hold amounts is
/// made up from them (marked `derived`, so the review can say the form's
/// total is not filled); with no total line at all, one is added.
fn complete_total(block: &mut Block) {
    type Get = fn(&mut MoneyLine) -> &mut Option<Located<f64>>;
    const AMOUNTS: [Get; 3] = [
        |m| &mut m.budget_initial,
        |m| &mut m.budget_adjusted,
        |m| &mut m.executed,
    ];
    let this_year = |m: &MoneyLine| m.block == 0;
    let mut parts: Vec<MoneyLine> = block
        .money
        .iter()
        .filter(|m| this_year(m) && m.kind == LineKind::Part)
        .cloned()
        .collect();
    // A part that could not be read leaves the total unknown: nothing is made up.
    if parts.is_empty() || parts.iter().any(|p| p.unread.is_some()) {
        return;
    }
    let total_at = block
        .money
        .iter()
        .position(|m| this_year(m) && m.kind == LineKind::Total);
    let mut total = match total_at {
        Some(i) => block.money[i].clone(),
        None => {
            let mut t = MoneyLine::new("年度资金总额", LineKind::Total, parts[0].row);
            t.weight = parts[0].weight.clone();
            t
        }
    };
    let mut derived = false;
    for get in AMOUNTS {
        let empty = get(&mut total).as_ref().is_none_or(|v| v.value == 0.0);
        let values: Vec<Located<f64>> = parts.iter_mut().filter_map(|p| get(p).clone()).collect();
        let sum: f64 = values.iter().map(|v| v.value).sum();
        if empty && sum > 0.0 {
            let at = get(&mut total).as_ref().map_or(values[0].at, |v| v.at);
            *get(&mut total) = Some(Located::new(sum, at));
            derived = true;
        }
    }
    if !derived {
        return;
    }
    total.derived = true;
    match total_at {
        Some(i) => block.money[i] = total,
        None => block.money.insert(0, total),
    }
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
            if matches!(
                field,
                Field::BudgetInitial | Field::BudgetAdjusted | Field::Executed
            ) && line.unread.is_none()
                && cells::amount(grid, r, col, unit).is_none()
            {
                line.unread = cells::text(grid, r, col).filter(|t| looks_like_amount(&t.value));
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
            || line.executed.is_some()
            || line.unread.is_some();
        if any {
            block.money.push(line);
        }
    }
}

/// Text where an amount belongs that is meant as one but cannot be read:
/// it holds a digit (`约250`, `250左右`) or says the amount is not fixed.
/// Dashes and slashes are blanks.
fn looks_like_amount(text: &str) -> bool {
    let t = text.trim();
    t.chars()
        .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || ["待定", "未定", "暂无", "不详", "另定"]
            .iter()
            .any(|w| t.contains(w))
}

/// Label/amount pairs, in one block or in blocks side by side: each pair
/// belongs to the block whose first label stands at or left of its label.
/// The block naming this year (年度资金申请总额, 当年…) is block 0; a
/// multi-year 项目资金总额 beside it is kept apart, each adding up on its own.
fn read_money_pairs(
    grid: &Grid,
    r0: u32,
    last: u32,
    left: u32,
    unit: MoneyUnit,
    block: &mut Block,
) {
    // (row, label column, label, amount)
    let mut pairs: Vec<(u32, u32, Option<String>, Located<f64>)> = Vec::new();
    // (row, label column, label, what stands where its amount belongs)
    let mut unread: Vec<(u32, u32, String, Located<String>)> = Vec::new();
    for r in r0..=last {
        let Some(row) = grid.sheet.row(r) else {
            continue;
        };
        let mut label: Option<(u32, String)> = None;
        for (col, cell) in row.cells.iter().filter(|(col, _)| *col >= left) {
            let amount = match cell {
                crate::read::Cell::Number(n) => Some(n * unit.in_wan()),
                crate::read::Cell::Text(t) => parse_amount(t, unit),
                _ => None,
            };
            match amount {
                Some(v) => {
                    let (lc, text) = match label.take() {
                        Some((lc, l)) => (lc, Some(l)),
                        None => (*col, None),
                    };
                    pairs.push((r, lc, text, Located::new(v, Loc::new(r, *col))));
                }
                None => {
                    let text = cell.to_text();
                    let text = text.trim().trim_end_matches(['：', ':']);
                    if text.is_empty() {
                        continue;
                    }
                    // A label then words meant as its amount (`其他资金 | 待定`).
                    if label.is_some() && looks_like_amount(text) {
                        let (lc, l) = label.take().unwrap_or_default();
                        unread.push((r, lc, l, Located::new(text.to_string(), Loc::new(r, *col))));
                        continue;
                    }
                    label = Some((*col, text.to_string()));
                }
            }
        }
    }
    let Some(first_row) = pairs.first().map(|p| p.0) else {
        // No amount read at all: what stood where amounts belong is kept, so
        // the review says it could not read them.
        for (k, (r, _, label, text)) in unread.into_iter().enumerate() {
            let kind = if k == 0 {
                LineKind::Total
            } else {
                LineKind::Part
            };
            let mut line = MoneyLine::new(label, kind, r);
            line.unread = Some(text);
            block.money.push(line);
        }
        return;
    };
    // A block starts at the first pair, and at each later pair of the first row
    // that is a total of its own (年度资金申请总额); a `其中` pair there is a part.
    let starts: Vec<u32> = pairs
        .iter()
        .filter(|p| p.0 == first_row)
        .enumerate()
        .filter(|(k, p)| *k == 0 || p.2.as_deref().is_some_and(|l| !l.contains("其中")))
        .map(|(_, p)| p.1)
        .collect();
    let group_of = |col: u32| starts.iter().rposition(|s| *s <= col).unwrap_or(0);
    let says_year = |label: &Option<String>| {
        label.as_deref().is_some_and(|l| {
            ["年度", "当年", "本年"].iter().any(|w| l.contains(w)) && !l.contains("项目资金总额")
        })
    };
    let this_year = if starts.len() > 1 {
        pairs
            .iter()
            .filter(|p| p.0 == first_row && starts.contains(&p.1))
            .position(|p| says_year(&p.2))
            .unwrap_or(0)
    } else {
        0
    };
    let mut lines: Vec<Vec<MoneyLine>> = vec![Vec::new(); starts.len()];
    for (r, lc, label, v) in pairs {
        let g = group_of(lc);
        let group = &mut lines[g];
        let kind = match &label {
            Some(l) if group.is_empty() && !l.contains("其中") => LineKind::Total,
            None if group.is_empty() => LineKind::Total,
            Some(_) => LineKind::Part,
            None => continue,
        };
        let text = label.unwrap_or_else(|| "项目资金".to_string());
        let mut line = MoneyLine::new(text, kind, r);
        line.budget_initial = Some(v);
        line.block = if g == this_year {
            0
        } else if g < this_year {
            g as u8 + 1
        } else {
            g as u8
        };
        group.push(line);
    }
    for (r, lc, label, text) in unread {
        let g = group_of(lc);
        let mut line = MoneyLine::new(label, LineKind::Part, r);
        line.unread = Some(text);
        line.block = if g == this_year {
            0
        } else if g < this_year {
            g as u8 + 1
        } else {
            g as u8
        };
        lines[g].push(line);
    }
    let year = std::mem::take(&mut lines[this_year]);
    block.money.extend(year);
    for group in lines {
        block.money.extend(group);
    }
}
