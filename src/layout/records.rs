//! Rows of the record tables — ex-ante assessments and publication records — one record per row.

use super::cells::{self, is_stop_label, is_total_label, strip_code_prefix};
use super::fields::{Field, HeaderDict};
use super::grid::Grid;
use super::header::Header;
use crate::model::{AssessAspect, Assessment, Loc, Located, PubKind, Publication};
use crate::parse::MoneyUnit;
use crate::parse::date::{DateCell, date_of_cell};
use crate::parse::text::{header_key, header_key_cow};
use crate::parse::ticks::{Thresholds, stated_shares, stated_thresholds};

/// What the rows of one record table gave.
#[derive(Debug, Default)]
pub struct Records {
    pub assessments: Vec<Assessment>,
    pub publications: Vec<Publication>,
    /// Rows skipped or cells not understood, with why (finding S004).
    pub skipped: Vec<(Loc, crate::i18n::Said)>,
    pub rows: usize,
    pub last_row: u32,
}

/// Reads rows `from..to` under `header` as assessments (`assessment`) or
/// publication records; rows from `above` are looked at for notes (a stated
/// threshold such as `80分（含）以上予以支持`).
pub fn read(
    grid: &Grid,
    header: &Header,
    table: usize,
    (above, from, to): (u32, u32, u32),
    assessment: bool,
) -> Records {
    let mut out = Records {
        last_row: from.saturating_sub(1),
        ..Default::default()
    };
    let text = |r: u32, f: Field| header.col(f).and_then(|c| cells::text(grid, r, c));
    // A summary's own weights in its aspect headers (`立项必要性（25分）`), and an
    // aspect another column covers (`实施方案可行性` and no 方案完整性 column).
    let (points, combined) = if assessment {
        summary_points(header)
    } else {
        (Vec::new(), Vec::new())
    };
    let thresholds = if assessment {
        notes(grid, above, to).0
    } else {
        None
    };
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
                points: points.clone(),
                stated_total: header
                    .col(Field::TotalScore)
                    .and_then(|c| cells::number(grid, r, c)),
                assessor: text(r, Field::Assessor),
                conclusion: text(r, Field::Conclusion),
                combined: combined.clone(),
                items: Vec::new(),
                shares: None,
                subtotals: Vec::new(),
                thresholds: thresholds.clone(),
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
            let budget_approved = date(Field::BudgetApproved);
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
                budget_approved,
                published,
                place: text(r, Field::PubPlace),
            });
        }
    }
    out
}

/// The weights a summary states in its aspect headers (`立项必要性（25分）`,
/// `投入经济性(权重20%)`) — every aspect column must state one, else none
/// counts — and the aspects its columns cover besides their own.
fn summary_points(header: &Header) -> (Vec<(AssessAspect, f64)>, Vec<AssessAspect>) {
    let aspects: Vec<(AssessAspect, &str)> = header
        .columns
        .iter()
        .filter_map(|c| match c.field {
            Field::Aspect(a) => Some((a, c.header.as_str())),
            _ => None,
        })
        .collect();
    let stated: Vec<(AssessAspect, f64)> = aspects
        .iter()
        .filter_map(|(a, h)| super::cells::points_in_label(h).map(|p| (*a, p)))
        .collect();
    let points = if stated.len() == aspects.len() {
        stated
    } else {
        Vec::new()
    };
    (points, combined_of(aspects.iter().copied()))
}

/// The aspects labels cover besides their own: 方案完整性, when a
/// `实施方案可行性` label stands and no label of its own.
fn combined_of<'a>(
    labels: impl Iterator<Item = (AssessAspect, &'a str)> + Clone,
) -> Vec<AssessAspect> {
    let own = |x: AssessAspect| labels.clone().any(|(a, _)| a == x);
    let plan = labels.clone().any(|(_, l)| AssessAspect::covers_plan(l));
    if plan && !own(AssessAspect::Completeness) {
        vec![AssessAspect::Completeness]
    } else {
        Vec::new()
    }
}

/// What a form's or summary's notes state: conclusion thresholds
/// (`80分（含）以上予以支持`) and the shares of an item's points each band earns.
fn notes(grid: &Grid, from: u32, to: u32) -> (Option<Located<Thresholds>>, Option<[f64; 4]>) {
    let mut thresholds = None;
    let mut shares = None;
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        for (c, cell) in &row.cells {
            let Some(t) = cell.as_text() else { continue };
            if thresholds.is_none() {
                thresholds = stated_thresholds(t).map(|v| Located::new(v, Loc::new(row.index, *c)));
            }
            if shares.is_none() {
                shares = stated_shares(t);
            }
        }
    }
    (thresholds, shares)
}

/// A date column's value; text that is no date is noted as skipped, not guessed.
fn date_at(
    grid: &Grid,
    header: &Header,
    r: u32,
    f: Field,
    skipped: &mut Vec<(Loc, crate::i18n::Said)>,
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
                crate::i18n::Said::new(
                    format!("「{}」不是日期，按未填处理", cell.to_text()),
                    format!("「{}」 is not a date, read as blank", cell.to_text()),
                ),
            ));
            None
        }
    }
}

/// The official 事前绩效评估 form: the project in a header block above, one aspect
/// per row under `header` (评估内容 | 分值 | 得分, or the report form's
/// 评估内容 | 权重 | 评估得分), a 总分 row, and 评估结论 / 评估主体 written as
/// labels (`评估结论：予以支持`, or the label with its value to the right). The
/// 审核表 whose items are ticked `优□良☑中□差□` under section rows
/// (`一、立项必要性（20分）`) is read item by item ([`super::review`]).
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
    let (thresholds, shares) = notes(grid, above, to);
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
        combined: Vec::new(),
        items: Vec::new(),
        shares,
        subtotals: Vec::new(),
        thresholds,
    };
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= above && r.index < to)
    {
        for (c, cell) in &row.cells {
            let Some(text) = cell.as_text() else { continue };
            for (field, slot) in [
                (Field::Conclusion, &mut a.conclusion),
                (Field::Assessor, &mut a.assessor),
            ] {
                if slot.is_none() {
                    *slot = label_value(grid, row.index, *c, text, field, dict);
                }
            }
        }
    }
    if super::review::is_review(grid, from, to) {
        let review = super::review::read(grid, header, from, to);
        out.rows = review.items.len();
        out.last_row = review.last_row;
        out.skipped = review.skipped;
        a.combined = combined_of(review.labels.iter().map(|(x, l)| (*x, l.as_str())));
        a.points = review.points;
        a.items = review.items;
        a.subtotals = review.subtotals;
        a.stated_total = review.stated_total;
        if out.rows > 0 {
            out.assessments.push(a);
        }
        return out;
    }
    // The report form's score column may be headed 评估得分 (a total's name elsewhere).
    let score_col = header.col(Field::Score).or(header.col(Field::TotalScore));
    let mut labels: Vec<(AssessAspect, String)> = Vec::new();
    let mut in_grid = true;
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        let r = row.index;
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
            a.stated_total = score_col.and_then(|c| cells::number(grid, r, c));
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
        labels.push((aspect, item.value.clone()));
        if let Some(p) = header
            .col(Field::Weight)
            .and_then(|c| cells::number(grid, r, c))
        {
            a.points.push((aspect, p.value));
        }
        if let Some(s) = score_col.and_then(|c| cells::text(grid, r, c)) {
            a.aspects.push((aspect, s));
        }
    }
    a.combined = combined_of(labels.iter().map(|(x, l)| (*x, l.as_str())));
    if out.rows > 0 {
        out.assessments.push(a);
    }
    out
}

/// The aspect an item names: `立项必要性`, `一、立项必要性（20分）`, `1.投入经济性`,
/// `实施方案可行性` — by the county's own header words first, then by meaning.
fn aspect_named(text: &str, dict: &HeaderDict) -> Option<AssessAspect> {
    let key = header_key(text);
    let bare = key.trim_start_matches(|c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十、.．()（）".contains(c)
    });
    match dict.match_header(bare).map(|m| m.field) {
        Some(Field::Aspect(a)) => Some(a),
        _ => AssessAspect::by_meaning(bare),
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
