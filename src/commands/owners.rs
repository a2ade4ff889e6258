//! `ctrack owners` (not yet built).

use std::io::Write;

use crate::cli::FormatArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: FormatArgs, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack owners is not built yet".into()))
}
