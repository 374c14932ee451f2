// Each error kind of the surface arrives in Kotlin as its own PantauException subclass, with a
// ready-to-show `reason` in the handle's language and no personal data.
package id.pantau.core.tests

import id.pantau.core.*
import id.pantau.core.model.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.io.File
import java.io.RandomAccessFile

class PantauErrorsTest {
    private val april = YearMonth(2025, 4u)

    @Test
    fun `refused input is InvalidInput with field, rule and a reason in the chosen language`() {
        Pantau.openInMemory(Lang.ID).use { p ->
            val v = setUp(p)
            val hh = p.registerHousehold(household(v, "1", "Ahmad"), null)
            val childId = p.saveChild(child(v, hh.id, "Nur'aini", "2024-12-10")).id

            // A measurement dated in the future is refused by the store; nothing is written.
            val future = java.time.LocalDate.now().plusDays(30).toString()
            val e = assertThrows<PantauException.InvalidInput> {
                p.recordMeasurement(measurement(childId, future, 8.0, 70.0))
            }
            assertEquals("date", e.field)
            assertTrue(e.rule.startsWith("V-"), e.rule)
            assertTrue(e.issues.isNotEmpty())
            assertFalse(e.reason.contains("Nur'aini") || e.reason.contains(future), "no personal data: ${e.reason}")
            val idText = e.reason
            assertTrue(p.targetCard(TargetKind.CHILD, childId, april).measurements.isEmpty(), "nothing written")

            p.setLanguage(Lang.EN)
            val en = assertThrows<PantauException.InvalidInput> {
                p.recordMeasurement(measurement(childId, future, 8.0, 70.0))
            }
            assertTrue(en.reason != idText, "English text differs from Bahasa: '${en.reason}'")
            assertTrue(en.message.contains(en.rule))

            // The binding's own argument checks: a key that is not on the form.
            val unknown = assertThrows<PantauException.InvalidInput> {
                p.saveAnswer(TargetKind.CHILD, childId, april, "2025-04-10", "no_such_field", FieldValue.Bool(true))
            }
            assertEquals("FFI-FIELD-UNKNOWN", unknown.rule)
            assertEquals("no_such_field", unknown.field)
            // Weight is on the 2B form but recorded as a measurement.
            val elsewhere = assertThrows<PantauException.InvalidInput> {
                p.saveAnswer(TargetKind.CHILD, childId, april, "2025-04-10", "weight_kg", FieldValue.Number(7.0))
            }
            assertEquals("FFI-FIELD-ELSEWHERE", elsewhere.rule)
            // A value of the wrong kind for the field.
            val wrongKind = assertThrows<PantauException.InvalidInput> {
                p.saveAnswer(TargetKind.CHILD, childId, april, "2025-04-10", "weighed", FieldValue.Code("H"))
            }
            assertEquals("FFI-FIELD-VALUE", wrongKind.rule)
            // A visit date outside the form's month.
            val outside = assertThrows<PantauException.InvalidInput> {
                p.saveAnswer(TargetKind.CHILD, childId, april, "2025-05-02", "weighed", FieldValue.Bool(true))
            }
            assertEquals("visit_date", outside.field)
            assertTrue(p.monthlyForm(TargetKind.CHILD, childId, april, null).answers.isEmpty(), "refusals wrote nothing")

            // Setup names are checked too.
            assertThrows<PantauException.InvalidInput> { p.saveHamlet(Hamlet("", v.village.id, "  ", blankMeta())) }
        }
    }

    @Test
    fun `an unknown id is NotFound`() {
        Pantau.openInMemory(Lang.ID).use { p ->
            val e = assertThrows<PantauException.NotFound> { p.child("00000000-0000-0000-0000-000000000000") }
            assertTrue(e.reason.isNotBlank())
            assertThrows<PantauException.NotFound> { p.targetCard(TargetKind.PREGNANCY, "nope", april) }
            assertThrows<PantauException.NotFound> { p.finishForm(TargetKind.CHILD, "nope", april, null) }
            assertThrows<PantauException.NotFound> { p.deleteRecord(RecordKind.MOTHER, "nope") }
        }
    }

    @Test
    fun `a file that cannot be written is Storage`() {
        Pantau.openInMemory(Lang.EN).use { p ->
            val e = assertThrows<PantauException.Storage> { p.backup("/nonexistent-dir/sub/backup.db") }
            assertFalse(e.reason.contains("nonexistent"), "no path in the text: ${e.reason}")
        }
    }

    @Test
    fun `a bad bundle file or key is BundleRejected`() {
        val dir = tempDir()
        Pantau.openInMemory(Lang.EN).use { p ->
            setUp(p)
            val junk = File(dir, "junk.pantau").apply { writeText("not a bundle") }
            val e = assertThrows<PantauException.BundleRejected> { p.checkBundle(junk.path) }
            assertTrue(e.reason.isNotBlank())
            assertThrows<PantauException.BundleRejected> { p.exportBundle(File(dir, "x.pantau").path, true, "age1notakey") }
            assertFalse(File(dir, "x.pantau").exists(), "nothing written for a refused export")
        }
    }

    @Test
    fun `a database from a newer app is NewerDatabase and stays untouched`() {
        val dir = tempDir()
        val db = File(dir, "pantau.db")
        Pantau.open(db.path, "device-A", Lang.ID).use { p -> setUp(p) }
        // SQLite header: user_version is the big-endian int at offset 60 (the schema version).
        RandomAccessFile(db, "rw").use { f -> f.seek(60); f.writeInt(99) }
        val before = db.readBytes()
        val e = assertThrows<PantauException.NewerDatabase> { Pantau.open(db.path, "device-A", Lang.EN) }
        assertEquals(99u, e.found)
        assertTrue(e.supported < 99u)
        assertTrue(e.reason.contains("newer"), e.reason)
        assertTrue(before.contentEquals(db.readBytes()), "file left as it was")
    }

    @Test
    fun `a damaged file is moved aside, never deleted, and the user is told`() {
        val dir = tempDir()
        val db = File(dir, "pantau.db")
        db.writeText("this is not a database, but it may be the only copy of someone's visits ".repeat(100))
        Pantau.open(db.path, "device-A", Lang.ID).use { p ->
            val notice = p.recovery()
            assertNotNull(notice)
            notice!!
            assertTrue(File(notice.movedTo).exists(), "damaged file kept at ${notice.movedTo}")
            assertTrue(notice.reason.isNotBlank())
            setUp(p) // the fresh file works
        }
    }

    @Test
    fun `damage found after opening is Corrupt`() {
        val dir = tempDir()
        // A backup is one self-contained file (no -wal beside it): damage that copy.
        val db = File(dir, "copy.db")
        Pantau.openInMemory(Lang.ID).use { p ->
            val v = setUp(p)
            for (i in 0 until 60) p.registerHousehold(household(v, "RT $i", "Kepala Keluarga"), null)
            p.backup(db.path)
        }
        Pantau.open(db.path, "device-A", Lang.EN).use { p ->
            // Damage every page but the first while the handle is open: the next read meets it.
            val pageSize = RandomAccessFile(db, "r").use { f -> f.seek(16); f.readUnsignedShort() }
            RandomAccessFile(db, "rw").use { f ->
                val junk = ByteArray(pageSize) { 0x55 }
                var at = pageSize.toLong()
                while (at < f.length()) { f.seek(at); f.write(junk); at += pageSize }
            }
            val e = assertThrows<PantauException.Corrupt> { p.households(null) }
            assertTrue(e.reason.contains("damaged"), e.reason)
        }
    }
}
