//! `perf check FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::{Common, Judging};

/// 绩效目标审核：四个维度、量化、表述、单位、方向、期限、分值，以及与预算的对应。
#[derive(Debug, Clone, Args)]
pub struct CheckArgs {
    /// 绩效目标表、预算表（可多个文件）/ target and budget workbooks
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 写出标注后的审核工作簿 / write the annotated review workbook
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub judging: Judging,
    #[command(flatten)]
    pub common: Common,
}

impl From<CheckArgs> for crate::ops::check::Options {
    fn from(a: CheckArgs) -> Self {
        crate::ops::check::Options {
            files: a.files,
            year: a.judging.year,
            output: a.output,
            strict: a.judging.strict,
            common: a.common.into(),
        }
    }
}
