//! `ctrack import progress` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::ImportProgressArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(
    _store: &mut Store,
    _args: ImportProgressArgs,
    _ctx: &Context,
    _out: &mut impl Write,
) -> Result<()> {
    Err(Error::Conflict("ctrack import progress is not built yet".into()))
}
