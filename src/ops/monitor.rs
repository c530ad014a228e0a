//! `perf monitor`: read execution and monitoring tables, judge 双监控, propose actions, render, write.

use crate::say;
use anyhow::{Context, Result, bail};

use crate::diag::Counts;
use crate::i18n::Lang;
use crate::layout::{Reading, TableKind};
use crate::monitor::assemble::assemble_with;
use crate::monitor::previous::Previous;
use crate::monitor::{AsOf, actions};
use crate::render;
use crate::render::Format;
use crate::rules::{self, Ctx};

/// What `perf monitor` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 资金执行表、指标监控表（可多个文件）/ fund execution and indicator monitoring workbooks
    pub files: Vec<std::path::PathBuf>,
    /// 监控月份 1-12（默认取表头“1-X月”）/ the month monitored
    pub month: Option<u32>,
    /// 监控截止日期 / monitor as of this date
    pub as_of: Option<chrono::NaiveDate>,
    /// Take `month`/`as_of` even where the sheets' headers name another month.
    pub force_month: bool,
    /// 预算年度（默认取标题中的年度）/ budget year
    pub year: Option<i32>,
    /// 上一轮监控结果（perf monitor 输出的 JSON 或监控工作簿），用于判断连续红色预警 / last round
    pub previous: Option<std::path::PathBuf>,
    /// 写出工作簿（monitor：监控工作簿；report：汇总工作簿）/ write the workbook (monitoring, or the report's summary)
    pub output: Option<std::path::PathBuf>,
    /// 有警告也以 1 退出 / exit 1 on warnings too
    pub strict: bool,
    pub common: super::Common,
}

pub use crate::monitor::Outcome;

pub fn run(args: Options) -> Result<u8> {
    let outcome = compute(&args)?;
    let report = render::monitor::Report::of(&outcome);
    let (text, built) = super::deliver::emit_and_build(
        args.output.is_some(),
        |w| match args.common.format() {
            Format::Table | Format::Txt => {
                Ok(w.write_all(render::monitor::table(&report).as_bytes())?)
            }
            Format::Json => render::monitor::write_json(&report, w),
            Format::Csv => Ok(
                w.write_all(render::findings::csv(&outcome.findings, outcome.lang)?.as_bytes())?
            ),
            Format::Md => Ok(w.write_all(render::monitor::markdown(&report).as_bytes())?),
        },
        || {
            args.output
                .as_ref()
                .map(|out| render::xlsx::monitoring::prepare(out, &report, &outcome.books))
                .transpose()
        },
    )?;
    let c = Counts::of(&outcome.findings);
    let lang = outcome.lang;
    super::deliver::finish(text, built, outcome, lang)?;
    Ok(super::exit_code(c, args.strict))
}

/// Reads, judges and proposes; shared with `perf report`.
pub fn compute(args: &Options) -> Result<Outcome> {
    compute_needing(args, &options(args), Needs::Monitoring).map(|(o, _)| o)
}

/// As [`compute`] for `perf report`: publication records alone make a report
/// too (its 信息公开 section), as of `--as-of` or today.
/// Also gives the config the run read (the report's budget kinds and
/// categories come from it; it is read once).
pub fn compute_for_report(args: &Options) -> Result<(Outcome, crate::config::Config)> {
    compute_needing(args, &options(args), Needs::MonitoringOrDisclosure)
}

fn options(args: &Options) -> super::inputs::Options<'static> {
    super::inputs::Options {
        keep: args.output.is_some(),
        copies: Some(&render::xlsx::monitoring::copied),
        indicators_of: Some(monitored_kind),
        rows_of: Some(facts_kind),
        ..Default::default()
    }
}

/// What a run cannot do without.
#[derive(Clone, Copy, PartialEq)]
enum Needs {
    /// An execution or monitoring table (`monitor`, `batch`).
    Monitoring,
    /// That, or publication records (`report`).
    MonitoringOrDisclosure,
}

/// The tables whose indicators monitoring reads (the others give project facts only).
pub fn monitored_kind(kind: TableKind) -> bool {
    matches!(kind, TableKind::Monitoring | TableKind::Execution)
}

/// The tables whose rows monitoring reads: those it judges, those that give
/// project facts (units that did not report, the 四本预算 kind), and the
/// disclosure records `perf report` shows. Self-evaluation and ex-ante
/// assessment rows are not read.
pub fn facts_kind(kind: TableKind) -> bool {
    !matches!(kind, TableKind::SelfEvaluation | TableKind::Assessment)
}

/// As [`compute`], with the reading options of `perf batch` (go on past bad files, progress).
/// Also gives the config the run read, as [`compute_for_report`].
pub fn compute_with(
    args: &Options,
    opts: &super::inputs::Options,
) -> Result<(Outcome, crate::config::Config)> {
    compute_needing(args, opts, Needs::Monitoring)
}

fn compute_needing(
    args: &Options,
    opts: &super::inputs::Options,
    needs: Needs,
) -> Result<(Outcome, crate::config::Config)> {
    let mut inputs = args.files.clone();
    inputs.extend(args.previous.iter().cloned());
    let super::Prepared {
        lang,
        config,
        settings,
    } = super::prepare(&args.common, args.output.as_deref(), &inputs)?;
    let previous = match &args.previous {
        Some(p) => Some(read_previous(p, lang)?),
        None => None,
    };
    let loaded = super::inputs::load_with(&args.files, &config.header_dict(), lang, opts)?;
    let reading = loaded.reading;
    let mut books = loaded.books;
    let fingerprints = loaded.fingerprints;
    render::xlsx::copies::keep_summary_sheets(
        &mut books,
        &reading,
        render::xlsx::monitoring::copied,
    );
    let monitoring = reading
        .tables
        .iter()
        .any(|t| matches!(t.kind, TableKind::Monitoring | TableKind::Execution));
    let disclosure_only =
        !monitoring && needs == Needs::MonitoringOrDisclosure && !reading.publications.is_empty();
    if !monitoring && !disclosure_only {
        bail!(
            "{}",
            match needs {
                Needs::Monitoring => lang.pick(
                    "输入中没有资金执行表或指标监控表，无法监控",
                    "no fund execution or indicator monitoring table among the inputs"
                ),
                Needs::MonitoringOrDisclosure => lang.pick(
                    "输入中没有资金执行表、指标监控表或绩效信息公开登记表，无法生成报告 — 请加入其中之一",
                    "no fund execution, indicator monitoring or publication table among the inputs, no report to make — add one of them"
                ),
            }
        );
    }
    let as_of = if disclosure_only {
        // Publication records are judged as of a day: --as-of, else today.
        AsOf::date(
            args.as_of
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        )
    } else {
        as_of(args, &reading, lang)?
    };
    let monitored = assemble_with(
        &reading,
        &as_of,
        &config.monitor.thresholds(),
        &settings.direction,
    );
    let mut ctx = Ctx {
        reading: &reading,
        settings: &settings,
        lang,
        year: Some(as_of.year),
        out: Vec::new(),
    };
    rules::monitor::run(&mut ctx, &monitored, previous.as_ref());
    // The proposed actions do not depend on the findings: both at once, the
    // actions on every core.
    let (actions, findings) = rayon::join(
        || {
            use rayon::prelude::*;
            monitored
                .par_iter()
                .map(|m| {
                    let again = previous.as_ref().is_some_and(|p| p.red_again(m));
                    actions::propose(m, &reading, again, lang)
                })
                .collect()
        },
        || ctx.into_findings(),
    );
    let outcome = Outcome {
        reading,
        books,
        as_of,
        monitored,
        actions,
        findings,
        lang,
        fingerprints,
    };
    Ok((outcome, config))
}

/// `--as-of`, else `--month` (with `--year` or the title year), else the month in the headers.
fn as_of(args: &Options, reading: &Reading, lang: Lang) -> Result<AsOf> {
    let given = args
        .as_of
        .map(|d| chrono::Datelike::month(&d))
        .or(args.month);
    if let Some(m) = given
        && !args.force_month
    {
        check_month(args, m, reading, lang)?;
    }
    if let Some(d) = args.as_of {
        return Ok(AsOf::date(d));
    }
    let year = rules::budget_year(reading, args.year)
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let month = args.month.or_else(|| {
        let mut months: Vec<u32> = reading
            .tables
            .iter()
            .filter(|t| matches!(t.kind, TableKind::Monitoring | TableKind::Execution))
            .filter_map(|t| t.month)
            .collect();
        months.sort_unstable();
        months.last().copied()
    });
    match month {
        Some(m) => Ok(AsOf::month(year, m)),
        None => bail!(
            "{}",
            lang.pick(
                "无法确定监控月份：表头中没有“1-X月执行数”之类的月份，请用 --month N 或 --as-of YYYY-MM-DD 指定",
                "cannot tell the month monitored: no header such as 1-X月执行数; give --month N or --as-of YYYY-MM-DD"
            )
        ),
    }
}

/// Refuses a month the sheets' own headers contradict (`1-6月执行数` with
/// `--month 7`): figures to June reported as July's would be quoted to the
/// county government with the wrong time progress.
fn check_month(args: &Options, month: u32, reading: &Reading, lang: Lang) -> Result<()> {
    let mut said: Vec<String> = Vec::new();
    for t in reading
        .tables
        .iter()
        .filter(|t| matches!(t.kind, TableKind::Monitoring | TableKind::Execution))
    {
        if let Some(m) = t.month
            && m != month
        {
            let place = format!("{}「{}」", t.file, t.sheet);
            let text = say!(
                lang,
                "{place}表头为1-{m}月",
                "{place} is headed months 1-{m}"
            );
            if !said.contains(&text) {
                said.push(text);
            }
        }
    }
    if said.is_empty() {
        return Ok(());
    }
    // Three places are enough to see the mistake; a county folder may hold hundreds.
    let more = said.len().saturating_sub(3);
    said.truncate(3);
    let what = match (args.as_of, lang) {
        (Some(d), Lang::Zh) => format!("--as-of {d}（{month}月）"),
        (Some(d), Lang::En) => format!("--as-of {d} (month {month})"),
        // A space between the option and Chinese text, as one types it.
        (None, Lang::Zh) => format!("--month {month} "),
        (None, Lang::En) => format!("--month {month}"),
    };
    let list = match (more, lang) {
        (0, Lang::Zh) => said.join("，"),
        (n, Lang::Zh) => format!("{}等（另有{n}个工作表）", said.join("，")),
        (0, Lang::En) => said.join(", "),
        (n, Lang::En) => format!("{} and {n} more sheets", said.join(", ")),
    };
    bail!(
        "{}",
        say!(
            lang,
            "{what}与表头所示月份不符：{list} — 请核对监控月份；确需按{month}月计算时加 --force-month",
            "{what} disagrees with the months the sheets name: {list} — check the month; add --force-month to compute for month {month} all the same"
        )
    )
}

fn read_previous(path: &std::path::Path, lang: Lang) -> Result<Previous> {
    let bytes = crate::read::read_bytes(path).map_err(|e| {
        anyhow::anyhow!(
            "{} {}：{}",
            lang.pick("无法读取上一轮结果", "cannot read the previous round"),
            path.display(),
            e.describe(lang)
        )
    })?;
    if let Ok(text) = std::str::from_utf8(&bytes)
        && text.trim_start().starts_with('{')
    {
        return Previous::from_json(text).map_err(|e| {
            anyhow::anyhow!(
                "{} {}：{e}",
                lang.pick(
                    "上一轮结果不是 perf monitor 的 JSON",
                    "not a perf monitor JSON"
                ),
                path.display()
            )
        });
    }
    crate::monitor::previous::from_workbook(path, &bytes)
        .map_err(anyhow::Error::new)
        .with_context(|| {
            format!(
                "{} {}",
                lang.pick(
                    "无法读取上一轮监控工作簿",
                    "cannot read the previous monitoring workbook"
                ),
                path.display()
            )
        })
}
