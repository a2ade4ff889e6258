//! `ctrack demo` (being built).

use std::io::Write;
use std::path::PathBuf;

use crate::Context;
use crate::cli::DemoArgs;
use crate::error::{Error, Result};

/// Not yet built.
pub fn run(_args: DemoArgs, _db: Option<PathBuf>, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack demo is not built yet".into()))
}
