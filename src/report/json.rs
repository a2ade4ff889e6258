//! JSON output: a streamed array (one object per row, written as it comes) and single values.
//! JSON is never altered for spreadsheets.

use std::io::Write;

use serde::Serialize;

use crate::error::Result;

/// Writes a JSON array one element at a time, so large exports stay in constant memory.
pub struct ArrayWriter<W: Write> {
    out: W,
    first: bool,
}

impl<W: Write> ArrayWriter<W> {
    /// Starts the array.
    pub fn new(mut out: W) -> Result<Self> {
        out.write_all(b"[")?;
        Ok(ArrayWriter { out, first: true })
    }

    /// Writes one element.
    pub fn push(&mut self, value: &impl Serialize) -> Result<()> {
        self.out.write_all(if self.first { b"\n  " } else { b",\n  " })?;
        self.first = false;
        serde_json::to_writer(&mut self.out, value)?;
        Ok(())
    }

    /// Closes the array and returns the writer.
    pub fn finish(mut self) -> Result<W> {
        self.out.write_all(if self.first { b"]\n" } else { b"\n]\n" })?;
        Ok(self.out)
    }
}

/// Writes one value, pretty-printed, with a final newline.
pub fn write_value(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_stream_one_object_per_line() {
        let mut array = ArrayWriter::new(Vec::new()).unwrap();
        array.push(&serde_json::json!({"a": 1})).unwrap();
        array.push(&serde_json::json!({"a": "=2"})).unwrap();
        let text = String::from_utf8(array.finish().unwrap()).unwrap();
        assert_eq!(text, "[\n  {\"a\":1},\n  {\"a\":\"=2\"}\n]\n");
        let empty = ArrayWriter::new(Vec::new()).unwrap().finish().unwrap();
        assert_eq!(empty, b"[]\n");
    }
}
