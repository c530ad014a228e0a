//! Tick boxes and the notes of scoring forms, pure: `☑予以支持 □不予支持`,
//! `优□良☑中□差□`, `优、良、中、差分别按分值的100%、80%、60%、40%计分`,
//! `80分（含）以上予以支持`.

use super::text::header_key;

/// Marks of a ticked box, before or after its words.
pub const TICKS: &[char] = &['☑', '√', '■', '●', '▇', '✔', '✓', '☒', '▣'];
/// Marks of an empty box.
pub const BOXES: &[char] = &['□', '☐', '○', '◻'];

/// What a tick-box line says.
#[derive(Debug, Clone, PartialEq)]
pub enum Ticked {
    /// No boxes or ticks: plain text.
    NoBoxes,
    /// Boxes, but none (or more than one) ticked.
    None,
    /// The one ticked option's words.
    One(String),
}

fn is_mark(c: char) -> bool {
    TICKS.contains(&c) || BOXES.contains(&c)
}

/// The options of a tick-box line (each with whether its box is ticked), and all its words.
type Options = (Vec<(bool, String)>, Vec<String>);

/// The words of a tick-box line, each with whether its box is ticked; None
/// when the line has no boxes. A mark belongs to the words after it when
/// the line starts with a mark, else to the words before it.
fn options(text: &str) -> Option<Options> {
    if !text.chars().any(is_mark) {
        return None;
    }
    enum Token {
        Mark(bool),
        Word(String),
    }
    let mut tokens: Vec<Token> = Vec::new();
    for c in text.chars() {
        if is_mark(c) {
            tokens.push(Token::Mark(TICKS.contains(&c)));
        } else if c.is_whitespace() || matches!(c, '，' | ',' | '；' | ';' | '、') {
            tokens.push(Token::Word(String::new()));
        } else if let Some(Token::Word(w)) = tokens.last_mut() {
            w.push(c);
        } else {
            tokens.push(Token::Word(c.to_string()));
        }
    }
    tokens.retain(|t| !matches!(t, Token::Word(w) if w.is_empty()));
    let marks_first = matches!(tokens.first(), Some(Token::Mark(_)));
    let mut out: Vec<(bool, String)> = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Token::Mark(ticked) = t else { continue };
        let neighbour = if marks_first {
            tokens.get(i + 1)
        } else {
            i.checked_sub(1).and_then(|j| tokens.get(j))
        };
        if let Some(Token::Word(w)) = neighbour {
            out.push((*ticked, w.clone()));
        }
    }
    let words = tokens
        .into_iter()
        .filter_map(|t| match t {
            Token::Word(w) => Some(w),
            Token::Mark(_) => None,
        })
        .collect();
    Some((out, words))
}

/// The ticked option of a line of boxes: `☑予以支持 □调整完善后予以支持 □不予支持`
/// or `予以支持√ 调整完善后予以支持□`.
pub fn ticked(text: &str) -> Ticked {
    let Some((options, _)) = options(text) else {
        return Ticked::NoBoxes;
    };
    let chosen: Vec<&String> = options
        .iter()
        .filter(|(t, w)| *t && !w.is_empty())
        .map(|(_, w)| w)
        .collect();
    match chosen.as_slice() {
        [one] => Ticked::One((*one).clone()),
        _ => Ticked::None,
    }
}

/// The four bands of an item ticked on a 审核表, best first.
pub const BANDS: [&str; 4] = ["优", "良", "中", "差"];

/// The band a rating word names (0 优 … 3 差), with the points written beside
/// it (`优(5分)` → (0, Some(5))).
fn band_of(word: &str) -> Option<(usize, Option<f64>)> {
    let k = header_key(word);
    let label: String = k
        .chars()
        .take_while(|c| !c.is_ascii_digit() && !"(（:：".contains(*c))
        .collect();
    let band = match label.as_str() {
        "优" | "优秀" | "好" | "A" => 0,
        "良" | "良好" | "较好" | "B" => 1,
        "中" | "中等" | "一般" | "C" => 2,
        "差" | "较差" | "D" => 3,
        _ => return None,
    };
    let rest = &k[label.len()..];
    let number: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Some((band, number.parse().ok()))
}

/// A rating item's tick-box cell (`优□良☑中□差□`, `☑优 □良 □中 □差`,
/// `优(5分)□良(4分)☑…`): every word a rating, at least two of them.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingBoxes {
    /// The one band ticked (0 优 … 3 差); None when none or several are ticked.
    pub ticked: Option<usize>,
    /// The points the ticked option states (`良(4分)`), when it states them.
    pub points: Option<f64>,
}

/// Reads a cell as a rating item's tick boxes; None when it is not one.
pub fn rating_boxes(text: &str) -> Option<RatingBoxes> {
    let (options, words) = options(text)?;
    let bands: Vec<(usize, Option<f64>)> =
        words.iter().map(|w| band_of(w)).collect::<Option<_>>()?;
    if bands.len() < 2 {
        return None;
    }
    let chosen: Vec<(usize, Option<f64>)> = options
        .iter()
        .filter(|(t, _)| *t)
        .filter_map(|(_, w)| band_of(w))
        .collect();
    Some(match chosen.as_slice() {
        [(band, points)] => RatingBoxes {
            ticked: Some(*band),
            points: *points,
        },
        _ => RatingBoxes {
            ticked: None,
            points: None,
        },
    })
}

/// Numbers in `key` with the character that follows each (`%`, `分` …).
fn numbers(key: &str) -> Vec<(f64, Option<char>)> {
    let mut out = Vec::new();
    let mut chars = key.chars().peekable();
    let mut current = String::new();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
            current.push(c);
            if chars
                .peek()
                .is_none_or(|n| !(n.is_ascii_digit() || *n == '.'))
            {
                if let Ok(v) = current.trim_end_matches('.').parse() {
                    out.push((v, chars.peek().copied()));
                }
                current.clear();
            }
        }
    }
    out
}

/// The shares of an item's points that 优, 良, 中 and 差 earn, as a form's
/// note states them: `优、良、中、差分别按分值的100%、80%、60%、40%计分`, or
/// four points in order (`优5分、良4分、中3分、差2分`, shares of the first).
pub fn stated_shares(text: &str) -> Option<[f64; 4]> {
    let k = header_key(text);
    if !BANDS.iter().all(|b| k.contains(b)) {
        return None;
    }
    let all = numbers(&k);
    let pick = |unit: char| -> Vec<f64> {
        all.iter()
            .filter(|(_, next)| *next == Some(unit))
            .map(|(v, _)| *v)
            .collect()
    };
    let descending = |v: &[f64]| v.len() == 4 && v.windows(2).all(|w| w[0] > w[1]) && v[3] >= 0.0;
    let percent = pick('%');
    if descending(&percent) && percent[0] <= 100.0 {
        return Some([
            percent[0] / 100.0,
            percent[1] / 100.0,
            percent[2] / 100.0,
            percent[3] / 100.0,
        ]);
    }
    let points = pick('分');
    if descending(&points) && points[0] > 0.0 {
        let top = points[0];
        return Some([1.0, points[1] / top, points[2] / top, points[3] / top]);
    }
    None
}

/// The conclusion thresholds a form's note states: the lowest total for 予以支持
/// and for 调整完善后予以支持, each when stated.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Thresholds {
    pub support_from: Option<f64>,
    pub adjust_from: Option<f64>,
}

/// Which conclusion a phrase of a note names.
#[derive(Clone, Copy, PartialEq)]
enum Phrase {
    Support,
    Adjust,
    Reject,
}

const PHRASES: &[(&str, Phrase)] = &[
    ("调整完善后予以支持", Phrase::Adjust),
    ("调整后予以支持", Phrase::Adjust),
    ("完善后予以支持", Phrase::Adjust),
    ("部分支持", Phrase::Adjust),
    ("有条件支持", Phrase::Adjust),
    ("不予支持", Phrase::Reject),
    ("不予以支持", Phrase::Reject),
    ("不建议支持", Phrase::Reject),
    ("予以支持", Phrase::Support),
    ("建议支持", Phrase::Support),
];

/// Reads `80分（含）以上予以支持，60分（含）至80分调整完善后予以支持，60分以下不予支持`
/// (or any part of it). A total followed by a conclusion (`综合得分85分，予以支持`)
/// states no threshold: a bound needs 以上 / 含 / 至 / 以下 or the like.
pub fn stated_thresholds(text: &str) -> Option<Thresholds> {
    let k = header_key(text);
    if !k.contains('分') {
        return None;
    }
    // The phrases in order, each with the text since the previous one.
    let mut found: Vec<(Phrase, &str)> = Vec::new();
    let mut last_end = 0;
    let mut i = 0;
    while i < k.len() {
        if let Some((p, phrase)) = PHRASES
            .iter()
            .find(|(p, _)| k[i..].starts_with(p))
            .map(|(p, ph)| (*ph, *p))
        {
            found.push((p, &k[last_end..i]));
            i += phrase.len();
            last_end = i;
        } else {
            i += k[i..].chars().next().map_or(1, char::len_utf8);
        }
    }
    let mut t = Thresholds {
        support_from: None,
        adjust_from: None,
    };
    let mut reject_below = None;
    for (phrase, before) in found {
        // The last clause before the phrase that holds a number.
        let Some(clause) = before
            .split(['，', ',', '；', ';', '。', '：', ':'])
            .rev()
            .find(|c| c.chars().any(|ch| ch.is_ascii_digit()))
        else {
            continue;
        };
        let values: Vec<f64> = numbers(clause).into_iter().map(|(v, _)| v).collect();
        let Some(&first) = values.first() else {
            continue;
        };
        let has = |words: &[&str]| words.iter().any(|w| clause.contains(w));
        let range = values.len() >= 2 && has(&["至", "-", "~", "—", "–", "到"]);
        let lower = if range {
            values.iter().copied().fold(f64::INFINITY, f64::min)
        } else {
            first
        };
        match phrase {
            Phrase::Support | Phrase::Adjust
                if range || has(&["以上", "含", "≥", ">=", "不低于", "达到", "及以上"]) =>
            {
                let slot = if phrase == Phrase::Support {
                    &mut t.support_from
                } else {
                    &mut t.adjust_from
                };
                slot.get_or_insert(lower);
            }
            Phrase::Reject if has(&["以下", "低于", "不足", "<", "不到", "未达到"]) => {
                reject_below.get_or_insert(first);
            }
            _ => {}
        }
    }
    t.adjust_from = t.adjust_from.or(reject_below);
    let ok = |v: Option<f64>| v.is_none_or(|x| (0.0..=100.0).contains(&x));
    let ordered = match (t.adjust_from, t.support_from) {
        (Some(a), Some(s)) => a <= s,
        _ => true,
    };
    (ok(t.support_from)
        && ok(t.adjust_from)
        && ordered
        && (t.support_from.is_some() || t.adjust_from.is_some()))
    .then_some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rating_boxes_give_the_ticked_band() {
        let r = |t: &str| rating_boxes(t).map(|b| (b.ticked, b.points));
        assert_eq!(r("优□良☑中□差□"), Some((Some(1), None)));
        assert_eq!(r("☑优 □良 □中 □差"), Some((Some(0), None)));
        assert_eq!(r("优√ 良□ 中□ 差□"), Some((Some(0), None)));
        assert_eq!(r("优■良□中□差□"), Some((Some(0), None)));
        assert_eq!(r("优□良□中●差□"), Some((Some(2), None)));
        assert_eq!(
            r("优(5分)□良(4分)☑中(3分)□差(1分)□"),
            Some((Some(1), Some(4.0)))
        );
        // Near misses: nothing ticked, two ticked, or not ratings at all.
        assert_eq!(r("优□良□中□差□"), Some((None, None)));
        assert_eq!(r("优☑良☑中□差□"), Some((None, None)));
        assert_eq!(r("☑予以支持 □不予支持"), None);
        assert_eq!(r("优良中差"), None);
    }

    #[test]
    fn shares_as_a_form_states_them() {
        assert_eq!(
            stated_shares("注：优、良、中、差分别按该项分值的100%、80%、60%、40%计分"),
            Some([1.0, 0.8, 0.6, 0.4])
        );
        assert_eq!(
            stated_shares("优5分、良4分、中3分、差2分"),
            Some([1.0, 0.8, 0.6, 0.4])
        );
        assert_eq!(
            stated_shares("优得满分，良得90%，中得70%，差得50%"),
            None,
            "three shares are not four"
        );
        assert_eq!(stated_shares("评分标准：100%、80%、60%、40%"), None);
    }

    #[test]
    fn thresholds_as_a_note_states_them() {
        let t = |s: &str| stated_thresholds(s).map(|t| (t.support_from, t.adjust_from));
        assert_eq!(t("80分（含）以上予以支持"), Some((Some(80.0), None)));
        assert_eq!(
            t(
                "评估得分80分（含）以上予以支持，60分（含）至80分调整完善后予以支持，60分以下不予支持。"
            ),
            Some((Some(80.0), Some(60.0)))
        );
        assert_eq!(
            t("评估得分85分以上（含85分）的，评估结论为“予以支持”；70-85分的为“部分支持”"),
            Some((Some(85.0), Some(70.0)))
        );
        assert_eq!(
            t("满分100分，75分以上予以支持，低于50分不予支持"),
            Some((Some(75.0), Some(50.0)))
        );
        // Near misses: a total with its conclusion is no threshold; no number, no threshold.
        assert_eq!(t("综合得分85分，予以支持"), None);
        assert_eq!(t("予以支持"), None);
        assert_eq!(t("60分以上予以支持，80分以上调整完善后予以支持"), None);
    }
}
