//! Every user-facing word of the monitoring forms and the scorecard, in Bahasa Indonesia and English
//! (`model::Text`), so the Android UI and the CLI show the same words.
//!
//! Sources: indicator wording domain.md 4.1/4.2 (OSID-SC wording; IH-1 without the doubled word, OpenSID
//! issue #9635); code tables 2.2; packages 7; form and table titles 3.5-3.7; Formulir 1 (a) columns 3.1.

use crate::model::{
    EndReason, MatResult, Measles, NutritionStatus, Outcome, Package, PaudCell, Quarter, Sex, TargetKind, Text,
};
use crate::ruleset::{Field, IndicatorId, StatusFlag, Window};

fn t(id: &str, en: &str) -> Text {
    Text::new(id, en)
}

/// The exact wording of an indicator (domain.md 4.1/4.2), by its id (IH-1..IH-8, AN-1..AN-10, PD-1).
pub fn indicator(id: IndicatorId) -> Text {
    let (bi, en) = match id.code() {
        "IH-1" => ("Ibu hamil periksa kehamilan paling sedikit 4 kali selama kehamilan.", "Pregnant woman has at least 4 antenatal checks during pregnancy."),
        "IH-2" => ("Ibu hamil mendapatkan dan minum 1 tablet tambah darah (pil FE) setiap hari minimal selama 90 hari", "Pregnant woman receives and takes 1 iron tablet (Fe) every day for at least 90 days"),
        "IH-3" => ("Ibu bersalin mendapatkan layanan nifas oleh nakes dilaksanakan minimal 3 kali", "Delivered mother receives postnatal care by a health worker at least 3 times"),
        "IH-4" => ("Ibu hamil mengikuti kegiatan konseling gizi atau kelas ibu hamil minimal 4 kali selama kehamilan", "Pregnant woman attends nutrition counselling or a pregnancy class at least 4 times during pregnancy"),
        "IH-5" => ("Ibu hamil dengan kondisi resiko tinggi dan/atau Kekurangan Energi Kronis (KEK) mendapat kunjungan ke rumah oleh bidan Desa secara terpadu minimal 1 bulan sekali", "High-risk and/or chronically undernourished (KEK) pregnant woman receives an integrated home visit by the village midwife at least once a month"),
        "IH-6" => ("Rumah Tangga Ibu hamil memiliki sarana akses air minum yang aman", "Pregnant woman's household has access to safe drinking water"),
        "IH-7" => ("Rumah Tangga Ibu hamil memiliki sarana jamban keluarga yang layak", "Pregnant woman's household has a proper family latrine"),
        "IH-8" => ("Ibu hamil memiliki jaminan layanan kesehatan", "Pregnant woman has health insurance"),
        "AN-1" => ("Bayi usia 12 bulan ke bawah mendapatkan imunisasi dasar lengkap", "Infant aged 12 months or less receives complete basic immunisation"),
        "AN-2" => ("Anak usia 0-23 bulan diukur berat badannya di posyandu secara rutin setiap bulan", "Child aged 0-23 months is weighed at the posyandu every month"),
        "AN-3" => ("Anak usia 0-23 bulan diukur panjang/tinggi badannya oleh tenaga kesehatan terlatih minimal 2 kali dalam setahun", "Child aged 0-23 months has length/height measured by a trained health worker at least twice a year"),
        "AN-4" => ("Orang tua/pengasuh yang memiliki anak usia 0-23 bulan mengikuti kegiatan konseling gizi secara rutin minimal sebulan sekali.", "Parent/carer of a child aged 0-23 months attends nutrition counselling at least once a month."),
        "AN-5" => ("Anak usia 0-23 bulan dengan status gizi buruk, gizi kurang, dan stunting mendapat kunjungan ke rumah secara terpadu minimal 1 bulan sekali", "Child aged 0-23 months with severe or moderate undernutrition or stunting receives an integrated home visit at least once a month"),
        "AN-6" => ("Rumah Tangga anak usia 0-23 bulan memiliki sarana akses air minum yang aman", "Household of a child aged 0-23 months has access to safe drinking water"),
        "AN-7" => ("Rumah Tangga anak usia 0-23 bulan memiliki sarana jamban yang layak", "Household of a child aged 0-23 months has a proper latrine"),
        "AN-8" => ("Anak usia 0-23 bulan memiliki akte kelahiran", "Child aged 0-23 months has a birth certificate"),
        "AN-9" => ("Anak usia 0-23 bulan memiliki jaminan layanan kesehatan", "Child aged 0-23 months has health insurance"),
        "AN-10" => ("Orang tua/pengasuh yang memiliki anak usia 0-23 bulan mengikuti Kelas Pengasuhan minimal sebulan sekali", "Parent/carer of a child aged 0-23 months attends a parenting class at least once a month"),
        "PD-1" => ("Anak usia 2-6 tahun terdaftar dan aktif mengikuti kegiatan layanan PAUD", "Child aged 2-6 years is enrolled and active in PAUD services"),
        _ => (id.code(), id.code()),
    };
    t(bi, en)
}

/// The short column header of an indicator in forms 3A/3B (domain.md 3.5, 3.6).
pub fn indicator_short(id: IndicatorId) -> Text {
    let (bi, en) = match id.code() {
        "IH-1" => ("Pemeriksaan Kehamilan", "Antenatal check"),
        "IH-2" => ("Dapat & Konsumsi Pil Fe", "Iron tablets received & taken"),
        "IH-3" => ("Pemeriksaan Nifas", "Postnatal check"),
        "IH-4" => ("Konseling Gizi (Kelas IH)", "Nutrition counselling (pregnancy class)"),
        "IH-5" => ("Kunjungan Rumah", "Home visit"),
        "IH-6" => ("Kepemilikan Akses Air Bersih", "Clean water access"),
        "IH-7" => ("Kepemilikan Jamban", "Latrine"),
        "IH-8" => ("Jaminan Kesehatan", "Health insurance"),
        "AN-1" => ("Pemberian Imunisasi Dasar", "Basic immunisation"),
        "AN-2" => ("Pengukuran Berat Badan", "Weighing"),
        "AN-3" => ("Pengukuran Tinggi Badan", "Length/height measurement"),
        "AN-4" => ("Konseling Gizi Bagi Orang Tua", "Nutrition counselling for parents"),
        "AN-5" => ("Kunjungan Rumah", "Home visit"),
        "AN-6" => ("Kepemilikan Akses Air Bersih", "Clean water access"),
        "AN-7" => ("Kepemilikan Jamban Sehat", "Healthy latrine"),
        "AN-8" => ("Akta Lahir", "Birth certificate"),
        "AN-9" => ("Jaminan Kesehatan", "Health insurance"),
        "AN-10" => ("Pengasuhan (PAUD)", "Parenting class (PAUD)"),
        "PD-1" => ("Layanan PAUD", "PAUD services"),
        _ => (id.code(), id.code()),
    };
    t(bi, en)
}

pub fn target_kind(k: TargetKind) -> Text {
    match k {
        TargetKind::Pregnancy => t("Ibu Hamil", "Pregnant women"),
        TargetKind::Child => t("Anak 0-23 Bulan", "Children 0-23 months"),
        TargetKind::Paud => t("Anak > 2 sd 6 Tahun (PAUD)", "Children 2-6 years (PAUD)"),
    }
}

pub fn outcome(o: Outcome) -> Text {
    match o {
        Outcome::Yes => t("Y (diterima)", "Y (received)"),
        Outcome::No => t("T (tidak diterima)", "T (not received)"),
        Outcome::NotApplicable => t("TS (tidak sasaran)", "TS (not applicable)"),
    }
}

pub fn nutrition_status(s: NutritionStatus) -> Text {
    match s {
        NutritionStatus::Normal => t("Sehat / Normal (N)", "Normal (N)"),
        NutritionStatus::GiziKurang => t("Gizi Kurang (GK)", "Moderate wasting (GK)"),
        NutritionStatus::GiziBuruk => t("Gizi Buruk (GB)", "Severe wasting (GB)"),
        NutritionStatus::Stunting => t("Stunting (S)", "Stunted (S)"),
    }
}

pub fn mat_result(m: MatResult) -> Text {
    match m {
        MatResult::NotMeasured => t("Tidak Diukur (TD)", "Not measured (TD)"),
        MatResult::Red => t("Merah (M) - Terindikasi Stunting", "Red (M) - indicated stunting"),
        MatResult::Yellow => t("Kuning (K) - Resiko Stunting", "Yellow (K) - at risk of stunting"),
        MatResult::Green => t("Hijau (H) - Normal", "Green (H) - normal"),
    }
}

pub fn measles(m: Measles) -> Text {
    match m {
        Measles::NotYet => t("Belum", "Not yet"),
        Measles::Done => t("Sudah", "Done"),
    }
}

pub fn paud_cell(c: PaudCell) -> Text {
    match c {
        PaudCell::NotEnrolled => t("Belum (-)", "Not enrolled (-)"),
        PaudCell::Attended => t("Mengikuti (v)", "Attended (v)"),
        PaudCell::Absent => t("Tidak Mengikuti (x)", "Did not attend (x)"),
    }
}

/// PAUD age category of Formulir 2C (domain.md 3.4): 1 = 2 - < 3 years, 2 = 3 - 6 years.
pub fn paud_age_category(category: u32) -> Text {
    if category <= 1 {
        t("Anak Usia 2 - < 3 Tahun", "Children aged 2 - < 3 years")
    } else {
        t("Anak Usia 3 - 6 Tahun", "Children aged 3 - 6 years")
    }
}

pub fn end_reason(r: EndReason) -> Text {
    match r {
        EndReason::MovedAway => t("Pindah", "Moved away"),
        EndReason::Died => t("Meninggal", "Died"),
        EndReason::Miscarriage => t("Keguguran", "Miscarriage"),
    }
}

pub fn sex(s: Sex) -> Text {
    match s {
        Sex::Male => t("Laki-laki (L)", "Male (L)"),
        Sex::Female => t("Perempuan (P)", "Female (P)"),
    }
}

/// The five service packages (domain.md 7).
pub fn package(p: Package) -> Text {
    match p {
        Package::Kia => t("Kesehatan Ibu dan Anak (KIA)", "Maternal and child health (KIA)"),
        Package::Gizi => t("Konseling Gizi Terpadu", "Integrated nutrition counselling"),
        Package::Sanitation => t("Air Bersih dan Sanitasi", "Clean water and sanitation"),
        Package::SocialProtection => t("Perlindungan Sosial", "Social protection"),
        Package::Paud => t("Pendidikan Anak Usia Dini (PAUD)", "Early childhood education (PAUD)"),
    }
}

/// Month names 1..=12; anything else gives an empty text.
pub fn month(m: u32) -> Text {
    const BI: [&str; 12] = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
    const EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    match m {
        1..=12 => t(BI[m as usize - 1], EN[m as usize - 1]),
        _ => t("", ""),
    }
}

/// Three-letter month, for reasons ("belum: Feb, Mar").
pub fn month_short(m: u32) -> Text {
    let (bi, en) = month_short_str(m);
    t(bi, en)
}

/// `month_short` without allocating ("" outside 1..=12).
pub fn month_short_str(m: u32) -> (&'static str, &'static str) {
    const BI: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    match m {
        1..=12 => (BI[m as usize - 1], EN[m as usize - 1]),
        _ => ("", ""),
    }
}

/// "KUARTAL KE 1 BULAN JANUARI S/D BULAN MARET 2024" (3A/3B header E3, domain.md 3.5).
pub fn quarter_heading(q: Quarter) -> Text {
    let [a, _, c] = q.months();
    let (ma, mc) = (month(a.month), month(c.month));
    t(
        &format!("KUARTAL KE {} BULAN {} S/D BULAN {} {}", q.q, ma.id.to_uppercase(), mc.id.to_uppercase(), q.year),
        &format!("QUARTER {}: {} TO {} {}", q.q, ma.en.to_uppercase(), mc.en.to_uppercase(), q.year),
    )
}

pub fn form_3a_title() -> Text {
    t("Formulir 3A: Rekapitulasi Hasil Pemantauan 3 (Tiga) Bulanan bagi Ibu Hamil", "Form 3A: quarterly monitoring recap for pregnant women")
}

pub fn form_3b_title() -> Text {
    t("Formulir 3B: Rekapitulasi Hasil Pemantauan 3 (Tiga) Bulanan bagi Anak 0-2 Tahun", "Form 3B: quarterly monitoring recap for children 0-2 years")
}

pub fn form_2c_title() -> Text {
    t("Formulir 2C: Pemantauan Layanan PAUD Anak 2-6 Tahun", "Form 2C: PAUD participation of children 2-6 years")
}

pub fn format4_title() -> Text {
    t(
        "LAPORAN KONVERGENSI PENCEGAHAN STUNTING TINGKAT DESA TERHADAP SASARAN RUMAH TANGGA 1.000 HARI PERTAMA KEHIDUPAN (HPK)",
        "VILLAGE REPORT ON STUNTING-PREVENTION CONVERGENCE FOR 1,000-DAY (HPK) HOUSEHOLDS",
    )
}

/// Titles of Format 4 tables 1-5 (domain.md 3.7); other numbers give an empty text.
pub fn format4_table(n: u32) -> Text {
    match n {
        1 => t("TABEL 1. JUMLAH SASARAN 1.000 HPK (IBU HAMIL DAN ANAK 0-23 BULAN)", "TABLE 1. NUMBER OF 1,000-DAY TARGETS (PREGNANT WOMEN AND CHILDREN 0-23 MONTHS)"),
        2 => t("TABEL 2. HASIL PENGUKURAN TIKAR PERTUMBUHAN (DETEKSI DINI STUNTING)", "TABLE 2. GROWTH-MAT RESULTS (EARLY DETECTION OF STUNTING)"),
        3 => t("TABEL 3. KELENGKAPAN KONVERGENSI PAKET LAYANAN PENCEGAHAN STUNTING BAGI 1.000 HPK", "TABLE 3. COMPLETENESS OF THE STUNTING-PREVENTION SERVICE PACKAGES FOR 1,000-DAY TARGETS"),
        4 => t("TABEL 4. TINGKAT KONVERGENSI DESA", "TABLE 4. VILLAGE CONVERGENCE LEVEL"),
        5 => t("TABEL 5. PENGGUNAAN DANA DESA DALAM PENCEGAHAN STUNTING", "TABLE 5. USE OF VILLAGE FUNDS (DANA DESA) FOR STUNTING PREVENTION"),
        _ => t("", ""),
    }
}

/// Formulir 1 (a) column headers 1..=12 (domain.md 3.1).
pub fn form1a_column(n: u32) -> Text {
    let (bi, en) = match n {
        1 => ("TOTAL RUMAH TANGGA SASARAN", "Total target households"),
        2 => ("RUMAH TANGGA KATEGORI RENTAN", "Vulnerable households"),
        3 => ("IBU HAMIL RESTI", "High-risk pregnant women"),
        4 => ("ANAK 0 - 23 BULAN", "Children 0-23 months"),
        5 => ("ANAK 0 - 23 BULAN KONDISI GIZI KURANG", "of which moderately wasted"),
        6 => ("ANAK 0 - 23 BULAN KONDISI GIZI BURUK", "of which severely wasted"),
        7 => ("ANAK 0 - 23 BULAN TERINDIKASI STUNTING", "of which indicated stunted"),
        8 => ("RUMAH TANGGA TIDAK MEMILIKI SUMBER AIR BERSIH LAYAK MINUM", "Households without a safe drinking-water source"),
        9 => ("RUMAH TANGGA TIDAK MEMPUNYAI JAMBAN", "Households without a latrine"),
        10 => ("IBU HAMIL TIDAK MEMPUNYAI JAMINAN KESEHATAN", "Pregnant women without health insurance"),
        11 => ("ANAK 0 - 23 BULAN TIDAK MEMPUNYAI JAMINAN KESEHATAN", "Children 0-23 months without health insurance"),
        12 => ("ANAK 0 - 23 BULAN TIDAK MEMPUNYAI AKTA KELAHIRAN", "Children 0-23 months without a birth certificate"),
        _ => ("", ""),
    };
    t(bi, en)
}

/// Bidang of Format 4 Table 5 (domain.md 3.7).
pub fn budget_field(pembangunan: bool) -> Text {
    if pembangunan {
        t("Bidang Pembangunan Desa", "Village development")
    } else {
        t("Bidang Pemberdayaan Masyarakat Desa", "Village community empowerment")
    }
}

/// "Total" row label (Table 4, Table 5).
pub fn total() -> Text {
    t("TOTAL", "TOTAL")
}

/// Name shown for targets without a hamlet / posyandu in a breakdown.
pub fn unassigned() -> Text {
    t("(tanpa dusun/posyandu)", "(no hamlet/posyandu)")
}

/// The 3B age category (domain.md 4.4 step 1).
pub fn age_category(code: &str) -> Text {
    match code {
        "C1" => t("0 - < 6 Bulan", "0 - < 6 months"),
        "C2" => t("6 - 12 Bulan", "6 - 12 months"),
        "C3" => t("> 12 - < 18 Bulan", "> 12 - < 18 months"),
        "C4" => t("18 - 23 Bulan", "18 - 23 months"),
        _ => t(code, code),
    }
}

pub fn trimester(n: u32) -> Text {
    match n {
        1 => t("0 - 3 Bulan (Trimester 1)", "0 - 3 months (trimester 1)"),
        2 => t("4 - 6 Bulan (Trimester 2)", "4 - 6 months (trimester 2)"),
        3 => t("7 - 9 Bulan (Trimester 3)", "7 - 9 months (trimester 3)"),
        _ => t("", ""),
    }
}

pub fn status_flag(s: StatusFlag) -> Text {
    let (bi, en) = status_flag_str(s);
    t(bi, en)
}

/// `status_flag` without allocating.
pub fn status_flag_str(s: StatusFlag) -> (&'static str, &'static str) {
    match s {
        StatusFlag::Kek => ("KEK", "KEK (chronic energy deficiency)"),
        StatusFlag::Risti => ("RISTI", "high-risk (RISTI)"),
        StatusFlag::GiziKurang => ("gizi kurang", "moderate wasting"),
        StatusFlag::GiziBuruk => ("gizi buruk", "severe wasting"),
        StatusFlag::Stunting => ("stunting", "stunting"),
    }
}

/// What a counted field says in a reason: "ditimbang 4 kali" (domain.md A.6).
pub fn field_phrase(f: Field) -> Text {
    let (bi, en) = field_phrase_str(f);
    t(bi, en)
}

/// `field_phrase` without allocating (reasons are built for thousands of cells).
pub fn field_phrase_str(f: Field) -> (&'static str, &'static str) {
    match f {
        Field::AntenatalCheck => ("periksa kehamilan", "antenatal check"),
        Field::IronTablets => ("dapat & minum pil Fe", "iron tablets received and taken"),
        Field::PostnatalCheck => ("pemeriksaan nifas", "postnatal check"),
        Field::NutritionCounselling => ("konseling gizi / kelas ibu hamil", "nutrition counselling / pregnancy class"),
        Field::HomeVisit => ("kunjungan rumah", "home visit"),
        Field::SafeWater => ("akses air bersih", "safe water access"),
        Field::Latrine => ("jamban layak", "proper latrine"),
        Field::Insurance => ("jaminan kesehatan", "health insurance"),
        Field::BasicImmunization => ("imunisasi dasar", "basic immunisation"),
        Field::MeaslesDone => ("imunisasi campak (Sudah)", "measles immunisation (done)"),
        Field::Weighed => ("ditimbang", "weighed"),
        Field::LengthMeasured => ("diukur panjang/tinggi badan", "length/height measured"),
        Field::CounsellingParent => ("orang tua/pengasuh ikut konseling gizi", "parent/carer attended nutrition counselling"),
        Field::CounsellingFather => ("ayah ikut konseling gizi", "father attended nutrition counselling"),
        Field::CounsellingMother => ("ibu ikut konseling gizi", "mother attended nutrition counselling"),
        Field::BirthCertificate => ("akta lahir", "birth certificate"),
        Field::ParentingClass => ("ikut kelas pengasuhan", "attended a parenting class"),
        Field::PaudAttended => ("hadir PAUD", "attended PAUD"),
    }
}

/// The window a count covers, as said in a reason (A.10 Windows).
pub fn window_phrase(w: Window) -> Text {
    let (bi, en) = window_phrase_str(w);
    t(bi, en)
}

/// `window_phrase` without allocating.
pub fn window_phrase_str(w: Window) -> (&'static str, &'static str) {
    match w {
        Window::Quarter => ("dalam triwulan ini", "this quarter"),
        Window::RecordToQuarterEnd => ("sejak awal pencatatan", "since records began"),
        Window::CalendarYearToQuarterEnd => ("sejak 1 Januari", "since 1 January"),
        Window::DeliveryToQuarterEnd => ("sejak melahirkan", "since delivery"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;

    #[test]
    fn every_rule_has_both_labels_in_both_languages() {
        for r in &RuleSet::kpm_2019().indicators {
            for l in [indicator(r.id), indicator_short(r.id)] {
                assert!(l.id != r.id.code() && !l.id.is_empty() && !l.en.is_empty(), "{}", r.id);
            }
        }
        for id in IndicatorId::ALL {
            assert_ne!(indicator(*id).id, id.code(), "{id} has no wording");
        }
    }

    #[test]
    fn ih1_wording_has_no_doubled_word() {
        assert!(!indicator(IndicatorId::Ih1).id.contains("kehamilan kehamilan"));
    }

    #[test]
    fn code_labels_are_complete() {
        for p in Package::ALL {
            assert!(!package(*p).id.is_empty());
        }
        for s in NutritionStatus::ALL {
            assert!(!nutrition_status(*s).en.is_empty());
        }
        for f in Field::ALL {
            assert!(!field_phrase(*f).id.is_empty());
        }
        for n in 1..=5 {
            assert!(format4_table(n).id.starts_with("TABEL"));
        }
        for n in 1..=12 {
            assert!(!form1a_column(n).id.is_empty());
            assert!(!month(n).en.is_empty());
        }
        assert_eq!(month(13).id, "");
        let q = Quarter::new(2024, 1).unwrap();
        assert_eq!(quarter_heading(q).id, "KUARTAL KE 1 BULAN JANUARI S/D BULAN MARET 2024");
    }
}
