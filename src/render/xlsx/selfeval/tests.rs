//! Tests of the self-evaluation workbook (compiled only under #[cfg(test)]): the sample forms scored, written, read back.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::*;
use crate::config::Config;
use crate::diag::Finding;
use crate::evaluate::Scheme;
use crate::evaluate::apply::Use;
use crate::evaluate::score::score;
use crate::layout::{HeaderDict, Reading};
use crate::rules::Ctx;

const WATER: &str = "tests/fixtures/official-forms/evaluate_rural_water.xml";
const SCHOOL: &str = "tests/fixtures/official-forms/evaluate_after_school.xlsx";

fn root(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The inputs as `perf evaluate` reads them; `tamper` may change what the unit stated.
fn reading(lang: Lang, tamper: impl Fn(&mut Reading)) -> (Vec<Book>, Reading) {
    let books: Vec<Book> = [WATER, SCHOOL]
        .iter()
        .map(|p| crate::read::load(&root(p)).unwrap())
        .collect();
    let mut reading = Reading::default();
    for b in &books {
        reading.add(b, &HeaderDict::default(), lang);
    }
    tamper(&mut reading);
    (books, reading)
}

/// Scores every self-evaluation project and runs the E rules, as `perf evaluate` does.
fn evaluate(reading: &Reading, lang: Lang) -> (Vec<Evaluated>, Vec<Finding>) {
    let scheme = Scheme::default();
    let settings = Config::default().settings();
    let mut ctx = Ctx {
        reading,
        settings: &settings,
        lang,
        year: Some(2024),
        out: Vec::new(),
    };
    let mut results = Vec::new();
    for (p, project) in reading.projects.iter().enumerate() {
        if reading.table_of(project).kind != TableKind::SelfEvaluation {
            continue;
        }
        let scored = score(project, &scheme, 2024);
        let how = crate::evaluate::apply::Application::default();
        crate::rules::evaluate::run(&mut ctx, p, &scored, &scheme, false, &how);
        let usage = Use::of(scored.grade, false, scored.judged, &how);
        results.push(Evaluated {
            project: p,
            scored,
            expiring: false,
            usage,
            next_budget: Some(250.0),
            affected: None,
        });
    }
    let mut findings: Vec<Finding> = ctx.out.into_iter().map(|(_, f)| f).collect();
    crate::rules::sort_findings(&mut findings);
    (results, findings)
}

/// The water project states 90 points in all (87.75 recomputed) and 13.25
/// for its first indicator (11.25 recomputed).
fn overstate(r: &mut Reading) {
    let p = r
        .projects
        .iter_mut()
        .find(|p| p.name.value == "农村饮水工程维修养护")
        .unwrap();
    p.stated_total.as_mut().unwrap().value = 90.0;
    p.indicators[0].stated_score.as_mut().unwrap().value = 13.25;
}

fn written(lang: Lang, tamper: impl Fn(&mut Reading)) -> (tempfile::TempDir, PathBuf) {
    let (books, reading) = reading(lang, tamper);
    let (results, findings) = evaluate(&reading, lang);
    let report = Report {
        reading: &reading,
        results: &results,
        findings: &findings,
        year: 2024,
        lang,
        application: crate::evaluate::apply::Application::default(),
    };
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("自评.xlsx");
    write(&out, &report, &books).unwrap();
    (dir, out)
}

fn zip_text(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn row_of(range: &calamine::Range<Data>, col: usize, text: &str) -> usize {
    (0..range.height())
        .find(|r| range.get((*r, col)) == Some(&Data::String(text.into())))
        .unwrap_or_else(|| panic!("no row with {text}"))
}

fn float(range: &calamine::Range<Data>, at: (usize, usize)) -> f64 {
    match range.get(at) {
        Some(Data::Float(v)) => *v,
        other => panic!("{at:?}: {other:?}"),
    }
}

/// The fill (ARGB) of `cell` on sheet `n` (1-based), from the styles.
fn fill_of(out: &Path, n: usize, cell: &str) -> String {
    let sheet = zip_text(out, &format!("xl/worksheets/sheet{n}.xml"));
    let styles = zip_text(out, "xl/styles.xml");
    let at = sheet.find(&format!(r#"<c r="{cell}""#)).unwrap();
    let rest = &sheet[at..];
    let s = rest.find(" s=\"").unwrap() + 4;
    let xf: usize = rest[s..s + rest[s..].find('"').unwrap()].parse().unwrap();
    let xfs = styles.split("<cellXfs").nth(1).unwrap();
    let xf = xfs.split("<xf ").nth(xf + 1).unwrap();
    let id: usize = xf.split("fillId=\"").nth(1).unwrap()[..]
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    styles.split("<fill>").nth(id + 1).unwrap().to_string()
}

#[test]
fn summary_rows_grades_and_scores() {
    let (_dir, out) = written(Lang::Zh, |_| {});
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        xlsx.sheet_names(),
        vec![
            "自评汇总",
            "指标得分",
            "问题清单",
            "evaluate_rural_water-自评表",
            "evaluate_after_school-自评表"
        ]
    );
    let s = xlsx.worksheet_range("自评汇总").unwrap();
    assert!(
        s.get((1, 0))
            .unwrap()
            .to_string()
            .starts_with("2024年度绩效自评复算")
    );
    assert_eq!(s.get((2, 7)), Some(&Data::String("复算总分".into())));
    assert_eq!(
        s.get((2, 12)),
        Some(&Data::String("下年预算\n（万元）".into()))
    );
    let r = row_of(&s, 2, "农村饮水工程维修养护");
    assert_eq!(s.get((r, 0)), Some(&Data::String("青山县水利局".into())));
    assert_eq!(float(&s, (r, 3)), 262.8);
    assert!((float(&s, (r, 5)) - 0.75).abs() < 1e-9);
    assert!((float(&s, (r, 6)) - 7.5).abs() < 1e-9);
    assert!((float(&s, (r, 7)) - 87.75).abs() < 1e-9);
    assert_eq!(float(&s, (r, 8)), 87.75);
    assert_eq!(float(&s, (r, 9)), 0.0);
    assert_eq!(s.get((r, 10)), Some(&Data::String("良".into())));
    assert_eq!(s.get((r, 11)), Some(&Data::String("保持".into())));
    assert_eq!(float(&s, (r, 12)), 250.0);
    let school = row_of(&s, 2, "中小学课后服务");
    assert_eq!(s.get((school, 10)), Some(&Data::String("优".into())));
    // 良 light green, 优 green; the difference unfilled.
    assert!(fill_of(&out, 1, &format!("K{}", r + 1)).contains("FFE2EFDA"));
    assert!(fill_of(&out, 1, &format!("K{}", school + 1)).contains("FFC6EFCE"));
    assert!(!fill_of(&out, 1, &format!("J{}", r + 1)).contains("FFFF"));

    let scores = xlsx.worksheet_range("指标得分").unwrap();
    let r = row_of(&scores, 3, "维修养护农村供水工程");
    assert_eq!(scores.get((r, 4)), Some(&Data::String("≥120处".into())));
    assert_eq!(scores.get((r, 5)), Some(&Data::String("90处".into())));
    assert_eq!(float(&scores, (r, 6)), 15.0);
    assert!((float(&scores, (r, 7)) - 11.25).abs() < 1e-9);
    assert_eq!(float(&scores, (r, 8)), 11.25);
    let xml = zip_text(&out, "xl/worksheets/sheet1.xml");
    assert!(
        xml.contains(r#"location="'evaluate_rural_water-自评表'!C4""#),
        "projects link to their form: {xml}"
    );
}

#[test]
fn overstated_scores_are_red_and_noted_on_the_form() {
    let (_dir, out) = written(Lang::Zh, overstate);
    let mut xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    let s = xlsx.worksheet_range("自评汇总").unwrap();
    let r = row_of(&s, 2, "农村饮水工程维修养护");
    assert_eq!(float(&s, (r, 9)), 2.25);
    assert!(fill_of(&out, 1, &format!("J{}", r + 1)).contains("FFFFC7CE"));

    let scores = xlsx.worksheet_range("指标得分").unwrap();
    let r = row_of(&scores, 3, "维修养护农村供水工程");
    assert_eq!(float(&scores, (r, 9)), 2.0);
    assert!(fill_of(&out, 2, &format!("J{}", r + 1)).contains("FFFFC7CE"));

    let list = xlsx.worksheet_range("问题清单").unwrap();
    assert!(
        (2..list.height()).any(|r| list.get((r, 0)) == Some(&Data::String("E003".into()))),
        "E003 listed"
    );
    let notes = zip_text(&out, "xl/comments1.xml");
    assert!(notes.contains("E003 错误"), "{notes}");
    assert!(
        notes.contains("复算总分87.75分，等级“良”（自评90.00分，差额+2.25）"),
        "{notes}"
    );
    assert!(
        notes.contains("复算得分11.25分（自评13.25分，差额+2.00）"),
        "{notes}"
    );
    // The other form states what it scores: only its total is noted, unfilled.
    let notes = zip_text(&out, "xl/comments2.xml");
    assert_eq!(notes.matches("<comment ").count(), 1, "{notes}");
    assert!(notes.contains("复算总分98.67分，等级“优”"), "{notes}");
}

#[test]
fn english_names_and_refusing_an_input() {
    let (_dir, out) = written(Lang::En, |_| {});
    let xlsx: Xlsx<_> = open_workbook(&out).unwrap();
    assert_eq!(
        &xlsx.sheet_names()[..3],
        ["Summary", "Indicator scores", "Findings"]
    );

    let (books, reading) = reading(Lang::Zh, |_| {});
    let (results, findings) = evaluate(&reading, Lang::Zh);
    let report = Report {
        reading: &reading,
        results: &results,
        findings: &findings,
        year: 2024,
        lang: Lang::Zh,
        application: crate::evaluate::apply::Application::default(),
    };
    let err = write(&root(SCHOOL), &report, &books).unwrap_err();
    assert!(err.to_string().contains("与输入文件相同"), "{err}");
}
