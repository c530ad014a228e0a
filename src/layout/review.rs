//! The 事前绩效评估审核表 (Sichuan, Hunan, Hubei and others): one project per
//! sheet, the aspects as section rows (`一、立项必要性（20分）`), under each the
//! items (审核要点) with their points (分值) and a mark in 审核意见
//! (`优□良☑中□差□`), 得分小计 rows after a group of items, and a 合计 row.
//!
//! Only what the form says is read here; the points each mark earns are
//! reckoned in [`crate::assess`].

use super::cells::{is_stop_label, is_total_label};
use super::grid::Grid;
use super::header::Header;
use crate::model::{AssessAspect, ItemMark, Loc, Located, ScoredItem, Subtotal};
use crate::parse::text::header_key;
use crate::parse::ticks::rating_boxes;
use crate::read::Cell;

/// What a 审核表 gave.
#[derive(Debug, Default)]
pub struct Review {
    /// Each aspect's points: its section's `（20分）`, else the sum of its items'.
    pub points: Vec<(AssessAspect, f64)>,
    /// The section labels as written, for what they cover (`实施方案可行性`).
    pub labels: Vec<(AssessAspect, String)>,
    pub items: Vec<ScoredItem>,
    pub subtotals: Vec<Subtotal>,
    pub stated_total: Option<Located<f64>>,
    /// Marks perf could not read, with why (finding S004).
    pub skipped: Vec<(Loc, crate::i18n::Said)>,
    pub last_row: u32,
}

/// Whether rows `from..to` hold items marked `优□良□中□差□`.
pub fn is_review(grid: &Grid, from: u32, to: u32) -> bool {
    grid.sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
        .any(|r| {
            r.cells
                .iter()
                .any(|(_, c)| c.as_text().is_some_and(|t| rating_boxes(t).is_some()))
        })
}

/// A number of points as written: `5`, `5分`, `５`.
fn points_of(cell: &Cell) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(*n),
        Cell::Text(t) => {
            let k = crate::parse::text::to_half_width(&header_key(t));
            let k = k.trim_end_matches('分');
            (!k.is_empty() && k.chars().all(|c| c.is_ascii_digit() || c == '.'))
                .then(|| k.parse().ok())
                .flatten()
        }
        _ => None,
    }
}

/// Reads the sections, items and totals of a 审核表 in rows `from..to`.
pub fn read(grid: &Grid, header: &Header, from: u32, to: u32) -> Review {
    let mut out = Review {
        last_row: from.saturating_sub(1),
        ..Default::default()
    };
    let rows: Vec<_> = grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
        .collect();
    // The columns that hold marks, and the column of each item's points: the
    // header's 分值 (not the group's 权重) left of the marks, else the
    // rightmost number left of the mark on each row.
    let mut mark_cols: Vec<u32> = rows
        .iter()
        .flat_map(|r| r.cells.iter())
        .filter(|(_, c)| c.as_text().is_some_and(|t| rating_boxes(t).is_some()))
        .map(|(c, _)| *c)
        .collect();
    mark_cols.sort_unstable();
    mark_cols.dedup();
    let first_mark = mark_cols.first().copied().unwrap_or(u32::MAX);
    let points_col = (header.first_row..=header.last_row)
        .flat_map(|r| grid.columns_in_row(r).into_iter().map(move |c| (r, c)))
        .filter(|&(r, c)| {
            c < first_mark
                && grid
                    .key(r, c)
                    .is_some_and(|k| matches!(k.as_str(), "分值" | "标准分值" | "分数" | "标准分"))
        })
        .map(|(_, c)| c)
        .max();
    // Each section's aspect and its stated points (`（20分）`).
    let mut sections: Vec<(AssessAspect, Option<f64>)> = Vec::new();
    let mut section: Option<usize> = None; // index into sections
    let mut group_start = 0usize;
    for row in rows {
        let r = row.index;
        out.last_row = r;
        let label = row
            .cells
            .iter()
            .find_map(|(c, cell)| cell.as_text().map(|t| (*c, header_key(t))))
            .filter(|(_, k)| !k.is_empty());
        if label.as_ref().is_some_and(|(_, k)| is_stop_label(k)) {
            break;
        }
        let mark_cell = row
            .cells
            .iter()
            .find(|(c, cell)| mark_cols.contains(c) && !cell.to_text().trim().is_empty());
        let numbers_beside = |skip: Option<u32>| -> Vec<(u32, f64)> {
            row.cells
                .iter()
                .filter(|(c, _)| Some(*c) != skip)
                .filter_map(|(c, cell)| points_of(cell).map(|v| (*c, v)))
                .collect()
        };
        if let Some((lc, key)) = &label {
            let subtotal = key.starts_with("得分小计") || key.starts_with("小计");
            let total = !subtotal
                && (is_total_label(key) || key.starts_with("合计") || key.starts_with("得分合计"));
            if subtotal || total {
                let stated = mark_cell
                    .and_then(|(c, cell)| points_of(cell).map(|v| (*c, v)))
                    .or_else(|| numbers_beside(Some(*lc)).last().copied());
                if subtotal {
                    let items = &out.items[group_start..];
                    if stated.is_some()
                        && !items.is_empty()
                        && items.iter().all(|x| x.mark == ItemMark::Unread)
                    {
                        // The reviewer wrote the group's points only: they stand
                        // for its items, which are then not "counted 0".
                        let ats: Vec<Loc> = items.iter().map(|x| x.at).collect();
                        out.skipped.retain(|(at, _)| !ats.contains(at));
                    }
                    out.subtotals.push(Subtotal {
                        at: Loc::new(r, stated.map_or(*lc, |s| s.0)),
                        stated: stated.map(|s| s.1),
                        items: group_start..out.items.len(),
                    });
                    group_start = out.items.len();
                } else if out.stated_total.is_none() {
                    // Where only the points possible are written (合计 | 100), no total is stated.
                    out.stated_total = stated
                        .filter(|(c, _)| mark_cols.contains(c) || Some(*c) != points_col)
                        .map(|(c, v)| Located::new(v, Loc::new(r, c)));
                }
                continue;
            }
        }
        let item_points = match points_col {
            Some(pc) => grid.sheet.cell(r, pc).and_then(points_of),
            None => row
                .cells
                .iter()
                .filter(|(c, _)| *c < first_mark)
                .filter_map(|(_, cell)| points_of(cell))
                .next_back(),
        };
        let boxes = mark_cell.and_then(|(_, cell)| cell.as_text().and_then(rating_boxes));
        // A section: no mark, and the row's first words name an aspect other
        // than the current one (a group label such as 必要可行性 under
        // 立项必要性 is not a new section), or state its points.
        let current = section.map(|i| sections[i].0);
        let new_section = label
            .as_ref()
            .filter(|_| mark_cell.is_none())
            .and_then(|(_, key)| {
                let aspect = AssessAspect::by_meaning(key)?;
                let stated = super::cells::points_in_label(key);
                (current != Some(aspect) || stated.is_some()).then_some((aspect, stated, key))
            });
        if let Some((aspect, stated, key)) = new_section {
            let i = match sections.iter().position(|(a, _)| *a == aspect) {
                Some(i) => i,
                None => {
                    sections.push((aspect, stated));
                    out.labels.push((aspect, key.clone()));
                    sections.len() - 1
                }
            };
            section = Some(i);
            group_start = out.items.len();
            continue;
        }
        let Some(i) = section else { continue };
        if boxes.is_none() && item_points.is_none() {
            continue;
        }
        let aspect = sections[i].0;
        // A row without a mark is pointed at in the first mark column (there is
        // one: a 审核表 is recognised by its marks); clamped to Excel's last column.
        let at = mark_cell.map_or(Loc::new(r, first_mark.min(16_383)), |(c, _)| {
            Loc::new(r, *c)
        });
        let mark = match (boxes, mark_cell) {
            (Some(b), _) => match (b.ticked, b.points) {
                (Some(_), Some(p)) => ItemMark::Points(p),
                (Some(band), None) => ItemMark::Band(band),
                (None, _) => {
                    out.skipped.push((
                        at,
                        crate::i18n::Said::new(
                            "审核意见未勾选或勾选了多项，该要点按0分计 — 请只勾选一项",
                            "no option or more than one ticked: the item counts 0 — tick one",
                        ),
                    ));
                    ItemMark::Unread
                }
            },
            (None, Some((_, cell))) => match points_of(cell) {
                Some(v) => ItemMark::Points(v),
                None => {
                    out.skipped.push((
                        at,
                        crate::i18n::Said::new(
                            format!(
                                "审核意见「{}」不是勾选的优、良、中、差，该要点按0分计",
                                cell.to_text().trim()
                            ),
                            format!(
                                "「{}」 is not a ticked 优/良/中/差: the item counts 0",
                                cell.to_text().trim()
                            ),
                        ),
                    ));
                    ItemMark::Unread
                }
            },
            (None, None) => {
                out.skipped.push((
                    at,
                    crate::i18n::Said::new(
                        "审核意见为空，该要点按0分计 — 请勾选优、良、中、差之一",
                        "no mark: the item counts 0 — tick one of 优/良/中/差",
                    ),
                ));
                ItemMark::Unread
            }
        };
        out.items.push(ScoredItem {
            aspect,
            at,
            points: item_points.unwrap_or(0.0),
            mark,
        });
    }
    // Sections without stated points weigh what their items may earn.
    out.points = sections
        .into_iter()
        .map(|(aspect, stated)| {
            let sum = || {
                out.items
                    .iter()
                    .filter(|x| x.aspect == aspect)
                    .map(|x| x.points)
                    .sum()
            };
            (aspect, stated.unwrap_or_else(sum))
        })
        .collect();
    out
}
