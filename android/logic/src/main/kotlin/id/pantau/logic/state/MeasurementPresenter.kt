/**
 * Weighing and length entry with the verdict shown at once (z-scores, Permenkes category, N/T/2T,
 * stunting alert) and the growth chart (issue 8). Inputs accept "12,5" and "12.5". Ranges refused here
 * are only typing slips (a scale reads 0-40 kg, a board 35-130 cm); plausibility is the core's
 * (growth.md flags).
 */
package id.pantau.logic.state

import id.pantau.logic.format.DecimalInput
import id.pantau.logic.format.Formats
import id.pantau.logic.format.Parsed
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.Position
import id.pantau.logic.repository.ChartIndicator
import id.pantau.logic.repository.GrowthChart
import id.pantau.logic.repository.GrowthVerdict
import id.pantau.logic.repository.MeasurementInput
import id.pantau.logic.repository.PantauRepository
import kotlinx.coroutines.CoroutineScope
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

enum class MeasureField { DATE, WEIGHT, LENGTH }

data class MeasurementEntry(
    val dateText: String,
    val weightText: String = "",
    val lengthText: String = "",
    val position: Position = Position.LYING,
    val oedema: Boolean = false,
) {
    /** One line for the Activity's saved state (process death), read back by [decode]. */
    fun encode(): String = listOf(dateText, weightText, lengthText, position.name, oedema.toString()).joinToString(SEP)

    companion object {
        private const val SEP = "\u001F"

        /** The inverse of [encode]; null for anything else (the form then starts empty). */
        fun decode(saved: String?): MeasurementEntry? {
            val p = saved?.split(SEP) ?: return null
            if (p.size != 5) return null
            val position = Position.entries.firstOrNull { it.name == p[3] } ?: return null
            return MeasurementEntry(p[0], p[1], p[2], position, p[4] == "true")
        }
    }
}

/** A presenter whose typed-but-unsaved input is kept in the Activity's saved state, like the back stack. */
interface KeepsInput {
    fun savedInput(): String?
}

sealed interface MeasurementUiState {
    val entry: MeasurementEntry
    val chart: GrowthChart?

    data class Editing(
        override val entry: MeasurementEntry,
        override val chart: GrowthChart?,
        val errors: Map<MeasureField, LocalText> = emptyMap(),
        val saving: Boolean = false,
        val message: LocalText? = null,
    ) : MeasurementUiState

    data class Assessed(override val entry: MeasurementEntry, override val chart: GrowthChart?, val verdict: GrowthVerdict) : MeasurementUiState
}

class MeasurementPresenter(
    private val repository: PantauRepository,
    val childId: String,
    today: () -> LocalDate,
    scope: CoroutineScope,
    io: CoroutineContext,
    restored: String? = null,
) : Presenter<MeasurementUiState>(
    MeasurementUiState.Editing(MeasurementEntry.decode(restored) ?: MeasurementEntry(Formats.dateShort(today())), null), scope, io,
), KeepsInput {

    /** The typed entry while it is not yet saved; nothing once assessed (it is in the store then). */
    override fun savedInput(): String? = (current as? MeasurementUiState.Editing)?.entry?.encode()

    init {
        loadChart()
    }

    private fun loadChart() {
        call({ repository.growthChart(childId, ChartIndicator.LENGTH_FOR_AGE) }, { msg ->
            (current as? MeasurementUiState.Editing)?.let { set(it.copy(message = msg)) }
        }) { chart ->
            set(when (val s = current) {
                is MeasurementUiState.Editing -> s.copy(chart = chart)
                is MeasurementUiState.Assessed -> s.copy(chart = chart)
            })
        }
    }

    fun edit(field: MeasureField, text: String) = editing { s ->
        val e = when (field) {
            MeasureField.DATE -> s.entry.copy(dateText = text)
            MeasureField.WEIGHT -> s.entry.copy(weightText = text)
            MeasureField.LENGTH -> s.entry.copy(lengthText = text)
        }
        s.copy(entry = e, errors = s.errors - field, message = null)
    }

    fun setPosition(position: Position) = editing { it.copy(entry = it.entry.copy(position = position)) }
    fun setOedema(oedema: Boolean) = editing { it.copy(entry = it.entry.copy(oedema = oedema)) }

    fun submit() {
        val s = current as? MeasurementUiState.Editing ?: return
        if (s.saving) return
        val errors = mutableMapOf<MeasureField, LocalText>()
        val date = when (val p = DecimalInput.parseDate(s.entry.dateText)) {
            is Parsed.Ok -> p.value
            is Parsed.Invalid -> null.also { errors[MeasureField.DATE] = p.message }
            Parsed.Empty -> null.also { errors[MeasureField.DATE] = REQUIRED }
        }
        val weight = number(s.entry.weightText, 0.5, 40.0, MeasureField.WEIGHT, errors)
        val length = number(s.entry.lengthText, 35.0, 130.0, MeasureField.LENGTH, errors)
        if (weight == null && length == null && MeasureField.WEIGHT !in errors && MeasureField.LENGTH !in errors) {
            errors[MeasureField.WEIGHT] = LocalText("Isi berat atau panjang badan", "Enter weight or length")
        }
        if (errors.isNotEmpty() || date == null) return set(s.copy(errors = errors))
        set(s.copy(saving = true, errors = emptyMap()))
        val input = MeasurementInput(childId, date, weight, length, s.entry.position, s.entry.oedema)
        call({ repository.recordMeasurement(input) to repository.growthChart(childId, ChartIndicator.LENGTH_FOR_AGE) },
            { set(s.copy(saving = false, message = it)) }) { (verdict, chart) ->
            set(MeasurementUiState.Assessed(s.entry, chart, verdict))
        }
    }

    /** Enter another measurement (e.g. a correction): the chart stays. */
    fun again() {
        val s = current as? MeasurementUiState.Assessed ?: return
        set(MeasurementUiState.Editing(s.entry.copy(weightText = "", lengthText = ""), s.chart))
    }

    private fun number(text: String, min: Double, max: Double, f: MeasureField, errors: MutableMap<MeasureField, LocalText>): Double? =
        when (val p = DecimalInput.parse(text, min, max)) {
            is Parsed.Ok -> p.value
            is Parsed.Invalid -> null.also { errors[f] = p.message }
            Parsed.Empty -> null
        }

    private fun editing(change: (MeasurementUiState.Editing) -> MeasurementUiState.Editing) {
        (current as? MeasurementUiState.Editing)?.let { set(change(it)) }
    }

    private companion object {
        val REQUIRED = LocalText("Wajib diisi", "Required")
    }
}
