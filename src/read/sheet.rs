//! The sparse sheet every reader produces: rows of non-empty cells, plus merged areas.

pub use crate::model::cell::Cell;

/// A merged area, zero-based and inclusive on both ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// One row: its zero-based index and its non-empty cells sorted by column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub index: u32,
    pub cells: Vec<(u32, Cell)>,
}

/// One worksheet as read. Rows are sorted by index and hold only non-empty
/// cells, so a stray cell at XFD1048576 costs one entry, not a dense grid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub hidden: bool,
    pub rows: Vec<Row>,
    pub merges: Vec<Merge>,
    /// Only the first rows were read: the command that read the sheet does
    /// not judge the kind of table it begins with (see `read::Skip`).
    pub head_only: bool,
}

impl Sheet {
    pub fn new(name: impl Into<String>) -> Self {
        Sheet {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Builds a sheet from cells in any order (later duplicates win); empty
    /// text is dropped. Readers that stream cells in order can push rows directly.
    pub fn from_cells(name: impl Into<String>, mut cells: Vec<(u32, u32, Cell)>) -> Self {
        cells.retain(|(_, _, c)| !matches!(c, Cell::Text(s) if s.is_empty()));
        cells.sort_by_key(|(r, c, _)| (*r, *c));
        let mut sheet = Sheet::new(name);
        for (r, c, cell) in cells {
            match sheet.rows.last_mut() {
                Some(row) if row.index == r => {
                    if let Some(last) = row.cells.last_mut().filter(|(col, _)| *col == c) {
                        last.1 = cell;
                    } else {
                        row.cells.push((c, cell));
                    }
                }
                _ => sheet.rows.push(Row {
                    index: r,
                    cells: vec![(c, cell)],
                }),
            }
        }
        sheet
    }

    /// The row with this zero-based index, if it has any cell.
    pub fn row(&self, index: u32) -> Option<&Row> {
        self.rows
            .binary_search_by_key(&index, |r| r.index)
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The cell stored at (row, col), ignoring merges.
    pub fn cell(&self, row: u32, col: u32) -> Option<&Cell> {
        let r = self.row(row)?;
        r.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &r.cells[i].1)
    }

    /// Number of stored (non-empty) cells.
    pub fn cell_count(&self) -> usize {
        self.rows.iter().map(|r| r.cells.len()).sum()
    }
}

/// A1-style reference for zero-based (row, col): (11, 7) → `H12`.
pub fn a1(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), row + 1)
}

/// Excel column letters for a zero-based column: 0 → `A`, 26 → `AA`, 16383 → `XFD`.
pub fn column_name(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = ((n - 1) % 26) as u8;
        out.push(b'A' + rem);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Parses an A1 reference back to zero-based (row, col): `H12` → (11, 7).
pub fn parse_a1(a1: &str) -> Option<(u32, u32)> {
    parse_a1_bytes(a1.as_bytes())
}

/// `parse_a1` on raw bytes, without allocating (it runs once per cell read).
pub fn parse_a1_bytes(a1: &[u8]) -> Option<(u32, u32)> {
    let letters = a1.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &a1[letters..];
    if letters == 0 || letters > 3 || digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let col = a1[..letters].iter().fold(0u32, |acc, b| {
        acc * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let mut row = 0u32;
    for &d in digits {
        if !d.is_ascii_digit() {
            return None;
        }
        row = row * 10 + u32::from(d - b'0');
    }
    (row >= 1).then(|| (row - 1, col - 1))
}

/// Quotes a sheet name for a reference when it needs it (`'Q1 目标'`).
pub fn quote_sheet(sheet: &str) -> String {
    if sheet
        .chars()
        .any(|c| c.is_whitespace() || "!'-+(),;".contains(c))
    {
        format!("'{}'", sheet.replace('\'', "''"))
    } else {
        sheet.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(11, 7), "H12");
        assert_eq!(a1(1048575, 16383), "XFD1048576");
        assert_eq!(column_name(26), "AA");
        assert_eq!(parse_a1("H12"), Some((11, 7)));
        assert_eq!(parse_a1("XFD1048576"), Some((1048575, 16383)));
        assert_eq!(parse_a1("12"), None);
        assert_eq!(parse_a1("A0"), None);
        assert_eq!(parse_a1("A1x"), None);
        assert_eq!(parse_a1("b3"), Some((2, 1)));
    }

    #[test]
    fn from_cells_sorts_and_drops_empty_text() {
        let s = Sheet::from_cells(
            "s",
            vec![
                (2, 1, Cell::Number(1.0)),
                (0, 3, Cell::Text("".into())),
                (0, 0, Cell::Text("a".into())),
            ],
        );
        assert_eq!(s.rows.len(), 2);
        assert_eq!(s.cell(0, 0), Some(&Cell::Text("a".into())));
        assert_eq!(s.cell(2, 1), Some(&Cell::Number(1.0)));
        assert_eq!(s.cell(0, 3), None);
    }
}
