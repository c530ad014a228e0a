//! Renderers: one file per output (terminal tables, JSON, CSV, Markdown, workbooks).

pub mod assess;
pub mod check;
pub mod docx;
pub mod evaluate;
pub mod findings;
pub mod inspect;
pub mod monitor;
pub mod report;
pub mod values;
pub mod xlsx;

use std::io::Write;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};

/// Writes to stdout; a closed pipe (`perf … | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    print_bytes(text.as_bytes())
}

/// Writes rendered output to stdout; a closed pipe is not an error.
pub fn print_bytes(text: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints a document serialised straight to stdout: a county's JSON is tens
/// of megabytes, which need not be held as one string first.
pub fn print_streamed(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = write(&mut out).and_then(|_| Ok(out.flush()?));
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .map(|io| io.kind())
            .or_else(|| c.downcast_ref::<serde_json::Error>()?.io_error_kind())
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Replaces signs whose width terminals disagree on (≥ ≤ — “ ” …) with ASCII,
/// so table borders stay straight in Chinese terminals.
pub fn ascii_safe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '≥' | '≧' => out.push_str(">="),
            '≤' | '≦' => out.push_str("<="),
            '—' | '–' | '―' => out.push('-'),
            '“' | '”' => out.push('"'),
            '‘' | '’' => out.push('\''),
            '…' => out.push_str("..."),
            '√' | '✓' | '✔' => out.push('v'),
            '×' => out.push('x'),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A terminal table in the house style: ASCII borders, wrapped to the terminal.
pub fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::ASCII_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    if !stdout_is_terminal() {
        t.force_no_tty();
        t.set_width(160);
    }
    t.set_truncation_indicator("...");
    t.set_header(header.iter().map(|h| ascii_safe(h)));
    t
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Md,
    /// Plain text (the report's narrative and aligned tables); elsewhere the same as `table`.
    Txt,
}

/// Whether standard output is a terminal, as the command line found it: set
/// once at start ([`set_terminal`]); a renderer never asks the process itself.
static TERMINAL: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Tells the renderers whether standard output is a terminal (widths, colours).
pub fn set_terminal(is_terminal: bool) {
    // Set once by the command line; a second call (tests) keeps the first.
    let _ = TERMINAL.set(is_terminal);
}

/// Whether standard output is a terminal; not a terminal unless told.
pub fn stdout_is_terminal() -> bool {
    TERMINAL.get().copied().unwrap_or(false)
}

// Figures in messages are formatted below the rules, which word them too.
pub use crate::model::format::{money, percent};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ambiguous_signs_become_ascii() {
        assert_eq!(ascii_safe("≥95%—好"), ">=95%-好");
    }
}

/// A JSON array written element by element from `F`'s iterator, so that a
/// big document is never held whole (serde calls `F` once per serialisation).
pub struct Streamed<F>(pub F);

impl<F, I> serde::Serialize for Streamed<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: serde::Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// A command's JSON document: its head (command, version, inputs, summary
/// …), then `projects` and `findings`, written straight from the results
/// rather than built as one value first (a county's document is tens of MB).
#[derive(serde::Serialize)]
pub struct JsonDoc<'a, P: serde::Serialize> {
    #[serde(flatten)]
    pub head: serde_json::Value,
    pub projects: P,
    pub findings: &'a [crate::diag::Finding],
}
