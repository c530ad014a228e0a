//! Sheets built side by side, their names, and links between them.

use std::collections::HashSet;

use anyhow::Result;
use rust_xlsxwriter::{Url, Workbook, Worksheet, XlsxError};

use super::common::*;

// ---------------------------------------------------------------------------
// Building sheets side by side
// ---------------------------------------------------------------------------

/// What writes one sheet.
pub type SheetWriter<'a> = Box<dyn FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a>;

/// One sheet to build: its (valid, unique) name and what writes it.
pub struct SheetJob<'a> {
    pub name: String,
    pub write: SheetWriter<'a>,
    /// Written top to bottom, each cell with its format: the sheet goes to
    /// a temporary file as it is written (see [`SheetJob::streamed`]).
    pub streamed: bool,
}

impl<'a> SheetJob<'a> {
    pub fn new(
        name: impl Into<String>,
        write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a,
    ) -> Self {
        SheetJob {
            name: name.into(),
            write: Box::new(write),
            streamed: false,
        }
    }

    /// A sheet that `write` fills strictly row after row, each cell with
    /// its format and each row's height set before the next row (as
    /// [`super::table::TableSheet`] and the 问题清单 do). rust_xlsxwriter
    /// then writes its rows to a temporary file as they come (its
    /// "constant memory" mode): the cells are not held until the save, and
    /// the save does not start a thread for the sheet, which a batch of
    /// 300 workbooks of four sheets each felt (a sixth of its time).
    pub fn streamed(
        name: impl Into<String>,
        write: impl FnOnce(&mut Worksheet) -> Result<(), XlsxError> + Send + 'a,
    ) -> Self {
        SheetJob {
            streamed: true,
            ..SheetJob::new(name, write)
        }
    }
}

/// Builds the sheets side by side and adds them to `workbook` in the order given.
///
/// A county's workbook holds hundreds of thousands of cells, and
/// rust_xlsxwriter spends about a microsecond on each; its worksheets are
/// independent until the workbook is saved (formats and strings are merged
/// then, in sheet order), so each is built on a core of its own. Streamed
/// sheets are the exception: they number their formats in the workbook's
/// table as they meet them, so they are built one after the other, in
/// order, beside the others (a rerun must give the same bytes).
pub fn add_sheets(workbook: &mut Workbook, jobs: Vec<SheetJob>) -> Result<(), XlsxError> {
    use rayon::prelude::*;
    if let Some(dir) = super::scratch::dir() {
        // Checked when chosen; should it fail now, the system's folder serves.
        let _ = workbook.set_tempdir(dir);
    }
    // Streamed sheets get their temporary file from the workbook first;
    // where none can be made (no usable temporary folder) the sheet is
    // written the same way but held in memory.
    let (streamed, held): (Vec<_>, Vec<_>) = jobs
        .into_iter()
        .enumerate()
        .map(|(i, job)| {
            let ws = match job.streamed {
                true => workbook
                    .new_worksheet_with_constant_memory()
                    .unwrap_or_else(|_| Worksheet::new()),
                false => Worksheet::new(),
            };
            (i, ws, job)
        })
        .partition(|(_, _, job)| job.streamed);
    let (streamed, held) = rayon::join(
        || streamed.into_iter().map(build_sheet).collect::<Vec<_>>(),
        || held.into_par_iter().map(build_sheet).collect::<Vec<_>>(),
    );
    let mut sheets = streamed
        .into_iter()
        .chain(held)
        .collect::<Result<Vec<_>, XlsxError>>()?;
    sheets.sort_by_key(|(i, _)| *i);
    for (_, ws) in sheets {
        workbook.push_worksheet(ws);
    }
    Ok(())
}

/// Names and writes one sheet of [`add_sheets`].
fn build_sheet(
    (i, mut ws, job): (usize, Worksheet, SheetJob),
) -> Result<(usize, Worksheet), XlsxError> {
    ws.set_name(&job.name)?;
    // A streamed sheet's rows go to its temporary file as they are
    // written; rust_xlsxwriter panics when that write fails (a full disk).
    crate::read::guard::quietly(|| (job.write)(&mut ws)).map_err(|why| {
        XlsxError::IoError(std::io::Error::other(format!("{TEMP_FAILED}: {why}")))
    })??;
    Ok((i, ws))
}

// ---------------------------------------------------------------------------
// Sheet names and links
// ---------------------------------------------------------------------------

/// Makes sheet names valid and unique within one workbook: Excel allows 31
/// characters, forbids `[]:*?/\` and a leading or trailing apostrophe, and
/// compares names without regard to case.
#[derive(Debug, Default, Clone)]
pub struct SheetNames {
    taken: HashSet<String>,
}

impl SheetNames {
    /// Excel reserves `History` (its change-tracking sheet) and refuses a
    /// sheet of that name, so it is taken from the start.
    pub fn new() -> Self {
        let mut names = Self::default();
        names.reserve("History");
        names
    }

    /// Claims `name` (already valid, e.g. a fixed sheet such as 审核结果).
    pub fn reserve(&mut self, name: &str) {
        self.taken.insert(name.to_lowercase());
    }

    /// Whether `name` (as sanitized) is taken already.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken
            .contains(&sanitize_sheet_name(name).to_lowercase())
    }

    /// A valid name from `wanted`, not yet taken: sanitized, cut to 31
    /// characters, then `(2)`, `(3)` … appended while it collides.
    pub fn unique(&mut self, wanted: &str) -> String {
        let base = sanitize_sheet_name(wanted);
        let mut name = base.clone();
        let mut n = 2;
        while self.taken.contains(&name.to_lowercase()) {
            let suffix = format!("({n})");
            let room = 31 - suffix.len();
            name = format!("{}{suffix}", clip(&base, room).trim_end_matches('\''));
            n += 1;
        }
        self.taken.insert(name.to_lowercase());
        name
    }
}

/// A valid Excel sheet name from any text: forbidden characters become `_`,
/// no apostrophe at either end, at most 31 characters, never empty.
pub fn sanitize_sheet_name(wanted: &str) -> String {
    let replaced: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let trimmed = replaced.trim().trim_matches('\'');
    let clipped = clip(trimmed, 31).trim_end_matches('\'').trim_end();
    if clipped.is_empty() {
        "Sheet".to_string()
    } else {
        clipped.to_string()
    }
}

/// A link to a cell of another sheet of the same workbook (`internal:'名'!H12`).
pub fn internal_link(sheet: &str, cell: &str) -> Url {
    Url::new(format!("internal:'{}'!{cell}", sheet.replace('\'', "''")))
}

/// Zero-based (row, col) of an A1 reference (`H12` → (11, 7)); `$` signs are
/// ignored and a range gives its first cell. None when it is not a reference.
pub fn parse_a1(reference: &str) -> Option<(u32, u16)> {
    // The one A1 parser is the reader's; here a range's first cell, `$`
    // anchors dropped, within Excel's sheet.
    let first = reference.split(':').next()?.replace('$', "");
    let (row, col) = crate::read::parse_a1(&first)?;
    if row >= 1_048_576 || col >= 16_384 {
        return None;
    }
    Some((row, u16::try_from(col).ok()?))
}
