//! Target review rules (`perf check`): one file per code family; rules return findings, never print.

pub mod assess;
pub mod budget;
pub mod catalog;
pub mod evaluate;
pub mod join;
pub mod monitor;
pub mod publish;
pub mod targets;
pub mod unit;
pub mod values;
pub mod verdict;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap as HashMap;

use crate::diag::{Finding, Severity};
use crate::i18n::Lang;
use crate::layout::Reading;
use crate::model::{Dimension, Indicator, Loc, Project};
use verdict::Verdict;

/// Rule settings, made from the config (`Config::settings`, in config.rs)
/// once it is validated; `Settings::default()` is the spec's defaults.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Per code: None = switched off, else the severity to report with.
    pub severity: HashMap<String, Option<Severity>>,
    pub required: Vec<Dimension>,
    pub vague_words: Vec<String>,
    pub money_tolerance: f64,
    pub weight_totals: Vec<f64>,
    /// Key words of the six whole-unit aspects (T006).
    pub unit: unit::UnitConfig,
    /// Ex-ante assessment weights and thresholds (A001, A002).
    pub assess: crate::assess::Scheme,
    /// The words an indicator's direction is read by (V010, monitoring, scoring).
    pub direction: crate::parse::meaning::DirectionWords,
}

impl Settings {
    /// The severity a code reports with, or None when switched off.
    pub fn severity_of(&self, code: crate::diag::Code) -> Option<Severity> {
        match self.severity.get(code.as_str()) {
            Some(s) => *s,
            None => Some(code.severity()),
        }
    }
}

/// What rules see: the reading, the settings, the language and the budget year.
pub struct Ctx<'a> {
    pub reading: &'a Reading,
    pub settings: &'a Settings,
    pub lang: Lang,
    pub year: Option<i32>,
    /// Findings so far, with the index of the target project they concern.
    pub out: Vec<(Option<usize>, Finding)>,
}

impl<'a> Ctx<'a> {
    /// Every finding of the run in an officer's order: the reading's own
    /// (S codes) and the rules', with severities as the config sets them
    /// (codes switched off dropped).
    pub fn into_findings(self) -> Vec<Finding> {
        let mut findings: Vec<Finding> = self
            .reading
            .findings
            .iter()
            .filter_map(|f| {
                self.settings.severity_of(f.code).map(|s| Finding {
                    severity: s,
                    ..f.clone()
                })
            })
            .collect();
        findings.extend(self.out.into_iter().map(|(_, f)| f));
        sort_findings(&mut findings);
        findings
    }

    /// Reports a finding about project `p` (index into the reading) at `at`.
    pub fn report(
        &mut self,
        code: crate::diag::Code,
        p: usize,
        at: Option<Loc>,
        ind: Option<&Indicator>,
        dim: Option<Dimension>,
        message: String,
    ) {
        let Some(severity) = self.settings.severity_of(code) else {
            return;
        };
        self.report_as(code, severity, p, at, ind, dim, message);
    }

    /// As [`Ctx::report`], with the severity this finding carries by its nature
    /// (M001 is a warning when yellow, an error when red); a severity set in the
    /// config still wins, and "off" still silences it.
    #[allow(clippy::too_many_arguments)]
    pub fn report_as(
        &mut self,
        code: crate::diag::Code,
        natural: Severity,
        p: usize,
        at: Option<Loc>,
        ind: Option<&Indicator>,
        dim: Option<Dimension>,
        message: String,
    ) {
        let severity = match self.settings.severity.get(code.as_str()) {
            Some(None) => return,
            Some(Some(s)) => *s,
            None => natural,
        };
        let project = &self.reading.projects[p];
        let table = self.reading.table_of(project);
        let mut f = Finding::at_file(code, severity, &table.file, message)
            .in_sheet(&table.sheet, at.map(Loc::a1));
        f.unit = project.unit.as_ref().map(|u| u.value.clone());
        f.project = Some(project.name.value.clone());
        f.project_code = project.code.as_ref().map(|c| c.value.clone());
        f.dimension = dim.or_else(|| ind.and_then(Indicator::dimension));
        f.indicator = ind.map(|i| i.name.value.clone());
        self.out.push((Some(p), f));
    }

    /// Reports a finding about an ex-ante assessment record (not a project).
    pub fn report_record(
        &mut self,
        code: crate::diag::Code,
        record: usize,
        at: Loc,
        message: String,
    ) {
        let Some(severity) = self.settings.severity_of(code) else {
            return;
        };
        let rec = &self.reading.assessments[record];
        let table = self.reading.table_of_record(rec.table);
        let mut f = Finding::at_file(code, severity, &table.file, message)
            .in_sheet(&table.sheet, Some(at.a1()));
        f.unit = rec.unit.as_ref().map(|u| u.value.clone());
        f.project = Some(rec.name.value.clone());
        f.project_code = rec.code.as_ref().map(|c| c.value.clone());
        self.out.push((None, f));
    }

    /// Indices of the projects whose targets are reviewed.
    pub fn target_projects(&self) -> Vec<usize> {
        (0..self.reading.projects.len())
            .filter(|&i| {
                self.reading
                    .table_of(&self.reading.projects[i])
                    .kind
                    .is_targets()
            })
            .collect()
    }

    /// The column of a field in a project's table (to point at an empty cell).
    pub fn column_of(&self, p: &Project, field: crate::layout::Field) -> Option<u32> {
        self.reading
            .table_of(p)
            .columns
            .iter()
            .find(|c| c.field == field)
            .map(|c| c.col)
    }
}

/// The budget year: `--year`, else the most common year in the tables' titles,
/// else the most common year of written deadlines.
pub fn budget_year(reading: &Reading, explicit: Option<i32>) -> Option<i32> {
    if explicit.is_some() {
        return explicit;
    }
    let mut counts: BTreeMap<i32, usize> = BTreeMap::new();
    for t in &reading.tables {
        if let Some(y) = &t.year {
            *counts.entry(y.value).or_default() += 1;
        }
    }
    if counts.is_empty() {
        for p in &reading.projects {
            for i in &p.indicators {
                if let Some(crate::parse::ValueKind::Deadline(d)) =
                    i.target.as_ref().map(|t| &t.value.kind)
                    && let Some(y) = d.year
                {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// Runs every check rule; returns the findings (structural ones first) and a verdict per project.
pub fn check(
    reading: &Reading,
    settings: &Settings,
    lang: Lang,
    year: Option<i32>,
) -> (Vec<Finding>, Vec<Verdict>) {
    let mut ctx = Ctx {
        reading,
        settings,
        lang,
        year,
        out: Vec::new(),
    };
    let joined = join::join(reading);
    // Each gate runs on what it needs: without a target table the target
    // rules have nothing to review (and every budget line would be T001);
    // the assessment gate still runs on assessments and budget lines.
    let has_targets = reading.tables.iter().any(|t| t.kind.is_targets());
    if has_targets {
        targets::run(&mut ctx, &joined);
        unit::run(&mut ctx);
        values::run(&mut ctx);
        budget::run(&mut ctx, &joined);
    }
    let assessed = crate::assess::assess_all(reading, &settings.assess);
    assess::run(&mut ctx, &assessed);
    let verdicts = verdicts(&ctx, &joined, has_targets);
    let findings = ctx.into_findings();
    (findings, verdicts)
}

/// Orders findings as an officer reads them: file, sheet, row, column, code.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by_cached_key(|f| {
        let (row, col) = f
            .cell
            .as_deref()
            .and_then(crate::read::parse_a1)
            .unwrap_or((0, 0));
        (f.file.clone(), f.sheet.clone(), row, col, f.code)
    });
}

fn verdicts(ctx: &Ctx, joined: &join::Joined, has_targets: bool) -> Vec<Verdict> {
    // Findings by project, gathered once: filtering all findings for each
    // project made a county of 10,000 projects take minutes.
    let mut of_project: HashMap<usize, Vec<&Finding>> = HashMap::default();
    for (q, f) in &ctx.out {
        if let Some(q) = q {
            of_project.entry(*q).or_default().push(f);
        }
    }
    let of = |p: usize| of_project.get(&p).map(Vec::as_slice).unwrap_or(&[]);
    let mut out = Vec::new();
    for p in ctx.target_projects() {
        let project = &ctx.reading.projects[p];
        let mut dimensions = BTreeMap::new();
        for i in &project.indicators {
            if let Some(d) = i.dimension() {
                *dimensions.entry(d).or_insert(0) += 1;
            }
        }
        let mut findings = BTreeMap::new();
        let mut pass = true;
        for f in of(p) {
            *findings.entry(f.code.as_str()).or_insert(0) += 1;
            pass &= f.severity != Severity::Error;
        }
        let budget = joined
            .budget_of
            .get(&p)
            .and_then(|&b| join::budget_amount(&ctx.reading.projects[b]));
        out.push(Verdict {
            project: Some(p),
            name: project.name.value.clone(),
            code: project.code.as_ref().map(|c| c.value.clone()),
            unit: project.unit.as_ref().map(|u| u.value.clone()),
            dimensions,
            pass,
            findings,
            budget,
        });
    }
    for &b in &joined.unmatched_budget {
        // Without targets a budget line is listed only for what the assessment gate found.
        if !has_targets && of(b).is_empty() {
            continue;
        }
        let project = &ctx.reading.projects[b];
        let mut findings = BTreeMap::new();
        let mut pass = true;
        for f in of(b) {
            *findings.entry(f.code.as_str()).or_insert(0) += 1;
            pass &= f.severity != Severity::Error;
        }
        out.push(Verdict {
            project: None,
            name: project.name.value.clone(),
            code: project.code.as_ref().map(|c| c.value.clone()),
            unit: project.unit.as_ref().map(|u| u.value.clone()),
            dimensions: BTreeMap::new(),
            pass,
            findings,
            budget: join::budget_amount(project),
        });
    }
    out
}
