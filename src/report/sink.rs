//! Where listing and export rows go, one at a time: a CSV writer (header first, always, so even
//! an empty result has its columns) or a streamed JSON array.

use std::io::Write;

use serde::Serialize;

use super::{CsvStyle, csv, json};
use crate::error::Result;

/// The machine-readable formats rows can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    Csv(CsvStyle),
    Json,
}

/// An open CSV or JSON stream of rows.
pub enum Sink<W: Write> {
    // Boxed: the CSV writer carries its buffer inline, the JSON one does not.
    Csv(Box<::csv::Writer<W>>),
    Json(json::ArrayWriter<W>),
}

impl<W: Write> Sink<W> {
    /// Starts the stream; CSV writes `header` at once.
    pub fn new(out: W, format: RowFormat, header: &[&str]) -> Result<Sink<W>> {
        Ok(match format {
            RowFormat::Csv(style) => Sink::Csv(Box::new(csv::with_header(out, style, header)?)),
            RowFormat::Json => Sink::Json(json::ArrayWriter::new(out)?),
        })
    }

    /// Writes one row.
    pub fn push(&mut self, row: &impl Serialize) -> Result<()> {
        match self {
            Sink::Csv(csv) => csv.serialize(row)?,
            Sink::Json(array) => array.push(row)?,
        }
        Ok(())
    }

    /// Ends the stream (closes the JSON array, flushes the CSV).
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Csv(mut csv) => csv.flush()?,
            Sink::Json(array) => {
                array.finish()?;
            }
        }
        Ok(())
    }
}
