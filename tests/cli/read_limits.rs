//! Sheets whose declared size lies: a stray cell at XFD1048576, a WPS-style `<dimension ref="A1"/>`.

use std::io::{Read, Write};

use rust_xlsxwriter::Workbook;

use crate::support::Work;

fn small_targets(ws: &mut rust_xlsxwriter::Worksheet) {
    let rows = [
        ["项目名称", "二级指标", "三级指标", "指标值"],
        ["农村公路养护", "数量指标", "养护里程", "≥45公里"],
        ["农村公路养护", "质量指标", "路面完好率", "≥90%"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
}

#[test]
fn a_stray_cell_at_xfd1048576_does_not_blow_up() {
    let w = Work::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    small_targets(ws);
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(w.path("stray.xlsx")).unwrap();
    let out = w.perf(&["inspect", "stray.xlsx", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    assert_eq!(
        doc["projects"][0]["indicators"].as_array().unwrap().len(),
        2
    );
}

/// Rewrites the first sheet's `<dimension ref=…/>` as WPS sometimes writes it.
fn with_dimension_a1(bytes: &[u8]) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut dst = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut f = src.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(data).unwrap();
            let start = xml.find("<dimension ref=\"").unwrap();
            let end = start + xml[start..].find("/>").unwrap() + 2;
            data = format!("{}<dimension ref=\"A1\"/>{}", &xml[..start], &xml[end..]).into_bytes();
        }
        dst.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        dst.write_all(&data).unwrap();
    }
    dst.finish().unwrap().into_inner()
}

#[test]
fn a_wrong_declared_dimension_is_ignored() {
    let w = Work::new();
    let mut wb = Workbook::new();
    small_targets(wb.add_worksheet());
    let bytes = wb.save_to_buffer().unwrap();
    w.write("wps.xlsx", &with_dimension_a1(&bytes));
    let out = w.perf(&["inspect", "wps.xlsx", "--format", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc = out.json();
    let names: Vec<&str> = doc["projects"][0]["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["养护里程", "路面完好率"]);
}
