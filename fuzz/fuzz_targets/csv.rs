//! The CSV decoder (encoding detection, delimiter sniffing, rows) on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = perf::read::csv::read_csv(data, "Sheet1");
});
