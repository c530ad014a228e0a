//! Workbooks perf writes: shared look (widths, print setup, fills), atomic saving, and each output.
//!
//! `annotated`, `monitoring` and `selfeval` are the three outputs; they share
//! `common` (limits and colours; with `safety`, `widths`, `formats` and
//! `sheets`: atomic saving, widths, print setup, the look, sheet building), `styles` (formats built once),
//! `copies` (input sheets re-created with flagged cells noted), `problems`
//! (the 问题清单 sheet) and `table` (the summary tables of the newer two).

pub mod annotated;
pub mod assess;
pub mod common;
pub mod copies;
pub mod formats;
pub mod monitoring;
pub mod problems;
pub mod safety;
pub mod scratch;
pub mod selfeval;
pub mod sheets;
pub mod styles;
pub mod summary;
pub mod table;
pub mod template;
pub mod widths;
