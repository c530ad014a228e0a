//! One use case per subcommand: load → judge → render/write.

pub mod assess;
pub mod batch;
pub mod check;
pub mod config;
pub mod deliver;
pub mod evaluate;
pub mod explain;
pub mod files;
pub mod inputs;
pub mod inspect;
pub mod isolate;
pub mod monitor;
pub mod report;
pub mod template;

/// Options every command shares: the output format, the language of
/// messages, the config file.
#[derive(Debug, Clone)]
pub struct Common {
    pub format: Option<crate::render::Format>,
    pub lang: crate::i18n::Lang,
    pub config: Option<std::path::PathBuf>,
    /// Leave info findings out of listings (`--quiet-info`).
    pub quiet_info: bool,
}

impl Common {
    /// Tells the listings whether to leave infos out: `--quiet-info`, or
    /// `[output] quiet_info = true` in the county's config.
    pub fn set_listing(&self, config: &crate::config::Config) {
        crate::render::findings::set_quiet_info(self.quiet_info || config.output.quiet_info);
    }

    /// The format asked for, else a table (also when piped, so a saved file
    /// holds what the officer saw on screen).
    pub fn format(&self) -> crate::render::Format {
        self.format.unwrap_or(crate::render::Format::Table)
    }
}

/// What a command settles before it reads anything: the language, the
/// county's config and the rule settings it makes, and that no output is to
/// be written onto an input (`inputs`: every file the command reads).
pub struct Prepared {
    pub lang: crate::i18n::Lang,
    pub config: crate::config::Config,
    pub settings: crate::rules::Settings,
}

/// The one prepare step of the commands that read workbooks.
pub fn prepare(
    common: &Common,
    output: Option<&std::path::Path>,
    inputs: &[std::path::PathBuf],
) -> anyhow::Result<Prepared> {
    let (config, config_path) =
        crate::config::Config::discover(common.config.as_deref(), common.lang)?;
    common.set_listing(&config);
    if let Some(out) = output {
        // An input named as the output is the graver mistake: said first.
        // The config file read (given or found) is an input too.
        let mut inputs = inputs.to_vec();
        inputs.extend(config_path);
        crate::render::xlsx::common::refuse_overwrite(out, &inputs)?;
        workbook_name(out, common.lang)?;
    }
    Ok(Prepared {
        lang: common.lang,
        settings: config.settings(),
        config,
    })
}

/// `-o` names a workbook: an .xlsx under another name (`审核.csv`) would
/// open as garbage, so another extension is refused with what to write.
pub fn workbook_name(out: &std::path::Path, lang: crate::i18n::Lang) -> anyhow::Result<()> {
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if ext.as_deref() == Some("xlsx") {
        return Ok(());
    }
    anyhow::bail!(
        "{} {}",
        out.display(),
        lang.pick(
            "不是 .xlsx 文件名：-o 写出的是 Excel 工作簿，请用 .xlsx 结尾（文字或 CSV 结果请用 --format 并重定向）",
            "is no .xlsx name: -o writes an Excel workbook; end the name in .xlsx (for text or CSV use --format and redirect)"
        )
    )
}

/// The one exit-code rule: 1 when a finding is an error, or a warning under
/// `--strict`; else 0 (2, could not run, is the command line's).
pub fn exit_code(counts: crate::diag::Counts, strict: bool) -> u8 {
    u8::from(counts.errors > 0 || (strict && counts.warnings > 0))
}
