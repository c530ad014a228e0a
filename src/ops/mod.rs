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

use anyhow::Result;

/// Writes the workbook, then prints the text output. Nothing is printed when
/// the workbook fails (exit 2 naming it), and the workbook's memory is freed
/// before a county's JSON is streamed, so the two never add up.
pub fn write_then_print<P, W>(print: P, workbook: Option<W>) -> Result<()>
where
    P: FnOnce() -> Result<()>,
    W: FnOnce() -> Result<()>,
{
    if let Some(write) = workbook {
        write()?;
    }
    print()
}

/// Hands a run's large results to the operating system instead of freeing them
/// cell by cell: the process ends right after, and freeing a county's readings
/// one allocation at a time costs a tenth of a second for nothing.
pub fn release_at_exit<T>(results: T) {
    std::mem::forget(results);
}
