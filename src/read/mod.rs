//! Workbook readers: every format that arrives → sparse sheets of cells.

pub mod calamine_io;
pub mod cfb_check;
pub mod csv;
pub mod detect;
pub mod error;
pub mod guard;
pub mod limits;
pub mod ods_check;
pub mod sheet;
pub mod spreadsheetml;
pub mod xlsx;

use std::io::Read;
use std::path::{Path, PathBuf};

pub use detect::Format;
pub use error::ReadError;
pub use sheet::{Cell, Merge, Row, Sheet, a1, column_name, parse_a1};

/// A workbook as read: where it came from, what it was, and its sheets.
#[derive(Debug, Clone)]
pub struct Workbook {
    pub path: PathBuf,
    pub format: Format,
    /// For CSV: the text encoding found (`UTF-8`, `GB18030` …).
    pub encoding: Option<&'static str>,
    pub sheets: Vec<Sheet>,
}

/// Asked with the first rows of a sheet: true when the rest need not be
/// read, because the command does not judge the table the sheet begins with.
/// Only .xlsx/.xlsm sheets are cut short; other formats are read whole.
pub type Skip<'a> = &'a (dyn Fn(&Sheet) -> bool + Sync);

/// Reads a workbook of any supported format, deciding the format by content.
pub fn load(path: &Path) -> Result<Workbook, ReadError> {
    load_skipping(path, None)
}

/// As [`load`], reading only the first rows of sheets that `skip` turns down.
pub fn load_skipping(path: &Path, skip: Option<Skip>) -> Result<Workbook, ReadError> {
    let bytes = read_bytes(path)?;
    load_bytes_skipping(path, &bytes, skip)
}

/// Reads a file's bytes, turning I/O failures into the officer's words.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(&e))?;
    if meta.is_dir() {
        return Err(ReadError::IsDir);
    }
    // A pipe or a device (`/dev/zero`, a FIFO) would block or never end.
    if !meta.is_file() {
        return Err(ReadError::NotAFile);
    }
    limits::check_file_size(meta.len())?;
    // Sized from the metadata: growing by doubling would copy a big file
    // several times over and touch twice its memory.
    let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
    // The file may grow between the size check and the read: read one byte
    // past the limit at most, and refuse then.
    std::fs::File::open(path)
        .and_then(|f| f.take(limits::MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_error(&e))?;
    limits::check_file_size(bytes.len() as u64)?;
    Ok(bytes)
}

fn io_error(e: &std::io::Error) -> ReadError {
    match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound,
        std::io::ErrorKind::IsADirectory => ReadError::IsDir,
        std::io::ErrorKind::PermissionDenied => {
            ReadError::Io("没有读取权限 / permission denied".into())
        }
        _ => ReadError::Io(e.to_string()),
    }
}

/// Reads a workbook already in memory; `path` names it and gives the CSV sheet name.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Workbook, ReadError> {
    load_bytes_skipping(path, bytes, None)
}

/// As [`load_bytes`], reading only the first rows of sheets that `skip` turns down.
pub fn load_bytes_skipping(
    path: &Path,
    bytes: &[u8],
    skip: Option<Skip>,
) -> Result<Workbook, ReadError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let format = detect::detect(bytes, &ext)?;
    match format {
        Format::Xlsx | Format::Xlsb => limits::check_zip(bytes)?,
        Format::Ods => {
            limits::check_zip(bytes)?;
            ods_check::check_ods(bytes)?;
        }
        Format::Xls => cfb_check::check_cfb(bytes)?,
        Format::SpreadsheetMl | Format::Csv => {}
    }
    guard::guarded(|| read_as(path, bytes, format, skip))
}

/// Reads `bytes` as `format` (already detected and checked against the limits).
fn read_as(
    path: &Path,
    bytes: &[u8],
    format: Format,
    skip: Option<Skip>,
) -> Result<Workbook, ReadError> {
    let mut encoding = None;
    let sheets = match format {
        Format::Xlsx => xlsx::read_xlsx(bytes, skip)?,
        Format::Xlsb => calamine_io::read_xlsb(bytes)?,
        Format::Xls => calamine_io::read_xls(bytes)?,
        Format::Ods => calamine_io::read_ods(bytes)?,
        Format::SpreadsheetMl => spreadsheetml::read_spreadsheetml(bytes)?,
        Format::Csv => {
            let name = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("Sheet1");
            let (sheet, enc) = csv::read_csv(bytes, name)?;
            encoding = Some(match enc {
                csv::TextEncoding::Utf8 => "UTF-8",
                csv::TextEncoding::Utf8Bom => "UTF-8 (BOM)",
                csv::TextEncoding::Gb18030 => "GB18030",
            });
            vec![sheet]
        }
    };
    Ok(Workbook {
        path: path.to_path_buf(),
        format,
        encoding,
        sheets,
    })
}
