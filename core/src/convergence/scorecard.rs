//! Assembling the quarter's scorecard: 3A, 3B, 2C/PD-1, Format 4 tables 1-5, Formulir 1, breakdowns
//! by hamlet and posyandu, and the gap list (domain.md 3.5-3.7, 5, A.5, A.10). The snapshot is indexed
//! once (records grouped by target id); each target's rows are evaluated once.

use crate::labels;
use crate::model::{
    ChildVisit, HouseholdCondition, Id, MatResult, Measurement, NutritionStatus, Outcome, PaudVisit, PregnancyVisit,
    Quarter, TargetKind, VillageData,
};
use crate::ruleset::{Aggregation, RuleSet};

use super::records::FxMap;
use super::target::{child_gaps, child_row, gap_meta, paud_gaps, paud_row, pregnancy_gaps, pregnancy_row, Answers, DeriveStatus, Registry};
use super::types::*;

/// Counters of one population (the village, a hamlet, a posyandu).
#[derive(Clone)]
struct Acc {
    /// Per rule-set indicator: yes, no, ts, also (father) met.
    ind: Vec<[u32; 4]>,
    pregnancies: u32,
    children: u32,
    paud_children: u32,
    paud_active: u32,
    preg: (u64, u64),
    child: (u64, u64),
    pd_months: Vec<(u32, u32)>,
    gaps: u32,
}

impl Acc {
    fn new(n: usize) -> Acc {
        Acc {
            ind: vec![[0; 4]; n],
            pregnancies: 0,
            children: 0,
            paud_children: 0,
            paud_active: 0,
            preg: (0, 0),
            child: (0, 0),
            pd_months: vec![(0, 0); 3],
            gaps: 0,
        }
    }
    fn add_results(&mut self, offsets: &[usize], results: &[IndicatorResult]) -> (u64, u64) {
        let (mut y, mut d) = (0, 0);
        for (r, &i) in results.iter().zip(offsets) {
            let c = &mut self.ind[i];
            match r.outcome {
                Outcome::Yes => {
                    c[0] += 1;
                    y += 1;
                    d += 1;
                }
                Outcome::No => {
                    c[1] += 1;
                    d += 1;
                    self.gaps += 1;
                }
                Outcome::NotApplicable => c[2] += 1,
            }
            if r.also_met && r.outcome != Outcome::NotApplicable {
                c[3] += 1;
            }
        }
        (y, d)
    }
    fn add_pregnancy(&mut self, offsets: &[usize], row: &PregnancyRow) {
        self.pregnancies += 1;
        let (y, d) = self.add_results(offsets, &row.results);
        self.preg.0 += y;
        self.preg.1 += d;
    }
    fn add_child(&mut self, offsets: &[usize], row: &ChildRow) {
        self.children += 1;
        let (y, d) = self.add_results(offsets, &row.results);
        self.child.0 += y;
        self.child.1 += d;
    }
    fn add_paud(&mut self, offsets: &[usize], row: &PaudRow) {
        self.paud_children += 1;
        self.add_results(offsets, std::slice::from_ref(&row.result));
        if row.result.outcome == Outcome::Yes {
            self.paud_active += 1;
        }
        for (i, m) in row.months.iter().enumerate() {
            match m.cell {
                crate::model::PaudCell::Attended => {
                    self.pd_months[i].0 += 1;
                    self.pd_months[i].1 += 1;
                }
                crate::model::PaudCell::Absent => self.pd_months[i].1 += 1,
                crate::model::PaudCell::NotEnrolled => {}
            }
        }
    }
    fn person_months(&self) -> Ratio {
        let (a, e) = self.pd_months.iter().fold((0u64, 0u64), |(a, e), m| (a + m.0 as u64, e + m.1 as u64));
        Ratio::new(a, e)
    }
    fn coverage(&self, rules: &RuleSet) -> Vec<IndicatorCoverage> {
        rules
            .indicators
            .iter()
            .zip(&self.ind)
            .map(|(rule, c)| {
                let targets = c[0] + c[1] + c[2];
                let person_months = rules.group(rule.group).is_some_and(|g| g.aggregation == Aggregation::PersonMonths);
                let due = (c[0] + c[1]) as u64;
                IndicatorCoverage {
                    indicator: rule.id,
                    group: rule.group,
                    package: rule.package,
                    label: labels::indicator_short(rule.id),
                    targets,
                    yes: c[0],
                    no: c[1],
                    not_applicable: c[2],
                    coverage: if person_months { self.person_months() } else { Ratio::new(c[0] as u64, due) },
                    father: rule.also_count.map(|_| Ratio::new(c[3] as u64, due)),
                }
            })
            .collect()
    }
    fn breakdown(&self, rules: &RuleSet, id: Option<Id>, name: String) -> Breakdown {
        Breakdown {
            id,
            name,
            pregnancies: self.pregnancies,
            children: self.children,
            paud_children: self.paud_children,
            pregnancy: Ratio::new(self.preg.0, self.preg.1),
            child: Ratio::new(self.child.0, self.child.1),
            total: self.village_total(rules),
            pd1: self.person_months(),
            indicators: self.coverage(rules),
            gaps: self.gaps,
        }
    }
    /// Pooled ratio of the groups that are part of the village total (domain.md 5.3: not PD-1).
    fn village_total(&self, rules: &RuleSet) -> Ratio {
        let mut y = 0;
        let mut d = 0;
        for g in rules.groups.iter().filter(|g| g.in_village_total) {
            let (gy, gd) = match g.kind {
                TargetKind::Pregnancy => self.preg,
                TargetKind::Child => self.child,
                TargetKind::Paud => self.person_months_pair(),
            };
            y += gy;
            d += gd;
        }
        Ratio::new(y, d)
    }
    fn person_months_pair(&self) -> (u64, u64) {
        let r = self.person_months();
        (r.numerator, r.denominator)
    }
}

/// Breakdown accumulators keyed by hamlet or posyandu id, in register order, "none" last.
struct Groups {
    index: FxMap<Id, usize>,
    names: Vec<(Option<Id>, String)>,
    accs: Vec<Acc>,
}

impl Groups {
    fn new(entries: impl Iterator<Item = (Id, String)>, n: usize) -> Groups {
        let mut g = Groups { index: FxMap::default(), names: Vec::new(), accs: Vec::new() };
        for (id, name) in entries {
            if !g.index.contains_key(&id) {
                g.index.insert(id.clone(), g.names.len());
                g.names.push((Some(id), name));
                g.accs.push(Acc::new(n));
            }
        }
        g.names.push((None, labels::unassigned().id));
        g.accs.push(Acc::new(n));
        g
    }
    fn get(&mut self, id: &Option<Id>) -> &mut Acc {
        let none = self.accs.len() - 1;
        let i = id.as_ref().and_then(|id| self.index.get(id).copied()).unwrap_or(none);
        &mut self.accs[i]
    }
    fn finish(self, rules: &RuleSet) -> Vec<Breakdown> {
        self.names
            .into_iter()
            .zip(self.accs)
            .filter(|((id, _), acc)| id.is_some() || acc.pregnancies + acc.children + acc.paud_children > 0)
            .map(|((id, name), acc)| acc.breakdown(rules, id, name))
            .collect()
    }
}

/// Records grouped by target (a counting sort): `order[start[t]..start[t + 1]]` are the indices of
/// target t's records. Two passes, no per-target allocation.
struct Grouped {
    start: Vec<u32>,
    order: Vec<u32>,
}

impl Grouped {
    fn new<'a, T>(targets: usize, items: &'a [T], mut key: impl FnMut(&'a T) -> Option<usize>) -> Grouped {
        let mut keys: Vec<u32> = Vec::with_capacity(items.len());
        let mut start = vec![0u32; targets + 1];
        for it in items {
            let k = key(it).map_or(u32::MAX, |k| k as u32);
            if k != u32::MAX {
                start[k as usize + 1] += 1;
            }
            keys.push(k);
        }
        for i in 0..targets {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut order = vec![0u32; start[targets] as usize];
        for (i, k) in keys.iter().enumerate() {
            if *k != u32::MAX {
                let f = &mut fill[*k as usize];
                order[*f as usize] = i as u32;
                *f += 1;
            }
        }
        Grouped { start, order }
    }
    fn of(&self, t: usize) -> &[u32] {
        &self.order[self.start[t] as usize..self.start[t + 1] as usize]
    }
}

/// A target's index by id, remembering the last answer: a target's records usually follow one
/// another (a form per target per month), so most look-ups compare one string instead of hashing.
struct Lookup<'i, 'a> {
    index: &'i FxMap<&'a str, usize>,
    last: Option<(&'a str, Option<usize>)>,
}

impl<'i, 'a> Lookup<'i, 'a> {
    fn new(index: &'i FxMap<&'a str, usize>) -> Self {
        Lookup { index, last: None }
    }
    #[inline]
    fn get(&mut self, id: &'a str) -> Option<usize> {
        if let Some((k, v)) = self.last {
            if k == id {
                return v;
            }
        }
        let v = self.index.get(id).copied();
        self.last = Some((id, v));
        v
    }
}

/// Fills `buf` with target t's records.
fn fill<'a, T>(buf: &mut Vec<&'a T>, g: &Grouped, items: &'a [T], t: usize) {
    buf.clear();
    buf.extend(g.of(t).iter().map(|&i| &items[i as usize]));
}

/// Table 5 from the entered budget lines (domain.md 3.7; % = stunting / total allocation of the bidang).
pub fn dana_desa(lines: &[BudgetLine]) -> Table5 {
    let row = |field: BudgetField| {
        let (t, s) = lines
            .iter()
            .filter(|l| l.field == field)
            .fold((0u64, 0u64), |(t, s), l| (t.saturating_add(l.total_allocation), s.saturating_add(l.stunting_allocation)));
        Table5Row {
            field,
            label: labels::budget_field(field == BudgetField::VillageDevelopment),
            total_allocation: t,
            stunting_allocation: s,
            share: Ratio::new(s, t),
        }
    };
    let rows = vec![row(BudgetField::VillageDevelopment), row(BudgetField::CommunityEmpowerment)];
    let t: u64 = rows.iter().map(|r| r.total_allocation).fold(0, u64::saturating_add);
    let s: u64 = rows.iter().map(|r| r.stunting_allocation).fold(0, u64::saturating_add);
    let total = Table5Row {
        field: BudgetField::VillageDevelopment,
        label: labels::total(),
        total_allocation: t,
        stunting_allocation: s,
        share: Ratio::new(s, t),
    };
    Table5 { rows, total }
}

/// The full scorecard of a quarter (see `super` for the public entry points).
pub(crate) fn build<'a>(
    rules: &RuleSet,
    data: &'a VillageData,
    quarter: Quarter,
    inputs: &ReportInputs,
    derive: DeriveStatus<'_>,
) -> Scorecard {
    let end = quarter.last_day();
    let start = quarter.first_day();
    let reg = Registry::new(&data.households, &data.mothers);

    // Index the snapshot once: usable records up to the quarter's end, grouped by target.
    let preg_index: FxMap<&str, usize> = data.pregnancies.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let child_index: FxMap<&str, usize> = data.children.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let pv = Grouped::new(data.pregnancies.len(), &data.pregnancy_visits, {
        let mut find = Lookup::new(&preg_index);
        move |v: &'a PregnancyVisit| if v.meta.deleted || v.visit_date > end { None } else { find.get(&v.pregnancy_id) }
    });
    let cv = Grouped::new(data.children.len(), &data.child_visits, {
        let mut find = Lookup::new(&child_index);
        move |v: &'a ChildVisit| if v.meta.deleted || v.visit_date > end { None } else { find.get(&v.child_id) }
    });
    let dv = Grouped::new(data.children.len(), &data.paud_visits, {
        let mut find = Lookup::new(&child_index);
        move |v: &'a PaudVisit| {
            if v.meta.deleted || v.visit_date < start || v.visit_date > end { None } else { find.get(&v.child_id) }
        }
    });
    let ms = Grouped::new(data.children.len(), &data.measurements, {
        let mut find = Lookup::new(&child_index);
        move |m: &'a Measurement| if m.meta.deleted || m.date < start || m.date > end { None } else { find.get(&m.child_id) }
    });
    let mut rows_buf = Vec::with_capacity(32);
    let mut cache = super::evaluate::ReasonCache::default();

    let n = rules.indicators.len();
    let offsets = |k: TargetKind| -> Vec<usize> {
        rules.indicators.iter().enumerate().filter(|(_, r)| r.group == k).map(|(i, _)| i).collect()
    };
    let (off_p, off_c, off_d) = (offsets(TargetKind::Pregnancy), offsets(TargetKind::Child), offsets(TargetKind::Paud));

    let (gm_p, gm_c, gm_d) = (gap_meta(rules, TargetKind::Pregnancy), gap_meta(rules, TargetKind::Child), gap_meta(rules, TargetKind::Paud));
    let mut village = Acc::new(n);
    let mut hamlets = Groups::new(data.hamlets.iter().filter(|h| !h.meta.deleted).map(|h| (h.id.clone(), h.name.clone())), n);
    let mut posyandu = Groups::new(data.posyandu.iter().filter(|p| !p.meta.deleted).map(|p| (p.id.clone(), p.name.clone())), n);
    let mut gaps = Vec::with_capacity(data.pregnancies.len() + data.children.len());
    // Sized once (at most one entry per row): growing a map rehashes it several times.
    let rows_max = data.pregnancies.len() + data.children.len();
    let mut households: FxMap<&str, ()> = FxMap::with_capacity_and_hasher(rows_max, Default::default());
    let mut hh_answers: FxMap<&str, Answers> = FxMap::with_capacity_and_hasher(rows_max, Default::default());
    let mut form1a = Form1a {
        households: 0,
        vulnerable_households: 0,
        pregnancies_risti: 0,
        children: 0,
        gizi_kurang: 0,
        gizi_buruk: 0,
        stunting: 0,
        households_without_water: 0,
        households_without_latrine: 0,
        pregnancies_without_insurance: 0,
        children_without_insurance: 0,
        children_without_birth_certificate: 0,
    };
    let merge = |hh: &mut FxMap<&'a str, Answers>, id: Option<&'a str>, a: &Answers| {
        let Some(id) = id else { return };
        if a.water.is_none() && a.latrine.is_none() {
            return;
        }
        let e = hh.entry(id).or_default();
        if a.water.is_some_and(|w| e.water.is_none_or(|x| w.0 >= x.0)) {
            e.water = a.water;
        }
        if a.latrine.is_some_and(|w| e.latrine.is_none_or(|x| w.0 >= x.0)) {
            e.latrine = a.latrine;
        }
    };

    let mut pregnancies = Vec::with_capacity(data.pregnancies.len());
    let mut pv_buf: Vec<&PregnancyVisit> = Vec::new();
    for (i, p) in data.pregnancies.iter().enumerate() {
        if pv.of(i).is_empty() {
            continue;
        }
        fill(&mut pv_buf, &pv, &data.pregnancy_visits, i);
        let Some((row, ans)) = pregnancy_row(rules, &reg, p, &mut pv_buf, quarter, &mut rows_buf, &mut cache) else { continue };
        village.add_pregnancy(&off_p, &row);
        hamlets.get(&row.hamlet_id).add_pregnancy(&off_p, &row);
        posyandu.get(&row.posyandu_id).add_pregnancy(&off_p, &row);
        pregnancy_gaps(&gm_p, &row, &mut gaps);
        let mother = reg.mothers.get(p.mother_id.as_str());
        merge(&mut hh_answers, mother.map(|m| m.household_id.as_str()), &ans);
        let insured = ans.insurance.or_else(|| reg.mothers.get(p.mother_id.as_str()).map(|m| m.insurance));
        if insured == Some(false) {
            form1a.pregnancies_without_insurance += 1;
        }
        pregnancies.push(row);
    }

    let with_records = |g: &Grouped| (0..data.children.len()).filter(|i| !g.of(*i).is_empty()).count();
    let mut children = Vec::with_capacity(with_records(&cv));
    let mut paud = Vec::with_capacity(with_records(&dv));
    let (mut cv_buf, mut dv_buf, mut ms_buf): (Vec<&ChildVisit>, Vec<&PaudVisit>, Vec<&Measurement>) = (Vec::new(), Vec::new(), Vec::new());
    for (i, c) in data.children.iter().enumerate() {
        if !cv.of(i).is_empty() {
            fill(&mut cv_buf, &cv, &data.child_visits, i);
            fill(&mut ms_buf, &ms, &data.measurements, i);
            if let Some((row, ans)) = child_row(rules, &reg, c, &mut cv_buf, &ms_buf, quarter, derive, &mut rows_buf, &mut cache) {
                village.add_child(&off_c, &row);
                hamlets.get(&row.hamlet_id).add_child(&off_c, &row);
                posyandu.get(&row.posyandu_id).add_child(&off_c, &row);
                child_gaps(&gm_c, &row, &mut gaps);
                merge(&mut hh_answers, Some(c.household_id.as_str()), &ans);
                if ans.insurance.unwrap_or(c.insurance) == false {
                    form1a.children_without_insurance += 1;
                }
                if ans.birth_certificate.unwrap_or(c.birth_certificate) == false {
                    form1a.children_without_birth_certificate += 1;
                }
                children.push(row);
            }
        }
        if !dv.of(i).is_empty() {
            fill(&mut dv_buf, &dv, &data.paud_visits, i);
            if let Some(row) = paud_row(rules, &reg, c, &mut dv_buf, quarter, &mut rows_buf, &mut cache) {
                village.add_paud(&off_d, &row);
                hamlets.get(&row.hamlet_id).add_paud(&off_d, &row);
                posyandu.get(&row.posyandu_id).add_paud(&off_d, &row);
                paud_gaps(&gm_d, &row, &mut gaps);
                paud.push(row);
            }
        }
    }

    // Table 1 and Table 2 (domain.md 5.4 under A.10).
    for h in pregnancies.iter().filter_map(|r| r.household_id.as_deref()).chain(children.iter().filter_map(|r| r.household_id.as_deref())) {
        households.insert(h, ());
    }
    let is_status = |r: &ChildRow, s: NutritionStatus| r.nutrition_status == Some(s);
    let table1 = Table1 {
        households: households.len() as u32,
        pregnancies: pregnancies.len() as u32,
        pregnancies_kek_risti: pregnancies.iter().filter(|r| r.kek || r.risti).count() as u32,
        children: children.len() as u32,
        children_gk_gb_s: children
            .iter()
            .filter(|r| matches!(r.nutrition_status, Some(NutritionStatus::GiziKurang | NutritionStatus::GiziBuruk | NutritionStatus::Stunting)))
            .count() as u32,
    };
    let mat = |m: MatResult| children.iter().filter(|r| r.mat_result == m).count() as u32;
    let table2 = Table2 {
        children: children.len() as u32,
        green: mat(MatResult::Green),
        yellow: mat(MatResult::Yellow),
        red: mat(MatResult::Red),
        not_measured: mat(MatResult::NotMeasured),
    };

    // Formulir 1 (a): households' conditions at the quarter's end fill in where no monthly answer exists.
    let last_month = quarter.months()[2];
    let mut condition: FxMap<&str, &HouseholdCondition> = FxMap::with_capacity_and_hasher(households.len(), Default::default());
    for hc in data.household_conditions.iter().filter(|c| !c.meta.deleted && c.effective_from <= last_month) {
        if !households.contains_key(hc.household_id.as_str()) {
            continue;
        }
        let e = condition.entry(hc.household_id.as_str()).or_insert(hc);
        if (hc.effective_from, hc.meta.updated_at) > (e.effective_from, e.meta.updated_at) {
            *e = hc;
        }
    }
    form1a.households = table1.households;
    form1a.pregnancies_risti = table1.pregnancies_kek_risti;
    form1a.children = table1.children;
    form1a.gizi_kurang = children.iter().filter(|r| is_status(r, NutritionStatus::GiziKurang)).count() as u32;
    form1a.gizi_buruk = children.iter().filter(|r| is_status(r, NutritionStatus::GiziBuruk)).count() as u32;
    form1a.stunting = children.iter().filter(|r| is_status(r, NutritionStatus::Stunting)).count() as u32;
    for h in households.keys() {
        let cond = condition.get(h);
        let ans = hh_answers.get(*h).copied().unwrap_or_default();
        if cond.is_some_and(|c| c.vulnerable) {
            form1a.vulnerable_households += 1;
        }
        if ans.water.map(|w| w.1).or(cond.map(|c| c.safe_water)) == Some(false) {
            form1a.households_without_water += 1;
        }
        if ans.latrine.map(|w| w.1).or(cond.map(|c| c.latrine)) == Some(false) {
            form1a.households_without_latrine += 1;
        }
    }

    let table3 = village.coverage(rules);
    let table4 = Table4 {
        pregnancy: Ratio::new(village.preg.0, village.preg.1),
        child: Ratio::new(village.child.0, village.child.1),
        total: village.village_total(rules),
    };
    let months = quarter.months();
    let pd1 = Pd1Summary {
        person_months: village.person_months(),
        months: (0..3).map(|i| Pd1Month { month: months[i], attended: village.pd_months[i].0, enrolled: village.pd_months[i].1 }).collect(),
        enrolled_children: village.paud_children,
        active_children: village.paud_active,
        per_child: Ratio::new(village.paud_active as u64, village.paud_children as u64),
    };
    let draft_records = pregnancies.iter().map(|r| r.draft_months).sum::<u32>()
        + children.iter().map(|r| r.draft_months).sum::<u32>()
        + data
            .paud_visits
            .iter()
            .filter(|v| !v.meta.deleted && quarter.contains(v.visit_date) && v.status == crate::model::FormStatus::Draft)
            .count() as u32;

    let v = data.village.as_ref();
    Scorecard {
        ruleset: rules.stamp(),
        quarter,
        village_name: v.map(|v| v.name.clone()),
        village_code: v.map(|v| v.code.clone()),
        kecamatan: v.map(|v| v.kecamatan.clone()),
        kabupaten: v.map(|v| v.kabupaten.clone()),
        title: labels::format4_title(),
        heading: labels::quarter_heading(quarter),
        pregnancies,
        children,
        paud,
        table1,
        table2,
        table3,
        table4,
        pd1,
        table5: dana_desa(&inputs.budget),
        form1a,
        form1b: inputs.services.clone(),
        form1c: inputs.infrastructure.clone(),
        by_hamlet: hamlets.finish(rules),
        by_posyandu: posyandu.finish(rules),
        gaps,
        draft_records,
    }
}
