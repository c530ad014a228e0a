//! One use case per subcommand: load → judge → render/write.

pub mod inputs;
pub mod inspect;
