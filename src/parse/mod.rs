//! Target values, actuals, amounts and deadlines as typed into sheets → typed values.
//!
//! Pure: no I/O. Everything here takes text (or a [`Cell`]) and returns values.

pub mod amount;
pub mod text;
pub mod value;

pub use amount::{MoneyUnit, parse_amount, amount_from_cell, parse_rate};
pub use value::{Deadline, Op, OperatorSpec, Parsed, ValueKind, parse_cell, parse_operator, parse_value};
