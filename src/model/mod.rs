//! Pure domain types: cells, projects, indicators, dimensions, places.

pub mod assess;
pub mod cell;
pub mod dimension;
pub mod example;
pub mod format;
pub mod project;

pub use assess::{AssessAspect, Assessment, ItemMark, PubKind, Publication, ScoredItem, Subtotal};
pub use dimension::{Category, Dimension};
pub use project::{Indicator, LineKind, Loc, Located, MoneyLine, Possibility, Project, ReasonKind};
