//! `perf check`: read targets and budget lines, run the T/V/W/B rules, render, write the annotated workbook.

use anyhow::{Result, bail};

use crate::diag::Counts;
use crate::layout::TableKind;
use crate::render;
use crate::render::Format;
use crate::rules;

/// What `perf check` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 绩效目标表、预算表（可多个文件）/ target and budget workbooks
    pub files: Vec<std::path::PathBuf>,
    /// 预算年度（默认取表头标题中的年度）/ budget year
    pub year: Option<i32>,
    /// 写出标注后的审核工作簿 / write the annotated review workbook
    pub output: Option<std::path::PathBuf>,
    /// 有警告也以 1 退出 / exit 1 on warnings too
    pub strict: bool,
    pub common: super::Common,
}

/// Runs the review; returns the exit code (output.md).
pub fn run(args: Options) -> Result<u8> {
    let super::Prepared {
        lang,
        config,
        settings,
    } = super::prepare(&args.common, args.output.as_deref(), &args.files)?;
    let loaded = super::inputs::load_keeping(
        &args.files,
        &config.header_dict(),
        lang,
        args.output.is_some(),
    )?;
    let reading = &loaded.reading;
    // Without targets, assessments (with budget lines) still make a review: the A rules.
    if !reading
        .tables
        .iter()
        .any(|t| t.kind.is_targets() || t.kind == TableKind::Assessment)
    {
        let seen: Vec<String> = reading
            .tables
            .iter()
            .map(|t| format!("{}:{}（{}）", t.file, t.sheet, t.kind.zh()))
            .collect();
        bail!(
            "{}{}",
            lang.pick(
                "输入中没有绩效目标表（也没有事前绩效评估表），无法审核 — 请加入绩效目标表",
                "no targets table (nor an ex-ante assessment table) among the inputs, nothing to review — add the targets"
            ),
            if seen.is_empty() {
                String::new()
            } else {
                format!(
                    "{}{}",
                    lang.pick("；识别到的表：", "; tables found: "),
                    seen.join("、")
                )
            }
        );
    }
    let year = rules::budget_year(reading, args.year);
    let (findings, verdicts) = rules::check(reading, &settings, lang, year);
    let report = render::check::Report {
        reading,
        verdicts: &verdicts,
        findings: &findings,
        year,
        lang,
    };
    let (text, built) = super::deliver::emit_and_build(
        args.output.is_some(),
        |w| match args.common.format() {
            Format::Table | Format::Txt => {
                Ok(w.write_all(render::check::table(&report).as_bytes())?)
            }
            Format::Json => render::check::write_json(&report, w),
            Format::Csv => Ok(w.write_all(render::findings::csv(&findings, lang)?.as_bytes())?),
            Format::Md => Ok(w.write_all(render::check::markdown(&report).as_bytes())?),
        },
        || {
            args.output
                .as_ref()
                .map(|out| {
                    render::xlsx::annotated::prepare(
                        out,
                        &loaded.books,
                        reading,
                        &verdicts,
                        &findings,
                        lang,
                    )
                })
                .transpose()
        },
    )?;
    let counts = Counts::of(&findings);
    super::deliver::finish(text, built, (verdicts, findings, loaded), lang)?;
    Ok(super::exit_code(counts, args.strict))
}
