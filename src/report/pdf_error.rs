//! The error of a PDF that could not be written: a font that will not
//! parse, a document lopdf cannot read back or save. None of these depends
//! on the plan; each means the program's own assets or writer are at fault.

/// Why the PDF writer stopped.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("the embedded report font could not be read")]
    Font,
    #[error("the PDF has no catalog: {0}")]
    NoCatalog(lopdf::Error),
    #[error("the PDF's catalog cannot be read: {0}")]
    Catalog(lopdf::Error),
    #[error("the document has more pages than a PDF can number")]
    TooManyPages,
    #[error("the PDF could not be saved: {0}")]
    Save(std::io::Error),
}
