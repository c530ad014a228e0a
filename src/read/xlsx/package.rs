//! The parts of an .xlsx package: its zip entries, the sheet list of workbook.xml and where each sheet lives.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};

use super::Refusal;

/// One sheet's XML may inflate to at most this many bytes: a county sheet of
/// 50,000 rows is about 17 MB, and the limit stops a zip bomb before it fills memory.
pub const MAX_PART_BYTES: u64 = 512 << 20;

/// An opened package: the zip and its entry names.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    names: Vec<String>,
}

/// A worksheet as workbook.xml lists it.
pub struct SheetEntry {
    pub name: String,
    pub hidden: bool,
    /// The zip entry holding its XML.
    pub part: String,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Self, Refusal> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::Fallback)?;
        let names = zip
            .file_names()
            .filter_map(|n| n.ok())
            .map(|n| n.into_owned())
            .collect();
        Ok(Package { zip, names })
    }

    /// The entry named `wanted`, matched without regard to case as Excel does.
    pub fn find(&self, wanted: &str) -> Option<String> {
        self.names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(wanted))
            .cloned()
    }

    /// The entries whose names end with `suffix` (lower case), in whatever
    /// case or folder, with `\\` read as `/`.
    pub fn names_ending(&self, suffix: &str) -> Vec<String> {
        self.names
            .iter()
            .filter(|n| n.to_ascii_lowercase().replace('\\', "/").ends_with(suffix))
            .cloned()
            .collect()
    }

    /// As much of an entry as inflates, up to [`MAX_PART_BYTES`], errors
    /// ignored: calamine acts on the start of a part before the zip crate
    /// finds a bad checksum at its end. None when there is no such entry.
    pub fn part_as_read(&mut self, name: &str) -> Option<Vec<u8>> {
        let entry = self.find(name)?;
        let f = self.zip.by_name(&entry).ok()?;
        let mut buf = Vec::new();
        // What was read before an error stays in `buf`.
        let _ = f.take(MAX_PART_BYTES).read_to_end(&mut buf);
        Some(buf)
    }

    /// The inflated bytes of an entry; None when the package has no such entry.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, Refusal> {
        let Some(entry) = self.find(name) else {
            return Ok(None);
        };
        let f = self.zip.by_name(&entry).map_err(|_| Refusal::Fallback)?;
        let declared = f.size();
        if declared > MAX_PART_BYTES {
            return Err(too_large(&entry));
        }
        let mut buf = Vec::with_capacity(declared as usize);
        // The declared size can lie: read at most one byte past the limit to know.
        f.take(MAX_PART_BYTES + 1)
            .read_to_end(&mut buf)
            .map_err(|_| Refusal::Fallback)?;
        if buf.len() as u64 > MAX_PART_BYTES {
            return Err(too_large(&entry));
        }
        // A byte-order mark, UTF-16 or another declared encoding is a doubt:
        // the borrowed-slice reader reads UTF-8 only, calamine decodes the rest.
        if !plain_utf8_xml(&buf) {
            return Err(Refusal::Fallback);
        }
        Ok(Some(buf))
    }

    /// The workbook's parts as its relationships name them: the worksheets in
    /// workbook order, the shared strings and styles, and the date system.
    pub fn workbook(&mut self) -> Result<WorkbookParts, Refusal> {
        // The workbook is where the package's officeDocument relationship points.
        let main = match self.part("_rels/.rels")? {
            Some(rels) => relationships(&rels)?
                .into_values()
                .find(|(_, kind)| kind.ends_with("/officeDocument"))
                .map(|(target, _)| target.trim_start_matches('/').to_string())
                .unwrap_or_else(|| "xl/workbook.xml".to_string()),
            None => "xl/workbook.xml".to_string(),
        };
        let (folder, file) = match main.rsplit_once('/') {
            Some((folder, file)) => (format!("{folder}/"), file.to_string()),
            None => (String::new(), main.clone()),
        };
        let workbook = self.part(&main)?.ok_or(Refusal::Fallback)?;
        let rels = self
            .part(&format!("{folder}_rels/{file}.rels"))?
            .ok_or(Refusal::Fallback)?;
        let targets = relationships(&rels)?;
        let resolve = |target: &str| match target.strip_prefix('/') {
            Some(abs) => abs.to_string(),
            None => format!("{folder}{target}"),
        };
        let (listed, date1904) = workbook_sheets(&workbook)?;
        let mut sheets = Vec::new();
        for (name, rid, hidden) in listed {
            let Some((target, kind)) = targets.get(&rid) else {
                return Err(Refusal::Fallback);
            };
            // Chart sheets and dialog sheets hold no cells.
            if !kind.ends_with("/worksheet") {
                continue;
            }
            sheets.push(SheetEntry {
                name,
                hidden,
                part: resolve(target),
            });
        }
        let of_kind = |suffix: &str| {
            let mut found = targets
                .values()
                .filter(|(_, kind)| kind.ends_with(suffix))
                .map(|(target, _)| resolve(target));
            let first = found.next();
            // Two shared-string tables: which one is meant is a doubt.
            if found.next().is_some() {
                return Err(Refusal::Fallback);
            }
            Ok(first)
        };
        // Without a relationship, the usual names (as calamine looks for them).
        let strings = of_kind("/sharedStrings")?.or_else(|| self.find("xl/sharedStrings.xml"));
        let styles = of_kind("/styles")?.or_else(|| self.find("xl/styles.xml"));
        Ok(WorkbookParts {
            sheets,
            date1904,
            strings,
            styles,
        })
    }
}

/// What a workbook's relationships name.
pub struct WorkbookParts {
    pub sheets: Vec<SheetEntry>,
    pub date1904: bool,
    /// The shared-string table's part, when there is one.
    pub strings: Option<String>,
    /// The styles part, when there is one.
    pub styles: Option<String>,
}

/// True when a part is XML in UTF-8 with no byte-order mark: it starts with
/// `<` (after white space), and an XML declaration names UTF-8 or nothing.
fn plain_utf8_xml(bytes: &[u8]) -> bool {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = &bytes[start..];
    if body.is_empty() {
        return true;
    }
    if body[0] != b'<' {
        return false;
    }
    let Some(decl) = body.strip_prefix(b"<?xml") else {
        return true;
    };
    let end = memchr::memmem::find(decl, b"?>").unwrap_or(decl.len().min(200));
    let decl = String::from_utf8_lossy(&decl[..end]).to_ascii_lowercase();
    match decl.split_once("encoding") {
        None => true,
        Some((_, rest)) => {
            let value: String = rest
                .trim_start_matches([' ', '='])
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| !matches!(c, '"' | '\''))
                .collect();
            matches!(value.trim(), "utf-8" | "utf8")
        }
    }
}

fn too_large(entry: &str) -> Refusal {
    Refusal::Refuse(crate::read::ReadError::TooLarge(format!(
        "{entry} unpacks to more than {} MB",
        MAX_PART_BYTES >> 20
    )))
}

/// The value of the attribute whose local name is `local`, unescaped.
pub fn attr(e: &BytesStart, local: &str) -> Option<String> {
    e.attributes()
        .with_checks(false)
        .filter_map(|a| a.ok())
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

/// `<sheet name="…" state="hidden" r:id="rId1"/>` in workbook order, and `date1904`.
/// (name, relationship id, hidden) of each sheet.
type Listed = Vec<(String, String, bool)>;

fn workbook_sheets(xml: &[u8]) -> Result<(Listed, bool), Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::new();
    let mut date1904 = false;
    loop {
        match reader.read_event().map_err(|_| Refusal::Fallback)? {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sheet" => {
                    let name = attr(&e, "name").ok_or(Refusal::Fallback)?;
                    let rid = attr(&e, "id").ok_or(Refusal::Fallback)?;
                    let hidden = attr(&e, "state").is_some_and(|s| s != "visible");
                    out.push((name, rid, hidden));
                }
                "workbookPr" => {
                    date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true");
                }
                _ => {}
            },
            Event::Eof => return Ok((out, date1904)),
            _ => {}
        }
    }
}

/// `<Relationship Id="rId1" Type="…/worksheet" Target="worksheets/sheet1.xml"/>` → Id → (Target, Type).
fn relationships(xml: &[u8]) -> Result<HashMap<String, (String, String)>, Refusal> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match reader.read_event().map_err(|_| Refusal::Fallback)? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                if let (Some(id), Some(target)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    let kind = attr(&e, "Type").unwrap_or_default();
                    out.insert(id, (target, kind));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_utf8_xml;

    #[test]
    fn only_plain_utf8_xml_is_read_here() {
        assert!(plain_utf8_xml(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><a/>"
        ));
        assert!(plain_utf8_xml(b"\n <a/>"));
        assert!(plain_utf8_xml(b"<?xml version='1.0'?><a/>"));
        // Doubts: a byte-order mark, UTF-16, another declared encoding.
        assert!(!plain_utf8_xml(b"\xef\xbb\xbf<a/>"));
        assert!(!plain_utf8_xml(b"\xff\xfe<\x00a\x00/\x00>\x00"));
        assert!(!plain_utf8_xml(
            b"<?xml version=\"1.0\" encoding=\"GBK\"?><a/>"
        ));
    }
}
