//! File-system helpers of the commands that write several outputs: atomic writes, safe names, walking a folder.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

/// Writes `bytes` to `out` so that an interrupted run leaves the old file or the
/// new one: a temporary file in the same folder, flushed, then renamed over `out`.
pub fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    let name = out
        .file_name()
        .ok_or_else(|| anyhow!("无法写入 {}：这不是一个文件名", out.display()))?;
    let folder = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let tmp = folder.join(format!(
        ".{}.perf-tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, out)
    })();
    if let Err(e) = result {
        // Best effort: the temporary file may not exist.
        let _ = std::fs::remove_file(&tmp);
        return Err(anyhow!("无法写入 {}：{e}", out.display()));
    }
    Ok(())
}

/// A file name made from a unit's name: no path separators, no `..`, no
/// characters Windows refuses, not empty, at most 60 characters.
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let mut s = cleaned.trim().trim_matches('.').trim().to_string();
    while s.contains("..") {
        s = s.replace("..", "_");
    }
    let s: String = s.chars().take(60).collect();
    if s.is_empty() {
        "未注明单位".to_string()
    } else {
        s
    }
}

/// Workbooks and CSV files under `dir`, recursively, sorted; hidden files,
/// Office lock files (`~$…`) and anything under `skip` are left out.
pub fn walk(dir: &Path, skip: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    let skip: Vec<PathBuf> = skip.iter().filter_map(|p| p.canonicalize().ok()).collect();
    while let Some(d) = stack.pop() {
        if d.canonicalize().is_ok_and(|c| skip.contains(&c)) {
            continue;
        }
        let entries =
            std::fs::read_dir(&d).map_err(|e| anyhow!("无法读取文件夹 {}：{e}", d.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.starts_with("~$") {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if is_workbook_name(&name) {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn is_workbook_name(name: &str) -> bool {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "csv" | "xml" | "et"
    )
}

/// SHA-256 of some bytes, as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_names_become_safe_file_names() {
        assert_eq!(safe_file_name("青山县教育局"), "青山县教育局");
        assert_eq!(safe_file_name("../../etc/passwd"), "___etc_passwd");
        assert_eq!(
            safe_file_name("a/b\\c:d*e?f\"g<h>i|j"),
            "a_b_c_d_e_f_g_h_i_j"
        );
        assert_eq!(safe_file_name(" .. "), "未注明单位");
        assert_eq!(safe_file_name(""), "未注明单位");
    }

    #[test]
    fn sha256_of_abc() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
