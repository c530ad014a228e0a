//! Word documents (.docx) in the form of county official documents (GB/T 9704): the monitoring report and the self-evaluation report to the county government.

pub mod monitoring;
pub mod selfeval;
mod style;
mod table;

use std::path::Path;

use anyhow::Result;

use crate::fingerprint::Fingerprint;

pub use style::Doc;

/// Writes a built document to `out` atomically; returns its fingerprint.
pub fn write(out: &Path, doc: Doc) -> Result<Fingerprint> {
    let bytes = pack(doc)?;
    crate::output::write_bytes(out, &bytes)
}

/// The document's bytes (a zip package).
pub fn pack(doc: Doc) -> Result<Vec<u8>> {
    doc.pack()
}
