//! perf: budget performance management (预算绩效管理) on the workbooks counties keep.

pub mod i18n;
pub mod model;
pub mod parse;
pub mod read;
