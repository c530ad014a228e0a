//! Reading every input file once into one [`Reading`], with the exit-2 policy for single inputs.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::layout::{HeaderDict, Reading};
use crate::read::{self, Workbook};

/// The inputs as understood, and (when asked for) the workbooks themselves,
/// for outputs that re-create the input sheets.
pub struct Loaded {
    pub reading: Reading,
    pub books: Vec<Workbook>,
}

/// Reads and understands `files`. With a single input, an unreadable or
/// unrecognisable file is a failure (exit 2); with several, it becomes an
/// S001/S002 finding and the others are still read.
pub fn load(files: &[PathBuf], dict: &HeaderDict, lang: Lang) -> Result<Reading> {
    Ok(load_keeping(files, dict, lang, false)?.reading)
}

/// As [`load`], keeping the workbooks when `keep` is set.
pub fn load_keeping(
    files: &[PathBuf],
    dict: &HeaderDict,
    lang: Lang,
    keep: bool,
) -> Result<Loaded> {
    let mut reading = Reading::default();
    let mut books = Vec::new();
    let single = files.len() == 1;
    for path in files {
        match read::load(path) {
            Ok(book) => {
                let before = reading.findings.len();
                reading.add(&book, dict, lang);
                if single
                    && let Some(f) = reading.findings[before..].iter().find(|f| f.code == "S002")
                {
                    bail!("{}：{}", path.display(), f.message);
                }
                if keep {
                    books.push(book);
                }
            }
            Err(e) => {
                let message = e.describe(lang);
                if single {
                    bail!(
                        "{} {}：{}",
                        lang.pick("无法读取", "cannot read"),
                        path.display(),
                        message
                    );
                }
                reading.findings.push(Finding::at_file(
                    "S001",
                    Severity::Error,
                    &path.display().to_string(),
                    message,
                ));
            }
        }
    }
    Ok(Loaded { reading, books })
}
