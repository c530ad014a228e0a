//! The SpreadsheetML (Excel 2003 XML) reader on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = perf::read::spreadsheetml::looks_like_spreadsheetml(data);
    let _ = perf::read::spreadsheetml::read_spreadsheetml(data);
});
