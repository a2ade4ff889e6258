//! `ctrack init`: create the database, or confirm it is ready. Harmless to repeat.

use std::io::Write;

use crate::error::Result;
use crate::store::{SCHEMA_VERSION, Store};

/// Opening the store already created and migrated the database; say where it is.
pub fn run(store: &mut Store, out: &mut impl Write) -> Result<()> {
    let statements = store.statements()?.len();
    let location = store.location();
    writeln!(
        out,
        "ctrack database ready at {location} (schema version {SCHEMA_VERSION}, {statements} statement{})",
        if statements == 1 { "" } else { "s" }
    )?;
    Ok(())
}
