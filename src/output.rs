//! Writing an output file safely: never half a file, and failures in the officer's words.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};

/// The temporary file an output is written to before it is renamed over `out`:
/// in the same folder, since a rename is only atomic within one file system.
pub fn temp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.with_file_name(format!(".{name}.perf-tmp-{}", std::process::id()))
}

/// Writes `out` through `write` so that an interrupted run leaves either the old
/// file or the new one: a temporary file in the same folder, flushed to disk,
/// then renamed over `out`. On failure the temporary file is removed.
pub fn write_atomically(
    out: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<()>,
) -> Result<()> {
    if out.file_name().is_none() {
        bail!("无法写入 {}：这不是一个文件名", out.display());
    }
    if out.is_dir() {
        bail!(
            "无法写入 {}：这是一个文件夹，请给出一个文件名",
            out.display()
        );
    }
    let tmp = temp_path(out);
    let file = File::create(&tmp).map_err(|e| write_error(out, &e))?;
    let result = (|| -> Result<()> {
        let mut w = BufWriter::new(file);
        write(&mut w).map_err(|e| anyhow!("无法写入 {}：{e}", out.display()))?;
        let file = w.into_inner().map_err(|e| write_error(out, e.error()))?;
        file.sync_all().map_err(|e| write_error(out, &e))?;
        std::fs::rename(&tmp, out).map_err(|e| write_error(out, &e))
    })();
    if result.is_err() {
        // Best effort: the temporary file may already be gone.
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes bytes to `out` atomically.
pub fn write_bytes(out: &Path, bytes: &[u8]) -> Result<()> {
    write_atomically(out, |w| Ok(w.write_all(bytes)?))
}

/// An I/O failure on `out`, in the officer's words.
fn write_error(out: &Path, e: &std::io::Error) -> anyhow::Error {
    let why = match e.kind() {
        std::io::ErrorKind::NotFound => {
            "所在文件夹不存在，请先建立该文件夹或换一个路径".to_string()
        }
        std::io::ErrorKind::PermissionDenied => {
            "没有写入权限（如果该文件正在 Excel 或 WPS 中打开，请先关闭）".to_string()
        }
        _ => e.to_string(),
    };
    anyhow!("无法写入 {}：{why}", out.display())
}
