//! The whole read pipeline on any bytes: format detection, every reader, layout, the check rules.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use perf::i18n::Lang;
use perf::layout::{HeaderDict, Reading};

fuzz_target!(|data: &[u8]| {
    // The first byte picks the name: the extension only breaks ties for text.
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) => (["f.xlsx", "f.csv", "f.xls", "f.txt"][*b as usize % 4], rest),
        None => ("f.xlsx", data),
    };
    let Ok(book) = perf::read::load_bytes(Path::new(name), bytes) else {
        return;
    };
    let mut reading = Reading::default();
    reading.add(&book, &HeaderDict::default(), Lang::Zh);
    let settings = perf::rules::Settings::default();
    let _ = perf::rules::check(&reading, &settings, Lang::Zh, None);
});
