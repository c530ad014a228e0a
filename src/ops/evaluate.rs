//! `perf evaluate`: recompute every self-evaluation, grade it, flag what the figures do not bear out.

use anyhow::{Result, bail};

use crate::diag::Counts;
use crate::evaluate::apply::{Evaluated, Use};
use crate::evaluate::score::score;
use crate::layout::{Reading, TableKind};
use crate::model::project::{budget_amount, code_key, name_key};
use crate::render;
use crate::render::Format;
use crate::rules::{self, Ctx};

/// What `perf evaluate` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 绩效自评表（可多个文件）/ self-evaluation workbooks
    pub files: Vec<std::path::PathBuf>,
    /// 预算年度（默认取标题中的年度）/ budget year
    pub year: Option<i32>,
    /// 下年度预算表：显示受影响的金额 / next year's budget lines
    pub next_budget: Option<std::path::PathBuf>,
    /// 写出自评工作簿 / write the self-evaluation workbook
    pub output: Option<std::path::PathBuf>,
    /// 有警告也以 1 退出 / exit 1 on warnings too
    pub strict: bool,
    pub common: super::Common,
}

pub fn run(args: Options) -> Result<u8> {
    let mut inputs = args.files.clone();
    inputs.extend(args.next_budget.iter().cloned());
    // `-o 自评报告.docx`: the self-evaluation report as a Word document; any
    // other name is the self-evaluation workbook.
    let docx = args.output.as_deref().filter(|o| super::report::is_docx(o));
    if let Some(out) = docx {
        render::xlsx::common::refuse_overwrite(out, &inputs)?;
    }
    let workbook = args.output.as_deref().filter(|_| docx.is_none());
    let super::Prepared {
        lang,
        config,
        settings,
    } = super::prepare(&args.common, workbook, &inputs)?;
    let scheme = config.evaluate_scheme();
    let dict = config.header_dict();
    let mut loaded = super::inputs::load_with(
        &args.files,
        &dict,
        lang,
        &super::inputs::Options {
            keep: workbook.is_some(),
            copies: Some(&render::xlsx::selfeval::copied),
            indicators_of: Some(|kind| kind == TableKind::SelfEvaluation),
            // Budget and execution lines are small and may tell a project's money.
            rows_of: Some(|kind| {
                matches!(
                    kind,
                    TableKind::SelfEvaluation | TableKind::Budget | TableKind::Execution
                )
            }),
            ..Default::default()
        },
    )?;
    let reading = loaded.reading;
    render::xlsx::copies::keep_summary_sheets(
        &mut loaded.books,
        &reading,
        render::xlsx::selfeval::copied,
    );
    if !reading
        .tables
        .iter()
        .any(|t| t.kind == TableKind::SelfEvaluation)
    {
        bail!(
            "{}",
            lang.pick(
                "输入中没有绩效自评表（需要「实际完成值」与「得分」等列），无法复算",
                "no self-evaluation table among the inputs"
            )
        );
    }
    let next = match &args.next_budget {
        Some(p) => Some(super::inputs::load(std::slice::from_ref(p), &dict, lang)?),
        None => None,
    };
    let year = rules::budget_year(&reading, args.year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let mut ctx = Ctx {
        reading: &reading,
        settings: &settings,
        lang,
        year: Some(year),
        out: Vec::new(),
    };
    let application = config.evaluate.application();
    let mut results = Vec::new();
    for (p, project) in reading.projects.iter().enumerate() {
        if reading.table_of(project).kind != TableKind::SelfEvaluation {
            continue;
        }
        let scored = score(project, &scheme, year);
        let expiring = project.period_end.as_ref().is_some_and(|e| e.value <= year);
        rules::evaluate::run(&mut ctx, p, &scored, &scheme, expiring, &application);
        let usage = Use::of(scored.grade, expiring, scored.judged, &application);
        let next_budget = next.as_ref().and_then(|n| next_line(n, project));
        let affected = match (next_budget, usage.cut_share(&application)) {
            (Some(b), Some(share)) => Some(b * share),
            _ => None,
        };
        results.push(Evaluated {
            project: p,
            scored,
            expiring,
            usage,
            next_budget,
            affected,
        });
    }
    let findings = ctx.into_findings();
    let report = render::evaluate::Report {
        reading: &reading,
        results: &results,
        findings: &findings,
        year,
        lang,
        application: application.clone(),
    };
    if let Some(out) = docx {
        render::docx::write(out, render::docx::selfeval::build(&report))?;
        super::deliver::announce(out, None, lang);
    }
    let (text, built) = super::deliver::emit_and_build(
        workbook.is_some(),
        |w| match args.common.format() {
            Format::Table | Format::Txt => {
                Ok(w.write_all(render::evaluate::table(&report).as_bytes())?)
            }
            Format::Json => render::evaluate::write_json(&report, w),
            Format::Csv => Ok(w.write_all(render::findings::csv(&findings, lang)?.as_bytes())?),
            Format::Md => Ok(w.write_all(render::evaluate::markdown(&report).as_bytes())?),
        },
        || {
            workbook
                .map(|out| render::xlsx::selfeval::prepare(out, &report, &loaded.books))
                .transpose()
        },
    )?;
    let c = Counts::of(&findings);
    super::deliver::finish(
        text,
        built,
        (results, findings, loaded.books, reading),
        lang,
    )?;
    Ok(super::exit_code(c, args.strict))
}

/// The next-year budget line of a project: by code, else by name.
fn next_line(next: &Reading, p: &crate::model::Project) -> Option<f64> {
    let code = code_key(p);
    let name = name_key(p);
    next.projects
        .iter()
        .filter(|b| {
            matches!(
                next.table_of(b).kind,
                TableKind::Budget | TableKind::Execution
            )
        })
        .find(|b| (code.is_some() && code_key(b) == code) || name_key(b) == name)
        .and_then(budget_amount)
}
