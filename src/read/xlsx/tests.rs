//! The fast reader gives what calamine gives, on every .xlsx the project holds.
#![cfg(test)]

use std::path::{Path, PathBuf};

fn xlsx_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        root.join("tests/fixtures"),
        root.join("tests/fixtures/lo"),
        root.join("examples/county"),
        root.join("../shared/samples/official-forms"),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "xlsx" || x == "xlsm") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn matches_calamine_on_every_workbook_here() {
    let files = xlsx_files();
    assert!(
        files.len() >= 10,
        "expected the fixtures, found {}",
        files.len()
    );
    let mut compared = 0;
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if crate::read::detect::detect(&bytes, "xlsx").ok() != Some(crate::read::Format::Xlsx) {
            continue;
        }
        let theirs = crate::read::calamine_io::read_xlsx(&bytes);
        let ours = super::read_fast(&bytes);
        let (Ok(theirs), Ok(ours)) = (theirs, ours) else {
            panic!("{} did not read both ways", path.display());
        };
        assert_eq!(ours.len(), theirs.len(), "{}", path.display());
        for (a, b) in ours.iter().zip(&theirs) {
            assert_eq!(a.name, b.name, "{}", path.display());
            assert_eq!(a.hidden, b.hidden, "{} {}", path.display(), a.name);
            assert_eq!(a.rows, b.rows, "{} {}", path.display(), a.name);
            let key = |m: &crate::read::Merge| (m.first_row, m.first_col, m.last_row, m.last_col);
            let mut ma: Vec<_> = a.merges.iter().map(key).collect();
            let mut mb: Vec<_> = b.merges.iter().map(key).collect();
            ma.sort();
            mb.sort();
            assert_eq!(ma, mb, "{} {}", path.display(), a.name);
        }
        compared += 1;
    }
    assert!(compared >= 10);
}

#[test]
fn odd_packages_fall_back_and_bombs_are_refused() {
    // Not a zip at all: the fast path hands over (and calamine then says why).
    assert!(matches!(
        super::read_fast(b"PK\x03\x04 broken"),
        Err(super::Refusal::Fallback)
    ));
}
