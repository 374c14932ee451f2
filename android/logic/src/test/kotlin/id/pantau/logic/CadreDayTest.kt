package id.pantau.logic

import id.pantau.logic.fake.FakePantauRepository
import id.pantau.logic.format.Formats
import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.Lang
import id.pantau.logic.model.NutritionStatus
import id.pantau.logic.model.Outcome
import id.pantau.logic.model.Sex
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.Answer
import id.pantau.logic.repository.DuplicateReason
import id.pantau.logic.repository.QuestionKind
import id.pantau.logic.repository.VisitMark
import id.pantau.logic.state.*
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.io.TempDir
import java.io.File
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertIs
import kotlin.test.assertNotEquals
import kotlin.test.assertNotNull
import kotlin.test.assertTrue

/**
 * A cadre's day on the JVM, asserting on screen state only (issue 8 "How we will know"). Runs against
 * the in-memory fake now; the same walk is to run against the real library once the bindings exist.
 */
class CadreDayTest {
    private val today = LocalDate.of(2026, 11, 20)
    private val month = YearMonth(2026, 11)
    private val repo = FakePantauRepository()
    private val scope = CoroutineScope(Dispatchers.Unconfined)
    private val io = Dispatchers.Unconfined

    @TempDir
    lateinit var dir: File

    private fun controller() = AppController(repo, InMemoryPreferences(), { today }, dir, scope, io)

    private fun setUp(c: AppController) {
        assertEquals(Screen.Setup, c.navigator.current, "first run opens the village setup")
        val setup = c.presenter(Screen.Setup) as SetupPresenter
        setup.submit()
        val missing = assertIs<SetupUiState.Editing>(setup.state.value).missing
        assertEquals(setup.required, missing, "nothing typed: every required field is marked")
        setup.edit(SetupField.VILLAGE_NAME, "Sukamaju")
        setup.edit(SetupField.HAMLETS, "Krajan, Sumbersari, ,krajan")
        setup.edit(SetupField.POSYANDU, "Melati")
        setup.edit(SetupField.CADRE_NAME, "Sri Wahyuni")
        setup.submit()
        val done = assertIs<SetupUiState.Done>(setup.state.value)
        assertEquals(listOf("Krajan", "Sumbersari"), done.village.hamlets.map { it.name })
        c.home()
        assertEquals(Screen.Home, c.navigator.current)
    }

    private fun registerHousehold(): String {
        val p = RegistrationPresenter(repo, RegKind.HOUSEHOLD, null, scope, io)
        val hamlet = p.state.value.form.hamlets.first { it.name == "Sumbersari" }
        p.choose(RegChoice.HAMLET, hamlet.id)
        p.edit(RegField.HOUSEHOLD_NUMBER, "04")
        p.edit(RegField.HEAD_NAME, "Agus Salim")
        p.toggle(RegFlag.SAFE_WATER)
        p.submit()
        return assertIs<RegistrationUiState.Saved>(p.state.value).id
    }

    private fun registerChild(household: String, name: String, born: String, nik: String?): RegistrationPresenter {
        val p = RegistrationPresenter(repo, RegKind.CHILD, household, scope, io)
        p.edit(RegField.CHILD_NAME, name)
        p.edit(RegField.BIRTH_DATE, born)
        nik?.let { p.edit(RegField.NIK, it) }
        p.choose(RegChoice.SEX, Sex.MALE.name)
        p.submit()
        return p
    }

    @Test
    fun aCadresDay() {
        val c = controller()
        setUp(c)
        val household = registerHousehold()

        // Register a pregnancy, then the same NIK again: warned, answers kept.
        val preg = RegistrationPresenter(repo, RegKind.PREGNANCY, household, scope, io)
        preg.edit(RegField.MOTHER_NAME, "Dewi Lestari")
        preg.edit(RegField.NIK, "12345")
        preg.edit(RegField.KIA_NUMBER, "KIA-2026-014")
        preg.submit()
        assertEquals(setOf(RegField.NIK.name), assertIs<RegistrationUiState.Editing>(preg.state.value).errors.keys, "a short NIK is refused")
        preg.edit(RegField.NIK, "3323055003970002")
        preg.toggle(RegFlag.KEK)
        preg.submit()
        val pregnancyId = assertIs<RegistrationUiState.Saved>(preg.state.value).id

        val again = RegistrationPresenter(repo, RegKind.PREGNANCY, household, scope, io)
        again.edit(RegField.MOTHER_NAME, "Dewi L.")
        again.edit(RegField.NIK, "3323055003970002")
        again.edit(RegField.KIA_NUMBER, "KIA-2027-001")
        again.submit()
        val warning = assertIs<RegistrationUiState.DuplicateWarning>(again.state.value)
        assertEquals(listOf(DuplicateReason.NIK), warning.duplicates.map { it.reason })
        assertEquals("Dewi Lestari", warning.duplicates.single().name)
        again.cancelDuplicate()
        assertEquals("Dewi L.", assertIs<RegistrationUiState.Editing>(again.state.value).form.value(RegField.MOTHER_NAME))

        // A child (18 months), then the same name and birth date: warned; registering anyway is possible.
        val child = registerChild(household, "Bagus Saputra", "20-05-2025", "3323052005250003")
        val childId = assertIs<RegistrationUiState.Saved>(child.state.value).id
        val twin = registerChild(household, "bagus saputra ", "20/05/2025", null)
        val w2 = assertIs<RegistrationUiState.DuplicateWarning>(twin.state.value)
        assertEquals(DuplicateReason.NAME_AND_BIRTH_DATE, w2.duplicates.single().reason)
        twin.registerAnyway()
        assertIs<RegistrationUiState.Saved>(twin.state.value)

        // The visit form, answer by answer; each answer reaches the store at once.
        val form = VisitFormPresenter(repo, childId, month, { today }, scope, io)
        val first = assertIs<VisitFormUiState.Editing>(form.state.value)
        assertTrue(first.form.questions.any { it.fieldId == "measles" }, "18 months: measles applies")
        assertEquals("20-11-2026", first.visitDateText)
        val yesNo = first.form.questions.filter { it.kind == QuestionKind.YesNo }.map { it.fieldId }
        form.answer(yesNo[0], Answer.YesNo(true))
        form.answer(yesNo[1], Answer.YesNo(false))
        form.answer("mat_result", Answer.Choice("M"))
        assertEquals(3, repo.calls["saveAnswer"])

        // The screen state is dropped mid-form (process death); a new one gets every answer back.
        val reopened = VisitFormPresenter(repo, childId, month, { today }, scope, io)
        val back = assertIs<VisitFormUiState.Editing>(reopened.state.value)
        assertEquals(mapOf(yesNo[0] to Answer.YesNo(true), yesNo[1] to Answer.YesNo(false), "mat_result" to Answer.Choice("M")), back.form.answers)
        assertEquals(FormStatus.DRAFT, back.form.status)
        val drafts = TargetListPresenter(repo, month, id.pantau.logic.repository.TargetFilter(TargetKind.CHILD), scope, io)
        assertEquals(VisitMark.DRAFT, assertIs<TargetsUiState.Ready>(drafts.state.value).rows.first { it.targetId == childId }.mark)

        // Finishing with unanswered questions is refused with one issue per question.
        reopened.finish()
        val refused = assertIs<VisitFormUiState.Editing>(reopened.state.value)
        assertEquals(refused.unanswered, refused.issues.size)
        for (q in refused.form.questions.filter { it.fieldId !in refused.form.answers }) {
            reopened.answer(q.fieldId, when (val k = q.kind) {
                QuestionKind.YesNo -> Answer.YesNo(q.fieldId != "home_visit")
                is QuestionKind.Count -> Answer.Count(k.min)
                is QuestionKind.Choice -> Answer.Choice(k.options.first().code)
            })
        }
        reopened.editVisitDate("12-10-2026")
        reopened.finish()
        assertEquals(VisitFormPresenter.VISIT_DATE, assertIs<VisitFormUiState.Editing>(reopened.state.value).issues.single().fieldId,
            "a visit date outside the form's month is refused")
        reopened.editVisitDate("12-11-2026")
        reopened.finish()
        assertEquals(FormStatus.FINAL, assertIs<VisitFormUiState.Finished>(reopened.state.value).form.status)

        // A pregnancy form: the tablet count applies only after "Ya" for iron tablets.
        val pf = VisitFormPresenter(repo, pregnancyId, month, { today }, scope, io)
        pf.answer("iron_tablets", Answer.YesNo(true))
        assertTrue(assertIs<VisitFormUiState.Editing>(pf.state.value).form.questions.any { it.fieldId == "iron_tablet_count" })
        pf.answer("iron_tablet_count", Answer.Count(30))
        pf.answer("iron_tablets", Answer.YesNo(false))
        val noTablets = assertIs<VisitFormUiState.Editing>(pf.state.value).form
        assertTrue(noTablets.questions.none { it.fieldId == "iron_tablet_count" } && "iron_tablet_count" !in noTablets.answers)
        pf.answer("gestational_age", Answer.Count(11))
        val rangeIssue = assertIs<VisitFormUiState.Editing>(pf.state.value)
        assertEquals("gestational_age", rangeIssue.issues.single().fieldId, "the store's refusal is shown beside the question")
        assertTrue("gestational_age" !in rangeIssue.form.answers, "a refused answer is not shown as saved")

        // The scorecard before and after the child's measurement month is finished.
        val before = ScorecardPresenter(repo, month.quarter(), scope, io)
        val sc1 = assertIs<ScorecardUiState.Ready>(before.state.value).scorecard
        val childRow = sc1.groups.first { it.kind == TargetKind.CHILD }.rows.single { it.targetId == childId }
        val homeVisit = childRow.outcomes.first { it.indicatorId == "AN-5" }
        assertEquals(Outcome.NO, homeVisit.outcome)
        assertTrue(sc1.gaps.any { it.targetId == childId && it.indicatorId == "AN-5" && it.reason.id.isNotBlank() }, "every T has a reason in the gap list")

        // A measurement that triggers the stunting alert (18-month-old boy, 74,6 cm).
        val measure = MeasurementPresenter(repo, childId, { today }, scope, io)
        measure.edit(MeasureField.WEIGHT, "9,3")
        measure.edit(MeasureField.LENGTH, "74.6 cm")
        measure.edit(MeasureField.DATE, "abc")
        measure.submit()
        assertEquals(setOf(MeasureField.DATE), assertIs<MeasurementUiState.Editing>(measure.state.value).errors.keys)
        measure.edit(MeasureField.DATE, "20-11-2026")
        measure.submit()
        val verdict = assertIs<MeasurementUiState.Assessed>(measure.state.value).verdict
        assertTrue(verdict.stuntingAlert)
        assertEquals(NutritionStatus.STUNTING, verdict.status)
        assertEquals(18, verdict.ageMonths)
        assertEquals(9.3, verdict.weightKg)
        assertTrue(assertNotNull(measure.state.value.chart).points.isNotEmpty())

        // Home shows the alert; the card shows the verdict and the missing service.
        val home = assertIs<UiState.Ready<id.pantau.logic.repository.HomeSummary>>(HomePresenter(repo, { today }, scope, io).state.value).value
        assertEquals(listOf(childId), home.alerts.map { it.childId })
        val card = assertIs<UiState.Ready<id.pantau.logic.repository.TargetCard>>(CardPresenter(repo, childId, { today }, scope, io).state.value).value
        assertEquals(NutritionStatus.STUNTING, card.lastVerdict?.status)
        assertTrue(card.missing.any { it.indicatorId == "AN-5" })

        // Another finished form changes the scorecard.
        val pFinish = VisitFormPresenter(repo, pregnancyId, month, { today }, scope, io)
        // Answered until nothing is left: a "Ya" for KEK makes the home-visit question apply.
        while (true) {
            val pe = assertIs<VisitFormUiState.Editing>(pFinish.state.value)
            val q = pe.form.questions.firstOrNull { it.fieldId !in pe.form.answers } ?: break
            pFinish.answer(q.fieldId, when (val k = q.kind) { QuestionKind.YesNo -> Answer.YesNo(true); is QuestionKind.Count -> Answer.Count(5.coerceIn(k.min, k.max)); is QuestionKind.Choice -> Answer.Choice(k.options.first().code) })
        }
        assertTrue(assertIs<VisitFormUiState.Editing>(pFinish.state.value).form.questions.any { it.fieldId == "home_visit" })
        pFinish.finish()
        assertIs<VisitFormUiState.Finished>(pFinish.state.value)
        val after = assertIs<ScorecardUiState.Ready>(ScorecardPresenter(repo, month.quarter(), scope, io).state.value).scorecard
        assertNotEquals(sc1.village, after.village)
        assertEquals(Formats.percent(after.village, Lang.ID), Formats.percent(after.groups.fold(id.pantau.logic.model.Ratio(0, 0)) { a, g -> id.pantau.logic.model.Ratio(a.numerator + g.total.numerator, a.denominator + g.total.denominator) }, Lang.ID))

        // Export a bundle for the share sheet, check the data, back up.
        val export = ExportPresenter(repo, dir, { today }, scope, io)
        val checked = assertIs<ExportUiState.Idle>(export.state.value)
        assertEquals(3, assertNotNull(checked.check).counts.children + checked.check.counts.pregnancies)
        export.share()
        val shared = assertNotNull(assertIs<ExportUiState.Idle>(export.state.value).shareRequest)
        assertTrue(File(shared.path).length() > 0 && shared.bytes == File(shared.path).length())
        export.shareShown()
        assertEquals(null, assertIs<ExportUiState.Idle>(export.state.value).shareRequest)
        export.backup()
        assertTrue(File(assertNotNull(export.state.value.backup).path).exists())
    }

    @Test
    fun searchAnswersWhileTypingAndIgnoresShortQueries() {
        val c = controller()
        setUp(c)
        val h = registerHousehold()
        registerChild(h, "Putri Ayu", "02-03-2026", null)
        registerChild(h, "Putra Wijaya", "02-04-2026", null)
        val s = SearchPresenter(repo, scope, io)
        s.onQuery("p")
        assertIs<SearchUiState.Idle>(s.state.value)
        assertEquals(null, repo.calls["search"], "one letter does not query the store")
        s.onQuery("put")
        assertEquals(listOf("Putri Ayu", "Putra Wijaya"), assertIs<SearchUiState.Results>(s.state.value).hits.map { it.name })
        s.onQuery("putr")
        s.onQuery("putri")
        assertEquals(listOf("Putri Ayu"), assertIs<SearchUiState.Results>(s.state.value).hits.map { it.name })
        s.onQuery("zzz")
        assertEquals(emptyList(), assertIs<SearchUiState.Results>(s.state.value).hits)
    }

    @Test
    fun navigationSurvivesAsRoutes() {
        val c = controller()
        setUp(c)
        c.open(Screen.Targets(TargetKind.CHILD))
        c.open(Screen.VisitForm("C7", month))
        c.open(Screen.ScorecardScreen(month.quarter()))
        val restored = Navigator.restore(c.navigator.routes())
        assertEquals(c.navigator.stack.value, restored.stack.value)
        assertTrue(c.back() && c.back() && c.back())
        assertEquals(false, c.back(), "home is the bottom of the stack")
        assertEquals(null, Screen.parse("visit/C7/2026"))
    }

    @Test
    fun editingOpensTheStoredValuesAndSavesThemUnderTheSameId() {
        val c = controller()
        setUp(c)
        val household = registerHousehold()
        val childId = assertIs<RegistrationUiState.Saved>(registerChild(household, "Bagus", "05-03-2025", null).state.value).id

        // The child's form, pre-filled; a bad NIK is marked beside the field; the new name is stored.
        c.open(Screen.Card(childId))
        val card = c.presenter(Screen.Card(childId)) as CardPresenter
        c.open(Screen.Edit(RegKind.CHILD, childId))
        assertEquals(Screen.Edit(RegKind.CHILD, childId), Screen.parse(c.navigator.current.route), "the edit screen survives as a route")
        val edit = c.presenter(c.navigator.current) as RegistrationPresenter
        val form = assertIs<RegistrationUiState.Editing>(edit.state.value).form
        assertEquals(childId, form.editId)
        assertEquals("Bagus", form.value(RegField.CHILD_NAME))
        assertEquals("05-03-2025", form.value(RegField.BIRTH_DATE))
        assertEquals(Sex.MALE, form.sex)
        assertEquals(household, form.householdId)
        edit.edit(RegField.NIK, "12")
        edit.submit()
        assertEquals(setOf(RegField.NIK.name), assertIs<RegistrationUiState.Editing>(edit.state.value).errors.keys)
        edit.edit(RegField.NIK, "")
        edit.edit(RegField.CHILD_NAME, "Bagus Pratama")
        edit.submit()
        assertEquals(childId, assertIs<RegistrationUiState.Saved>(edit.state.value).id)
        assertEquals(0, repo.calls["registerChild"]?.minus(1) ?: 0, "no second child registered")
        assertEquals(1, repo.calls["updateChild"])
        c.back()
        assertEquals("Bagus Pratama", assertIs<UiState.Ready<id.pantau.logic.repository.TargetCard>>(card.state.value).value.name)

        // The household, reached from the child's edit form: flags and hamlet come back as stored.
        val hh = RegistrationPresenter(repo, RegKind.HOUSEHOLD, null, scope, io, editId = household)
        val hf = assertIs<RegistrationUiState.Editing>(hh.state.value).form
        assertEquals("Agus Salim", hf.value(RegField.HEAD_NAME))
        assertEquals(setOf(RegFlag.SAFE_WATER), hf.flags)
        hh.edit(RegField.HEAD_NAME, "Agus Salim Jr")
        hh.toggle(RegFlag.LATRINE)
        hh.submit()
        assertEquals(household, assertIs<RegistrationUiState.Saved>(hh.state.value).id)
        assertEquals("Agus Salim Jr", repo.households().single().headName)
        assertEquals(setOf(RegFlag.SAFE_WATER, RegFlag.LATRINE), assertIs<RegistrationUiState.Editing>(
            RegistrationPresenter(repo, RegKind.HOUSEHOLD, null, scope, io, editId = household).state.value).form.flags)

        // A pregnancy edit keeps its KIA number check against the others.
        val preg = RegistrationPresenter(repo, RegKind.PREGNANCY, household, scope, io)
        preg.edit(RegField.MOTHER_NAME, "Dewi"); preg.edit(RegField.KIA_NUMBER, "KIA-1"); preg.submit()
        val pregId = assertIs<RegistrationUiState.Saved>(preg.state.value).id
        val pe = RegistrationPresenter(repo, RegKind.PREGNANCY, null, scope, io, editId = pregId)
        assertEquals("KIA-1", pe.state.value.form.value(RegField.KIA_NUMBER))
        pe.toggle(RegFlag.RISTI); pe.submit()
        assertIs<RegistrationUiState.Saved>(pe.state.value)
        assertEquals(setOf(RegFlag.RISTI), RegistrationPresenter(repo, RegKind.PREGNANCY, null, scope, io, editId = pregId).state.value.form.flags)

        // Nothing stored under that id: the form says so and stays open.
        val missing = RegistrationPresenter(repo, RegKind.CHILD, null, scope, io, editId = "nope")
        assertNotNull(assertIs<RegistrationUiState.Editing>(missing.state.value).message)
    }

    @Test
    fun theHouseholdPickerFindsAnyHouseholdByNumberOrHeadName() {
        val c = controller()
        setUp(c)
        val hamlet = assertNotNull(repo.village()).hamlets.first().id
        val heads = listOf("Agus", "Budi", "Citra", "Dedi", "Eko", "Fajar", "Gita", "Hadi", "Indah", "Joko Widodo")
        heads.forEachIndexed { i, n -> repo.registerHousehold(id.pantau.logic.repository.HouseholdInput(hamlet, "%02d".format(i + 1), n, "", false, false, false)) }
        val p = RegistrationPresenter(repo, RegKind.CHILD, null, scope, io)
        assertEquals(8, p.state.value.form.matchingHouseholds().size, "nothing typed: the first ones")
        p.searchHousehold("joko")
        assertEquals(listOf("Joko Widodo"), p.state.value.form.matchingHouseholds().map { it.headName }, "the 10th, beyond the first page")
        p.searchHousehold("10 wido")
        assertEquals(listOf("10"), p.state.value.form.matchingHouseholds().map { it.number }, "number and name words together")
        val joko = p.state.value.form.matchingHouseholds().single().id
        p.choose(RegChoice.HOUSEHOLD, joko)
        p.searchHousehold("budi")
        assertEquals(listOf("Joko Widodo", "Budi"), p.state.value.form.matchingHouseholds().map { it.headName }, "the chosen one stays first")
        p.searchHousehold("zzz")
        assertEquals(listOf(joko), p.state.value.form.matchingHouseholds().map { it.id })
    }

    @Test
    fun typedMeasurementSurvivesProcessDeath() {
        val c = controller()
        setUp(c)
        val childId = assertIs<RegistrationUiState.Saved>(registerChild(registerHousehold(), "Bagus", "05-03-2025", null).state.value).id
        c.open(Screen.Card(childId))
        c.open(Screen.Measurement(childId))
        val m = c.presenter(Screen.Measurement(childId)) as MeasurementPresenter
        m.edit(MeasureField.WEIGHT, "8,4")
        m.edit(MeasureField.LENGTH, "70.1")
        m.edit(MeasureField.DATE, "19-11-2026")
        m.setPosition(id.pantau.logic.model.Position.STANDING)
        m.setOedema(true)

        // The process dies: only the saved state (routes + inputs, strings) is left; a new controller reads it.
        val routes = ArrayList(c.navigator.routes())
        val inputs = HashMap(c.savedInputs())
        val again = AppController(repo, InMemoryPreferences(), { today }, dir, scope, io, Navigator.restore(routes), inputs)
        assertEquals(Screen.Measurement(childId), again.navigator.current)
        val m2 = again.presenter(again.navigator.current) as MeasurementPresenter
        assertEquals(MeasurementEntry("19-11-2026", "8,4", "70.1", id.pantau.logic.model.Position.STANDING, true), m2.state.value.entry)
        assertEquals(inputs, again.savedInputs(), "kept again for a second death")

        // Once saved, the input is in the store and no longer in the saved state.
        m2.submit()
        assertIs<MeasurementUiState.Assessed>(m2.state.value)
        assertEquals(emptyMap(), again.savedInputs())
        assertEquals(null, MeasurementEntry.decode("garbage"), "anything else starts an empty form")
    }

    @Test
    fun theLanguageSettingReachesTheRepository() {
        AppController(repo, InMemoryPreferences(Lang.EN), { today }, dir, scope, io)
        assertEquals(Lang.EN, repo.language, "the saved choice is set at start")
        val c = controller()
        assertEquals(Lang.ID, repo.language)
        c.settings.setLanguage(Lang.EN)
        assertEquals(Lang.EN, repo.language, "and every change after")
    }
}

