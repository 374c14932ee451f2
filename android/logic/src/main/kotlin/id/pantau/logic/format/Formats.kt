/**
 * Display formatting in both languages: dates with Indonesian month names, decimals with the comma in
 * Bahasa Indonesia, percentages with 2 decimals rounded half away from zero and "-" when nothing was
 * due (domain.md A.5, A.10 "Zero denominators").
 */
package id.pantau.logic.format

import id.pantau.logic.model.Lang
import id.pantau.logic.model.Quarter
import id.pantau.logic.model.Ratio
import id.pantau.logic.model.YearMonth
import java.math.BigDecimal
import java.math.RoundingMode
import java.time.LocalDate

object Formats {
    private val monthsId = listOf(
        "Januari", "Februari", "Maret", "April", "Mei", "Juni",
        "Juli", "Agustus", "September", "Oktober", "November", "Desember",
    )
    private val monthsEn = listOf(
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    )

    /** Shown where nothing was due (A.10). */
    const val NOT_APPLICABLE = "-"

    fun monthName(month: Int, lang: Lang): String = (if (lang == Lang.ID) monthsId else monthsEn)[month - 1]

    /** "14 Maret 2025" / "14 March 2025". */
    fun date(date: LocalDate, lang: Lang): String = "${date.dayOfMonth} ${monthName(date.monthValue, lang)} ${date.year}"

    /** "14-03-2025", the order cadres type and the KIA book prints. */
    fun dateShort(date: LocalDate): String = "%02d-%02d-%04d".format(date.dayOfMonth, date.monthValue, date.year)

    fun month(m: YearMonth, lang: Lang): String = "${monthName(m.month, lang)} ${m.year}"

    /** "Triwulan 1 2025 (Jan-Mar)" / "Quarter 1 2025 (Jan-Mar)". */
    fun quarter(q: Quarter, lang: Lang): String {
        val first = monthName((q.q - 1) * 3 + 1, lang).take(3)
        val last = monthName(q.q * 3, lang).take(3)
        val word = if (lang == Lang.ID) "Triwulan" else "Quarter"
        return "$word ${q.q} ${q.year} ($first-$last)"
    }

    /** A decimal with [places] digits, comma in Bahasa Indonesia, point in English; half away from zero. */
    fun decimal(value: Double, places: Int, lang: Lang): String {
        val s = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).toPlainString()
        return if (lang == Lang.ID) s.replace('.', ',') else s
    }

    /**
     * Percentage of a ratio to 2 decimals ("64,71%" / "64.71%"), computed from the integers with
     * half-away-from-zero rounding (A.5); "-" when the denominator is zero.
     */
    fun percent(ratio: Ratio, lang: Lang): String {
        if (!ratio.applicable) return NOT_APPLICABLE
        val pct = BigDecimal(ratio.numerator).multiply(BigDecimal(100))
            .divide(BigDecimal(ratio.denominator), 2, RoundingMode.HALF_UP)
        val s = pct.toPlainString()
        return (if (lang == Lang.ID) s.replace('.', ',') else s) + "%"
    }

    /** "11/17". */
    fun fraction(ratio: Ratio): String = if (ratio.applicable) "${ratio.numerator}/${ratio.denominator}" else NOT_APPLICABLE

    /** A z-score with sign and 2 decimals: "-2,31" / "+0,40". */
    fun zScore(z: Double, lang: Lang): String = (if (z >= 0) "+" else "") + decimal(z, 2, lang)
}
