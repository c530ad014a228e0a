//! `perf batch`: the unattended monthly run over a folder — every unit's workbooks in, one monitoring
//! workbook per unit, the county summary, the report, the findings and a manifest out.

use crate::say;
use std::collections::{BTreeMap, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde_json::json;

use super::files::{safe_file_name, walk};
use super::monitor::{Outcome, compute_with};
use crate::diag::{Counts, Finding};
use crate::fingerprint::Fingerprint;
use crate::i18n::Lang;
use crate::render;
use crate::render::monitor::Report;
use crate::render::xlsx::common::{Built, InputGuard};

/// What `perf batch` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 存放各单位工作簿的文件夹 / folder of the units' workbooks
    pub input: std::path::PathBuf,
    /// 监控月份 1-12 / the month monitored
    pub month: u32,
    /// Take `month` even where the sheets' headers name another month.
    pub force_month: bool,
    /// 预算年度（默认取标题中的年度）/ budget year
    pub year: Option<i32>,
    /// 输出文件夹 / output folder
    pub output: std::path::PathBuf,
    /// 上个月的输出文件夹（判断连续红色预警）/ last month's OUT_DIR
    pub previous: Option<std::path::PathBuf>,
    /// 并行任务数（默认为全部核心）/ parallel jobs
    pub jobs: Option<usize>,
    /// 不显示进度 / no progress
    pub quiet: bool,
    /// Files an earlier attempt could not read for lack of memory: recorded
    /// as S001, not read again (see `isolate`).
    pub left_out: Vec<PathBuf>,
    pub common: super::Common,
}

/// The name of the full monitoring JSON in OUT_DIR, read back as `--previous` next month.
pub const MONITOR_JSON: &str = "monitor.json";

/// More parallel jobs than this only start threads that wait: `--jobs` is
/// capped here (a mistyped `--jobs 100000` once hung starting them).
const MAX_JOBS: usize = 64;

pub fn run(args: Options) -> Result<u8> {
    // The manifest lists each output's SHA-256: taken as the files are written.
    crate::fingerprint::want_hashes();
    let lang = args.common.lang;
    let started = Instant::now();
    if !args.input.is_dir() {
        bail!(
            "{} {}",
            args.input.display(),
            lang.pick(
                "不是一个文件夹（请给出存放各单位工作簿的文件夹）",
                "is not a folder"
            )
        );
    }
    // The units' workbooks and perf's outputs never share a folder: the output
    // folder is skipped when reading, so the same folder would read as empty.
    let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y);
    if same(&args.input, &args.output) {
        bail!(
            "{} {}",
            args.output.display(),
            lang.pick(
                "是输入文件夹本身：请把输出写到另一个文件夹（-o OUT_DIR），各单位的工作簿不会被改动",
                "is the input folder itself: write the outputs to another folder (-o OUT_DIR)"
            )
        );
    }
    std::fs::create_dir_all(&args.output).with_context(|| {
        format!(
            "{} {}",
            lang.pick("无法建立输出文件夹", "cannot create the output folder"),
            args.output.display()
        )
    })?;
    // Held to the end of the run: a second batch into this folder stops.
    let _lock = crate::output::lock::FolderLock::take(&args.output)?;
    let mut skip = vec![args.output.clone()];
    skip.extend(args.previous.iter().cloned());
    let files = walk(&args.input, &skip)?;
    if files.is_empty() {
        bail!(
            "{} {}",
            args.input.display(),
            lang.pick("中没有工作簿或 CSV 文件", "holds no workbook or CSV file")
        );
    }
    let previous = match &args.previous {
        // The first month of a scheduled run: last month's folder is not
        // there yet. Said, and the run goes on without the comparison.
        Some(dir) if !dir.exists() => {
            eprintln!(
                "{} {}",
                dir.display(),
                lang.pick(
                    "不存在（首次运行？）：本次不判断连续红色预警（M008），下个月起用本次的输出文件夹作为 --previous",
                    "does not exist (first run?): no repeated-red check (M008) this month; next month, give this month's OUT_DIR"
                )
            );
            None
        }
        Some(dir) => {
            let p = dir.join(MONITOR_JSON);
            if !p.is_file() {
                bail!(
                    "{} {}",
                    p.display(),
                    lang.pick(
                        "不存在：--previous 应指向上个月 perf batch 的输出文件夹",
                        "does not exist: --previous names last month's OUT_DIR"
                    )
                );
            }
            Some(p)
        }
        None => None,
    };
    let margs = super::monitor::Options {
        files: files.clone(),
        month: Some(args.month),
        as_of: None,
        force_month: args.force_month,
        year: args.year,
        previous,
        output: None,
        strict: false,
        common: args.common.clone(),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.map_or(0, |n| n.min(MAX_JOBS)))
        .build()?;
    let bar = progress_bar(&args, files.len());
    let report_file = |path: &Path, problem: Option<&str>| {
        let shown = path
            .strip_prefix(&args.input)
            .unwrap_or(path)
            .display()
            .to_string();
        match (&bar, problem) {
            (Some(b), _) => {
                b.set_message(shown);
                b.inc(1);
            }
            (None, Some(why)) => eprintln!("{shown}: {why}"),
            (None, None) if !args.quiet => eprintln!("{shown}: ok"),
            (None, None) => {}
        }
    };
    let opts = super::inputs::Options {
        keep: false,
        copies: None,
        indicators_of: Some(super::monitor::monitored_kind),
        rows_of: Some(super::monitor::facts_kind),
        keep_going: true,
        progress: Some(&report_file),
        // The manifest lists each input's hash: taken from the bytes as read.
        fingerprints: true,
        left_out: &args.left_out,
    };
    let (outcome, config) = pool.install(|| compute_with(&margs, &opts))?;
    if let Some(b) = &bar {
        b.finish_and_clear();
    }
    let read_ms = started.elapsed().as_millis();
    // Every output of the month, the manifest last, is staged and all are
    // moved into place together once the whole set is written: an
    // interrupted or failed run leaves last month's folder as it was, never
    // a mix of two months, and the manifest always lists the files beside it.
    let staged = crate::output::Staged::new();
    let (written, times, unwritten) =
        match write_outputs(&args, &files, &outcome, &config, lang, &pool, &staged) {
            Ok(done) => done,
            Err(e) => {
                staged.abandon();
                return Err(e);
            }
        };
    let mut counts = Counts::of(&outcome.findings);
    // Each unit whose workbook could not be written is an S001 error.
    counts.errors += unwritten;
    let manifest = pool.install(|| {
        manifest(
            &args,
            &files,
            &outcome,
            &written,
            Durations {
                read_and_judge: read_ms,
                county: times.0,
                units: times.1,
                total: started.elapsed().as_millis(),
            },
        )
    });
    let manifest = manifest.and_then(|m| {
        staged.write(&args.output.join("manifest.json"), |w| {
            Ok(std::io::Write::write_all(w, m.as_bytes())?)
        })
    });
    match manifest {
        Ok(_) => staged.commit()?,
        Err(e) => {
            staged.abandon();
            return Err(e);
        }
    }
    if !args.quiet {
        eprintln!(
            "{}",
            say!(
                lang,
                (
                    "已读取 {} 个文件，{} 个项目；错误 {} 条，警告 {} 条；已写出 {}（{} 个文件，含 manifest.json）",
                    files.len(),
                    outcome.monitored.len(),
                    counts.errors,
                    counts.warnings,
                    args.output.display(),
                    written.len() + 1
                ),
                (
                    "read {} files, {} projects; {} errors, {} warnings; written: {} ({} files, manifest.json included)",
                    files.len(),
                    outcome.monitored.len(),
                    counts.errors,
                    counts.warnings,
                    args.output.display(),
                    written.len() + 1
                )
            )
        );
    }
    super::deliver::release_at_exit(outcome);
    Ok(super::exit_code(counts, false))
}

fn progress_bar(args: &Options, n: usize) -> Option<indicatif::ProgressBar> {
    if args.quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(n as u64);
    let style = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} {elapsed_precise} 剩余 {eta} {wide_msg}",
    )
    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
    bar.set_style(style);
    Some(bar)
}

/// The monitoring report in official form (a Word document).
const REPORT_DOCX: &str = "report.docx";

/// How long the phases of a run took, in milliseconds, for the manifest. The
/// county's outputs and the units' workbooks are written side by side.
struct Durations {
    read_and_judge: u128,
    county: u128,
    units: u128,
    total: u128,
}

/// A file written to OUT_DIR: its name there and its fingerprint.
type Written = (String, Fingerprint);

/// Writes every output; returns them (by name) and how long the county's
/// outputs and the units' workbooks took (ms).
fn write_outputs(
    args: &Options,
    files: &[PathBuf],
    o: &Outcome,
    config: &crate::config::Config,
    lang: Lang,
    pool: &rayon::ThreadPool,
    staged: &crate::output::Staged,
) -> Result<(Vec<Written>, (u128, u128), usize)> {
    let out = &args.output;
    let report = Report::of(o);
    // The county's roll-up, texts and summary workbook are made beside the
    // units' workbooks, not before them: the monitoring JSON alone is tens
    // of megabytes.
    let county = || -> Result<(Vec<Written>, crate::report::Rollup, u128)> {
        let began = Instant::now();
        let roll = crate::report::rollup(
            &o.monitored,
            &o.actions,
            &o.reading,
            &config.report.classes(),
        );
        let mut names = Vec::new();
        // Tens of megabytes for a county: streamed to the file, not built as a
        // string, and on one line (a machine's file: scripts, next month's --previous).
        let print = staged.write(&out.join(MONITOR_JSON), |w| {
            render::monitor::write_json_compact(&report, w)
        })?;
        names.push((MONITOR_JSON.to_string(), print));
        // The report to the county government, as a Word document beside the texts.
        let docx = render::docx::pack(render::docx::monitoring::build(&report, &roll))?;
        let print = staged.write(&out.join(REPORT_DOCX), |w| {
            Ok(std::io::Write::write_all(w, &docx)?)
        })?;
        names.push((REPORT_DOCX.to_string(), print));
        let summary = lang
            .pick("全县汇总.xlsx", "county-summary.xlsx")
            .to_string();
        let path = out.join(&summary);
        let workbook = render::xlsx::summary::build(&report, &roll).map_err(|e| {
            let p = path.display();
            crate::i18n::Said::new(
                format!("无法生成汇总工作簿 {p}：{e}"),
                format!("cannot build the summary workbook {p}: {e}"),
            )
        })?;
        let print = Built::new(workbook, &path).stage(staged)?;
        names.push((summary, print));
        Ok((names, roll, began.elapsed().as_millis()))
    };
    // One monitoring workbook per unit, named after the unit (made safe, and
    // unique). Names are given in the units' order (the roll-up's), so reruns
    // match; the workbooks are then written in parallel.
    let mut projects: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in o.monitored.iter().enumerate() {
        let unit = m.unit.as_deref().unwrap_or(crate::report::NO_UNIT);
        projects.entry(unit).or_default().push(i);
    }
    let mut unit_findings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, f) in o.findings.iter().enumerate() {
        if let Some(u) = f.unit.as_deref() {
            unit_findings.entry(u).or_default().push(i);
        }
    }
    let mut used = std::collections::HashSet::new();
    let mut jobs = Vec::new();
    for &key in projects.keys() {
        let base = safe_file_name(key);
        let mut name = format!("{}{base}.xlsx", lang.pick("监控_", "monitoring_"));
        let mut k = 2;
        while !used.insert(name.clone()) {
            name = format!("{}{base}({k}).xlsx", lang.pick("监控_", "monitoring_"));
            k += 1;
        }
        jobs.push((name, key));
    }
    // Looked up once: an output in OUT_DIR must not be an input (a rerun
    // finds last month's workbooks there; a symlink could point anywhere).
    let guard = InputGuard::of(files);
    let units = || {
        jobs.par_iter()
            .map(|(name, key)| {
                let picked = projects.get(*key).map(Vec::as_slice).unwrap_or(&[]);
                let monitored: Vec<_> = picked.iter().map(|&i| o.monitored[i].clone()).collect();
                let actions: Vec<_> = picked.iter().map(|&i| o.actions[i].clone()).collect();
                let findings: Vec<_> = unit_findings
                    .get(*key)
                    .map_or(&[][..], Vec::as_slice)
                    .iter()
                    .map(|&i| o.findings[i].clone())
                    .collect();
                let unit_report = Report {
                    reading: &o.reading,
                    as_of: o.as_of,
                    monitored: &monitored,
                    actions: &actions,
                    findings: &findings,
                    lang,
                };
                let path = out.join(name);
                // One unit's workbook that cannot be written (its name,
                // its content) is recorded; the others are written.
                let written = guard.refuse(&path).and_then(|()| {
                    let (workbook, _) = render::xlsx::monitoring::build(&unit_report, &[])?;
                    Built::new(workbook, &path).stage(staged)
                });
                match written {
                    Ok(print) => Ok((name.clone(), print)),
                    Err(e) => Err(Box::new(unwritten(&path, key, &e, lang))),
                }
            })
            .collect::<Vec<Result<Written, Box<Finding>>>>()
    };
    let (county, units) = pool.install(|| {
        rayon::join(county, || {
            let began = Instant::now();
            (units(), began.elapsed().as_millis())
        })
    });
    let (mut written, roll, county_ms) = county?;
    let (units, units_ms) = units;
    let mut failed = Vec::new();
    for unit in units {
        match unit {
            Ok(w) => written.push(w),
            Err(f) => failed.push(*f),
        }
    }
    // The texts come last: they list the units whose workbooks failed.
    let unwritten = failed.len();
    let findings: Vec<Finding>;
    let report = if failed.is_empty() {
        report
    } else {
        findings = o.findings.iter().cloned().chain(failed).collect();
        Report {
            findings: &findings,
            ..report
        }
    };
    if unwritten > 0 {
        // The Word report, made beside the units' workbooks, names the
        // units whose workbooks failed as the texts do: made again (rare).
        let docx = render::docx::pack(render::docx::monitoring::build(&report, &roll))?;
        let print = staged.write(&out.join(REPORT_DOCX), |w| {
            Ok(std::io::Write::write_all(w, &docx)?)
        })?;
        if let Some(entry) = written.iter_mut().find(|(n, _)| n == REPORT_DOCX) {
            entry.1 = print;
        }
    }
    let mut text = |name: &str, body: String| -> Result<()> {
        let print = staged.write(&out.join(name), |w| {
            Ok(std::io::Write::write_all(w, body.as_bytes())?)
        })?;
        written.push((name.to_string(), print));
        Ok(())
    };
    text("report.md", render::report::markdown(&report, &roll))?;
    text("report.txt", render::report::text(&report, &roll))?;
    text(
        "findings.csv",
        render::findings::csv(report.findings, lang)?,
    )?;
    written.sort_by(|a, b| a.0.cmp(&b.0));
    Ok((written, (county_ms, units_ms), unwritten))
}

/// S001 for a unit whose monitoring workbook could not be written: the
/// batch goes on without it, and findings.csv and the report say so.
fn unwritten(path: &Path, unit: &str, e: &anyhow::Error, lang: Lang) -> Finding {
    let p = path.display();
    let why = crate::i18n::error_text(e, lang);
    let message = crate::say!(
        lang,
        "无法写出单位监控工作簿 {p}：{why}；其他单位的输出不受影响",
        "cannot write the unit's monitoring workbook {p}: {why}; the other units' outputs are written"
    );
    let mut f = Finding::at_file(
        crate::diag::Code::S001,
        crate::diag::Severity::Error,
        &p.to_string(),
        message,
    );
    f.unit = Some(unit.to_string());
    f
}

/// A file's entry in the manifest: its path, size and hash (null for an
/// input that could not be read, already an S001).
fn file_entry(shown: String, print: Option<&Fingerprint>) -> serde_json::Value {
    match print {
        Some(p) => json!({"path": shown, "size": p.size, "sha256": p.sha256}),
        None => json!({"path": shown, "size": null, "sha256": null}),
    }
}

fn manifest(
    args: &Options,
    files: &[PathBuf],
    o: &Outcome,
    outputs: &[Written],
    took: Durations,
) -> Result<String> {
    let c = Counts::of(&o.findings);
    let bad: Vec<&str> = o
        .findings
        .iter()
        .filter(|f| f.code == "S001" || f.code == "S002")
        .map(|f| f.file.as_str())
        .collect();
    let inputs: Vec<_> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let shown = f.strip_prefix(&args.input).unwrap_or(f).display();
            file_entry(
                shown.to_string(),
                o.fingerprints.get(i).and_then(Option::as_ref),
            )
        })
        .collect();
    let outs: Vec<_> = outputs
        .iter()
        .map(|(name, print)| file_entry(name.clone(), Some(print)))
        .collect();
    let doc = json!({
        "perf_version": crate::VERSION,
        "command": "batch",
        "as_of": {"year": o.as_of.year, "month": o.as_of.month},
        "input_dir": args.input.display().to_string(),
        "previous": args.previous.as_ref().map(|p| p.display().to_string()),
        "inputs": inputs,
        "bad_inputs": bad,
        "outputs": outs,
        "counts": {
            "files": files.len(),
            "units": o.monitored.iter().filter_map(|m| m.unit.as_deref()).collect::<std::collections::BTreeSet<_>>().len(),
            "projects": o.monitored.len(),
            "indicators": o.monitored.iter().map(|m| m.indicators.len()).sum::<usize>(),
            "errors": c.errors, "warnings": c.warnings, "infos": c.infos,
        },
        "durations_ms": {
            "read_and_judge": took.read_and_judge,
            "county_outputs": took.county,
            "unit_workbooks": took.units,
            "total": took.total,
        },
    });
    Ok(serde_json::to_string_pretty(&doc)? + "\n")
}
