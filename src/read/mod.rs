//! Workbook readers: every format that arrives → sparse sheets of cells.

pub mod csv;
pub mod error;
pub mod sheet;
pub mod spreadsheetml;

pub use error::ReadError;
pub use sheet::{Cell, Merge, Row, Sheet, a1, column_name};
