//! `ctrack completions SHELL`: print a completion script.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

/// Writes the completion script for the chosen shell.
pub fn run(args: CompletionsArgs, out: &mut impl Write) -> Result<()> {
    // clap_complete panics when its writer fails (`ctrack completions fish | head -1`): it
    // writes to memory, and the write to `out` can fail like any other, a closed pipe
    // included.
    let mut script = Vec::new();
    clap_complete::generate(args.shell.generator(), &mut Cli::command(), "ctrack", &mut script);
    out.write_all(&script)?;
    Ok(())
}
