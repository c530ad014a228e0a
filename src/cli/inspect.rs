//! `perf inspect FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::Common;

/// 显示每个表如何被识别：表类型、版式、表头行、列含义、年度、金额单位，以及每个项目的指标。
#[derive(Debug, Clone, Args)]
pub struct InspectArgs {
    /// 工作簿或 CSV 文件 / workbooks or CSV files
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

impl From<InspectArgs> for crate::ops::inspect::Options {
    fn from(a: InspectArgs) -> Self {
        crate::ops::inspect::Options {
            files: a.files,
            common: a.common.into(),
        }
    }
}
