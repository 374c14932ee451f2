package id.pantau.logic

import id.pantau.logic.model.Lang
import id.pantau.logic.text.S
import id.pantau.logic.text.Strings
import id.pantau.logic.text.Texts
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

class StringsTest {
    private val placeholder = Regex("""\{\d+\}""")

    @Test
    fun everyKeyExistsInBothLanguages() {
        val missingId = S.entries.filter { Strings.indonesian[it].isNullOrBlank() }
        val missingEn = S.entries.filter { Strings.english[it].isNullOrBlank() }
        assertEquals(emptyList(), missingId, "keys without Bahasa Indonesia text")
        assertEquals(emptyList(), missingEn, "keys without English text")
    }

    @Test
    fun placeholdersMatchAcrossLanguages() {
        for (key in S.entries) {
            val id = placeholder.findAll(Strings.indonesian.getValue(key)).map { it.value }.toSet()
            val en = placeholder.findAll(Strings.english.getValue(key)).map { it.value }.toSet()
            assertEquals(id, en, "placeholders of $key")
        }
    }

    @Test
    fun indonesianIsTheDefaultAndFormatsArguments() {
        assertEquals(Lang.ID, Lang.fromCode(null))
        assertEquals(Lang.ID, Lang.fromCode("fr"))
        assertEquals("Draf: 3", Texts(Lang.ID).format(S.HOME_DRAFTS, 3))
        assertEquals("Data ready: 4 targets, 9 records", Texts(Lang.EN).format(S.EXPORTED, 4, 9))
        assertTrue(Texts(Lang.ID)[S.YES] == "Ya" && Texts(Lang.EN)[S.YES] == "Yes")
    }
}
