//! Workbooks perf writes: shared look (widths, print setup, fills), atomic saving, and each output.

pub mod annotated;
pub mod common;
pub mod monitoring;
pub mod selfeval;
