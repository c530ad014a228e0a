//! `perf report`: the county roll-up and narrative from the same inputs as `perf monitor`.

use anyhow::Result;

use crate::diag::Counts;
use crate::render;
use crate::render::Format;
use crate::rules;

/// What `perf report` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    pub run: super::monitor::Options,
}

pub fn run(args: Options) -> Result<u8> {
    let out = args.run.output.as_ref();
    if let Some(out) = out {
        let mut inputs = args.run.files.clone();
        inputs.extend(args.run.previous.iter().cloned());
        render::xlsx::common::refuse_overwrite(out, &inputs)?;
        if !is_docx(out) {
            super::workbook_name(out, args.run.common.lang)?;
        }
    }
    // The config is read once, with the inputs (`ops::prepare`).
    let (mut outcome, config) = super::monitor::compute_for_report(&args.monitor_options())?;
    // 信息公开: publication records judged as of --as-of, else today.
    let disclosure = if outcome.reading.publications.is_empty() {
        None
    } else {
        let settings = config.settings();
        let as_of = args
            .run
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let records = crate::disclose::judge_all(&outcome.reading.publications, as_of);
        outcome.findings.extend(rules::publish::run(
            &outcome.reading,
            &records,
            &settings,
            outcome.lang,
        ));
        rules::sort_findings(&mut outcome.findings);
        Some(crate::report::Disclosure { as_of, records })
    };
    let report = render::monitor::Report::of(&outcome);
    let mut roll = crate::report::rollup(
        &outcome.monitored,
        &outcome.actions,
        &outcome.reading,
        &config.report.classes(),
    );
    roll.disclosure = disclosure;
    let text = match args.run.common.format.unwrap_or(Format::Md) {
        Format::Md => render::report::markdown(&report, &roll),
        Format::Txt | Format::Table => render::report::text(&report, &roll),
        Format::Json => render::report::json(&report, &roll)?,
        Format::Csv => render::findings::csv(&outcome.findings, outcome.lang)?,
    };
    if let Some(out) = out {
        // `-o 报告.docx`: the report to the county government as a Word
        // document; any other name is the summary workbook.
        if is_docx(out) {
            render::docx::write(out, render::docx::monitoring::build(&report, &roll))?;
            super::deliver::announce(out, None, args.run.common.lang);
        } else {
            let (_, sheets) = render::xlsx::summary::write_counted(out, &report, &roll)?;
            super::deliver::announce(out, Some(sheets), args.run.common.lang);
        }
    }
    render::print(&text)?;
    // `--strict` counts warnings too, as for every command.
    Ok(super::exit_code(
        Counts::of(&outcome.findings),
        args.run.strict,
    ))
}

/// Whether `-o` names a Word document.
pub fn is_docx(out: &std::path::Path) -> bool {
    out.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

impl Options {
    /// The monitoring run behind the report (its `-o` is the summary, not a monitoring workbook).
    pub fn monitor_options(&self) -> super::monitor::Options {
        super::monitor::Options {
            output: None,
            ..self.run.clone()
        }
    }
}
