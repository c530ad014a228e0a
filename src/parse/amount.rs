//! Money amounts (`1,200.50`, `3.5亿元`, `（万元）` headers) normalised to 万元, and rates (`46.85%`).

use serde::Serialize;

use crate::model::cell::Cell;

/// The money unit a sheet states (`单位：万元`, `项目资金（元）`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum MoneyUnit {
    Yuan,
    #[default]
    Wan,
    Yi,
}

impl MoneyUnit {
    /// How many 万元 one of this unit is.
    pub fn in_wan(self) -> f64 {
        match self {
            MoneyUnit::Yuan => 0.0001,
            MoneyUnit::Wan => 1.0,
            MoneyUnit::Yi => 10000.0,
        }
    }

    /// Finds a stated money unit in a title line or header (`单位：万元`, `（元）`).
    pub fn find_in(_text: &str) -> Option<MoneyUnit> {
        None
    }
}

/// Parses an amount written as text, in `unit` unless the text names its own; result in 万元.
pub fn parse_amount(_raw: &str, _unit: MoneyUnit) -> Option<f64> {
    None
}

/// An amount from a cell (number cells are in `unit`); result in 万元.
pub fn amount_from_cell(cell: &Cell, unit: MoneyUnit) -> Option<f64> {
    match cell {
        Cell::Number(n) => Some(n * unit.in_wan()),
        Cell::Text(t) => parse_amount(t, unit),
        _ => None,
    }
}

/// A rate such as `46.85%` or a number cell `0.4685` → 0.4685.
pub fn parse_rate(_cell: &Cell) -> Option<f64> {
    None
}
