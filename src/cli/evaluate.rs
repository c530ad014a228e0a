//! `perf evaluate FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::{Common, Judging};

/// 绩效自评复算：预算执行与各指标得分、总分、等级，自评是否属实，以及评价结果应用建议。
#[derive(Debug, Clone, Args)]
pub struct EvaluateArgs {
    /// 绩效自评表（可多个文件）/ self-evaluation workbooks
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 下年度预算表：显示受影响的金额 / next year's budget lines
    #[arg(long = "next-budget", value_name = "FILE")]
    pub next_budget: Option<PathBuf>,
    /// 写出自评工作簿 / write the self-evaluation workbook
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub judging: Judging,
    #[command(flatten)]
    pub common: Common,
}

impl From<EvaluateArgs> for crate::ops::evaluate::Options {
    fn from(a: EvaluateArgs) -> Self {
        crate::ops::evaluate::Options {
            files: a.files,
            year: a.judging.year,
            next_budget: a.next_budget,
            output: a.output,
            strict: a.judging.strict,
            common: a.common.into(),
        }
    }
}
