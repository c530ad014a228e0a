//! `perf template`: write a blank form perf reads perfectly.

use crate::say;
use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::render;
use crate::template::Params;

/// What `perf template` is asked to do: the command line's arguments as plain data
/// (the command line makes it; a caller may too).
#[derive(Debug, Clone)]
pub struct Options {
    /// 表样种类 / which form
    pub kind: crate::template::Kind,
    /// 写出的工作簿（默认为 KIND.xlsx）/ the workbook to write
    pub output: Option<std::path::PathBuf>,
    /// 预算年度（默认为今年）/ budget year
    pub year: Option<i32>,
    /// 监控月份，用于「1-N月执行数」等列名（默认 6）/ month of the monitoring round
    pub month: u32,
    /// 覆盖已存在的文件 / overwrite an existing file
    pub force: bool,
    pub common: super::Common,
}

pub fn run(args: Options) -> Result<u8> {
    let lang = args.common.lang;
    let year = args
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    let params = Params {
        year,
        month: args.month,
    };
    let out = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(args.kind.file_name()));
    // A filled-in form may carry the very name a template would take.
    if out.exists() && !args.force {
        match lang {
            crate::i18n::Lang::Zh => bail!(
                "{} 已存在：为免覆盖已填写的表，请换一个文件名（-o），或加 --force 覆盖",
                out.display()
            ),
            crate::i18n::Lang::En => bail!(
                "{} exists: give another name (-o) so a filled-in form is not overwritten, or add --force",
                out.display()
            ),
        }
    }
    let template = args.kind.build(&params);
    render::xlsx::template::save(&template, &out)?;
    let line = say!(
        lang,
        (
            "已写出 {}：{}（{}年度）",
            out.display(),
            args.kind.zh(),
            year
        ),
        ("wrote {}: {} ({year})", out.display(), args.kind.key())
    );
    render::print(&format!("{line}\n"))?;
    Ok(0)
}
