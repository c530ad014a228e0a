//! The value parser on any text: target values, operators, amounts, rates, done-texts.
#![no_main]

use libfuzzer_sys::fuzz_target;
use perf::model::cell::Cell;
use perf::parse::{self, MoneyUnit};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let parsed = parse::parse_value(&text);
    let _ = parsed.display();
    let _ = parsed.is_quantified();
    let _ = parse::value::parse_operator(&text);
    let _ = parse::value::is_done_text(&text);
    let _ = parse::parse_amount(&text, MoneyUnit::Yuan);
    let _ = parse::parse_amount(&text, MoneyUnit::Wan);
    let _ = parse::parse_rate(&Cell::Text(text.to_string()));
    let _ = parse::find_vague(&text, parse::default_vague_words());
    let _ = parse::text::header_key(&text);
    if data.len() >= 8 {
        let v = f64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8]));
        let _ = parse::value::parse_cell(&Cell::Number(v));
        let unit: String = text.chars().skip(8).collect();
        let _ = parse::value::normalize_unit(v, &unit);
    }
});
