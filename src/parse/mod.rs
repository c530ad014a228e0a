//! Target values, actuals, amounts and deadlines as typed into sheets → typed values.
//!
//! Pure: no I/O. Everything here takes text (or a [`Cell`]) and returns values.

pub mod amount;
pub mod date;
mod deadline;
mod scan;
pub mod text;
pub mod ticks;
pub mod vague;
pub mod value;

pub use amount::{MoneyUnit, amount_from_cell, parse_amount, parse_rate};
pub use vague::{default_vague_words, find_vague};
pub use value::{
    Deadline, Op, OperatorSpec, Parsed, ValueKind, days_in_month, is_done_text, normalize_unit,
    parse_cell, parse_operator, parse_value,
};
