//! The self-evaluation workbook of `perf evaluate -o`: 自评汇总, the recomputed forms, 问题清单.

use std::path::Path;

use anyhow::{Result, bail};

use crate::read::Workbook;
use crate::render::evaluate::Report;

/// Writes the self-evaluation workbook to `out` (atomically).
pub fn write(_out: &Path, _report: &Report, _books: &[Workbook]) -> Result<()> {
    bail!("自评工作簿尚未实现 / the self-evaluation workbook is not written yet")
}
