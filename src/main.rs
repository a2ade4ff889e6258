//! The ctrack binary: parse the command line, run, and turn the outcome into an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use clap::error::ErrorKind;

fn main() -> ExitCode {
    ignore_file_size_signal();
    let cli = match ctrack::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_exit(e),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = ctrack::Context::from_process()
        .and_then(|ctx| ctrack::run(cli, &ctx, &mut out))
        .and_then(|()| out.flush().map_err(ctrack::error::Error::Output));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`ctrack list | head`): not a failure, as in ripgrep and bat.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// A bad value in an argument (an unknown status, an impossible date) is bad data: exit 1 with
/// ctrack's own sentence. Every other clap outcome keeps clap's behaviour (usage errors exit 2).
fn clap_exit(e: clap::Error) -> ExitCode {
    if e.kind() == ErrorKind::ValueValidation {
        if let Some(source) = std::error::Error::source(&e) {
            eprintln!("error: {source}");
            return ExitCode::FAILURE;
        }
    }
    let _ = e.print();
    ExitCode::from(e.exit_code() as u8)
}

/// A write past the file-size limit (`ulimit -f`) raises SIGXFSZ, whose default action kills the
/// process before SQLite can roll back and ctrack can say why. Ignored, the write fails with
/// EFBIG instead, which becomes an error that says the database file cannot be written.
fn ignore_file_size_signal() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any other thread exists; SIG_IGN installs no
    // handler code, so nothing can run in signal context.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
