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
}

impl Common {
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
    let (config, _) = crate::config::Config::discover(common.config.as_deref())?;
    if let Some(out) = output {
        crate::render::xlsx::common::refuse_overwrite(out, inputs)?;
    }
    Ok(Prepared {
        lang: common.lang,
        settings: config.settings(),
        config,
    })
}

/// The one exit-code rule: 1 when a finding is an error, or a warning under
/// `--strict`; else 0 (2, could not run, is the command line's).
pub fn exit_code(counts: crate::diag::Counts, strict: bool) -> u8 {
    u8::from(counts.errors > 0 || (strict && counts.warnings > 0))
}
