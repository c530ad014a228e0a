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
