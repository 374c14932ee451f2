//! Which answers of a draft the cadre gave (schema v5, `draft_answer`). The model keeps the
//! growth-mat colour, KEK/RISTI and the 2C cell without a blank state (a new draft holds TD /
//! false / "-"), so a screen asking "what is still to do?" cannot tell an answer equal to the
//! default from no answer by the stored record alone. The store keeps the given field keys per
//! draft, written in the same transaction as the answer, so the form reads the same after the app
//! was killed (common on low-end phones) as before. Local to the phone: never in a bundle.

use std::collections::HashSet;

use rusqlite::params;

use super::{MonthlyForm, Result, Saved, Store, Writer};
use crate::model::FormStatus;

impl Writer<'_> {
    /// Saves a monthly form as a draft (`Store::save_draft`).
    pub fn save_draft<V: MonthlyForm>(&self, form: &V) -> Result<Saved<V>> {
        let mut draft = form.clone();
        draft.set_status(FormStatus::Draft);
        self.save(&draft)
    }

    /// Saves `form` as `Final`, validated again, and forgets its given answers (every value of a
    /// final form is an answer).
    pub fn finish_form<V: MonthlyForm>(&self, mut form: V) -> Result<Saved<V>> {
        form.set_status(FormStatus::Final);
        let saved = self.save(&form)?;
        self.forget_answers(saved.record.id())?;
        Ok(saved)
    }

    /// Records that the cadre gave (`given`) or cleared the answer `field` of draft `record_id`.
    pub fn mark_answer(&self, record_id: &str, field: &str, given: bool) -> Result<()> {
        let sql = if given {
            "INSERT OR IGNORE INTO draft_answer (record_id, field) VALUES (?1, ?2)"
        } else {
            "DELETE FROM draft_answer WHERE record_id = ?1 AND field = ?2"
        };
        self.tx().prepare_cached(sql)?.execute(params![record_id, field])?;
        Ok(())
    }

    /// Forgets the given answers of a record (its form is final: every value is an answer then).
    pub fn forget_answers(&self, record_id: &str) -> Result<()> {
        self.tx()
            .prepare_cached("DELETE FROM draft_answer WHERE record_id = ?1")?
            .execute([record_id])?;
        Ok(())
    }
}

impl Store {
    /// Saves one answer of a monthly form as a draft (`Store::save_draft`) and records that the
    /// cadre gave it (`given`) or cleared it, in one transaction.
    pub fn save_draft_answer<V: MonthlyForm>(
        &self,
        form: &V,
        field: &str,
        given: bool,
    ) -> Result<Saved<V>> {
        self.transaction(|w| {
            let saved = w.save_draft(form)?;
            w.mark_answer(saved.record.id(), field, given)?;
            Ok(saved)
        })
    }

    /// The field keys the cadre gave to draft `record_id` (empty for a final form or none).
    pub fn draft_answers(&self, record_id: &str) -> Result<HashSet<String>> {
        self.read(|c| {
            let mut stmt = c.prepare_cached("SELECT field FROM draft_answer WHERE record_id = ?1")?;
            let fields = stmt
                .query_map([record_id], |r| r.get(0))?
                .collect::<rusqlite::Result<HashSet<String>>>()?;
            Ok(fields)
        })
    }
}
