/**
 * TEST DOUBLE ONLY: an in-memory [PantauRepository] for presenter tests, the JVM screen renderer and
 * the Compose UI tests, until the Rust core is reachable through the bindings (issue 7). It keeps every
 * answer as it is saved, finds duplicates by NIK / KIA number / name + birth date (A.9) and computes a
 * simplified quarter result (Y when some month of the quarter answered "Ya", T when asked but never
 * "Ya", TS when never asked). The real KPM-2019 rules, thresholds and WHO z-scores are the core's.
 */
package id.pantau.logic.fake

import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.Lang
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.NutritionStatus
import id.pantau.logic.model.Outcome
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.Ratio
import id.pantau.logic.model.Severity
import id.pantau.logic.model.Sex
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.WeightGain
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.*
import java.io.File
import java.time.LocalDate
import java.time.temporal.ChronoUnit
import kotlin.math.roundToInt

class FakePantauRepository : PantauRepository {
    /** The language the app last set (the fake's texts are bilingual already; tests read it). */
    @Volatile
    var language: Lang = Lang.ID
        private set

    override fun setLanguage(lang: Lang) {
        language = lang
    }

    private data class Person(
        val id: String, val kind: TargetKind, val householdId: String, val name: String, val nik: String?,
        val birthDate: LocalDate?, val kia: String?, val posyanduId: String?, val sex: Sex?,
        val kek: Boolean = false, val risti: Boolean = false, val hpl: LocalDate? = null,
        val insurance: Boolean = false, val birthCertificate: Boolean = false,
    )

    private class FormRecord(var status: FormStatus = FormStatus.DRAFT, var visitDate: LocalDate? = null, val answers: MutableMap<String, Answer> = linkedMapOf())

    private data class Measure(val date: LocalDate, val weight: Double?, val length: Double?)

    private var village: Village? = null
    private val households = mutableListOf<Household>()
    private val householdFlags = mutableMapOf<String, Pair<Boolean, Boolean>>()
    private val people = linkedMapOf<String, Person>()
    private val forms = mutableMapOf<Pair<String, YearMonth>, FormRecord>()
    private val measures = mutableMapOf<String, MutableList<Measure>>()
    private var seq = 0

    /** How many calls were made, per function name (tests check that screens make coarse calls). */
    val calls = mutableMapOf<String, Int>()
    private fun count(name: String) { calls[name] = (calls[name] ?: 0) + 1 }
    private fun nextId(prefix: String) = "$prefix${++seq}"

    private fun notFound(what: String): Nothing = throw PantauException.NotFound(LocalText("$what tidak ditemukan", "$what not found"))
    private fun person(id: String) = people[id] ?: notFound("Sasaran")
    private fun hamletOf(p: Person): String {
        val h = households.firstOrNull { it.id == p.householdId }
        return village?.hamlets?.firstOrNull { it.id == h?.hamletId }?.name.orEmpty()
    }
    private fun posyanduName(id: String?) = village?.posyandu?.firstOrNull { it.id == id }?.name

    override fun village(): Village? { count("village"); return village }

    override fun setUpVillage(setup: VillageSetup): Village {
        count("setUpVillage")
        if (setup.name.isBlank()) throw PantauException.InvalidInput("name", "village.name", LocalText("Nama desa wajib diisi", "Village name is required"))
        val hamlets = setup.hamlets.map { Hamlet(nextId("D"), it) }
        val posyandu = setup.posyandu.map { p -> Posyandu(nextId("Y"), p.name, hamlets.firstOrNull { it.name == p.hamletName }?.id) }
        return Village(nextId("V"), setup.name, setup.code, setup.kecamatan, setup.kabupaten, hamlets, posyandu, setup.cadreName).also { village = it }
    }

    // ---- ages and applicability ----
    private fun ageMonths(birth: LocalDate, on: LocalDate): Int {
        var m = ChronoUnit.MONTHS.between(birth.withDayOfMonth(1), on.withDayOfMonth(1)).toInt()
        if (on.dayOfMonth < birth.dayOfMonth) m -= 1 // completed months (A.10)
        return m
    }

    private fun kindIn(p: Person, month: YearMonth): TargetKind? = when (p.kind) {
        TargetKind.PREGNANCY -> TargetKind.PREGNANCY
        else -> {
            val age = ageMonths(p.birthDate ?: return null, LocalDate.of(month.year, month.month, 1).plusMonths(1).minusDays(1))
            when (age) { in 0..23 -> TargetKind.CHILD; in 24..83 -> TargetKind.PAUD; else -> null }
        }
    }

    private fun yesNo(id: String, indicator: String?, idText: String, en: String, prefill: Boolean? = null) =
        Question(id, indicator, LocalText(idText, en), null, QuestionKind.YesNo, prefill?.let { Answer.YesNo(it) })

    private fun questions(p: Person, month: YearMonth, answers: Map<String, Answer>): List<Question> {
        val hh = householdFlags[p.householdId] ?: (false to false)
        return when (kindIn(p, month)) {
            TargetKind.PREGNANCY -> buildList {
                add(yesNo("kek", null, "KEK bulan ini", "KEK this month", p.kek))
                add(yesNo("risti", null, "Risiko tinggi bulan ini", "High risk this month", p.risti))
                add(Question("gestational_age", null, LocalText("Usia kehamilan (bulan)", "Months pregnant"), null, QuestionKind.Count(1, 10), null))
                add(yesNo("antenatal_check", "IH-1", "Periksa kehamilan", "Antenatal check"))
                add(yesNo("iron_tablets", "IH-2", "Dapat & minum pil Fe", "Got & took iron tablets"))
                if (answers["iron_tablets"] == Answer.YesNo(true)) {
                    add(Question("iron_tablet_count", "IH-2", LocalText("Berapa butir pil Fe", "How many iron tablets"), null, QuestionKind.Count(0, 90), null))
                }
                add(yesNo("nutrition_counselling", "IH-4", "Konseling gizi / kelas ibu hamil", "Nutrition counselling / pregnancy class"))
                if (answers["kek"] == Answer.YesNo(true) || answers["risti"] == Answer.YesNo(true)) {
                    add(yesNo("home_visit", "IH-5", "Kunjungan rumah oleh bidan", "Home visit by the midwife"))
                }
                add(yesNo("safe_water", "IH-6", "Air minum yang aman", "Safe drinking water", hh.first))
                add(yesNo("latrine", "IH-7", "Jamban yang layak", "Proper latrine", hh.second))
                add(yesNo("insurance", "IH-8", "Jaminan kesehatan", "Health insurance", p.insurance))
            }
            TargetKind.CHILD -> buildList {
                val age = ageMonths(p.birthDate ?: LocalDate.MIN, LocalDate.of(month.year, month.month, 1).plusMonths(1).minusDays(1))
                add(Question("mat_result", null, LocalText("Hasil tikar pertumbuhan", "Growth mat result"), null,
                    QuestionKind.Choice(listOf(ChoiceOption("H", LocalText("Hijau", "Green")), ChoiceOption("K", LocalText("Kuning", "Yellow")),
                        ChoiceOption("M", LocalText("Merah", "Red")), ChoiceOption("TD", LocalText("Tidak diukur", "Not measured")))), null))
                add(yesNo("basic_immunization", "AN-1", "Imunisasi dasar", "Basic immunisation"))
                if (age >= 6) {
                    add(Question("measles", "AN-1", LocalText("Imunisasi campak", "Measles immunisation"), null,
                        QuestionKind.Choice(listOf(ChoiceOption("BELUM", LocalText("Belum", "Not yet")), ChoiceOption("SUDAH", LocalText("Sudah", "Done")))), null))
                }
                add(yesNo("weighed", "AN-2", "Ditimbang", "Weighed"))
                add(yesNo("length_measured", "AN-3", "Diukur panjang/tinggi", "Length/height measured"))
                add(yesNo("counselling_mother", "AN-4", "Konseling gizi: ibu", "Nutrition counselling: mother"))
                add(yesNo("counselling_father", "AN-4", "Konseling gizi: ayah", "Nutrition counselling: father"))
                add(yesNo("home_visit", "AN-5", "Kunjungan rumah", "Home visit"))
                add(yesNo("safe_water", "AN-6", "Air minum yang aman", "Safe drinking water", hh.first))
                add(yesNo("latrine", "AN-7", "Jamban yang layak", "Proper latrine", hh.second))
                add(yesNo("birth_certificate", "AN-8", "Akta lahir", "Birth certificate", p.birthCertificate))
                add(yesNo("insurance", "AN-9", "Jaminan kesehatan", "Health insurance", p.insurance))
                add(yesNo("parenting_class", "AN-10", "Kelas pengasuhan", "Parenting class"))
            }
            TargetKind.PAUD -> listOf(Question("paud", "PD-1", LocalText("Ikut layanan PAUD bulan ini", "Attended PAUD this month"), null,
                QuestionKind.Choice(listOf(ChoiceOption("v", LocalText("Ikut", "Attended")), ChoiceOption("x", LocalText("Tidak ikut", "Did not attend")),
                    ChoiceOption("-", LocalText("Belum terdaftar", "Not enrolled")))), null))
            null -> emptyList()
        }
    }

    private fun formOf(p: Person, month: YearMonth): MonthlyForm {
        val rec = forms[p.id to month]
        val answers = rec?.answers?.toMap().orEmpty()
        return MonthlyForm(p.id, p.name, kindIn(p, month) ?: p.kind, month, rec?.status ?: FormStatus.DRAFT, rec?.visitDate,
            "KPM-2019@1", questions(p, month, answers), answers)
    }

    // ---- registration ----
    override fun households(): List<Household> { count("households"); return households.toList() }

    override fun findDuplicates(candidate: PersonCandidate): List<PossibleDuplicate> {
        count("findDuplicates")
        val name = candidate.name.trim().lowercase()
        return people.values.mapNotNull { p ->
            val reason = when {
                candidate.nik != null && candidate.nik == p.nik -> DuplicateReason.NIK
                candidate.kiaNumber != null && p.kind == TargetKind.PREGNANCY && candidate.kind == TargetKind.PREGNANCY && candidate.kiaNumber == p.kia -> DuplicateReason.KIA_NUMBER
                candidate.birthDate != null && p.name.trim().lowercase() == name && p.birthDate == candidate.birthDate -> DuplicateReason.NAME_AND_BIRTH_DATE
                else -> null
            }
            reason?.let { PossibleDuplicate(p.id, p.name, hamletOf(p), it) }
        }
    }

    override fun registerHousehold(input: HouseholdInput): Household {
        count("registerHousehold")
        if (village?.hamlets?.none { it.id == input.hamletId } != false) notFound("Dusun")
        return Household(nextId("H"), input.hamletId, input.number, input.headName, input.address).also {
            households += it
            householdFlags[it.id] = input.safeWater to input.latrine
        }
    }

    private fun checkHousehold(id: String) { if (households.none { it.id == id }) notFound("Rumah tangga") }

    override fun registerPregnancy(input: PregnancyInput): Registered {
        count("registerPregnancy")
        checkHousehold(input.householdId)
        if (people.values.any { it.kind == TargetKind.PREGNANCY && it.kia == input.kiaNumber }) {
            throw PantauException.InvalidInput("kia_number", "identity.kia_unique", LocalText("Nomor KIA sudah dipakai kehamilan lain", "KIA number already used by another pregnancy"))
        }
        val p = Person(nextId("P"), TargetKind.PREGNANCY, input.householdId, input.motherName, input.motherNik, input.motherBirthDate,
            input.kiaNumber, input.posyanduId, null, input.kek, input.risti, input.expectedDelivery, input.insurance)
        people[p.id] = p
        return Registered(p.id, TargetKind.PREGNANCY)
    }

    override fun registerChild(input: ChildInput): Registered {
        count("registerChild")
        checkHousehold(input.householdId)
        val p = Person(nextId("C"), TargetKind.CHILD, input.householdId, input.name, input.nik, input.birthDate, input.kiaNumber,
            input.posyanduId, input.sex, insurance = input.insurance, birthCertificate = input.birthCertificate)
        people[p.id] = p
        return Registered(p.id, TargetKind.CHILD)
    }

    // ---- editing ----
    private val householdVulnerable = mutableMapOf<String, Boolean>()

    override fun householdInput(householdId: String): HouseholdInput {
        count("householdInput")
        val h = households.firstOrNull { it.id == householdId } ?: notFound("Rumah tangga")
        val (water, latrine) = householdFlags[h.id] ?: (false to false)
        return HouseholdInput(h.hamletId, h.number, h.headName, h.address, water, latrine, householdVulnerable[h.id] ?: false)
    }

    override fun pregnancyInput(targetId: String): PregnancyInput {
        count("pregnancyInput")
        val p = person(targetId).takeIf { it.kind == TargetKind.PREGNANCY } ?: notFound("Kehamilan")
        return PregnancyInput(p.householdId, p.name, p.nik, p.birthDate, p.kia.orEmpty(), p.posyanduId, p.kek, p.risti, p.hpl, p.insurance)
    }

    override fun childInput(childId: String): ChildInput {
        count("childInput")
        val p = person(childId).takeIf { it.kind == TargetKind.CHILD } ?: notFound("Anak")
        return ChildInput(p.householdId, p.name, p.nik, p.sex ?: Sex.FEMALE, p.birthDate ?: LocalDate.MIN, false, p.kia, null,
            p.posyanduId, p.birthCertificate, p.insurance)
    }

    override fun updateHousehold(householdId: String, input: HouseholdInput): Household {
        count("updateHousehold")
        val i = households.indexOfFirst { it.id == householdId }
        if (i < 0) notFound("Rumah tangga")
        if (village?.hamlets?.none { it.id == input.hamletId } != false) notFound("Dusun")
        val h = Household(householdId, input.hamletId, input.number, input.headName, input.address)
        households[i] = h
        householdFlags[h.id] = input.safeWater to input.latrine
        householdVulnerable[h.id] = input.vulnerable
        return h
    }

    override fun updatePregnancy(targetId: String, input: PregnancyInput): Registered {
        count("updatePregnancy")
        val old = person(targetId)
        checkHousehold(input.householdId)
        if (people.values.any { it.id != targetId && it.kind == TargetKind.PREGNANCY && it.kia == input.kiaNumber }) {
            throw PantauException.InvalidInput("kia_number", "identity.kia_unique", LocalText("Nomor KIA sudah dipakai kehamilan lain", "KIA number already used by another pregnancy"))
        }
        people[targetId] = old.copy(householdId = input.householdId, name = input.motherName, nik = input.motherNik,
            birthDate = input.motherBirthDate, kia = input.kiaNumber, posyanduId = input.posyanduId, kek = input.kek,
            risti = input.risti, hpl = input.expectedDelivery, insurance = input.insurance)
        return Registered(targetId, TargetKind.PREGNANCY)
    }

    override fun updateChild(childId: String, input: ChildInput): Registered {
        count("updateChild")
        val old = person(childId)
        checkHousehold(input.householdId)
        people[childId] = old.copy(householdId = input.householdId, name = input.name, nik = input.nik, birthDate = input.birthDate,
            kia = input.kiaNumber, posyanduId = input.posyanduId, sex = input.sex, insurance = input.insurance,
            birthCertificate = input.birthCertificate)
        return Registered(childId, TargetKind.CHILD)
    }

    // ---- forms ----
    override fun monthlyForm(targetId: String, month: YearMonth): MonthlyForm { count("monthlyForm"); return formOf(person(targetId), month) }

    override fun saveAnswer(targetId: String, month: YearMonth, fieldId: String, answer: Answer?): MonthlyForm {
        count("saveAnswer")
        val p = person(targetId)
        val q = questions(p, month, forms[p.id to month]?.answers.orEmpty()).firstOrNull { it.fieldId == fieldId }
            ?: throw PantauException.InvalidInput(fieldId, "form.not_applicable", LocalText("Pertanyaan ini tidak berlaku bulan ini", "This question does not apply this month"))
        val kind = q.kind
        if (answer is Answer.Count && kind is QuestionKind.Count && answer.value !in kind.min..kind.max) {
            throw PantauException.InvalidInput(fieldId, "form.range", LocalText("Harus antara ${kind.min} dan ${kind.max}", "Must be between ${kind.min} and ${kind.max}"))
        }
        val rec = forms.getOrPut(p.id to month) { FormRecord() }
        if (answer == null) rec.answers.remove(fieldId) else rec.answers[fieldId] = answer
        // An answer that no longer applies is dropped (e.g. the tablet count after "Tidak").
        val applicable = questions(p, month, rec.answers).map { it.fieldId }.toSet()
        rec.answers.keys.retainAll(applicable)
        return formOf(p, month)
    }

    override fun finishForm(targetId: String, month: YearMonth, visitDate: LocalDate): FinishResult {
        count("finishForm")
        val p = person(targetId)
        val rec = forms.getOrPut(p.id to month) { FormRecord() }
        val missing = questions(p, month, rec.answers).filter { it.fieldId !in rec.answers }
        val issues = missing.map { FormIssue(it.fieldId, Severity.ERROR, LocalText("Belum dijawab", "Not answered")) }
        if (issues.isEmpty()) {
            rec.status = FormStatus.FINAL
            rec.visitDate = visitDate
        }
        return FinishResult(issues.isEmpty(), issues, formOf(p, month))
    }

    // ---- growth ----
    private fun verdictOf(p: Person, m: Measure, previous: List<Measure>): GrowthVerdict {
        val birth = p.birthDate ?: LocalDate.MIN
        val ageDays = ChronoUnit.DAYS.between(birth, m.date).toDouble()
        val ageM = ageDays / 30.4375
        val sex = p.sex ?: Sex.FEMALE
        val lfa = m.length?.let { FakeGrowth.lengthZ(sex, ageM, it) }?.let { (it * 100).roundToInt() / 100.0 }
        val wfa = m.weight?.let { FakeGrowth.weightZ(sex, ageM, it) }?.let { (it * 100).roundToInt() / 100.0 }
        val lfaCat = lfa?.let {
            when { it < -3 -> LocalText("Sangat pendek", "Severely stunted"); it < -2 -> LocalText("Pendek", "Stunted")
                it > 3 -> LocalText("Tinggi", "Tall"); else -> LocalText("Normal", "Normal") }
        }
        val wfaCat = wfa?.let {
            when { it < -3 -> LocalText("BB sangat kurang", "Severely underweight"); it < -2 -> LocalText("BB kurang", "Underweight")
                it > 1 -> LocalText("Risiko BB lebih", "Risk of overweight"); else -> LocalText("BB normal", "Normal weight") }
        }
        val stunted = lfa != null && lfa < -2
        val prevWeights = previous.filter { it.weight != null && it.date < m.date }.sortedBy { it.date }
        val gain = when {
            m.weight == null -> null
            prevWeights.isEmpty() -> WeightGain.FIRST
            m.weight > prevWeights.last().weight!! -> WeightGain.GAINED
            prevWeights.size >= 2 && prevWeights.last().weight!! <= prevWeights[prevWeights.size - 2].weight!! -> WeightGain.NOT_GAINED_TWICE
            else -> WeightGain.NOT_GAINED
        }
        val messages = buildList {
            if (stunted) add(LocalText("Panjang badan di bawah -2 SD: rujuk ke puskesmas", "Length below -2 SD: refer to the puskesmas"))
            if (gain == WeightGain.NOT_GAINED_TWICE) add(LocalText("Berat tidak naik 2 kali (2T): rujuk", "No weight gain twice (2T): refer"))
        }
        return GrowthVerdict(p.id, m.date, ageMonths(birth, m.date), m.weight, m.length,
            wfa?.let { ZScore(it, wfaCat!!, false) }, lfa?.let { ZScore(it, lfaCat!!, false) }, null,
            if (lfa == null) null else if (stunted) NutritionStatus.STUNTING else NutritionStatus.NORMAL, gain, stunted, messages)
    }

    override fun recordMeasurement(input: MeasurementInput): GrowthVerdict {
        count("recordMeasurement")
        val p = person(input.childId)
        if (p.birthDate != null && input.date < p.birthDate) {
            throw PantauException.InvalidInput("date", "growth.date_before_birth", LocalText("Tanggal sebelum tanggal lahir", "Date before date of birth"))
        }
        val list = measures.getOrPut(p.id) { mutableListOf() }
        val m = Measure(input.date, input.weightKg, input.lengthCm)
        val verdict = verdictOf(p, m, list.toList())
        list.removeAll { it.date == input.date }
        list += m
        return verdict
    }

    private fun lastVerdict(p: Person): GrowthVerdict? {
        val list = measures[p.id]?.sortedBy { it.date } ?: return null
        return list.lastOrNull()?.let { verdictOf(p, it, list.dropLast(1)) }
    }

    override fun growthChart(childId: String, indicator: ChartIndicator): GrowthChart {
        count("growthChart")
        val p = person(childId)
        val sex = p.sex ?: Sex.FEMALE
        val curves = listOf(-3, -2, 0, 2, 3).map { sd -> ReferenceCurve(sd, (0..24).map { ChartPoint(it.toDouble(), FakeGrowth.lengthAt(sex, it.toDouble(), sd)) }) }
        val points = measures[childId].orEmpty().filter { it.length != null }.sortedBy { it.date }.map {
            ChartPoint(ChronoUnit.DAYS.between(p.birthDate, it.date) / 30.4375, it.length!!)
        }
        return GrowthChart(childId, p.name, sex, ChartIndicator.LENGTH_FOR_AGE, curves, points)
    }

    // ---- quarter results ----
    private fun outcomes(p: Person, q: Quarter): List<IndicatorOutcome> {
        val months = q.months.filter { forms[p.id to it]?.status == FormStatus.FINAL }
        if (months.isEmpty()) return emptyList()
        val byIndicator = linkedMapOf<String, Pair<LocalText, MutableList<Boolean>>>()
        for (m in months) {
            val rec = forms.getValue(p.id to m)
            for (question in questions(p, m, rec.answers)) {
                val ind = question.indicatorId ?: continue
                if (question.kind != QuestionKind.YesNo && ind != "PD-1") continue
                val a = rec.answers[question.fieldId] ?: continue
                val yes = a == Answer.YesNo(true) || a == Answer.Choice("v")
                if (a == Answer.Choice("-")) continue
                byIndicator.getOrPut(ind) { question.label to mutableListOf() }.second += yes
            }
        }
        return byIndicator.map { (ind, v) ->
            val (label, answers) = v
            val y = answers.count { it }
            if (y > 0) IndicatorOutcome(ind, label, Outcome.YES, LocalText("Ya di $y dari ${answers.size} bulan", "Yes in $y of ${answers.size} months"))
            else IndicatorOutcome(ind, label, Outcome.NO, LocalText("Tidak ada bulan dengan Ya (0 dari ${answers.size} bulan); perlu paling sedikit 1",
                "No month with Yes (0 of ${answers.size} months); needs at least 1"))
        }
    }

    private fun ratioOf(o: List<IndicatorOutcome>) = Ratio(o.count { it.outcome == Outcome.YES }, o.count { it.outcome != Outcome.NOT_APPLICABLE })
    private operator fun Ratio.plus(o: Ratio) = Ratio(numerator + o.numerator, denominator + o.denominator)

    override fun scorecard(quarter: Quarter): Scorecard {
        count("scorecard")
        val groups = listOf(TargetKind.PREGNANCY to LocalText("Ibu hamil (3A)", "Pregnant women (3A)"), TargetKind.CHILD to LocalText("Anak 0-23 bulan (3B)", "Children 0-23 months (3B)"))
            .map { (kind, title) ->
                val rows = people.values.filter { kindIn(it, quarter.months.last()) == kind || (kind == TargetKind.PREGNANCY && it.kind == kind) }
                    .mapNotNull { p -> outcomes(p, quarter).takeIf { it.isNotEmpty() }?.let { TargetOutcomes(p.id, p.name, hamletOf(p), it, ratioOf(it)) } }
                val ids = rows.flatMap { r -> r.outcomes.map { it.indicatorId to it.label } }.distinctBy { it.first }.sortedBy { it.first.substringAfter('-').toInt() }
                val indicators = ids.map { (id, label) ->
                    val os = rows.mapNotNull { r -> r.outcomes.firstOrNull { it.indicatorId == id } }
                    IndicatorScore(id, label, ratioOf(os))
                }
                ScorecardGroup(kind, title, indicators, rows, rows.fold(Ratio(0, 0)) { acc, r -> acc + r.ratio })
            }
        val paud = people.values.filter { kindIn(it, quarter.months.last()) == TargetKind.PAUD }.flatMap { p ->
            quarter.months.mapNotNull { m -> forms[p.id to m]?.takeIf { it.status == FormStatus.FINAL }?.answers?.get("paud") as? Answer.Choice }
        }.filter { it.code != "-" }
        val hamlets = village?.hamlets.orEmpty().map { h ->
            val pr = groups[0].rows.filter { it.hamlet == h.name }.fold(Ratio(0, 0)) { a, r -> a + r.ratio }
            val ch = groups[1].rows.filter { it.hamlet == h.name }.fold(Ratio(0, 0)) { a, r -> a + r.ratio }
            HamletConvergence(h.name, pr, ch, pr + ch)
        }
        val gaps = groups.flatMap { g -> g.rows.flatMap { r -> r.outcomes.filter { it.outcome == Outcome.NO }.map { Gap(r.targetId, r.name, r.hamlet, it.indicatorId, it.label, it.reason) } } }
        return Scorecard(quarter, "KPM-2019@1", village?.name.orEmpty(), groups, groups[0].total + groups[1].total,
            Ratio(paud.count { it.code == "v" }, paud.size), hamlets, gaps)
    }

    // ---- screens ----
    private fun row(p: Person, month: YearMonth): TargetRow? {
        val kind = kindIn(p, month) ?: return null
        val rec = forms[p.id to month]
        val mark = when { rec?.status == FormStatus.FINAL -> VisitMark.DONE; rec != null && rec.answers.isNotEmpty() -> VisitMark.DRAFT; else -> VisitMark.DUE }
        val detail = when (kind) {
            TargetKind.PREGNANCY -> p.hpl?.let { LocalText("HPL ${it.dayOfMonth}-${it.monthValue}-${it.year}", "EDD ${it.dayOfMonth}-${it.monthValue}-${it.year}") }
                ?: LocalText("Ibu hamil", "Pregnant")
            else -> ageMonths(p.birthDate!!, LocalDate.of(month.year, month.month, 1).plusMonths(1).minusDays(1)).let { LocalText("Umur $it bulan", "Age $it months") }
        }
        return TargetRow(p.id, kind, p.name, detail, hamletOf(p), posyanduName(p.posyanduId), mark, lastVerdict(p)?.status?.takeIf { it != NutritionStatus.NORMAL })
    }

    override fun targets(filter: TargetFilter, month: YearMonth): List<TargetRow> {
        count("targets")
        val hamletName = village?.hamlets?.firstOrNull { it.id == filter.hamletId }?.name
        return people.values.mapNotNull { row(it, month) }
            .filter { (filter.kind == null || it.kind == filter.kind) && (hamletName == null || it.hamlet == hamletName) && (filter.posyanduId == null || it.posyandu == posyanduName(filter.posyanduId)) }
    }

    override fun homeSummary(today: LocalDate): HomeSummary {
        count("homeSummary")
        val v = village ?: notFound("Desa")
        val month = YearMonth.of(today)
        val rows = people.values.mapNotNull { row(it, month) }
        val alerts = people.values.mapNotNull { p ->
            val verdict = lastVerdict(p) ?: return@mapNotNull null
            if (!verdict.stuntingAlert) return@mapNotNull null
            GrowthAlert(p.id, p.name, hamletOf(p), verdict.status ?: NutritionStatus.NORMAL, verdict.messages.firstOrNull() ?: LocalText("", ""))
        }
        // 2T at this month's weighing (the fake's simplified "not gained twice").
        val twoT = people.values.mapNotNull { p ->
            val verdict = lastVerdict(p)?.takeIf { YearMonth.of(it.date) == month && it.weightGain == WeightGain.NOT_GAINED_TWICE }
                ?: return@mapNotNull null
            WeightAlert(p.id, p.name, hamletOf(p), LocalText("T (tidak naik) 2 kali berturut-turut (2T): rujuk ke tenaga kesehatan",
                "T (not gained) twice in a row (2T): refer to the health worker"))
        }
        return HomeSummary(v.name, v.cadreName, month, month.quarter(), rows.filter { it.mark != VisitMark.DONE },
            rows.count { it.mark == VisitMark.DRAFT }, rows.count { it.mark == VisitMark.DONE }, scorecard(month.quarter()).village, alerts, twoT)
    }

    override fun search(query: String, limit: Int): List<SearchHit> {
        count("search")
        val q = query.trim().lowercase()
        if (q.isEmpty()) return emptyList()
        return people.values.filter { it.name.lowercase().contains(q) || it.nik?.contains(q) == true || it.kia?.lowercase()?.contains(q) == true }
            .take(limit).map { p ->
                val detail = if (p.kind == TargetKind.PREGNANCY) LocalText("Ibu hamil, KIA ${p.kia}", "Pregnant, KIA ${p.kia}")
                else LocalText("Anak, lahir ${p.birthDate}", "Child, born ${p.birthDate}")
                SearchHit(p.id, p.kind, p.name, detail, hamletOf(p))
            }
    }

    override fun targetCard(targetId: String, today: LocalDate): TargetCard {
        count("targetCard")
        val p = person(targetId)
        val month = YearMonth.of(today)
        val q = month.quarter()
        val outs = outcomes(p, q)
        val lines = buildList {
            p.kia?.let { add(CardLine(LocalText("Nomor KIA", "KIA number"), it)) }
            p.birthDate?.let { add(CardLine(LocalText("Tanggal lahir", "Born"), "${it.dayOfMonth}-${it.monthValue}-${it.year}")) }
            if (p.kind != TargetKind.PREGNANCY) add(CardLine(LocalText("Umur", "Age"), "${ageMonths(p.birthDate!!, today)} bln"))
            p.hpl?.let { add(CardLine(LocalText("HPL", "Due date"), "${it.dayOfMonth}-${it.monthValue}-${it.year}")) }
            if (p.kek) add(CardLine(LocalText("Status", "Status"), "KEK"))
            if (p.risti) add(CardLine(LocalText("Status", "Status"), "Risti"))
        }
        val rec = forms[p.id to month]
        val next = if (rec?.status == FormStatus.FINAL) LocalText("Kunjungan bulan depan", "Visit next month")
        else LocalText("Formulir bulan ini belum selesai", "This month's form is not finished")
        return TargetCard(p.id, kindIn(p, month) ?: p.kind, p.name, hamletOf(p), posyanduName(p.posyanduId), lines,
            outs.filter { it.outcome == Outcome.YES }.map { ServiceLine(it.indicatorId, it.label, it.reason) },
            outs.filter { it.outcome == Outcome.NO }.map { ServiceLine(it.indicatorId, it.label, it.reason) },
            lastVerdict(p), next, q, outs)
    }

    // ---- export, check, backup ----
    private fun dump(): String = buildString {
        appendLine("pantau-fake-bundle ruleset=KPM-2019@1 village=${village?.name}")
        households.forEach { appendLine("household ${it.id}") }
        people.values.forEach { appendLine("target ${it.id} ${it.kind}") }
        forms.forEach { (k, v) -> appendLine("form ${k.first} ${k.second} ${v.status} ${v.answers.size}") }
    }

    override fun exportBundle(destinationPath: String): ExportResult {
        count("exportBundle")
        val f = File(destinationPath)
        f.parentFile?.mkdirs()
        f.writeText(dump())
        return ExportResult(f.path, f.length(), people.size, forms.size, "KPM-2019@1")
    }

    override fun checkData(): DataCheck {
        count("checkData")
        val issues = buildList {
            people.values.filter { it.kind == TargetKind.PREGNANCY && it.hpl == null }.forEach {
                add(DataIssue(Severity.WARNING, LocalText("Ibu hamil tanpa HPL", "Pregnancy without expected delivery date"), it.id))
            }
            people.values.filter { it.kind == TargetKind.CHILD && it.nik == null }.forEach {
                add(DataIssue(Severity.WARNING, LocalText("Anak tanpa NIK", "Child without NIK"), it.id))
            }
        }
        val counts = DataCounts(households.size, people.values.count { it.kind == TargetKind.PREGNANCY }, people.values.count { it.kind == TargetKind.CHILD },
            forms.size, forms.values.count { it.status == FormStatus.DRAFT })
        return DataCheck(counts, issues)
    }

    override fun backup(destinationPath: String): BackupResult {
        count("backup")
        val f = File(destinationPath)
        f.parentFile?.mkdirs()
        f.writeText(dump())
        return BackupResult(f.path, f.length())
    }
}
