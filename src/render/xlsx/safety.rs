//! Output safety: never onto an input, saved atomically, built while the inputs are at hand.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use anyhow::Result;
use rust_xlsxwriter::{Workbook, XlsxError};

use crate::fingerprint::Fingerprint;

// ---------------------------------------------------------------------------
// Files
// ---------------------------------------------------------------------------

/// Refuses an output path that is one of the inputs (see [`InputGuard`]).
pub fn refuse_overwrite(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    // Nothing at `out` yet (not even a link): it cannot be an input, which
    // exists, and the inputs need not be looked at.
    if std::fs::symlink_metadata(out).is_err() && inputs.iter().all(|i| i.as_path() != out) {
        return Ok(());
    }
    InputGuard::of(inputs).refuse(out)
}

/// The inputs of a run, looked up once, so that no output overwrites one.
///
/// Paths are compared canonicalized, so `./a/../a.xlsx`, a relative spelling
/// or a symlink to an input are caught too (and on Unix a hard link, by
/// device and inode). When `out` does not exist yet, its folder is
/// canonicalized and the file name joined; a missing folder cannot hold an
/// input, so it passes here and fails at [`save_atomically`]. A monthly batch
/// builds one guard for its thousands of outputs: checking each output
/// against every input would cost millions of file-system calls on a rerun.
pub struct InputGuard {
    /// Inputs as spelled, for those that cannot be resolved.
    spelled: HashSet<PathBuf>,
    canonical: HashSet<PathBuf>,
    /// (device, inode) of each input, on Unix.
    ids: HashSet<(u64, u64)>,
}

impl InputGuard {
    pub fn of(inputs: &[PathBuf]) -> Self {
        let mut guard = InputGuard {
            spelled: HashSet::new(),
            canonical: HashSet::new(),
            ids: HashSet::new(),
        };
        for input in inputs {
            match std::fs::canonicalize(input) {
                Ok(p) => {
                    if let Some(id) = file_id(&p) {
                        guard.ids.insert(id);
                    }
                    guard.canonical.insert(p);
                }
                Err(_) => {
                    guard.spelled.insert(input.clone());
                }
            }
        }
        guard
    }

    /// Err (in the officer's words) when `out` is one of the inputs.
    pub fn refuse(&self, out: &Path) -> Result<()> {
        let same = self.spelled.contains(out)
            || (std::fs::symlink_metadata(out).is_ok()
                && canonical_target(out).is_some_and(|t| {
                    self.canonical.contains(&t)
                        || file_id(&t).is_some_and(|id| self.ids.contains(&id))
                }));
        if same {
            let o = out.display();
            return Err(crate::i18n::Said::new(
                format!("输出文件 {o} 与输入文件相同，为保护原始文件已拒绝写入；请换一个输出文件名"),
                format!("the output {o} is one of the inputs: refused, to keep the original safe; choose another output name"),
            )
            .into());
        }
        Ok(())
    }
}

/// The canonical form of `out`, or of its folder joined with its file name when
/// it does not exist yet; None when even the folder cannot be resolved.
fn canonical_target(out: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(out) {
        return Some(p);
    }
    let name = out.file_name()?;
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::canonicalize(parent).ok().map(|p| p.join(name))
}

/// A file's device and inode, on Unix: the same file under any name or link.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(_path: &Path) -> Option<(u64, u64)> {
    None
}

/// Saves `workbook` to `out` so that an interrupted run leaves either the old
/// file or the new one, never half of one.
///
/// The workbook is written to `.{name}.perf-tmp-{pid}` in the same folder
/// (a rename is only atomic within one file system), flushed to disk, then
/// renamed over `out`. On any failure the temporary file is removed and the
/// error names `out` in the officer's words. Returns the saved file's fingerprint.
pub fn save_atomically(workbook: &mut Workbook, out: &Path) -> Result<Fingerprint> {
    fix_properties(workbook);
    crate::output::write_atomically(out, |w| save_to(workbook, w))
}

/// Why a sheet could not be written, when rust_xlsxwriter panicked: for
/// streamed sheets almost always a temporary file it could not write.
pub(super) const TEMP_FAILED: &str = "写工作表时出错（多为临时文件无法写入：磁盘已满或临时文件夹不可写）/ writing a sheet failed (usually its temporary file: is the disk full?)";

/// Saves `workbook` into `w`. rust_xlsxwriter panics when a streamed
/// sheet's temporary file cannot be read back after a failed write (a full
/// disk): that becomes an error like any other failed write.
pub fn save_to(workbook: &mut Workbook, w: &mut (impl std::io::Write + Send)) -> Result<()> {
    match crate::read::guard::quietly(|| workbook.save_to_writer(w)) {
        Ok(saved) => Ok(saved?),
        Err(why) => Err(anyhow::anyhow!("{TEMP_FAILED}: {why}")),
    }
}

/// A fixed creation time keeps a rerun byte for byte the same, so the monthly
/// batch's manifest hashes can be compared across runs.
fn fix_properties(workbook: &mut Workbook) {
    if let Ok(created) = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1) {
        workbook.set_properties(
            &rust_xlsxwriter::DocProperties::new()
                .set_author("perf")
                .set_creation_datetime(&created),
        );
    }
}

/// Refuses an `out` that is one of the inputs (`books`, and every file
/// `reading` read), then builds the workbook to be saved to `out`. `what`
/// names it in an error: 审核, 监控, 自评.
pub fn prepare(
    out: &Path,
    books: &[crate::read::Workbook],
    reading: &crate::layout::Reading,
    what: (&str, &str),
    build: impl FnOnce() -> Result<(Workbook, usize), XlsxError>,
) -> Result<Built> {
    let mut inputs: Vec<PathBuf> = books.iter().map(|b| b.path.clone()).collect();
    inputs.extend(reading.inputs.iter().map(|i| PathBuf::from(&i.path)));
    refuse_overwrite(out, &inputs)?;
    let (workbook, copies) = build().map_err(|e| {
        let o = out.display();
        crate::i18n::Said::new(
            format!("无法生成{}工作簿 {o}：{e}", what.0),
            format!("cannot build the {} workbook {o}: {e}", what.1),
        )
    })?;
    Ok(Built::new(workbook, out).with_copies(copies))
}

/// A workbook built in memory and the file it is to be saved to: built while
/// the inputs are at hand, saved after they are dropped (see
/// the commands' delivery step, `ops::deliver`).
pub struct Built {
    workbook: Workbook,
    out: PathBuf,
    /// How many of its sheets are copies of input sheets (the rest are perf's own).
    copies: usize,
}

/// What a written workbook holds, for saying so: perf's summary sheets
/// (审核结果, 问题清单 …) and the input sheets copied with notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sheets {
    pub summaries: usize,
    pub copies: usize,
}

impl Sheets {
    /// `（2 个汇总表、5 个批注表）` / ` (2 summary sheets, 5 annotated sheets)`.
    pub fn said(self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        let Sheets { summaries, copies } = self;
        match (lang, copies) {
            (Lang::Zh, 0) => format!("（{summaries} 个汇总表）"),
            (Lang::Zh, _) => format!("（{summaries} 个汇总表、{copies} 个批注表）"),
            (Lang::En, 0) => format!(" ({summaries} summary sheets)"),
            (Lang::En, _) => format!(" ({summaries} summary sheets, {copies} annotated sheets)"),
        }
    }

    /// The sheets of `workbook`, `copies` of them copied inputs.
    pub fn of(workbook: &mut Workbook, copies: usize) -> Sheets {
        let total = workbook.worksheets().len();
        Sheets {
            summaries: total.saturating_sub(copies),
            copies: copies.min(total),
        }
    }
}

impl Built {
    pub fn new(workbook: Workbook, out: &Path) -> Self {
        Built {
            workbook,
            out: out.to_path_buf(),
            copies: 0,
        }
    }

    /// Says that `copies` of the sheets are copied input sheets.
    pub fn with_copies(mut self, copies: usize) -> Self {
        self.copies = copies;
        self
    }

    /// What the workbook holds (for the line announcing it).
    pub fn sheets(&mut self) -> Sheets {
        Sheets::of(&mut self.workbook, self.copies)
    }

    /// Saves the workbook atomically, then frees it in the background.
    /// The file the workbook is to be saved to.
    pub fn out(&self) -> &Path {
        &self.out
    }

    pub fn save(mut self) -> Result<()> {
        save_atomically(&mut self.workbook, &self.out)?;
        drop_in_background(self.workbook);
        Ok(())
    }

    /// Writes the workbook among `staged`, which makes it durable and gives
    /// it its name with the others (see [`crate::output::Staged`]). These
    /// are a batch's unit workbooks, hundreds of small ones: each is freed
    /// here, since starting a thread costs more than freeing it.
    /// Returns the workbook's fingerprint.
    pub fn stage(mut self, staged: &crate::output::Staged) -> Result<Fingerprint> {
        fix_properties(&mut self.workbook);
        let workbook = &mut self.workbook;
        staged.write(&self.out, |w| save_to(workbook, w))
    }
}

/// Drops a big value on a thread of its own: freeing a county's workbook
/// (millions of small allocations) costs a good part of what writing it
/// did, and nothing needs to wait for it. When no thread can be started the
/// value is dropped here instead (the closure holding it is dropped).
pub fn drop_in_background<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().spawn(move || drop(value));
}
