//! A sheet seen through its merged areas: a cell covered by a merge reads as the merge's value.

use rustc_hash::FxHashMap as HashMap;

use crate::parse::text::header_key;
use crate::read::{Cell, Merge, Sheet};

/// Merges larger than this many cells are not expanded (a title merged over
/// a whole sheet); their value stays in the top-left cell only.
const MAX_MERGE_AREA: u64 = 20_000;

/// Read access to a sheet with merges resolved.
pub struct Grid<'a> {
    pub sheet: &'a Sheet,
    /// Covered cell → index of its merge (top-left cells included).
    covered: HashMap<(u32, u32), usize>,
    /// The row looked up last (its index, its position in `sheet.rows`): the
    /// readers ask for many cells of one row in a row.
    last_row: std::cell::Cell<Option<(u32, usize)>>,
}

impl<'a> Grid<'a> {
    pub fn new(sheet: &'a Sheet) -> Self {
        let mut covered = HashMap::default();
        for (i, m) in sheet.merges.iter().enumerate() {
            // A damaged .xls can store a merge back to front: skip it before
            // computing its area (found by fuzzing: the subtraction overflowed).
            if m.last_row < m.first_row || m.last_col < m.first_col {
                continue;
            }
            let area = (u64::from(m.last_row) - u64::from(m.first_row) + 1)
                .saturating_mul(u64::from(m.last_col) - u64::from(m.first_col) + 1);
            if area > MAX_MERGE_AREA {
                continue;
            }
            for r in m.first_row..=m.last_row {
                for c in m.first_col..=m.last_col {
                    covered.insert((r, c), i);
                }
            }
        }
        Grid {
            sheet,
            covered,
            last_row: std::cell::Cell::new(None),
        }
    }

    /// The stored cell at (row, col), ignoring merges; remembers the row.
    fn stored(&self, row: u32, col: u32) -> Option<&'a Cell> {
        let at = match self.last_row.get() {
            Some((r, at)) if r == row => at,
            _ => {
                let at = self
                    .sheet
                    .rows
                    .binary_search_by_key(&row, |r| r.index)
                    .ok()?;
                self.last_row.set(Some((row, at)));
                at
            }
        };
        let cells = &self.sheet.rows[at].cells;
        cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &cells[i].1)
    }

    /// The merge covering (row, col), if any.
    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        if self.covered.is_empty() {
            return None;
        }
        self.covered
            .get(&(row, col))
            .map(|&i| &self.sheet.merges[i])
    }

    /// The cell that shows at (row, col): its own, or its merge's top-left one.
    pub fn get(&self, row: u32, col: u32) -> Option<&'a Cell> {
        match self.merge_at(row, col) {
            Some(m) => self.stored(m.first_row, m.first_col),
            None => self.stored(row, col),
        }
    }

    /// Where the value showing at (row, col) is stored.
    pub fn anchor(&self, row: u32, col: u32) -> (u32, u32) {
        self.merge_at(row, col)
            .map(|m| (m.first_row, m.first_col))
            .unwrap_or((row, col))
    }

    /// True when (row, col) is inside a merge but not its top-left cell.
    pub fn is_covered(&self, row: u32, col: u32) -> bool {
        self.anchor(row, col) != (row, col)
    }

    /// Trimmed text showing at (row, col) (numbers as display text); None when blank.
    pub fn text(&self, row: u32, col: u32) -> Option<String> {
        match self.get(row, col)? {
            Cell::Text(s) => {
                let t = s.trim();
                (!t.is_empty()).then(|| t.to_string())
            }
            other => Some(other.to_text()),
        }
    }

    /// The header key of a text cell, borrowed when already normalised.
    pub fn text_key(&self, row: u32, col: u32) -> Option<std::borrow::Cow<'a, str>> {
        let k = crate::parse::text::header_key_cow(self.get(row, col)?.as_text()?);
        (!k.is_empty()).then_some(k)
    }

    /// Header key of the text at (row, col).
    pub fn key(&self, row: u32, col: u32) -> Option<String> {
        let k = header_key(&self.get(row, col)?.to_text());
        (!k.is_empty()).then_some(k)
    }

    /// Columns with something showing in `row`: stored cells plus cells covered by merges.
    pub fn columns_in_row(&self, row: u32) -> Vec<u32> {
        let mut cols: Vec<u32> = self
            .sheet
            .row(row)
            .map(|r| r.cells.iter().map(|(c, _)| *c).collect())
            .unwrap_or_default();
        for m in &self.sheet.merges {
            if (m.first_row..=m.last_row).contains(&row) && m.first_row != row {
                cols.push(m.first_col);
            }
        }
        cols.sort_unstable();
        cols.dedup();
        cols
    }

    /// The last column a value starting at (row, col) spans (its merge's right edge).
    pub fn right_edge(&self, row: u32, col: u32) -> u32 {
        self.merge_at(row, col).map(|m| m.last_col).unwrap_or(col)
    }

    /// The last row a value starting at (row, col) spans.
    pub fn bottom_edge(&self, row: u32, col: u32) -> u32 {
        self.merge_at(row, col).map(|m| m.last_row).unwrap_or(row)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet_with(merges: Vec<Merge>) -> Sheet {
        let mut s = Sheet::from_cells("S", vec![(0, 0, Cell::Text("标题".into()))]);
        s.merges = merges;
        s
    }

    #[test]
    fn back_to_front_and_whole_sheet_merges_are_skipped() {
        // Found by fuzzing: a damaged .xls stored a merge back to front and
        // its area overflowed; one over the whole sheet overflowed `+ 1`.
        let reversed = Merge {
            first_row: 5,
            first_col: 3,
            last_row: 2,
            last_col: 1,
        };
        let whole = Merge {
            first_row: 0,
            first_col: 0,
            last_row: u32::MAX,
            last_col: u32::MAX,
        };
        let s = sheet_with(vec![reversed, whole]);
        let g = Grid::new(&s);
        assert!(g.merge_at(3, 2).is_none());
        assert!(g.merge_at(1, 1).is_none());
        assert_eq!(g.get(0, 0), Some(&Cell::Text("标题".into())));
    }
}
