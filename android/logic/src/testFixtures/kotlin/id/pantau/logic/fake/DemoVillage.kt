/**
 * A realistic demo village built only through the public [PantauRepository] calls, so the same seed
 * works on the fake (UI tests) and on the real core (the screen renderer, UniffiPantauRepository): Desa Sukamaju with three hamlets and posyandu,
 * four pregnancies, six children under two (one stunted), one PAUD child, October's forms finished
 * and November's partly filled. Used by the screen renderer and the UI tests.
 */
package id.pantau.logic.fake

import id.pantau.logic.model.Position
import id.pantau.logic.model.Sex
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.*
import java.time.LocalDate

object DemoVillage {
    /** The demo's "today": late in November, Q4 2026. */
    val TODAY: LocalDate = LocalDate.of(2026, 11, 20)

    class Ids(val pregnancies: List<String>, val children: List<String>, val paud: String, val stunted: String)

    fun seed(repo: PantauRepository): Ids {
        val v = repo.setUpVillage(
            VillageSetup("Sukamaju", "33.23.05.2004", "Ngadirejo", "Temanggung", "Jawa Tengah", listOf("Krajan", "Sumbersari", "Ngasem"),
                listOf(PosyanduSetup("Melati", "Krajan"), PosyanduSetup("Mawar", "Sumbersari"), PosyanduSetup("Kenanga", "Ngasem")), "Sri Wahyuni"),
        )
        // By name: the core lists hamlets and posyandu alphabetically, not in the order typed.
        val (krajan, sumbersari, ngasem) = listOf("Krajan", "Sumbersari", "Ngasem").map { n -> v.hamlets.first { it.name == n } }
        val (melati, mawar, kenanga) = listOf("Melati", "Mawar", "Kenanga").map { n -> v.posyandu.first { it.name == n } }
        fun hh(h: Hamlet, n: String, head: String, water: Boolean, latrine: Boolean) =
            repo.registerHousehold(HouseholdInput(h.id, n, head, "RT 0${n.last()} ${h.name}", water, latrine, !water)).id
        val h1 = hh(krajan, "01", "Slamet Riyadi", true, true)
        val h2 = hh(krajan, "02", "Budi Santoso", true, false)
        val h3 = hh(sumbersari, "03", "Joko Susilo", false, true)
        val h4 = hh(sumbersari, "04", "Agus Salim", true, true)
        val h5 = hh(ngasem, "05", "Wahyu Hidayat", false, false)
        val h6 = hh(ngasem, "06", "Eko Prasetyo", true, true)

        fun preg(h: String, name: String, nik: String, kia: String, p: Posyandu, kek: Boolean, hpl: LocalDate) =
            repo.registerPregnancy(PregnancyInput(h, name, nik, LocalDate.of(1996, 4, 12), kia, p.id, kek, false, hpl, true)).targetId
        val p1 = preg(h1, "Siti Aminah", "3323054412960001", "KIA-2026-011", melati, false, LocalDate.of(2027, 2, 10))
        val p2 = preg(h3, "Dewi Lestari", "3323055003970002", "KIA-2026-014", mawar, true, LocalDate.of(2027, 1, 3))
        val p3 = preg(h5, "Rina Wulandari", "3323056107990003", "KIA-2026-017", kenanga, false, LocalDate.of(2027, 4, 21))
        val p4 = preg(h6, "Sri Handayani", "3323054209950004", "KIA-2026-020", kenanga, false, LocalDate.of(2027, 3, 2))

        fun child(h: String, name: String, sex: Sex, born: LocalDate, p: Posyandu, nik: String?) =
            repo.registerChild(ChildInput(h, name, nik, sex, born, false, null, null, p.id, nik != null, true)).targetId
        val c1 = child(h2, "Ahmad Fauzi", Sex.MALE, LocalDate.of(2025, 9, 14), melati, "3323051409250001")
        val c2 = child(h2, "Putri Ayu", Sex.FEMALE, LocalDate.of(2026, 3, 2), melati, "3323054203260002")
        val c3 = child(h4, "Bagus Saputra", Sex.MALE, LocalDate.of(2025, 5, 20), mawar, "3323052005250003")
        val c4 = child(h4, "Nur Aisyah", Sex.FEMALE, LocalDate.of(2026, 6, 8), mawar, null)
        val c5 = child(h5, "Rizky Pratama", Sex.MALE, LocalDate.of(2025, 12, 1), kenanga, "3323050112250005")
        val c6 = child(h6, "Intan Permata", Sex.FEMALE, LocalDate.of(2025, 1, 25), kenanga, "3323056501250006")
        val paud = child(h1, "Dimas Anggara", Sex.MALE, LocalDate.of(2022, 7, 30), melati, "3323053007220007")

        val oct = YearMonth(2026, 10)
        val nov = YearMonth(2026, 11)
        fun fill(id: String, m: YearMonth, no: Set<String>, finish: Boolean, upTo: Int = Int.MAX_VALUE) {
            var answered = 0
            val refused = mutableSetOf<String>()
            while (answered < upTo) {
                val form = repo.monthlyForm(id, m)
                val q = form.questions.firstOrNull { it.fieldId !in form.answers && it.fieldId !in refused } ?: break
                val a = when (val k = q.kind) {
                    QuestionKind.YesNo -> Answer.YesNo(q.fieldId !in no && (q.prefill as? Answer.YesNo)?.value != false)
                    // "gestational_age" on the fake, "gestational_age_months" on the core
                    is QuestionKind.Count -> Answer.Count(if (q.fieldId.startsWith("gestational_age")) 5 else 30.coerceIn(k.min, k.max))
                    is QuestionKind.Choice -> Answer.Choice(if (q.fieldId in no) k.options.last().code else k.options.first().code)
                }
                // An answer the rules refuse (on the real core) is left blank, as a cadre would.
                try { repo.saveAnswer(id, m, q.fieldId, a) } catch (e: PantauException.InvalidInput) { refused += q.fieldId }
                answered++
            }
            if (finish) repo.finishForm(id, m, LocalDate.of(m.year, m.month, 12))
        }
        // October: everything finished, some services missed.
        fill(p1, oct, setOf("nutrition_counselling"), true)
        fill(p2, oct, setOf("home_visit", "risti"), true)
        fill(p3, oct, setOf("risti", "kek"), true)
        fill(p4, oct, setOf("antenatal_check", "kek", "risti"), true)
        for (c in listOf(c1, c2, c3, c4, c5, c6)) fill(c, oct, setOf("home_visit", "counselling_father", "parenting_class"), true)
        fill(paud, oct, emptySet(), true)
        // November: half done, two drafts, the rest due.
        fill(p1, nov, emptySet(), true)
        fill(c1, nov, setOf("counselling_father"), true)
        fill(c3, nov, setOf("home_visit", "reported_nutrition_status"), false, upTo = 4)
        fill(p2, nov, setOf("risti"), false, upTo = 5)
        fill(paud, nov, setOf("paud", "cell"), true)

        // Measurements: c3 (Bagus, 18 months) is stunted; the others grow well.
        // (WHO length-for-age, boys: 71,8 cm at 14 months and 73,0 cm at 16 months are below -2 SD.)
        repo.recordMeasurement(MeasurementInput(c3, LocalDate.of(2026, 8, 12), 9.1, 71.8, Position.LYING, false))
        repo.recordMeasurement(MeasurementInput(c3, LocalDate.of(2026, 10, 12), 9.3, 73.0, Position.LYING, false))
        repo.recordMeasurement(MeasurementInput(c1, LocalDate.of(2026, 10, 12), 9.4, 74.8, Position.LYING, false))
        repo.recordMeasurement(MeasurementInput(c6, LocalDate.of(2026, 10, 12), 10.1, 80.2, Position.LYING, false))
        repo.recordMeasurement(MeasurementInput(c2, LocalDate.of(2026, 10, 12), 7.2, 65.5, Position.LYING, false))
        // c5 (Rizky, 11 months): gained in September, then no gain in October and November: 2T (growth.md 3.1).
        for ((m, kg) in listOf(8 to 8.0, 9 to 8.5, 10 to 8.5, 11 to 8.5)) {
            repo.recordMeasurement(MeasurementInput(c5, LocalDate.of(2026, m, 12), kg, null, Position.LYING, false))
        }
        return Ids(listOf(p1, p2, p3, p4), listOf(c1, c2, c3, c4, c5, c6), paud, c3)
    }
}
