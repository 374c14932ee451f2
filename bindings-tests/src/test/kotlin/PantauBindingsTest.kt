// Kotlin/JVM tests of the uniffi surface against the real library (issue 7). Run by
// scripts/test-bindings.sh: the generated bindings (id.pantau.core, id.pantau.core.model) are
// compiled together with this file; JNA loads libpantau_ffi from -Djna.library.path.
package id.pantau.core.tests

import id.pantau.core.*
import id.pantau.core.model.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.io.RandomAccessFile
import java.nio.file.Files
import java.util.Collections
import java.util.concurrent.CountDownLatch
import kotlin.concurrent.thread

/** A fresh directory for one test's database files. */
internal fun tempDir(): File {
    val base = System.getProperty("pantau.test.tmp")?.let { File(it).apply { mkdirs() } }
    return if (base != null) Files.createTempDirectory(base.toPath(), "t").toFile()
    else Files.createTempDirectory("pantau").toFile()
}

/** A village with one hamlet, one posyandu and the cadre, as the first-run screen saves it. */
internal fun setUp(p: Pantau): VillageOverview = p.setUpVillage(
    VillageSetup(
        code = "33.02.01.2001", name = "Sukamaju", kecamatan = "Cilongok", kabupaten = "Banyumas",
        provinsi = "Jawa Tengah", hamlets = listOf("Dusun Satu", "Dusun Dua"),
        posyandu = listOf(PosyanduSetup("Posyandu Mawar", "Dusun Satu")),
        cadreName = "Kader Lestari", cadrePhone = null,
    )
)

internal fun household(v: VillageOverview, number: String, head: String) = Household(
    id = "", villageId = v.village.id, hamletId = v.hamlets.first { it.name == "Dusun Satu" }.id,
    number = number, headName = head, address = "RT 01 RW 02", meta = blankMeta(),
)

internal fun child(v: VillageOverview, householdId: String, name: String, birth: String, motherId: String? = null) = Child(
    id = "", householdId = householdId, motherId = motherId, pregnancyId = null, kiaNumber = null, name = name,
    nik = null, nikTemporary = false, sex = Sex.FEMALE, birthDate = birth, birthDateApproximate = false,
    posyanduId = v.posyandu.first().id, birthCertificate = true, insurance = true, end = null, meta = blankMeta(),
)

internal fun measurement(childId: String, date: String, kg: Double?, cm: Double?) = Measurement(
    id = "", childId = childId, date = date, weightKg = kg, lengthCm = cm, position = Position.LYING,
    oedema = false, meta = blankMeta(),
)

/** Answers every question that applies: v for yes/no (no KEK/RISTI), counts, the growth-mat colour. */
internal fun fillMonth(p: Pantau, kind: TargetKind, id: String, month: YearMonth, date: String, usia: UInt) {
    var form = p.monthlyForm(kind, id, month, date)
    assertTrue(form.spec.applies, "form ${form.spec.formCode} should apply in $month: ${form.spec.reason}")
    assertNull(form.status, "no record before the first answer")
    for (f in form.spec.fields.filter { it.applies }) {
        val value: FieldValue = when (val k = f.kind) {
            is FieldKind.YesNo -> FieldValue.Bool(f.key != "kek" && f.key != "risti")
            is FieldKind.Count -> FieldValue.Count(if (f.key == "gestational_age_months") usia else minOf(30u, k.max))
            is FieldKind.Choice -> FieldValue.Code(if (f.key == "mat_result") "H" else if (f.key == "cell") "v" else continue)
            else -> continue // weight/length: record_measurement; dates: the register; derived: read-only
        }
        form = p.saveAnswer(kind, id, month, date, f.key, value)
        assertEquals(FormStatus.DRAFT, form.status, "each answer is saved as a draft at once")
    }
    form = p.finishForm(kind, id, month, date)
    assertEquals(date, form.visitDate, "the visit date the cadre gave")
    assertEquals(FormStatus.FINAL, form.status)
}

class PantauBindingsTest {
    private val q2 = Quarter(2025, 2u)
    private val months = listOf(YearMonth(2025, 4u), YearMonth(2025, 5u), YearMonth(2025, 6u))

    @Test
    fun `a household with a pregnant woman and a child through a quarter`() {
        val dir = tempDir()
        Pantau.open(File(dir, "pantau.db").path, "device-A", Lang.ID).use { p ->
            assertNull(p.village(), "no village before setup")
            val v = setUp(p)
            assertEquals(2, v.hamlets.size)
            assertEquals(v.hamlets.first { it.name == "Dusun Satu" }.id, v.posyandu.single().hamletId)
            assertEquals(v, p.village())

            val hh = p.registerHousehold(
                household(v, "RT01-007", "Budi Santoso"),
                HouseholdCondition("", "", YearMonth(2025, 1u), true, true, false, blankMeta()),
            )
            assertEquals(1u, hh.version)

            val candidate = DuplicateCandidate(PersonKind.MOTHER, "Siti Aminah", "1996-05-01", null, "KIA-2025-001", null)
            assertTrue(p.findDuplicates(candidate).isEmpty(), "nobody registered yet")
            val mother = Mother("", hh.id, "Siti Aminah", null, "1996-05-01", true, blankMeta())
            val pregnancy = Pregnancy(
                "", "", "KIA-2025-001", v.posyandu.first().id, false, false, "2025-09-20", null, null, blankMeta(),
            )
            val reg = p.registerPregnancy(mother, pregnancy)
            val dup = p.findDuplicates(candidate.copy(kind = PersonKind.PREGNANCY))
            assertEquals(DuplicateReason.SAME_KIA_NUMBER, dup.single().reason)
            assertEquals(reg.pregnancyId, dup.single().id)
            assertTrue(dup.single().message.id.isNotBlank() && dup.single().message.en.isNotBlank())

            val childId = p.saveChild(child(v, hh.id, "Ayu Lestari", "2024-12-10", reg.motherId)).id
            assertEquals(1, p.household(hh.id).children.size)

            val weights = listOf(6.3, 6.9, 7.4)
            val lengths = listOf(62.0, 64.0, 65.8)
            months.forEachIndexed { i, m ->
                val date = "2025-%02d-15".format(m.month.toInt())
                fillMonth(p, TargetKind.PREGNANCY, reg.pregnancyId, m, date, (4 + i).toUInt())
                fillMonth(p, TargetKind.CHILD, childId, m, date, 0u)
                val r = p.recordMeasurement(measurement(childId, date, weights[i], lengths[i]))
                assertEquals(NutritionStatus.NORMAL, r.verdict.status, "a child on the median is normal")
                assertTrue(r.verdict.lines.isNotEmpty())
                assertNotNull(r.weightGain)
                assertEquals(if (i == 0) WeightGain.NEW else WeightGain.GAINED, r.weightGain!!.gain)
            }

            val home = p.homeSummary(YearMonth(2025, 6u))
            assertEquals(1u, home.pregnancies)
            assertEquals(1u, home.children023)
            assertEquals(2u, home.visitsDone)
            assertEquals(0u, home.visitsDue)

            val rows = p.targets(TargetFilter(YearMonth(2025, 6u), null, null, null))
            assertEquals(setOf(TargetKind.PREGNANCY, TargetKind.CHILD), rows.map { it.kind }.toSet())
            assertTrue(rows.all { it.mark == VisitMark.DONE })

            val card = p.targetCard(TargetKind.CHILD, childId, YearMonth(2025, 6u))
            assertEquals("Ayu Lestari", card.name)
            assertEquals(VisitMark.DONE, card.thisMonth)
            assertEquals(3, card.measurements.size)
            assertEquals(3, card.growth.size)
            assertEquals(3, card.weightGain.size)
            val row = (card.quarterResult as TargetResult.Child).row
            assertEquals(NutritionStatus.NORMAL, row.nutritionStatus)
            assertTrue(row.results.isNotEmpty())
            assertTrue(row.results.filter { it.outcome != Outcome.YES }.all { it.reason != null }, "every T/TS has its reason")

            val pcard = p.targetCard(TargetKind.PREGNANCY, reg.pregnancyId, YearMonth(2025, 6u))
            assertEquals("Siti Aminah", pcard.name)
            assertEquals(3, pcard.pregnancyVisits.size)
            assertTrue(pcard.quarterResult is TargetResult.Pregnancy)
            for (g in pcard.missingNow) assertTrue(g.reason.id.isNotBlank(), "gap ${g.indicator} has a reason")

            val sc = p.scorecard(q2, null)
            assertTrue(sc.ruleset.startsWith("KPM"), sc.ruleset)
            assertEquals(1, sc.pregnancies.size)
            assertEquals(1, sc.children.size)
            assertEquals(1u, sc.table1.households)
            assertTrue(sc.table4.total.denominator > 0u)
            assertEquals(0u, sc.draftRecords)
            assertEquals(sc.gaps, p.gaps(q2))

            val chart = p.growthChart(childId, Table.WEIGHT_FOR_AGE)
            assertEquals(61, chart.curves.size, "WHO lines by month 0..60")
            assertEquals(weights, chart.points.map { it.y })
            assertTrue(chart.points.all { it.x > 4.0 && it.x < 7.0 && !it.flagged })
            val wfl = p.growthChart(childId, Table.WEIGHT_FOR_LENGTH)
            assertFalse(wfl.byAge)
            assertEquals(3, wfl.points.size)

            // The mother's name finds her pregnancy and her child.
            val hits = p.search("siti", 10u)
            assertEquals(setOf(reg.pregnancyId, childId), hits.map { it.targetId }.toSet())
            assertEquals(childId, p.search("ayu lest", 10u).single().targetId)

            val labels = p.labels()
            assertTrue(labels.indicators.any { it.code == "AN-2" && it.id == IndicatorId.AN2 && it.text.id.contains("berat badan") })
            assertTrue(labels.codes.any { it.table == "mat_result" && it.code == "H" })

            // Export a bundle to a path and read it back.
            val ex = p.exportBundle(File(dir, "sukamaju.pantau").path, true, null)
            assertTrue(ex.full && !ex.encrypted && ex.bytes > 0u)
            assertEquals("33.02.01.2001", ex.villageCode)
            val back = p.checkBundle(ex.path)
            assertEquals(ex.records, back.records)
            assertEquals(1u, back.households)
            assertEquals(1u, back.pregnancies)
            assertEquals(1u, back.children)
            assertEquals(6u, back.monthlyRecords)
            assertEquals(3u, back.measurements)
            // Nothing changed since: the incremental bundle carries less than the full one.
            val inc = p.exportBundle(File(dir, "sukamaju-2.pantau").path, false, null)
            assertFalse(inc.full)
            assertTrue(inc.records < ex.records, "${inc.records} < ${ex.records}")

            val check = p.checkData(false)
            assertTrue(check.storageProblems.isEmpty(), check.storageProblems.toString())
            val backup = p.backup(File(dir, "copy.db").path)
            assertTrue(backup.bytes > 0u)
        }
    }

    @Test
    fun `a reopened database keeps drafts saved answer by answer`() {
        val dir = tempDir()
        val path = File(dir, "pantau.db").path
        val childId = Pantau.open(path, "device-A", Lang.ID).use { p ->
            val v = setUp(p)
            val hh = p.registerHousehold(household(v, "7", "Ahmad"), null)
            val id = p.saveChild(child(v, hh.id, "Rina", "2024-12-10")).id
            p.saveAnswer(TargetKind.CHILD, id, months[0], "2025-04-03", "weighed", FieldValue.Bool(true))
            id
        }
        Pantau.open(path, "device-A", Lang.ID).use { p ->
            val form = p.monthlyForm(TargetKind.CHILD, childId, months[0], null)
            assertEquals(FormStatus.DRAFT, form.status)
            assertEquals("2025-04-03", form.visitDate)
            assertTrue(Answer("weighed", FieldValue.Bool(true)) in form.answers, form.answers.toString())
            // The growth-mat colour has no blank in the model (TD until answered), yet a question not
            // answered yet reads as unanswered, also after reopening.
            assertTrue(form.answers.none { it.key == "mat_result" }, form.answers.toString())
            val td = p.saveAnswer(TargetKind.CHILD, childId, months[0], null, "mat_result", FieldValue.Code("TD"))
            assertTrue(Answer("mat_result", FieldValue.Code("TD")) in td.answers, "TD given by the cadre is an answer")
        }
        // The app killed and started again: the TD the cadre gave is still an answer (the store
        // keeps which answers of a draft were given), not a question to ask again.
        Pantau.open(path, "device-A", Lang.ID).use { p ->
            val form = p.monthlyForm(TargetKind.CHILD, childId, months[0], null)
            assertTrue(Answer("mat_result", FieldValue.Code("TD")) in form.answers, form.answers.toString())
            val unset = p.saveAnswer(TargetKind.CHILD, childId, months[0], null, "mat_result", null)
            assertTrue(unset.answers.none { it.key == "mat_result" }, "cleared: unanswered again")
            val cleared = p.saveAnswer(TargetKind.CHILD, childId, months[0], null, "weighed", null)
            assertTrue(cleared.answers.none { it.key == "weighed" }, cleared.answers.toString())
        }
    }

    @Test
    fun `target kind, visit date at finish, z-score categories and the 2T home list`() {
        Pantau.openInMemory(Lang.ID).use { p ->
            val v = setUp(p)
            val hh = p.registerHousehold(household(v, "9", "Darmin"), null)
            val reg = p.registerPregnancy(
                Mother("", hh.id, "Wati", null, "1995-02-01", true, blankMeta()),
                Pregnancy("", "", "KIA-9", v.posyandu.first().id, true, false, "2025-09-20", null, null, blankMeta()),
            )
            val baby = p.saveChild(child(v, hh.id, "Dewi", "2024-12-10")).id
            val older = p.saveChild(child(v, hh.id, "Sari", "2022-01-05")).id
            val april = months[0]

            // Which form an id has in a month, from the core (no guessing in the app).
            assertEquals(TargetKind.PREGNANCY, p.targetKind(reg.pregnancyId, april))
            assertEquals(TargetKind.CHILD, p.targetKind(baby, april))
            assertEquals(TargetKind.PAUD, p.targetKind(older, april))
            assertThrows<PantauException.NotFound> { p.targetKind("nope", april) }

            // A new draft takes KEK from the register (the model has no blank for it): it reads as
            // answered with the register's value, so a form finished without touching it records KEK.
            val f = p.saveAnswer(TargetKind.PREGNANCY, reg.pregnancyId, april, "2025-04-03", "antenatal_check", FieldValue.Bool(true))
            assertEquals(setOf("kek", "antenatal_check"), f.answers.map { it.key }.toSet())
            assertEquals(FieldValue.Bool(true), f.answers.first { it.key == "kek" }.value)
            // The visit date is the one the cadre gives at the end; never in the future (core rule).
            val tomorrow = java.time.LocalDate.now().plusDays(1).toString()
            val future = assertThrows<PantauException.InvalidInput> {
                p.finishForm(TargetKind.PREGNANCY, reg.pregnancyId, april, tomorrow)
            }
            assertEquals("visit_date", future.field)
            assertEquals(FormStatus.DRAFT, p.monthlyForm(TargetKind.PREGNANCY, reg.pregnancyId, april, null).status, "refused: nothing written")
            val done = p.finishForm(TargetKind.PREGNANCY, reg.pregnancyId, april, "2025-04-21")
            assertEquals(FormStatus.FINAL, done.status)
            assertEquals("2025-04-21", done.visitDate)
            assertEquals("2025-04-21", p.monthlyForm(TargetKind.PREGNANCY, reg.pregnancyId, april, null).visitDate)

            // Z-scores come with their category label in the handle's language.
            val r = p.recordMeasurement(measurement(baby, "2025-02-10", 4.5, 55.0))
            val laz = r.scores.lengthForAge!!
            assertFalse(laz.flagged)
            assertEquals(r.verdict.z.zlen, laz.z)
            assertTrue(laz.categoryCode!!.isNotBlank())
            val wfa = r.scores.weightForAge!!
            assertEquals("Berat badan normal", wfa.category)
            p.setLanguage(Lang.EN)
            val card = p.targetCard(TargetKind.CHILD, baby, YearMonth(2025, 2u))
            assertEquals("Normal weight", card.scores.single().weightForAge!!.category, "labels follow the language")
            assertEquals(laz.categoryCode, card.scores.single().lengthForAge!!.categoryCode)
            assertEquals(card.scores.single(), p.scores(card.growth.single()))
            p.setLanguage(Lang.ID)

            // 2T: T in April and T again in May (KBM 800/600 g): the child is on May's home list.
            for ((date, kg) in listOf("2025-03-10" to 5.4, "2025-04-10" to 5.5, "2025-05-10" to 5.6)) {
                p.recordMeasurement(measurement(baby, date, kg, null))
            }
            assertTrue(p.twoTAlerts(april).isEmpty(), "one T is not 2T")
            val may = p.twoTAlerts(YearMonth(2025, 5u)).single()
            assertEquals(baby, may.childId)
            assertEquals("Dewi", may.name)
            assertEquals(v.hamlets.first { it.name == "Dusun Satu" }.id, may.hamletId)
            assertTrue(may.verdict.twoT && may.reason.contains("2T") && may.reason.contains("rujuk"), may.reason)
        }
    }
}
