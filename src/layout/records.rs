//! Rows of the record tables — ex-ante assessments and publication records — one record per row.

use super::cells::{self, is_stop_label, is_total_label, strip_code_prefix};
use super::fields::Field;
use super::grid::Grid;
use super::header::Header;
use crate::model::{AssessAspect, Assessment, Loc, Located, PubKind, Publication};
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
