//! `perf monitor FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::{Common, Judging};

/// 双监控：预算执行对比序时进度，绩效指标对比预期进度；预警等级、偏差原因与建议措施。
#[derive(Debug, Clone, Args)]
pub struct MonitorArgs {
    /// 资金执行表、指标监控表（可多个文件）/ fund execution and indicator monitoring workbooks
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 监控月份 1-12（默认取表头“1-X月”）/ the month monitored
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12), conflicts_with = "as_of")]
    pub month: Option<u32>,
    /// 监控截止日期 / monitor as of this date
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    pub as_of: Option<chrono::NaiveDate>,
    /// 按 --month/--as-of 计算，即使与表头“1-X月”不符 / take --month/--as-of even where the sheets' headers name another month
    #[arg(long = "force-month")]
    pub force_month: bool,
    /// 上一轮监控结果（perf monitor 输出的 JSON 或监控工作簿），用于判断连续红色预警 / last round
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// 写出工作簿（monitor：监控工作簿；report：汇总工作簿）/ write the workbook (monitoring, or the report's summary)
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub judging: Judging,
    #[command(flatten)]
    pub common: Common,
}

impl From<MonitorArgs> for crate::ops::monitor::Options {
    fn from(a: MonitorArgs) -> Self {
        crate::ops::monitor::Options {
            files: a.files,
            month: a.month,
            as_of: a.as_of,
            force_month: a.force_month,
            year: a.judging.year,
            previous: a.previous,
            output: a.output,
            strict: a.judging.strict,
            common: a.common.into(),
        }
    }
}
