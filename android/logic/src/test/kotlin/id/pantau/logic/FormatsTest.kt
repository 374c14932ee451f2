package id.pantau.logic

import id.pantau.logic.format.DecimalInput
import id.pantau.logic.format.Formats
import id.pantau.logic.format.Parsed
import id.pantau.logic.model.Lang
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.Ratio
import org.junit.jupiter.api.Test
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertIs

class FormatsTest {
    @Test
    fun percentagesOfTheWorkedExample() {
        // domain.md A.10 worked example: 3A 11/17, 3B 17/23, Table 4 28/40, PD-1 7/11.
        assertEquals("64,71%", Formats.percent(Ratio(11, 17), Lang.ID))
        assertEquals("73.91%", Formats.percent(Ratio(17, 23), Lang.EN))
        assertEquals("70,00%", Formats.percent(Ratio(28, 40), Lang.ID))
        assertEquals("63,64%", Formats.percent(Ratio(7, 11), Lang.ID))
    }

    @Test
    fun notApplicableIsADashAndHalvesRoundAwayFromZero() {
        assertEquals("-", Formats.percent(Ratio(0, 0), Lang.ID))
        assertEquals("-", Formats.fraction(Ratio(0, 0)))
        assertEquals("0,02%", Formats.percent(Ratio(1, 6400), Lang.ID)) // 0.015625 -> 0.02
        assertEquals("0,00%", Formats.percent(Ratio(0, 3), Lang.ID))
        assertEquals("-2,31", Formats.zScore(-2.305, Lang.ID))
        assertEquals("+0.40", Formats.zScore(0.4, Lang.EN))
    }

    @Test
    fun datesInIndonesianAndEnglish() {
        val d = LocalDate.of(2025, 3, 14)
        assertEquals("14 Maret 2025", Formats.date(d, Lang.ID))
        assertEquals("14 March 2025", Formats.date(d, Lang.EN))
        assertEquals("14-03-2025", Formats.dateShort(d))
        assertEquals("Triwulan 4 2026 (Okt-Des)", Formats.quarter(Quarter(2026, 4), Lang.ID))
        assertEquals("Agustus 2026", Formats.month(id.pantau.logic.model.YearMonth(2026, 8), Lang.ID))
    }

    @Test
    fun decimalCommaAndPointBothAccepted() {
        assertEquals(Parsed.Ok(12.5), DecimalInput.parse("12,5", 0.0, 40.0))
        assertEquals(Parsed.Ok(12.5), DecimalInput.parse("12.5", 0.0, 40.0))
        assertEquals(Parsed.Ok(12.5), DecimalInput.parse(" 12,5 kg ", 0.0, 40.0))
        assertEquals(Parsed.Ok(12.0), DecimalInput.parse("12", 0.0, 40.0))
        assertEquals(Parsed.Empty, DecimalInput.parse("  ", 0.0, 40.0))
        assertIs<Parsed.Invalid>(DecimalInput.parse("1.250,5", 0.0, 40.0))
        assertIs<Parsed.Invalid>(DecimalInput.parse("12,,5", 0.0, 40.0))
        assertIs<Parsed.Invalid>(DecimalInput.parse("dua belas", 0.0, 40.0))
        val out = DecimalInput.parse("125", 0.5, 40.0)
        assertIs<Parsed.Invalid>(out)
        assertEquals("Harus antara 0,5 dan 40,0", out.message.id)
        assertEquals("Must be between 0.5 and 40.0", out.message.en)
    }

    @Test
    fun datesTypedTheKiaWay() {
        assertEquals(Parsed.Ok(LocalDate.of(2026, 11, 5)), DecimalInput.parseDate("5-11-2026"))
        assertEquals(Parsed.Ok(LocalDate.of(2026, 11, 5)), DecimalInput.parseDate("05/11/2026"))
        assertEquals(Parsed.Ok(LocalDate.of(2026, 11, 5)), DecimalInput.parseDate("2026-11-05"))
        assertIs<Parsed.Invalid>(DecimalInput.parseDate("31-02-2026"))
        assertIs<Parsed.Invalid>(DecimalInput.parseDate("kemarin"))
        assertIs<Parsed.Invalid>(DecimalInput.parseInt("3,5", 0, 90))
        assertEquals(Parsed.Ok(30), DecimalInput.parseInt(" 30 ", 0, 90))
    }
}
