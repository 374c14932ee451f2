/**
 * Parsing of numbers typed by cadres (issue 8): both the Indonesian decimal comma and the point are
 * accepted ("12,5" and "12.5" kg), with surrounding spaces and an optional unit suffix ignored.
 * Refuses thousands separators and more than one decimal mark, since "1.250" is ambiguous on a scale.
 */
package id.pantau.logic.format

import id.pantau.logic.model.LocalText

sealed interface Parsed<out T> {
    data class Ok<T>(val value: T) : Parsed<T>
    data object Empty : Parsed<Nothing>
    data class Invalid(val message: LocalText) : Parsed<Nothing>
}

object DecimalInput {
    private val pattern = Regex("""^\s*(\d{1,4})(?:[.,](\d{1,3}))?\s*(?:kg|cm)?\s*$""", RegexOption.IGNORE_CASE)

    /** Parses "12,5", "12.5", " 12 ", "12,5 kg"; a value outside [min]..[max] is refused with a message. */
    fun parse(text: String, min: Double, max: Double): Parsed<Double> {
        if (text.isBlank()) return Parsed.Empty
        val m = pattern.matchEntire(text)
            ?: return Parsed.Invalid(LocalText("Angka tidak dikenali, contoh: 12,5", "Not a number, e.g. 12.5"))
        val whole = m.groupValues[1]
        val frac = m.groupValues[2]
        val value = (if (frac.isEmpty()) whole else "$whole.$frac").toDouble()
        if (value < min || value > max) {
            val lo = Formats.decimal(min, 1, id.pantau.logic.model.Lang.ID)
            val hi = Formats.decimal(max, 1, id.pantau.logic.model.Lang.ID)
            val loEn = Formats.decimal(min, 1, id.pantau.logic.model.Lang.EN)
            val hiEn = Formats.decimal(max, 1, id.pantau.logic.model.Lang.EN)
            return Parsed.Invalid(LocalText("Harus antara $lo dan $hi", "Must be between $loEn and $hiEn"))
        }
        return Parsed.Ok(value)
    }

    /** Whole numbers (tablet counts, months): digits only. */
    fun parseInt(text: String, min: Int, max: Int): Parsed<Int> {
        if (text.isBlank()) return Parsed.Empty
        val v = text.trim().toIntOrNull()
            ?: return Parsed.Invalid(LocalText("Isi angka bulat", "Enter a whole number"))
        if (v < min || v > max) return Parsed.Invalid(LocalText("Harus antara $min dan $max", "Must be between $min and $max"))
        return Parsed.Ok(v)
    }

    /** Dates typed as dd-mm-yyyy or dd/mm/yyyy (the KIA book's order) or ISO yyyy-mm-dd. */
    fun parseDate(text: String): Parsed<java.time.LocalDate> {
        if (text.isBlank()) return Parsed.Empty
        val t = text.trim()
        val dmy = Regex("""^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$""").matchEntire(t)
        val ymd = Regex("""^(\d{4})-(\d{1,2})-(\d{1,2})$""").matchEntire(t)
        val (y, mo, d) = when {
            dmy != null -> Triple(dmy.groupValues[3], dmy.groupValues[2], dmy.groupValues[1])
            ymd != null -> Triple(ymd.groupValues[1], ymd.groupValues[2], ymd.groupValues[3])
            else -> return Parsed.Invalid(LocalText("Tanggal tidak dikenali, contoh: 14-03-2025", "Not a date, e.g. 14-03-2025"))
        }
        return try {
            Parsed.Ok(java.time.LocalDate.of(y.toInt(), mo.toInt(), d.toInt()))
        } catch (e: java.time.DateTimeException) {
            Parsed.Invalid(LocalText("Tanggal tidak ada di kalender", "No such date"))
        }
    }
}
