//! ctrack: record the commitments of a policy statement and keep a dated record of progress.

pub mod statement;
