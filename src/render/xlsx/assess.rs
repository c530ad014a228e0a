//! The assessment workbook of `perf assess -o`: 评估复核 (one row per project) and 问题清单.
//!
//! 评估复核: the title, the summary sentence, then per project its unit,
//! code, name and 新增/延续, the six aspects on the 100-point scale, the
//! weighted total and the stated one, the stated conclusion (red where the
//! scores do not bear it out), the conclusion the total bears out (green
//! 予以支持, yellow 调整完善后予以支持, red 不予支持), who assessed, and remarks.
//! Then 问题清单, and the assessment and budget sheets re-created: each
//! finding's cell filled and noted, each stated conclusion the scores do not
//! bear out and each stated total that differs noted with the recomputed figure.

use std::path::{Path, PathBuf};

use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::common::{self, SheetJob, SheetNames};
use super::copies::{self, Copies, Marks};
use super::problems;
use super::styles::Styles;
use super::table::{Column, Kind, Looks, Out, TableSheet};
use crate::assess::Conclusion;
use crate::diag::Severity;
use crate::i18n::Lang;
use crate::layout::TableKind;
use crate::model::AssessAspect;
use crate::read::Workbook as Book;
use crate::render::assess::{Report, points};

/// The fill of a conclusion.
fn conclusion_fill(c: Conclusion) -> u32 {
    match c {
        Conclusion::Support => common::PASS_FILL,
        Conclusion::Adjust => common::WARNING_FILL,
        Conclusion::Reject => common::ERROR_FILL,
    }
}

/// Writes the assessment workbook to `out` (atomically); refuses an input path.
pub fn write(out: &Path, report: &Report, books: &[Book]) -> Result<common::Sheets> {
    let inputs: Vec<PathBuf> = report
        .reading
        .inputs
        .iter()
        .map(|i| PathBuf::from(&i.path))
        .collect();
    common::refuse_overwrite(out, &inputs)?;
    let (mut workbook, copies) = build(report, books).map_err(|e| {
        let o = out.display();
        crate::i18n::Said::new(
            format!("无法生成评估工作簿 {o}：{e}"),
            format!("cannot build the assessment workbook {o}: {e}"),
        )
    })?;
    let sheets = common::Sheets::of(&mut workbook, copies);
    common::save_atomically(&mut workbook, out)?;
    Ok(sheets)
}

/// Notes on the copied assessment sheets where the recomputation speaks.
fn mark_recomputed(marks: &mut Marks, copies: &Copies, report: &Report) {
    for a in report.assessed {
        let r = report.record(a);
        let t = report.reading.table_of_record(r.table);
        let mut note = |at: crate::model::Loc, severity: Option<Severity>, line: String| {
            marks.add(copies, &t.file, &t.sheet, (at.row, at.col), severity, line);
        };
        if let (false, Some(c), Some(stated)) = (a.borne_out, r.conclusion.as_ref(), a.stated) {
            let line = match report.lang {
                Lang::Zh => format!(
                    "结论“{}”与得分不符：加权总分{}分，按得分为“{}”",
                    stated.zh(),
                    points(a.total),
                    a.derived.zh()
                ),
                Lang::En => format!(
                    "stated “{}” is not borne out: weighted total {}, the scores support “{}”",
                    stated.en(),
                    points(a.total),
                    a.derived.en()
                ),
            };
            note(c.at, Some(Severity::Warning), line);
        }
        // A form's 总分 is in its own points; a summary's on the 100-point scale.
        let recomputed = a.form_points.map_or(a.total, |(s, _)| s);
        if let Some(st) = r.stated_total.as_ref()
            && (st.value - recomputed).abs() >= 0.005
        {
            let line = match report.lang {
                Lang::Zh => format!(
                    "复算总分{}分（表列{}分）",
                    points(recomputed),
                    points(st.value)
                ),
                Lang::En => format!(
                    "recomputed total {} (stated {})",
                    points(recomputed),
                    points(st.value)
                ),
            };
            note(st.at, Some(Severity::Info), line);
        }
    }
}

/// Builds the workbook in memory (what [`write`] saves), and says how
/// many of its sheets are copied inputs.
pub fn build(report: &Report, books: &[Book]) -> Result<(Workbook, usize), XlsxError> {
    let lang = report.lang;
    let summary_name = lang.pick("评估复核", "Assessments");
    let list_name = problems::sheet_name(lang);
    let mut names = SheetNames::new();
    names.reserve(summary_name);
    names.reserve(list_name);
    let copies = Copies::plan_summary(books, report.reading, &mut names, |t| {
        matches!(
            t.kind,
            TableKind::Assessment | TableKind::Budget | TableKind::Execution
        )
    });
    let mut marks = copies.marks(report.findings, lang);
    mark_recomputed(&mut marks, &copies, report);
    let mut workbook = Workbook::new();
    workbook.set_zip_compression_level(1);
    let styles = Styles::new();
    let (copies, styles) = (&copies, &styles);
    let mut jobs = vec![
        SheetJob::streamed(summary_name, move |ws| {
            write_summary(ws, &mut Looks::new(), report)?;
            ws.set_active(true);
            Ok(())
        }),
        SheetJob::streamed(list_name, move |ws| {
            problems::write(ws, report.findings, copies, styles, lang)
        }),
    ];
    jobs.extend(copies::jobs(copies, &marks, styles));
    common::add_sheets(&mut workbook, jobs)?;
    let copied = copies.list.len();
    Ok((workbook, copied))
}

fn write_summary(ws: &mut Worksheet, looks: &mut Looks, report: &Report) -> Result<(), XlsxError> {
    let lang = report.lang;
    let group = lang.pick("六个方面得分（百分制）", "Aspects (of 100)");
    let mut columns = vec![
        Column::new(lang.pick("单位", "Unit"), Kind::Text),
        Column::new(lang.pick("项目编码", "Code"), Kind::Centred),
        Column::new(lang.pick("项目（政策）名称", "Project"), Kind::Text),
        Column::new(lang.pick("新增/延续", "Status"), Kind::Centred),
    ];
    columns.extend(
        AssessAspect::ALL
            .iter()
            .map(|a| Column::grouped(lang.pick(a.zh(), a.en()), Kind::Points, group)),
    );
    columns.extend([
        Column::new(lang.pick("加权总分", "Total"), Kind::Points),
        Column::new(lang.pick("表列总分", "Stated total"), Kind::Points),
        Column::new(lang.pick("表列结论", "Stated conclusion"), Kind::Centred),
        Column::new(lang.pick("按得分推定", "By the scores"), Kind::Centred),
        Column::new(lang.pick("评估主体", "Assessor"), Kind::Centred),
        Column::new(lang.pick("说明", "Remarks"), Kind::Text),
    ]);
    let title = match (lang, report.year) {
        (crate::i18n::Lang::Zh, Some(y)) => format!("{y}年度事前绩效评估复核表"),
        (crate::i18n::Lang::Zh, None) => "事前绩效评估复核表".to_string(),
        (crate::i18n::Lang::En, Some(y)) => format!("{y} ex-ante assessments, reviewed"),
        (crate::i18n::Lang::En, None) => "Ex-ante assessments, reviewed".to_string(),
    };
    let summary = report.summary();
    let mut t = TableSheet::begin(ws, looks, &title, Some(&summary), &columns)?;
    for a in report.assessed {
        let r = report.record(a);
        let mut cells = vec![
            Out::text(r.unit.as_ref().map_or("", |u| u.value.as_str())),
            Out::text(r.code.as_ref().map_or("", |c| c.value.as_str())),
            Out::text(r.name.value.as_str()),
            Out::text(report.status_word(a)),
        ];
        cells.extend(a.scores.iter().map(|(_, s)| Out::opt(*s)));
        cells.extend([
            Out::num(a.total),
            Out::opt(r.stated_total.as_ref().map(|s| s.value)),
            Out::text(a.stated.map_or("", |c| report.conclusion_word(c)))
                .fill((!a.borne_out).then_some(common::ERROR_FILL)),
            Out::text(report.conclusion_word(a.derived)).fill(Some(conclusion_fill(a.derived))),
            Out::text(a.assessor.map_or("", |x| lang.pick(x.zh(), x.en()))),
            Out::text(report.remarks(a)),
        ]);
        t.row(cells)?;
    }
    t.finish()?;
    Ok(())
}
