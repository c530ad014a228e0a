//! The one module allowed `unsafe`: two calls into the system that no safe
//! crate wraps, each a single foreign call with its reason beside it, and the
//! allocator wrapper that ends perf cleanly when memory runs out.
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

/// The allocator, made to end perf cleanly when memory runs out: a one-line
/// message and exit 2, as for any input perf cannot read, instead of the
/// standard library's abort (SIGABRT, no message, a batch gone without a
/// word). The reading limits keep inputs from asking for that much; this is
/// the floor under them.
pub struct ExitOnFailure<A>(pub A);

// SAFETY: every call is passed to the wrapped allocator unchanged; only a
// null result (allocation failed) is acted on, by ending the process.
unsafe impl<A: std::alloc::GlobalAlloc> std::alloc::GlobalAlloc for ExitOnFailure<A> {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc`, passed on.
        checked(unsafe { self.0.alloc(layout) })
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc_zeroed`, passed on.
        checked(unsafe { self.0.alloc_zeroed(layout) })
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc`, passed on.
        checked(unsafe { self.0.realloc(ptr, layout, new_size) })
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        // SAFETY: the caller's contract for `dealloc`, passed on.
        unsafe { self.0.dealloc(ptr, layout) }
    }
}

fn checked(ptr: *mut u8) -> *mut u8 {
    if ptr.is_null() {
        out_of_memory();
    }
    ptr
}

/// Whether the run speaks English, for the out-of-memory message (set once
/// by the command line; read without allocating).
static ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The language the out-of-memory message is said in.
pub fn set_english(english: bool) {
    ENGLISH.store(english, std::sync::atomic::Ordering::Relaxed);
}

/// Says so on one line and ends perf with exit 2. Allocates nothing: the
/// message is fixed and standard error is unbuffered.
#[cold]
fn out_of_memory() -> ! {
    use std::io::Write;
    let message = if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        "perf: error: out of memory: is an input too large or damaged? Check it is the right file, delete stray cells outside the table, or split a big table into several files\n"
    } else {
        "perf: 错误: 内存不足，无法继续：输入文件过大或已损坏？请确认是否选对了文件，删除表格之外的多余单元格，或把大表拆成几个文件后再试\n"
    };
    let _ = std::io::stderr().write_all(message.as_bytes());
    std::process::exit(2)
}
