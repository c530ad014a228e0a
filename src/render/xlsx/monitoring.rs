//! The monitoring workbook of `perf monitor -o`: 监控汇总, 指标监控, 问题清单, the filled forms, a chart.

use std::path::Path;

use anyhow::{Result, bail};

use crate::monitor::previous::Previous;
use crate::read::Workbook;
use crate::render::monitor::Report;

/// Writes the monitoring workbook to `out` (atomically).
pub fn write(_out: &Path, _report: &Report, _books: &[Workbook]) -> Result<()> {
    bail!("监控工作簿尚未实现 / the monitoring workbook is not written yet")
}

/// Reads the previous round from a monitoring workbook perf wrote.
pub fn read_previous(_path: &Path, _bytes: &[u8]) -> Result<Previous> {
    bail!("不是 perf 写出的监控工作簿 / not a monitoring workbook written by perf")
}
