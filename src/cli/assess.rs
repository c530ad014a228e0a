//! `perf assess FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::{Common, Judging};

/// 事前绩效评估：六个方面的得分与加权总分、评估结论是否与得分相符；
/// 与预算表一并给出时，检查新增项目是否经过评估（A001）、不予支持的项目是否安排了预算（A002）。
#[derive(Debug, Clone, Args)]
pub struct AssessArgs {
    /// 事前绩效评估表，以及预算表（可多个文件）/ assessment tables and budget lines
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 写出评估工作簿 / write the assessment workbook
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub judging: Judging,
    #[command(flatten)]
    pub common: Common,
}

impl From<AssessArgs> for crate::ops::assess::Options {
    fn from(a: AssessArgs) -> Self {
        crate::ops::assess::Options {
            files: a.files,
            year: a.judging.year,
            output: a.output,
            strict: a.judging.strict,
            common: a.common.into(),
        }
    }
}
