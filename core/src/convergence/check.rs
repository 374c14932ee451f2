//! The scorecard's own consistency checks (domain.md 11 "Percentages and tables"): they reject what
//! hand-filled templates produced (700 %, HIJAU 1080 of 147). An empty list means consistent.

use crate::model::{Issue, TargetKind, Text};

use super::types::{Ratio, Scorecard};

fn issue(rule: &str, field: &str, id: String, en: String) -> Issue {
    Issue::error(field, rule, Text::new(id, en))
}

fn ratio_ok(out: &mut Vec<Issue>, what: &str, r: &Ratio) {
    if r.numerator > r.denominator || r.percent_hundredths.is_some_and(|p| p > 10000) {
        out.push(issue(
            "C-PCT-100",
            what,
            format!("{what}: {} dari {} melebihi 100 %", r.numerator, r.denominator),
            format!("{what}: {} of {} exceeds 100 %", r.numerator, r.denominator),
        ));
    }
    if (r.denominator == 0) != r.percent_hundredths.is_none() {
        out.push(issue("C-PCT-NA", what, format!("{what}: penyebut nol harus '-'"), format!("{what}: a zero denominator must show '-'")));
    }
}

impl Scorecard {
    /// Checks the section 11 invariants; returns every violation found.
    pub fn check(&self) -> Vec<Issue> {
        let mut out = Vec::new();
        let targets_of = |k: TargetKind| match k {
            TargetKind::Pregnancy => self.pregnancies.len() as u32,
            TargetKind::Child => self.children.len() as u32,
            TargetKind::Paud => self.paud.len() as u32,
        };
        // Per indicator: Y <= seharusnya <= targets, no % over 100.
        let (mut py, mut pd, mut cy, mut cd) = (0u64, 0u64, 0u64, 0u64);
        for c in &self.table3 {
            let due = c.yes + c.no;
            if c.targets != targets_of(c.group) || c.yes + c.no + c.not_applicable != c.targets || due > c.targets {
                out.push(issue(
                    "C-Y-DUE-TARGETS",
                    c.indicator.code(),
                    format!("{}: Y {} / seharusnya {} / sasaran {} tidak konsisten", c.indicator, c.yes, due, c.targets),
                    format!("{}: Y {} / due {} / targets {} inconsistent", c.indicator, c.yes, due, c.targets),
                ));
            }
            ratio_ok(&mut out, c.indicator.code(), &c.coverage);
            if let Some(f) = &c.father {
                ratio_ok(&mut out, c.indicator.code(), f);
                if f.numerator > c.coverage.denominator {
                    out.push(issue("C-LAKI", c.indicator.code(), "Laki melebihi seharusnya".into(), "father count exceeds due".into()));
                }
            }
            match c.group {
                TargetKind::Pregnancy => {
                    py += c.yes as u64;
                    pd += due as u64;
                }
                TargetKind::Child => {
                    cy += c.yes as u64;
                    cd += due as u64;
                }
                TargetKind::Paud => {}
            }
        }
        // Table 4 = the pooled Table 3 counts (domain.md 5.3).
        let t4 = &self.table4;
        if (t4.pregnancy.numerator, t4.pregnancy.denominator) != (py, pd)
            || (t4.child.numerator, t4.child.denominator) != (cy, cd)
            || t4.total.numerator != py + cy
            || t4.total.denominator != pd + cd
        {
            out.push(issue("C-T4-POOLED", "table4", "Tabel 4 tidak sama dengan jumlah Tabel 3".into(), "Table 4 differs from the pooled Table 3 counts".into()));
        }
        for (what, r) in [("table4.pregnancy", &t4.pregnancy), ("table4.child", &t4.child), ("table4.total", &t4.total), ("pd1", &self.pd1.person_months), ("pd1.per_child", &self.pd1.per_child)] {
            ratio_ok(&mut out, what, r);
        }
        for r in &self.pregnancies {
            ratio_ok(&mut out, "3A", &r.convergence);
        }
        for r in &self.children {
            ratio_ok(&mut out, "3B", &r.convergence);
        }
        // Table 1 (KEK/RESTI <= total, GK/GB/S <= total) and Table 2 (H + K + M + TD = total).
        let t1 = &self.table1;
        if t1.pregnancies_kek_risti > t1.pregnancies || t1.children_gk_gb_s > t1.children || t1.households > t1.pregnancies + t1.children {
            out.push(issue("C-T1-SUBSET", "table1", "Tabel 1: bagian melebihi total".into(), "Table 1: a part exceeds its total".into()));
        }
        if t1.pregnancies != self.pregnancies.len() as u32 || t1.children != self.children.len() as u32 {
            out.push(issue("C-T1-ROWS", "table1", "Tabel 1 tidak sama dengan jumlah baris 3A/3B".into(), "Table 1 differs from the 3A/3B rows".into()));
        }
        let t2 = &self.table2;
        if t2.green + t2.yellow + t2.red + t2.not_measured != t2.children || t2.children != t1.children {
            out.push(issue(
                "C-T2-SUM",
                "table2",
                format!("Tabel 2: H {} + K {} + M {} + TD {} != {}", t2.green, t2.yellow, t2.red, t2.not_measured, t2.children),
                format!("Table 2: H {} + K {} + M {} + TD {} != {}", t2.green, t2.yellow, t2.red, t2.not_measured, t2.children),
            ));
        }
        let f = &self.form1a;
        if f.gizi_kurang + f.gizi_buruk + f.stunting > f.children
            || f.children_without_insurance > f.children
            || f.children_without_birth_certificate > f.children
            || f.pregnancies_without_insurance > t1.pregnancies
            || f.vulnerable_households > f.households
            || f.households_without_water > f.households
            || f.households_without_latrine > f.households
        {
            out.push(issue("C-F1A-SUBSET", "form1a", "Formulir 1 (a): bagian melebihi total".into(), "Form 1 (a): a part exceeds its total".into()));
        }
        for r in self.table5.rows.iter().chain(std::iter::once(&self.table5.total)) {
            ratio_ok(&mut out, "table5", &r.share);
        }
        // PD-1 person-months: attended <= enrolled each month.
        if self.pd1.months.iter().any(|m| m.attended > m.enrolled) {
            out.push(issue("C-PD1-MONTH", "pd1", "PD-1: hadir melebihi terdaftar".into(), "PD-1: attended exceeds enrolled".into()));
        }
        // Breakdowns add up to the village.
        for (what, list) in [("by_hamlet", &self.by_hamlet), ("by_posyandu", &self.by_posyandu)] {
            let p: u32 = list.iter().map(|b| b.pregnancies).sum();
            let c: u32 = list.iter().map(|b| b.children).sum();
            let y: u64 = list.iter().map(|b| b.total.numerator).sum();
            let d: u64 = list.iter().map(|b| b.total.denominator).sum();
            let g: u32 = list.iter().map(|b| b.gaps).sum();
            if p != t1.pregnancies || c != t1.children || y != t4.total.numerator || d != t4.total.denominator || g as usize != self.gaps.iter().map(|t| t.gaps.len()).sum::<usize>() {
                out.push(issue("C-BREAKDOWN-SUM", what, format!("{what} tidak sama dengan total desa"), format!("{what} does not add up to the village")));
            }
            for b in list {
                ratio_ok(&mut out, what, &b.total);
            }
        }
        out
    }
}
