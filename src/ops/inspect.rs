//! `perf inspect`: how perf understood each file — tables, columns, projects, parsed targets.

use anyhow::Result;

use crate::config::Config;
use crate::diag::Counts;
use crate::render;
use crate::render::Format;

/// What `perf inspect` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 工作簿或 CSV 文件 / workbooks or CSV files
    pub files: Vec<std::path::PathBuf>,
    pub common: super::Common,
}

/// Runs inspect; returns the exit code (1 when a structural error was found).
pub fn run(args: Options) -> Result<u8> {
    let (config, _) = Config::discover(args.common.config.as_deref(), args.common.lang)?;
    args.common.set_listing(&config);
    let lang = args.common.lang;
    let reading = super::inputs::load(&args.files, &config.header_dict(), lang)?;
    match args.common.format() {
        Format::Json => render::print_streamed(|w| render::inspect::write_json(&reading, w))?,
        Format::Table | Format::Txt => render::print(&render::inspect::table(&reading, lang))?,
        Format::Md => render::print(&render::inspect::markdown(&reading, lang))?,
        Format::Csv => render::print(&render::findings::csv(&reading.findings, lang)?)?,
    }
    let errors = Counts::of(&reading.findings).errors;
    super::deliver::release_at_exit(reading);
    Ok(if errors > 0 { 1 } else { 0 })
}
