//! A well-formed .xlsx package around fuzzed parts, judged as check, monitor and evaluate would.
//!
//! `pipeline` mutates whole files, and most .xlsx inputs are deflated zips, so
//! few of its mutations reach the sheet reader intact. Here the zip is always
//! whole and stored: every mutation lands in the shared strings, the styles or
//! a sheet's XML, and what reads runs on through layout and every judgement.
#![no_main]

use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use perf::config::Config;
use perf::i18n::Lang;
use perf::layout::{HeaderDict, Reading, TableKind};
use perf::monitor::AsOf;
use perf::read::Sheet;
use perf::rules::{Ctx, Settings};
use zip::write::SimpleFileOptions;

// Input: one flag byte, then the parts separated by NUL (which XML never
// holds): sharedStrings.xml, styles.xml, and up to three sheets.
// Flags: bit 0 dates from 1904; bit 1 the second sheet hidden; bit 2 sheets
// without a monitoring table read only to their header (as `monitor` does);
// bit 3 projects red last round and expiring; bits 4–7 the month monitored.
fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let mut parts = rest.split(|&b| b == 0);
    let strings = parts.next().unwrap_or_default();
    let styles = parts.next().unwrap_or_default();
    let sheets: Vec<&[u8]> = parts.take(3).collect();
    let bytes = package(strings, styles, &sheets, flags & 1 != 0, flags & 2 != 0);
    export(data, flags, &bytes);

    let dict = HeaderDict::default();
    let skip = |sheet: &Sheet| {
        perf::layout::first_table_kind(sheet, &dict).is_some_and(|k| k != TableKind::Monitoring)
    };
    let skip: Option<perf::read::Skip> = (flags & 4 != 0).then_some(&skip);
    let Ok(book) = perf::read::load_bytes_skipping(Path::new("f.xlsx"), &bytes, skip) else {
        return;
    };
    let mut reading = Reading::default();
    reading.add(&book, &dict, Lang::Zh);
    let config = Config::default();
    let settings = Settings::default();
    let _ = perf::rules::check(&reading, &settings, Lang::Zh, None);

    let year = perf::rules::budget_year(&reading, None).unwrap_or(2025);
    let mut ctx = Ctx {
        reading: &reading,
        settings: &settings,
        lang: Lang::Zh,
        year: Some(year),
        out: Vec::new(),
    };
    let as_of = AsOf::month(year, u32::from(flags >> 4) % 12 + 1);
    let monitored =
        perf::monitor::assemble::assemble(&reading, &as_of, &config.monitor.thresholds());
    perf::rules::monitor::run(&mut ctx, &monitored, None);
    for m in &monitored {
        let _ = perf::monitor::actions::propose(m, &reading, flags & 8 != 0, Lang::Zh);
    }
    let scheme = config.evaluate.scheme();
    for (p, project) in reading.projects.iter().enumerate() {
        if reading.table_of(project).kind == TableKind::SelfEvaluation {
            let scored = perf::evaluate::score::score(project, &scheme, year);
            perf::rules::evaluate::run(
                &mut ctx,
                p,
                &scored,
                &scheme,
                flags & 8 != 0,
                &perf::evaluate::apply::Application::default(),
            );
        }
    }
    let _ = ctx.into_findings();
});

/// With `PERF_FUZZ_EXPORT=DIR`, each package is also written to DIR as a
/// `pipeline` input (first byte 0, or 4 to read sheets to their header), so
/// the whole-file target can start from what this one found:
/// `PERF_FUZZ_EXPORT=corpus/pipeline …/package -runs=0 corpus/package`.
fn export(data: &[u8], flags: u8, bytes: &[u8]) {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    let Some(dir) = DIR.get_or_init(|| std::env::var_os("PERF_FUZZ_EXPORT").map(PathBuf::from))
    else {
        return;
    };
    let mut h = DefaultHasher::new();
    data.hash(&mut h);
    let mut out = vec![flags & 4];
    out.extend_from_slice(bytes);
    // A failed write loses one corpus file, nothing more.
    let _ = std::fs::write(dir.join(format!("package-{:016x}", h.finish())), out);
}

/// A stored (uncompressed) .xlsx holding the given parts and a workbook that lists the sheets.
fn package(
    strings: &[u8],
    styles: &[u8],
    sheets: &[&[u8]],
    date1904: bool,
    hide_second: bool,
) -> Vec<u8> {
    let mut listed = String::new();
    let mut rels = String::new();
    for i in 1..=sheets.len() {
        let state = if i == 2 && hide_second {
            r#" state="hidden""#
        } else {
            ""
        };
        listed.push_str(&format!(
            r#"<sheet name="表{i}" sheetId="{i}"{state} r:id="rId{i}"/>"#
        ));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        ));
    }
    let pr = if date1904 {
        r#"<workbookPr date1904="1"/>"#
    } else {
        ""
    };
    let workbook = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">{pr}<sheets>{listed}</sheets></workbook>"#
    );
    let rels = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8]| {
        // Writing into memory cannot fail; a failure would be the zip crate's bug.
        zip.start_file(name, stored).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    };
    add("[Content_Types].xml", CONTENT_TYPES.as_bytes());
    add("_rels/.rels", ROOT_RELS.as_bytes());
    add("xl/workbook.xml", workbook.as_bytes());
    add("xl/_rels/workbook.xml.rels", rels.as_bytes());
    add("xl/sharedStrings.xml", strings);
    add("xl/styles.xml", styles);
    for (i, sheet) in sheets.iter().enumerate() {
        add(&format!("xl/worksheets/sheet{}.xml", i + 1), sheet);
    }
    zip.finish().expect("zip finish").into_inner()
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
