//! A reader that panics on a hostile file (a bug in perf or in a crate it reads with) becomes a
//! corrupt-file error for that one file, so the monthly batch goes on and the officer sees one line.

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
            if !GUARDED.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `read`; a panic inside it becomes `ReadError::Corrupt`.
pub fn guarded<T>(read: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    // Under the fuzzer a panic must stay a crash, so that it is found and fixed.
    if cfg!(fuzzing) {
        return read();
    }
    install_hook();
    let was = GUARDED.with(|g| g.replace(true));
    // AssertUnwindSafe: on a panic the reader's half-built state is dropped
    // whole; nothing of it is used afterwards.
    let result = catch_unwind(AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(was));
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown".into());
        Err(ReadError::Corrupt(format!("the reader failed: {why}")))
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
}
