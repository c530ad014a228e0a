//! Figures as messages and tables show them: money in 万元, rates as percentages.

/// Money in 万元 with two decimals and thousands separators: `35,612.40`.
pub fn money(v: f64) -> String {
    let s = format!("{:.2}", v.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let sign = if v < 0.0 && s != "0.00" { "-" } else { "" };
    format!("{sign}{grouped}.{frac}")
}

/// A rate (0–1) as a percentage with one decimal: `39.9%`.
pub fn percent(v: f64) -> String {
    format!("{:.1}%", v * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_percent_formats() {
        assert_eq!(money(35612.4), "35,612.40");
        assert_eq!(money(980.0), "980.00");
        assert_eq!(money(-1234567.891), "-1,234,567.89");
        assert_eq!(money(-0.001), "0.00");
        assert_eq!(percent(0.399), "39.9%");
    }
}
