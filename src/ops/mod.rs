//! One use case per subcommand: load → judge → render/write.

pub mod assess;
pub mod batch;
pub mod check;
pub mod config;
pub mod evaluate;
pub mod explain;
pub mod files;
pub mod inputs;
pub mod inspect;
pub mod monitor;
pub mod report;
pub mod template;

use std::io::Write;

use anyhow::Result;

use crate::render::xlsx::common::Built;

/// The end of a run that may write a workbook. The text output was rendered
/// and the workbook built while what was read (`inputs`) was at hand; the
/// inputs are dropped now, before the workbook is saved, since saving makes
/// the run's biggest buffers (each sheet's XML) and they need not sit on top
/// of the readings. The text is printed last, so a workbook that cannot be
/// written prints nothing (exit 2 naming it).
pub fn finish<T>(text: Vec<u8>, workbook: Option<Built>, inputs: T) -> Result<()> {
    if let Some(built) = workbook {
        drop(inputs);
        crate::alloc::release_freed();
        built.save()?;
    } else {
        release_at_exit(inputs);
    }
    crate::render::print_bytes(&text)
}

/// Renders the text output: straight to stdout when no workbook follows,
/// else into memory, to be printed after the workbook (see [`finish`]).
pub fn emit(later: bool, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Vec<u8>> {
    if later {
        let mut text = Vec::new();
        write(&mut text)?;
        Ok(text)
    } else {
        crate::render::print_streamed(write)?;
        Ok(Vec::new())
    }
}

/// Hands a run's large results to the operating system instead of freeing them
/// cell by cell: the process ends right after, and freeing a county's readings
/// one allocation at a time costs a tenth of a second for nothing.
pub fn release_at_exit<T>(results: T) {
    std::mem::forget(results);
}
