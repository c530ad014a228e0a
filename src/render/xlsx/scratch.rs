//! Where streamed sheets keep their rows until the workbook is saved.
//!
//! A streamed sheet (see [`super::common::SheetJob::streamed`]) writes its
//! rows to a temporary file that lives only until its workbook is saved, a
//! few milliseconds. A batch makes three such files per unit workbook. On a
//! disk each costs a new inode: on an ext4 file system without a journal
//! the allocator then steps over every inode freed in the last minutes, so
//! the 900 files of a 300-unit batch cost a tenth of its time (measured:
//! docs/performance.md). A memory-backed folder costs none of that, so
//! perf uses Linux's `/dev/shm` when it is there, writable and roomy, and
//! the system's temporary folder otherwise. A `TMPDIR` the user set is
//! their choice and is kept.

use std::path::Path;
use std::sync::OnceLock;

/// Free space `/dev/shm` needs before perf puts scratch there: a container's
/// default of 64 MB could run out mid-sheet on a large county.
#[cfg(target_os = "linux")]
const ROOM: u64 = 512 << 20;

/// The folder for streamed sheets' rows; None for the system's temporary folder.
pub fn dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<&'static Path>> = OnceLock::new();
    *DIR.get_or_init(|| choose(std::env::var_os("TMPDIR").is_some()))
}

/// The memory-backed folder, unless the user named one in `TMPDIR`.
fn choose(tmpdir_set: bool) -> Option<&'static Path> {
    if tmpdir_set { None } else { memory_backed() }
}

#[cfg(target_os = "linux")]
fn memory_backed() -> Option<&'static Path> {
    use rustix::fs::{Access, access, statvfs};
    let shm = Path::new("/dev/shm");
    let writable = access(shm, Access::WRITE_OK | Access::EXEC_OK).is_ok();
    let free = statvfs(shm)
        .map(|s| s.f_bavail.saturating_mul(s.f_frsize))
        .unwrap_or(0);
    (shm.is_dir() && writable && free >= ROOM).then_some(shm)
}

#[cfg(not(target_os = "linux"))]
fn memory_backed() -> Option<&'static Path> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tmpdir_the_user_set_is_kept_else_scratch_goes_where_files_can_be_made() {
        assert_eq!(choose(true), None);
        // Wherever it is, rust_xlsxwriter must be able to make its files there.
        if let Some(d) = choose(false) {
            assert!(tempfile::tempfile_in(d).is_ok(), "{}", d.display());
        }
    }
}
