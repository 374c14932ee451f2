//! The quarter's scorecard as text for the terminal, in Bahasa Indonesia (default) or English:
//! header with `ruleset_id@version` (domain.md A.1), Format 4 Tables 1-5 (3.7), Table 3 grouped with
//! the 3A/3B footers "Tingkat Capaian Konvergensi" (Y, seharusnya, %; 3.5, 3.6, 5.2), PD-1 per month
//! (4.5), Formulir 1 (a) (3.1), the breakdown by hamlet (e-HDW "diagnostik tingkat dusun", 8.1), the
//! top of the gap list with reasons (A.6) and the section 11 consistency checks. Labels of indicators,
//! targets, tables and columns come from `pantau_core::labels`; only layout words are defined here.

use std::collections::HashMap;
use std::fmt::Write as _;

use pantau_core::convergence::{IndicatorCoverage, Ratio, Scorecard, TargetGaps};
use pantau_core::labels;
use pantau_core::ruleset::IndicatorId;
use pantau_core::model::{Lang, TargetKind, Text};

use super::table::{Align, Table};

/// How to render.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    /// How many targets of the gap list to show (0 = all).
    pub gap_targets: usize,
    /// Bold headings (ANSI), for a terminal.
    pub color: bool,
}

const WIDTH: usize = 100;
const INDENT: &str = "  ";

struct Out<'a> {
    s: String,
    o: &'a Options,
}

impl Out<'_> {
    fn tr<'t>(&self, id: &'t str, en: &'t str) -> &'t str {
        match self.o.lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }
    fn text(&self, t: &Text) -> String {
        t.get(self.o.lang).to_string()
    }
    fn heading(&mut self, title: &str) {
        self.s.push('\n');
        for line in wrap(title, WIDTH) {
            if self.o.color {
                let _ = writeln!(self.s, "\x1b[1m{line}\x1b[0m");
            } else {
                let _ = writeln!(self.s, "{line}");
            }
        }
    }
    fn line(&mut self, text: &str) {
        let _ = writeln!(self.s, "{text}");
    }
    fn table(&mut self, t: &Table) {
        self.s.push_str(&t.render(INDENT));
    }
}

/// Greedy word wrap.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(word);
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

fn pct(r: &Ratio) -> String {
    r.display.clone()
}

pub fn render(sc: &Scorecard, o: &Options) -> String {
    let mut out = Out { s: String::new(), o };
    header(&mut out, sc);
    table1(&mut out, sc);
    table2(&mut out, sc);
    table3(&mut out, sc);
    table4(&mut out, sc);
    pd1(&mut out, sc);
    table5(&mut out, sc);
    form1a(&mut out, sc);
    hamlets(&mut out, sc);
    gaps(&mut out, sc);
    footer(&mut out, sc);
    out.s
}

fn header(out: &mut Out, sc: &Scorecard) {
    let rule = "═".repeat(WIDTH);
    out.line(&rule);
    for l in wrap(&out.text(&sc.title), WIDTH) {
        if out.o.color {
            out.line(&format!("\x1b[1m{l}\x1b[0m"));
        } else {
            out.line(&l);
        }
    }
    let none = || "-".to_string();
    let village = format!(
        "{} {} ({}) · {} {} · {} {}",
        out.tr("Desa", "Village"),
        sc.village_name.clone().unwrap_or_else(none),
        sc.village_code.clone().unwrap_or_else(none),
        out.tr("Kecamatan", "Subdistrict"),
        sc.kecamatan.clone().unwrap_or_else(none),
        out.tr("Kabupaten", "District"),
        sc.kabupaten.clone().unwrap_or_else(none),
    );
    out.line(&village);
    let heading = out.text(&sc.heading);
    out.line(&heading);
    let stamp = format!("{}: {}", out.tr("Aturan", "Rule set"), sc.ruleset);
    out.line(&stamp);
    out.line(&rule);
}

fn table1(out: &mut Out, sc: &Scorecard) {
    out.heading(&out.text(&labels::format4_table(1)));
    let t1 = &sc.table1;
    let mut t = Table::new(&[(out.tr("Uraian", "Item"), Align::Left), (out.tr("Jumlah", "Count"), Align::Right)]);
    t.row([out.tr("Jumlah total rumah tangga 1.000 HPK", "1,000-day households").to_string(), t1.households.to_string()]);
    t.row([out.tr("Ibu hamil: total", "Pregnant women: total").to_string(), t1.pregnancies.to_string()]);
    t.row([out.tr("Ibu hamil: KEK/RESTI", "Pregnant women: KEK/high-risk").to_string(), t1.pregnancies_kek_risti.to_string()]);
    t.row([out.tr("Anak 0-23 bulan: total", "Children 0-23 months: total").to_string(), t1.children.to_string()]);
    t.row([
        out.tr("Anak 0-23 bulan: gizi kurang/gizi buruk/stunting", "Children 0-23 months: wasted/severely wasted/stunted").to_string(),
        t1.children_gk_gb_s.to_string(),
    ]);
    out.table(&t);
}

fn table2(out: &mut Out, sc: &Scorecard) {
    out.heading(&out.text(&labels::format4_table(2)));
    let t2 = &sc.table2;
    let mut t = Table::new(&[(out.tr("Hasil tikar", "Mat result"), Align::Left), (out.tr("Jumlah", "Count"), Align::Right)]);
    t.row([out.tr("Jumlah total anak usia 0-23 bulan", "Children 0-23 months").to_string(), t2.children.to_string()]);
    t.row([out.tr("Hijau (normal)", "Green (normal)").to_string(), t2.green.to_string()]);
    t.row([out.tr("Kuning (resiko stunting)", "Yellow (at risk of stunting)").to_string(), t2.yellow.to_string()]);
    t.row([out.tr("Merah (terindikasi stunting)", "Red (indicated stunting)").to_string(), t2.red.to_string()]);
    t.row([out.tr("Tidak diukur di kuartal ini (TD)", "Not measured this quarter (TD)").to_string(), t2.not_measured.to_string()]);
    out.table(&t);
}

fn coverage_row(out: &Out, t: &mut Table, no: usize, c: &IndicatorCoverage) {
    t.row([
        no.to_string(),
        c.indicator.code().to_string(),
        out.text(&c.label),
        c.package.code().to_string(),
        c.targets.to_string(),
        c.yes.to_string(),
        c.no.to_string(),
        c.not_applicable.to_string(),
        c.coverage.numerator.to_string(),
        c.coverage.denominator.to_string(),
        pct(&c.coverage),
    ]);
}

fn table3(out: &mut Out, sc: &Scorecard) {
    out.heading(&out.text(&labels::format4_table(3)));
    out.line(&format!(
        "{INDENT}{}",
        out.tr(
            "Y = diterima, T = tidak diterima, TS = tidak sasaran; % = Y / seharusnya (sasaran - TS). Baris 'Jumlah' = footer Formulir 3A/3B.",
            "Y = received, T = not received, TS = not applicable; % = Y / due (targets - TS). 'Total' rows = the Form 3A/3B footer."
        )
    ));
    let mut t = Table::new(&[
        ("No", Align::Right),
        (out.tr("Kode", "Code"), Align::Left),
        (out.tr("Indikator", "Indicator"), Align::Left),
        (out.tr("Paket", "Package"), Align::Left),
        (out.tr("Sasaran", "Targets"), Align::Right),
        ("Y", Align::Right),
        ("T", Align::Right),
        ("TS", Align::Right),
        (out.tr("Jumlah", "Count"), Align::Right),
        (out.tr("Seharusnya", "Due"), Align::Right),
        ("%", Align::Right),
    ])
    .limit(2, 38);
    let mut no = 0;
    let groups = [
        (TargetKind::Pregnancy, Some(&sc.table4.pregnancy), "3A"),
        (TargetKind::Child, Some(&sc.table4.child), "3B"),
        (TargetKind::Paud, None, "2C"),
    ];
    for (gi, (kind, total, form)) in groups.into_iter().enumerate() {
        let rows: Vec<&IndicatorCoverage> = sc.table3.iter().filter(|c| c.group == kind).collect();
        if rows.is_empty() {
            continue;
        }
        if gi > 0 {
            t.rule();
        }
        t.row(["".to_string(), "".to_string(), out.text(&labels::target_kind(kind)).to_uppercase()]);
        for c in rows {
            no += 1;
            coverage_row(out, &mut t, no, c);
            if let Some(f) = &c.father {
                t.row([
                    String::new(),
                    String::new(),
                    format!("  {}", out.tr("dari itu: ayah (Laki)", "of which: father")),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    f.numerator.to_string(),
                    f.denominator.to_string(),
                    pct(f),
                ]);
            }
        }
        if let Some(r) = total {
            t.row([
                String::new(),
                String::new(),
                format!("{} ({form})", out.tr("Jumlah diterima / seharusnya", "Total received / due")),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                r.numerator.to_string(),
                r.denominator.to_string(),
                pct(r),
            ]);
        } else {
            t.row([
                String::new(),
                String::new(),
                out.tr("(PD-1: orang-bulan hadir / terdaftar)", "(PD-1: person-months attended / enrolled)").to_string(),
            ]);
        }
    }
    out.table(&t);
}

fn table4(out: &mut Out, sc: &Scorecard) {
    out.heading(&out.text(&labels::format4_table(4)));
    let t4 = &sc.table4;
    let mut t = Table::new(&[
        ("No", Align::Right),
        (out.tr("Sasaran", "Target"), Align::Left),
        (out.tr("Diterima", "Received"), Align::Right),
        (out.tr("Seharusnya", "Due"), Align::Right),
        (out.tr("Tingkat konvergensi (%)", "Convergence (%)"), Align::Right),
    ]);
    t.row(["1".to_string(), out.text(&labels::target_kind(TargetKind::Pregnancy)), t4.pregnancy.numerator.to_string(), t4.pregnancy.denominator.to_string(), pct(&t4.pregnancy)]);
    t.row(["2".to_string(), out.text(&labels::target_kind(TargetKind::Child)), t4.child.numerator.to_string(), t4.child.denominator.to_string(), pct(&t4.child)]);
    t.rule();
    t.row([
        String::new(),
        out.tr("TOTAL TINGKAT KONVERGENSI DESA", "TOTAL VILLAGE CONVERGENCE").to_string(),
        t4.total.numerator.to_string(),
        t4.total.denominator.to_string(),
        pct(&t4.total),
    ]);
    out.table(&t);
    out.line(&format!(
        "{INDENT}{}",
        out.tr("Total = rasio gabungan (bukan rata-rata dua persentase); PD-1 tidak termasuk.", "Total = pooled ratio (not the mean of the two percentages); PD-1 is not included.")
    ));
}

fn pd1(out: &mut Out, sc: &Scorecard) {
    out.heading(&format!("PD-1. {}", out.text(&labels::indicator(IndicatorId::Pd1))));
    let p = &sc.pd1;
    let mut t = Table::new(&[
        (out.tr("Bulan", "Month"), Align::Left),
        (out.tr("Hadir (v)", "Attended (v)"), Align::Right),
        (out.tr("Terdaftar (v + x)", "Enrolled (v + x)"), Align::Right),
        ("%", Align::Right),
    ]);
    for m in &p.months {
        let r = Ratio::new(m.attended as u64, m.enrolled as u64);
        t.row([format!("{} {}", out.text(&labels::month(m.month.month)), m.month.year), m.attended.to_string(), m.enrolled.to_string(), pct(&r)]);
    }
    t.rule();
    t.row([
        out.tr("Orang-bulan (PD-1)", "Person-months (PD-1)").to_string(),
        p.person_months.numerator.to_string(),
        p.person_months.denominator.to_string(),
        pct(&p.person_months),
    ]);
    t.row([
        out.tr("Per anak (informasi): aktif tiap bulan", "Per child (information): active every month").to_string(),
        p.active_children.to_string(),
        p.enrolled_children.to_string(),
        pct(&p.per_child),
    ]);
    out.table(&t);
}

fn table5(out: &mut Out, sc: &Scorecard) {
    out.heading(&out.text(&labels::format4_table(5)));
    let t5 = &sc.table5;
    if t5.total.total_allocation == 0 {
        out.line(&format!(
            "{INDENT}{}",
            out.tr("Belum diisi: anggaran Dana Desa dimasukkan oleh desa (persentase '-').", "Not entered: the village enters its Dana Desa budget (percentages '-').")
        ));
        return;
    }
    let mut t = Table::new(&[
        (out.tr("Bidang", "Field"), Align::Left),
        (out.tr("Total alokasi (Rp)", "Total allocation (Rp)"), Align::Right),
        (out.tr("Alokasi stunting (Rp)", "Stunting allocation (Rp)"), Align::Right),
        ("%", Align::Right),
    ]);
    for r in t5.rows.iter().chain(std::iter::once(&t5.total)) {
        t.row([out.text(&r.label), r.total_allocation.to_string(), r.stunting_allocation.to_string(), pct(&r.share)]);
    }
    out.table(&t);
}

fn form1a(out: &mut Out, sc: &Scorecard) {
    out.heading(out.tr("FORMULIR 1 (a). REKAPITULASI STATUS SASARAN", "FORM 1 (a). TARGET STATUS RECAP"));
    let f = &sc.form1a;
    let values = [
        f.households,
        f.vulnerable_households,
        f.pregnancies_risti,
        f.children,
        f.gizi_kurang,
        f.gizi_buruk,
        f.stunting,
        f.households_without_water,
        f.households_without_latrine,
        f.pregnancies_without_insurance,
        f.children_without_insurance,
        f.children_without_birth_certificate,
    ];
    let mut t = Table::new(&[("No", Align::Right), (out.tr("Uraian", "Item"), Align::Left), (out.tr("Jumlah", "Count"), Align::Right)]);
    for (i, v) in values.iter().enumerate() {
        let label = out.text(&labels::form1a_column(i as u32 + 1));
        t.row([(i + 1).to_string(), label, v.to_string()]);
    }
    out.table(&t);
}

fn hamlets(out: &mut Out, sc: &Scorecard) {
    out.heading(out.tr("KONVERGENSI PER DUSUN", "CONVERGENCE BY HAMLET"));
    let mut t = Table::new(&[
        (out.tr("Dusun", "Hamlet"), Align::Left),
        (out.tr("Ibu hamil", "Pregnant"), Align::Right),
        (out.tr("Anak 0-23", "Child 0-23"), Align::Right),
        ("PAUD", Align::Right),
        (out.tr("Ibu hamil %", "Pregnant %"), Align::Right),
        (out.tr("Anak %", "Child %"), Align::Right),
        ("Total %", Align::Right),
        ("PD-1 %", Align::Right),
        (out.tr("Kesenjangan", "Gaps"), Align::Right),
    ])
    .limit(0, 28);
    for b in &sc.by_hamlet {
        t.row([
            b.name.clone(),
            b.pregnancies.to_string(),
            b.children.to_string(),
            b.paud_children.to_string(),
            pct(&b.pregnancy),
            pct(&b.child),
            pct(&b.total),
            pct(&b.pd1),
            b.gaps.to_string(),
        ]);
    }
    t.rule();
    t.row([
        out.tr("Desa", "Village").to_string(),
        sc.table1.pregnancies.to_string(),
        sc.table1.children.to_string(),
        sc.paud.len().to_string(),
        pct(&sc.table4.pregnancy),
        pct(&sc.table4.child),
        pct(&sc.table4.total),
        pct(&sc.pd1.person_months),
        sc.gaps.len().to_string(),
    ]);
    out.table(&t);
}

fn gaps(out: &mut Out, sc: &Scorecard) {
    out.heading(out.tr("DAFTAR KESENJANGAN: SIAPA YANG PERLU DIKUNJUNGI", "GAP LIST: WHOM TO VISIT"));
    if sc.gaps.is_empty() {
        out.line(&format!("{INDENT}{}", out.tr("Tidak ada: semua sasaran menerima layanan yang seharusnya.", "None: every target received what was due.")));
        return;
    }
    let hamlet: HashMap<&str, &str> = sc.by_hamlet.iter().filter_map(|b| Some((b.id.as_deref()?, b.name.as_str()))).collect();
    // The engine groups gaps per target; most gaps first, stable for equal counts.
    let mut order: Vec<&TargetGaps> = sc.gaps.iter().collect();
    order.sort_by_key(|t| std::cmp::Reverse(t.gaps.len()));
    let services: usize = order.iter().map(|t| t.gaps.len()).sum();
    let shown = if out.o.gap_targets == 0 { order.len() } else { out.o.gap_targets.min(order.len()) };
    out.line(&format!(
        "{INDENT}{} {} {} {} {}:",
        services,
        out.tr("layanan belum diterima oleh", "services not received by"),
        order.len(),
        out.tr("sasaran; yang terbanyak", "targets; most first,"),
        shown
    ));
    for (i, t) in order.iter().take(shown).enumerate() {
        let place = t.hamlet_id.as_deref().and_then(|h| hamlet.get(h).copied()).unwrap_or("-");
        out.line(&format!(
            "{INDENT}{:>2}. {} · {} · {} · {} {}",
            i + 1,
            t.name,
            out.text(&labels::target_kind(t.target_kind)),
            place,
            t.gaps.len(),
            out.tr("layanan kurang", "missing"),
        ));
        for g in &t.gaps {
            let reason = out.text(&g.reason);
            let text = format!("{} {}: {}", g.indicator, out.text(&labels::indicator_short(g.indicator)), reason);
            let mut first = true;
            for l in wrap(&text, WIDTH + 10) {
                let lead = if first { "- " } else { "  " };
                first = false;
                out.line(&format!("{INDENT}     {lead}{l}"));
            }
        }
    }
    if shown < order.len() {
        out.line(&format!(
            "{INDENT}… {} {} ({})",
            order.len() - shown,
            out.tr("sasaran lainnya", "more targets"),
            out.tr("--gaps 0 untuk semua", "--gaps 0 for all")
        ));
    }
}

fn footer(out: &mut Out, sc: &Scorecard) {
    out.s.push('\n');
    let issues = sc.check();
    if issues.is_empty() {
        let l = out.tr(
            "Pemeriksaan konsistensi (domain.md 11): lulus (tidak ada % > 100, Y <= seharusnya <= sasaran, H+K+M+TD = total).",
            "Consistency checks (domain.md 11): passed (no % over 100, Y <= due <= targets, H+K+M+TD = total).",
        );
        out.line(l);
    } else {
        let l = format!("{} {}", out.tr("Pemeriksaan konsistensi GAGAL:", "Consistency checks FAILED:"), issues.len());
        out.line(&l);
        for i in &issues {
            let m = format!("{INDENT}- [{}] {}", i.rule, out.text(&i.message));
            out.line(&m);
        }
    }
    if sc.draft_records > 0 {
        let l = format!(
            "{} {}",
            sc.draft_records,
            out.tr("catatan bulanan kuartal ini masih draf (ikut dihitung).", "monthly records of this quarter are still drafts (counted).")
        );
        out.line(&l);
    }
    let l = format!("{}: {} · {}", out.tr("Dihitung dengan aturan", "Computed with rule set"), sc.ruleset, sc.quarter);
    out.line(&l);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_words_whole() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
