//! Which format a file really is, judged from its bytes (a `.xls` may be XML, a `.xlsx` a Word file).

use std::io::{Cursor, Read};

use super::error::ReadError;
use super::spreadsheetml::looks_like_spreadsheetml;

/// The formats perf reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Xlsb,
    Xls,
    Ods,
    #[serde(rename = "spreadsheetml")]
    SpreadsheetMl,
    Csv,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Xlsb => "xlsb",
            Format::Xls => "xls",
            Format::Ods => "ods",
            Format::SpreadsheetMl => "SpreadsheetML",
            Format::Csv => "csv",
        }
    }
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Decides the format from the content; `ext` (lower case, no dot) only
/// breaks the tie for plain text, which is CSV when named so or when it has
/// no spreadsheet extension.
pub fn detect(bytes: &[u8], ext: &str) -> Result<Format, ReadError> {
    if bytes.is_empty() {
        return Err(ReadError::Empty);
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return detect_zip(bytes);
    }
    if bytes.starts_with(CFB_MAGIC) {
        return detect_cfb(bytes);
    }
    if looks_like_spreadsheetml(bytes) {
        return Ok(Format::SpreadsheetMl);
    }
    let head = &bytes[..bytes.len().min(8192)];
    let texty = !head.contains(&0);
    let spreadsheet_ext = matches!(ext, "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "xml" | "et");
    if texty && !spreadsheet_ext {
        return Ok(Format::Csv);
    }
    Err(ReadError::NotSpreadsheet)
}

fn detect_zip(bytes: &[u8]) -> Result<Format, ReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| ReadError::Corrupt(format!("zip: {e}")))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok())
        .map(|n| n.into_owned())
        .collect();
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    if has("xl/workbook.xml") {
        return Ok(Format::Xlsx);
    }
    if has("xl/workbook.bin") {
        return Ok(Format::Xlsb);
    }
    if has("mimetype") {
        let mut kind = String::new();
        if let Ok(mut f) = zip.by_name("mimetype") {
            // A mimetype entry is a few dozen bytes; cap the read all the same.
            let _ = f.by_ref().take(200).read_to_string(&mut kind);
        }
        if kind.contains("opendocument.spreadsheet") {
            return Ok(Format::Ods);
        }
        if kind.contains("opendocument.text") {
            return Err(ReadError::WordDocument);
        }
    }
    if has("content.xml") && !has("word/document.xml") {
        return Ok(Format::Ods);
    }
    if has("word/document.xml") {
        return Err(ReadError::WordDocument);
    }
    Err(ReadError::NotSpreadsheet)
}

/// An OLE compound file is a BIFF .xls, an encrypted OOXML workbook, or a
/// Word document; directory entry names (UTF-16LE) tell them apart.
fn detect_cfb(bytes: &[u8]) -> Result<Format, ReadError> {
    if contains_utf16(bytes, "EncryptedPackage") {
        return Err(ReadError::Encrypted);
    }
    if contains_utf16(bytes, "WordDocument") {
        return Err(ReadError::WordDocument);
    }
    Ok(Format::Xls)
}

fn contains_utf16(hay: &[u8], needle: &str) -> bool {
    let n: Vec<u8> = needle
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    hay.windows(n.len()).any(|w| w == n.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_random_bytes_are_refused() {
        assert_eq!(detect(b"", "xlsx"), Err(ReadError::Empty));
        assert_eq!(
            detect(&[0u8, 1, 2, 3, 255, 0], "xlsx"),
            Err(ReadError::NotSpreadsheet)
        );
        assert_eq!(detect(b"hello", "xlsx"), Err(ReadError::NotSpreadsheet));
    }

    #[test]
    fn text_named_csv_is_csv() {
        assert_eq!(
            detect("项目名称,指标值\n".as_bytes(), "csv"),
            Ok(Format::Csv)
        );
    }

    #[test]
    fn truncated_zip_is_corrupt() {
        assert!(matches!(
            detect(b"PK\x03\x04garbage", "xlsx"),
            Err(ReadError::Corrupt(_))
        ));
    }
}
