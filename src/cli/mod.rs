//! Command-line arguments (clap derive): one file per subcommand, shared options defined once.

pub mod assess;
pub mod batch;
pub mod check;
pub mod config;
pub mod console;
pub mod desktop;
pub mod evaluate;
pub mod explain;
pub mod inspect;
pub mod monitor;
pub mod report;
pub mod template;
pub mod zh;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::i18n::Lang;

/// 预算绩效管理工具：目标审核、双监控、绩效自评与汇总。
/// Budget performance management on county workbooks.
#[derive(Debug, Parser)]
#[command(
    name = "perf",
    version = crate::VERSION_LONG,
    about = "预算绩效管理工具：目标审核、双监控、绩效自评与汇总。把工作簿拖到 perf.exe 上即审核。\nBudget performance management on county workbooks.",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 绩效目标审核 / review performance targets
    Check(check::CheckArgs),
    /// 双监控：预算执行与绩效目标 / in-year monitoring
    Monitor(monitor::MonitorArgs),
    /// 绩效自评复算与结果应用 / year-end self-evaluation
    Evaluate(evaluate::EvaluateArgs),
    /// 事前绩效评估复核 / ex-ante assessment of new policies and projects
    Assess(assess::AssessArgs),
    /// 每月批量监控 / the monthly run over a folder
    Batch(batch::BatchArgs),
    /// 全县汇总报告：可直接粘贴的文字与分单位、分预算类型、分等级统计 / the county report
    Report(report::ReportArgs),
    /// 查看 perf 如何读懂工作簿 / show how perf read the workbooks
    Inspect(inspect::InspectArgs),
    /// 说明问题代码 / explain a finding code
    Explain(explain::ExplainArgs),
    /// 打印当前配置 / print the effective config
    Config(config::ConfigArgs),
    /// 生成空白表样（带下拉列表与示例）/ write a blank form perf reads perfectly
    Template(template::TemplateArgs),
}

/// Output formats (a render concern; the command line names them).
pub use crate::render::Format;

/// What every judging command (check, monitor, evaluate, assess) takes, spelled one way.
#[derive(Debug, Clone, Args)]
pub struct Judging {
    /// 预算年度（默认取表头标题中的年度）/ budget year
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// 有警告也以 1 退出 / exit 1 on warnings too
    #[arg(long)]
    pub strict: bool,
}

/// Options every command shares, spelled one way.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// 输出格式（终端默认 table）/ output format
    #[arg(long, value_enum, global = true)]
    pub format: Option<Format>,
    /// 语言：zh 中文（默认）或 en；也可设环境变量 PERF_LANG / language of messages
    #[arg(
        long,
        value_enum,
        default_value = "zh",
        global = true,
        env = "PERF_LANG"
    )]
    pub lang: Lang,
    /// 配置文件（默认为当前目录下的 perf.toml）/ config file
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// 不列出提示（如 V003），仍计入汇总 / leave infos out of the listings (still counted)
    #[arg(long, global = true)]
    pub quiet_info: bool,
}

impl From<Common> for crate::ops::Common {
    fn from(c: Common) -> Self {
        crate::ops::Common {
            format: c.format,
            lang: c.lang,
            config: c.config,
            quiet_info: c.quiet_info,
        }
    }
}

/// Runs the command line and returns the process exit code (0, 1 or 2).
/// In a console window of its own (perf.exe double-clicked, or files dropped
/// on it) perf waits for Enter before the window closes on what it said.
pub fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = zh::early_lang(&args);
    // Before anything is allocated in earnest: running out of memory is
    // then said in the language asked for.
    crate::sys::set_english(lang == Lang::En);
    let code = run(args, lang);
    console::wait_if_own(lang);
    code
}

/// The names clap knows as commands (and `help`).
fn command_names() -> Vec<String> {
    use clap::CommandFactory;
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .chain(["help".to_string()])
        .collect()
}

fn run(args: Vec<std::ffi::OsString>, lang: Lang) -> ExitCode {
    if args.len() <= 1 {
        // Started with nothing (double-clicked): how to use it, in plain words.
        let _ = crate::render::print(&desktop::usage(lang));
        return ExitCode::from(2);
    }
    let (args, _) = desktop::rewrite(args, &command_names());
    let cli = match Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, lang),
    };
    let lang = match &cli.command {
        Command::Check(a) => a.common.lang,
        Command::Inspect(a) => a.common.lang,
        Command::Monitor(a) => a.common.lang,
        Command::Evaluate(a) => a.common.lang,
        Command::Assess(a) => a.common.lang,
        Command::Report(a) => a.run.common.lang,
        Command::Batch(a) => a.common.lang,
        Command::Explain(a) => a.lang,
        Command::Config(a) => a.lang,
        Command::Template(a) => a.common.lang,
    };
    // A batch runs as an isolated child of a first process that only
    // supervises: a file that exhausts memory cannot sink it.
    let mut left_out = Vec::new();
    if let Command::Batch(_) = &cli.command {
        match crate::ops::isolate::role() {
            Ok(crate::ops::isolate::Role::Supervisor) => {
                return match crate::ops::isolate::supervise(&args, lang) {
                    Ok(code) => ExitCode::from(code),
                    Err(e) => report_error(&e, lang),
                };
            }
            Ok(crate::ops::isolate::Role::Child(files)) => left_out = files,
            Err(e) => return report_error(&e, lang),
        }
    }
    crate::render::set_terminal(stdout_is_terminal());
    crate::output::temp::clean_up_on_signals(lang);
    crate::sys::set_english(lang == Lang::En);
    if !start_worker_threads() {
        eprintln!(
            "{}",
            lang.pick(
                "perf: 错误: 无法启动工作线程（内存或进程数受限？）：请关闭其他程序后再试",
                "perf: error: cannot start worker threads (memory or process limits?): close other programs and try again"
            )
        );
        return ExitCode::from(2);
    }
    crate::render::set_width(terminal_width());
    let result = match cli.command {
        Command::Check(args) => crate::ops::check::run(args.into()),
        Command::Inspect(args) => crate::ops::inspect::run(args.into()),
        Command::Monitor(args) => crate::ops::monitor::run(args.into()),
        Command::Evaluate(args) => crate::ops::evaluate::run(args.into()),
        Command::Assess(args) => crate::ops::assess::run(args.into()),
        Command::Report(args) => crate::ops::report::run(args.into()),
        Command::Batch(args) => crate::ops::batch::run(crate::ops::batch::Options {
            left_out,
            ..args.into()
        }),
        Command::Explain(args) => crate::ops::explain::run(args.into()),
        Command::Config(args) => crate::ops::config::run(args.into()),
        Command::Template(args) => crate::ops::template::run(args.into()),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => report_error(&e, lang),
    }
}

/// One line on standard error and exit 2 (a closed pipe is no error).
fn report_error(e: &anyhow::Error, lang: Lang) -> ExitCode {
    if is_broken_pipe(e) {
        return ExitCode::SUCCESS;
    }
    let label = lang.pick("perf: 错误", "perf: error");
    eprintln!("{label}: {}", one_line(&crate::i18n::error_text(e, lang)));
    ExitCode::from(2)
}

/// Help, version and argument errors: Chinese by default, clap's English
/// under `--lang en` or `PERF_LANG=en`. Help goes to stdout (exit 0), errors
/// to stderr (exit 2).
fn clap_error(e: &clap::Error, lang: Lang) -> ExitCode {
    use clap::error::ErrorKind;
    let code = if e.use_stderr() { 2 } else { 0 };
    if lang == Lang::En {
        let _ = e.print();
        return ExitCode::from(code);
    }
    match e.kind() {
        ErrorKind::DisplayVersion => {
            let _ = e.print();
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let text = zh::help(&e.render().to_string());
            if code == 0 {
                let _ = crate::render::print(&text);
            } else {
                eprint!("{text}");
            }
        }
        _ => match zh::error(e) {
            Some(text) => eprint!("{}", text),
            None => {
                let _ = e.print();
            }
        },
    }
    ExitCode::from(code)
}

/// Starts the shared worker threads now, where a failure can be said:
/// left to the first parallel step, a machine that cannot start them (a
/// memory limit) made rayon panic with a backtrace. One thread will do when
/// more cannot be had.
fn start_worker_threads() -> bool {
    rayon::ThreadPoolBuilder::new().build_global().is_ok()
        || rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build_global()
            .is_ok()
}

/// An error message on one line whatever the names in it hold: line breaks
/// become spaces and other control characters (ESC of a terminal sequence)
/// are shown escaped, never sent to the terminal.
fn one_line(message: &str) -> String {
    message
        .chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => " ".to_string(),
            c if c.is_control() => c.escape_default().to_string(),
            c => c.to_string(),
        })
        .collect()
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The width to fit tables to: `COLUMNS` when it holds a number (a user's
/// choice, and how tests fix it), else the terminal's own width, else — output
/// going to a file or a pipe — the renderers' default.
fn terminal_width() -> usize {
    if let Some(n) = std::env::var("COLUMNS")
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|n| *n > 0)
    {
        return n;
    }
    if stdout_is_terminal()
        && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size()
    {
        return usize::from(w);
    }
    crate::render::DEFAULT_WIDTH
}

/// True when stdout is a terminal (progress bars, colours).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
