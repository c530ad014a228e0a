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
pub(crate) use package::Package;

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
        Err(Refusal::Fallback) => {
            refuse_impossible_string_counts(bytes)?;
            super::calamine_io::read_xlsx(bytes)
        }
    }
}

/// Refuses a package whose shared-string table declares more strings than
/// its bytes can hold, before calamine sees it.
///
/// calamine reserves room for `<sst uniqueCount>` strings before it reads
/// one. A damaged count of two billion asks for 48 GB; where that fails
/// (Windows commits memory up front, or a memory limit) the process aborts:
/// no error to catch, the whole batch gone. Found by fuzzing, three ways
/// (see [`text::declared_count`] and [`package::Package::part_as_read`]).
/// The smallest string item, `<si/>`, takes 5 bytes.
fn refuse_impossible_string_counts(bytes: &[u8]) -> Result<(), ReadError> {
    let Ok(mut pkg) = package::Package::open(bytes) else {
        return Ok(()); // calamine will fail on it by itself
    };
    for name in pkg.names_ending("sharedstrings.xml") {
        let Some(xml) = pkg.part_as_read(&name) else {
            continue;
        };
        if let Some(n) = text::declared_count(&xml)
            && n > xml.len() as u64 / 5
        {
            return Err(ReadError::Corrupt(format!(
                "{name} declares {n} strings in {} bytes",
                xml.len()
            )));
        }
    }
    Ok(())
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
    // The parts as the workbook's relationships name them (a shared-string
    // table under another name is followed, never read as no strings).
    let parts = pkg.workbook()?;
    let (entries, date1904) = (parts.sheets, parts.date1904);
    let strings = match &parts.strings {
        Some(name) => text::shared_strings(&pkg.part(name)?.ok_or(Refusal::Fallback)?)?,
        None => Vec::new(),
    };
    let kinds = match &parts.styles {
        Some(name) => styles::number_kinds(&pkg.part(name)?.ok_or(Refusal::Fallback)?)?,
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

/// Both readers on the same bytes, when both succeed (the differential fuzz
/// target holds them equal there; see `fuzz/fuzz_targets/differential.rs`).
#[doc(hidden)]
pub fn both_readers(bytes: &[u8]) -> Option<(Vec<Sheet>, Vec<Sheet>)> {
    let ours = read_fast(bytes, None).ok()?;
    let theirs = super::calamine_io::read_xlsx(bytes).ok()?;
    Some((ours, theirs))
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
            root.join("tests/fixtures/official-forms"),
            root.join("tests/fixtures/provincial"),
            // Written by Excel, WPS, LibreOffice, Google Sheets and others
            // (see its README): the layouts real writers produce.
            root.join("tests/fixtures/real-writers"),
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
        let mut differences = Vec::new();
        for path in files {
            let bytes = std::fs::read(&path).unwrap();
            if crate::read::detect::detect(&bytes, "xlsx").ok() != Some(crate::read::Format::Xlsx) {
                continue;
            }
            let theirs = crate::read::calamine_io::read_xlsx(&bytes);
            let ours = read_fast(&bytes, None);
            let (theirs, ours) = match (theirs, ours) {
                (Ok(theirs), Ok(ours)) => (theirs, ours),
                // The fast reader's doubts go to calamine: that is its design.
                (Ok(_), Err(Refusal::Fallback)) => continue,
                (theirs, ours) => {
                    differences.push(format!(
                        "{} did not read both ways: calamine {:?}, fast {:?}",
                        path.display(),
                        theirs.err(),
                        ours.err()
                    ));
                    continue;
                }
            };
            if ours.len() != theirs.len() {
                differences.push(format!("{}: sheet count", path.display()));
                continue;
            }
            for (a, b) in ours.iter().zip(&theirs) {
                let key =
                    |m: &crate::read::Merge| (m.first_row, m.first_col, m.last_row, m.last_col);
                let mut ma: Vec<_> = a.merges.iter().map(key).collect();
                let mut mb: Vec<_> = b.merges.iter().map(key).collect();
                ma.sort();
                mb.sort();
                let what = [
                    (a.name != b.name, "name"),
                    (a.hidden != b.hidden, "hidden"),
                    (a.rows != b.rows, "cells"),
                    (ma != mb, "merges"),
                ];
                for (differs, what) in what {
                    if differs {
                        differences.push(format!("{} {}: {what}", path.display(), a.name));
                    }
                }
            }
            compared += 1;
        }
        assert!(differences.is_empty(), "{}", differences.join("\n"));
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

    /// A package whose shared strings the fast path cannot read (invalid
    /// UTF-8), so calamine would get it, declaring `count` strings.
    fn package_with_string_count(count: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        // Stored, so a test can change bytes of a part and spoil its checksum.
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let parts: [(&str, &[u8]); 4] = [
            (
                "xl/workbook.xml",
                br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"#,
            ),
            (
                "xl/_rels/workbook.xml.rels",
                br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#,
            ),
            (
                "_rels/.rels",
                br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
            ),
            (
                "xl/sharedStrings.xml",
                &[
                    br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount=""#.as_slice(),
                    count.as_bytes(),
                    b"\"><si><t>\xff\xfe</t></si></sst>",
                ]
                .concat(),
            ),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(body).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A one-sheet package: `sheet` is the worksheet XML's `<sheetData>` body,
    /// `strings` the shared-string table stored at `strings_at` (named by the
    /// workbook's relationships), `sheet_xml` wraps the body when given.
    fn one_sheet(sheet: &[u8], strings: &[u8], strings_at: &str) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        let rel = |id: &str, kind: &str, target: &str| {
            format!(
                r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
            )
        };
        let strings_target = strings_at.trim_start_matches("xl/");
        let workbook_rels = format!(
            r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}{}</Relationships>"#,
            rel("rId1", "worksheet", "worksheets/sheet1.xml"),
            rel("rId2", "sharedStrings", strings_target)
        );
        let parts: Vec<(&str, Vec<u8>)> = vec![
            (
                "_rels/.rels",
                br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_vec(),
            ),
            (
                "xl/workbook.xml",
                br#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_vec(),
            ),
            ("xl/_rels/workbook.xml.rels", workbook_rels.into_bytes()),
            (strings_at, strings.to_vec()),
            ("xl/worksheets/sheet1.xml", sheet.to_vec()),
        ];
        for (name, body) in parts {
            zip.start_file(name, opts).unwrap();
            zip.write_all(&body).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn sheet_xml(cells: &str) -> Vec<u8> {
        format!(
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{cells}</row></sheetData></worksheet>"#
        )
        .into_bytes()
    }

    const SST: &[u8] = r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>项目名称</t></si></sst>"#.as_bytes();

    fn a1(sheets: &[Sheet]) -> Option<String> {
        sheets.first()?.cell(0, 0).map(|c| c.to_text())
    }

    #[test]
    fn shared_strings_are_found_where_the_relationships_say() {
        let bytes = one_sheet(
            &sheet_xml(r#"<c r="A1" t="s"><v>0</v></c>"#),
            SST,
            "xl/strings/table.xml",
        );
        let sheets = read_fast(&bytes, None).unwrap_or_else(|_| panic!("read here"));
        assert_eq!(a1(&sheets).as_deref(), Some("项目名称"));
        // Near miss: the usual name reads as before.
        let bytes = one_sheet(
            &sheet_xml(r#"<c r="A1" t="s"><v>0</v></c>"#),
            SST,
            "xl/sharedStrings.xml",
        );
        assert_eq!(
            a1(&read_fast(&bytes, None).unwrap_or_else(|_| panic!())).as_deref(),
            Some("项目名称")
        );
    }

    #[test]
    fn doubts_go_to_calamine_never_to_a_blank_cell() {
        let fallback = |cells: &str| {
            let bytes = one_sheet(&sheet_xml(cells), SST, "xl/sharedStrings.xml");
            matches!(read_fast(&bytes, None), Err(Refusal::Fallback))
        };
        assert!(
            fallback(r#"<c r="A1" t="s"><v>7</v></c>"#),
            "index past the table"
        );
        assert!(
            fallback(r#"<c r="A1" t="s"><v>x</v></c>"#),
            "index no number"
        );
        assert!(fallback(r#"<c r="A1"><v><![CDATA[5]]></v></c>"#), "CDATA");
        // A UTF-16 sheet, and a byte-order mark before UTF-8.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                String::from_utf8(sheet_xml(r#"<c r="A1"><v>5</v></c>"#))
                    .unwrap()
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let bytes = one_sheet(&utf16, SST, "xl/sharedStrings.xml");
        assert!(matches!(read_fast(&bytes, None), Err(Refusal::Fallback)));
        let bom = [
            b"\xef\xbb\xbf".as_slice(),
            &sheet_xml(r#"<c r="A1"><v>5</v></c>"#),
        ]
        .concat();
        let bytes = one_sheet(&bom, SST, "xl/sharedStrings.xml");
        assert!(matches!(read_fast(&bytes, None), Err(Refusal::Fallback)));
        // Near miss: a plain value reads here.
        assert!(!fallback(r#"<c r="A1"><v>5</v></c>"#));
        // Whole: the CDATA value never reaches a table as `<![CDATA[5]]>`.
        let bytes = one_sheet(
            &sheet_xml(r#"<c r="A1"><v><![CDATA[5]]></v></c>"#),
            SST,
            "xl/sharedStrings.xml",
        );
        if let Ok(sheets) = read_xlsx(&bytes, None) {
            assert_ne!(a1(&sheets).as_deref(), Some("<![CDATA[5]]>"));
        }
    }

    #[test]
    fn a_string_count_the_part_cannot_hold_is_refused_before_calamine() {
        // Found by fuzzing: calamine reserves room for the declared count
        // first; two billion strings are 48 GB, and a failed reservation
        // aborts the process.
        let bytes = package_with_string_count("0002000000000");
        assert!(matches!(read_fast(&bytes, None), Err(Refusal::Fallback)));
        let Err(ReadError::Corrupt(why)) = read_xlsx(&bytes, None) else {
            panic!("not refused as corrupt");
        };
        assert!(
            why.starts_with("xl/sharedStrings.xml declares 2000000000 strings in "),
            "{why}"
        );
        // A bad checksum at the part's end, which calamine never reaches,
        // hides nothing either (found by fuzzing `pipeline`).
        let mut spoilt = bytes.clone();
        let at = memchr::memmem::find(&spoilt, b"\xff\xfe").unwrap();
        spoilt[at..at + 2].copy_from_slice(b"\xfe\xff");
        let Err(ReadError::Corrupt(why)) = read_xlsx(&spoilt, None) else {
            panic!("not refused as corrupt");
        };
        assert!(why.contains("declares 2000000000 strings"), "{why}");
        // A count the part can hold goes on to calamine, which says what else is wrong.
        let Err(ReadError::Corrupt(why)) = read_xlsx(&package_with_string_count("1"), None) else {
            panic!("calamine should refuse the invalid UTF-8");
        };
        assert!(!why.contains("declares"), "{why}");
        assert_eq!(text::declared_count(b"<sst count=\"3\"/>"), None);
        // Found by fuzzing `pipeline`: a `<` inside an attribute value
        // before the count, which calamine's reader reads past.
        assert_eq!(
            text::declared_count(
                b"<?xml version=\"0.0\"?><sst xmlns=\"x</t><in\" uniqueCount = '12'><si>"
            ),
            Some(12)
        );
        assert_eq!(
            text::declared_count(b"<si><t>uniqueCount=\"9\"</t></si>"),
            None
        );
        assert_eq!(
            text::declared_count(b"<x:sst uniqueCount=\"000\"/>"),
            Some(0)
        );
        // More than u64 holds is no real count either.
        assert_eq!(
            text::declared_count(b"<sst uniqueCount=\"99999999999999999999999\"/>"),
            Some(u64::MAX)
        );
    }
}
