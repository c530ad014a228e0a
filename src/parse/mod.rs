//! Target values, actuals, amounts and deadlines as typed into sheets → typed values.
//!
//! Pure: no I/O. Everything here takes text (or a [`Cell`]) and returns values;
//! [`meaning`] reads what an indicator's values mean (direction, zero, money).

pub mod amount;
pub mod date;
mod deadline;
pub mod meaning;
mod scan;
pub mod text;
pub mod ticks;
pub mod vague;
pub mod value;

pub use amount::{MoneyUnit, amount_from_cell, parse_amount, parse_rate};
pub use vague::{default_vague_words, find_vague};
pub use value::{
    Deadline, Op, OperatorSpec, Parsed, ValueKind, as_money, days_in_month, done_by, done_state,
    is_done_text, normalize_unit, parse_cell, parse_operator, parse_value,
};
