//! One writer per output folder: a second `perf batch` into the same folder
//! while one runs would interleave two months' files.

use std::fs::{File, TryLockError};
use std::path::Path;

use crate::i18n::Said;

/// The lock file's name in the output folder (hidden, empty; removed at the
/// end of the run, left only by a run that was killed, and harmless then:
/// the system released its lock with the process).
pub const LOCK_NAME: &str = ".perf-batch.lock";

/// Held while a run writes into a folder; released when dropped (or when
/// the process ends, however it ends: the system releases the lock).
#[derive(Debug)]
pub struct FolderLock {
    file: Option<File>,
    path: std::path::PathBuf,
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still held, so no other run can take a lock on a
        // file that is about to vanish; then released by closing it.
        let _ = std::fs::remove_file(&self.path);
        drop(self.file.take());
    }
}

impl FolderLock {
    /// Takes the folder's lock, or says that another run holds it.
    pub fn take(dir: &Path) -> Result<FolderLock, Said> {
        let path = dir.join(LOCK_NAME);
        let d = dir.display();
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                Said::new(
                    format!("无法在输出文件夹 {d} 中建立锁文件：{e}"),
                    format!("cannot make the lock file in the output folder {d}: {e}"),
                )
            })?;
        match file.try_lock() {
            Ok(()) => Ok(FolderLock {
                file: Some(file),
                path,
            }),
            Err(TryLockError::WouldBlock) => Err(Said::new(
                format!(
                    "另一个 perf batch 正在写入输出文件夹 {d}：请等它结束后再运行，或换一个输出文件夹"
                ),
                format!(
                    "another perf batch is writing into the output folder {d}: wait for it to end, or choose another folder"
                ),
            )),
            Err(TryLockError::Error(e)) => Err(Said::new(
                format!("无法锁定输出文件夹 {d}：{e}"),
                format!("cannot lock the output folder {d}: {e}"),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_told_and_the_lock_frees_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::take(dir.path()).unwrap();
        let second = FolderLock::take(dir.path()).unwrap_err();
        assert!(second.zh.contains("另一个 perf batch"), "{}", second.zh);
        assert!(second.en.contains("another perf batch"), "{}", second.en);
        drop(first);
        assert!(!dir.path().join(LOCK_NAME).exists(), "removed at the end");
        assert!(FolderLock::take(dir.path()).is_ok());
    }
}
