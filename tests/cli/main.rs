//! Integration tests: the real `perf` binary run on fixture workbooks, one module per command.

mod support;

mod architecture;
mod assess;
mod bad_input;
mod batch;
mod check;
mod config;
mod corpus;
mod desktop;
mod disclosure;
mod evaluate;
mod guide;
mod inspect;
mod monitor;
mod outputs;
mod printing;
mod provincial;
mod read_limits;
mod report;
mod report_checks;
mod report_docx;
mod report_totals;
mod template;
mod terminal;
mod unit_targets;
mod values_direction;
mod workbooks;
