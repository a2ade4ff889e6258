//! `ctrack retract` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::RetractArgs;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: RetractArgs, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack retract is not built yet".into()))
}
