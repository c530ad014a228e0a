//! The county summary workbook of `perf report -o` and `perf batch`: the report's tables, coloured, with charts.

use std::path::Path;

use anyhow::{Result, bail};

use crate::render::monitor::Report;
use crate::report::Rollup;

/// Writes the summary workbook to `out` (atomically).
pub fn write(_out: &Path, _report: &Report, _roll: &Rollup) -> Result<()> {
    bail!("汇总工作簿尚未实现 / the summary workbook is not written yet")
}
