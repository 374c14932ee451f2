/**
 * The contract between the screens and the Rust core (issue 7 / issue 8): exactly the calls the screens
 * make, one coarse call per screen (architecture.md "Coarse calls"). The app implements it over the
 * uniffi bindings (one long-lived store handle, calls are blocking and fast, so presenters run them on
 * an IO dispatcher); tests and the screen renderer use an in-memory fake (testFixtures).
 *
 * Rules (applicability, statuses, z-scores, reasons) are decided behind this interface, never in Kotlin:
 * Kotlin holds only in-progress input (architecture.md "Where state lives").
 * Every call may throw a [PantauException]; messages are bilingual and carry no personal data.
 */
package id.pantau.logic.repository

import id.pantau.logic.model.Lang
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.YearMonth
import java.time.LocalDate

interface PantauRepository {
    /**
     * The language of the texts the core words for the user from now on (error reasons, category labels,
     * 2T reasons): the app's language setting, Bahasa Indonesia by default. Cheap; never opens the store.
     */
    fun setLanguage(lang: Lang)

    /** The village set up on this phone, or null before the first-run setup. */
    fun village(): Village?

    /** First-run setup: village, hamlets, posyandu and the cadre's name. */
    fun setUpVillage(setup: VillageSetup): Village

    /** Home: this month's due visits, the quarter's convergence, children with growth alerts and with 2T. */
    fun homeSummary(today: LocalDate): HomeSummary

    /** Target list for a month with a status mark per target, filtered by kind, hamlet, posyandu. */
    fun targets(filter: TargetFilter, month: YearMonth): List<TargetRow>

    /** Search as you type over names, NIK and KIA numbers; a newer query interrupts the older one. */
    fun search(query: String, limit: Int): List<SearchHit>

    fun households(): List<Household>

    /** Possible duplicates of a person about to be registered (same NIK, KIA number, or name + birth date, A.9). */
    fun findDuplicates(candidate: PersonCandidate): List<PossibleDuplicate>

    fun registerHousehold(input: HouseholdInput): Household
    fun registerPregnancy(input: PregnancyInput): Registered
    fun registerChild(input: ChildInput): Registered

    /** The stored values of a household / pregnancy (with its mother) / child, to pre-fill the edit form. */
    fun householdInput(householdId: String): HouseholdInput
    fun pregnancyInput(targetId: String): PregnancyInput
    fun childInput(childId: String): ChildInput

    /**
     * Saves an edit of an existing record through the core's save_* (which validates and keeps the edit
     * history); the id never changes. A household's changed conditions start from the current month.
     */
    fun updateHousehold(householdId: String, input: HouseholdInput): Household
    fun updatePregnancy(targetId: String, input: PregnancyInput): Registered
    fun updateChild(childId: String, input: ChildInput): Registered

    /** The monthly form of a target: only the questions that apply that month, with saved answers. */
    fun monthlyForm(targetId: String, month: YearMonth): MonthlyForm

    /**
     * Saves one answer at once as a draft (architecture.md "Drafts"); null clears it. Returns the form
     * again, since an answer may change which questions apply (e.g. the iron-tablet count).
     */
    fun saveAnswer(targetId: String, month: YearMonth, fieldId: String, answer: Answer?): MonthlyForm

    /** Marks the form final when nothing blocks it; warnings are saved and returned. */
    fun finishForm(targetId: String, month: YearMonth, visitDate: LocalDate): FinishResult

    /** Records a weighing / length measurement and returns the growth verdict at once. */
    fun recordMeasurement(input: MeasurementInput): GrowthVerdict

    /** The child's points over the WHO reference curves. */
    fun growthChart(childId: String, indicator: ChartIndicator): GrowthChart

    /** The card a midwife opens at the posyandu. */
    fun targetCard(targetId: String, today: LocalDate): TargetCard

    /** Forms 3A/3B + Format 4 of a quarter, with the hamlet breakdown, reasons and the gap list. */
    fun scorecard(quarter: Quarter): Scorecard

    /** Writes a bundle of the village's data to [destinationPath] (a file the app then shares). */
    fun exportBundle(destinationPath: String): ExportResult

    /** "Check my data": validation findings and counts. */
    fun checkData(): DataCheck

    /** Copies the database to [destinationPath] consistently. */
    fun backup(destinationPath: String): BackupResult
}
