//! The error of a spreadsheet export that could not be written.

/// Why an export stopped; nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("the workbook could not be written: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("the CSV could not be written: {0}")]
    Csv(#[from] csv::Error),
    #[error("the CSV could not be written: {0}")]
    CsvFinish(String),
    /// More rows or columns than a sheet holds, or a date before year 0.
    #[error("{0} does not fit in a spreadsheet")]
    TooBig(String),
}
