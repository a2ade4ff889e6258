//! `ctrack evidence add|list` (not yet built).

use std::io::Write;

use crate::Context;
use crate::cli::EvidenceCommand;
use crate::error::{Error, Result};
use crate::store::Store;

/// Not yet built.
pub fn run(_store: &mut Store, _args: EvidenceCommand, _ctx: &Context, _out: &mut impl Write) -> Result<()> {
    Err(Error::Conflict("ctrack evidence is not built yet".into()))
}
