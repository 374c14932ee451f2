//! The read screens, one call each (architecture.md "Coarse calls"): home summary, target lists
//! with this month's status, search as you type (a newer query interrupts the older one, which
//! fails with `Interrupted`), the target card (registers, visits, measurements with their growth
//! verdicts, the quarter's Y/T/TS with reasons and what is missing now), the quarterly scorecard
//! (forms 3A/3B, PD-1, Format 4, Formulir 1) and the gap list. Status gizi is derived from the
//! measurements by `growth::nutrition_status` everywhere (domain.md A.8, A.10).

use pantau_core::convergence::{self, GapItem, ReportInputs, Scorecard, TargetGaps, TargetResult};
use pantau_core::growth::{self, GrowthVerdict, WeightGainVerdict};

use pantau_core::model::*;
use pantau_core::store::{HomeSummary, SearchHit, TargetFilter, TargetRow, VisitMark};

use crate::growth::{scores_of, GrowthScores};
use crate::{Pantau, PantauError};

/// A child on the home list of 2T alerts: its weight did not rise at this month's weighing nor at
/// the previous month's (KMS "2T", growth.md 3.1): refer to the health worker.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TwoTChild {
    pub child_id: String,
    pub name: String,
    /// The child's household's hamlet.
    pub hamlet_id: Option<String>,
    /// The month's KMS verdict (`two_t` is true; `text` in both languages).
    pub verdict: WeightGainVerdict,
    /// `verdict.text` in the handle's language.
    pub reason: String,
}

/// Everything a target's card shows, in one call.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct TargetCard {
    pub kind: TargetKind,
    pub target_id: String,
    /// The mother's name for a pregnancy, the child's name for a child.
    pub name: String,
    /// The month the card is read for, and its quarter.
    pub month: YearMonth,
    pub quarter: Quarter,
    /// This month's form of the target: missing, draft or done.
    pub this_month: VisitMark,
    pub pregnancy: Option<Pregnancy>,
    pub child: Option<Child>,
    pub mother: Option<Mother>,
    pub household: Option<Household>,
    pub hamlet: Option<Hamlet>,
    pub posyandu: Option<Posyandu>,
    /// Oldest month first.
    pub pregnancy_visits: Vec<PregnancyVisit>,
    pub child_visits: Vec<ChildVisit>,
    pub paud_visits: Vec<PaudVisit>,
    /// Oldest first, each with its growth verdict (same order as `measurements`).
    pub measurements: Vec<Measurement>,
    pub growth: Vec<GrowthVerdict>,
    /// The z-scores of each measurement with their category labels in the handle's language
    /// (same order as `measurements`).
    pub scores: Vec<GrowthScores>,
    /// KMS verdicts month by month (B / O / N / T, 2T = refer).
    pub weight_gain: Vec<WeightGainVerdict>,
    pub notes: Vec<Note>,
    /// The quarter's 3A / 3B / 2C row with Y/T/TS and reasons; None without records in the quarter.
    pub quarter_result: Option<TargetResult>,
    /// What is missing now: the quarter's indicators with T, with reasons.
    pub missing_now: Vec<GapItem>,
}

#[uniffi::export]
impl Pantau {
    /// The home screen's counts for a month (targets by kind, visits due / draft / done).
    pub fn home_summary(&self, month: YearMonth) -> Result<HomeSummary, PantauError> {
        self.run(|| Ok(self.store.home_summary(month)?))
    }

    /// The children with a 2T alert at their weighing in `month` (growth.md 3.1, the core's
    /// `growth::two_t_alerts`), for the home screen: the midwife refers them.
    pub fn two_t_alerts(&self, month: YearMonth) -> Result<Vec<TwoTChild>, PantauError> {
        self.run(|| {
            let children: Vec<Child> = self.store.all()?;
            let (from, to) = growth::two_t_window(month);
            let measurements = self.store.measurements_between(from, to)?;
            let alerts = growth::two_t_alerts(&children, &measurements, month);
            if alerts.is_empty() {
                return Ok(Vec::new());
            }
            let households: Vec<Household> = self.store.all()?;
            let lang = self.lang_now();
            Ok(alerts
                .into_iter()
                .filter_map(|a| {
                    let child = children.iter().find(|c| c.id == a.child_id)?;
                    let hamlet_id = households
                        .iter()
                        .find(|h| h.id == child.household_id)
                        .map(|h| h.hamlet_id.clone());
                    Some(TwoTChild {
                        child_id: a.child_id,
                        name: child.name.clone(),
                        hamlet_id,
                        reason: a.verdict.text.get(lang).to_string(),
                        verdict: a.verdict,
                    })
                })
                .collect())
        })
    }

    /// Targets of a month with their form status, filtered by kind / hamlet / posyandu, by name.
    pub fn targets(&self, filter: TargetFilter) -> Result<Vec<TargetRow>, PantauError> {
        self.run(|| Ok(self.store.targets(&filter)?))
    }

    /// Search as you type by name, mother's name, NIK, KIA or household number. A newer call
    /// interrupts an older one still running, which then fails with `Interrupted` (ignore it).
    pub fn search(&self, query: String, limit: u32) -> Result<Vec<SearchHit>, PantauError> {
        self.run(|| Ok(self.store.search(&query, limit)?))
    }

    /// A target's card for `month`: registers, forms, measurements with growth verdicts, notes,
    /// the quarter's result with reasons and what is missing now.
    pub fn target_card(
        &self,
        kind: TargetKind,
        target_id: String,
        month: YearMonth,
    ) -> Result<TargetCard, PantauError> {
        self.run(|| {
            let quarter = month.quarter();
            let ctx = self.context_in(kind, &target_id, quarter)?;
            let c = ctx.card;
            let mark = |status: Option<FormStatus>| match status {
                None => VisitMark::Missing,
                Some(FormStatus::Draft) => VisitMark::Draft,
                Some(FormStatus::Final) => VisitMark::Done,
            };
            let this_month = match kind {
                TargetKind::Pregnancy => mark(
                    c.pregnancy_visits
                        .iter()
                        .find(|v| v.month == month)
                        .map(|v| v.status),
                ),
                TargetKind::Child => mark(
                    c.child_visits
                        .iter()
                        .find(|v| v.month == month)
                        .map(|v| v.status),
                ),
                TargetKind::Paud => mark(
                    c.paud_visits
                        .iter()
                        .find(|v| v.month == month)
                        .map(|v| v.status),
                ),
            };
            let weight_gain = match &c.child {
                Some(child) => growth::weight_gain_of_child(child, &c.measurements),
                None => Vec::new(),
            };
            let name = match (&c.child, &c.mother) {
                (Some(ch), _) => ch.name.clone(),
                (None, Some(m)) => m.name.clone(),
                (None, None) => String::new(),
            };
            Ok(TargetCard {
                kind,
                target_id,
                name,
                month,
                quarter,
                this_month,
                pregnancy: c.pregnancy,
                child: c.child,
                mother: c.mother,
                household: c.household,
                hamlet: c.hamlet,
                posyandu: c.posyandu,
                pregnancy_visits: c.pregnancy_visits,
                child_visits: c.child_visits,
                paud_visits: c.paud_visits,
                measurements: c.measurements,
                scores: c
                    .growth
                    .iter()
                    .map(|v| scores_of(v, self.lang_now()))
                    .collect(),
                growth: c.growth,
                weight_gain,
                notes: c.notes,
                quarter_result: c.quarter_result,
                missing_now: c.missing_now,
            })
        })
    }

    /// The quarter's scorecard: 3A, 3B, 2C/PD-1, Format 4 tables 1-5, Formulir 1, breakdowns by
    /// hamlet and posyandu, and the gap list; `inputs` are the hand-entered Table 5 budget and
    /// Formulir 1 (b)/(c) (None = empty).
    pub fn scorecard(
        &self,
        quarter: Quarter,
        inputs: Option<ReportInputs>,
    ) -> Result<Scorecard, PantauError> {
        self.run(|| match inputs {
            // The store memoizes the plain scorecard until the next write.
            None => Ok(self.store.scorecard(quarter)?),
            Some(inputs) => {
                let data = self.store.load_quarter(quarter)?;
                Ok(convergence::scorecard_full(
                    self.rules(),
                    &data,
                    quarter,
                    &inputs,
                    &growth::nutrition_status,
                ))
            }
        })
    }

    /// The targets lacking services in the quarter, each with its missing indicators and reasons:
    /// the cadre's visit list.
    pub fn gaps(&self, quarter: Quarter) -> Result<Vec<TargetGaps>, PantauError> {
        self.run(|| Ok(self.store.scorecard(quarter)?.gaps))
    }
}
