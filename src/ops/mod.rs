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

/// Renders the text output and writes the workbook at the same time: they read
/// the same results and, on a county-sized run, each takes a large share of
/// the time. A failed workbook wins (exit 2 naming it) over the text.
pub fn text_and_workbook<T, W>(text: T, workbook: Option<W>) -> Result<String>
where
    T: FnOnce() -> Result<String> + Send,
    W: FnOnce() -> Result<()> + Send,
{
    match workbook {
        None => text(),
        Some(write) => {
            let (text, written) = rayon::join(text, write);
            written?;
            text
        }
    }
}

/// Hands a run's large results to the operating system instead of freeing them
/// cell by cell: the process ends right after, and freeing a county's readings
/// one allocation at a time costs a tenth of a second for nothing.
pub fn release_at_exit<T>(results: T) {
    std::mem::forget(results);
}
