//! The KMS weight-gain verdict at the posyandu: B / O / N / T and the 2T referral alert
//! (growth.md 3.1 decision order, decision A.4), against the KBM table kept as data (`kbm.tsv`, growth.md 3.2).
//! The official reading is the direction of the curve; a program can only apply the KBM tie-breaker, so the
//! verdict is labelled "N/T menurut KBM" and the cadre may override it with her reading of the curve.

use std::sync::OnceLock;

use chrono::NaiveDate;

use std::collections::HashMap;

use crate::model::{completed_months, Child, Id, Measurement, Text, YearMonth};

/// One weighing of a child.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Weighing {
    pub date: NaiveDate,
    pub weight_kg: f64,
}

/// The KMS codes of the monthly weighing (Buku KIA 2023, format F2; growth.md 3.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WeightGain {
    /// B, *baru*: first weighing ever.
    New,
    /// O: weighed now, not weighed in the previous month; no comparison.
    NotWeighedLastMonth,
    /// N, *naik*: gain at least the KBM for the age.
    Gained,
    /// T, *tidak naik*: gain below the KBM (or a loss).
    NotGained,
}

impl WeightGain {
    pub fn code(self) -> &'static str {
        match self {
            WeightGain::New => "B",
            WeightGain::NotWeighedLastMonth => "O",
            WeightGain::Gained => "N",
            WeightGain::NotGained => "T",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [WeightGain::New, WeightGain::NotWeighedLastMonth, WeightGain::Gained, WeightGain::NotGained]
            .into_iter()
            .find(|g| g.code() == code)
    }

    /// The meaning of the code (Buku KIA 2023 / F2), N and T "menurut KBM".
    pub fn label(self) -> Text {
        match self {
            WeightGain::New => Text::new("Baru pertama kali ditimbang", "First weighing"),
            WeightGain::NotWeighedLastMonth => Text::new("Tidak ditimbang bulan lalu", "Not weighed last month"),
            WeightGain::Gained => Text::new("Naik (menurut KBM)", "Gained (by the minimum gain, KBM)"),
            WeightGain::NotGained => Text::new("Tidak naik (menurut KBM)", "Not gained (by the minimum gain, KBM)"),
        }
    }
}

/// The verdict for one month's weighing.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WeightGainVerdict {
    pub date: NaiveDate,
    /// Age in completed months at the weighing.
    pub age_months: u32,
    pub weight_kg: f64,
    pub gain: WeightGain,
    /// Gain since the previous month's weighing, in grams (N and T only).
    pub gain_g: Option<i32>,
    /// The KBM applied (N and T only).
    pub kbm_g: Option<u32>,
    /// 2T: T now and T at the previous month's weighing: refer to the health worker (growth.md 3.1).
    pub two_t: bool,
    pub text: Text,
}

/// The KMS chart's red line (*garis merah*, BGM = below it): −3 SD weight-for-age. Provisional (growth.md A.4,
/// 3.1): the SD of the 2020+ KMS lines is not confirmed yet, so the label says so.
pub const RED_LINE_Z: f64 = -3.0;
/// The KMS chart's orange line (*garis oranye*): +1 SD weight-for-age. Provisional, as `RED_LINE_Z`.
pub const ORANGE_LINE_Z: f64 = 1.0;

/// Labels of the two provisional KMS lines (red, orange), for chart legends.
pub fn kms_line_labels() -> [Text; 2] {
    [
        Text::new("Garis merah (−3 SD BB/U, sementara)", "Red line (−3 SD weight-for-age, provisional)"),
        Text::new("Garis oranye (+1 SD BB/U, sementara)", "Orange line (+1 SD weight-for-age, provisional)"),
    ]
}

/// Below the red line (BGM) on the 2-decimal weight-for-age z; refer (Buku KIA 2023). Provisional line.
pub fn below_red_line(zwei: f64) -> bool {
    zwei < RED_LINE_Z
}

/// Above the orange line on the 2-decimal weight-for-age z; refer (Buku KIA 2023). Provisional line.
pub fn above_orange_line(zwei: f64) -> bool {
    zwei > ORANGE_LINE_Z
}

/// A defect in the embedded KBM table (caught by the unit tests).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("kbm.tsv line {line}: {reason}")]
pub struct KbmTableError {
    pub line: usize,
    pub reason: String,
}

/// (from_month, to_month inclusive, grams)
type KbmRow = (u32, u32, u32);

static KBM: OnceLock<Result<Vec<KbmRow>, KbmTableError>> = OnceLock::new();

fn parse_kbm() -> Result<Vec<KbmRow>, KbmTableError> {
    let mut rows: Vec<KbmRow> = Vec::new();
    for (n, line) in include_str!("kbm.tsv").lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |reason: String| KbmTableError { line: n + 1, reason };
        let f: Vec<u32> = line
            .split('\t')
            .map(|s| s.trim().parse::<u32>().map_err(|e| bad(format!("{s:?}: {e}"))))
            .collect::<Result<_, _>>()?;
        let [from, to, g] = f[..] else {
            return Err(bad(format!("{} fields, expected 3", f.len())));
        };
        let next = rows.last().map_or(0, |r| r.1 + 1);
        if from != next || to < from {
            return Err(bad(format!("months {from}-{to} do not follow on from {next}")));
        }
        rows.push((from, to, g));
    }
    if rows.is_empty() {
        return Err(KbmTableError { line: 0, reason: "empty table".into() });
    }
    Ok(rows)
}

/// Parses the embedded KBM table (once) and reports a defect, if any.
pub fn check_kbm_table() -> Result<(), KbmTableError> {
    KBM.get_or_init(parse_kbm).as_ref().map(|_| ()).map_err(Clone::clone)
}

/// The KBM in grams for a child of `age_months` completed months; `None` beyond the KMS (60 months).
pub fn kbm_g(age_months: u32) -> Option<u32> {
    let rows = KBM.get_or_init(parse_kbm).as_ref().ok()?;
    rows.iter().find(|r| (r.0..=r.1).contains(&age_months)).map(|r| r.2)
}

fn text(gain: WeightGain, gain_g: Option<i32>, kbm: Option<u32>, two_t: bool) -> Text {
    let g = gain_g.map_or(String::new(), |g| format!("{g:+} g"));
    let k = kbm.unwrap_or(0);
    let mut t = match gain {
        WeightGain::New => Text::new("B: baru pertama kali ditimbang", "B: first weighing"),
        WeightGain::NotWeighedLastMonth => {
            Text::new("O: tidak ditimbang bulan lalu", "O: not weighed last month")
        }
        WeightGain::Gained => Text::new(
            format!("N (naik) menurut KBM: {g}, KBM {k} g"),
            format!("N (gained) by the minimum gain (KBM): {g}, KBM {k} g"),
        ),
        WeightGain::NotGained => Text::new(
            format!("T (tidak naik) menurut KBM: {g}, KBM {k} g"),
            format!("T (not gained) by the minimum gain (KBM): {g}, KBM {k} g"),
        ),
    };
    if two_t {
        t.id.push_str(" — 2T: tidak naik 2 kali berturut-turut, rujuk ke tenaga kesehatan");
        t.en.push_str(" — 2T: not gained twice in a row, refer to the health worker");
    }
    t
}

/// The verdict of every month's weighing, in date order (growth.md 3.1):
/// 1. no earlier weighing → B; 2. not weighed in the previous calendar month → O;
/// 3. gain ≥ KBM(age in completed months) → N; 4. otherwise T; 2T = T now and T at the previous weighing.
///
/// Several weighings in one month: the last one counts. Weighings before the birth date, with a
/// non-positive weight, or after 60 months (no KBM) get no verdict; the last two still serve as the
/// previous weighing of the next month.
pub fn weight_gain(birth: NaiveDate, weighings: &[Weighing]) -> Vec<WeightGainVerdict> {
    let mut ws: Vec<Weighing> =
        weighings.iter().copied().filter(|w| w.date >= birth && w.weight_kg.is_finite() && w.weight_kg > 0.0).collect();
    ws.sort_by_key(|w| w.date);
    // The last weighing of each month.
    let mut monthly: Vec<Weighing> = Vec::with_capacity(ws.len());
    for w in ws {
        match monthly.last_mut() {
            Some(last) if YearMonth::of(last.date) == YearMonth::of(w.date) => *last = w,
            _ => monthly.push(w),
        }
    }
    let mut out: Vec<WeightGainVerdict> = Vec::with_capacity(monthly.len());
    let mut prev_t = false;
    for (i, w) in monthly.iter().enumerate() {
        let Some(age_months) = completed_months(birth, w.date) else { continue };
        let prev = i.checked_sub(1).map(|j| monthly[j]);
        let (gain, gain_g, kbm) = match prev {
            None => (WeightGain::New, None, None),
            Some(p) if YearMonth::of(p.date) != YearMonth::of(w.date).prev() => {
                (WeightGain::NotWeighedLastMonth, None, None)
            }
            Some(p) => {
                let Some(kbm) = kbm_g(age_months) else {
                    prev_t = false;
                    continue;
                };
                let g = ((w.weight_kg - p.weight_kg) * 1000.0).round() as i32;
                let gain = if g >= kbm as i32 { WeightGain::Gained } else { WeightGain::NotGained };
                (gain, Some(g), Some(kbm))
            }
        };
        let is_t = gain == WeightGain::NotGained;
        let two_t = is_t && prev_t;
        prev_t = is_t;
        out.push(WeightGainVerdict {
            date: w.date,
            age_months,
            weight_kg: w.weight_kg,
            gain,
            gain_g,
            kbm_g: kbm,
            two_t,
            text: text(gain, gain_g, kbm, two_t),
        });
    }
    out
}

/// The KMS verdicts of a child from its stored measurements (others' and deleted ones are ignored).
pub fn weight_gain_of_child(child: &Child, measurements: &[Measurement]) -> Vec<WeightGainVerdict> {
    let ws: Vec<Weighing> = measurements
        .iter()
        .filter(|m| m.child_id == child.id && !m.meta.deleted)
        .filter_map(|m| m.weight_kg.map(|w| Weighing { date: m.date, weight_kg: w }))
        .collect();
    weight_gain(child.birth_date, &ws)
}

/// A child whose weighing in a month is 2T (T now and T at the previous month's weighing): the
/// midwife's home list of children to refer (growth.md 3.1, Buku KIA 2023).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TwoTAlert {
    pub child_id: Id,
    /// The month's KMS verdict (its `two_t` is true; `text` says "rujuk" / "refer").
    pub verdict: WeightGainVerdict,
}

/// The children with a 2T verdict at their weighing in `month`, in the order of `children`
/// (growth.md 3.1). Deleted children, children whose episode ended before the month, and deleted
/// measurements are left out; `measurements` may hold other months and other children.
///
/// The dates whose weighings decide `month`'s 2T alerts (see `two_t_alerts`): a caller reading
/// from storage loads only these.
pub fn two_t_window(month: YearMonth) -> (NaiveDate, NaiveDate) {
    (month.prev().prev().first_day(), month.last_day())
}

/// Only the weighings of `month` and the two months before it are read: the month's verdict compares
/// with the previous month's weighing (else O), and 2T needs that previous verdict to be T, which in
/// turn compares with the weighing before it; earlier history cannot change either (`weight_gain`).
pub fn two_t_alerts(children: &[Child], measurements: &[Measurement], month: YearMonth) -> Vec<TwoTAlert> {
    let (from, to) = two_t_window(month);
    let mut by_child: HashMap<&str, Vec<Weighing>> = HashMap::new();
    for m in measurements.iter().filter(|m| !m.meta.deleted && m.date >= from && m.date <= to) {
        if let Some(weight_kg) = m.weight_kg {
            by_child.entry(m.child_id.as_str()).or_default().push(Weighing { date: m.date, weight_kg });
        }
    }
    children
        .iter()
        .filter(|c| !c.meta.deleted)
        .filter(|c| c.end.as_ref().is_none_or(|e| YearMonth::of(e.date) >= month))
        .filter_map(|c| {
            let ws = by_child.get(c.id.as_str())?;
            let verdict = weight_gain(c.birth_date, ws).into_iter().find(|v| YearMonth::of(v.date) == month)?;
            verdict.two_t.then(|| TwoTAlert { child_id: c.id.clone(), verdict })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn w(date: NaiveDate, kg: f64) -> Weighing {
        Weighing { date, weight_kg: kg }
    }

    #[test]
    fn kbm_table_is_growth_md_a4() {
        check_kbm_table().unwrap();
        let got: Vec<Option<u32>> = (0..=12).map(kbm_g).collect();
        let want = [800, 800, 900, 800, 600, 500, 400, 400, 300, 300, 300, 200, 200];
        assert_eq!(got, want.map(Some).to_vec());
        assert_eq!(kbm_g(60), Some(200));
        assert_eq!(kbm_g(61), None);
    }

    #[test]
    fn decision_order_b_o_n_t_and_2t() {
        let birth = d(2024, 1, 10);
        let v = weight_gain(
            birth,
            &[
                w(d(2024, 3, 12), 5.0),  // 2 months: B
                w(d(2024, 4, 12), 5.9),  // 3 months: +900 >= 800 -> N
                w(d(2024, 5, 12), 6.5),  // 4 months: +600 >= 600 -> N
                w(d(2024, 6, 12), 6.9),  // 5 months: +400 < 500 -> T
                w(d(2024, 7, 12), 7.2),  // 6 months: +300 < 400 -> T, 2T
                w(d(2024, 9, 12), 7.9),  // August missed -> O
                w(d(2024, 10, 12), 7.8), // 9 months: -100 -> T (not 2T: previous was O)
                w(d(2024, 11, 12), 8.1), // 10 months: +300 >= 300 -> N
            ],
        );
        let codes: Vec<&str> = v.iter().map(|x| x.gain.code()).collect();
        assert_eq!(codes, ["B", "N", "N", "T", "T", "O", "T", "N"]);
        let two_t: Vec<bool> = v.iter().map(|x| x.two_t).collect();
        assert_eq!(two_t, [false, false, false, false, true, false, false, false]);
        assert_eq!((v[3].gain_g, v[3].kbm_g), (Some(400), Some(500)));
        assert_eq!(v[6].gain_g, Some(-100));
        assert!(v[4].text.id.contains("menurut KBM") && v[4].text.id.contains("2T"));
        for c in ["B", "O", "N", "T"] {
            assert_eq!(WeightGain::from_code(c).map(|g| g.code()), Some(c));
        }
        assert_eq!(WeightGain::NotGained.label().id, "Tidak naik (menurut KBM)");
    }

    #[test]
    fn provisional_kms_lines() {
        assert!(below_red_line(-3.01) && !below_red_line(-3.0));
        assert!(above_orange_line(1.01) && !above_orange_line(1.0));
        assert!(kms_line_labels().iter().all(|t| t.id.contains("sementara") && t.en.contains("provisional")));
    }

    #[test]
    fn last_weighing_of_a_month_counts_and_bad_rows_are_skipped() {
        let birth = d(2024, 1, 1);
        let v = weight_gain(
            birth,
            &[
                w(d(2024, 2, 20), 4.5),
                w(d(2024, 2, 5), 4.0),
                w(d(2023, 12, 1), 3.0), // before birth
                w(d(2024, 3, 5), 0.0),  // no weight
                w(d(2024, 3, 6), 5.2),  // 2 months: +700 < 900 -> T
            ],
        );
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].gain, v[0].weight_kg), (WeightGain::New, 4.5));
        assert_eq!((v[1].gain, v[1].gain_g), (WeightGain::NotGained, Some(700)));
    }

    fn child(id: &str, birth: NaiveDate) -> Child {
        Child {
            id: id.into(),
            household_id: "h".into(),
            mother_id: None,
            pregnancy_id: None,
            kia_number: None,
            name: "Anak".into(),
            nik: None,
            nik_temporary: false,
            sex: crate::model::Sex::Male,
            birth_date: birth,
            birth_date_approximate: false,
            posyandu_id: None,
            birth_certificate: false,
            insurance: false,
            end: None,
            meta: crate::model::Meta::default(),
        }
    }

    fn weighing(id: &str, child: &str, date: NaiveDate, kg: f64) -> Measurement {
        Measurement {
            id: id.into(),
            child_id: child.into(),
            date,
            weight_kg: Some(kg),
            length_cm: None,
            position: None,
            oedema: false,
            meta: crate::model::Meta::default(),
        }
    }

    #[test]
    fn two_t_alerts_list_the_children_not_gaining_twice_in_the_month() {
        let birth = d(2024, 1, 10);
        let (a, b, gone) = (child("a", birth), child("b", birth), child("gone", birth));
        let mut gone = gone;
        gone.end = Some(crate::model::EpisodeEnd { date: d(2024, 6, 1), reason: crate::model::EndReason::MovedAway });
        let mut ms = Vec::new();
        for (cid, kgs) in [("a", [5.0, 5.9, 6.5, 6.9, 7.2]), ("b", [5.0, 5.9, 6.5, 7.1, 7.6]), ("gone", [5.0, 5.9, 6.5, 6.9, 7.2])] {
            for (i, kg) in kgs.into_iter().enumerate() {
                ms.push(weighing(&format!("{cid}{i}"), cid, d(2024, 3 + i as u32, 12), kg));
            }
        }
        let july = YearMonth::new(2024, 7).unwrap();
        let got = two_t_alerts(&[a.clone(), b.clone(), gone.clone()], &ms, july);
        // a: T in June and July -> 2T; b gained; "gone" left in June.
        assert_eq!(got.iter().map(|x| x.child_id.as_str()).collect::<Vec<_>>(), ["a"]);
        assert!(got[0].verdict.two_t && got[0].verdict.text.en.contains("refer"));
        // The same verdict as from the whole history.
        let full = weight_gain_of_child(&a, &ms).into_iter().find(|v| YearMonth::of(v.date) == july);
        assert_eq!(Some(&got[0].verdict), full.as_ref());
        // June is the first T only; a deleted July weighing removes the alert.
        assert!(two_t_alerts(&[a.clone()], &ms, YearMonth::new(2024, 6).unwrap()).is_empty());
        for m in ms.iter_mut().filter(|m| m.id == "a4") {
            m.meta.deleted = true;
        }
        assert!(two_t_alerts(&[a], &ms, july).is_empty());
    }
}
