//! `perf report FILE...` arguments: those of `perf monitor`, with `-o` naming the summary workbook.

use clap::Args;

use super::monitor::MonitorArgs;

/// 向县政府报告用的汇总：监控情况文字（含数字）、滞后项目及原因、暂缓/停止/调减收回名单、未报送单位，
/// 以及按单位、按预算类型、按预警等级的统计表（-o 写出汇总工作簿）。
/// 输入中有绩效信息公开登记表时，加上信息公开情况：逾期公开、逾期未公开与7日内到期的事项
/// （截至 --as-of，未给时为今天）。
#[derive(Debug, Clone, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub run: MonitorArgs,
}

impl From<ReportArgs> for crate::ops::report::Options {
    fn from(a: ReportArgs) -> Self {
        crate::ops::report::Options { run: a.run.into() }
    }
}
