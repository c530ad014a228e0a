//! One use case per subcommand: load → judge → render/write.

pub mod inputs;
pub mod check;
pub mod config;
pub mod explain;
pub mod inspect;
