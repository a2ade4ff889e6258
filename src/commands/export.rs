//! `ctrack export` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::ExportArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: ExportArgs, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack export is not built yet".into()))
}
