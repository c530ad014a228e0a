//! How a run hands over what it made, the one place of the memory tricks:
//! the text output is rendered beside the workbook being built (each waits
//! on a core for the other), kept aside in an unnamed temporary file while
//! the workbook is saved (a county's JSON is tens of megabytes), the inputs
//! are dropped and their memory returned before the save (its buffers are
//! the run's largest), and a run's large results are handed to the
//! operating system at exit rather than freed allocation by allocation.
//! Commands call [`emit_and_build`] and [`finish`], or [`release_at_exit`].

use std::io::{Seek, SeekFrom, Write};

use anyhow::Result;

use crate::render::xlsx::common::Built;

/// The end of a run that may write a workbook. The text output was rendered
/// and the workbook built while what was read (`inputs`) was at hand; the
/// inputs are dropped now, before the workbook is saved, since saving makes
/// the run's biggest buffers (each sheet's XML) and they need not sit on top
/// of the readings. The text is printed last, so a workbook that cannot be
/// written prints nothing (exit 2 naming it).
pub fn finish<T>(
    text: Text,
    workbook: Option<Built>,
    inputs: T,
    lang: crate::i18n::Lang,
) -> Result<()> {
    if let Some(built) = workbook {
        drop(inputs);
        crate::alloc::release_freed();
        let mut built = built;
        let out = built.out().to_path_buf();
        let sheets = built.sheets();
        built.save()?;
        announce(&out, Some(sheets), lang);
    } else {
        release_at_exit(inputs);
    }
    text.print()
}

/// Says on standard error which file was written and what it holds
/// (standard output holds the results, which a script may read):
/// `已写出 审核结果.xlsx（2 个汇总表、5 个批注表）`.
pub fn announce(
    out: &std::path::Path,
    sheets: Option<crate::render::xlsx::common::Sheets>,
    lang: crate::i18n::Lang,
) {
    eprintln!(
        "{}{}{}",
        lang.pick("已写出 ", "written: "),
        out.display(),
        sheets.map(|s| s.said(lang)).unwrap_or_default()
    );
}

/// A run's text output, waiting for its workbook to be saved (see [`finish`]).
pub enum Text {
    /// Already printed (no workbook follows).
    Printed,
    /// In an unnamed temporary file: a county's JSON is tens of megabytes,
    /// which need not sit in memory while the workbook is saved.
    Spilled(std::fs::File),
    /// In memory, when no temporary file could be made.
    Held(Vec<u8>),
}

impl Text {
    fn print(self) -> Result<()> {
        match self {
            Text::Printed => Ok(()),
            Text::Held(bytes) => crate::render::print_bytes(&bytes),
            Text::Spilled(mut file) => {
                file.seek(SeekFrom::Start(0))?;
                crate::render::print_streamed(|w| {
                    std::io::copy(&mut file, w)?;
                    Ok(())
                })
            }
        }
    }
}

/// Renders the text output: straight to stdout when no workbook follows,
/// else kept aside, to be printed after the workbook (see [`finish`]).
pub fn emit(later: bool, write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<Text> {
    if !later {
        crate::render::print_streamed(write)?;
        return Ok(Text::Printed);
    }
    match tempfile::tempfile() {
        Ok(file) => {
            let mut w = std::io::BufWriter::with_capacity(1 << 16, file);
            write(&mut w)?;
            let file = w
                .into_inner()
                .map_err(|e| anyhow::anyhow!("{}", e.error()))?;
            Ok(Text::Spilled(file))
        }
        Err(_) => {
            let mut bytes = Vec::new();
            write(&mut bytes)?;
            Ok(Text::Held(bytes))
        }
    }
}

/// [`emit`] and `build` (the workbook, when one is asked for) side by
/// side: both only read the run's results, and each mostly waits on one
/// core for the other's part (a county's JSON; the workbook's sheets).
pub fn emit_and_build<B: Send>(
    later: bool,
    write: impl FnOnce(&mut dyn Write) -> Result<()> + Send,
    build: impl FnOnce() -> Result<Option<B>> + Send,
) -> Result<(Text, Option<B>)> {
    let (text, built) = rayon::join(|| emit(later, write), build);
    Ok((text?, built?))
}

/// Hands a run's large results to the operating system instead of freeing them
/// cell by cell: the process ends right after, and freeing a county's readings
/// one allocation at a time costs a tenth of a second for nothing.
pub fn release_at_exit<T>(results: T) {
    std::mem::forget(results);
}
