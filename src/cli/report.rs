//! `perf report FILE...` arguments.

use std::path::PathBuf;

use clap::Args;

use super::Common;
use super::monitor::MonitorArgs;

/// 向县政府报告用的汇总：监控情况文字（含数字）、滞后项目及原因、暂缓/停止/调减收回名单、未报送单位，
/// 以及按单位、按预算类型、按预警等级的统计表。
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    /// 资金执行表、指标监控表、预算表（可多个文件）/ the month's workbooks
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// 监控月份 1-12（默认取表头“1-X月”）/ the month monitored
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=12), conflicts_with = "as_of")]
    pub month: Option<u32>,
    /// 监控截止日期 / as of this date
    #[arg(long = "as-of", value_name = "YYYY-MM-DD")]
    pub as_of: Option<chrono::NaiveDate>,
    /// 预算年度 / budget year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// 上一轮监控结果 / last round
    #[arg(long, value_name = "FILE")]
    pub previous: Option<PathBuf>,
    /// 写出汇总工作簿 / write the summary workbook
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

impl ReportArgs {
    /// The monitoring run behind the report (no monitoring workbook of its own).
    pub fn monitor_args(&self) -> MonitorArgs {
        MonitorArgs {
            files: self.files.clone(),
            month: self.month,
            as_of: self.as_of,
            year: self.year,
            previous: self.previous.clone(),
            output: None,
            strict: false,
            common: self.common.clone(),
        }
    }
}
