//! A reader that panics on a hostile file (a bug in perf or in a crate it reads with) becomes a
//! corrupt-file error for that one file, so the monthly batch goes on and the officer sees one line;
//! the same catch serves the workbook writer's panics on a failed temporary file.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

use super::error::ReadError;

thread_local! {
    /// Set while a reader runs on this thread: its panics are caught and reported as errors.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Chains a panic hook that stays silent for guarded panics (the error
/// carries the message) and leaves every other panic to the previous hook.
fn install_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Under the fuzzer only panics in the crates perf reads with are
            // caught (calamine's are known, see docs/reliability.md); one in
            // perf's own code must stay a crash so that it is found and fixed.
            let in_dependency = info
                .location()
                .is_some_and(|l| l.file().contains(".cargo/registry"));
            let silent = GUARDED.with(Cell::get) && (!cfg!(fuzzing) || in_dependency);
            if !silent {
                previous(info);
            }
        }));
    });
}

/// Runs `read`; a panic inside it becomes `ReadError::Corrupt`.
pub fn guarded<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    quietly(read).unwrap_or_else(|why| Err(ReadError::Corrupt(format!("the reader failed: {why}"))))
}

/// Runs `f`; a panic inside it is caught without a word on stderr and
/// given back as its message. For code of other crates that panics on an
/// input or an I/O failure it should report (see `render::xlsx::common::save_to`).
pub fn quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was = GUARDED.with(|g| g.replace(true));
    // AssertUnwindSafe: on a panic the half-built state is dropped whole;
    // nothing of it is used afterwards.
    let result = catch_unwind(AssertUnwindSafe(f));
    GUARDED.with(|g| g.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_corrupt_file() {
        let r: Result<(), ReadError> = guarded(|| panic!("index out of bounds"));
        assert_eq!(
            r,
            Err(ReadError::Corrupt(
                "the reader failed: index out of bounds".into()
            ))
        );
        assert_eq!(guarded(|| Ok(3)), Ok(3));
        assert!(!GUARDED.with(Cell::get));
    }

    #[test]
    fn the_xls_on_which_calamine_panics_is_a_corrupt_file() {
        // Found by fuzzing the whole pipeline: calamine's CFB reader slices
        // past the end of a short sector table.
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/bad/calamine_cfb_panic.xls"
        );
        let bytes = std::fs::read(path).expect("fixture");
        let r = crate::read::load_bytes(std::path::Path::new("x.xls"), &bytes);
        assert!(
            matches!(&r, Err(ReadError::Corrupt(m)) if m.contains("the reader failed")),
            "{r:?}"
        );
    }
}
