/**
 * [PantauRepository] over the uniffi bindings of the Rust core (issue 7 / issue 8): the one place where
 * the generated records (package `id.pantau.core`, `id.pantau.core.model`) become the screens' records,
 * ISO date text becomes `java.time.LocalDate`, and the generated `PantauException` subclasses become the
 * logic's [PantauException] kinds. Thin on purpose (architecture.md "Where state lives"): every rule —
 * which questions apply, statuses, z-scores, reasons, duplicates — is the core's; this class only
 * reshapes and, where a screen needs two answers of the core, asks for both.
 *
 * Compiled together with the generated bindings (scripts/lib-android.sh, the app's Gradle build), so it
 * lives in its own source set `src/uniffi` and the plain logic module stays free of JNA.
 */
package id.pantau.logic.repository

import id.pantau.core.Pantau
import id.pantau.core.blankMeta
import id.pantau.core.rulesetStamp
import id.pantau.core.model.DuplicateCandidate
import id.pantau.core.model.FieldKind
import id.pantau.core.model.FieldValue
import id.pantau.core.model.IndicatorId
import id.pantau.core.model.IndicatorResult
import id.pantau.core.model.LengthForAgeCategory
import id.pantau.core.model.PersonKind
import id.pantau.core.model.Table
import id.pantau.core.model.Text
import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.Lang
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
import java.util.concurrent.ConcurrentHashMap
import id.pantau.core.PantauException as CoreException
import id.pantau.core.model.Child as CoreChild
import id.pantau.core.model.GrowthVerdict as CoreVerdict
import id.pantau.core.model.Household as CoreHousehold
import id.pantau.core.model.HouseholdCondition as CoreCondition
import id.pantau.core.model.Lang as CoreLang
import id.pantau.core.model.Measurement as CoreMeasurement
import id.pantau.core.model.Mother as CoreMother
import id.pantau.core.model.Pregnancy as CorePregnancy
import id.pantau.core.model.Quarter as CoreQuarter
import id.pantau.core.model.Ratio as CoreRatio
import id.pantau.core.model.TargetFilter as CoreFilter
import id.pantau.core.model.TargetKind as CoreKind
import id.pantau.core.model.VisitMark as CoreMark
import id.pantau.core.model.WeightGain as CoreGain
import id.pantau.core.model.YearMonth as CoreMonth
import id.pantau.core.MonthlyForm as CoreForm
import id.pantau.core.PosyanduSetup as CorePosyanduSetup
import id.pantau.core.GrowthScores
import id.pantau.core.ScoredZ
import id.pantau.core.VillageOverview
import id.pantau.core.VillageSetup as CoreSetup

class UniffiPantauRepository(
    private val pantau: Pantau,
    /** The phone's date, for the month a new household's water/latrine condition starts. */
    private val today: () -> LocalDate = { LocalDate.now() },
) : PantauRepository, AutoCloseable {

    /** What a target id is: the register it lives in and the name shown for it (ids never change). */
    private data class Who(val pregnancy: Boolean, val name: String)

    private val who = ConcurrentHashMap<String, Who>()

    @Volatile
    private var indicatorLabels: Map<String, LocalText>? = null

    override fun close() = pantau.close()

    /** Error reasons, category labels and 2T reasons come from the core in this language from now on. */
    override fun setLanguage(lang: Lang) = pantau.setLanguage(lang.core())

    // ---- errors: the one mapping ----
    private inline fun <T> core(block: () -> T): T = try {
        block()
    } catch (e: CoreException) {
        throw mapError(e)
    } catch (e: PantauException) {
        throw e
    } catch (e: RuntimeException) {
        // uniffi's InternalException (a Rust panic) or a JNA failure: shown as a storage error.
        throw PantauException.Storage(LocalText("Terjadi kesalahan di penyimpanan data.", "Something went wrong in the data store."))
    }

    // ---- village ----
    override fun village(): Village? = core { pantau.village()?.let(::village) }

    private fun village(o: VillageOverview) = Village(
        id = o.village.id, name = o.village.name, code = o.village.code, kecamatan = o.village.kecamatan,
        kabupaten = o.village.kabupaten,
        hamlets = o.hamlets.map { Hamlet(it.id, it.name) },
        posyandu = o.posyandu.map { Posyandu(it.id, it.name, it.hamletId) },
        cadreName = o.cadres.firstOrNull()?.name.orEmpty(),
    )

    override fun setUpVillage(setup: VillageSetup): Village = core {
        village(
            pantau.setUpVillage(
                CoreSetup(
                    code = setup.code, name = setup.name, kecamatan = setup.kecamatan, kabupaten = setup.kabupaten,
                    provinsi = setup.provinsi, hamlets = setup.hamlets,
                    posyandu = setup.posyandu.map { CorePosyanduSetup(it.name, it.hamletName) },
                    cadreName = setup.cadreName, cadrePhone = null,
                ),
            ),
        )
    }

    private fun overview(): VillageOverview =
        pantau.village() ?: throw PantauException.NotFound(LocalText("Desa belum diatur.", "The village is not set up yet."))

    private fun hamletNames(o: VillageOverview) = o.hamlets.associate { it.id to it.name }
    private fun posyanduNames(o: VillageOverview) = o.posyandu.associate { it.id to it.name }

    // ---- home and lists ----
    override fun homeSummary(today: LocalDate): HomeSummary = core {
        val month = YearMonth.of(today)
        val o = overview()
        val h = pantau.homeSummary(month.core())
        val sc = pantau.scorecard(month.quarter().core(), null)
        val rows = rows(pantau.targets(CoreFilter(month.core(), null, null, null)), o, alerts(sc))
        val hamlets = hamletNames(o)
        HomeSummary(
            villageName = o.village.name, cadreName = o.cadres.firstOrNull()?.name.orEmpty(), month = month,
            quarter = month.quarter(), due = rows.filter { it.mark == VisitMark.DUE },
            drafts = h.visitsDraft.toInt(), doneThisMonth = h.visitsDone.toInt(), convergence = h.convergence.total.ratio(),
            alerts = sc.children.filter { it.nutritionStatus.alert() != null }.map {
                val status = it.nutritionStatus.alert()!!
                GrowthAlert(it.childId, it.name, it.hamletId?.let(hamlets::get).orEmpty(), status, statusLabel(status))
            },
            // The core's KMS 2T verdicts of this month's weighings (growth.md 3.1), bilingual as the core words them.
            twoT = pantau.twoTAlerts(month.core()).map {
                WeightAlert(it.childId, it.name, it.hamletId?.let(hamlets::get).orEmpty(), text(it.verdict.text))
            },
        )
    }

    /** Children whose status gizi (the core's, from their measurements, A.8) is not normal. */
    private fun alerts(sc: id.pantau.core.model.Scorecard): Map<String, NutritionStatus> =
        sc.children.mapNotNull { c -> c.nutritionStatus.alert()?.let { c.childId to it } }.toMap()

    private fun id.pantau.core.model.NutritionStatus?.alert(): NutritionStatus? =
        this?.let { NutritionStatus.valueOf(it.name) }?.takeIf { it != NutritionStatus.NORMAL }

    private fun statusLabel(s: NutritionStatus): LocalText = when (s) {
        NutritionStatus.STUNTING -> LocalText("Stunting (pendek): panjang/tinggi di bawah -2 SD", "Stunting: length/height below -2 SD")
        NutritionStatus.GIZI_KURANG -> LocalText("Gizi kurang", "Moderate undernutrition")
        NutritionStatus.GIZI_BURUK -> LocalText("Gizi buruk: rujuk", "Severe undernutrition: refer")
        NutritionStatus.NORMAL -> LocalText("Normal", "Normal")
    }

    override fun targets(filter: TargetFilter, month: YearMonth): List<TargetRow> = core {
        val o = overview()
        val list = pantau.targets(CoreFilter(month.core(), filter.kind?.core(), filter.hamletId, filter.posyanduId))
        rows(list, o, alerts(pantau.scorecard(month.quarter().core(), null)))
    }

    private fun rows(list: List<id.pantau.core.model.TargetRow>, o: VillageOverview, alerts: Map<String, NutritionStatus>): List<TargetRow> {
        val hamlets = hamletNames(o)
        val posyandu = posyanduNames(o)
        return list.map { r ->
            val kind = r.kind.logic()
            who.putIfAbsent(r.targetId, Who(kind == TargetKind.PREGNANCY, r.name))
            TargetRow(
                targetId = r.targetId, kind = kind, name = r.name,
                detail = when (kind) {
                    TargetKind.PREGNANCY -> r.date?.let { LocalText("HPL ${dmy(it)}", "EDD ${dmy(it)}") } ?: LocalText("Ibu hamil", "Pregnant")
                    else -> r.ageMonths?.let { LocalText("Umur $it bulan", "Age $it months") } ?: LocalText("Anak", "Child")
                },
                hamlet = hamlets[r.hamletId].orEmpty(), posyandu = r.posyanduId?.let(posyandu::get),
                mark = when (r.mark) { CoreMark.MISSING -> VisitMark.DUE; CoreMark.DRAFT -> VisitMark.DRAFT; CoreMark.DONE -> VisitMark.DONE },
                alert = alerts[r.targetId],
            )
        }
    }

    override fun search(query: String, limit: Int): List<SearchHit> = core {
        val hits = try {
            pantau.search(query, limit.coerceAtLeast(0).toUInt())
        } catch (e: CoreException.Interrupted) {
            // A newer query interrupted this one (search as you type): its answer is no longer wanted.
            emptyList()
        }
        hits.map { h ->
            val kind = h.kind.logic()
            who.putIfAbsent(h.targetId, Who(kind == TargetKind.PREGNANCY, h.name))
            val date = h.date?.let(::dmy)
            SearchHit(
                targetId = h.targetId, kind = kind, name = h.name,
                detail = when (kind) {
                    TargetKind.PREGNANCY -> LocalText("Ibu hamil" + (date?.let { ", HPL $it" } ?: ""), "Pregnant" + (date?.let { ", EDD $it" } ?: ""))
                    else -> LocalText("Anak" + (date?.let { ", lahir $it" } ?: ""), "Child" + (date?.let { ", born $it" } ?: ""))
                },
                hamlet = h.hamletName.orEmpty(),
            )
        }
    }

    // ---- registration ----
    override fun households(): List<Household> = core { pantau.households(null).map(::household) }

    private fun household(h: CoreHousehold) = Household(h.id, h.hamletId, h.number, h.headName, h.address)

    override fun findDuplicates(candidate: PersonCandidate): List<PossibleDuplicate> = core {
        val matches = pantau.findDuplicates(
            DuplicateCandidate(
                kind = when (candidate.kind) { TargetKind.PREGNANCY -> PersonKind.PREGNANCY; else -> PersonKind.CHILD },
                name = candidate.name, birthDate = candidate.birthDate?.toString(), nik = candidate.nik,
                kiaNumber = candidate.kiaNumber, ownId = null,
            ),
        )
        if (matches.isEmpty()) return@core emptyList()
        val hamlets = hamletNames(overview())
        matches.map { m ->
            // The screen shows who it is and opens their card: the target (pregnancy / child) behind the match.
            val (targetId, name, householdId) = when (m.kind) {
                PersonKind.CHILD -> pantau.child(m.id).let { Triple(it.id, it.name, it.householdId) }
                PersonKind.PREGNANCY -> pantau.pregnancy(m.id).let { p -> pantau.mother(p.motherId).let { Triple(p.id, it.name, it.householdId) } }
                PersonKind.MOTHER -> pantau.mother(m.id).let { mo ->
                    val episode = pantau.household(mo.householdId).pregnancies.lastOrNull { it.motherId == mo.id }
                    Triple(episode?.id ?: mo.id, mo.name, mo.householdId)
                }
            }
            PossibleDuplicate(
                targetId = targetId, name = name, hamlet = hamlets[pantau.household(householdId).household.hamletId].orEmpty(),
                reason = when (m.reason) {
                    id.pantau.core.model.DuplicateReason.SAME_NIK -> DuplicateReason.NIK
                    id.pantau.core.model.DuplicateReason.SAME_KIA_NUMBER -> DuplicateReason.KIA_NUMBER
                    id.pantau.core.model.DuplicateReason.SAME_NAME_AND_BIRTH_DATE -> DuplicateReason.NAME_AND_BIRTH_DATE
                },
            )
        }
    }

    override fun registerHousehold(input: HouseholdInput): Household = core {
        val o = overview()
        val h = CoreHousehold(
            id = "", villageId = o.village.id, hamletId = input.hamletId, number = input.number,
            headName = input.headName, address = input.address, meta = blankMeta(),
        )
        val condition = CoreCondition(
            id = "", householdId = "", effectiveFrom = YearMonth.of(today()).core(), safeWater = input.safeWater,
            latrine = input.latrine, vulnerable = input.vulnerable, meta = blankMeta(),
        )
        val saved = pantau.registerHousehold(h, condition)
        Household(saved.id, input.hamletId, input.number, input.headName, input.address)
    }

    override fun registerPregnancy(input: PregnancyInput): Registered = core {
        val r = pantau.registerPregnancy(
            CoreMother(
                id = "", householdId = input.householdId, name = input.motherName, nik = input.motherNik,
                birthDate = input.motherBirthDate?.toString(), insurance = input.insurance, meta = blankMeta(),
            ),
            CorePregnancy(
                id = "", motherId = "", kiaNumber = input.kiaNumber, posyanduId = input.posyanduId, kek = input.kek,
                risti = input.risti, expectedDelivery = input.expectedDelivery?.toString(), deliveryDate = null, end = null,
                meta = blankMeta(),
            ),
        )
        who[r.pregnancyId] = Who(true, input.motherName)
        Registered(r.pregnancyId, TargetKind.PREGNANCY)
    }

    override fun registerChild(input: ChildInput): Registered = core {
        val s = pantau.saveChild(
            CoreChild(
                id = "", householdId = input.householdId, motherId = null, pregnancyId = null, kiaNumber = input.kiaNumber,
                name = input.name, nik = input.nik, nikTemporary = false, sex = input.sex.core(),
                birthDate = input.birthDate.toString(), birthDateApproximate = input.birthDateApproximate,
                posyanduId = input.posyanduId, birthCertificate = input.birthCertificate, insurance = input.insurance,
                end = null, meta = blankMeta(),
            ),
        )
        who[s.id] = Who(false, input.name)
        Registered(s.id, TargetKind.CHILD)
    }

    // ---- editing: the stored record, changed, saved again through save_* (the core validates, keeps history) ----
    override fun householdInput(householdId: String): HouseholdInput = core {
        val d = pantau.household(householdId)
        val c = d.conditions.lastOrNull()
        HouseholdInput(d.household.hamletId, d.household.number, d.household.headName, d.household.address,
            c?.safeWater ?: false, c?.latrine ?: false, c?.vulnerable ?: false)
    }

    override fun pregnancyInput(targetId: String): PregnancyInput = core {
        val p = pantau.pregnancy(targetId)
        val m = pantau.mother(p.motherId)
        PregnancyInput(m.householdId, m.name, m.nik, m.birthDate?.let(LocalDate::parse), p.kiaNumber, p.posyanduId,
            p.kek, p.risti, p.expectedDelivery?.let(LocalDate::parse), m.insurance)
    }

    override fun childInput(childId: String): ChildInput = core {
        val c = pantau.child(childId)
        ChildInput(c.householdId, c.name, c.nik, Sex.valueOf(c.sex.name), LocalDate.parse(c.birthDate), c.birthDateApproximate,
            c.kiaNumber, null, c.posyanduId, c.birthCertificate, c.insurance)
    }

    override fun updateHousehold(householdId: String, input: HouseholdInput): Household = core {
        val d = pantau.household(householdId)
        pantau.saveHousehold(d.household.copy(hamletId = input.hamletId, number = input.number, headName = input.headName, address = input.address))
        val c = d.conditions.lastOrNull()
        if (c == null || c.safeWater != input.safeWater || c.latrine != input.latrine || c.vulnerable != input.vulnerable) {
            // A changed condition holds from this month on; earlier months keep the old one (domain.md 2.3).
            val month = YearMonth.of(today()).core()
            val same = c?.takeIf { it.effectiveFrom == month }
            pantau.saveHouseholdCondition(
                same?.copy(safeWater = input.safeWater, latrine = input.latrine, vulnerable = input.vulnerable)
                    ?: CoreCondition(id = "", householdId = householdId, effectiveFrom = month, safeWater = input.safeWater,
                        latrine = input.latrine, vulnerable = input.vulnerable, meta = blankMeta()),
            )
        }
        Household(householdId, input.hamletId, input.number, input.headName, input.address)
    }

    override fun updatePregnancy(targetId: String, input: PregnancyInput): Registered = core {
        val p = pantau.pregnancy(targetId)
        val m = pantau.mother(p.motherId)
        pantau.saveMother(m.copy(householdId = input.householdId, name = input.motherName, nik = input.motherNik,
            birthDate = input.motherBirthDate?.toString(), insurance = input.insurance))
        pantau.savePregnancy(p.copy(kiaNumber = input.kiaNumber, posyanduId = input.posyanduId, kek = input.kek, risti = input.risti,
            expectedDelivery = input.expectedDelivery?.toString()))
        who[targetId] = Who(true, input.motherName)
        Registered(targetId, TargetKind.PREGNANCY)
    }

    override fun updateChild(childId: String, input: ChildInput): Registered = core {
        val c = pantau.child(childId)
        pantau.saveChild(c.copy(householdId = input.householdId, name = input.name, nik = input.nik, sex = input.sex.core(),
            birthDate = input.birthDate.toString(), birthDateApproximate = input.birthDateApproximate, kiaNumber = input.kiaNumber,
            posyanduId = input.posyanduId, birthCertificate = input.birthCertificate, insurance = input.insurance))
        who[childId] = Who(false, input.name)
        // The birth date decides 2B or 2C in a month: ask the core again.
        kinds.keys.removeIf { it.first == childId }
        Registered(childId, TargetKind.CHILD)
    }

    // ---- which register a target id belongs to, and which form (2A, 2B or 2C) it has in a month: the core's ----
    private fun whoIs(targetId: String, month: YearMonth = YearMonth.of(today())): Who = who[targetId] ?: run {
        val w = if (kindOf(targetId, month) == CoreKind.PREGNANCY) {
            pantau.pregnancy(targetId).let { p -> Who(true, pantau.mother(p.motherId).name) }
        } else {
            Who(false, pantau.child(targetId).name)
        }
        who.putIfAbsent(targetId, w) ?: w
    }

    /** The core's form of a target for a month (`target_kind`: 2A; 2B while 0-23 months; else 2C). */
    private fun formOf(targetId: String, month: YearMonth): Pair<CoreKind, CoreForm> {
        val kind = kindOf(targetId, month)
        return kind to pantau.monthlyForm(kind, targetId, month.core(), null)
    }

    /** The form kind of a target in a month, asked once (a child's age in a month does not change). */
    private val kinds = ConcurrentHashMap<Pair<String, YearMonth>, CoreKind>()

    private fun kindOf(targetId: String, month: YearMonth): CoreKind =
        kinds.getOrPut(targetId to month) { pantau.targetKind(targetId, month.core()) }

    // ---- monthly form ----
    override fun monthlyForm(targetId: String, month: YearMonth): MonthlyForm = core {
        val (_, f) = formOf(targetId, month)
        form(f, targetId, month)
    }

    private fun form(f: CoreForm, targetId: String, month: YearMonth): MonthlyForm {
        // Only what the cadre answers on this screen: weight/length are entered on the measurement
        // screen, dates on the register, derived cells are the core's. A field the core enables only
        // after "Ya" to another (`enabled_when`, e.g. the iron-tablet count) is asked after that "Ya".
        val saved = f.answers.associate { it.key to it.value }
        val enabled = { key: String? -> key == null || (saved[key] as? FieldValue.Bool)?.value == true }
        val questions = f.spec.fields.filter { it.applies && enabled(it.enabledWhen) }.mapNotNull { field ->
            val kind = when (val k = field.kind) {
                is FieldKind.YesNo -> QuestionKind.YesNo
                is FieldKind.Count -> QuestionKind.Count(k.min.toInt(), k.max.toInt())
                is FieldKind.Choice -> QuestionKind.Choice(k.options.map { ChoiceOption(it.code, text(it.label)) })
                else -> return@mapNotNull null
            }
            Question(field.key, null, text(field.label), null, kind, field.prefill?.value?.answer())
        }
        val asked = questions.map { it.fieldId }.toSet()
        return MonthlyForm(
            targetId = targetId, targetName = whoIs(targetId).name, kind = f.spec.kind.logic(), month = month,
            status = f.status?.let { FormStatus.valueOf(it.name) } ?: FormStatus.DRAFT,
            visitDate = f.recordId?.let { LocalDate.parse(f.visitDate) }, ruleset = f.ruleset, questions = questions,
            answers = f.answers.filter { it.key in asked }.mapNotNull { a -> a.value.answer()?.let { a.key to it } }.toMap(),
        )
    }

    override fun saveAnswer(targetId: String, month: YearMonth, fieldId: String, answer: Answer?): MonthlyForm = core {
        val kind = kindOf(targetId, month)
        form(pantau.saveAnswer(kind, targetId, month.core(), null, fieldId, answer?.core()), targetId, month)
    }

    override fun finishForm(targetId: String, month: YearMonth, visitDate: LocalDate): FinishResult = core {
        val kind = kindOf(targetId, month)
        try {
            // The visit date is the cadre's; the core refuses one in the future or outside the month.
            val done = pantau.finishForm(kind, targetId, month.core(), visitDate.toString())
            FinishResult(true, done.warnings.map(::issue), form(done, targetId, month))
        } catch (e: CoreException.InvalidInput) {
            val now = pantau.monthlyForm(kind, targetId, month.core(), null)
            FinishResult(false, e.issues.map(::issue), form(now, targetId, month))
        }
    }

    private fun issue(i: id.pantau.core.model.Issue) =
        FormIssue(i.field.ifEmpty { null }, Severity.valueOf(i.severity.name), text(i.message))

    // ---- growth ----
    override fun recordMeasurement(input: MeasurementInput): GrowthVerdict = core {
        val r = pantau.recordMeasurement(
            CoreMeasurement(
                id = "", childId = input.childId, date = input.date.toString(), weightKg = input.weightKg,
                lengthCm = input.lengthCm, position = id.pantau.core.model.Position.valueOf(input.position.name),
                oedema = input.oedema, meta = blankMeta(),
            ),
        )
        verdict(r.measurement, r.verdict, r.scores, r.weightGain)
    }

    private fun verdict(m: CoreMeasurement, v: CoreVerdict, s: GrowthScores, gain: id.pantau.core.model.WeightGainVerdict?): GrowthVerdict {
        // The category label is the core's, in the handle's language (the app's language, setLanguage).
        fun z(score: ScoredZ?) = score?.let { ZScore(it.z, LocalText.same(it.category.orEmpty()), it.flagged) }
        return GrowthVerdict(
            childId = m.childId, date = LocalDate.parse(m.date), ageMonths = v.ageMonths?.toInt() ?: 0,
            weightKg = m.weightKg, lengthCm = m.lengthCm,
            weightForAge = z(s.weightForAge),
            lengthForAge = z(s.lengthForAge),
            weightForLength = z(s.weightForLength),
            status = v.status?.let { NutritionStatus.valueOf(it.name) },
            weightGain = gain?.let {
                when (it.gain) {
                    CoreGain.NEW -> WeightGain.FIRST
                    CoreGain.NOT_WEIGHED_LAST_MONTH -> WeightGain.NOT_WEIGHED_LAST_MONTH
                    CoreGain.GAINED -> WeightGain.GAINED
                    CoreGain.NOT_GAINED -> if (it.twoT) WeightGain.NOT_GAINED_TWICE else WeightGain.NOT_GAINED
                }
            },
            stuntingAlert = v.lengthForAge == LengthForAgeCategory.STUNTED || v.lengthForAge == LengthForAgeCategory.SEVERELY_STUNTED,
            messages = v.notes.map(::text) + listOfNotNull(gain?.takeIf { it.twoT }?.text?.let(::text)),
        )
    }

    override fun growthChart(childId: String, indicator: ChartIndicator): GrowthChart = core {
        val c = pantau.growthChart(childId, if (indicator == ChartIndicator.WEIGHT_FOR_AGE) Table.WEIGHT_FOR_AGE else Table.LENGTH_FOR_AGE)
        val sds = listOf(-3 to { p: id.pantau.core.model.CurvePoint -> p.sdNeg3 }, -2 to { p -> p.sdNeg2 }, 0 to { p -> p.median },
            2 to { p -> p.sdPos2 }, 3 to { p -> p.sdPos3 })
        GrowthChart(
            childId = childId, name = whoIs(childId).name, sex = Sex.valueOf(c.sex.name), indicator = indicator,
            curves = sds.map { (sd, at) -> ReferenceCurve(sd, c.curves.map { ChartPoint(it.x, at(it)) }) },
            points = c.points.map { ChartPoint(it.x, it.y) },
        )
    }

    // ---- card ----
    override fun targetCard(targetId: String, today: LocalDate): TargetCard = core {
        val month = YearMonth.of(today)
        val kind = kindOf(targetId, month)
        val c = pantau.targetCard(kind, targetId, month.core())
        val labels = indicatorLabels()
        val results = c.quarterResult?.let(::results).orEmpty()
        val outcomes = results.map { outcome(it, labels) }
        val lines = buildList {
            c.pregnancy?.let { p ->
                add(CardLine(LocalText("Nomor KIA", "KIA number"), p.kiaNumber))
                p.expectedDelivery?.let { add(CardLine(LocalText("HPL", "Due date"), dmy(it))) }
                if (p.kek) add(CardLine(LocalText("Status", "Status"), "KEK"))
                if (p.risti) add(CardLine(LocalText("Status", "Status"), "Risti"))
            }
            c.child?.let { ch ->
                ch.kiaNumber?.let { add(CardLine(LocalText("Nomor KIA", "KIA number"), it)) }
                add(CardLine(LocalText("Tanggal lahir", "Born"), dmy(ch.birthDate)))
                c.mother?.let { add(CardLine(LocalText("Ibu", "Mother"), it.name)) }
            }
            c.household?.let { add(CardLine(LocalText("Rumah tangga", "Household"), "${it.number} · ${it.headName}")) }
        }
        val last = c.measurements.indices.lastOrNull()
        TargetCard(
            targetId = targetId, kind = kind.logic(), name = c.name, hamlet = c.hamlet?.name.orEmpty(), posyandu = c.posyandu?.name,
            lines = lines,
            received = outcomes.filter { it.outcome == Outcome.YES }.map { ServiceLine(it.indicatorId, it.label, it.reason) },
            missing = c.missingNow.map { g -> indicatorId(g.indicator).let { ServiceLine(it, labels[it] ?: LocalText.same(it), text(g.reason)) } },
            lastVerdict = last?.let { i ->
                val v = c.growth.getOrNull(i) ?: return@let null
                val s = c.scores.getOrNull(i) ?: return@let null
                verdict(c.measurements[i], v, s, c.weightGain.lastOrNull { it.date == c.measurements[i].date })
            },
            nextDue = if (c.thisMonth == CoreMark.DONE) LocalText("Kunjungan bulan depan", "Visit next month")
            else LocalText("Formulir bulan ini belum selesai", "This month's form is not finished"),
            quarter = Quarter(c.quarter.year, c.quarter.q.toInt()),
            outcomes = outcomes,
        )
    }

    private fun results(r: id.pantau.core.model.TargetResult): List<IndicatorResult> = when (r) {
        is id.pantau.core.model.TargetResult.Pregnancy -> r.row.results
        is id.pantau.core.model.TargetResult.Child -> r.row.results
        is id.pantau.core.model.TargetResult.Paud -> listOf(r.row.result)
    }

    private fun outcome(r: IndicatorResult, labels: Map<String, LocalText>): IndicatorOutcome {
        val id = indicatorId(r.indicator)
        return IndicatorOutcome(id, labels[id] ?: LocalText.same(id), Outcome.valueOf(r.outcome.name), r.reason?.let(::text) ?: LocalText("", ""))
    }

    private fun indicatorLabels(): Map<String, LocalText> = indicatorLabels
        ?: pantau.labels().indicators.associate { it.code to text(it.text) }.also { indicatorLabels = it }

    // ---- scorecard ----
    override fun scorecard(quarter: Quarter): Scorecard = core {
        val sc = pantau.scorecard(quarter.core(), null)
        val o = pantau.village()
        val hamlets = o?.let(::hamletNames).orEmpty()
        val labels = indicatorLabels()
        fun indicators(kind: CoreKind) = sc.table3.filter { it.group == kind }.map {
            val id = indicatorId(it.indicator)
            IndicatorScore(id, text(it.label), it.coverage.ratio())
        }
        val groups = listOf(
            ScorecardGroup(
                TargetKind.PREGNANCY, LocalText("Ibu hamil (3A)", "Pregnant women (3A)"), indicators(CoreKind.PREGNANCY),
                sc.pregnancies.map { r ->
                    TargetOutcomes(r.pregnancyId, r.motherName, r.hamletId?.let(hamlets::get).orEmpty(), r.results.map { outcome(it, labels) }, r.convergence.ratio())
                },
                sc.table4.pregnancy.ratio(),
            ),
            ScorecardGroup(
                TargetKind.CHILD, LocalText("Anak 0-23 bulan (3B)", "Children 0-23 months (3B)"), indicators(CoreKind.CHILD),
                sc.children.map { r ->
                    TargetOutcomes(r.childId, r.name, r.hamletId?.let(hamlets::get).orEmpty(), r.results.map { outcome(it, labels) }, r.convergence.ratio())
                },
                sc.table4.child.ratio(),
            ),
        )
        Scorecard(
            quarter = quarter, ruleset = sc.ruleset, villageName = sc.villageName ?: o?.village?.name.orEmpty(), groups = groups,
            village = sc.table4.total.ratio(), paud = sc.pd1.personMonths.ratio(),
            hamlets = sc.byHamlet.map { HamletConvergence(it.name, it.pregnancy.ratio(), it.child.ratio(), it.total.ratio()) },
            gaps = sc.gaps.flatMap { t ->
                t.gaps.map { g ->
                    val id = indicatorId(g.indicator)
                    Gap(t.targetId, t.name, t.hamletId?.let(hamlets::get).orEmpty(), id, labels[id] ?: LocalText.same(id), text(g.reason))
                }
            },
        )
    }

    // ---- export, check, backup ----
    override fun exportBundle(destinationPath: String): ExportResult = core {
        val r = pantau.exportBundle(destinationPath, true, null)
        // Read it back: the bundle is checked before the share sheet offers it.
        val b = pantau.checkBundle(r.path)
        ExportResult(r.path, r.bytes.toLong(), (b.pregnancies + b.children).toInt(), r.records.toInt(), rulesetStamp())
    }

    override fun checkData(): DataCheck = core {
        val c = pantau.checkData(false)
        val h = pantau.homeSummary(YearMonth.of(today()).core())
        DataCheck(
            counts = DataCounts(
                households = h.households.toInt(), pregnancies = h.pregnancies.toInt(),
                children = (h.children023 + h.paudChildren).toInt(),
                forms = (h.visitsDone + h.visitsDraft).toInt(), drafts = h.visitsDraft.toInt(),
            ),
            issues = c.storageProblems.map { DataIssue(Severity.ERROR, LocalText.same(it), null) } +
                c.findings.map { DataIssue(Severity.valueOf(it.issue.severity.name), text(it.issue.message), it.recordId) },
        )
    }

    override fun backup(destinationPath: String): BackupResult = core {
        val b = pantau.backup(destinationPath)
        BackupResult(b.path, b.bytes.toLong())
    }

    // ---- small conversions ----
    private fun YearMonth.core() = CoreMonth(year, month.toUInt())
    private fun Quarter.core() = CoreQuarter(year, q.toUInt())
    private fun TargetKind.core() = CoreKind.valueOf(name)
    private fun CoreKind.logic() = TargetKind.valueOf(name)
    private fun Sex.core() = id.pantau.core.model.Sex.valueOf(name)
    private fun Lang.core() = if (this == Lang.EN) CoreLang.EN else CoreLang.ID
    private fun CoreRatio.ratio() = Ratio(numerator.toInt(), denominator.toInt())

    /** "IH1" (the generated enum name) → "IH-1", the id the forms and the rule set use. */
    private fun indicatorId(i: IndicatorId): String = i.name.replace(Regex("^([A-Z]+)([0-9]+)$"), "$1-$2")

    private fun dmy(iso: String): String = LocalDate.parse(iso).let { "%02d-%02d-%04d".format(it.dayOfMonth, it.monthValue, it.year) }

    private fun FieldValue.answer(): Answer? = when (this) {
        is FieldValue.Bool -> Answer.YesNo(value)
        is FieldValue.Count -> Answer.Count(value.toInt())
        is FieldValue.Code -> Answer.Choice(code)
        else -> null
    }

    private fun Answer.core(): FieldValue = when (this) {
        is Answer.YesNo -> FieldValue.Bool(value)
        is Answer.Count -> FieldValue.Count(value.coerceAtLeast(0).toUInt())
        is Answer.Choice -> FieldValue.Code(code)
    }

    companion object {
        /** Opens (or creates) the database at [path]; error texts in [lang]. */
        fun open(path: String, deviceId: String, lang: Lang, today: () -> LocalDate = { LocalDate.now() }): UniffiPantauRepository = try {
            UniffiPantauRepository(Pantau.open(path, deviceId, if (lang == Lang.EN) CoreLang.EN else CoreLang.ID), today)
        } catch (e: CoreException) {
            throw mapError(e)
        }
    }
}

/** The one mapping from the generated exceptions to the logic's kinds. */
private fun mapError(e: CoreException): PantauException = when (e) {
    is CoreException.InvalidInput -> {
        val first = e.issues.firstOrNull { it.severity == id.pantau.core.model.Severity.ERROR } ?: e.issues.firstOrNull()
        PantauException.InvalidInput(e.field.ifEmpty { null }, e.rule, first?.message?.let(::text) ?: LocalText.same(e.reason))
    }
    // The other kinds carry their text in the handle's language, which follows the app's (setLanguage).
    is CoreException.NotFound -> PantauException.NotFound(LocalText.same(e.reason))
    is CoreException.Storage -> PantauException.Storage(LocalText.same(e.reason))
    is CoreException.Corrupt -> PantauException.Storage(LocalText.same(e.reason))
    is CoreException.Interrupted -> PantauException.Storage(LocalText.same(e.reason))
    is CoreException.NewerDatabase -> PantauException.NewerDatabase(LocalText.same(e.reason))
    is CoreException.BundleRejected -> PantauException.BundleRejected(LocalText.same(e.reason))
}

private fun text(t: Text) = LocalText(t.id, t.en)
