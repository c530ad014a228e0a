//! Pure domain types: cells, projects, indicators, dimensions, places.

pub mod cell;
