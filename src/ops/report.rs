//! `perf report`: the county roll-up and narrative from the same inputs as `perf monitor`.

use anyhow::Result;

use crate::cli::Format;
use crate::cli::report::ReportArgs;
use crate::config::Config;
use crate::diag::Counts;
use crate::render;
use crate::rules;

pub fn run(args: ReportArgs) -> Result<u8> {
    let out = args.run.output.as_ref();
    if let Some(out) = out {
        let mut inputs = args.run.files.clone();
        inputs.extend(args.run.previous.iter().cloned());
        render::xlsx::common::refuse_overwrite(out, &inputs)?;
    }
    let mut outcome = super::monitor::compute_for_report(&args.monitor_args())?;
    let (config, _) = Config::discover(args.run.common.config.as_deref())?;
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
        Format::Csv => render::findings::csv(&outcome.findings)?,
    };
    if let Some(out) = out {
        render::xlsx::summary::write(out, &report, &roll)?;
    }
    render::print(&text)?;
    Ok(if Counts::of(&outcome.findings).errors > 0 {
        1
    } else {
        0
    })
}
