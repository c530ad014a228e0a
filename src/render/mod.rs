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
pub mod wrap;
pub mod xlsx;
pub mod xml;

use std::io::Write;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};

/// Writes to stdout; a closed pipe (`perf … | head`) is not an error.
pub fn print(text: &str) -> Result<()> {
    print_bytes(text.as_bytes())
}

/// Writes rendered output to stdout; a closed pipe is not an error.
pub fn print_bytes(text: &[u8]) -> Result<()> {
    let mut out = Visible(std::io::stdout().lock());
    match out.write_all(text).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints a document serialised straight to stdout: a county's JSON is tens
/// of megabytes, which need not be held as one string first.
pub fn print_streamed(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, Visible(stdout.lock()));
    let result = write(&mut out).and_then(|_| Ok(out.flush()?));
    match result {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

/// Standard output with control characters shown, not obeyed: a name
/// holding ESC (a terminal's colour or cursor sequence), a bell or a
/// backspace is printed as `\u{1b}` and the like. Tabs and line breaks pass;
/// JSON never holds such bytes raw (it escapes them itself).
struct Visible<W: Write>(W);

impl<W: Write> Write for Visible<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let hidden = |b: &u8| (*b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || *b == 0x7f;
        match buf.iter().position(hidden) {
            None => self.0.write(buf),
            Some(0) => {
                write!(self.0, "\\u{{{:x}}}", buf[0])?;
                Ok(1)
            }
            Some(n) => self.0.write(&buf[..n]),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
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

/// A terminal table in the house style: ASCII borders, wrapped to the
/// width the command line found ([`width`]), the same whether or not the
/// output is a terminal, so what is saved to a file is what was on screen.
pub fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::ASCII_FULL_CONDENSED);
    t.set_content_arrangement(ContentArrangement::Dynamic);
    t.force_no_tty();
    t.set_width(u16::try_from(width()).unwrap_or(u16::MAX));
    t.set_truncation_indicator("...");
    t.set_header(header.iter().map(|h| ascii_safe(h)));
    t
}

/// Columns of `t` that are never wrapped (codes, counts, cell addresses):
/// as wide as their content, the others share what is left.
pub fn keep_width(t: &mut Table, columns: &[usize]) {
    for &i in columns {
        if let Some(c) = t.column_mut(i) {
            c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
        }
    }
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

/// The width tables are fitted to when output is not a terminal and
/// `COLUMNS` says nothing: wide enough for a findings line, narrow enough
/// to read in an editor.
pub const DEFAULT_WIDTH: usize = 160;

/// Below this a table cannot show its columns at all; a smaller `COLUMNS`
/// is taken as this.
pub const MIN_WIDTH: usize = 40;

/// The width of the terminal (or of the page, when output is not one), as
/// the command line found it; set once at start ([`set_width`]).
static WIDTH: std::sync::OnceLock<usize> = std::sync::OnceLock::new();

/// Tells the renderers the width to fit tables to.
pub fn set_width(columns: usize) {
    // Set once by the command line; a second call (tests) keeps the first.
    let _ = WIDTH.set(columns.max(MIN_WIDTH));
}

/// The width tables are fitted to; [`DEFAULT_WIDTH`] unless told.
pub fn width() -> usize {
    WIDTH.get().copied().unwrap_or(DEFAULT_WIDTH)
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

#[cfg(test)]
mod visible_tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_obeyed() {
        let mut out = Visible(Vec::new());
        out.write_all("农村\u{1b}[31m红\u{7}\t公路\r\n".as_bytes())
            .unwrap();
        assert_eq!(
            String::from_utf8(out.0).unwrap(),
            "农村\\u{1b}[31m红\\u{7}\t公路\r\n"
        );
    }
}
