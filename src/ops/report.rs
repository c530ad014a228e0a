//! `perf report`: the county roll-up and narrative from the same inputs as `perf monitor`.

use anyhow::Result;

use crate::cli::Format;
use crate::cli::report::ReportArgs;
use crate::diag::Counts;
use crate::render;

pub fn run(args: ReportArgs) -> Result<u8> {
    let out = args.run.output.as_ref();
    if let Some(out) = out {
        let mut inputs = args.run.files.clone();
        inputs.extend(args.run.previous.iter().cloned());
        render::xlsx::common::refuse_overwrite(out, &inputs)?;
    }
    let outcome = super::monitor::compute(&args.monitor_args())?;
    let report = render::monitor::Report::of(&outcome);
    let roll = crate::report::rollup(&outcome.monitored, &outcome.actions, &outcome.reading);
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
