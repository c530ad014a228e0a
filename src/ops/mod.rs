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

/// Prints the text output while the workbook is written: both read the same
/// results and, on a county-sized run, each takes a large share of the time.
/// A failed workbook still ends the run with exit 2 naming it.
pub fn print_and_write<P, W>(print: P, workbook: Option<W>) -> Result<()>
where
    P: FnOnce() -> Result<()> + Send,
    W: FnOnce() -> Result<()> + Send,
{
    match workbook {
        None => print(),
        Some(write) => {
            let (printed, written) = rayon::join(print, write);
            written?;
            printed
        }
    }
}

/// Hands a run's large results to the operating system instead of freeing them
/// cell by cell: the process ends right after, and freeing a county's readings
/// one allocation at a time costs a tenth of a second for nothing.
pub fn release_at_exit<T>(results: T) {
    std::mem::forget(results);
}
