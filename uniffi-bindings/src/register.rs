//! Registration and editing of households, mothers, pregnancies, children and notes, the
//! possible-duplicate check before registering (domain.md A.9), and deletion (soft, with history).
//!
//! Records cross as the core's model records. An empty `id` means "new": the binding gives it a
//! fresh UUID. `meta` is ignored on the way in (the store sets version, times and device).
//! Validation is the store's (domain.md 11 via `forms`): a refused record raises `InvalidInput`
//! and nothing is written; warnings come back in [`Saved`].

use pantau_core::forms::{find_duplicates, DuplicateCandidate, DuplicateMatch};
use pantau_core::model::*;
use pantau_core::store::{self, Record};

use crate::error::Res;
use crate::{Pantau, PantauError};

/// A saved record: its id and version, and the warnings it was saved with (shown, not refused).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct Saved {
    pub id: String,
    pub version: u32,
    pub warnings: Vec<Issue>,
}

impl Saved {
    pub(crate) fn of<R: Record>(s: store::Saved<R>) -> Res<Saved> {
        Ok(Saved {
            id: s.record.id().to_string(),
            version: s.record.meta().version,
            warnings: s.warnings,
        })
    }
}

/// A new pregnancy episode and its mother (new or already registered), saved together.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RegisteredPregnancy {
    pub mother_id: String,
    pub pregnancy_id: String,
    pub warnings: Vec<Issue>,
}

/// A household with everything registered in it (the household screen).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct HouseholdDetail {
    pub household: Household,
    /// Oldest first; the one effective in a month pre-fills that month's forms (domain.md 2.3).
    pub conditions: Vec<HouseholdCondition>,
    pub mothers: Vec<Mother>,
    pub pregnancies: Vec<Pregnancy>,
    pub children: Vec<Child>,
}

/// Which register a deletion is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RecordKind {
    Hamlet,
    Posyandu,
    Cadre,
    Household,
    HouseholdCondition,
    Mother,
    Pregnancy,
    Child,
    PregnancyVisit,
    ChildVisit,
    PaudVisit,
    Measurement,
    Note,
}

/// Gives a new record its id (empty id = new).
pub(crate) fn fill_id<R>(mut rec: R, id: impl Fn(&mut R) -> &mut String) -> R {
    let slot = id(&mut rec);
    if slot.trim().is_empty() {
        *slot = new_id();
    }
    rec
}

impl Pantau {
    fn save_one<R: store::Validate>(
        &self,
        rec: R,
        id: impl Fn(&mut R) -> &mut String,
    ) -> Result<Saved, PantauError> {
        self.run(|| Saved::of(self.store.save(&fill_id(rec, id))?))
    }

    /// The registers a duplicate check compares against (no monthly data).
    fn people(&self) -> Res<VillageData> {
        Ok(VillageData {
            mothers: self.store.all()?,
            pregnancies: self.store.all()?,
            children: self.store.all()?,
            ..VillageData::default()
        })
    }
}

#[uniffi::export]
impl Pantau {
    /// Households of the village, or of one hamlet, by number.
    pub fn households(&self, hamlet_id: Option<String>) -> Result<Vec<Household>, PantauError> {
        self.run(|| {
            let mut out: Vec<Household> = self
                .store
                .all::<Household>()?
                .into_iter()
                .filter(|h| hamlet_id.as_ref().is_none_or(|id| &h.hamlet_id == id))
                .collect();
            out.sort_by(|a, b| (&a.hamlet_id, &a.number).cmp(&(&b.hamlet_id, &b.number)));
            Ok(out)
        })
    }

    /// A household with its conditions, mothers, pregnancies and children.
    pub fn household(&self, household_id: String) -> Result<HouseholdDetail, PantauError> {
        self.run(|| {
            let household: Household = self.store.get(&household_id)?;
            let mut conditions: Vec<HouseholdCondition> = self
                .store
                .all::<HouseholdCondition>()?
                .into_iter()
                .filter(|c| c.household_id == household_id)
                .collect();
            conditions.sort_by_key(|c| c.effective_from);
            let mothers: Vec<Mother> = self
                .store
                .all::<Mother>()?
                .into_iter()
                .filter(|m| m.household_id == household_id)
                .collect();
            let pregnancies = self
                .store
                .all::<Pregnancy>()?
                .into_iter()
                .filter(|p| mothers.iter().any(|m| m.id == p.mother_id))
                .collect();
            let children = self
                .store
                .all::<Child>()?
                .into_iter()
                .filter(|c| c.household_id == household_id)
                .collect();
            Ok(HouseholdDetail {
                household,
                conditions,
                mothers,
                pregnancies,
                children,
            })
        })
    }

    /// Registers a household and, when given, its water/latrine/vulnerable condition from a month,
    /// in one transaction.
    pub fn register_household(
        &self,
        household: Household,
        condition: Option<HouseholdCondition>,
    ) -> Result<Saved, PantauError> {
        self.run(|| {
            let household = fill_id(household, |h| &mut h.id);
            Ok(self.store.transaction(|w| {
                let saved = w.save(&household)?;
                let mut warnings = saved.warnings;
                if let Some(mut c) = condition {
                    c.household_id = household.id.clone();
                    let c = fill_id(c, |c| &mut c.id);
                    warnings.extend(w.save(&c)?.warnings);
                }
                Ok(Saved {
                    id: saved.record.id.clone(),
                    version: saved.record.meta.version,
                    warnings,
                })
            })?)
        })
    }

    pub fn save_household(&self, household: Household) -> Result<Saved, PantauError> {
        self.save_one(household, |r| &mut r.id)
    }

    /// A household's water / latrine / vulnerable condition from a month on (history kept).
    pub fn save_household_condition(
        &self,
        condition: HouseholdCondition,
    ) -> Result<Saved, PantauError> {
        self.save_one(condition, |r| &mut r.id)
    }

    /// Registers a pregnancy episode and its mother in one transaction. A mother with an empty id
    /// is new; one with the id of a registered mother is updated (a new episode of the same woman).
    pub fn register_pregnancy(
        &self,
        mother: Mother,
        pregnancy: Pregnancy,
    ) -> Result<RegisteredPregnancy, PantauError> {
        self.run(|| {
            let mother = fill_id(mother, |m| &mut m.id);
            let mut pregnancy = fill_id(pregnancy, |p| &mut p.id);
            pregnancy.mother_id = mother.id.clone();
            Ok(self.store.transaction(|w| {
                let mut warnings = w.save(&mother)?.warnings;
                warnings.extend(w.save(&pregnancy)?.warnings);
                Ok(RegisteredPregnancy {
                    mother_id: mother.id.clone(),
                    pregnancy_id: pregnancy.id.clone(),
                    warnings,
                })
            })?)
        })
    }

    pub fn save_mother(&self, mother: Mother) -> Result<Saved, PantauError> {
        self.save_one(mother, |r| &mut r.id)
    }

    /// Edits a pregnancy (HPL, delivery date, end of the episode, KEK/RISTI flags ...).
    pub fn save_pregnancy(&self, pregnancy: Pregnancy) -> Result<Saved, PantauError> {
        self.save_one(pregnancy, |r| &mut r.id)
    }

    /// Registers (empty id) or edits a child.
    pub fn save_child(&self, child: Child) -> Result<Saved, PantauError> {
        self.save_one(child, |r| &mut r.id)
    }

    /// A cadre's note on a target's card.
    pub fn save_note(&self, note: Note) -> Result<Saved, PantauError> {
        self.save_one(note, |r| &mut r.id)
    }

    pub fn mother(&self, id: String) -> Result<Mother, PantauError> {
        self.run(|| Ok(self.store.get(&id)?))
    }

    pub fn pregnancy(&self, id: String) -> Result<Pregnancy, PantauError> {
        self.run(|| Ok(self.store.get(&id)?))
    }

    pub fn child(&self, id: String) -> Result<Child, PantauError> {
        self.run(|| Ok(self.store.get(&id)?))
    }

    /// Possible duplicates of a person about to be registered or edited: the same NIK, the same
    /// KIA number, or the same name and birth date (domain.md A.9). Show them and let the cadre choose.
    pub fn find_duplicates(
        &self,
        candidate: DuplicateCandidate,
    ) -> Result<Vec<DuplicateMatch>, PantauError> {
        self.run(|| Ok(find_duplicates(&candidate, &self.people()?)))
    }

    /// Soft-deletes a record (it stays in the history and in bundle merges as a tombstone).
    pub fn delete_record(&self, kind: RecordKind, id: String) -> Result<(), PantauError> {
        self.run(|| {
            let s = &self.store;
            match kind {
                RecordKind::Hamlet => s.delete::<Hamlet>(&id).map(drop),
                RecordKind::Posyandu => s.delete::<Posyandu>(&id).map(drop),
                RecordKind::Cadre => s.delete::<Cadre>(&id).map(drop),
                RecordKind::Household => s.delete::<Household>(&id).map(drop),
                RecordKind::HouseholdCondition => s.delete::<HouseholdCondition>(&id).map(drop),
                RecordKind::Mother => s.delete::<Mother>(&id).map(drop),
                RecordKind::Pregnancy => s.delete::<Pregnancy>(&id).map(drop),
                RecordKind::Child => s.delete::<Child>(&id).map(drop),
                RecordKind::PregnancyVisit => s.delete::<PregnancyVisit>(&id).map(drop),
                RecordKind::ChildVisit => s.delete::<ChildVisit>(&id).map(drop),
                RecordKind::PaudVisit => s.delete::<PaudVisit>(&id).map(drop),
                RecordKind::Measurement => s.delete::<Measurement>(&id).map(drop),
                RecordKind::Note => s.delete::<Note>(&id).map(drop),
            }?;
            Ok(())
        })
    }
}
