//! The fast .xlsx reader against calamine: wherever both read a package, they
//! must read the same sheets, cells and merged areas. A difference is a cell
//! the fast reader gets wrong without saying so (its doubts go to calamine).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((ours, theirs)) = perf::read::xlsx::both_readers(data) else {
        return;
    };
    assert_eq!(ours.len(), theirs.len(), "sheet count");
    for (a, b) in ours.iter().zip(&theirs) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.hidden, b.hidden, "{}", a.name);
        assert_eq!(a.rows, b.rows, "cells of {}", a.name);
        let key = |m: &perf::read::Merge| (m.first_row, m.first_col, m.last_row, m.last_col);
        let mut ma: Vec<_> = a.merges.iter().map(key).collect();
        let mut mb: Vec<_> = b.merges.iter().map(key).collect();
        ma.sort();
        mb.sort();
        assert_eq!(ma, mb, "merges of {}", a.name);
    }
});
