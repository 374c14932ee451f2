/**
 * Plain values shared by the screens and the repository contract: language, bilingual text, calendar
 * months and quarters, and the code tables of domain.md section 2.2 (mirrors of core/src/model/codes.rs).
 * No android.* here: this module runs on the JVM in tests and on the phone alike.
 */
package id.pantau.logic.model

/** User-facing language: Bahasa Indonesia first (the default), English second. */
enum class Lang(val code: String) {
    ID("id"), EN("en");

    companion object {
        fun fromCode(code: String?): Lang = entries.firstOrNull { it.code == code } ?: ID
    }
}

/** A message in both languages, ready to show; mirrors core `model::Text`. Never carries a NIK. */
data class LocalText(val id: String, val en: String) {
    fun get(lang: Lang): String = if (lang == Lang.ID) id else en

    companion object {
        fun same(text: String) = LocalText(text, text)
    }
}

/** A calendar month (core `YearMonth`); a monthly form belongs to one (domain.md A.2). */
data class YearMonth(val year: Int, val month: Int) : Comparable<YearMonth> {
    init {
        require(month in 1..12) { "month $month out of 1..12" }
    }

    fun next(): YearMonth = if (month == 12) YearMonth(year + 1, 1) else YearMonth(year, month + 1)
    fun prev(): YearMonth = if (month == 1) YearMonth(year - 1, 12) else YearMonth(year, month - 1)
    fun quarter(): Quarter = Quarter(year, (month - 1) / 3 + 1)
    fun contains(date: java.time.LocalDate): Boolean = date.year == year && date.monthValue == month
    override fun compareTo(other: YearMonth): Int = compareValuesBy(this, other, { it.year }, { it.month })
    override fun toString(): String = "%04d-%02d".format(year, month)

    companion object {
        fun of(date: java.time.LocalDate) = YearMonth(date.year, date.monthValue)
    }
}

/** A calendar quarter, Q1 = January-March (domain.md A.3). */
data class Quarter(val year: Int, val q: Int) : Comparable<Quarter> {
    init {
        require(q in 1..4) { "quarter $q out of 1..4" }
    }

    val months: List<YearMonth> get() = (0..2).map { YearMonth(year, (q - 1) * 3 + 1 + it) }
    fun next(): Quarter = if (q == 4) Quarter(year + 1, 1) else Quarter(year, q + 1)
    fun prev(): Quarter = if (q == 1) Quarter(year - 1, 4) else Quarter(year, q - 1)
    override fun compareTo(other: Quarter): Int = compareValuesBy(this, other, { it.year }, { it.q })
}

/** Which monitoring target (and form) a record belongs to: 2A, 2B, 2C. */
enum class TargetKind { PREGNANCY, CHILD, PAUD }

enum class Sex { MALE, FEMALE }

/** Quarterly result of forms 3A/3B: Y, T, TS (domain.md 2.2). */
enum class Outcome(val code: String) { YES("Y"), NO("T"), NOT_APPLICABLE("TS") }

/** Status gizi anak (domain.md 2.2, A.8), derived from z-scores by the core. */
enum class NutritionStatus(val code: String) { NORMAL("N"), GIZI_KURANG("GK"), GIZI_BURUK("GB"), STUNTING("S") }

/** Weighing result against last month, as on the KMS: N naik, T tidak naik, 2T twice in a row, B baru, O not weighed last month (core growth::kms). */
enum class WeightGain(val code: String) { GAINED("N"), NOT_GAINED("T"), NOT_GAINED_TWICE("2T"), FIRST("B"), NOT_WEIGHED_LAST_MONTH("O") }

enum class FormStatus { DRAFT, FINAL }

/** Measuring position (growth.md 1.5). */
enum class Position { LYING, STANDING }

enum class Severity { ERROR, WARNING }

/** A share as integers (domain.md A.5); a zero denominator means "not applicable" and shows "-". */
data class Ratio(val numerator: Int, val denominator: Int) {
    val applicable: Boolean get() = denominator > 0
}
