//! `ctrack completions SHELL`: print a completion script.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Result;

/// Writes the completion script for the chosen shell.
pub fn run(args: CompletionsArgs, out: &mut impl Write) -> Result<()> {
    clap_complete::generate(args.shell.generator(), &mut Cli::command(), "ctrack", out);
    Ok(())
}
