//! `perf batch IN_DIR -o OUT_DIR` arguments.

use std::path::PathBuf;

use clap::Args;

use super::Common;

/// 每月批量监控：读取文件夹（含子文件夹）中各单位的工作簿，按单位写出监控工作簿，
/// 并写出全县汇总工作簿、报告（report.md / report.txt）、问题清单 findings.csv 与 manifest.json。
#[derive(Debug, Clone, Args)]
pub struct BatchArgs {
    /// 存放各单位工作簿的文件夹 / folder of the units' workbooks
    #[arg(value_name = "IN_DIR")]
    pub input: PathBuf,
    /// 监控月份 1-12 / the month monitored
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12))]
    pub month: u32,
    /// 按 --month 计算，即使与表头“1-X月”不符 / take --month even where the sheets' headers name another month
    #[arg(long = "force-month")]
    pub force_month: bool,
    /// 预算年度（默认取标题中的年度）/ budget year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// 输出文件夹 / output folder
    #[arg(short = 'o', long = "output", value_name = "OUT_DIR")]
    pub output: PathBuf,
    /// 上个月的输出文件夹（判断连续红色预警）/ last month's OUT_DIR
    #[arg(long, value_name = "PREV_OUT_DIR")]
    pub previous: Option<PathBuf>,
    /// 并行任务数（默认为全部核心）/ parallel jobs
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// 不显示进度 / no progress
    #[arg(long)]
    pub quiet: bool,
    #[command(flatten)]
    pub common: Common,
}

impl From<BatchArgs> for crate::ops::batch::Options {
    fn from(a: BatchArgs) -> Self {
        crate::ops::batch::Options {
            input: a.input,
            month: a.month,
            force_month: a.force_month,
            year: a.year,
            output: a.output,
            previous: a.previous,
            jobs: a.jobs,
            quiet: a.quiet,
            left_out: Vec::new(),
            common: a.common.into(),
        }
    }
}
