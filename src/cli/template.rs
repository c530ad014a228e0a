//! `perf template KIND -o FILE.xlsx` arguments.

use std::path::PathBuf;

use clap::Args;

use super::Common;
use crate::template::Kind;

/// 生成 perf 能准确读懂的空白表样：下拉列表、填写提示、一行示例、锁定表头、打印设置。
#[derive(Debug, Clone, Args)]
pub struct TemplateArgs {
    /// 表样种类 / which form
    #[arg(value_enum, value_name = "KIND")]
    pub kind: Kind,
    /// 写出的工作簿（默认为 KIND.xlsx）/ the workbook to write
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    /// 预算年度（默认为今年）/ budget year
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(2000..=2100))]
    pub year: Option<i32>,
    /// 监控月份，用于「1-N月执行数」等列名（默认 6）/ month of the monitoring round
    #[arg(long, value_name = "N", default_value_t = 6, value_parser = clap::value_parser!(u32).range(1..=12))]
    pub month: u32,
    /// 覆盖已存在的文件 / overwrite an existing file
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub common: Common,
}

impl From<TemplateArgs> for crate::ops::template::Options {
    fn from(a: TemplateArgs) -> Self {
        crate::ops::template::Options {
            kind: a.kind,
            output: a.output,
            year: a.year,
            month: a.month,
            force: a.force,
            common: a.common.into(),
        }
    }
}
