//! One cell value as read from any workbook format; empty cells are never stored.

use chrono::NaiveDateTime;

/// A non-empty cell value. Readers drop empty cells and empty strings, so a
/// `Cell` always carries something an officer typed or a formula cached.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text exactly as stored (not trimmed, not normalised).
    Text(String),
    /// A number typed into a numeric cell (or a cached formula result).
    Number(f64),
    /// TRUE / FALSE.
    Bool(bool),
    /// A date (or date-time) cell; 1904-epoch workbooks are already converted.
    Date(NaiveDateTime),
    /// An error value such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// The cell as display text: numbers without a trailing `.0`, dates as `YYYY-MM-DD`.
    pub fn to_text(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => format_number(*n),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Date(d) => {
                if d.time() == chrono::NaiveTime::MIN {
                    d.format("%Y-%m-%d").to_string()
                } else {
                    d.format("%Y-%m-%d %H:%M").to_string()
                }
            }
            Cell::Error(e) => e.clone(),
        }
    }

    /// The text when this is a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Cell::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Formats a number the way a spreadsheet shows it in a General cell: no
/// trailing zeros, at most 10 significant decimals (so 0.1+0.2 prints 0.3).
pub fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        return format!("{}", n as i64);
    }
    let s = format!("{:.10}", n);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_a_spreadsheet() {
        assert_eq!(format_number(980.0), "980");
        assert_eq!(format_number(0.1 + 0.2), "0.3");
        assert_eq!(format_number(-12.5), "-12.5");
        assert_eq!(Cell::Number(46.85).to_text(), "46.85");
    }
}
