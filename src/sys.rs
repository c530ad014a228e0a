//! The one module allowed `unsafe`: two calls into the system that no safe
//! crate wraps, each a single foreign call with its reason beside it.
//!
//! - [`mimalloc_collect`]: hands memory freed by this thread back to the
//!   operating system (used between the phases of a run, see `alloc`);
//! - [`console_process_count`] (Windows): how many processes share perf's
//!   console, to tell a window opened for perf.exe alone (see `cli::console`).
#![allow(unsafe_code)]

/// Returns this thread's freed memory to the operating system.
#[cfg(feature = "mimalloc")]
pub fn mimalloc_collect() {
    // SAFETY: mi_collect only walks this thread's own heap and the
    // allocator's free lists; it takes no pointers from us.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

/// How many processes share this process's console (at least 1 when it
/// has one; 0 when it has none).
#[cfg(windows)]
pub fn console_process_count() -> u32 {
    use windows_sys::Win32::System::Console::GetConsoleProcessList;
    let mut ids = [0u32; 2];
    // SAFETY: the pointer and the length describe `ids`, a live array of two
    // u32 the call writes at most two of; the count returned is all it reads.
    unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) }
}
