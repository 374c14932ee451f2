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

use crate::model::*;
pub use crate::store::Record;

/// A visit is unique per (target, month) among live rows (domain.md 11; the store's unique index).
pub trait Monthly: Record {
    fn target(&self) -> &str;
    fn month(&self) -> YearMonth;
}
impl Monthly for PregnancyVisit {
    fn target(&self) -> &str {
        &self.pregnancy_id
    }
    fn month(&self) -> YearMonth {
        self.month
    }
}
impl Monthly for ChildVisit {
    fn target(&self) -> &str {
        &self.child_id
    }
    fn month(&self) -> YearMonth {
        self.month
    }
}
impl Monthly for PaudVisit {
    fn target(&self) -> &str {
        &self.child_id
    }
    fn month(&self) -> YearMonth {
        self.month
    }
}

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
    /// Whether the loser is the stored row (replaced or evicted) or an incoming version (dropped).
    pub was_stored: bool,
}

/// The records a bundle carries or a merge writes: the village's data and the cadres' notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub data: VillageData,
    pub notes: Vec<Note>,
}

/// What importing one bundle changes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergePlan {
    /// Records not yet in the village: insert (an id already used elsewhere is a mixing attempt).
    pub inserts: Records,
    /// Records that win over the stored version: replace it (the stored one goes to history).
    pub updates: Records,
    /// Stored visits that lost their (target, month) to an incoming visit with another id:
    /// removed from their table, kept in the history (docs/adr/0003-merge-rule.md).
    pub evictions: Vec<(&'static str, Id)>,
    /// Losing versions: stored ones replaced or evicted, incoming ones that lost. The store keeps
    /// each once (re-importing a bundle adds nothing).
    pub superseded: Vec<Superseded>,
    pub stats: MergeStats,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub inserted: u64,
    pub updated: u64,
    /// Incoming versions identical to the stored one (re-imports).
    pub unchanged: u64,
    /// Incoming versions that lost to the stored one (same id, or same target and month).
    pub kept_existing: u64,
    /// Stored visits replaced by another device's visit for the same target and month.
    pub evicted: u64,
}

impl MergePlan {
    /// Nothing to write but (possibly) history entries already kept by an earlier import.
    pub fn changes_nothing(&self) -> bool {
        self.stats.inserted == 0 && self.stats.updated == 0 && self.stats.evicted == 0
    }
}

fn superseded<R: Record>(loser: &R, was_stored: bool) -> Superseded {
    Superseded {
        table: R::TABLE,
        record_id: loser.id().to_string(),
        meta: loser.meta().clone(),
        json: serde_json::to_string(loser).unwrap_or_default(),
        was_stored,
    }
}

struct Out<'a> {
    superseded: &'a mut Vec<Superseded>,
    evictions: &'a mut Vec<(&'static str, Id)>,
    stats: &'a mut MergeStats,
}

fn plan_table<R: Record>(
    existing: &[R],
    incoming: &[R],
    inserts: &mut Vec<R>,
    updates: &mut Vec<R>,
    out: &mut Out,
) {
    let by_id: HashMap<&str, &R> = existing.iter().map(|r| (r.id(), r)).collect();
    for r in incoming {
        match by_id.get(r.id()) {
            None => {
                inserts.push(r.clone());
                out.stats.inserted += 1;
            }
            Some(old) => match compare_versions(r, *old) {
                Ordering::Equal => out.stats.unchanged += 1,
                Ordering::Greater => {
                    out.superseded.push(superseded(*old, true));
                    updates.push(r.clone());
                    out.stats.updated += 1;
                }
                Ordering::Less => {
                    out.superseded.push(superseded(r, false));
                    out.stats.kept_existing += 1;
                }
            },
        }
    }
}

/// After the per-id plan: one live visit per (target, month). A planned live visit whose key is
/// held by another id competes with the holder by the same rule; the loser leaves the table.
fn resolve_months<R: Monthly>(
    existing: &[R],
    inserts: &mut Vec<R>,
    updates: &mut Vec<R>,
    out: &mut Out,
) {
    if inserts.is_empty() && updates.is_empty() {
        return;
    }
    let updated: HashMap<&str, &R> = updates.iter().map(|r| (r.id(), r)).collect();
    // The live holder of each key once the planned updates are applied.
    let mut holder: HashMap<(String, YearMonth), R> = HashMap::new();
    for e in existing {
        let now = updated.get(e.id()).copied().unwrap_or(e);
        if !now.meta().deleted {
            holder.insert((now.target().to_string(), now.month()), now.clone());
        }
    }
    let mut dropped: Vec<String> = Vec::new();
    let candidates: Vec<R> = updates
        .iter()
        .chain(inserts.iter())
        .filter(|r| !r.meta().deleted)
        .cloned()
        .collect();
    for c in candidates {
        let key = (c.target().to_string(), c.month());
        match holder.get(&key) {
            Some(h) if h.id() != c.id() => {
                if compare_versions(&c, h) == Ordering::Greater {
                    let h = h.clone();
                    let planned = inserts
                        .iter()
                        .chain(updates.iter())
                        .any(|r| r.id() == h.id());
                    if planned {
                        // an incoming record displaced by a later incoming one: it never lands
                        dropped.push(h.id().to_string());
                        out.superseded.push(superseded(&h, false));
                    } else {
                        out.evictions.push((R::TABLE, h.id().to_string()));
                        out.superseded.push(superseded(&h, true));
                        out.stats.evicted += 1;
                    }
                    holder.insert(key, c);
                } else {
                    dropped.push(c.id().to_string());
                    out.superseded.push(superseded(&c, false));
                    out.stats.kept_existing += 1;
                }
            }
            _ => {
                holder.insert(key, c);
            }
        }
    }
    if !dropped.is_empty() {
        let (i0, u0) = (inserts.len(), updates.len());
        inserts.retain(|r| !dropped.iter().any(|d| d == r.id()));
        updates.retain(|r| !dropped.iter().any(|d| d == r.id()));
        // the counters say what is written
        out.stats.inserted -= (i0 - inserts.len()) as u64;
        out.stats.updated -= (u0 - updates.len()) as u64;
    }
}

/// The plan for merging `incoming` (a checked bundle's records) into `existing` (the same
/// village's stored records, deleted rows included). `incoming` has no duplicate ids and at most
/// one live visit per target and month (`validate` ensures both).
pub fn plan_merge(
    existing: &Records,
    incoming: &VillageData,
    incoming_notes: &[Note],
) -> MergePlan {
    let mut p = MergePlan::default();
    let (e, i) = (&existing.data, incoming);
    let (ins, upd) = (&mut p.inserts, &mut p.updates);
    let mut out = Out {
        superseded: &mut p.superseded,
        evictions: &mut p.evictions,
        stats: &mut p.stats,
    };
    let ev: Vec<Village> = e.village.iter().cloned().collect();
    let iv: Vec<Village> = i.village.iter().cloned().collect();
    let (mut vi, mut vu) = (Vec::new(), Vec::new());
    plan_table(&ev, &iv, &mut vi, &mut vu, &mut out);
    ins.data.village = vi.pop();
    upd.data.village = vu.pop();
    macro_rules! tables {
        ($($f:ident),*) => { $( plan_table(&e.$f, &i.$f, &mut ins.data.$f, &mut upd.data.$f, &mut out); )* };
    }
    crate::village_lists!(tables);
    plan_table(
        &existing.notes,
        incoming_notes,
        &mut ins.notes,
        &mut upd.notes,
        &mut out,
    );
    resolve_months(
        &e.pregnancy_visits,
        &mut ins.data.pregnancy_visits,
        &mut upd.data.pregnancy_visits,
        &mut out,
    );
    resolve_months(
        &e.child_visits,
        &mut ins.data.child_visits,
        &mut upd.data.child_visits,
        &mut out,
    );
    resolve_months(
        &e.paud_visits,
        &mut ins.data.paud_visits,
        &mut upd.data.paud_visits,
        &mut out,
    );
    p
}

impl MergePlan {
    /// The plan for a village with nothing stored yet (`existing` empty): every record is an
    /// insert, as `plan_merge(&Records::default(), ..)` decides, without copying the records.
    /// `incoming` must have passed `check::validate` (no duplicate ids, at most one live visit
    /// per target and month), as for `plan_merge`.
    pub fn all_new(incoming: VillageData, incoming_notes: Vec<Note>) -> MergePlan {
        let inserted = (incoming.record_count() + incoming_notes.len()) as u64;
        MergePlan {
            inserts: Records {
                data: incoming,
                notes: incoming_notes,
            },
            stats: MergeStats {
                inserted,
                ..MergeStats::default()
            },
            ..MergePlan::default()
        }
    }
}

fn apply_table<R: Record>(
    target: &mut Vec<R>,
    inserts: &[R],
    updates: &[R],
    evictions: &[(&'static str, Id)],
) {
    target.retain(|r| {
        !evictions
            .iter()
            .any(|(t, id)| *t == R::TABLE && id == r.id())
    });
    let mut pos: HashMap<String, usize> = target
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id().to_string(), i))
        .collect();
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

/// Applies a plan to in-memory records (the store applies it to SQLite; this is the reference).
pub fn apply_plan(rec: &mut Records, plan: &MergePlan) {
    let (ins, upd, ev) = (&plan.inserts.data, &plan.updates.data, &plan.evictions[..]);
    if let Some(v) = upd.village.as_ref().or(ins.village.as_ref()) {
        rec.data.village = Some(v.clone());
    }
    let data = &mut rec.data;
    macro_rules! tables {
        ($($f:ident),*) => { $( apply_table(&mut data.$f, &ins.$f, &upd.$f, ev); )* };
    }
    crate::village_lists!(tables);
    apply_table(&mut rec.notes, &plan.inserts.notes, &plan.updates.notes, ev);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hamlet(name: &str, version: u32, updated_at: i64, dev: &str) -> Hamlet {
        Hamlet {
            id: "h1".into(),
            village_id: "v".into(),
            name: name.into(),
            meta: Meta {
                created_at: 1,
                updated_at,
                version,
                deleted: false,
                device_id: dev.into(),
            },
        }
    }

    #[test]
    fn rule_is_version_then_time_then_device() {
        assert_eq!(
            compare_versions(&hamlet("a", 2, 1, "a"), &hamlet("b", 1, 9, "z")),
            Ordering::Greater
        );
        assert_eq!(
            compare_versions(&hamlet("a", 2, 5, "a"), &hamlet("b", 2, 9, "a")),
            Ordering::Less
        );
        assert_eq!(
            compare_versions(&hamlet("a", 2, 5, "b"), &hamlet("b", 2, 5, "a")),
            Ordering::Greater
        );
        assert_eq!(
            compare_versions(&hamlet("a", 2, 5, "b"), &hamlet("a", 2, 5, "b")),
            Ordering::Equal
        );
        // same meta, different content: still a strict, antisymmetric order
        let (x, y) = (hamlet("x", 2, 5, "b"), hamlet("y", 2, 5, "b"));
        assert_eq!(compare_versions(&x, &y), compare_versions(&y, &x).reverse());
        assert_ne!(compare_versions(&x, &y), Ordering::Equal);
    }

    #[test]
    fn a_new_village_plans_the_same_without_copying() {
        let notes = crate::bundle::sample::bundle("d").notes;
        let end = YearMonth::new(2025, 6).unwrap();
        let small = crate::demo::generate_village(7, &crate::demo::VillageSize::small(), end);
        for v in [crate::bundle::sample::village_data("d"), small] {
            assert!(v.record_count() > 5);
            let plan = plan_merge(&Records::default(), &v, &notes);
            assert_eq!(plan.stats.inserted as usize, v.record_count() + notes.len());
            assert_eq!(MergePlan::all_new(v, notes.clone()), plan);
        }
    }

    #[test]
    fn merge_is_order_independent_and_idempotent() {
        let versions = [
            hamlet("a", 1, 1, "p"),
            hamlet("b", 2, 3, "p"),
            hamlet("c", 2, 3, "q"),
            hamlet("d", 2, 2, "z"),
        ];
        let mut finals = Vec::new();
        for order in [[0, 1, 2, 3], [3, 2, 1, 0], [2, 0, 3, 1], [1, 3, 0, 2]] {
            let mut db = Records::default();
            let mut history = 0;
            for i in order {
                let inc = VillageData {
                    hamlets: vec![versions[i].clone()],
                    ..Default::default()
                };
                let plan = plan_merge(&db, &inc, &[]);
                history += plan.superseded.len();
                apply_plan(&mut db, &plan);
                // importing the same bundle again changes nothing
                let again = plan_merge(&db, &inc, &[]);
                assert!(again.stats.updated == 0 && again.stats.inserted == 0);
            }
            assert_eq!(
                history, 3,
                "every version but the winner lands in history once per first import"
            );
            finals.push(db.data.hamlets.clone());
        }
        assert!(finals.iter().all(|f| f == &vec![versions[2].clone()]));
    }
}
