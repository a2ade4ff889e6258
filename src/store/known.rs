//! The SQL fragments that read a commitment as known at a moment (`:known_at`, a stored RFC
//! 3339 time) rather than as known now. Each has a "now" twin in `status.rs`; both take the
//! reporting date `:as_of`. Owners are always read as of `:as_of` (assignment periods).

/// LATEST_ENTRY as known at `:known_at`: entries recorded by then, retractions made by then.
pub(crate) const LATEST_ENTRY_KNOWN: &str = "SELECT x.id FROM entry x
     WHERE x.commitment_id = c.id AND x.as_of <= :as_of AND x.recorded_at <= :known_at
       AND (x.retracted_at IS NULL OR x.retracted_at > :known_at)
     ORDER BY x.as_of DESC, x.id DESC LIMIT 1";

/// Whether assignment period `a` holds on `:as_of`, as known now.
pub(crate) const PERIOD_HELD: &str = "a.valid_from <= :as_of AND (a.valid_to IS NULL OR a.valid_to > :as_of)";

/// Whether assignment period `a` holds on `:as_of`, as known at `:known_at`: recorded by
/// then, and not yet ended as far as ctrack knew.
pub(crate) const PERIOD_HELD_KNOWN: &str = "a.valid_from <= :as_of AND a.recorded_at <= :known_at
     AND (a.valid_to IS NULL OR a.valid_to > :as_of OR a.ended_recorded_at > :known_at)";

/// Distinct evidence URLs known by `:as_of` and `:known_at`.
pub(crate) const EVIDENCE_COUNT_KNOWN: &str =
    "(SELECT count(DISTINCT ev.url) FROM evidence ev LEFT JOIN entry y ON y.id = ev.entry_id
                  WHERE ev.commitment_id = c.id AND ev.added_at <= :known_at
                    AND (y.retracted_at IS NULL OR y.retracted_at > :known_at)
                    AND (ev.removed_at IS NULL OR ev.removed_at > :known_at)
                    AND coalesce(y.as_of, substr(ev.added_at, 1, 10)) <= :as_of)";

/// The commitment's text as known at `:known_at`: the value an edit made later replaced.
pub(crate) const TEXT_KNOWN: &str = "coalesce((SELECT ch.old_value FROM commitment_change ch
         WHERE ch.commitment_id = c.id AND ch.field = 'text' AND ch.changed_at > :known_at
         ORDER BY ch.id LIMIT 1), c.text)";

/// The due date as known at `:known_at`.
pub(crate) const DUE_KNOWN: &str = "CASE WHEN EXISTS (SELECT 1 FROM commitment_change ch
         WHERE ch.commitment_id = c.id AND ch.field = 'due' AND ch.changed_at > :known_at)
     THEN (SELECT ch.old_value FROM commitment_change ch
         WHERE ch.commitment_id = c.id AND ch.field = 'due' AND ch.changed_at > :known_at
         ORDER BY ch.id LIMIT 1)
     ELSE c.due END";

/// The topic row as known at `:known_at` (a move made later is undone).
pub(crate) const TOPIC_KNOWN: &str = "coalesce((SELECT t2.id FROM commitment_change ch
         JOIN topic t2 ON t2.statement_id = c.statement_id AND t2.no = CAST(ch.old_value AS INTEGER)
         WHERE ch.commitment_id = c.id AND ch.field = 'topic' AND ch.changed_at > :known_at
         ORDER BY ch.id LIMIT 1), c.topic_id)";

/// Whether the commitment existed and was not withdrawn at `:known_at`: created by then, and
/// its latest withdrawal or restoration by then (if any) was a restoration.
pub(crate) const LIVE_KNOWN: &str = "c.created_at <= :known_at
     AND CASE WHEN EXISTS (SELECT 1 FROM commitment_change ch
                  WHERE ch.commitment_id = c.id AND ch.field = 'withdrawn' AND ch.changed_at <= :known_at)
         THEN (SELECT ch.new_value IS NULL FROM commitment_change ch
                  WHERE ch.commitment_id = c.id AND ch.field = 'withdrawn' AND ch.changed_at <= :known_at
                  ORDER BY ch.id DESC LIMIT 1)
         ELSE c.withdrawn_at IS NULL OR c.withdrawn_at > :known_at END";
