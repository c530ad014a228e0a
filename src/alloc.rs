//! The memory allocator: mimalloc (feature `mimalloc`, on by default), and handing freed memory back between phases.
//!
//! Reading and writing workbooks makes millions of small allocations from
//! two threads at once; glibc's malloc spent a fifth of a batch run in its
//! own bookkeeping, mimalloc a fraction of that. mimalloc keeps freed pages a
//! while for reuse, though, and each thread keeps its own: after the inputs
//! are read, the inflated sheet XML freed by the reading threads would stay
//! resident while the output workbook is built. [`release_freed`] hands it
//! back at such a turn. Built without transparent huge pages (`no_thp`),
//! which grew memory in 2 MB steps. Without the feature, the system
//! allocator is used (for heap profilers that hook malloc).

#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: crate::sys::ExitOnFailure<mimalloc::MiMalloc> =
    crate::sys::ExitOnFailure(mimalloc::MiMalloc);

#[cfg(not(feature = "mimalloc"))]
#[global_allocator]
static ALLOCATOR: crate::sys::ExitOnFailure<std::alloc::System> =
    crate::sys::ExitOnFailure(std::alloc::System);

/// Returns memory freed so far to the operating system, on this thread and
/// on every thread of the current rayon pool. Call it between phases, when
/// a phase's big buffers have just been dropped.
pub fn release_freed() {
    #[cfg(feature = "mimalloc")]
    {
        rayon::broadcast(|_| crate::sys::mimalloc_collect());
        crate::sys::mimalloc_collect();
    }
}
