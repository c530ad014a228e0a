//! The whole read pipeline on any bytes: format detection, every reader, layout, the check rules.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use perf::i18n::Lang;
use perf::layout::{HeaderDict, Reading, TableKind};
use perf::read::Sheet;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the name (the extension only breaks ties for
    // text) and whether sheets not holding a monitoring table are read only
    // to their header, as `perf monitor` reads them.
    let (name, head_only, bytes) = match data.split_first() {
        Some((b, rest)) => (
            ["f.xlsx", "f.csv", "f.xls", "f.txt"][*b as usize % 4],
            b & 4 != 0,
            rest,
        ),
        None => ("f.xlsx", false, data),
    };
    let dict = HeaderDict::default();
    let skip = |sheet: &Sheet| {
        perf::layout::first_table_kind(sheet, &dict).is_some_and(|k| k != TableKind::Monitoring)
    };
    let skip: Option<perf::read::Skip> = head_only.then_some(&skip);
    let Ok(book) = perf::read::load_bytes_skipping(Path::new(name), bytes, skip) else {
        return;
    };
    let mut reading = Reading::default();
    reading.add(&book, &dict, Lang::Zh);
    let settings = perf::rules::Settings::default();
    let _ = perf::rules::check(&reading, &settings, Lang::Zh, None);
});
