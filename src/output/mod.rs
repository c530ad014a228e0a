//! Writing an output file safely: never half a file, and failures in the officer's words.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::fingerprint::{Fingerprint, Hashing};
use crate::i18n::Said;

/// What an output is written through: a buffered file whose bytes are
/// fingerprinted on the way to it, a buffer at a time (the batch manifest
/// lists them).
pub type OutFile = BufWriter<Hashing<File>>;

pub mod lock;
pub mod temp;

/// Writes `out` through `write` so that an interrupted run leaves either the old
/// file or the new one: a temporary file in the same folder, flushed to disk,
/// then renamed over `out`. On failure the temporary file is removed.
/// Returns the written file's fingerprint.
pub fn write_atomically(
    out: &Path,
    write: impl FnOnce(&mut OutFile) -> Result<()>,
) -> Result<Fingerprint> {
    let (tmp, file, print) = write_temp(out, write)?;
    let result = file
        .sync_all()
        .and_then(|_| std::fs::rename(&tmp, out))
        .map_err(|e| write_error(out, &e));
    match result {
        Ok(()) => temp::settled(&tmp),
        Err(_) => temp::remove(&tmp),
    }
    result.map(|()| print)
}

/// Writes `out`'s temporary file through `write` (not yet flushed to disk
/// nor renamed); returns its path, the file and what was written's
/// fingerprint. On failure it is removed.
fn write_temp(
    out: &Path,
    write: impl FnOnce(&mut OutFile) -> Result<()>,
) -> Result<(PathBuf, File, Fingerprint)> {
    if out.file_name().is_none() {
        let o = out.display();
        return Err(Said::new(
            format!("无法写入 {o}：这不是一个文件名"),
            format!("cannot write {o}: this is not a file name"),
        )
        .into());
    }
    if out.is_dir() {
        let o = out.display();
        return Err(Said::new(
            format!("无法写入 {o}：这是一个文件夹，请给出一个文件名"),
            format!("cannot write {o}: this is a folder; give a file name"),
        )
        .into());
    }
    let (tmp, file) = temp::create(out).map_err(|e| write_error(out, &e))?;
    let result = (|| -> Result<(File, Fingerprint)> {
        let mut w = BufWriter::new(Hashing::new(file));
        write(&mut w).map_err(|e| {
            let o = out.display();
            Said::new(
                format!("无法写入 {o}：{e:#}"),
                format!("cannot write {o}: {e:#}"),
            )
        })?;
        let (file, print) = w
            .into_inner()
            .map_err(|e| write_error(out, e.error()))?
            .finish();
        Ok((file, print))
    })();
    match result {
        Ok((file, print)) => Ok((tmp, file, print)),
        Err(e) => {
            temp::remove(&tmp);
            Err(e)
        }
    }
}

/// Many outputs written the same way, made durable together: each is written
/// to its temporary file, then [`Staged::commit`] flushes them all to disk at
/// once and renames each over its name. A monthly batch writes hundreds of
/// workbooks; one flush each cost more than writing them on a slow disk.
/// Until the commit, no output has its name; on failure the temporary files
/// are removed.
#[derive(Default)]
pub struct Staged {
    /// (temporary file, output), as written.
    files: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
}

impl Staged {
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes `out`'s temporary file through `write` (not yet flushed nor
    /// renamed); returns its fingerprint.
    pub fn write(
        &self,
        out: &Path,
        write: impl FnOnce(&mut OutFile) -> Result<()>,
    ) -> Result<Fingerprint> {
        let (tmp, _, print) = write_temp(out, write)?;
        self.lock().push((tmp, out.to_path_buf()));
        Ok(print)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        // A writer that panicked cannot leave the list half-changed (one push).
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Flushes every staged file to disk, then renames each over its output.
    pub fn commit(self) -> Result<()> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let result = (|| -> Result<()> {
            flush_all(&files)?;
            for (tmp, out) in &files {
                std::fs::rename(tmp, out).map_err(|e| write_error(out, &e))?;
                temp::settled(tmp);
            }
            Ok(())
        })();
        if result.is_err() {
            for (tmp, _) in &files {
                temp::remove(tmp);
            }
        }
        result
    }

    /// Removes the staged files (a run that failed before its commit).
    pub fn abandon(self) {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        for (tmp, _) in &files {
            temp::remove(tmp);
        }
    }
}

/// Makes the files durable: on Linux one `syncfs` of their file system per
/// folder, elsewhere one flush per file.
fn flush_all(files: &[(PathBuf, PathBuf)]) -> Result<()> {
    #[cfg(target_os = "linux")]
    {
        let mut folders = std::collections::HashSet::new();
        for (tmp, out) in files {
            if !folders.insert(tmp.parent()) {
                continue;
            }
            let f = File::open(tmp).map_err(|e| write_error(out, &e))?;
            rustix::fs::syncfs(&f).map_err(|e| write_error(out, &std::io::Error::from(e)))?;
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        for (tmp, out) in files {
            File::open(tmp)
                .and_then(|f| f.sync_all())
                .map_err(|e| write_error(out, &e))?;
        }
        Ok(())
    }
}

/// Writes bytes to `out` atomically; returns their fingerprint.
pub fn write_bytes(out: &Path, bytes: &[u8]) -> Result<Fingerprint> {
    write_atomically(out, |w| Ok(w.write_all(bytes)?))
}

/// An I/O failure on `out`, in the officer's words.
fn write_error(out: &Path, e: &std::io::Error) -> anyhow::Error {
    let o = out.display();
    let said = match e.kind() {
        std::io::ErrorKind::NotFound => Said::new(
            format!("无法写入 {o}：所在文件夹不存在，请先建立该文件夹或换一个路径"),
            format!(
                "cannot write {o}: its folder does not exist; make it first or choose another path"
            ),
        ),
        std::io::ErrorKind::PermissionDenied => Said::new(
            format!("无法写入 {o}：没有写入权限（如果该文件正在 Excel 或 WPS 中打开，请先关闭）"),
            format!(
                "cannot write {o}: permission denied (if the file is open in Excel or WPS, close it first)"
            ),
        ),
        _ => Said::new(
            format!("无法写入 {o}：{e}"),
            format!("cannot write {o}: {e}"),
        ),
    };
    said.into()
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    #[test]
    fn staged_files_get_their_names_only_at_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new();
        let a = dir.path().join("a.txt");
        let b = dir.path().join("b.txt");
        std::fs::write(&b, b"last month").unwrap();
        staged.write(&a, |w| Ok(w.write_all(b"one")?)).unwrap();
        staged.write(&b, |w| Ok(w.write_all(b"two")?)).unwrap();
        assert!(!a.exists(), "not visible before the commit");
        assert_eq!(std::fs::read(&b).unwrap(), b"last month");
        staged.commit().unwrap();
        assert_eq!(std::fs::read(&a).unwrap(), b"one");
        assert_eq!(std::fs::read(&b).unwrap(), b"two");
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file is left behind");
    }

    #[test]
    fn an_abandoned_or_failed_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::new();
        let a = dir.path().join("a.txt");
        staged.write(&a, |w| Ok(w.write_all(b"one")?)).unwrap();
        let err = staged
            .write(&dir.path().join("b.txt"), |_| anyhow::bail!("disk full"))
            .unwrap_err();
        assert!(err.to_string().contains("b.txt"), "{err}");
        staged.abandon();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
