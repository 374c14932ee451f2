//! Several villages in one database: the subdistrict (kecamatan) desk imports the bundles of many
//! villages into one file (issue 4), and `pantau scorecard --village CODE | --all` computes each
//! village's scorecard from it. Additive to `snapshot` (whose loaders read a one-village phone
//! database): the list of villages, and a quarter's snapshot restricted to one village.
//!
//! A row's village: hamlets, posyandu, cadres and households by their `village_id`; mothers and
//! children through their household; pregnancies through their mother; visits and measurements
//! through their target. Otherwise the quarter's snapshot is the one of `snapshot::load_quarter`
//! (domain.md A.10 "Windows": the quarter's targets with all their records up to its end).

use rusqlite::Connection;

use super::error::Result;
use super::record::{load_where, Record};
use super::Store;
use crate::model::*;

fn rows<R: Record>(conn: &Connection, sql: &str, params: &[(&str, &dyn rusqlite::ToSql)]) -> Result<Vec<R>> {
    // SQLite refuses a named parameter the statement does not use: pass only those in `sql`.
    let used: Vec<(&str, &dyn rusqlite::ToSql)> = params.iter().copied().filter(|(n, _)| sql.contains(n)).collect();
    load_where(conn, sql, used.as_slice())
}

pub(crate) fn villages(conn: &Connection) -> Result<Vec<Village>> {
    load_where(conn, "deleted = 0 ORDER BY code, id", [])
}

pub(crate) fn load_quarter_of(conn: &Connection, village_id: &str, q: Quarter) -> Result<VillageData> {
    let [first, _, last] = q.months();
    let (first, last) = (first.to_string(), last.to_string());
    let end = q.last_day().format("%Y-%m-%d").to_string();
    let village_id = village_id.to_string();
    let p: [(&str, &dyn rusqlite::ToSql); 4] = [(":first", &first), (":last", &last), (":end", &end), (":village", &village_id)];

    const HH: &str = "SELECT id FROM household WHERE village_id = :village";
    let preg = format!(
        "SELECT pregnancy_id FROM pregnancy_visit WHERE deleted = 0 AND month BETWEEN :first AND :last
           AND pregnancy_id IN (SELECT id FROM pregnancy WHERE mother_id IN (SELECT id FROM mother WHERE household_id IN ({HH})))"
    );
    let child = format!(
        "SELECT child_id FROM child_visit WHERE deleted = 0 AND month BETWEEN :first AND :last
           AND child_id IN (SELECT id FROM child WHERE household_id IN ({HH}))
         UNION SELECT child_id FROM paud_visit WHERE deleted = 0 AND month BETWEEN :first AND :last
           AND child_id IN (SELECT id FROM child WHERE household_id IN ({HH}))"
    );
    let mothers_sql = format!(
        "deleted = 0 AND id IN (SELECT mother_id FROM pregnancy WHERE id IN ({preg})
                                UNION SELECT mother_id FROM child WHERE id IN ({child})) ORDER BY id"
    );
    let households_sql = format!(
        "deleted = 0 AND village_id = :village AND id IN (SELECT household_id FROM mother WHERE id IN
                                  (SELECT mother_id FROM pregnancy WHERE id IN ({preg}))
                                UNION SELECT household_id FROM child WHERE id IN ({child})) ORDER BY id"
    );
    let conditions_sql =
        format!("deleted = 0 AND effective_from <= :last AND household_id IN (SELECT id FROM household WHERE {households_sql})");
    let registers = "deleted = 0 AND village_id = :village ORDER BY id";
    Ok(VillageData {
        village: rows::<Village>(conn, "deleted = 0 AND id = :village", &p)?.into_iter().next(),
        hamlets: rows(conn, registers, &p)?,
        posyandu: rows(conn, registers, &p)?,
        cadres: rows(conn, registers, &p)?,
        households: rows(conn, &households_sql, &p)?,
        household_conditions: rows(conn, &conditions_sql, &p)?,
        mothers: rows(conn, &mothers_sql, &p)?,
        pregnancies: rows(conn, &format!("deleted = 0 AND id IN ({preg}) ORDER BY id"), &p)?,
        children: rows(conn, &format!("deleted = 0 AND id IN ({child}) ORDER BY id"), &p)?,
        pregnancy_visits: rows(
            conn,
            &format!("deleted = 0 AND month <= :last AND pregnancy_id IN ({preg}) ORDER BY pregnancy_id, month"),
            &p,
        )?,
        child_visits: rows(conn, &format!("deleted = 0 AND month <= :last AND child_id IN ({child}) ORDER BY child_id, month"), &p)?,
        paud_visits: rows(conn, &format!("deleted = 0 AND month <= :last AND child_id IN ({child}) ORDER BY child_id, month"), &p)?,
        measurements: rows(conn, &format!("deleted = 0 AND date <= :end AND child_id IN ({child}) ORDER BY child_id, date"), &p)?,
    })
}

impl Store {
    /// The live villages of the database, by official code.
    pub fn villages(&self) -> Result<Vec<Village>> {
        self.read(villages)
    }
    /// [`Store::load_quarter`] restricted to one village (by its id): what that village's quarterly
    /// scorecard needs in a database holding several villages.
    pub fn load_quarter_of(&self, village_id: &str, q: Quarter) -> Result<VillageData> {
        self.read(|c| load_quarter_of(c, village_id, q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convergence::{reported_status_only, scorecard_with};
    use crate::demo::{generate_village, VillageSize};
    use crate::ruleset::RuleSet;

    fn save_all(store: &Store, v: &VillageData) {
        store
            .transaction(|w| {
                for r in v.village.iter() {
                    w.put_as_is(r)?;
                }
                for r in &v.hamlets {
                    w.put_as_is(r)?;
                }
                for r in &v.posyandu {
                    w.put_as_is(r)?;
                }
                for r in &v.cadres {
                    w.put_as_is(r)?;
                }
                for r in &v.households {
                    w.put_as_is(r)?;
                }
                for r in &v.household_conditions {
                    w.put_as_is(r)?;
                }
                for r in &v.mothers {
                    w.put_as_is(r)?;
                }
                for r in &v.pregnancies {
                    w.put_as_is(r)?;
                }
                for r in &v.children {
                    w.put_as_is(r)?;
                }
                for r in &v.pregnancy_visits {
                    w.put_as_is(r)?;
                }
                for r in &v.child_visits {
                    w.put_as_is(r)?;
                }
                for r in &v.paud_visits {
                    w.put_as_is(r)?;
                }
                for r in &v.measurements {
                    w.put_as_is(r)?;
                }
                Ok(())
            })
            .unwrap();
    }

    /// The database's order (registers and targets by id, records by target and month).
    fn db_order(v: &mut VillageData) {
        v.hamlets.sort_by(|a, b| a.id.cmp(&b.id));
        v.posyandu.sort_by(|a, b| a.id.cmp(&b.id));
        v.pregnancies.sort_by(|a, b| a.id.cmp(&b.id));
        v.children.sort_by(|a, b| a.id.cmp(&b.id));
        v.pregnancy_visits.sort_by(|a, b| (&a.pregnancy_id, a.month).cmp(&(&b.pregnancy_id, b.month)));
        v.child_visits.sort_by(|a, b| (&a.child_id, a.month).cmp(&(&b.child_id, b.month)));
        v.paud_visits.sort_by(|a, b| (&a.child_id, a.month).cmp(&(&b.child_id, b.month)));
        v.measurements.sort_by(|a, b| (&a.child_id, a.date).cmp(&(&b.child_id, b.date)));
    }

    #[test]
    fn two_villages_in_one_database_keep_apart() {
        let end = YearMonth::new(2025, 6).unwrap();
        let q = Quarter::new(2025, 2).unwrap();
        let mut a = generate_village(1, &VillageSize::small(), end);
        let mut b = generate_village(2, &VillageSize::small(), end);
        db_order(&mut a);
        db_order(&mut b);
        // Distinct codes so the order is known.
        if let Some(v) = a.village.as_mut() {
            v.code = "00.00.00.0001".into();
        }
        let store = Store::open_in_memory().unwrap();
        save_all(&store, &a);
        save_all(&store, &b);
        let list = store.villages().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list[0].code, "00.00.00.0001");
        let rules = RuleSet::kpm_2019();
        for v in [&a, &b] {
            let id = &v.village.as_ref().unwrap().id;
            let loaded = store.load_quarter_of(id, q).unwrap();
            assert_eq!(loaded.village, v.village);
            assert!(loaded.hamlets.iter().all(|h| &h.village_id == id));
            assert!(loaded.households.iter().all(|h| &h.village_id == id));
            let from_db = scorecard_with(rules, &loaded, q, &reported_status_only);
            let in_memory = scorecard_with(rules, v, q, &reported_status_only);
            assert_eq!(from_db, in_memory);
            assert!(!from_db.children.is_empty(), "a quarter with no 3B row proves little");
        }
        assert!(store.load_quarter_of("no-such-village", q).unwrap().village.is_none());
    }
}
