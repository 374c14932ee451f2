//! `pantau scorecard --csv`: one row per village per indicator (Format 4 Table 3, which is also the
//! 3A/3B footer: Y, seharusnya, %; PD-1 in person-months, domain.md 4.5), then the village's three
//! Table 4 rows (domain.md 5.3). Columns, stable:
//!
//! `village_code, village_name, quarter, ruleset, section, indicator, group, targets, yes, due, percent, father`
//!
//! - `section` is `table3` or `table4`; Table 4 rows have `indicator` = `TABEL4` and `group`
//!   `IBU_HAMIL`, `ANAK_0_23` or `TOTAL`.
//! - `group` is the target kind's code (`IBU_HAMIL`, `ANAK_0_23`, `ANAK_PAUD`).
//! - `due` is "seharusnya" (targets minus TS); `percent` has 2 decimals, half away from zero, and is
//!   empty when nothing is due ("not applicable", domain.md A.10); `father` is AN-4's "Laki" count.

use std::io::Write;

use pantau_core::convergence::{Ratio, Scorecard};

pub const HEADER: [&str; 12] =
    ["village_code", "village_name", "quarter", "ruleset", "section", "indicator", "group", "targets", "yes", "due", "percent", "father"];

fn percent(r: &Ratio) -> String {
    if r.percent_hundredths.is_some() {
        r.display.clone()
    } else {
        String::new()
    }
}

pub fn write<W: Write>(out: W, cards: &[Scorecard]) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    for sc in cards {
        let code = sc.village_code.clone().unwrap_or_default();
        let name = sc.village_name.clone().unwrap_or_default();
        let quarter = sc.quarter.to_string();
        for c in &sc.table3 {
            w.write_record([
                code.as_str(),
                &name,
                &quarter,
                &sc.ruleset,
                "table3",
                c.indicator.code(),
                c.group.code(),
                &c.targets.to_string(),
                &c.coverage.numerator.to_string(),
                &c.coverage.denominator.to_string(),
                &percent(&c.coverage),
                &c.father.as_ref().map(|f| f.numerator.to_string()).unwrap_or_default(),
            ])?;
        }
        let t4 = &sc.table4;
        for (group, targets, r) in [
            ("IBU_HAMIL", sc.table1.pregnancies, &t4.pregnancy),
            ("ANAK_0_23", sc.table1.children, &t4.child),
            ("TOTAL", sc.table1.pregnancies + sc.table1.children, &t4.total),
        ] {
            w.write_record([
                code.as_str(),
                &name,
                &quarter,
                &sc.ruleset,
                "table4",
                "TABEL4",
                group,
                &targets.to_string(),
                &r.numerator.to_string(),
                &r.denominator.to_string(),
                &percent(r),
                "",
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}
