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
    load_with(
        files,
        dict,
        lang,
        &Options {
            keep,
            ..Options::default()
        },
    )
}

/// Called once per file as it is read: the path, and the reason when it could not be.
pub type Progress<'a> = &'a (dyn Fn(&std::path::Path, Option<&str>) + Sync);

/// How [`load_with`] reads.
#[derive(Default)]
pub struct Options<'a> {
    /// Keep the workbooks (for outputs that re-create input sheets).
    pub keep: bool,
    /// Go on past a bad file even when it is the only one (the monthly batch).
    pub keep_going: bool,
    pub progress: Option<Progress<'a>>,
    /// With `keep`: the tables whose sheets the outputs copy. Other sheets are
    /// dropped as each file is read, so a county's workbooks do not all stay
    /// in memory for the few sheets a summary re-creates.
    pub copies: Option<Wanted<'a>>,
    /// The table kinds whose indicators the command reads. Projects of other
    /// tables keep their names, codes, units and money but not their
    /// indicators, which are most of a county's memory.
    pub indicators_of: Option<fn(crate::layout::TableKind) -> bool>,
}

/// Which tables an output copies.
pub type Wanted<'a> = &'a (dyn Fn(&crate::layout::Table) -> bool + Sync);

/// Reads `files` in parallel (one file per task) and joins them in the order
/// given, so the result does not depend on which core finished first.
pub fn load_with(
    files: &[PathBuf],
    dict: &HeaderDict,
    lang: Lang,
    opts: &Options,
) -> Result<Loaded> {
    use rayon::prelude::*;
    let single = files.len() == 1 && !opts.keep_going;
    let each: Vec<(Result<Reading, String>, Option<Workbook>)> = files
        .par_iter()
        .map(|path| {
            let out = match read::load(path) {
                Ok(mut book) => {
                    let mut r = Reading::default();
                    r.add(&book, dict, lang);
                    if let Some(needed) = opts.indicators_of {
                        for p in &mut r.projects {
                            if !needed(r.tables[p.table].kind) {
                                p.indicators = Vec::new();
                            }
                        }
                    }
                    if let Some(wanted) = opts.copies {
                        book.sheets
                            .retain(|s| r.tables.iter().any(|t| t.sheet == s.name && wanted(t)));
                    }
                    (Ok(r), opts.keep.then_some(book))
                }
                Err(e) => (Err(e.describe(lang)), None),
            };
            if let Some(progress) = opts.progress {
                let problem = match &out.0 {
                    Err(m) => Some(m.as_str()),
                    Ok(r) => r
                        .findings
                        .iter()
                        .find(|f| f.code == "S002")
                        .map(|f| f.message.as_str()),
                };
                progress(path, problem);
            }
            out
        })
        .collect();
    let mut reading = Reading::default();
    let mut books = Vec::new();
    for (path, (result, book)) in files.iter().zip(each) {
        match result {
            Ok(r) => {
                if single && let Some(f) = r.findings.iter().find(|f| f.code == "S002") {
                    bail!("{}：{}", path.display(), f.message);
                }
                reading.absorb(r);
                books.extend(book);
            }
            Err(message) => {
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
    // The inflated sheet XML and the readers' scratch are gone by now.
    crate::alloc::release_freed();
    Ok(Loaded { reading, books })
}
