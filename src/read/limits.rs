//! Bounds on what a file may cost before a reader touches it: its size on disk, and for zipped
//! workbooks the size its entries unzip to (a zip bomb is refused from its directory, in microseconds).
//!
//! The zip crate stops an entry at its declared uncompressed size ("File is
//! larger than its declared uncompressed size"), so the declared sizes in the
//! central directory are a true bound on what calamine can unzip: checking
//! them here, before calamine opens the package, bounds time and memory
//! without decompressing anything twice.

use std::io::Cursor;

use super::error::ReadError;

/// Largest input file read, in bytes. A county workbook is a few MB; the
/// biggest real ones (a whole county's monitoring table) stay under 100 MB.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Most bytes all entries of one zipped workbook may unzip to. Five million
/// cells (the readers' cell limit) take well under this much sheet XML.
pub const MAX_UNZIPPED_BYTES: u64 = 512 * 1024 * 1024;

/// Most entries in one zipped workbook (a real one has a few dozen; each
/// entry costs a directory record in memory).
pub const MAX_ZIP_ENTRIES: usize = 100_000;

/// Refuses a file larger than [`MAX_FILE_BYTES`].
pub fn check_file_size(len: u64) -> Result<(), ReadError> {
    if len > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge(format!(
            "{} MB, more than {} MB",
            len / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// Refuses a zip package whose entries declare more than
/// [`MAX_UNZIPPED_BYTES`] in all, or more than [`MAX_ZIP_ENTRIES`] entries.
/// A package the zip crate cannot open passes: the reader reports it as corrupt.
pub fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_ZIP_ENTRIES {
        return Err(ReadError::TooLarge(format!(
            "{} zip entries, more than {MAX_ZIP_ENTRIES}",
            zip.len()
        )));
    }
    // The zip library keeps one entry per name, the last: two entries of
    // one name (a damaged or doctored package) would be read as whichever
    // came last, silently. The directory's own count tells.
    if let Some(declared) = declared_entries(bytes)
        && declared != zip.len() as u64
    {
        return Err(ReadError::Corrupt(format!(
            "the zip directory lists {declared} entries but only {} distinct names: entries share a name",
            zip.len()
        )));
    }
    let mut total: u64 = 0;
    // The shared strings (name, size) and how much sheet XML could refer to them.
    let mut strings: Option<(String, u64)> = None;
    let mut sheets: u64 = 0;
    for i in 0..zip.len() {
        // by_index_raw reads the directory record only; nothing is inflated.
        let Ok(entry) = zip.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(entry.size());
        let name = entry
            .name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        if name.ends_with("styles.xml") && entry.size() > MAX_STYLES_BYTES {
            return Err(ReadError::TooLarge(format!(
                "its styles part ({name}) unzips to {} MB, more than any workbook's formats take; a damaged file",
                entry.size() >> 20
            )));
        }
        if name.ends_with("sharedstrings.xml") || name.ends_with("sharedstrings.bin") {
            strings = Some((name.clone(), entry.size()));
        } else if name.contains("worksheets/") {
            sheets = sheets.saturating_add(entry.size());
        }
        if total > MAX_UNZIPPED_BYTES {
            let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
            return Err(ReadError::TooLarge(format!(
                "unzips to more than {} MB (entry {name}); a zip bomb or a damaged file",
                MAX_UNZIPPED_BYTES / (1024 * 1024)
            )));
        }
    }
    if let Some((name, size)) = strings
        && size > STRINGS_FLOOR
        && size / STRINGS_PER_SHEET_BYTE > sheets
    {
        return Err(ReadError::TooLarge(format!(
            "its shared strings ({name}) unzip to {} MB, more than its sheets ({} MB) can refer to; a damaged or padded file",
            size >> 20,
            sheets >> 20
        )));
    }
    Ok(())
}

/// Shared strings up to this size are read whatever the sheets hold.
const STRINGS_FLOOR: u64 = 64 << 20;

/// Above [`STRINGS_FLOOR`], the most bytes of shared strings per byte of
/// sheet XML. A cell that refers to a string takes some 25 bytes of sheet
/// XML, so sixteen times the sheets' size means strings of 400 bytes on
/// average, each used once: past that, most strings are never used. A
/// damaged 1 MB file held 480 MB of strings (27 million) for sheets of a
/// few KB, and took 16 s and 1.3 GB to read.
const STRINGS_PER_SHEET_BYTE: u64 = 16;

/// The most a workbook's styles part may unzip to. Excel keeps at most
/// 64,000 cell formats, a few MB of XML; a damaged 1 MB file whose 450 MB
/// styles part held nothing but `<xf/>` took 5 GB to read.
const MAX_STYLES_BYTES: u64 = 32 << 20;

/// The number of entries a zip's end-of-directory record declares, or None
/// when there is no such record or it defers to a Zip64 record (0xFFFF).
fn declared_entries(bytes: &[u8]) -> Option<u64> {
    // The record is 22 bytes plus a comment of at most 65,535, at the end.
    let tail = &bytes[bytes.len().saturating_sub(22 + 0xFFFF)..];
    let at = memchr::memmem::rfind(tail, b"PK\x05\x06")?;
    let field = tail.get(at + 10..at + 12)?;
    let n = u16::from_le_bytes([field[0], field[1]]);
    (n != 0xFFFF).then_some(u64::from(n))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_file_over_the_size_limit_is_refused() {
        assert!(check_file_size(10 * 1024 * 1024).is_ok());
        assert!(matches!(
            check_file_size(MAX_FILE_BYTES + 1),
            Err(ReadError::TooLarge(_))
        ));
    }

    #[test]
    fn declared_sizes_above_the_budget_are_refused() {
        // A stored entry whose size is the budget plus one would need a GB of
        // test data; instead rely on the sum over many small declared entries
        // being checked the same way: a normal package passes.
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("xl/workbook.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(b"<workbook/>").unwrap();
        let bytes = w.finish().unwrap().into_inner();
        assert!(check_zip(&bytes).is_ok());
        // Not a zip at all: left to the reader.
        assert!(check_zip(b"PK\x03\x04garbage").is_ok());
    }

    #[test]
    fn two_entries_of_one_name_make_the_package_damaged() {
        let write = |names: &[&str]| {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            for (i, name) in names.iter().enumerate() {
                // The zip writer refuses a repeated name; a doctored package
                // has one anyway, so the name is patched in afterwards.
                let unique = format!("{name}{i}");
                zip.start_file(unique, zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"<x/>").unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        let good = write(&["a.xml", "b.xml"]);
        assert!(check_zip(&good).is_ok());
        assert_eq!(declared_entries(&good), Some(2));
        // "a.xml0" and "a.xml1" become "a.xml0" twice (local headers and directory).
        let mut bad = write(&["a.xml", "a.xml"]);
        let from = b"a.xml1";
        while let Some(at) = memchr::memmem::find(&bad, from) {
            bad[at + 5] = b'0';
        }
        match check_zip(&bad) {
            Err(ReadError::Corrupt(why)) => assert!(why.contains("share a name"), "{why}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn shared_strings_far_beyond_what_the_sheets_can_use_are_refused() {
        let package = |strings: usize, sheet: usize| {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            // Stored: the test builds 70 MB quickly, and only sizes matter.
            let stored = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            zip.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
            zip.write_all(&vec![b' '; sheet]).unwrap();
            zip.start_file("xl/sharedStrings.xml", stored).unwrap();
            let si = "<si><t>x</t></si>".repeat(1 << 16);
            for _ in 0..strings.div_ceil(si.len()) {
                zip.write_all(si.as_bytes()).unwrap();
            }
            zip.finish().unwrap().into_inner()
        };
        match check_zip(&package(70 << 20, 4096)) {
            Err(ReadError::TooLarge(why)) => {
                assert!(
                    why.contains("xl/sharedstrings.xml") && why.contains("70 MB"),
                    "{why}"
                )
            }
            other => panic!("{other:?}"),
        }
        // The same strings for sheets that can use them, and a small table
        // whatever the sheets, are read.
        assert!(check_zip(&package(70 << 20, 8 << 20)).is_ok());
        assert!(check_zip(&package(8 << 20, 4096)).is_ok());
    }

    #[test]
    fn a_styles_part_no_workbook_needs_is_refused() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("xl/styles.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        let xfs = "<xf/>".repeat(1 << 20);
        for _ in 0..7 {
            zip.write_all(xfs.as_bytes()).unwrap(); // 35 MB in all
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1 << 20, "{}", bytes.len());
        match check_zip(&bytes) {
            Err(ReadError::TooLarge(why)) => assert!(why.contains("styles"), "{why}"),
            other => panic!("{other:?}"),
        }
    }
}
