//! The merge rule (docs/adr/0003-merge-rule.md) and the merge plan of one bundle into a village's
//! existing data. Pure: the store applies the plan inside one transaction.
//!
//! Rule: for two versions of the same record (same id), the one with the higher `meta.version`
//! wins; on a tie the later `meta.updated_at`; then the larger `meta.device_id`; then the larger
//! canonical JSON (only reachable by hand-made data). It is a total order, so "keep the maximum"
//! gives the same result whatever the order and however often bundles are imported. The losing
//! version is kept as a `Superseded` entry (the store's edit history).

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::Serialize;

use crate::model::*;

/// A stored record that bundles carry and merges compare.
pub trait Record: Clone + PartialEq + Serialize {
    /// Table name, as in `VillageData` and in the bundle.
    const TABLE: &'static str;
    fn id(&self) -> &str;
    fn meta(&self) -> &Meta;
}

macro_rules! record {
    ($t:ty, $name:literal) => {
        impl Record for $t {
            const TABLE: &'static str = $name;
            fn id(&self) -> &str {
                &self.id
            }
            fn meta(&self) -> &Meta {
                &self.meta
            }
        }
    };
}
record!(Village, "village");
record!(Hamlet, "hamlets");
record!(Posyandu, "posyandu");
record!(Cadre, "cadres");
record!(Household, "households");
record!(HouseholdCondition, "household_conditions");
record!(Mother, "mothers");
record!(Pregnancy, "pregnancies");
record!(Child, "children");
record!(PregnancyVisit, "pregnancy_visits");
record!(ChildVisit, "child_visits");
record!(PaudVisit, "paud_visits");
record!(Measurement, "measurements");

/// Orders two versions of one record by the merge rule: `Greater` means `a` wins.
pub fn compare_versions<R: Record>(a: &R, b: &R) -> Ordering {
    let (ma, mb) = (a.meta(), b.meta());
    ma.version
        .cmp(&mb.version)
        .then(ma.updated_at.cmp(&mb.updated_at))
        .then(ma.device_id.cmp(&mb.device_id))
        .then_with(|| {
            if a == b {
                Ordering::Equal
            } else {
                let ja = serde_json::to_vec(a).unwrap_or_default();
                let jb = serde_json::to_vec(b).unwrap_or_default();
                ja.cmp(&jb)
            }
        })
}

/// A version that lost a merge, for the edit history.
#[derive(Debug, Clone, PartialEq)]
pub struct Superseded {
    pub table: &'static str,
    pub record_id: Id,
    /// The losing version's meta (version, updated_at, device).
    pub meta: Meta,
    /// The losing version as the model's JSON.
    pub json: String,
    /// The version that won, for the history's explanation.
    pub winner: Meta,
}

/// What importing one bundle changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergePlan {
    /// Records not yet in the village: insert (an id already used elsewhere is a mixing attempt).
    pub inserts: VillageData,
    /// Records that win over the stored version: replace it.
    pub updates: VillageData,
    /// Losing versions (stored ones replaced, or incoming ones that lost).
    pub superseded: Vec<Superseded>,
    pub stats: MergeStats,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub inserted: u64,
    pub updated: u64,
    /// Incoming versions identical to the stored one (re-imports).
    pub unchanged: u64,
    /// Incoming versions that lost to the stored one.
    pub kept_existing: u64,
}

impl MergePlan {
    pub fn is_noop(&self) -> bool {
        self.stats.inserted == 0 && self.stats.updated == 0 && self.superseded.is_empty()
    }
}

fn superseded<R: Record>(loser: &R, winner: &R) -> Superseded {
    Superseded {
        table: R::TABLE,
        record_id: loser.id().to_string(),
        meta: loser.meta().clone(),
        json: serde_json::to_string(loser).unwrap_or_default(),
        winner: winner.meta().clone(),
    }
}

fn plan_table<R: Record>(
    existing: &[R],
    incoming: &[R],
    inserts: &mut Vec<R>,
    updates: &mut Vec<R>,
    out: &mut Vec<Superseded>,
    stats: &mut MergeStats,
) {
    let by_id: HashMap<&str, &R> = existing.iter().map(|r| (r.id(), r)).collect();
    for r in incoming {
        match by_id.get(r.id()) {
            None => {
                inserts.push(r.clone());
                stats.inserted += 1;
            }
            Some(old) => match compare_versions(r, *old) {
                Ordering::Equal => stats.unchanged += 1,
                Ordering::Greater => {
                    out.push(superseded(*old, r));
                    updates.push(r.clone());
                    stats.updated += 1;
                }
                Ordering::Less => {
                    out.push(superseded(r, *old));
                    stats.kept_existing += 1;
                }
            },
        }
    }
}

/// The plan for merging `incoming` (a checked bundle's records) into `existing` (the same
/// village's current records). `incoming` has no duplicate ids (`validate` ensures it).
pub fn plan_merge(existing: &VillageData, incoming: &VillageData) -> MergePlan {
    let mut p = MergePlan::default();
    let (ins, upd, sup, st) = (&mut p.inserts, &mut p.updates, &mut p.superseded, &mut p.stats);
    let ev: Vec<Village> = existing.village.iter().cloned().collect();
    let iv: Vec<Village> = incoming.village.iter().cloned().collect();
    let (mut vi, mut vu) = (Vec::new(), Vec::new());
    plan_table(&ev, &iv, &mut vi, &mut vu, sup, st);
    ins.village = vi.pop();
    upd.village = vu.pop();
    macro_rules! tables {
        ($($f:ident),*) => { $( plan_table(&existing.$f, &incoming.$f, &mut ins.$f, &mut upd.$f, sup, st); )* };
    }
    tables!(
        hamlets, posyandu, cadres, households, household_conditions, mothers, pregnancies, children,
        pregnancy_visits, child_visits, paud_visits, measurements
    );
    p
}

fn apply_table<R: Record>(target: &mut Vec<R>, inserts: &[R], updates: &[R]) {
    let mut pos: HashMap<String, usize> = target.iter().enumerate().map(|(i, r)| (r.id().to_string(), i)).collect();
    for r in updates.iter().chain(inserts) {
        match pos.get(r.id()) {
            Some(&i) => target[i] = r.clone(),
            None => {
                pos.insert(r.id().to_string(), target.len());
                target.push(r.clone());
            }
        }
    }
}

/// Applies a plan to in-memory data (the store applies it to SQLite; this is the reference).
pub fn apply_plan(data: &mut VillageData, plan: &MergePlan) {
    if let Some(v) = plan.updates.village.as_ref().or(plan.inserts.village.as_ref()) {
        data.village = Some(v.clone());
    }
    macro_rules! tables {
        ($($f:ident),*) => { $( apply_table(&mut data.$f, &plan.inserts.$f, &plan.updates.$f); )* };
    }
    tables!(
        hamlets, posyandu, cadres, households, household_conditions, mothers, pregnancies, children,
        pregnancy_visits, child_visits, paud_visits, measurements
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hamlet(name: &str, version: u32, updated_at: i64, dev: &str) -> Hamlet {
        Hamlet {
            id: "h1".into(),
            village_id: "v".into(),
            name: name.into(),
            meta: Meta { created_at: 1, updated_at, version, deleted: false, device_id: dev.into() },
        }
    }

    #[test]
    fn rule_is_version_then_time_then_device() {
        assert_eq!(compare_versions(&hamlet("a", 2, 1, "a"), &hamlet("b", 1, 9, "z")), Ordering::Greater);
        assert_eq!(compare_versions(&hamlet("a", 2, 5, "a"), &hamlet("b", 2, 9, "a")), Ordering::Less);
        assert_eq!(compare_versions(&hamlet("a", 2, 5, "b"), &hamlet("b", 2, 5, "a")), Ordering::Greater);
        assert_eq!(compare_versions(&hamlet("a", 2, 5, "b"), &hamlet("a", 2, 5, "b")), Ordering::Equal);
        // same meta, different content: still a strict, antisymmetric order
        let (x, y) = (hamlet("x", 2, 5, "b"), hamlet("y", 2, 5, "b"));
        assert_eq!(compare_versions(&x, &y), compare_versions(&y, &x).reverse());
        assert_ne!(compare_versions(&x, &y), Ordering::Equal);
    }

    #[test]
    fn merge_is_order_independent_and_idempotent() {
        let versions = [hamlet("a", 1, 1, "p"), hamlet("b", 2, 3, "p"), hamlet("c", 2, 3, "q"), hamlet("d", 2, 2, "z")];
        let mut finals = Vec::new();
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            let mut db = VillageData::default();
            let mut history = 0;
            for i in order {
                let inc = VillageData { hamlets: vec![versions[i].clone()], ..Default::default() };
                let plan = plan_merge(&db, &inc);
                history += plan.superseded.len();
                apply_plan(&mut db, &plan);
                // importing the same bundle again changes nothing
                let again = plan_merge(&db, &inc);
                assert!(again.stats.updated == 0 && again.stats.inserted == 0);
            }
            assert_eq!(history, 3, "every version but the winner lands in history once per first import");
            finals.push(db.hamlets.clone());
        }
        assert!(finals.iter().all(|f| f == &vec![versions[2].clone()]));
    }
}
