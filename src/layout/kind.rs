//! An indicator table's kind (targets, monitoring, self-evaluation) decided by
//! all the evidence together — title and sheet words, the header's columns,
//! a stated total — not by one required column; the evidence is kept so that
//! `perf inspect` can show why, and which kind came second.

use serde::Serialize;

use super::TableKind;
use super::fields::Field;
use super::grid::Grid;
use super::header::Header;
use crate::parse::text::header_key;

/// What pointed to a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "clue", rename_all = "snake_case")]
pub enum ClueWhat {
    /// A column of this meaning.
    Column { field: Field },
    /// A word of the title rows (or of the sheet's name).
    Word {
        word: &'static str,
        in_sheet_name: bool,
    },
    /// No column of actuals: nothing has been done yet.
    NoActualColumn,
    /// A column of the months to date (`1-6月执行情况`).
    MonthColumn { month: u32 },
    /// A stated total score (`总分` row, `自评总分：98`).
    StatedTotal,
}

/// One piece of evidence and its weight for one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Clue {
    pub kind: TableKind,
    pub weight: i32,
    #[serde(flatten)]
    pub what: ClueWhat,
}

impl Clue {
    /// The clue in words, for `perf inspect`.
    pub fn describe(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (self.what, lang) {
            (ClueWhat::Column { field }, Lang::Zh) => format!("「{}」列", field.zh()),
            (ClueWhat::Column { field }, Lang::En) => format!("a {} column", field.key()),
            (
                ClueWhat::Word {
                    word,
                    in_sheet_name,
                },
                Lang::Zh,
            ) => format!(
                "{}中的「{word}」",
                if in_sheet_name {
                    "工作表名"
                } else {
                    "标题"
                }
            ),
            (
                ClueWhat::Word {
                    word,
                    in_sheet_name,
                },
                Lang::En,
            ) => format!(
                "「{word}」 in the {}",
                if in_sheet_name { "sheet name" } else { "title" }
            ),
            (ClueWhat::NoActualColumn, Lang::Zh) => "没有实际完成值列".into(),
            (ClueWhat::NoActualColumn, Lang::En) => "no column of actuals".into(),
            (ClueWhat::MonthColumn { month }, Lang::Zh) => format!("1-{month}月的列"),
            (ClueWhat::MonthColumn { month }, Lang::En) => format!("a column of months 1-{month}"),
            (ClueWhat::StatedTotal, Lang::Zh) => "写明了总分".into(),
            (ClueWhat::StatedTotal, Lang::En) => "a stated total score".into(),
        }
    }
}

/// The kind chosen, the one that came second, and the evidence.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Decision {
    pub runner_up: Option<TableKind>,
    /// Points of the chosen kind minus those of the runner-up.
    pub margin: i32,
    pub clues: Vec<Clue>,
}

/// Words of titles and sheet names, the kind each points to and its weight.
const WORDS: &[(&str, TableKind, i32)] = &[
    ("自评", TableKind::SelfEvaluation, 3),
    ("监控", TableKind::Monitoring, 3),
    ("申报", TableKind::Targets, 2),
    ("目标表", TableKind::Targets, 2),
];

/// The kinds an indicator table can be, in the order ties are given.
const KINDS: [TableKind; 3] = [
    TableKind::SelfEvaluation,
    TableKind::Monitoring,
    TableKind::Targets,
];

/// Title words in rows `from..to` (above a header) and in the sheet's name.
pub fn title_words(grid: &Grid, from: u32, to: u32, sheet_name: &str) -> Vec<(&'static str, bool)> {
    let mut found: Vec<(&'static str, bool)> = Vec::new();
    let mut look = |text: &str, in_sheet_name: bool| {
        let key = header_key(text);
        // A paragraph (a goal, a note) is not a title.
        if key.chars().count() > 60 {
            return;
        }
        for (word, _, _) in WORDS {
            if key.contains(word) && !found.iter().any(|(w, _)| w == word) {
                found.push((word, in_sheet_name));
            }
        }
    };
    for row in grid
        .sheet
        .rows
        .iter()
        .filter(|r| r.index >= from && r.index < to)
    {
        for (_, cell) in &row.cells {
            if let Some(t) = cell.as_text() {
                look(t, false);
            }
        }
    }
    look(sheet_name, true);
    found
}

/// Decides between targets, monitoring and self-evaluation for an indicator table.
pub fn decide(
    header: &Header,
    words: &[(&'static str, bool)],
    stated_total: bool,
) -> (TableKind, Decision) {
    let mut clues = Vec::new();
    let mut add = |kind, weight, what| clues.push(Clue { kind, weight, what });
    let has = |f: Field| header.has(f);
    let column = |field| ClueWhat::Column { field };
    if has(Field::Score) {
        add(TableKind::SelfEvaluation, 4, column(Field::Score));
    }
    if has(Field::TotalScore) {
        add(TableKind::SelfEvaluation, 2, column(Field::TotalScore));
    }
    if has(Field::Actual) {
        add(TableKind::Monitoring, 2, column(Field::Actual));
        add(TableKind::SelfEvaluation, 1, column(Field::Actual));
        // Points beside actuals (分值 + 实际完成值): scored at year end.
        if has(Field::Weight) {
            add(TableKind::SelfEvaluation, 2, column(Field::Weight));
        }
    } else {
        add(TableKind::Targets, 5, ClueWhat::NoActualColumn);
    }
    if has(Field::Forecast) {
        add(TableKind::Monitoring, 2, column(Field::Forecast));
    }
    if let Some(c) = header
        .columns
        .iter()
        .find(|c| matches!(c.field, Field::Possibility(_)))
    {
        add(TableKind::Monitoring, 2, column(c.field));
    }
    match header.month {
        Some(12) => add(
            TableKind::SelfEvaluation,
            1,
            ClueWhat::MonthColumn { month: 12 },
        ),
        Some(month) => add(TableKind::Monitoring, 2, ClueWhat::MonthColumn { month }),
        None => {}
    }
    if stated_total {
        add(TableKind::SelfEvaluation, 2, ClueWhat::StatedTotal);
    }
    for &(word, in_sheet_name) in words {
        if let Some((_, kind, weight)) = WORDS.iter().find(|(w, _, _)| *w == word) {
            add(
                *kind,
                *weight,
                ClueWhat::Word {
                    word,
                    in_sheet_name,
                },
            );
        }
    }
    let points =
        |k: TableKind| -> i32 { clues.iter().filter(|c| c.kind == k).map(|c| c.weight).sum() };
    let mut ranked: Vec<(TableKind, i32)> = KINDS.iter().map(|&k| (k, points(k))).collect();
    // Stable: equal points keep the order of KINDS.
    ranked.sort_by_key(|&(_, p)| std::cmp::Reverse(p));
    let (kind, best) = ranked[0];
    let (second, next) = ranked[1];
    (
        kind,
        Decision {
            runner_up: (next > 0).then_some(second),
            margin: best - next,
            clues,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::header::Column;

    fn header(fields: &[Field], month: Option<u32>) -> Header {
        Header {
            first_row: 0,
            last_row: 0,
            columns: fields
                .iter()
                .enumerate()
                .map(|(i, &field)| Column {
                    col: i as u32,
                    field,
                    header: String::new(),
                })
                .collect(),
            month,
            money_unit: None,
        }
    }

    const NAMES: [Field; 3] = [Field::Level1, Field::Level3, Field::Target];

    fn kind(
        extra: &[Field],
        month: Option<u32>,
        words: &[(&'static str, bool)],
        total: bool,
    ) -> TableKind {
        let fields: Vec<Field> = NAMES.iter().chain(extra).copied().collect();
        decide(&header(&fields, month), words, total).0
    }

    #[test]
    fn points_and_actuals_without_a_score_column_are_a_self_evaluation() {
        assert_eq!(
            kind(&[Field::Actual, Field::Weight], None, &[], false),
            TableKind::SelfEvaluation
        );
        // Near miss: actuals alone are monitoring, as they always were.
        assert_eq!(
            kind(&[Field::Actual], None, &[], false),
            TableKind::Monitoring
        );
    }

    #[test]
    fn titles_and_stated_totals_weigh_in() {
        assert_eq!(
            kind(&[Field::Actual], None, &[("自评", false)], false),
            TableKind::SelfEvaluation
        );
        assert_eq!(
            kind(&[Field::Actual], None, &[], true),
            TableKind::SelfEvaluation
        );
        // A monitoring title and a month beat a stated total.
        assert_eq!(
            kind(&[Field::Actual], Some(6), &[("监控", false)], true),
            TableKind::Monitoring
        );
    }

    #[test]
    fn without_actuals_it_is_a_target_table_whatever_the_title() {
        assert_eq!(
            kind(&[], None, &[("自评", true)], false),
            TableKind::Targets
        );
        let (_, d) = decide(&header(&NAMES, None), &[("自评", true)], false);
        assert_eq!(d.runner_up, Some(TableKind::SelfEvaluation));
        assert_eq!(d.margin, 2);
    }

    #[test]
    fn a_score_column_makes_a_self_evaluation_and_says_why() {
        let (k, d) = decide(
            &header(
                &[Field::Level3, Field::Target, Field::Actual, Field::Score],
                None,
            ),
            &[],
            false,
        );
        assert_eq!(k, TableKind::SelfEvaluation);
        assert_eq!(d.runner_up, Some(TableKind::Monitoring));
        assert!(d.clues.iter().any(|c| c.what
            == ClueWhat::Column {
                field: Field::Score
            }));
    }
}
