//! Data rows under a header → indicators and money lines, grouped into projects.

use rustc_hash::FxHashMap as HashMap;

use super::cells::{
    self, is_marked, is_stop_label, is_template_name, is_total_label, possibility_word,
    reason_word, strip_code_prefix, strip_template_number, total_label,
};
use super::fields::Field;
use super::grid::Grid;
use super::header::Header;
use crate::model::{
    Category, Indicator, LineKind, Loc, Located, MoneyLine, Possibility, Project, ReasonKind,
};
use crate::parse::text::header_key_cow;
use crate::parse::{MoneyUnit, parse_operator};

/// The 一级 and 二级 labels of the row above, carried down into blank cells.
type Levels = (Option<Located<String>>, Option<Located<String>>);

/// What the rows of one table gave.
#[derive(Debug, Default)]
pub struct Extracted {
    pub projects: Vec<Project>,
    /// Rows skipped with the reason (finding S004).
    pub skipped: Vec<(Loc, crate::i18n::Said)>,
    /// Rows left from the form's template (`……`, `指标2:`), not indicators.
    pub template_rows: Vec<Loc>,
    /// The label that ended the table (a 合计 row, 评价结论, 填表人 …), where it stands.
    pub ended_by: Option<(Loc, String)>,
    /// Data rows read (indicators or money lines).
    pub rows: usize,
    /// The last row that belonged to the table.
    pub last_row: u32,
}

/// Reads rows `from..to` under `header`. `fixed` is the project of an official
/// form (one project per block); without it rows carry their own project columns.
pub struct RowReader<'g, 'a> {
    pub grid: &'g Grid<'a>,
    pub header: &'g Header,
    pub unit: MoneyUnit,
    pub table: usize,
    /// The column naming a row's project: 项目名称, or 单位名称 in whole-unit tables.
    pub name_field: Field,
}

impl RowReader<'_, '_> {
    fn col(&self, f: Field) -> Option<u32> {
        self.header.col(f)
    }

    fn text(&self, row: u32, f: Field) -> Option<Located<String>> {
        cells::text(self.grid, row, self.col(f)?)
    }

    fn amount(&self, row: u32, f: Field) -> Option<Located<f64>> {
        cells::amount(self.grid, row, self.col(f)?, self.unit)
    }

    fn number(&self, row: u32, f: Field) -> Option<Located<f64>> {
        cells::number(self.grid, row, self.col(f)?)
    }

    /// Rows from `from` up to (not including) `to`; `fixed` is a form's project.
    pub fn read(&self, from: u32, to: u32, mut fixed: Option<Project>) -> Extracted {
        let mut out = Extracted {
            last_row: from.saturating_sub(1),
            ..Default::default()
        };
        let mut index: HashMap<(String, String, String), usize> = HashMap::default();
        let mut prev: Option<Levels> = None;
        let mut current: Option<usize> = None;
        let first_col = self.header.columns.first().map(|c| c.col).unwrap_or(0);
        let label_cols: Vec<u32> = [
            Field::Serial,
            Field::Unit,
            Field::Project,
            Field::Code,
            Field::Level1,
            Field::Level2,
            Field::Level3,
        ]
        .iter()
        .filter_map(|f| self.col(*f))
        .collect();
        for row in self
            .grid
            .sheet
            .rows
            .iter()
            .filter(|r| r.index >= from && r.index < to)
        {
            let r = row.index;
            // The row's first written text: a label of a total, narrative or sign-off row.
            let lead = row.cells.iter().find_map(|(c, cell)| {
                cell.as_text()
                    .filter(|t| !t.trim().is_empty())
                    .map(|t| (*c, header_key_cow(t)))
            });
            let indicator_col = self.col(Field::Level3);
            if let Some((c, key)) = &lead
                && is_stop_label(key)
                // In the indicator column only an instruction ends the table:
                // an indicator may well be called 改进措施落实率.
                && (Some(*c) != indicator_col || key.contains("字以内") || key.starts_with('注'))
            {
                out.ended_by = Some((Loc::new(r, *c), key.to_string()));
                break;
            }
            out.last_row = r;
            let lead_total = lead
                .as_ref()
                .filter(|(c, _)| indicator_col.is_none_or(|i| *c <= i))
                .and_then(|(_, k)| total_label(k));
            let total_row = lead_total.is_some()
                || label_cols
                    .iter()
                    .chain(std::iter::once(&first_col))
                    .filter_map(|c| self.grid.get(r, *c)?.as_text())
                    // Every total label has one of these characters: test before normalising.
                    .filter(|t| t.contains(['计', '分', '其']))
                    .map(header_key_cow)
                    .any(|k| is_total_label(&k) || k.starts_with("其中"));
            if total_row {
                if let Some(p) = fixed.as_mut() {
                    let stated = self
                        .number(r, Field::Score)
                        .or_else(|| self.number(r, Field::TotalScore))
                        .or_else(|| {
                            let (c, _) = lead.as_ref()?;
                            lead_total
                                .flatten()
                                .map(|v| Located::new(v, Loc::new(r, *c)))
                        });
                    if stated.is_some() {
                        p.stated_total = stated;
                    }
                    // A form's indicators end at its 合计 / 总分 row; what follows is
                    // narrative (评价结论, 存在问题 …) or sign-off, never indicators.
                    if lead_total.is_some() && out.rows > 0 {
                        out.ended_by = lead.as_ref().map(|(c, k)| (Loc::new(r, *c), k.to_string()));
                        break;
                    }
                }
                continue;
            }
            if self.header.has(Field::Level3) {
                let Some(ind) = self.indicator(r, &mut prev, &mut out) else {
                    // A row naming only a project (no indicator) still makes the project known.
                    if fixed.is_none()
                        && let Some(p) = self.project_of_row(r)
                    {
                        self.place(p, &mut index, &mut out, &mut current);
                    }
                    continue;
                };
                out.rows += 1;
                match fixed.as_mut() {
                    Some(p) => p.indicators.push(ind),
                    None => {
                        let same = current.filter(|&i| self.is_same_project(r, &out.projects[i]));
                        let fresh = if same.is_none() {
                            self.project_of_row(r)
                        } else {
                            None
                        };
                        let i = match (same, fresh, current) {
                            (Some(i), _, _) => i,
                            (None, Some(p), _) => self.place(p, &mut index, &mut out, &mut current),
                            // Blank project cells under a project mean "as above".
                            (None, None, Some(i)) => i,
                            (None, None, None) => {
                                out.skipped.push((
                                    ind.name.at,
                                    crate::i18n::Said::new(
                                        "未找到所属项目名称",
                                        "no project name for this row",
                                    ),
                                ));
                                continue;
                            }
                        };
                        out.projects[i].indicators.push(ind);
                    }
                }
            } else if let Some(p) = self.project_of_row(r) {
                out.rows += 1;
                self.place(p, &mut index, &mut out, &mut current);
            }
        }
        if let Some(p) = fixed {
            out.projects.insert(0, p);
        }
        out
    }

    /// Adds a row's project, or the money of a repeated one, and returns its index.
    fn place(
        &self,
        p: Project,
        index: &mut HashMap<(String, String, String), usize>,
        out: &mut Extracted,
        current: &mut Option<usize>,
    ) -> usize {
        let key = (
            p.code.as_ref().map(|c| c.value.clone()).unwrap_or_default(),
            p.name.value.clone(),
            p.unit.as_ref().map(|u| u.value.clone()).unwrap_or_default(),
        );
        let i = match index.get(&key) {
            Some(&i) => {
                let existing = &mut out.projects[i];
                if existing.money.is_empty() {
                    existing.money = p.money;
                }
                i
            }
            None => {
                out.projects.push(p);
                index.insert(key, out.projects.len() - 1);
                out.projects.len() - 1
            }
        };
        *current = Some(i);
        i
    }

    /// True when row `r` names project `p` again (the usual case: a project's
    /// rows follow each other), checked without building a new project.
    fn is_same_project(&self, r: u32, p: &Project) -> bool {
        let text_at = |f: Field| {
            self.col(f)
                .and_then(|c| self.grid.get(r, c))
                .map(|cell| match cell {
                    crate::read::Cell::Text(s) => std::borrow::Cow::Borrowed(s.trim()),
                    other => std::borrow::Cow::Owned(other.to_text()),
                })
        };
        let name = text_at(self.name_field);
        let code = text_at(Field::Code);
        if name.is_none() && code.is_none() {
            return false;
        }
        let name_ok = match &name {
            Some(n) => n.as_ref() == p.name.value,
            None => code.as_deref() == Some(p.name.value.as_str()),
        };
        let code_ok = code.as_deref() == p.code.as_ref().map(|c| c.value.as_str());
        let unit_ok = match (text_at(Field::Unit), &p.unit) {
            (None, None) => true,
            (Some(u), Some(pu)) => u.as_ref() == pu.value || strip_code_prefix(&u) == pu.value,
            _ => false,
        };
        name_ok && code_ok && unit_ok
    }

    /// The project named on a row of a flat table (merged or left blank below the first row: carried).
    fn project_of_row(&self, r: u32) -> Option<Project> {
        let name = self.text(r, self.name_field);
        let code = self.text(r, Field::Code);
        let name = match (name, &code) {
            (Some(n), _) => n,
            (None, Some(c)) => c.clone(),
            (None, None) => return None,
        };
        let mut p = Project::new(
            self.table,
            Located::new(name.value.trim().to_string(), name.at),
        );
        p.code = code;
        p.unit = self
            .text(r, Field::Unit)
            .map(|u| Located::new(strip_code_prefix(&u.value), u.at));
        p.implementer = self.text(r, Field::Implementer);
        p.period_end = self
            .text(r, Field::Period)
            .and_then(|t| cells::period_end(&t.value).map(|y| Located::new(y, t.at)));
        p.budget_kind = self.text(r, Field::BudgetKind);
        p.category = self.text(r, Field::Category);
        p.status = self.text(r, Field::Status);
        p.unit_type = self.text(r, Field::UnitType);
        p.goal = self.text(r, Field::Goal);
        p.goal_expected = self.col(Field::Goal).map(|c| {
            let (ar, ac) = self.grid.anchor(r, c);
            Loc::new(ar, ac)
        });
        p.stated_total = self.number(r, Field::TotalScore);
        let mut line = MoneyLine::new("", LineKind::Total, r);
        line.budget_initial = self.amount(r, Field::BudgetInitial);
        line.budget_adjusted = self.amount(r, Field::BudgetAdjusted);
        line.executed = self.amount(r, Field::Executed);
        line.forecast_executed = self.amount(r, Field::ForecastExecuted);
        line.stated_rate = self
            .col(Field::Rate)
            .and_then(|c| cells::rate(self.grid, r, c));
        if !self.header.has(Field::Level3) {
            line.reason_text = self.text(r, Field::Reason(None));
        }
        let has_money = line.budget_initial.is_some()
            || line.budget_adjusted.is_some()
            || line.executed.is_some();
        if has_money {
            p.money.push(line);
        }
        Some(p)
    }

    /// One indicator row; level labels merged or left blank carry down from the row above.
    fn indicator(
        &self,
        r: u32,
        prev: &mut Option<Levels>,
        out: &mut Extracted,
    ) -> Option<Indicator> {
        let name = self.text(r, Field::Level3);
        let target = self
            .col(Field::TargetAdjusted)
            .and_then(|c| cells::parsed(self.grid, r, c))
            .or_else(|| {
                self.col(Field::Target)
                    .and_then(|c| cells::parsed(self.grid, r, c))
            });
        let Some(name) = name else {
            if let Some(t) = &target {
                out.skipped.push((
                    t.at,
                    crate::i18n::Said::new(
                        format!("有指标值「{}」但没有指标名称", t.value.raw),
                        format!("a target 「{}」 without an indicator name", t.value.raw),
                    ),
                ));
            }
            return None;
        };
        if is_template_name(&name.value) {
            out.template_rows.push(name.at);
            return None;
        }
        let mut level1 = self.text(r, Field::Level1);
        let mut level2 = self.text(r, Field::Level2);
        if let Some((p1, p2)) = prev.as_ref() {
            if level1.is_none() {
                level1 = p1.clone();
            }
            if level2.is_none()
                && level1.as_ref().map(|l| &l.value) == p1.as_ref().map(|l| &l.value)
            {
                level2 = p2.clone();
            }
        }
        *prev = Some((level1.clone(), level2.clone()));
        let shown = strip_template_number(&name.value).to_string();
        let mut ind = Indicator::new(r, Located::new(shown, name.at));
        ind.category = Category::classify(
            level1.as_ref().map(|l| l.value.as_str()),
            level2.as_ref().map(|l| l.value.as_str()),
        );
        ind.level1 = level1;
        ind.level2 = level2;
        ind.target = target;
        ind.operator_raw = self.text(r, Field::Operator);
        ind.operator = ind
            .operator_raw
            .as_ref()
            .and_then(|o| parse_operator(&o.value).map(|spec| Located::new(spec, o.at)));
        ind.measure_unit = self.text(r, Field::MeasureUnit);
        if let (Some(mu), Some(t)) = (&ind.measure_unit, ind.target.as_mut()) {
            fill_unit(&mut t.value, &mu.value);
        }
        ind.weight = self.number(r, Field::Weight);
        ind.actual = self
            .col(Field::Actual)
            .and_then(|c| cells::parsed(self.grid, r, c));
        ind.forecast = self
            .col(Field::Forecast)
            .and_then(|c| cells::parsed(self.grid, r, c));
        if let Some(mu) = &ind.measure_unit {
            for v in [ind.actual.as_mut(), ind.forecast.as_mut()]
                .into_iter()
                .flatten()
            {
                fill_unit(&mut v.value, &mu.value);
            }
        }
        ind.stated_score = self.number(r, Field::Score);
        ind.note = self.text(r, Field::Note);
        for (kind, col) in self.header.columns.iter().filter_map(|c| match c.field {
            Field::Reason(Some(k)) => Some((k, c.col)),
            _ => None,
        }) {
            if is_marked(self.grid, r, col) {
                ind.reasons.push(kind);
            }
        }
        if let Some(text) = self.text(r, Field::Reason(None)) {
            match reason_word(&text.value) {
                Some(kind) => push_reason(&mut ind.reasons, kind),
                None => ind.reason_text = Some(text),
            }
        }
        ind.possibility = self.possibility(r);
        Some(ind)
    }

    fn possibility(&self, r: u32) -> Option<Located<Possibility>> {
        for c in &self.header.columns {
            if let Field::Possibility(Some(p)) = c.field
                && is_marked(self.grid, r, c.col)
            {
                return Some(Located::new(p, Loc::new(r, c.col)));
            }
        }
        let t = self.text(r, Field::Possibility(None))?;
        possibility_word(&t.value).map(|p| Located::new(p, t.at))
    }
}

fn push_reason(reasons: &mut Vec<ReasonKind>, kind: ReasonKind) {
    if !reasons.contains(&kind) {
        reasons.push(kind);
    }
}

/// A bare number in the value column takes its unit from the unit-of-measure
/// column (`1200` | `人次`), normalised as a unit written in the value would be.
fn fill_unit(p: &mut crate::parse::Parsed, measure: &str) {
    if let crate::parse::ValueKind::Number {
        value,
        unit: unit @ None,
    } = &mut p.kind
    {
        let measure = measure.trim();
        if !measure.is_empty() {
            let (v, u) = crate::parse::value::normalize_unit(*value, measure);
            *value = v;
            *unit = u;
        }
    }
}
