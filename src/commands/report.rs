//! `ctrack report` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::ReportArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: ReportArgs, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack report is not built yet".into()))
}
