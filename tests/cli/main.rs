//! Integration tests: the real `perf` binary run on fixture workbooks, one module per command.

mod support;

mod bad_input;
mod batch;
mod check;
mod evaluate;
mod guide;
mod inspect;
mod monitor;
mod read_limits;
mod report;
mod template;
mod workbooks;
