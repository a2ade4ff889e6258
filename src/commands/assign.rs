//! `ctrack assign` and `ctrack unassign` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::{AssignArgs, UnassignArgs};
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: AssignArgs, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack assign is not built yet".into()))
}

/// Not yet built.
pub fn run_unassign(_store: &mut Store, _args: UnassignArgs, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack unassign is not built yet".into()))
}
