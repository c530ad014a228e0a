//! The one module allowed `unsafe`: two calls into the system that no safe
//! crate wraps, each a single foreign call with its reason beside it, and the
//! allocator wrapper that ends perf cleanly when memory runs out.
//!
//! - [`mimalloc_collect`]: hands memory freed by this thread back to the
//!   operating system (used between the phases of a run, see `alloc`);
//! - [`console_process_count`] (Windows): how many processes share perf's
//!   console, to tell a window opened for perf.exe alone (see `cli::console`);
//! - [`ReadingFile`]: the file this thread reads, which an isolated batch
//!   names when memory runs out (see `ops::isolate`).
#![allow(unsafe_code)]

use std::cell::Cell;
use std::ffi::OsString;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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

/// The exit code of an isolated batch whose reading of one file ran out of
/// memory; the file is in the marker (see [`isolate`]). Never seen by users:
/// the batch's first process reruns the batch without that file.
pub const UNIT_OUT_OF_MEMORY: u8 = 86;

/// Where an isolated batch writes the file whose reading ran out of memory.
static MARKER: OnceLock<std::fs::File> = OnceLock::new();

/// Makes this process an isolated batch: when memory runs out while a file
/// is read, that file's path (its encoded bytes) goes to `marker` and the
/// process ends with [`UNIT_OUT_OF_MEMORY`].
pub fn isolate(marker: std::fs::File) {
    let _ = MARKER.set(marker);
}

thread_local! {
    /// The path (encoded bytes) of the file this thread reads: a pointer
    /// into its [`ReadingFile`]'s buffer, so the allocator can read it
    /// without allocating. A `Cell` of plain values: no destructor to register.
    static READING: Cell<(*const u8, usize)> = const { Cell::new((std::ptr::null(), 0)) };
}

/// Marks the file this thread reads until dropped (nested marks restore
/// the outer one).
pub struct ReadingFile {
    path: Box<[u8]>,
    outer: (*const u8, usize),
}

impl ReadingFile {
    pub fn mark(path: &Path) -> Self {
        let path: Box<[u8]> = path.as_os_str().as_encoded_bytes().into();
        let outer = READING.with(|r| r.replace((path.as_ptr(), path.len())));
        ReadingFile { path, outer }
    }
}

impl Drop for ReadingFile {
    fn drop(&mut self) {
        debug_assert!(READING.with(Cell::get).0 == self.path.as_ptr());
        READING.with(|r| r.set(self.outer));
    }
}

/// A path written as encoded bytes by this same program (the marker of an
/// isolated batch), read back.
pub fn path_from_marker(bytes: Vec<u8>) -> PathBuf {
    // SAFETY: the bytes were produced by `OsStr::as_encoded_bytes` on this
    // platform by this very executable (the batch's processes are one
    // binary), which is what `from_encoded_bytes_unchecked` requires; the
    // marker is in a folder only this user can write.
    PathBuf::from(unsafe { OsString::from_encoded_bytes_unchecked(bytes) })
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
    if let Some(marker) = MARKER.get() {
        let (ptr, len) = READING.try_with(Cell::get).unwrap_or((std::ptr::null(), 0));
        if !ptr.is_null() {
            // SAFETY: `ptr` and `len` describe the boxed path of a live
            // `ReadingFile` of this thread: it is dropped (and the mark
            // restored) only when its scope ends, which this call never
            // returns to.
            let path = unsafe { std::slice::from_raw_parts(ptr, len) };
            let _ = (&*marker).write_all(path);
            unit_out_of_memory(path);
        }
    }
    let message = if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        "perf: error: out of memory: is an input too large or damaged? Check it is the right file, delete stray cells outside the table, or split a big table into several files\n"
    } else {
        "perf: 错误: 内存不足，无法继续：输入文件过大或已损坏？请确认是否选对了文件，删除表格之外的多余单元格，或把大表拆成几个文件后再试\n"
    };
    let _ = std::io::stderr().write_all(message.as_bytes());
    std::process::exit(2)
}

/// An isolated batch's one line when reading `path` ran out of memory;
/// allocates nothing (control bytes in the name are shown as `?`, so the
/// line stays one line).
fn unit_out_of_memory(path: &[u8]) -> ! {
    let (before, after): (&[u8], &[u8]) = if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        (
            b"perf: ",
            b": out of memory while reading it: the file is recorded as unreadable (S001) and the batch goes on without it\n",
        )
    } else {
        (
            b"perf: ",
            "：读取时内存不足（文件过大或已损坏？），记为无法读取（S001），批处理跳过该文件继续\n"
                .as_bytes(),
        )
    };
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(before);
    let mut shown = [0u8; 256];
    for chunk in path.chunks(shown.len()) {
        for (to, &b) in shown.iter_mut().zip(chunk) {
            *to = if b < 0x20 || b == 0x7f { b'?' } else { b };
        }
        let _ = err.write_all(&shown[..chunk.len()]);
    }
    let _ = err.write_all(after);
    std::process::exit(UNIT_OUT_OF_MEMORY.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The path the allocator would name on this thread, if any.
    fn marked() -> Option<PathBuf> {
        let (ptr, len) = READING.with(Cell::get);
        // SAFETY: as in `out_of_memory`: the pointer is a live mark's path.
        (!ptr.is_null())
            .then(|| path_from_marker(unsafe { std::slice::from_raw_parts(ptr, len) }.to_vec()))
    }

    #[test]
    fn the_file_being_read_is_marked_and_nested_marks_restore_the_outer() {
        assert_eq!(marked(), None);
        let outer = ReadingFile::mark(Path::new("in/单位甲.xlsx"));
        assert_eq!(marked(), Some(PathBuf::from("in/单位甲.xlsx")));
        {
            let _inner = ReadingFile::mark(Path::new("in/单位乙.csv"));
            assert_eq!(marked(), Some(PathBuf::from("in/单位乙.csv")));
        }
        assert_eq!(marked(), Some(PathBuf::from("in/单位甲.xlsx")));
        drop(outer);
        assert_eq!(marked(), None);
        // Another thread has marks of its own.
        let _here = ReadingFile::mark(Path::new("a.csv"));
        std::thread::spawn(|| assert_eq!(marked(), None))
            .join()
            .unwrap();
    }
}
