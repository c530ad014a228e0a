//! .xlsx/.xlsm read in one pass per sheet: cells and merged areas together, straight from the inflated XML.
//!
//! calamine read each sheet through a buffered XML reader and, for merges, a
//! second time; on a 50,000-row sheet that was half of `perf inspect`. This
//! reader parses borrowed slices with quick-xml. Packages it does not follow
//! (odd part names, strict OOXML, XML it cannot parse) go to calamine, so
//! nothing that opened before stops opening.

mod cells;
mod package;
mod scan;
mod styles;
mod text;

use super::ReadError;
use super::sheet::Sheet;

pub use package::MAX_PART_BYTES;

/// Why the fast path stopped: hand over to calamine, or refuse the file.
#[derive(Debug)]
pub enum Refusal {
    Fallback,
    Refuse(ReadError),
}

/// Reads every worksheet of an .xlsx/.xlsm.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    match read_fast(bytes) {
        Ok(sheets) => Ok(sheets),
        Err(Refusal::Refuse(e)) => Err(e),
        Err(Refusal::Fallback) => super::calamine_io::read_xlsx(bytes),
    }
}

fn read_fast(bytes: &[u8]) -> Result<Vec<Sheet>, Refusal> {
    let mut pkg = package::Package::open(bytes)?;
    let (entries, date1904) = pkg.sheets()?;
    let strings = match pkg.part("xl/sharedStrings.xml")? {
        Some(xml) => text::shared_strings(&xml)?,
        None => Vec::new(),
    };
    let kinds = match pkg.part("xl/styles.xml")? {
        Some(xml) => styles::number_kinds(&xml)?,
        None => Vec::new(),
    };
    let ctx = cells::Context {
        strings: &strings,
        kinds: &kinds,
        date1904,
    };
    let mut budget = super::calamine_io::MAX_CELLS;
    let mut sheets = Vec::with_capacity(entries.len());
    for entry in entries {
        let xml = pkg.part(&entry.part)?.ok_or(Refusal::Fallback)?;
        let (found, merges) = cells::read_sheet(&xml, &ctx, &mut budget)?;
        let mut sheet = Sheet::from_cells(entry.name, found);
        sheet.hidden = entry.hidden;
        sheet.merges = merges;
        sheets.push(sheet);
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests;
