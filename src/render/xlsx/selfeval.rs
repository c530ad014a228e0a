//! The self-evaluation workbook of `perf evaluate -o`: 自评汇总, 指标得分, 问题清单, the recomputed forms.
//!
//! Sheets, in order:
//! - 自评汇总: the summary sentence, then one row per project: budget and
//!   execution, the budget-execution points, the recomputed and the stated
//!   total, their difference (red where the stated total exceeds the
//!   recomputed one beyond the tolerance, i.e. where E003 was reported), the
//!   grade coloured (优 green, 良 light green, 中 yellow, 差 red), the proposed
//!   use of the result and, when a next-year budget was given, the amounts.
//! - 指标得分: one row per indicator: target, actual, points, recomputed and
//!   stated score, their difference (red where the unit stated more), and how
//!   the score was reckoned.
//! - 问题清单: every finding, linked to its cell in the copies.
//! - the input sheets holding self-evaluation tables (the official
//!   项目支出绩效自评表 among them) re-created: each finding's cell filled and
//!   noted, each stated score that differs from the recomputed one noted with
//!   the recomputed figure, and each stated total noted with the recomputed
//!   total and grade.

use crate::say;
use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};

use super::common::{self, SheetJob, SheetNames};
use super::copies::{self, Copies, Marks};
use super::problems;
use super::styles::Styles;
use super::table::{Column, Kind, Looks, Out, TableSheet, project_columns};
use crate::diag::{Counts, Severity};
use crate::evaluate::apply::Evaluated;
use crate::evaluate::score::Method;
use crate::evaluate::{Grade, points_text, round2};
use crate::i18n::Lang;
use crate::layout::TableKind;
use crate::model::{Located, Project};
use crate::parse::Parsed;
use crate::read::Workbook as Book;
use crate::render::evaluate::Report;

/// Light green fill of the grade 良 (between Excel's "Good" green and white).
pub const GOOD_FILL: u32 = 0xE2EFDA;

/// The fill of a grade.
pub fn grade_fill(g: Grade) -> u32 {
    match g {
        Grade::Excellent => common::PASS_FILL,
        Grade::Good => GOOD_FILL,
        Grade::Fair => common::WARNING_FILL,
        Grade::Poor => common::ERROR_FILL,
    }
}

/// Differences smaller than this vanish at two decimals and are not shown as one.
const SAME: f64 = 0.005;

/// Writes the self-evaluation workbook to `out` (atomically): [`prepare`], then save.
pub fn write(out: &Path, report: &Report, books: &[Book]) -> Result<()> {
    prepare(out, report, books)?.save()
}

/// Builds the self-evaluation workbook, to be saved to `out` (atomically).
///
/// Refuses an `out` that is one of the inputs. `books` are the input
/// workbooks in the order the reading added them.
pub fn prepare(out: &Path, report: &Report, books: &[Book]) -> Result<common::Built> {
    common::prepare(
        out,
        books,
        report.reading,
        ("自评", "self-evaluation"),
        || build(report, books),
    )
}

/// Builds the workbook in memory (what [`write`] saves), and says how
/// many of its sheets are copied inputs.
pub fn build(report: &Report, books: &[Book]) -> Result<(Workbook, usize), XlsxError> {
    let lang = report.lang;
    let summary_name = lang.pick("自评汇总", "Summary");
    let scores_name = lang.pick("指标得分", "Indicator scores");
    let list_name = problems::sheet_name(lang);
    let mut names = SheetNames::new();
    for n in [summary_name, scores_name, list_name] {
        names.reserve(n);
    }
    let copies = Copies::plan_summary(books, report.reading, &mut names, copied);
    let mut marks = copies.marks(report.findings, lang);
    mark_recomputed(&mut marks, &copies, report);

    let mut workbook = Workbook::new();
    // Level 1 of 9: the files stay small enough and write several times faster.
    workbook.set_zip_compression_level(1);
    let styles = Styles::new();
    let (copies, styles) = (&copies, &styles);
    let mut jobs = vec![
        SheetJob::streamed(summary_name, move |ws| {
            write_summary(ws, &mut Looks::new(), report, copies)?;
            ws.set_active(true);
            Ok(())
        }),
        SheetJob::streamed(scores_name, move |ws| {
            write_scores(ws, &mut Looks::new(), report)
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

/// Stated minus recomputed as the two show (two decimals), never `-0.00`.
///
/// Scores themselves are written at full precision (sums stay exact; the
/// cell format shows two decimals); the difference is what the officer
/// reads off the two shown figures.
fn difference(stated: f64, score: f64) -> f64 {
    let d = round2(stated - score);
    if d == 0.0 { 0.0 } else { d }
}

/// Stated minus recomputed, shown with its sign (`+1.50`).
fn signed(diff: f64) -> String {
    let t = points_text(diff);
    if diff >= SAME { format!("+{t}") } else { t }
}

/// Notes on the copies where the recomputation speaks: each stated score
/// that differs from the recomputed one (yellow when the unit stated more,
/// blue when less), and every stated total with the recomputed total and grade.
fn mark_recomputed(marks: &mut Marks, copies: &Copies, report: &Report) {
    let lang = report.lang;
    let reading = report.reading;
    for r in report.results {
        let p = &reading.projects[r.project];
        let t = reading.table_of(p);
        let s = &r.scored;
        let mut note = |at: crate::model::Loc, severity: Option<Severity>, line: String| {
            marks.add(copies, &t.file, &t.sheet, (at.row, at.col), severity, line);
        };
        let differs = |stated: f64, score: f64| {
            let d = stated - score;
            (d.abs() >= SAME).then_some(if d > 0.0 {
                Severity::Warning
            } else {
                Severity::Info
            })
        };
        for is in &s.indicators {
            let ind = &p.indicators[is.index];
            let (Some(stated), Some(at)) = (is.stated, ind.stated_score.as_ref().map(|x| x.at))
            else {
                continue;
            };
            if let Some(severity) = differs(stated, is.score) {
                let line = say!(
                    lang,
                    (
                        "复算得分{}分（自评{}分，差额{}）",
                        points_text(is.score),
                        points_text(stated),
                        signed(stated - is.score)
                    ),
                    (
                        "recomputed {} points (stated {}, difference {})",
                        points_text(is.score),
                        points_text(stated),
                        signed(stated - is.score)
                    )
                );
                note(at, Some(severity), line);
            }
        }
        let budget_at = p
            .total_line()
            .and_then(|l| l.stated_score.as_ref())
            .map(|x| x.at);
        if let (Some(stated), Some(at)) = (s.stated_budget_score, budget_at)
            && let Some(severity) = differs(stated, s.budget_score)
        {
            let line = say!(
                lang,
                (
                    "预算执行复算得分{}分（自评{}分，差额{}）",
                    points_text(s.budget_score),
                    points_text(stated),
                    signed(stated - s.budget_score)
                ),
                (
                    "budget execution recomputed {} points (stated {}, difference {})",
                    points_text(s.budget_score),
                    points_text(stated),
                    signed(stated - s.budget_score)
                )
            );
            note(at, Some(severity), line);
        }
        if let Some(total) = &p.stated_total {
            let severity = differs(total.value, s.score);
            let line = say!(
                lang,
                (
                    "复算总分{}分，等级“{}”（自评{}分，差额{}）",
                    points_text(s.score),
                    s.grade.zh(),
                    points_text(total.value),
                    signed(total.value - s.score)
                ),
                (
                    "recomputed total {} points, grade {} (stated {}, difference {})",
                    points_text(s.score),
                    s.grade.en(),
                    points_text(total.value),
                    signed(total.value - s.score)
                )
            );
            note(total.at, severity, line);
        }
    }
}

// ---------------------------------------------------------------------------
// 自评汇总
// ---------------------------------------------------------------------------

/// Whether E003 (stated total above the recomputed one beyond the
/// tolerance) was reported for this project. The rule holds the configured
/// tolerance, so the fill follows it rather than a second copy of the number.
fn overstated(report: &Report, p: &Project) -> bool {
    let t = report.reading.table_of(p);
    report.findings.iter().any(|f| {
        f.code == "E003"
            && f.file == t.file
            && f.sheet.as_deref() == Some(t.sheet.as_str())
            && f.project.as_deref() == Some(p.name.value.as_str())
    })
}

fn summary_text(report: &Report) -> String {
    let c = Counts::of(report.findings);
    let n = report.findings.len();
    match report.lang {
        Lang::Zh => format!(
            "{}发现问题{n}条（错误{}、警告{}、提示{}），明细见「问题清单」；自评表中标色的单元格带批注，写明复算结果。",
            report.summary(),
            c.errors,
            c.warnings,
            c.infos
        ),
        Lang::En => format!(
            "{} {n} findings ({} errors, {} warnings, {} infos) are listed on Findings; coloured cells of the forms carry notes with the recomputed figures.",
            report.summary(),
            c.errors,
            c.warnings,
            c.infos
        ),
    }
}

fn write_summary(
    ws: &mut Worksheet,
    looks: &mut Looks,
    report: &Report,
    copies: &Copies,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let with_next = report.results.iter().any(|r| r.next_budget.is_some());
    let with_affected = report.results.iter().any(|r| r.affected.is_some());
    let mut columns = project_columns(lang, ("全年执行\n（万元）", "Executed\n(10k yuan)"));
    columns.extend([
        Column::new(lang.pick("预算执行得分", "Budget points"), Kind::Points),
        Column::new(lang.pick("复算总分", "Recomputed"), Kind::Points),
        Column::new(lang.pick("自评总分", "Stated"), Kind::Points),
        Column::new(lang.pick("差额", "Difference"), Kind::Points),
        Column::new(lang.pick("等级", "Grade"), Kind::Centred),
        Column::new(lang.pick("结果应用", "Use"), Kind::Centred),
    ]);
    if with_next {
        columns.push(Column::new(
            lang.pick("下年预算\n（万元）", "Next budget\n(10k yuan)"),
            Kind::Money,
        ));
    }
    if with_affected {
        columns.push(Column::new(
            lang.pick("影响金额\n（万元）", "Affected\n(10k yuan)"),
            Kind::Money,
        ));
    }
    let title = say!(
        lang,
        ("{}年度项目支出绩效自评复算汇总表", report.year),
        ("{} self-evaluation, recomputed", report.year)
    );
    let summary = summary_text(report);
    let mut t = TableSheet::begin(ws, looks, &title, Some(&summary), &columns)?;
    for r in report.results {
        let p = &report.reading.projects[r.project];
        let s = &r.scored;
        let diff = s.stated_score.map(|st| difference(st, s.score));
        let table = report.reading.table_of(p);
        let mut cells = vec![
            Out::text(p.unit.as_ref().map_or("", |u| u.value.as_str())),
            Out::text(p.code.as_ref().map_or("", |c| c.value.as_str())),
            Out::link(copies.link_at(table, p.name.at), p.name.value.as_str()),
            Out::opt(s.budget),
            Out::opt(s.executed),
            Out::opt(s.execution_rate),
            Out::num(s.budget_score),
            Out::num(s.score),
            Out::opt(s.stated_score),
            Out::opt(diff).fill(overstated(report, p).then_some(common::ERROR_FILL)),
            Out::text(report.grade_word(s.grade)).fill(Some(grade_fill(s.grade))),
            Out::text(r.usage.label(lang)),
        ];
        if with_next {
            cells.push(Out::opt(r.next_budget));
        }
        if with_affected {
            cells.push(Out::opt(r.affected));
        }
        t.row(cells)?;
    }
    t.finish()?;
    Ok(())
}

// ---------------------------------------------------------------------------
// 指标得分
// ---------------------------------------------------------------------------

fn method_word(m: Method, lang: Lang) -> &'static str {
    match m {
        Method::AtLeast => lang.pick(
            "≥：达标满分，否则按完成比例",
            ">=: full when met, else pro rata",
        ),
        Method::Exactly => lang.pick(
            "=：相等满分，否则按接近程度",
            "=: full when equal, else by closeness",
        ),
        Method::AtMost => lang.pick(
            "≤：达标满分，否则按目标/实际",
            "<=: full when met, else target/actual",
        ),
        Method::Deadline => lang.pick("时限：按期完成满分", "deadline: full when done in time"),
        Method::Band => lang.pick("定性：按档次区间", "qualitative: by band"),
        Method::None => lang.pick("无可比的实际值，不得分", "no comparable actual: no points"),
    }
}

/// The text of a value as written, or nothing.
fn raw(p: &Option<Located<Parsed>>) -> &str {
    p.as_ref().map_or("", |x| x.value.raw.as_str())
}

/// One row per indicator. The names are not linked to the forms (a link
/// costs more to write than the rest of its row, and there are thousands);
/// the flagged ones are linked from 问题清单.
fn write_scores(ws: &mut Worksheet, looks: &mut Looks, report: &Report) -> Result<(), XlsxError> {
    let lang = report.lang;
    let columns = [
        Column::new(lang.pick("单位", "Unit"), Kind::Text),
        Column::new(lang.pick("项目", "Project"), Kind::Text),
        Column::new(lang.pick("一级指标", "Level 1"), Kind::Text),
        Column::new(lang.pick("三级指标", "Indicator"), Kind::Text),
        Column::new(lang.pick("年度指标值", "Target"), Kind::Centred),
        Column::new(lang.pick("实际完成值", "Actual"), Kind::Centred),
        Column::new(lang.pick("分值", "Points"), Kind::Points),
        Column::new(lang.pick("复算得分", "Recomputed"), Kind::Points),
        Column::new(lang.pick("自评得分", "Stated"), Kind::Points),
        Column::new(lang.pick("差额", "Difference"), Kind::Points),
        Column::new(lang.pick("计分方式", "How scored"), Kind::Text),
    ];
    let title = say!(
        lang,
        ("{}年度绩效指标得分复算明细", report.year),
        ("{} indicator scores, recomputed", report.year)
    );
    let mut t = TableSheet::begin(ws, looks, &title, None, &columns)?;
    for r in report.results {
        write_project_scores(&mut t, report, r)?;
    }
    t.finish()?;
    Ok(())
}

fn write_project_scores<'c>(
    t: &mut TableSheet<'_, 'c>,
    report: &'c Report,
    r: &'c Evaluated,
) -> Result<(), XlsxError> {
    let lang = report.lang;
    let p = &report.reading.projects[r.project];
    let unit = p.unit.as_ref().map_or("", |u| u.value.as_str());
    for is in &r.scored.indicators {
        let ind = &p.indicators[is.index];
        let diff = is.stated.map(|st| difference(st, is.score));
        let fill = diff
            .is_some_and(|d| d >= SAME)
            .then_some(common::ERROR_FILL);
        t.row(vec![
            Out::text(unit),
            Out::text(p.name.value.as_str()),
            Out::text(ind.level1.as_ref().map_or("", |l| l.value.as_str())),
            Out::text(ind.name.value.as_str()),
            Out::text(raw(&ind.target)),
            Out::text(raw(&ind.actual)),
            Out::num(is.points),
            Out::num(is.score),
            Out::opt(is.stated),
            Out::opt(diff).fill(fill),
            Out::text(method_word(is.method, lang)),
        ])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;

/// The input tables the self-evaluation workbook re-creates.
pub fn copied(t: &crate::layout::Table) -> bool {
    t.kind == TableKind::SelfEvaluation
}
