//! Integration tests: the real `perf` binary run on fixture workbooks, one module per command.

mod support;

mod bad_input;
mod batch;
mod check;
mod corpus;
mod evaluate;
mod inspect;
mod monitor;
mod outputs;
mod read_limits;
mod report;
mod workbooks;
