//! Merged areas of .xlsx sheets, found without parsing each sheet's XML a second time.
//!
//! calamine's merge lookup re-reads a whole worksheet's XML to reach the
//! `<mergeCells>` block at its end; on a 50,000-row sheet that doubles the read.
//! The block is found here by a byte search and only it is parsed.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

use super::sheet::{Merge, parse_a1};

/// Sheet name → merged areas, for every worksheet of an .xlsx; None when the
/// package is laid out in a way this quick path does not follow.
pub fn merges_by_sheet(bytes: &[u8]) -> Option<HashMap<String, Vec<Merge>>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.into_owned())
        .collect();
    let find = |wanted: &str| {
        names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
    };
    let workbook = read_entry(&mut zip, &find("xl/workbook.xml")?)?;
    let rels = read_entry(&mut zip, &find("xl/_rels/workbook.xml.rels")?)?;
    let targets = relationships(&rels)?;
    let mut out = HashMap::new();
    for (name, rid) in sheets(&workbook)? {
        let Some(target) = targets.get(&rid) else {
            continue;
        };
        let path = match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("xl/{target}"),
        };
        let Some(entry) = find(&path) else { continue };
        let xml = read_entry(&mut zip, &entry)?;
        out.insert(name, merge_block(&xml)?);
    }
    Some(out)
}

fn read_entry(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Option<Vec<u8>> {
    let mut f = zip.by_name(name).ok()?;
    let mut buf = Vec::with_capacity(usize::try_from(f.size()).unwrap_or(0).min(1 << 28));
    f.read_to_end(&mut buf).ok()?;
    Some(buf)
}

fn attr(e: &quick_xml::events::BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .filter_map(|a| a.ok())
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `<sheet name="…" r:id="rId1"/>` in workbook.xml, in order.
fn sheets(xml: &[u8]) -> Option<Vec<(String, String)>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                out.push((attr(&e, "name")?, attr(&e, "id")?));
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// `<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>` → Id → Target.
fn relationships(xml: &[u8]) -> Option<HashMap<String, String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = HashMap::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, target);
                }
            }
            Event::Eof => return Some(out),
            _ => {}
        }
        buf.clear();
    }
}

/// The merges in a worksheet's `<mergeCells>` block (none when it has no block).
fn merge_block(xml: &[u8]) -> Option<Vec<Merge>> {
    let Some(at) = memchr::memmem::rfind(xml, b"mergeCells") else {
        return Some(Vec::new());
    };
    // Back up to the '<' that opens the block (the tag may carry a prefix, `<x:mergeCells`).
    let mut start = xml[..at].iter().rposition(|&b| b == b'<')?;
    // rfind found the closing tag when there is one: go to the opening one.
    if xml.get(start + 1) == Some(&b'/') {
        let open = memchr::memmem::rfind(&xml[..start], b"mergeCells")?;
        start = xml[..open].iter().rposition(|&b| b == b'<')?;
    }
    let mut reader = quick_xml::Reader::from_reader(&xml[start..]);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "mergeCell" => {
                if let Some(m) = attr(&e, "ref").as_deref().and_then(parse_range) {
                    out.push(m);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "mergeCells" => return Some(out),
            Ok(Event::Eof) => return Some(out),
            Err(_) => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// `B3:D5` → a merge (`B3` alone is a one-cell area).
fn parse_range(r: &str) -> Option<Merge> {
    let (a, b) = r.split_once(':').unwrap_or((r, r));
    let (r0, c0) = parse_a1(a.trim_matches('$'))?;
    let (r1, c1) = parse_a1(b.trim_matches('$'))?;
    Some(Merge {
        first_row: r0.min(r1),
        first_col: c0.min(c1),
        last_row: r0.max(r1),
        last_col: c0.max(c1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_merge_block_is_found_at_the_end() {
        let xml = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row></sheetData><mergeCells count="2"><mergeCell ref="A1:C1"/><mergeCell ref="B3:B5"/></mergeCells><pageMargins/></worksheet>"#;
        let m = merge_block(xml).unwrap();
        assert_eq!(
            m,
            vec![
                Merge {
                    first_row: 0,
                    first_col: 0,
                    last_row: 0,
                    last_col: 2
                },
                Merge {
                    first_row: 2,
                    first_col: 1,
                    last_row: 4,
                    last_col: 1
                },
            ]
        );
        assert_eq!(
            merge_block(b"<worksheet><sheetData/></worksheet>").unwrap(),
            vec![]
        );
        let prefixed = br#"<x:worksheet><x:mergeCells><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>"#;
        assert_eq!(merge_block(prefixed).unwrap().len(), 1);
    }

    #[test]
    fn the_samples_merges_match_calamine() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/samples/official-forms/monitor_public_toilets.xlsx");
        let bytes = std::fs::read(&path).expect("sample");
        let ours = merges_by_sheet(&bytes).expect("quick path");
        let mut book: calamine::Xlsx<_> =
            calamine::Reader::new(Cursor::new(&bytes[..])).expect("xlsx");
        let theirs = book.merge_cells_by_sheet_name("Sheet1").expect("merges");
        let mut a: Vec<_> = ours["Sheet1"]
            .iter()
            .map(|m| (m.first_row, m.first_col, m.last_row, m.last_col))
            .collect();
        let mut b: Vec<_> = theirs
            .iter()
            .map(|d| (d.start.0, d.start.1, d.end.0, d.end.1))
            .collect();
        a.sort();
        b.sort();
        assert!(!a.is_empty());
        assert_eq!(a, b);
    }
}
