//! Writes realistic county workbooks (青山县, budget year 2024, money in 万元) for examples, tests and benchmarks.
//!
//! ```text
//! cargo run --release --example gen_county -- county OUT_DIR
//! cargo run --release --example gen_county -- big OUT_FILE --rows N [--seed S]
//! cargo run --release --example gen_county -- units OUT_DIR --units N [--month 6] [--seed S] [--selfeval]
//! cargo run --release --example gen_county -- stray OUT_FILE
//! ```
//!
//! - `county`: the bundled example county (`examples/county/`): five targets workbooks
//!   (县教育局, 县卫生健康局, 县农业农村局, 青石镇, 白云乡), `budget_2024.xlsx`, and
//!   `DEFECTS.md` listing every deliberate defect by file, sheet, cell and finding code; and for the
//!   same projects the half-year monitoring (`execution_2024H1.xlsx` sheet `资金执行`,
//!   `monitoring_2024H1.xlsx` sheet `指标监控`) and the year-end self-evaluation
//!   (`selfeval_2024.xlsx` sheet `绩效自评`), with their own listed defects.
//! - `big`: one flat targets workbook with exactly N indicator rows (about 3 % of values spoiled).
//! - `units`: N unit workbooks (departments, townships, units under them), each with the sheets
//!   `绩效目标`, `预算`, `资金执行` and `指标监控` as of month M, for the monthly batch; with
//!   `--selfeval` also the year-end `绩效自评` (points adding up to 90 per project, stated scores,
//!   a spread of grades and about one project in ten overstating its score).
//! - `stray`: a small targets workbook plus one stray cell at XFD1048576.
//!
//! Output is deterministic: the same arguments write the same cells.

#[path = "gen_county/catalog.rs"]
mod catalog;
#[path = "gen_county/county.rs"]
mod county;
#[path = "gen_county/county_extra.rs"]
mod county_extra;
#[path = "gen_county/county_year.rs"]
mod county_year;
#[path = "gen_county/model.rs"]
mod model;
#[path = "gen_county/rng.rs"]
mod rng;
#[path = "gen_county/selfeval.rs"]
mod selfeval;
#[path = "gen_county/units.rs"]
mod units;
#[path = "gen_county/write.rs"]
mod write;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage:
  gen_county county OUT_DIR
  gen_county big OUT_FILE --rows N [--seed S]
  gen_county units OUT_DIR --units N [--month 6] [--seed S] [--selfeval]
  gen_county stray OUT_FILE";

struct Args {
    mode: String,
    out: PathBuf,
    rows: Option<usize>,
    units: Option<usize>,
    month: u32,
    seed: u64,
    selfeval: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mode = it.next().ok_or("missing mode")?;
    let out = PathBuf::from(it.next().ok_or("missing output path")?);
    let mut a = Args {
        mode,
        out,
        rows: None,
        units: None,
        month: 6,
        seed: 2024,
        selfeval: false,
    };
    while let Some(flag) = it.next() {
        if flag == "--selfeval" {
            a.selfeval = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let bad = |_| format!("{flag}: not a number: {value}");
        match flag.as_str() {
            "--rows" => a.rows = Some(value.parse().map_err(bad)?),
            "--units" => a.units = Some(value.parse().map_err(bad)?),
            "--month" => a.month = value.parse().map_err(bad)?,
            "--seed" => a.seed = value.parse().map_err(bad)?,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    if !(1..=12).contains(&a.month) {
        return Err("--month must be 1..12".into());
    }
    Ok(a)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_county: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let result = match args.mode.as_str() {
        "county" => county::run(&args.out).map_err(|e| e.to_string()),
        "big" => match args.rows {
            Some(n) if n > 0 => units::run_big(&args.out, n, args.seed)
                .map(|(p, i)| {
                    println!(
                        "wrote {} ({p} projects, {i} indicator rows)",
                        args.out.display()
                    )
                })
                .map_err(|e| e.to_string()),
            _ => Err("big needs --rows N (N > 0)".into()),
        },
        "units" => match args.units {
            Some(n) if n > 0 => units::run_units(
                &args.out,
                n,
                args.month,
                args.seed,
                args.selfeval,
            )
            .map(|(p, i)| {
                println!(
                    "wrote {n} unit workbooks to {} ({p} projects, {i} indicators, month 1-{}{})",
                    args.out.display(),
                    args.month,
                    if args.selfeval {
                        ", with 绩效自评"
                    } else {
                        ""
                    }
                )
            })
            .map_err(|e| e.to_string()),
            _ => Err("units needs --units N (N > 0)".into()),
        },
        "stray" => units::run_stray(&args.out)
            .map(|(p, i)| {
                println!(
                    "wrote {} ({p} projects, {i} indicators, stray cell at XFD1048576)",
                    args.out.display()
                )
            })
            .map_err(|e| e.to_string()),
        other => Err(format!("unknown mode {other}")),
    };
    match result {
        Ok(()) => {
            eprintln!("done in {:.2} s", start.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gen_county: {e}\n{USAGE}");
            ExitCode::FAILURE
        }
    }
}
