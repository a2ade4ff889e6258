//! Review corrections by hand: withdrawing a false positive with a reason, and restoring a
//! withdrawn commitment. Each in one transaction, kept in the commitment's history.

use super::Store;
use super::commitments::resolve;
use super::db::{Db, params};
use super::statements::record_change;
use crate::domain::{ChangeSource, CommitmentRef, CommitmentRow, Field, Withdrawal, withdrawal_cause};
use crate::error::{DbContext, Error, Result};

impl Store {
    /// Withdraws a commitment by hand: it leaves every list and report, and a re-import never
    /// brings it back. Refuses one already withdrawn. Returns its full id.
    pub fn withdraw(&mut self, typed: &CommitmentRef, reason: &str, now: &str) -> Result<String> {
        let preferred = self.preferred.clone();
        let tx = self.write()?;
        let row = resolve(&tx, typed, preferred.as_deref())?;
        if row.withdrawn {
            let gone = withdrawal(&tx, &row)?;
            return Err(Error::AlreadyWithdrawn {
                id: row.id,
                at: gone.at,
                why: withdrawal_cause(gone.reason.as_deref()),
            });
        }
        tx.execute(
            "UPDATE commitment SET withdrawn_at = ?2, withdrawn_by = 'hand', withdrawn_reason = ?3 WHERE id = ?1",
            params![row.pk, now, reason],
        )
        .context("withdrawing a commitment")?;
        record_change(&tx, row.pk, Field::Withdrawn, None, Some(reason), ChangeSource::Edit, now)?;
        tx.commit().context("committing the withdrawal")?;
        Ok(row.id)
    }

    /// Brings a withdrawn commitment back into every list and report, whoever withdrew it.
    /// Refuses one that is not withdrawn. Returns how it had been withdrawn.
    pub fn restore(&mut self, typed: &CommitmentRef, now: &str) -> Result<Withdrawal> {
        let preferred = self.preferred.clone();
        let tx = self.write()?;
        let row = resolve(&tx, typed, preferred.as_deref())?;
        if !row.withdrawn {
            return Err(Error::NotWithdrawn { id: row.id });
        }
        let gone = withdrawal(&tx, &row)?;
        tx.execute(
            "UPDATE commitment SET withdrawn_at = NULL, withdrawn_by = NULL, withdrawn_reason = NULL WHERE id = ?1",
            params![row.pk],
        )
        .context("restoring a commitment")?;
        let old = gone.reason.as_deref().unwrap_or("withdrawn");
        record_change(&tx, row.pk, Field::Withdrawn, Some(old), None, ChangeSource::Edit, now)?;
        tx.commit().context("committing the restore")?;
        Ok(gone)
    }
}

/// When and why a withdrawn commitment was withdrawn.
fn withdrawal(db: &dyn Db, row: &CommitmentRow) -> Result<Withdrawal> {
    let (at, reason) = db
        .query_row(
            "SELECT withdrawn_at, withdrawn_reason FROM commitment WHERE id = ?1",
            params![row.pk],
            |r| Ok((r.get::<Option<String>>(0)?, r.get(1)?)),
        )
        .context("reading a withdrawal")?;
    Ok(Withdrawal { id: row.id.clone(), at: at.unwrap_or_default(), reason })
}
