//! Rows of the record tables — ex-ante assessments and publication records — one record per row.

use super::cells::{self, is_stop_label, is_total_label, strip_code_prefix};
use super::fields::{Field, HeaderDict};
use super::grid::Grid;
use super::header::Header;
use crate::model::{AssessAspect, Assessment, Loc, Located, PubKind, Publication};
use crate::parse::MoneyUnit;
use crate::parse::date::{DateCell, date_of_cell};
use crate::parse::text::header_key_cow;

/// What the rows of one record table gave.
#[derive(Debug, Default)]
pub struct Records {
    pub assessments: Vec<Assessment>,
    pub publications: Vec<Publication>,
    /// Rows skipped or cells not understood, with why (finding S004).
    pub skipped: Vec<(Loc, String)>,
    pub rows: usize,
    pub last_row: u32,
}

/// Reads rows `from..to` under `header` as assessments (`assessment`) or publication records.
pub fn read(
    grid: &Grid,
    header: &Header,
    table: usize,
    from: u32,
    to: u32,
    assessment: bool,
) -> Records {
    let mut out = Records {
        last_row: from.saturating_sub(1),
        ..Default::default()
    };
    let text = |r: u32, f: Field| header.col(f).and_then(|c| cells::text(grid, r, c));
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        let r = row.index;
        let first = row
            .cells
            .first()
            .and_then(|(_, c)| c.as_text())
            .map(header_key_cow);
        if first.as_deref().is_some_and(is_stop_label) {
            break;
        }
        out.last_row = r;
        if first.as_deref().is_some_and(is_total_label) {
            continue;
        }
        let unit = text(r, Field::Unit).map(|u| Located::new(strip_code_prefix(&u.value), u.at));
        if assessment {
            let Some(name) = text(r, Field::Project).or_else(|| text(r, Field::Code)) else {
                continue;
            };
            let aspects = AssessAspect::ALL
                .iter()
                .filter_map(|&a| text(r, Field::Aspect(a)).map(|t| (a, t)))
                .collect();
            out.rows += 1;
            out.assessments.push(Assessment {
                table,
                row: r,
                name,
                code: text(r, Field::Code),
                unit,
                status: text(r, Field::Status),
                aspects,
                points: Vec::new(),
                stated_total: header
                    .col(Field::TotalScore)
                    .and_then(|c| cells::number(grid, r, c)),
                assessor: text(r, Field::Assessor),
                conclusion: text(r, Field::Conclusion),
            });
        } else {
            let Some(name) = text(r, Field::PubItem)
                .or_else(|| text(r, Field::Project))
                .or_else(|| text(r, Field::PubKind))
            else {
                continue;
            };
            let kind_text = text(r, Field::PubKind);
            let kind = kind_text
                .as_ref()
                .and_then(|k| PubKind::of(&k.value).map(|v| Located::new(v, k.at)))
                .or_else(|| PubKind::of(&name.value).map(|v| Located::new(v, name.at)));
            let mut date = |f: Field| date_at(grid, header, r, f, &mut out.skipped);
            let formed = date(Field::Formed);
            let budget_published = date(Field::BudgetPublished);
            let published = date(Field::Published);
            out.rows += 1;
            out.publications.push(Publication {
                table,
                row: r,
                name,
                unit,
                kind,
                formed,
                budget_published,
                published,
                place: text(r, Field::PubPlace),
            });
        }
    }
    out
}

/// A date column's value; text that is no date is noted as skipped, not guessed.
fn date_at(
    grid: &Grid,
    header: &Header,
    r: u32,
    f: Field,
    skipped: &mut Vec<(Loc, String)>,
) -> Option<Located<chrono::NaiveDate>> {
    let c = header.col(f)?;
    let cell = grid.get(r, c)?;
    let (ar, ac) = grid.anchor(r, c);
    let at = Loc::new(ar, ac);
    match date_of_cell(cell) {
        DateCell::Date(d) => Some(Located::new(d, at)),
        DateCell::No => None,
        DateCell::Unreadable => {
            skipped.push((
                at,
                format!(
                    "「{}」不是日期，按未填处理 / not a date, read as blank",
                    cell.to_text()
                ),
            ));
            None
        }
    }
}

/// The official 事前绩效评估 form: the project in a header block above, one aspect
/// per row under `header` (评估内容 | 分值 | 得分), a 总分 row, and 评估结论 / 评估主体
/// written as labels (`评估结论：予以支持`, or the label with its value to the right).
pub fn read_form(
    grid: &Grid,
    header: &Header,
    table: usize,
    (above, from, to): (u32, u32, u32),
    dict: &HeaderDict,
    fallback_name: Located<String>,
) -> Records {
    let mut out = Records {
        last_row: from.saturating_sub(1),
        ..Default::default()
    };
    let Some(item_col) = header.col(Field::AssessItem) else {
        return out;
    };
    let block = super::form::read_block(grid, above, header.first_row, dict, MoneyUnit::Wan);
    let mut a = Assessment {
        table,
        row: header.first_row,
        name: block.name.unwrap_or(fallback_name),
        code: block.code,
        unit: block
            .unit
            .map(|u| Located::new(strip_code_prefix(&u.value), u.at)),
        status: block.status,
        aspects: Vec::new(),
        points: Vec::new(),
        stated_total: None,
        assessor: None,
        conclusion: None,
    };
    let mut in_grid = true;
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= above && r.index < to)
    {
        let r = row.index;
        for (c, cell) in &row.cells {
            let Some(text) = cell.as_text() else { continue };
            for (field, slot) in [
                (Field::Conclusion, &mut a.conclusion),
                (Field::Assessor, &mut a.assessor),
            ] {
                if slot.is_none() {
                    *slot = label_value(grid, r, *c, text, field, dict);
                }
            }
        }
        if r < from {
            continue;
        }
        out.last_row = r;
        if !in_grid {
            continue;
        }
        let Some(item) = cells::text(grid, r, item_col) else {
            continue;
        };
        let key = header_key_cow(&item.value);
        if is_stop_label(&key) {
            in_grid = false;
            continue;
        }
        if is_total_label(&key) || key == "总分" || key.starts_with("合计") {
            a.stated_total = header
                .col(Field::Score)
                .and_then(|c| cells::number(grid, r, c));
            continue;
        }
        let Some(aspect) = aspect_named(&item.value, dict) else {
            continue;
        };
        if a.points.iter().any(|(x, _)| *x == aspect) || a.aspects.iter().any(|(x, _)| *x == aspect)
        {
            continue; // a second row of the same aspect (its 评估要点) adds nothing here
        }
        out.rows += 1;
        if let Some(p) = header
            .col(Field::Weight)
            .and_then(|c| cells::number(grid, r, c))
        {
            a.points.push((aspect, p.value));
        }
        if let Some(s) = header
            .col(Field::Score)
            .and_then(|c| cells::text(grid, r, c))
        {
            a.aspects.push((aspect, s));
        }
    }
    if out.rows > 0 {
        out.assessments.push(a);
    }
    out
}

/// The aspect an item names: `立项必要性`, `一、立项必要性（20分）`, `1.投入经济性`.
fn aspect_named(text: &str, dict: &HeaderDict) -> Option<AssessAspect> {
    let key = header_key_cow(text);
    let bare = key.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.．()（）".contains(c)
    });
    match dict.match_header(bare).map(|m| m.field) {
        Some(Field::Aspect(a)) => Some(a),
        _ => AssessAspect::ALL
            .into_iter()
            .find(|a| bare.starts_with(a.zh())),
    }
}

/// The value of a label cell: after its colon in the same cell (`评估结论：予以支持`),
/// else the next filled cell to its right.
fn label_value(
    grid: &Grid,
    r: u32,
    c: u32,
    text: &str,
    field: Field,
    dict: &HeaderDict,
) -> Option<Located<String>> {
    let t = text.trim();
    if let Some((label, value)) = t.split_once(['：', ':'])
        && dict.match_header(label).map(|m| m.field) == Some(field)
    {
        let value = value.trim();
        return (!value.is_empty()).then(|| Located::new(value.to_string(), Loc::new(r, c)));
    }
    if dict.match_header(t).map(|m| m.field) == Some(field) {
        return super::form::value_right_of(grid, r, c, dict, field);
    }
    None
}
