//! File-system helpers of the commands that write several outputs: safe names, walking a folder, hashes.

use std::path::{Path, PathBuf};

use anyhow::Result;

/// Bytes of a unit's name kept in its workbook's file name.
const MAX_NAME_BYTES: usize = 180;

/// A file name made from a unit's name: no path separators, no `..`, no
/// characters Windows refuses, not empty, at most 60 characters and 180 bytes.
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
    // 60 characters, and at most 180 bytes: a file system counts bytes (255
    // at most), and 60 emoji or rare characters take 240 before perf adds
    // 监控_, a (2) for a second unit of that name and .xlsx.
    let s: String = s.chars().take(60).collect();
    let s = crate::output::temp::clip_to_bytes(&s, MAX_NAME_BYTES)
        .trim_end_matches(['.', ' '])
        .to_string();
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
        let entries = std::fs::read_dir(&d).map_err(|e| {
            let f = d.display();
            crate::i18n::Said::new(
                format!("无法读取文件夹 {f}：{e}"),
                format!("cannot read the folder {f}: {e}"),
            )
        })?;
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
        // 60 four-byte characters: cut by bytes too, at a character boundary.
        let emoji = safe_file_name(&"😀".repeat(60));
        assert_eq!(emoji, "😀".repeat(45));
        assert!(emoji.len() <= MAX_NAME_BYTES);
    }
}
