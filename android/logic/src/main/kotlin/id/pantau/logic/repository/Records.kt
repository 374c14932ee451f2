/**
 * Immutable, screen-ready records returned by [PantauRepository] (architecture.md "Coarse calls").
 * They mirror what the uniffi bindings return; the adapter over the bindings converts dates (ISO text
 * across the FFI, core/src/ffi_types.rs) and `Text` into these.
 */
package id.pantau.logic.repository

import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.NutritionStatus
import id.pantau.logic.model.Outcome
import id.pantau.logic.model.Position
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.Ratio
import id.pantau.logic.model.Severity
import id.pantau.logic.model.Sex
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.WeightGain
import id.pantau.logic.model.YearMonth
import java.time.LocalDate

// ---- village ----
data class PosyanduSetup(val name: String, val hamletName: String?)

data class VillageSetup(
    val name: String,
    val code: String,
    val kecamatan: String,
    val kabupaten: String,
    val provinsi: String,
    val hamlets: List<String>,
    val posyandu: List<PosyanduSetup>,
    val cadreName: String,
)

data class Hamlet(val id: String, val name: String)
data class Posyandu(val id: String, val name: String, val hamletId: String?)

data class Village(
    val id: String,
    val name: String,
    val code: String,
    val kecamatan: String,
    val kabupaten: String,
    val hamlets: List<Hamlet>,
    val posyandu: List<Posyandu>,
    val cadreName: String,
)

// ---- home and lists ----
/** Status mark of a target in a month's list. */
enum class VisitMark { DUE, DRAFT, DONE, NOT_DUE }

data class TargetFilter(val kind: TargetKind? = null, val hamletId: String? = null, val posyanduId: String? = null)

data class TargetRow(
    val targetId: String,
    val kind: TargetKind,
    val name: String,
    /** e.g. "Hamil 6 bulan" / "Umur 14 bulan". */
    val detail: LocalText,
    val hamlet: String,
    val posyandu: String?,
    val mark: VisitMark,
    val alert: NutritionStatus?,
)

data class GrowthAlert(
    val childId: String,
    val name: String,
    val hamlet: String,
    val status: NutritionStatus,
    val reason: LocalText,
)

/** A child whose weight did not rise at this month's weighing nor the previous month's (KMS 2T, growth.md 3.1): refer. */
data class WeightAlert(val childId: String, val name: String, val hamlet: String, val reason: LocalText)

data class HomeSummary(
    val villageName: String,
    val cadreName: String,
    val month: YearMonth,
    val quarter: Quarter,
    val due: List<TargetRow>,
    val drafts: Int,
    val doneThisMonth: Int,
    val convergence: Ratio,
    val alerts: List<GrowthAlert>,
    /** Children with a 2T weighing this month (the core's KMS verdict). */
    val twoT: List<WeightAlert>,
)

data class SearchHit(val targetId: String, val kind: TargetKind, val name: String, val detail: LocalText, val hamlet: String)

// ---- registration ----
data class Household(val id: String, val hamletId: String, val number: String, val headName: String, val address: String)

data class HouseholdInput(
    val hamletId: String,
    val number: String,
    val headName: String,
    val address: String,
    val safeWater: Boolean,
    val latrine: Boolean,
    val vulnerable: Boolean,
)

data class PregnancyInput(
    val householdId: String,
    val motherName: String,
    val motherNik: String?,
    val motherBirthDate: LocalDate?,
    val kiaNumber: String,
    val posyanduId: String?,
    val kek: Boolean,
    val risti: Boolean,
    val expectedDelivery: LocalDate?,
    val insurance: Boolean,
)

data class ChildInput(
    val householdId: String,
    val name: String,
    val nik: String?,
    val sex: Sex,
    val birthDate: LocalDate,
    val birthDateApproximate: Boolean,
    val kiaNumber: String?,
    val motherName: String?,
    val posyanduId: String?,
    val birthCertificate: Boolean,
    val insurance: Boolean,
)

/** The identity fields a duplicate check looks at (A.9). */
data class PersonCandidate(val kind: TargetKind, val name: String, val nik: String?, val kiaNumber: String?, val birthDate: LocalDate?)

enum class DuplicateReason { NIK, KIA_NUMBER, NAME_AND_BIRTH_DATE }

data class PossibleDuplicate(val targetId: String, val name: String, val hamlet: String, val reason: DuplicateReason)

data class Registered(val targetId: String, val kind: TargetKind)

// ---- monthly form ----
data class ChoiceOption(val code: String, val label: LocalText)

sealed interface QuestionKind {
    /** The big Ya / Tidak control (v / x). */
    data object YesNo : QuestionKind
    data class Count(val min: Int, val max: Int) : QuestionKind
    data class Choice(val options: List<ChoiceOption>) : QuestionKind
}

sealed interface Answer {
    data class YesNo(val value: Boolean) : Answer
    data class Count(val value: Int) : Answer
    data class Choice(val code: String) : Answer
}

data class Question(
    val fieldId: String,
    /** The KPM indicator the answer feeds (IH-1 ... AN-10), if any. */
    val indicatorId: String?,
    val label: LocalText,
    val help: LocalText?,
    val kind: QuestionKind,
    /** Pre-filled from household / person attributes (domain.md 2.3); not an answer until confirmed. */
    val prefill: Answer?,
)

data class MonthlyForm(
    val targetId: String,
    val targetName: String,
    val kind: TargetKind,
    val month: YearMonth,
    val status: FormStatus,
    val visitDate: LocalDate?,
    val ruleset: String,
    /** Only the questions that apply to this target this month. */
    val questions: List<Question>,
    val answers: Map<String, Answer>,
)

data class FormIssue(val fieldId: String?, val severity: Severity, val message: LocalText)

data class FinishResult(val finished: Boolean, val issues: List<FormIssue>, val form: MonthlyForm)

// ---- growth ----
data class MeasurementInput(
    val childId: String,
    val date: LocalDate,
    val weightKg: Double?,
    val lengthCm: Double?,
    val position: Position,
    val oedema: Boolean,
)

data class ZScore(val value: Double, val category: LocalText, val flagged: Boolean)

data class GrowthVerdict(
    val childId: String,
    val date: LocalDate,
    val ageMonths: Int,
    val weightKg: Double?,
    val lengthCm: Double?,
    val weightForAge: ZScore?,
    val lengthForAge: ZScore?,
    val weightForLength: ZScore?,
    val status: NutritionStatus?,
    val weightGain: WeightGain?,
    /** True when length/height-for-age is below -2 SD (A.8). */
    val stuntingAlert: Boolean,
    val messages: List<LocalText>,
)

enum class ChartIndicator { LENGTH_FOR_AGE, WEIGHT_FOR_AGE }

data class ChartPoint(val ageMonths: Double, val value: Double)

/** A WHO reference line at a whole SD (-3, -2, 0, 2, 3). */
data class ReferenceCurve(val sd: Int, val points: List<ChartPoint>)

data class GrowthChart(
    val childId: String,
    val name: String,
    val sex: Sex,
    val indicator: ChartIndicator,
    val curves: List<ReferenceCurve>,
    val points: List<ChartPoint>,
)

// ---- card ----
data class CardLine(val label: LocalText, val value: String)

data class ServiceLine(val indicatorId: String?, val label: LocalText, val detail: LocalText)

data class IndicatorOutcome(val indicatorId: String, val label: LocalText, val outcome: Outcome, val reason: LocalText)

data class TargetCard(
    val targetId: String,
    val kind: TargetKind,
    val name: String,
    val hamlet: String,
    val posyandu: String?,
    val lines: List<CardLine>,
    val received: List<ServiceLine>,
    val missing: List<ServiceLine>,
    val lastVerdict: GrowthVerdict?,
    val nextDue: LocalText,
    val quarter: Quarter,
    val outcomes: List<IndicatorOutcome>,
)

// ---- scorecard ----
data class IndicatorScore(val indicatorId: String, val label: LocalText, val ratio: Ratio)

data class TargetOutcomes(
    val targetId: String,
    val name: String,
    val hamlet: String,
    val outcomes: List<IndicatorOutcome>,
    val ratio: Ratio,
)

data class ScorecardGroup(
    val kind: TargetKind,
    val title: LocalText,
    val indicators: List<IndicatorScore>,
    val rows: List<TargetOutcomes>,
    val total: Ratio,
)

data class HamletConvergence(val hamlet: String, val pregnancy: Ratio, val child: Ratio, val total: Ratio)

/** Every T of the quarter with its reason: the cadre's to-do list. */
data class Gap(val targetId: String, val name: String, val hamlet: String, val indicatorId: String, val label: LocalText, val reason: LocalText)

data class Scorecard(
    val quarter: Quarter,
    val ruleset: String,
    val villageName: String,
    val groups: List<ScorecardGroup>,
    /** Table 4: pooled pregnant + children (A.5). */
    val village: Ratio,
    /** PD-1, reported separately (A.5). */
    val paud: Ratio,
    val hamlets: List<HamletConvergence>,
    val gaps: List<Gap>,
)

// ---- export, check, backup ----
data class ExportResult(val path: String, val bytes: Long, val targets: Int, val records: Int, val ruleset: String)

data class DataIssue(val severity: Severity, val message: LocalText, val targetId: String?)

data class DataCounts(val households: Int, val pregnancies: Int, val children: Int, val forms: Int, val drafts: Int)

data class DataCheck(val counts: DataCounts, val issues: List<DataIssue>)

data class BackupResult(val path: String, val bytes: Long)
