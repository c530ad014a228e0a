//! Why a file could not be read, worded for the officer (Chinese, or English).

use crate::i18n::Lang;

/// A file that cannot be read as a workbook (finding S001, or exit 2).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReadError {
    #[error("file not found")]
    NotFound,
    #[error("is a folder")]
    IsDir,
    #[error("not a regular file")]
    NotAFile,
    #[error("cannot open: {0}")]
    Io(String),
    #[error("the file is empty")]
    Empty,
    #[error("password protected")]
    Encrypted,
    #[error("a Word document")]
    WordDocument,
    #[error("not a spreadsheet")]
    NotSpreadsheet,
    #[error("corrupt: {0}")]
    Corrupt(String),
    #[error("unknown text encoding")]
    Encoding,
    #[error("too large: {0}")]
    TooLarge(String),
}

impl ReadError {
    /// What is wrong and what to do, in the officer's language.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadError::NotFound, Lang::Zh) => "找不到该文件，请检查路径和文件名".into(),
            (ReadError::NotFound, Lang::En) => "file not found; check the path and name".into(),
            (ReadError::IsDir, Lang::Zh) => "这是一个文件夹，不是工作簿；请指定其中的 Excel 文件（整个文件夹请用 perf batch）".into(),
            (ReadError::IsDir, Lang::En) => "this is a folder, not a workbook; name a file in it (use perf batch for a whole folder)".into(),
            (ReadError::NotAFile, Lang::Zh) => "这不是普通文件（是设备、管道或套接字），请指定一个 Excel 工作簿或 CSV 文件".into(),
            (ReadError::NotAFile, Lang::En) => "this is not a regular file (a device, pipe or socket); name an Excel workbook or CSV file".into(),
            (ReadError::Io(e), Lang::Zh) => format!("无法读取文件（{e}），请检查文件权限或是否被其他程序占用"),
            (ReadError::Io(e), Lang::En) => format!("cannot read the file ({e}); check permissions or whether another program holds it"),
            (ReadError::Empty, Lang::Zh) => "文件是空的（0 字节），请重新导出或复制".into(),
            (ReadError::Empty, Lang::En) => "the file is empty (0 bytes); export or copy it again".into(),
            (ReadError::Encrypted, Lang::Zh) => "工作簿设有打开密码（已加密），请在 Excel/WPS 中取消密码后另存再试".into(),
            (ReadError::Encrypted, Lang::En) => "the workbook is password protected; remove the password in Excel/WPS, save, and try again".into(),
            (ReadError::WordDocument, Lang::Zh) => "这是 Word 文档，不是电子表格；请另存为 Excel 工作簿（.xlsx）".into(),
            (ReadError::WordDocument, Lang::En) => "this is a Word document, not a spreadsheet; save the table as an Excel workbook (.xlsx)".into(),
            (ReadError::NotSpreadsheet, Lang::Zh) => "不是可识别的电子表格（支持 .xlsx .xlsm .xlsb .xls .ods、SpreadsheetML 和 CSV），请用 Excel/WPS 另存为 .xlsx".into(),
            (ReadError::NotSpreadsheet, Lang::En) => "not a recognisable spreadsheet (.xlsx .xlsm .xlsb .xls .ods, SpreadsheetML and CSV are read); save it as .xlsx in Excel/WPS".into(),
            (ReadError::Corrupt(e), Lang::Zh) => format!("文件已损坏或不完整（{e}），请重新导出或从备份恢复"),
            (ReadError::Corrupt(e), Lang::En) => format!("the file is corrupt or incomplete ({e}); export it again or restore a backup"),
            (ReadError::Encoding, Lang::Zh) => "无法识别文本编码（既不是 UTF-8 也不是 GBK），请在 Excel 中另存为 .xlsx 或 UTF-8 CSV".into(),
            (ReadError::Encoding, Lang::En) => "unknown text encoding (neither UTF-8 nor GBK); save it as .xlsx or UTF-8 CSV".into(),
            (ReadError::TooLarge(e), Lang::Zh) => format!("文件过大，已拒绝读取（{e}）；请确认是否选对了文件，删除表格之外的多余单元格，或把大表拆成几个文件后再试"),
            (ReadError::TooLarge(e), Lang::En) => format!("the file is too large and was refused ({e}); check it is the right file, delete stray cells outside the table, or split it into smaller files"),
        }
    }
}
