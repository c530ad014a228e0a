//! Reading every input file once into one [`Reading`], with the exit-2 policy for single inputs.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::diag::{Finding, Severity};
use crate::fingerprint::Fingerprint;
use crate::i18n::Lang;
use crate::layout::{HeaderDict, Reading};
use crate::read::{self, Workbook};

/// The inputs as understood, and (when asked for) the workbooks themselves,
/// for outputs that re-create the input sheets.
pub struct Loaded {
    pub reading: Reading,
    pub books: Vec<Workbook>,
    /// With [`Options::fingerprints`]: each file's fingerprint, in the order
    /// given (None for a file that could not be read); else empty.
    pub fingerprints: Vec<Option<Fingerprint>>,
}

/// Reads and understands `files`. With a single input, an unreadable or
/// unrecognisable file is a failure (exit 2); with several, it becomes an
/// S001/S002 finding and the others are still read.
pub fn load(files: &[PathBuf], dict: &HeaderDict, lang: Lang) -> Result<Reading> {
    Ok(load_keeping(files, dict, lang, false)?.reading)
}

/// As [`load`], keeping the workbooks when `keep` is set.
pub fn load_keeping(
    files: &[PathBuf],
    dict: &HeaderDict,
    lang: Lang,
    keep: bool,
) -> Result<Loaded> {
    load_with(
        files,
        dict,
        lang,
        &Options {
            keep,
            ..Options::default()
        },
    )
}

/// Called once per file as it is read: the path, and the reason when it could not be.
pub type Progress<'a> = &'a (dyn Fn(&std::path::Path, Option<&str>) + Sync);

/// How [`load_with`] reads.
#[derive(Default)]
pub struct Options<'a> {
    /// Keep the workbooks (for outputs that re-create input sheets).
    pub keep: bool,
    /// Go on past a bad file even when it is the only one (the monthly batch).
    pub keep_going: bool,
    pub progress: Option<Progress<'a>>,
    /// With `keep`: the tables whose sheets the outputs copy. Other sheets are
    /// dropped as each file is read, so a county's workbooks do not all stay
    /// in memory for the few sheets a summary re-creates.
    pub copies: Option<Wanted<'a>>,
    /// The table kinds whose indicators the command reads. Projects of other
    /// tables keep their names, codes, units and money but not their
    /// indicators, which are most of a county's memory.
    pub indicators_of: Option<fn(crate::layout::TableKind) -> bool>,
    /// The table kinds whose rows the command reads at all. A sheet whose
    /// first rows show a table of another kind is read no further: the
    /// table is listed, its rows are not read (a third of a unit's
    /// workbook is its self-evaluation sheet, which monitoring never looks at).
    pub rows_of: Option<fn(crate::layout::TableKind) -> bool>,
    /// Fingerprint each file's bytes as they are read (the batch manifest),
    /// so no input is read twice.
    pub fingerprints: bool,
    /// Files an earlier attempt of this batch could not read for lack of
    /// memory: S001 without reading them again (see `ops::isolate`).
    pub left_out: &'a [PathBuf],
}

/// S007: text of a kept sheet longer than a cell holds (a CSV field may be
/// any length): the copy written back cuts it with a mark, and says where.
fn too_long_for_a_cell(book: &read::Workbook, lang: Lang) -> Vec<Finding> {
    const MAX: usize = crate::render::xlsx::common::MAX_CELL_CHARS;
    let file = book.path.display().to_string();
    let mut found = Vec::new();
    for sheet in &book.sheets {
        for row in &sheet.rows {
            for (col, cell) in &row.cells {
                let crate::model::cell::Cell::Text(s) = cell else {
                    continue;
                };
                // Bytes first: no text of 32,767 bytes or fewer is too long.
                if s.len() <= MAX {
                    continue;
                }
                let units = s.encode_utf16().count();
                if units <= MAX {
                    continue;
                }
                let at = read::a1(row.index, *col);
                let message = crate::say!(
                    lang,
                    "{at}单元格有{units}个字，超过 Excel 单元格上限 32767 字：写出的工作簿中已截断并标注「……[截断/cut]」，原文件未改动 — 请把过长的内容移到附件或拆成几格",
                    "cell {at} holds {units} characters, more than the 32,767 an Excel cell takes: cut in the workbook written, marked 「……[截断/cut]」; the input is unchanged — move the long text to an attachment or split it"
                );
                found.push(
                    Finding::at_file(crate::diag::Code::S007, Severity::Warning, &file, message)
                        .in_sheet(&sheet.name, Some(at)),
                );
            }
        }
    }
    found
}

/// Why a file left out of an isolated batch was not read.
fn out_of_memory(lang: Lang) -> String {
    lang.pick(
        "读取时内存不足（文件过大或已损坏？），本次未读取：请确认是否选对了文件，删除表格之外的多余单元格，或把大表拆成几个文件",
        "reading it ran out of memory (too large or damaged?), so it was left out: check it is the right file, delete stray cells outside the table, or split a big table into several files",
    )
    .to_string()
}

/// Which tables an output copies.
pub type Wanted<'a> = &'a (dyn Fn(&crate::layout::Table) -> bool + Sync);

/// Reads `files` in parallel (one file per task) and joins them in the order
/// given, so the result does not depend on which core finished first.
pub fn load_with(
    files: &[PathBuf],
    dict: &HeaderDict,
    lang: Lang,
    opts: &Options,
) -> Result<Loaded> {
    use rayon::prelude::*;
    let single = files.len() == 1 && !opts.keep_going;
    let skip = |sheet: &read::Sheet| {
        opts.rows_of.is_some_and(|wanted| {
            crate::layout::first_table_kind(sheet, dict).is_some_and(|k| !wanted(k))
        })
    };
    let skip: Option<read::Skip> = opts.rows_of.is_some().then_some(&skip);
    type Each = (
        Result<Reading, String>,
        Option<Workbook>,
        Option<Fingerprint>,
    );
    let each: Vec<Each> = files
        .par_iter()
        .map(|path| {
            if super::isolate::left_out(opts.left_out, path) {
                let out: Each = (Err(out_of_memory(lang)), None, None);
                if let Some(progress) = opts.progress {
                    progress(path, out.0.as_ref().err().map(String::as_str));
                }
                return out;
            }
            // Named if memory runs out while this file is read (an isolated batch).
            let _reading = crate::sys::ReadingFile::mark(path);
            let bytes = read::read_bytes(path);
            let print = match &bytes {
                Ok(b) if opts.fingerprints => Some(Fingerprint::of(b)),
                _ => None,
            };
            let book = bytes.and_then(|b| read::load_bytes_skipping(path, &b, skip));
            let out = match book {
                Ok(mut book) => {
                    let mut r = Reading::default();
                    r.add(&book, dict, lang);
                    if let Some(needed) = opts.indicators_of {
                        for p in &mut r.projects {
                            if !needed(r.tables[p.table].kind) {
                                p.indicators = Vec::new();
                            }
                        }
                    }
                    if let Some(wanted) = opts.copies {
                        book.sheets
                            .retain(|s| r.tables.iter().any(|t| t.sheet == s.name && wanted(t)));
                    }
                    if opts.keep {
                        r.findings.extend(too_long_for_a_cell(&book, lang));
                    }
                    (Ok(r), opts.keep.then_some(book), print)
                }
                Err(e) => (Err(e.describe(lang)), None, print),
            };
            if let Some(progress) = opts.progress {
                let problem = match &out.0 {
                    Err(m) => Some(m.as_str()),
                    Ok(r) => r
                        .findings
                        .iter()
                        .find(|f| f.code == "S002")
                        .map(|f| f.message.as_str()),
                };
                progress(path, problem);
            }
            out
        })
        .collect();
    let mut reading = Reading::default();
    reading.reserve(each.iter().filter_map(|(r, _, _)| r.as_ref().ok()));
    let mut books = Vec::new();
    let mut fingerprints = Vec::new();
    for (path, (result, book, print)) in files.iter().zip(each) {
        if opts.fingerprints {
            fingerprints.push(print);
        }
        match result {
            Ok(r) => {
                if single && let Some(f) = r.findings.iter().find(|f| f.code == "S002") {
                    bail!("{}：{}", path.display(), f.message);
                }
                reading.absorb(r);
                books.extend(book);
            }
            Err(message) => {
                if single {
                    bail!(
                        "{} {}：{}",
                        lang.pick("无法读取", "cannot read"),
                        path.display(),
                        message
                    );
                }
                reading.findings.push(Finding::at_file(
                    crate::diag::Code::S001,
                    Severity::Error,
                    &path.display().to_string(),
                    message,
                ));
            }
        }
    }
    // The inflated sheet XML and the readers' scratch are gone by now.
    crate::alloc::release_freed();
    Ok(Loaded {
        reading,
        books,
        fingerprints,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::TableKind;

    /// A unit's workbook: a monitoring sheet and a long self-evaluation sheet.
    fn workbook(dir: &std::path::Path, rows: u32) -> PathBuf {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let sheets: [(&str, &[&str]); 2] = [
            (
                "指标监控",
                &[
                    "项目名称",
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "年度指标值",
                    "1-6月执行情况",
                ],
            ),
            (
                "绩效自评",
                &[
                    "项目名称",
                    "一级指标",
                    "二级指标",
                    "三级指标",
                    "年度指标值",
                    "实际完成值",
                    "分值",
                    "得分",
                ],
            ),
        ];
        for (name, head) in sheets {
            let ws = wb.add_worksheet().set_name(name).unwrap();
            ws.write_string(0, 0, format!("2024年度{name}表")).unwrap();
            for (c, h) in head.iter().enumerate() {
                ws.write_string(1, c as u16, *h).unwrap();
            }
            for r in 0..rows {
                let row = [
                    format!("项目{}", r / 4),
                    "产出指标".to_string(),
                    "数量指标".to_string(),
                    format!("改造户数{r}"),
                    format!("≥{}个", 100 + r),
                    format!("{}个", 50 + r),
                    "10".to_string(),
                    "8".to_string(),
                ];
                for (c, v) in row.iter().take(head.len()).enumerate() {
                    ws.write_string(r + 2, c as u16, v).unwrap();
                }
            }
        }
        let path = dir.join("unit.xlsx");
        wb.save(&path).unwrap();
        path
    }

    /// The files read as a command that judges monitoring tables only.
    fn monitoring_only(files: &[PathBuf]) -> Loaded {
        let opts = Options {
            keep: true,
            rows_of: Some(|k| k == TableKind::Monitoring),
            ..Options::default()
        };
        load_with(files, &HeaderDict::default(), Lang::Zh, &opts).unwrap()
    }

    #[test]
    fn a_sheet_whose_table_the_command_does_not_judge_is_read_to_its_header_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), 400);
        let files = [path];
        let dict = HeaderDict::default();
        let whole = load(&files, &dict, Lang::Zh).unwrap();
        let monitoring_only = monitoring_only(&files);
        let kinds = |r: &Reading| {
            r.tables
                .iter()
                .map(|t| (t.kind, t.rows))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(&whole),
            [
                (TableKind::Monitoring, 400),
                (TableKind::SelfEvaluation, 400)
            ]
        );
        // The self-evaluation table is still known (no S002), but its rows were not read.
        assert_eq!(
            kinds(&monitoring_only.reading),
            [(TableKind::Monitoring, 400), (TableKind::SelfEvaluation, 0)]
        );
        let sheets = &monitoring_only.books[0].sheets;
        assert!(!sheets[0].head_only && sheets[1].head_only);
        assert!(
            sheets[1].rows.len() < 200,
            "{} rows read",
            sheets[1].rows.len()
        );
        // The monitoring projects are the same as when everything is read.
        let monitored = |r: &Reading| {
            r.projects
                .iter()
                .filter(|p| r.table_of(p).kind == TableKind::Monitoring)
                .cloned()
                .collect::<Vec<_>>()
        };
        assert_eq!(monitored(&whole), monitored(&monitoring_only.reading));
        assert_eq!(
            monitored(&monitoring_only.reading).len(),
            monitoring_only.reading.projects.len()
        );
    }

    #[test]
    fn a_header_merged_over_two_rows_is_judged_whole() {
        // 得分 and 实际完成值 are merged down over the row of 一级/二级/三级指标:
        // that row alone would look like a target table. The first rows are
        // judged as the whole sheet is (two header rows, with the sheet's
        // merges), so evaluating reads the sheet and monitoring does not.
        let dir = tempfile::tempdir().unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("自评").unwrap();
        let f = rust_xlsxwriter::Format::new();
        ws.write_string(0, 0, "2024年度项目支出绩效自评表").unwrap();
        ws.merge_range(1, 0, 1, 2, "绩效指标", &f).unwrap();
        for (c, h) in ["年度指标值", "实际完成值", "分值", "得分"]
            .iter()
            .enumerate()
        {
            ws.merge_range(1, 3 + c as u16, 2, 3 + c as u16, h, &f)
                .unwrap();
        }
        for (c, h) in ["一级指标", "二级指标", "三级指标"].iter().enumerate() {
            ws.write_string(2, c as u16, *h).unwrap();
        }
        for r in 0..600u32 {
            let row = [
                "产出指标",
                "数量指标",
                &format!("改造户数{r}"),
                "≥10个",
                "12个",
                "10",
                "10",
            ];
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r + 3, c as u16, *v).unwrap();
            }
        }
        let path = dir.path().join("selfeval.xlsx");
        wb.save(&path).unwrap();
        let files = [path];
        let read = |rows_of: fn(TableKind) -> bool| {
            let opts = Options {
                keep: true,
                rows_of: Some(rows_of),
                ..Options::default()
            };
            load_with(&files, &HeaderDict::default(), Lang::Zh, &opts).unwrap()
        };
        let evaluating = read(|k| k == TableKind::SelfEvaluation);
        let t = &evaluating.reading.tables[0];
        assert_eq!((t.kind, t.rows), (TableKind::SelfEvaluation, 600));
        assert!(!evaluating.books[0].sheets[0].head_only);
        let monitoring = read(|k| k == TableKind::Monitoring);
        let t = &monitoring.reading.tables[0];
        assert_eq!((t.kind, t.rows), (TableKind::SelfEvaluation, 0));
        assert!(monitoring.books[0].sheets[0].head_only);
    }

    #[test]
    fn a_short_sheet_is_read_whole_whatever_its_table() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = monitoring_only(&[workbook(dir.path(), 5)]);
        assert!(loaded.books[0].sheets.iter().all(|s| !s.head_only));
    }
}
