//! Evidence links: on a commitment, and on the entry they were logged with, if any.

use super::{EvidenceUrl, Stance};

/// A link about to be attached to a commitment by `evidence add` (not tied to an entry).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvidence {
    /// The commitment's row id.
    pub commitment: i64,
    pub url: EvidenceUrl,
    pub title: Option<String>,
    pub stance: Option<Stance>,
}

/// A recorded evidence link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    pub id: i64,
    /// The entry it was logged with; `None` when added on its own.
    pub entry: Option<i64>,
    pub url: String,
    pub title: Option<String>,
    pub stance: Option<Stance>,
    /// RFC 3339 UTC.
    pub added_at: String,
    /// `Some` once taken out by `evidence remove`: kept in history, no longer counted.
    pub removed: Option<super::Retraction>,
}

/// A link `remove_evidence` took out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemovedEvidence {
    pub id: i64,
    /// The commitment's full id, `KEY:T.P.C`.
    pub commitment: String,
    pub url: String,
    /// The entry it was logged with, if any.
    pub entry: Option<i64>,
}
