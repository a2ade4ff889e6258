//! Reconciling a (re-)imported statement with what the database already holds: which
//! commitments are unchanged (their ids and progress kept), changed, added, or removed
//! (withdrawn, never deleted). Pure: the store applies the plan in one transaction.

use std::collections::{BTreeMap, HashSet};

use chrono::NaiveDate;

use super::closed::ClosedSet;
use super::{Code, Origin, OwnerName};

/// Where a statement's commitments came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// Parsed from the text, one commitment per clause.
    Clause,
    /// Parsed from the text, one commitment per paragraph.
    Paragraph,
    /// A hand-coded list (`import commitments`).
    Curated,
}

impl SourceKind {
    /// Every kind.
    pub const ALL: [SourceKind; 3] = [SourceKind::Clause, SourceKind::Paragraph, SourceKind::Curated];

    /// The name stored in `statement.granularity`.
    pub fn as_str(self) -> &'static str {
        match self {
            SourceKind::Clause => "clause",
            SourceKind::Paragraph => "paragraph",
            SourceKind::Curated => "curated",
        }
    }

    /// Where commitments imported this way come from.
    pub fn origin(self) -> Origin {
        match self {
            SourceKind::Clause | SourceKind::Paragraph => Origin::Parsed,
            SourceKind::Curated => Origin::Curated,
        }
    }
}

impl ClosedSet for SourceKind {
    const KIND: &'static str = "granularity";
    const ALL: &'static [SourceKind] = &SourceKind::ALL;

    fn as_str(self) -> &'static str {
        SourceKind::as_str(self)
    }
}

/// A statement's metadata as imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementMeta {
    pub key: String,
    pub title: String,
    pub date: Option<NaiveDate>,
    pub source_file: Option<String>,
    pub sha256: Option<String>,
    pub kind: SourceKind,
    /// Topic numbers and titles, in order.
    pub topics: Vec<(u32, String)>,
    /// Every paragraph of a parsed text, those without a commitment too, as (topic, paragraph,
    /// text): a commitment added by hand can name the one it comes from. Empty for curated lists.
    pub paragraphs: Vec<(u32, u32, String)>,
}

/// A commitment as read from a statement or a curated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCommitment {
    pub code: Code,
    pub topic_no: u32,
    pub text: String,
    pub paragraph: Option<String>,
    pub due: Option<NaiveDate>,
    pub due_inferred: bool,
    pub lead: Vec<OwnerName>,
    pub support: Vec<OwnerName>,
}

/// A commitment already stored under the statement's key, with what reviewers did to it by
/// hand: a re-import never undoes that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommitment {
    pub pk: i64,
    pub code: Code,
    /// The current text (the hand-edited one, if edited).
    pub text: String,
    pub withdrawn: bool,
    /// Withdrawn by a reviewer (`ctrack withdraw`): a re-import never restores it.
    pub withdrawn_by_hand: bool,
    /// Added by a reviewer (`ctrack add`): a re-import never withdraws it.
    pub added: bool,
    /// For a text edited by hand (`ctrack edit --text`): what the statement said before the
    /// first hand edit. A re-import keeps the hand text, and reports a conflict when the
    /// statement now says something else.
    pub statement_text: Option<String>,
}

impl StoredCommitment {
    /// A commitment as imported, untouched by hand.
    pub fn imported(pk: i64, code: Code, text: String, withdrawn: bool) -> StoredCommitment {
        StoredCommitment {
            pk,
            code,
            text,
            withdrawn,
            withdrawn_by_hand: false,
            added: false,
            statement_text: None,
        }
    }

    /// Whether the statement gives this text for it: the text it had when imported (before
    /// any hand edit), or the current text.
    fn reads(&self, text: &str) -> bool {
        self.text == text || self.statement_text.as_deref() == Some(text)
    }
}

/// What an import will do. Every new commitment appears exactly once, in `keep`, `change` or
/// `add`; every stored one that is not kept or changed is in `withdraw` (unless it already was).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportPlan {
    /// Same text as a stored commitment: its id and history stay. `restored` when the stored
    /// one had been withdrawn and comes back.
    pub keep: Vec<Kept>,
    /// Same id, new text: the stored commitment is updated and the old text kept in history.
    pub change: Vec<Changed>,
    /// New commitments, with their final codes.
    pub add: Vec<NewCommitment>,
    /// Stored commitments the new text no longer has.
    pub withdraw: Vec<StoredCommitment>,
    /// Hand-edited commitments whose statement text changed: the hand edit is kept (they are
    /// in `keep` too, with their hand text).
    pub conflicts: Vec<Conflict>,
}

/// A hand edit the revised statement disagrees with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub code: Code,
    /// The text kept: the hand edit.
    pub kept: String,
    /// What the statement now says at that place.
    pub statement_now: String,
}

/// A stored commitment found again in the new text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kept {
    pub pk: i64,
    pub code: Code,
    pub new: NewCommitment,
    pub restored: bool,
}

/// A stored commitment whose text changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changed {
    pub pk: i64,
    pub old_text: String,
    pub new: NewCommitment,
}

impl ImportPlan {
    /// Nothing to add, change, withdraw or restore.
    pub fn is_no_op(&self) -> bool {
        self.change.is_empty()
            && self.add.is_empty()
            && self.withdraw.is_empty()
            && self.keep.iter().all(|k| !k.restored)
    }
}

/// Matches `new` against `stored`: first by identical text (so ids survive reordering), then
/// by identical id (an edited commitment), and gives the rest fresh ids that never reuse a
/// stored one.
pub fn plan_import(stored: &[StoredCommitment], new: Vec<NewCommitment>) -> ImportPlan {
    let mut plan = ImportPlan::default();
    let mut matched: HashSet<i64> = HashSet::new();
    let mut pending = Vec::new();
    for commitment in new {
        match find_same_text(stored, &matched, &commitment) {
            Some(old) => {
                matched.insert(old.pk);
                plan.keep.push(keep(old, commitment));
            }
            None => pending.push(commitment),
        }
    }
    let mut unplaced = Vec::new();
    for commitment in pending {
        let same_id = stored.iter().find(|s| s.code == commitment.code && !matched.contains(&s.pk));
        match same_id {
            Some(old) if old.statement_text.is_some() && !old.withdrawn => {
                matched.insert(old.pk);
                plan.conflicts.push(Conflict {
                    code: old.code,
                    kept: old.text.clone(),
                    statement_now: commitment.text.clone(),
                });
                plan.keep.push(keep(old, commitment));
            }
            // A false positive withdrawn by hand stays withdrawn under its revised text.
            Some(old) if !old.withdrawn || old.withdrawn_by_hand => {
                matched.insert(old.pk);
                plan.change.push(Changed { pk: old.pk, old_text: old.text.clone(), new: commitment });
            }
            _ => unplaced.push(commitment),
        }
    }
    plan.add = place_new(stored, unplaced);
    plan.withdraw =
        stored.iter().filter(|s| !matched.contains(&s.pk) && !s.withdrawn && !s.added).cloned().collect();
    plan
}

/// Keeps `old` for `new`: a hand-edited text stays, a hand withdrawal stays, an import's
/// withdrawal is undone.
fn keep(old: &StoredCommitment, mut new: NewCommitment) -> Kept {
    if old.statement_text.is_some() {
        new.text.clone_from(&old.text);
    }
    Kept { pk: old.pk, code: old.code, new, restored: old.withdrawn && !old.withdrawn_by_hand }
}

fn find_same_text<'a>(
    stored: &'a [StoredCommitment],
    matched: &HashSet<i64>,
    new: &NewCommitment,
) -> Option<&'a StoredCommitment> {
    let candidates = || stored.iter().filter(|s| !matched.contains(&s.pk) && s.reads(&new.text));
    candidates().find(|s| s.code == new.code).or_else(|| candidates().next())
}

/// Keeps each new commitment's own code unless a stored commitment holds it; then it takes the
/// next free clause number in the same topic and paragraph.
fn place_new(stored: &[StoredCommitment], new: Vec<NewCommitment>) -> Vec<NewCommitment> {
    let mut taken: HashSet<Code> = stored.iter().map(|s| s.code).collect();
    let mut last_clause: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for code in &taken {
        let last = last_clause.entry((code.topic, code.paragraph)).or_default();
        *last = (*last).max(code.clause);
    }
    let mut placed = Vec::with_capacity(new.len());
    // Codes the new text itself uses are reserved first, so a moved clause cannot take them.
    let own: HashSet<Code> = new.iter().map(|n| n.code).collect();
    for mut commitment in new {
        if taken.contains(&commitment.code) {
            let key = (commitment.code.topic, commitment.code.paragraph);
            let last = last_clause.entry(key).or_default();
            loop {
                *last += 1;
                let code = Code { clause: *last, ..commitment.code };
                if !taken.contains(&code) && !own.contains(&code) {
                    commitment.code = code;
                    break;
                }
            }
        }
        taken.insert(commitment.code);
        let last = last_clause.entry((commitment.code.topic, commitment.code.paragraph)).or_default();
        *last = (*last).max(commitment.code.clause);
        placed.push(commitment);
    }
    placed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(s: &str) -> Code {
        s.parse().unwrap()
    }

    fn new(c: &str, text: &str) -> NewCommitment {
        NewCommitment {
            code: code(c),
            topic_no: code(c).topic,
            text: text.into(),
            paragraph: None,
            due: None,
            due_inferred: false,
            lead: vec![],
            support: vec![],
        }
    }

    fn stored(pk: i64, c: &str, text: &str) -> StoredCommitment {
        StoredCommitment::imported(pk, code(c), text.into(), false)
    }

    #[test]
    fn first_import_adds_everything_with_its_own_ids() {
        let plan = plan_import(&[], vec![new("1.1.1", "a"), new("1.1.2", "b")]);
        let codes: Vec<String> = plan.add.iter().map(|n| n.code.to_string()).collect();
        assert_eq!(codes, ["1.1.1", "1.1.2"]);
        assert!(plan.keep.is_empty() && plan.change.is_empty() && plan.withdraw.is_empty());
    }

    #[test]
    fn same_text_is_a_no_op() {
        let old = [stored(1, "1.1.1", "a"), stored(2, "1.1.2", "b")];
        let plan = plan_import(&old, vec![new("1.1.1", "a"), new("1.1.2", "b")]);
        assert!(plan.is_no_op());
        assert_eq!(plan.keep.len(), 2);
    }

    #[test]
    fn revised_text_keeps_moved_ids_changes_edited_ones_and_withdraws_removed_ones() {
        let old = [stored(1, "1.1.1", "a"), stored(2, "1.1.2", "b"), stored(3, "1.2.1", "c")];
        // "a" moved to 1.2.1, "b" was reworded in place, "c" is gone, "d" is new at 1.1.1.
        let plan = plan_import(&old, vec![new("1.1.1", "d"), new("1.2.1", "a"), new("1.1.2", "b2")]);
        let kept: Vec<(i64, String)> = plan.keep.iter().map(|k| (k.pk, k.code.to_string())).collect();
        assert_eq!(kept, [(1, "1.1.1".to_string())]);
        let changed: Vec<(i64, &str, &str)> =
            plan.change.iter().map(|c| (c.pk, c.old_text.as_str(), c.new.text.as_str())).collect();
        assert_eq!(changed, [(2, "b", "b2")]);
        let added: Vec<(String, &str)> =
            plan.add.iter().map(|n| (n.code.to_string(), n.text.as_str())).collect();
        // 1.1.1 still belongs to "a": ids are never reused.
        assert_eq!(added, [("1.1.3".to_string(), "d")]);
        let withdrawn: Vec<i64> = plan.withdraw.iter().map(|s| s.pk).collect();
        assert_eq!(withdrawn, [3]);
    }

    #[test]
    fn a_withdrawn_commitment_that_returns_is_restored() {
        let mut gone = stored(1, "1.1.1", "a");
        gone.withdrawn = true;
        let plan = plan_import(&[gone], vec![new("1.1.1", "a")]);
        assert!(plan.keep[0].restored);
        assert!(!plan.is_no_op());
    }
}

#[cfg(test)]
mod hand_tests {
    use super::*;

    fn new(c: &str, text: &str) -> NewCommitment {
        let code: Code = c.parse().unwrap();
        NewCommitment {
            code,
            topic_no: code.topic,
            text: text.into(),
            paragraph: None,
            due: None,
            due_inferred: false,
            lead: vec![],
            support: vec![],
        }
    }

    fn stored(pk: i64, c: &str, text: &str) -> StoredCommitment {
        StoredCommitment::imported(pk, c.parse().unwrap(), text.into(), false)
    }

    #[test]
    fn a_hand_withdrawal_survives_a_re_import_with_or_without_a_new_text() {
        let mut wrong = stored(1, "1.1.1", "We welcome a");
        wrong.withdrawn = true;
        wrong.withdrawn_by_hand = true;
        let plan = plan_import(std::slice::from_ref(&wrong), vec![new("1.1.1", "We welcome a")]);
        assert!(!plan.keep[0].restored);
        assert!(plan.is_no_op());
        let plan = plan_import(&[wrong], vec![new("1.1.1", "We warmly welcome a")]);
        assert_eq!(plan.change.len(), 1, "the revised text is recorded, still withdrawn");
        assert!(plan.add.is_empty() && plan.withdraw.is_empty());
    }

    #[test]
    fn a_hand_addition_is_never_withdrawn() {
        let mut added = stored(2, "1.0.1", "missed one");
        added.added = true;
        let plan = plan_import(&[stored(1, "1.1.1", "a"), added], vec![new("1.1.1", "a")]);
        assert!(plan.withdraw.is_empty());
        assert!(plan.is_no_op());
    }

    #[test]
    fn a_hand_edit_is_kept_and_a_changed_statement_is_reported() {
        let mut edited = stored(1, "1.1.1", "We will build 3 dams");
        edited.statement_text = Some("We will build dams".into());
        // The statement unchanged: the edit stays and nothing is reported.
        let plan = plan_import(std::slice::from_ref(&edited), vec![new("1.1.1", "We will build dams")]);
        assert!(plan.is_no_op() && plan.conflicts.is_empty());
        assert_eq!(plan.keep[0].new.text, "We will build 3 dams");
        // The statement revised under the edit: the edit stays and the conflict is reported.
        let plan = plan_import(std::slice::from_ref(&edited), vec![new("1.1.1", "We will build 4 dams")]);
        assert_eq!(
            plan.conflicts,
            [Conflict {
                code: "1.1.1".parse().unwrap(),
                kept: "We will build 3 dams".into(),
                statement_now: "We will build 4 dams".into()
            }]
        );
        assert_eq!(plan.keep[0].new.text, "We will build 3 dams");
        assert!(plan.change.is_empty() && plan.add.is_empty() && plan.withdraw.is_empty());
        // The statement now says what the hand edit said: no conflict.
        let plan = plan_import(&[edited], vec![new("1.1.1", "We will build 3 dams")]);
        assert!(plan.is_no_op() && plan.conflicts.is_empty());
    }
}
