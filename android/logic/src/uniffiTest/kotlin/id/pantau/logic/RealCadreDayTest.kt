package id.pantau.logic

import id.pantau.logic.format.Formats
import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.Lang
import id.pantau.logic.model.NutritionStatus
import id.pantau.logic.model.Position
import id.pantau.logic.model.Ratio
import id.pantau.logic.model.Sex
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.Answer
import id.pantau.logic.repository.DuplicateReason
import id.pantau.logic.repository.HomeSummary
import id.pantau.logic.repository.MeasurementInput
import id.pantau.logic.repository.PantauException
import id.pantau.logic.repository.QuestionKind
import id.pantau.logic.repository.TargetCard
import id.pantau.logic.repository.TargetFilter
import id.pantau.logic.repository.UniffiPantauRepository
import id.pantau.logic.repository.VisitMark
import id.pantau.logic.state.*
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.time.LocalDate
import java.time.ZoneOffset
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/**
 * A cadre's day against the REAL Rust core (issue 8 "How we will know"): the presenters of android/logic
 * over [UniffiPantauRepository] on a fresh database file, asserting on screen state only. Dates follow
 * the real calendar in western Indonesia (the core refuses future dates and computes ages from them).
 * The same walk runs on the in-memory fake in [CadreDayTest].
 */
class RealCadreDayTest {
    private val today = LocalDate.now(ZoneOffset.ofHours(7))
    private val month = YearMonth.of(today)
    private val scope = CoroutineScope(Dispatchers.Unconfined)
    private val io = Dispatchers.Unconfined

    @TempDir
    lateinit var dir: File

    private val repo by lazy { UniffiPantauRepository.open(File(dir, "pantau.db").path, "test-phone", Lang.ID) { today } }

    @AfterEach
    fun close() = repo.close()

    private fun dmy(d: LocalDate) = "%02d-%02d-%04d".format(d.dayOfMonth, d.monthValue, d.year)

    private fun controller() = AppController(repo, InMemoryPreferences(), { today }, dir, scope, io)

    private fun setUp(c: AppController) {
        assertEquals(Screen.Setup, c.navigator.current, "first run opens the village setup")
        val setup = c.presenter(Screen.Setup) as SetupPresenter
        setup.submit()
        assertEquals(setup.required, assertIs<SetupUiState.Editing>(setup.state.value).missing)
        setup.edit(SetupField.VILLAGE_NAME, "Sukamaju")
        setup.edit(SetupField.VILLAGE_CODE, "33.02.01.2001")
        setup.edit(SetupField.KECAMATAN, "Lumbir")
        setup.edit(SetupField.KABUPATEN, "Banyumas")
        setup.edit(SetupField.PROVINSI, "Jawa Tengah")
        setup.edit(SetupField.HAMLETS, "Krajan, Sumbersari, ,krajan")
        setup.edit(SetupField.POSYANDU, "Melati")
        setup.edit(SetupField.CADRE_NAME, "Sri Wahyuni")
        setup.submit()
        val done = assertIs<SetupUiState.Done>(setup.state.value)
        assertEquals(setOf("Krajan", "Sumbersari"), done.village.hamlets.map { it.name }.toSet())
        assertEquals("Sri Wahyuni", repo.village()?.cadreName, "the village is in the database")
        c.home()
        assertEquals(Screen.Home, c.navigator.current)
    }

    private fun registerHousehold(): String {
        val p = RegistrationPresenter(repo, RegKind.HOUSEHOLD, null, scope, io)
        p.choose(RegChoice.HAMLET, p.state.value.form.hamlets.first { it.name == "Sumbersari" }.id)
        p.edit(RegField.HOUSEHOLD_NUMBER, "04")
        p.edit(RegField.HEAD_NAME, "Agus Salim")
        p.edit(RegField.ADDRESS, "RT 02 RW 01")
        p.toggle(RegFlag.SAFE_WATER)
        p.submit()
        return assertIs<RegistrationUiState.Saved>(p.state.value, "${p.state.value}").id
    }

    private fun registerChild(household: String, name: String, born: String): RegistrationPresenter {
        val p = RegistrationPresenter(repo, RegKind.CHILD, household, scope, io)
        p.edit(RegField.CHILD_NAME, name)
        p.edit(RegField.BIRTH_DATE, born)
        p.choose(RegChoice.SEX, Sex.MALE.name)
        p.submit()
        return p
    }

    private fun answerFor(q: id.pantau.logic.repository.Question, yes: Boolean): Answer = when (val k = q.kind) {
        QuestionKind.YesNo -> Answer.YesNo(yes)
        is QuestionKind.Count -> Answer.Count(k.min.coerceAtLeast(1).coerceAtMost(k.max))
        is QuestionKind.Choice -> Answer.Choice(k.options.first().code)
    }

    @Test
    fun aCadresDayOnTheRealCore() {
        val c = controller()
        setUp(c)
        val household = registerHousehold()

        // A pregnancy; the same NIK again gets the core's duplicate warning, answers kept.
        val preg = RegistrationPresenter(repo, RegKind.PREGNANCY, household, scope, io)
        preg.edit(RegField.MOTHER_NAME, "Dewi Lestari")
        preg.edit(RegField.NIK, "12345")
        preg.edit(RegField.KIA_NUMBER, "KIA-2026-014")
        preg.submit()
        assertEquals(setOf(RegField.NIK.name), assertIs<RegistrationUiState.Editing>(preg.state.value).errors.keys)
        preg.edit(RegField.NIK, "3323055003970002")
        preg.toggle(RegFlag.KEK)
        preg.submit()
        val pregnancyId = assertIs<RegistrationUiState.Saved>(preg.state.value, "${preg.state.value}").id

        val again = RegistrationPresenter(repo, RegKind.PREGNANCY, household, scope, io)
        again.edit(RegField.MOTHER_NAME, "Dewi L.")
        again.edit(RegField.NIK, "3323055003970002")
        again.edit(RegField.KIA_NUMBER, "KIA-2027-001")
        again.submit()
        val warning = assertIs<RegistrationUiState.DuplicateWarning>(again.state.value, "${again.state.value}")
        assertEquals(listOf(DuplicateReason.NIK), warning.duplicates.map { it.reason })
        assertEquals("Dewi Lestari", warning.duplicates.single().name)
        assertEquals("Sumbersari", warning.duplicates.single().hamlet)
        again.cancelDuplicate()
        assertEquals("Dewi L.", assertIs<RegistrationUiState.Editing>(again.state.value).form.value(RegField.MOTHER_NAME))

        // A boy of 18 months, then the same name and birth date typed differently: warned, registered anyway.
        val born = today.minusMonths(18)
        val child = registerChild(household, "Bagus Saputra", dmy(born))
        val childId = assertIs<RegistrationUiState.Saved>(child.state.value, "${child.state.value}").id
        val twin = registerChild(household, "bagus saputra ", dmy(born).replace('-', '/'))
        val w2 = assertIs<RegistrationUiState.DuplicateWarning>(twin.state.value, "${twin.state.value}")
        assertEquals(DuplicateReason.NAME_AND_BIRTH_DATE, w2.duplicates.single().reason)
        assertEquals(childId, w2.duplicates.single().targetId)
        twin.registerAnyway()
        assertIs<RegistrationUiState.Saved>(twin.state.value, "${twin.state.value}")

        // The child's visit form (2B), answer by answer; each answer reaches the database at once.
        val form = VisitFormPresenter(repo, childId, month, { today }, scope, io)
        val first = assertIs<VisitFormUiState.Editing>(form.state.value, "${form.state.value}")
        assertEquals(TargetKind.CHILD, first.form.kind)
        assertTrue(first.form.questions.any { it.fieldId == "measles" }, "18 months: the core asks about measles")
        assertTrue(first.form.questions.none { it.fieldId == "weight_kg" }, "weight is entered on the measurement screen")
        val yesNo = first.form.questions.filter { it.kind == QuestionKind.YesNo && it.prefill == null }.map { it.fieldId }
        form.answer(yesNo[0], Answer.YesNo(true))
        form.answer(yesNo[1], Answer.YesNo(false))
        form.answer("mat_result", Answer.Choice("M"))
        val typed = mapOf(yesNo[0] to Answer.YesNo(true), yesNo[1] to Answer.YesNo(false), "mat_result" to Answer.Choice("M"))
        assertEquals(typed, assertIs<VisitFormUiState.Editing>(form.state.value).form.answers)

        // The screen state is dropped mid-form (process death): a new one gets every answer back from the file.
        val reopened = VisitFormPresenter(repo, childId, month, { today }, scope, io)
        val back = assertIs<VisitFormUiState.Editing>(reopened.state.value)
        assertEquals(typed, back.form.answers)
        assertEquals(FormStatus.DRAFT, back.form.status)
        val drafts = TargetListPresenter(repo, month, TargetFilter(TargetKind.CHILD), scope, io)
        assertEquals(VisitMark.DRAFT, assertIs<TargetsUiState.Ready>(drafts.state.value).rows.first { it.targetId == childId }.mark)

        // Answer the rest ("Tidak" for the home visit) and finish; a date outside the month is refused first.
        for (q in back.form.questions.filter { it.fieldId !in back.form.answers }) {
            reopened.answer(q.fieldId, answerFor(q, q.fieldId != "home_visit"))
        }
        val filled = assertIs<VisitFormUiState.Editing>(reopened.state.value)
        assertTrue(filled.issues.isEmpty(), "${filled.issues}")
        reopened.editVisitDate(dmy(today.withDayOfMonth(1).minusDays(1)))
        reopened.finish()
        assertEquals(VisitFormPresenter.VISIT_DATE, assertIs<VisitFormUiState.Editing>(reopened.state.value).issues.single().fieldId)
        reopened.editVisitDate(dmy(today))
        reopened.finish()
        val finished = assertIs<VisitFormUiState.Finished>(reopened.state.value, "${reopened.state.value}")
        assertEquals(FormStatus.FINAL, finished.form.status)
        assertEquals(today, finished.form.visitDate)

        // The pregnancy form (2A): the tablet count is asked only after "Ya" for iron tablets.
        val pf = VisitFormPresenter(repo, pregnancyId, month, { today }, scope, io)
        assertTrue(assertIs<VisitFormUiState.Editing>(pf.state.value).form.questions.none { it.fieldId == "iron_tablet_count" })
        pf.answer("iron_tablets", Answer.YesNo(true))
        assertTrue(assertIs<VisitFormUiState.Editing>(pf.state.value).form.questions.any { it.fieldId == "iron_tablet_count" })
        pf.answer("iron_tablet_count", Answer.Count(30))
        // "Tidak" while a count is saved is refused by the core (V-2A-FE-COUNT), the reason shown beside it.
        pf.answer("iron_tablets", Answer.YesNo(false))
        val refusedNo = assertIs<VisitFormUiState.Editing>(pf.state.value)
        assertEquals("iron_tablets", refusedNo.issues.single().fieldId)
        assertEquals(Answer.YesNo(true), refusedNo.form.answers["iron_tablets"])
        pf.answer("iron_tablet_count", null)
        pf.answer("iron_tablets", Answer.YesNo(false))
        val noTablets = assertIs<VisitFormUiState.Editing>(pf.state.value).form
        assertTrue(noTablets.questions.none { it.fieldId == "iron_tablet_count" } && "iron_tablet_count" !in noTablets.answers)
        pf.answer("gestational_age_months", Answer.Count(99))
        val rangeIssue = assertIs<VisitFormUiState.Editing>(pf.state.value)
        assertEquals("gestational_age_months", rangeIssue.issues.single().fieldId, "the core's refusal is shown beside the question")
        assertTrue(rangeIssue.issues.single().message.en.isNotBlank() && rangeIssue.issues.single().message.id.isNotBlank())
        assertTrue("gestational_age_months" !in rangeIssue.form.answers, "a refused answer is not shown as saved")

        // The quarter's scorecard with the child's finished month: the home visit is a T with its reason.
        val sc1 = assertIs<ScorecardUiState.Ready>(ScorecardPresenter(repo, month.quarter(), scope, io).state.value).scorecard
        val childRow = sc1.groups.first { it.kind == TargetKind.CHILD }.rows.single { it.targetId == childId }
        assertTrue(childRow.outcomes.isNotEmpty())
        assertTrue(sc1.gaps.filter { it.targetId == childId }.all { it.reason.id.isNotBlank() && it.reason.en.isNotBlank() }, "every T has a reason")

        // A measurement that triggers the stunting alert (18-month-old boy, 74,6 cm).
        val measure = MeasurementPresenter(repo, childId, { today }, scope, io)
        measure.edit(MeasureField.WEIGHT, "9,3")
        measure.edit(MeasureField.LENGTH, "74.6 cm")
        measure.edit(MeasureField.DATE, "abc")
        measure.submit()
        assertEquals(setOf(MeasureField.DATE), assertIs<MeasurementUiState.Editing>(measure.state.value).errors.keys)
        measure.edit(MeasureField.DATE, dmy(today))
        measure.submit()
        val verdict = assertIs<MeasurementUiState.Assessed>(measure.state.value, "${measure.state.value}").verdict
        assertTrue(verdict.stuntingAlert)
        assertEquals(NutritionStatus.STUNTING, verdict.status)
        assertEquals(18, verdict.ageMonths)
        assertEquals(9.3, verdict.weightKg)
        val laz = assertNotNull(verdict.lengthForAge)
        assertTrue(laz.value < -2.0 && laz.value > -4.0, "WHO length-for-age z of 74.6 cm at 18 months: ${laz.value}")
        assertTrue(laz.category.id.contains("Pendek") || laz.category.id.contains("pendek"), laz.category.id)
        val chart = assertNotNull(measure.state.value.chart)
        assertEquals(74.6, chart.points.single().value, 0.05)
        assertEquals(5, chart.curves.size)

        // Home shows the alert; the card shows the verdict and what is missing.
        val home = assertIs<UiState.Ready<HomeSummary>>(HomePresenter(repo, { today }, scope, io).state.value, "home").value
        assertEquals(listOf(childId), home.alerts.map { it.childId })
        assertEquals(NutritionStatus.STUNTING, home.alerts.single().status)
        assertEquals("Sukamaju", home.villageName)
        val card = assertIs<UiState.Ready<TargetCard>>(CardPresenter(repo, childId, { today }, scope, io).state.value, "card").value
        assertEquals(NutritionStatus.STUNTING, card.lastVerdict?.status)
        assertEquals("Bagus Saputra", card.name)
        assertEquals("Sumbersari", card.hamlet)
        val noes = card.outcomes.filter { it.outcome == id.pantau.logic.model.Outcome.NO }.map { it.indicatorId }
        assertTrue(noes.isNotEmpty(), "the home visit was answered Tidak")
        assertEquals(noes.toSet(), card.missing.map { it.indicatorId }.toSet(), "what is missing now = the quarter's T")
        assertTrue(card.missing.all { it.detail.id.isNotBlank() && it.detail.en.isNotBlank() })

        // Editing from the card: the form opens with the stored values; a bad NIK is refused beside the
        // field; the new name is saved by the core (save_child) and the card read again shows it.
        c.open(Screen.Card(childId))
        val cardP = c.presenter(Screen.Card(childId)) as CardPresenter
        c.open(Screen.Edit(RegKind.CHILD, childId))
        val edit = c.presenter(Screen.Edit(RegKind.CHILD, childId)) as RegistrationPresenter
        val stored = assertIs<RegistrationUiState.Editing>(edit.state.value, "${edit.state.value}").form
        assertEquals("Bagus Saputra", stored.value(RegField.CHILD_NAME))
        assertEquals(household, stored.householdId)
        assertEquals(Sex.MALE, stored.sex)
        assertTrue(stored.value(RegField.BIRTH_DATE).isNotEmpty(), "birth date pre-filled")
        edit.edit(RegField.NIK, "123")
        edit.submit()
        assertEquals(setOf(RegField.NIK.name), assertIs<RegistrationUiState.Editing>(edit.state.value).errors.keys)
        edit.edit(RegField.NIK, "")
        edit.edit(RegField.CHILD_NAME, "Bagus Saputra Wijaya")
        edit.submit()
        assertEquals(childId, assertIs<RegistrationUiState.Saved>(edit.state.value, "${edit.state.value}").id, "an edit keeps the id")
        c.back()
        assertEquals(Screen.Card(childId), c.navigator.current)
        assertEquals("Bagus Saputra Wijaya", assertIs<UiState.Ready<TargetCard>>(cardP.state.value).value.name)
        assertEquals(NutritionStatus.STUNTING, assertIs<UiState.Ready<TargetCard>>(cardP.state.value).value.lastVerdict?.status, "measurements kept")
        c.back()

        // Another finished form changes the scorecard.
        val pFinish = VisitFormPresenter(repo, pregnancyId, month, { today }, scope, io)
        var guard = 0
        while (guard++ < 40) {
            val pe = assertIs<VisitFormUiState.Editing>(pFinish.state.value)
            val q = pe.form.questions.firstOrNull { it.fieldId !in pe.form.answers && pe.issues.none { i -> i.fieldId == it.fieldId } } ?: break
            pFinish.answer(q.fieldId, if (q.fieldId == "gestational_age_months") Answer.Count(6) else answerFor(q, true))
        }
        pFinish.editVisitDate(dmy(today))
        pFinish.finish()
        assertIs<VisitFormUiState.Finished>(pFinish.state.value, "${pFinish.state.value}")
        val after = assertIs<ScorecardUiState.Ready>(ScorecardPresenter(repo, month.quarter(), scope, io).state.value).scorecard
        assertNotEquals(sc1.village, after.village)
        val pooled = after.groups.fold(Ratio(0, 0)) { a, g -> Ratio(a.numerator + g.total.numerator, a.denominator + g.total.denominator) }
        assertEquals(Formats.percent(after.village, Lang.ID), Formats.percent(pooled, Lang.ID), "Table 4 pools 3A and 3B (A.5)")

        // Export a bundle for the share sheet (read back by the core), check the data, back up.
        val export = ExportPresenter(repo, dir, { today }, scope, io)
        val checked = assertIs<ExportUiState.Idle>(export.state.value)
        val counts = assertNotNull(checked.check).counts
        assertEquals(3, counts.children + counts.pregnancies)
        export.share()
        val shared = assertNotNull(assertIs<ExportUiState.Idle>(export.state.value, "${export.state.value}").shareRequest)
        assertTrue(File(shared.path).length() > 0 && shared.bytes == File(shared.path).length())
        assertEquals(3, shared.targets)
        export.shareShown()
        export.backup()
        assertTrue(File(assertNotNull(export.state.value.backup).path).length() > 0)
    }

    @Test
    fun searchAnswersWhileTypingOnTheRealIndex() {
        val c = controller()
        setUp(c)
        val h = registerHousehold()
        registerChild(h, "Putri Ayu", dmy(today.minusMonths(8)))
        registerChild(h, "Putra Wijaya", dmy(today.minusMonths(7)))
        val s = SearchPresenter(repo, scope, io)
        s.onQuery("p")
        assertIs<SearchUiState.Idle>(s.state.value)
        s.onQuery("put")
        assertEquals(setOf("Putri Ayu", "Putra Wijaya"), assertIs<SearchUiState.Results>(s.state.value).hits.map { it.name }.toSet())
        s.onQuery("putri")
        assertEquals(listOf("Putri Ayu"), assertIs<SearchUiState.Results>(s.state.value).hits.map { it.name })
        assertEquals("Sumbersari", assertIs<SearchUiState.Results>(s.state.value).hits.single().hamlet)
        s.onQuery("zzz")
        assertEquals(emptyList(), assertIs<SearchUiState.Results>(s.state.value).hits)
    }

    @Test
    fun errorsArriveAsTheLogicsKinds() {
        setUp(controller())
        val card = CardPresenter(repo, "no-such-target", { today }, scope, io)
        val failed = assertIs<UiState.Failed>(card.state.value)
        assertTrue(failed.message.id.isNotBlank())
        val bad = assertIs<id.pantau.logic.repository.PantauException.InvalidInput>(
            runCatching { repo.setUpVillage(id.pantau.logic.repository.VillageSetup("", "", "", "", "", emptyList(), emptyList(), "")) }.exceptionOrNull(),
        )
        assertTrue(bad.text.id.isNotBlank() && bad.text.en.isNotBlank() && bad.text.id != bad.text.en, "an invalid input comes in both languages")
    }

    @Test
    fun theCoreSpeaksTheAppsLanguage() {
        // A phone set to English before the store opened: the first error is already English.
        val c = AppController(repo, InMemoryPreferences(Lang.EN), { today }, dir, scope, io)
        fun notFound() = assertIs<PantauException.NotFound>(runCatching { repo.targetCard("no-such-target", today) }.exceptionOrNull()).text
        assertEquals("Record not found (it may have been deleted).", notFound().en)
        c.settings.setLanguage(Lang.ID)
        assertEquals("Data tidak ditemukan (mungkin sudah dihapus).", notFound().id)
        c.settings.setLanguage(Lang.EN)
        assertEquals("Record not found (it may have been deleted).", notFound().en)
    }

    @Test
    fun twoTOnHomeCategoryLabelsUnansweredMatAndTheCadresVisitDate() {
        val c = controller()
        setUp(c)
        val h = registerHousehold()
        val childId = assertIs<RegistrationUiState.Saved>(registerChild(h, "Rudi Hartono", dmy(today.minusMonths(8))).state.value).id

        // B, N, T, T over four monthly weighings: 2T this month, on the home list with the core's reason.
        for ((back, kg) in listOf(3L to 7.0, 2L to 7.6, 1L to 7.7, 0L to 7.75)) {
            repo.recordMeasurement(MeasurementInput(childId, today.minusMonths(back), kg, null, Position.LYING, false))
        }
        val home = assertIs<UiState.Ready<HomeSummary>>(HomePresenter(repo, { today }, scope, io).state.value, "home").value
        val twoT = home.twoT.single()
        assertEquals(childId, twoT.childId)
        assertEquals("Rudi Hartono", twoT.name)
        assertEquals("Sumbersari", twoT.hamlet)
        assertTrue(twoT.reason.id.contains("2T") && twoT.reason.id.contains("rujuk"), twoT.reason.id)
        assertTrue(twoT.reason.en.contains("refer"), twoT.reason.en)

        // The z-score category is the core's label in the app's language.
        val idVerdict = assertNotNull(repo.targetCard(childId, today).lastVerdict)
        repo.setLanguage(Lang.EN)
        val enVerdict = assertNotNull(repo.targetCard(childId, today).lastVerdict)
        repo.setLanguage(Lang.ID)
        val idWfa = assertNotNull(idVerdict.weightForAge).category.id
        val enWfa = assertNotNull(enVerdict.weightForAge).category.en
        assertTrue(idWfa.startsWith("Berat badan") && !idWfa.contains(":"), idWfa)
        assertTrue(enWfa.endsWith("weight") || enWfa.contains("weight", ignoreCase = true), enWfa)

        // The growth-mat colour has no blank in the model, yet it reads as still to do until answered.
        val form = VisitFormPresenter(repo, childId, month, { today }, scope, io)
        form.answer("weighed", Answer.YesNo(true))
        val editing = assertIs<VisitFormUiState.Editing>(form.state.value)
        assertTrue("mat_result" !in editing.form.answers, "${editing.form.answers}")
        assertTrue(editing.form.questions.any { it.fieldId == "mat_result" })
        val before = editing.unanswered
        form.answer("mat_result", Answer.Choice("TD"))
        assertEquals(before - 1, assertIs<VisitFormUiState.Editing>(form.state.value).unanswered, "TD given is an answer")

        // The visit date is the cadre's: a future one is refused (by the core when still in this month;
        // its "today" is the latest date anywhere, UTC+14, hence two days ahead), an earlier one is kept.
        form.editVisitDate(dmy(today.plusDays(2)))
        form.finish()
        assertEquals(VisitFormPresenter.VISIT_DATE, assertIs<VisitFormUiState.Editing>(form.state.value).issues.single().fieldId)
        val first = today.withDayOfMonth(1)
        form.editVisitDate(dmy(first))
        form.finish()
        val done = assertIs<VisitFormUiState.Finished>(form.state.value, "${form.state.value}")
        assertEquals(first, done.form.visitDate)
        assertEquals(first, repo.monthlyForm(childId, month).visitDate)
    }
}

