//! The previous monitoring round (`--previous`): which projects were red, for M008.

use std::collections::HashSet;
use std::path::Path;

use super::Level;
use super::assemble::Monitored;
use crate::i18n::{Lang, Said};
use crate::model::cell::Cell;
use crate::parse::text::header_key;

/// The monitoring workbook's summary sheet, in either language: what
/// `--previous` reads back (`perf monitor -o` writes it).
pub const SUMMARY_ZH: &str = "监控汇总";
pub const SUMMARY_EN: &str = "Summary";

/// Keys of the projects that were red last round (execution or indicators).
#[derive(Debug, Clone, Default)]
pub struct Previous {
    red: HashSet<String>,
    /// How many projects the previous round held.
    pub projects: usize,
}

fn keys(code: Option<&str>, name: &str, unit: Option<&str>) -> Vec<String> {
    let mut k = Vec::new();
    if let Some(c) = code
        .map(|c| header_key(c).to_uppercase())
        .filter(|c| !c.is_empty())
    {
        k.push(format!("code:{c}"));
    }
    k.push(format!(
        "name:{}|{}",
        header_key(name),
        unit.map(header_key).unwrap_or_default()
    ));
    k
}

impl Previous {
    /// Records one project of the previous round.
    pub fn add(&mut self, code: Option<&str>, name: &str, unit: Option<&str>, red: bool) {
        self.projects += 1;
        if red {
            self.red.extend(keys(code, name, unit));
        }
    }

    /// Reads the JSON that `perf monitor --format json` wrote last month.
    pub fn from_json(text: &str) -> Result<Previous, String> {
        let doc: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let projects = doc
            .get("projects")
            .and_then(|p| p.as_array())
            .ok_or("no \"projects\" list")?;
        let mut prev = Previous::default();
        for p in projects {
            let s = |k: &str| p.get(k).and_then(|v| v.as_str());
            let red = s("level") == Some("red") || s("indicator_level") == Some("red");
            prev.add(s("code"), s("name").unwrap_or(""), s("unit"), red);
        }
        Ok(prev)
    }

    /// Red last round too.
    pub fn was_red(&self, m: &Monitored) -> bool {
        keys(m.code.as_deref(), &m.name, m.unit.as_deref())
            .iter()
            .any(|k| self.red.contains(k))
    }

    /// Red now and red last round.
    pub fn red_again(&self, m: &Monitored) -> bool {
        m.worst() == Level::Red && self.was_red(m)
    }
}

/// Reads the previous round from a monitoring workbook perf wrote: the
/// 监控汇总 (or English Summary) sheet, its header row with 项目名称, and per
/// project the code, unit and both lights (红色 / `red` means red).
pub fn from_workbook(path: &Path, bytes: &[u8]) -> Result<Previous, Said> {
    let book = crate::read::load_bytes(path, bytes)
        .map_err(|e| Said::new(e.describe(Lang::Zh), e.describe(Lang::En)))?;
    let Some(sheet) = book
        .sheets
        .iter()
        .find(|s| s.name == SUMMARY_ZH || s.name == SUMMARY_EN)
    else {
        return Err(Said::new(
            format!(
                "工作簿中没有「{SUMMARY_ZH}」工作表，不是 perf monitor -o 写出的监控工作簿；\
                 --previous 请给出上一轮 perf monitor -o 写出的 .xlsx，或 perf monitor --format json 的输出"
            ),
            format!(
                "the workbook has no 「{SUMMARY_ZH}」 or 「{SUMMARY_EN}」 sheet: it is not a monitoring workbook \
                 written by perf monitor -o; give --previous last round's .xlsx from perf monitor -o, or the \
                 output of perf monitor --format json"
            ),
        ));
    };
    let text = |c: &Cell| c.to_text().trim().to_string();
    let find = |row: &crate::read::Row, names: [&str; 2]| {
        row.cells
            .iter()
            .find(|(_, c)| names.contains(&text(c).as_str()))
            .map(|(col, _)| *col)
    };
    let Some((header, name_col)) = sheet
        .rows
        .iter()
        .find_map(|r| Some((r, find(r, ["项目名称", "Project"])?)))
    else {
        let name = &sheet.name;
        return Err(Said::new(
            format!(
                "「{name}」工作表中找不到“项目名称”表头，不是 perf monitor -o 写出的监控工作簿"
            ),
            format!(
                "sheet 「{name}」 has no 项目名称 (Project) header: not a monitoring workbook written by perf monitor -o"
            ),
        ));
    };
    let code_col = find(header, ["项目编码", "Code"]);
    let unit_col = find(header, ["单位", "Unit"]);
    let light_cols = [
        find(header, ["执行预警", "Execution"]),
        find(header, ["指标预警", "Indicators"]),
    ];
    if light_cols.iter().all(Option::is_none) {
        let name = &sheet.name;
        return Err(Said::new(
            format!(
                "「{name}」工作表中没有“执行预警”“指标预警”列，不是 perf monitor -o 写出的监控工作簿"
            ),
            format!(
                "sheet 「{name}」 has no 执行预警/指标预警 (Execution/Indicators) columns: not a monitoring workbook written by perf monitor -o"
            ),
        ));
    }
    let red_words = [Level::Red.zh(), Level::Red.key()];
    let mut previous = Previous::default();
    for row in sheet.rows.iter().filter(|r| r.index > header.index) {
        let get = |col: Option<u32>| {
            col.and_then(|c| sheet.cell(row.index, c))
                .map(text)
                .filter(|s| !s.is_empty())
        };
        // Rows without a name: the second header row, blank lines.
        let Some(name) = get(Some(name_col)) else {
            continue;
        };
        let red = light_cols
            .iter()
            .any(|c| get(*c).is_some_and(|s| red_words.contains(&s.as_str())));
        previous.add(
            get(code_col).as_deref(),
            &name,
            get(unit_col).as_deref(),
            red,
        );
    }
    Ok(previous)
}
