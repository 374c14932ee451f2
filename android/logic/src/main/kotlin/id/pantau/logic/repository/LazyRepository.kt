/**
 * Opens the real repository on first use, which happens inside a presenter's IO call: opening the
 * database (and running its migrations) never blocks the main thread at start-up, and a failure to
 * open arrives as a [PantauException] that the screen shows, like any other storage error.
 */
package id.pantau.logic.repository

import id.pantau.logic.model.Lang
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.YearMonth
import java.time.LocalDate

class LazyRepository(private val open: () -> PantauRepository) : PantauRepository {
    @Volatile
    private var opened: PantauRepository? = null

    /** The language last set, applied to the store when it opens (the open may read an older setting). */
    @Volatile
    private var language: Lang? = null

    private val repo: PantauRepository
        get() = opened ?: synchronized(this) {
            opened ?: open().also { r -> language?.let(r::setLanguage); opened = r }
        }

    /** Never opens the store: kept for the open, passed on once it is open. */
    override fun setLanguage(lang: Lang) = synchronized(this) {
        language = lang
        opened?.setLanguage(lang)
        Unit
    }

    override fun village() = repo.village()
    override fun setUpVillage(setup: VillageSetup) = repo.setUpVillage(setup)
    override fun homeSummary(today: LocalDate) = repo.homeSummary(today)
    override fun targets(filter: TargetFilter, month: YearMonth) = repo.targets(filter, month)
    override fun search(query: String, limit: Int) = repo.search(query, limit)
    override fun households() = repo.households()
    override fun findDuplicates(candidate: PersonCandidate) = repo.findDuplicates(candidate)
    override fun registerHousehold(input: HouseholdInput) = repo.registerHousehold(input)
    override fun registerPregnancy(input: PregnancyInput) = repo.registerPregnancy(input)
    override fun registerChild(input: ChildInput) = repo.registerChild(input)
    override fun householdInput(householdId: String) = repo.householdInput(householdId)
    override fun pregnancyInput(targetId: String) = repo.pregnancyInput(targetId)
    override fun childInput(childId: String) = repo.childInput(childId)
    override fun updateHousehold(householdId: String, input: HouseholdInput) = repo.updateHousehold(householdId, input)
    override fun updatePregnancy(targetId: String, input: PregnancyInput) = repo.updatePregnancy(targetId, input)
    override fun updateChild(childId: String, input: ChildInput) = repo.updateChild(childId, input)
    override fun monthlyForm(targetId: String, month: YearMonth) = repo.monthlyForm(targetId, month)
    override fun saveAnswer(targetId: String, month: YearMonth, fieldId: String, answer: Answer?) = repo.saveAnswer(targetId, month, fieldId, answer)
    override fun finishForm(targetId: String, month: YearMonth, visitDate: LocalDate) = repo.finishForm(targetId, month, visitDate)
    override fun recordMeasurement(input: MeasurementInput) = repo.recordMeasurement(input)
    override fun growthChart(childId: String, indicator: ChartIndicator) = repo.growthChart(childId, indicator)
    override fun targetCard(targetId: String, today: LocalDate) = repo.targetCard(targetId, today)
    override fun scorecard(quarter: Quarter) = repo.scorecard(quarter)
    override fun exportBundle(destinationPath: String) = repo.exportBundle(destinationPath)
    override fun checkData() = repo.checkData()
    override fun backup(destinationPath: String) = repo.backup(destinationPath)
}
