//! perf: budget performance management (预算绩效管理) on the workbooks counties keep.

// `unsafe` lives in one small module only (`sys`: two foreign calls, handing
// freed memory back and, on Windows, asking whether perf has a console of
// its own); everything else is safe Rust, and the compiler holds it so.
#![deny(unsafe_code)]

pub mod alloc;
pub mod assess;
pub mod cli;
pub mod config;
pub mod diag;
pub mod disclose;
pub mod evaluate;
pub mod fingerprint;
pub mod i18n;
pub mod layout;
pub mod model;
pub mod monitor;
pub mod ops;
pub mod output;
pub mod parse;
pub mod read;
pub mod render;
pub mod report;
pub mod rules;
pub mod sys;
pub mod template;

/// The version, as `perf --version` prints it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Version with the build: commit and target, set by build.rs.
pub const VERSION_LONG: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("PERF_BUILD"), ")");
