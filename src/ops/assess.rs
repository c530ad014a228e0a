//! `perf assess`: recompute every ex-ante assessment, derive or check its conclusion, tie it to budget lines.

use anyhow::{Result, bail};

use crate::assess::assess_all;
use crate::diag::Counts;
use crate::layout::TableKind;
use crate::render;
use crate::render::Format;
use crate::rules::{self, Ctx};

/// What `perf assess` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 事前绩效评估表，以及预算表（可多个文件）/ assessment tables and budget lines
    pub files: Vec<std::path::PathBuf>,
    /// 预算年度（默认取标题中的年度）/ budget year
    pub year: Option<i32>,
    /// 写出评估工作簿 / write the assessment workbook
    pub output: Option<std::path::PathBuf>,
    /// 有警告也以 1 退出 / exit 1 on warnings too
    pub strict: bool,
    pub common: super::Common,
}

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
    let reading = loaded.reading;
    if !reading
        .tables
        .iter()
        .any(|t| t.kind == TableKind::Assessment)
    {
        bail!(
            "{}",
            lang.pick(
                "输入中没有事前绩效评估表（需要「项目名称」和「立项必要性」「投入经济性」等评估方面或「评估结论」列），无法复核",
                "no ex-ante assessment table among the inputs (a 项目名称 column with aspects such as 立项必要性, or 评估结论)"
            )
        );
    }
    let year = rules::budget_year(&reading, args.year);
    let assessed = assess_all(&reading, &settings.assess);
    let mut ctx = Ctx {
        reading: &reading,
        settings: &settings,
        lang,
        year,
        out: Vec::new(),
    };
    rules::assess::run(&mut ctx, &assessed);
    let findings = ctx.into_findings();
    let has_budget = reading
        .tables
        .iter()
        .any(|t| matches!(t.kind, TableKind::Budget | TableKind::Execution));
    let report = render::assess::Report {
        reading: &reading,
        assessed: &assessed,
        findings: &findings,
        year,
        lang,
        has_budget,
        scheme: settings.assess,
    };
    let text = match args.common.format() {
        Format::Table | Format::Txt => render::assess::table(&report),
        Format::Json => render::assess::json(&report)?,
        Format::Csv => render::findings::csv(&findings, lang)?,
        Format::Md => render::assess::markdown(&report),
    };
    if let Some(out) = &args.output {
        let sheets = render::xlsx::assess::write(out, &report, &loaded.books)?;
        super::deliver::announce(out, Some(sheets), lang);
    }
    render::print(&text)?;
    let c = Counts::of(&findings);
    Ok(super::exit_code(c, args.strict))
}
