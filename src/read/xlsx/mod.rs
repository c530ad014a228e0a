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

use super::sheet::Sheet;
use super::{ReadError, Skip};

pub use package::MAX_PART_BYTES;

/// Why the fast path stopped: hand over to calamine, or refuse the file.
#[derive(Debug)]
pub enum Refusal {
    Fallback,
    Refuse(ReadError),
}

/// How much of a sheet's XML is read to see which table it begins with:
/// title rows and a two-row header take a few kilobytes.
const HEAD_BYTES: usize = 16 << 10;

/// Reads every worksheet of an .xlsx/.xlsm; a sheet that `skip` turns down
/// after its first rows is left there (see [`Skip`]).
pub fn read_xlsx(bytes: &[u8], skip: Option<Skip>) -> Result<Vec<Sheet>, ReadError> {
    match read_fast(bytes, skip) {
        Ok(sheets) => Ok(sheets),
        Err(Refusal::Refuse(e)) => Err(e),
        Err(Refusal::Fallback) => super::calamine_io::read_xlsx(bytes),
    }
}

/// The sheet made of the whole rows in the first [`HEAD_BYTES`] of its XML,
/// with all its merged areas (they come after the rows, at the end): a
/// header merged over two rows reads as it does in the whole sheet.
fn first_rows(
    xml: &[u8],
    entry: &package::SheetEntry,
    ctx: &cells::Context,
) -> Result<Sheet, Refusal> {
    // Whole rows only: cut after the last `</row>` the head holds.
    let head = &xml[..HEAD_BYTES.min(xml.len())];
    let end = memchr::memmem::rfind(head, b"</row>").map_or(0, |at| at + 6);
    let mut budget = super::calamine_io::MAX_CELLS;
    let (found, _) = cells::read_sheet(&xml[..end], ctx, &mut budget)?;
    let merges = match memchr::memmem::rfind(&xml[end..], b"<mergeCells") {
        Some(at) => cells::read_sheet(&xml[end + at..], ctx, &mut budget)?.1,
        None => Vec::new(),
    };
    let mut sheet = Sheet::from_cells(entry.name.clone(), found);
    sheet.hidden = entry.hidden;
    sheet.merges = merges;
    Ok(sheet)
}

fn read_fast(bytes: &[u8], skip: Option<Skip>) -> Result<Vec<Sheet>, Refusal> {
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
        if let Some(skip) = skip
            && xml.len() > HEAD_BYTES
        {
            let mut head = first_rows(&xml, &entry, &ctx)?;
            if skip(&head) {
                head.head_only = true;
                sheets.push(head);
                continue;
            }
        }
        let (found, merges) = cells::read_sheet_parallel(&xml, &ctx, &mut budget)?;
        let mut sheet = Sheet::from_cells(entry.name, found);
        sheet.hidden = entry.hidden;
        sheet.merges = merges;
        sheets.push(sheet);
    }
    Ok(sheets)
}

#[cfg(test)]
mod tests {
    // The fast reader gives what calamine gives, on every .xlsx the project holds.
    use super::*;

    use std::path::{Path, PathBuf};

    fn xlsx_files() -> Vec<PathBuf> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in [
            root.join("tests/fixtures"),
            root.join("tests/fixtures/lo"),
            root.join("examples/county"),
            root.join("../shared/samples/official-forms"),
        ] {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "xlsx" || x == "xlsm") {
                    out.push(p);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn matches_calamine_on_every_workbook_here() {
        let files = xlsx_files();
        assert!(
            files.len() >= 10,
            "expected the fixtures, found {}",
            files.len()
        );
        let mut compared = 0;
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            if crate::read::detect::detect(&bytes, "xlsx").ok() != Some(crate::read::Format::Xlsx) {
                continue;
            }
            let theirs = crate::read::calamine_io::read_xlsx(&bytes);
            let ours = read_fast(&bytes, None);
            let (Ok(theirs), Ok(ours)) = (theirs, ours) else {
                panic!("{} did not read both ways", path.display());
            };
            assert_eq!(ours.len(), theirs.len(), "{}", path.display());
            for (a, b) in ours.iter().zip(&theirs) {
                assert_eq!(a.name, b.name, "{}", path.display());
                assert_eq!(a.hidden, b.hidden, "{} {}", path.display(), a.name);
                assert_eq!(a.rows, b.rows, "{} {}", path.display(), a.name);
                let key =
                    |m: &crate::read::Merge| (m.first_row, m.first_col, m.last_row, m.last_col);
                let mut ma: Vec<_> = a.merges.iter().map(key).collect();
                let mut mb: Vec<_> = b.merges.iter().map(key).collect();
                ma.sort();
                mb.sort();
                assert_eq!(ma, mb, "{} {}", path.display(), a.name);
            }
            compared += 1;
        }
        assert!(compared >= 10);
    }

    #[test]
    fn odd_packages_fall_back_and_bombs_are_refused() {
        // Not a zip at all: the fast path hands over (and calamine then says why).
        assert!(matches!(
            read_fast(b"PK\x03\x04 broken", None),
            Err(Refusal::Fallback)
        ));
    }
}
