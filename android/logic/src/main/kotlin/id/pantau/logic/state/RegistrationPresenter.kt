/**
 * Registration of households, pregnancies and children (issue 8), with the possible-duplicate warning
 * before a person is registered (same NIK, KIA number, or name + birth date; domain.md A.9). The core
 * decides what is a duplicate; this class only asks before saving and lets the cadre go on anyway.
 */
package id.pantau.logic.state

import id.pantau.logic.format.DecimalInput
import id.pantau.logic.format.Parsed
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.Sex
import id.pantau.logic.model.TargetKind
import id.pantau.logic.repository.ChildInput
import id.pantau.logic.repository.Hamlet
import id.pantau.logic.repository.Household
import id.pantau.logic.repository.HouseholdInput
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.PersonCandidate
import id.pantau.logic.repository.PossibleDuplicate
import id.pantau.logic.repository.Posyandu
import id.pantau.logic.repository.PregnancyInput
import kotlinx.coroutines.CoroutineScope
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

enum class RegKind { HOUSEHOLD, PREGNANCY, CHILD }

enum class RegField { HOUSEHOLD_NUMBER, HEAD_NAME, ADDRESS, MOTHER_NAME, CHILD_NAME, NIK, BIRTH_DATE, KIA_NUMBER, HPL }

enum class RegFlag { SAFE_WATER, LATRINE, VULNERABLE, KEK, RISTI, INSURANCE, BIRTH_CERTIFICATE, BIRTH_DATE_APPROX }

/** A choice made by tapping (not typing): household, hamlet, posyandu, sex. */
enum class RegChoice { HOUSEHOLD, HAMLET, POSYANDU, SEX }

data class RegistrationForm(
    val kind: RegKind,
    /** The record being edited (household, pregnancy or child id); null for a new registration. */
    val editId: String? = null,
    val text: Map<RegField, String> = emptyMap(),
    val flags: Set<RegFlag> = emptySet(),
    val householdId: String? = null,
    val hamletId: String? = null,
    val posyanduId: String? = null,
    val sex: Sex? = null,
    val households: List<Household> = emptyList(),
    val hamlets: List<Hamlet> = emptyList(),
    val posyandu: List<Posyandu> = emptyList(),
    /** What the cadre typed to find the household among many (number or head's name). */
    val householdQuery: String = "",
) {
    fun value(f: RegField) = text[f].orEmpty()

    /**
     * The households the picker shows: those whose number or head's name contains every typed word
     * (case-insensitive), the chosen one always first; all of them when nothing is typed.
     */
    fun matchingHouseholds(limit: Int = 8): List<Household> {
        val words = householdQuery.trim().lowercase().split(Regex("\\s+")).filter { it.isNotEmpty() }
        val found = households.filter { h ->
            val hay = "${h.number} ${h.headName}".lowercase()
            words.all { hay.contains(it) }
        }
        val chosen = households.firstOrNull { it.id == householdId }
        return (listOfNotNull(chosen) + found.filter { it.id != householdId }).take(limit)
    }

    /** The typed fields this kind of registration shows, in screen order. */
    val fields: List<RegField>
        get() = when (kind) {
            RegKind.HOUSEHOLD -> listOf(RegField.HOUSEHOLD_NUMBER, RegField.HEAD_NAME, RegField.ADDRESS)
            RegKind.PREGNANCY -> listOf(RegField.MOTHER_NAME, RegField.NIK, RegField.BIRTH_DATE, RegField.KIA_NUMBER, RegField.HPL)
            RegKind.CHILD -> listOf(RegField.CHILD_NAME, RegField.NIK, RegField.BIRTH_DATE, RegField.KIA_NUMBER, RegField.MOTHER_NAME)
        }

    val flagList: List<RegFlag>
        get() = when (kind) {
            RegKind.HOUSEHOLD -> listOf(RegFlag.SAFE_WATER, RegFlag.LATRINE, RegFlag.VULNERABLE)
            RegKind.PREGNANCY -> listOf(RegFlag.KEK, RegFlag.RISTI, RegFlag.INSURANCE)
            RegKind.CHILD -> listOf(RegFlag.BIRTH_DATE_APPROX, RegFlag.BIRTH_CERTIFICATE, RegFlag.INSURANCE)
        }

    val choices: List<RegChoice>
        get() = when (kind) {
            RegKind.HOUSEHOLD -> listOf(RegChoice.HAMLET)
            RegKind.PREGNANCY -> listOf(RegChoice.HOUSEHOLD, RegChoice.POSYANDU)
            RegKind.CHILD -> listOf(RegChoice.HOUSEHOLD, RegChoice.SEX, RegChoice.POSYANDU)
        }
}

sealed interface RegistrationUiState {
    val form: RegistrationForm

    data class Editing(
        override val form: RegistrationForm,
        val errors: Map<String, LocalText> = emptyMap(),
        val saving: Boolean = false,
        val message: LocalText? = null,
    ) : RegistrationUiState

    /** Shown before saving a person who may already be registered. */
    data class DuplicateWarning(override val form: RegistrationForm, val duplicates: List<PossibleDuplicate>) : RegistrationUiState

    data class Saved(override val form: RegistrationForm, val id: String, val name: String) : RegistrationUiState
}

class RegistrationPresenter(
    private val repository: PantauRepository,
    kind: RegKind,
    householdId: String?,
    scope: CoroutineScope,
    io: CoroutineContext,
    editId: String? = null,
) : Presenter<RegistrationUiState>(
    RegistrationUiState.Editing(RegistrationForm(kind, editId = editId, householdId = householdId), saving = editId != null),
    scope, io,
) {

    init {
        loadChoices()
        if (editId != null) loadStored(kind, editId)
    }

    /** Editing: the form pre-filled with the stored values (dates typed as dd-mm-yyyy, as the cadre enters them). */
    private fun loadStored(kind: RegKind, id: String) {
        call({
            when (kind) {
                RegKind.HOUSEHOLD -> repository.householdInput(id).let { h ->
                    Prefill(mapOf(RegField.HOUSEHOLD_NUMBER to h.number, RegField.HEAD_NAME to h.headName, RegField.ADDRESS to h.address),
                        setOfNotNull(RegFlag.SAFE_WATER.takeIf { h.safeWater }, RegFlag.LATRINE.takeIf { h.latrine }, RegFlag.VULNERABLE.takeIf { h.vulnerable }),
                        hamletId = h.hamletId)
                }
                RegKind.PREGNANCY -> repository.pregnancyInput(id).let { p ->
                    Prefill(mapOf(RegField.MOTHER_NAME to p.motherName, RegField.NIK to p.motherNik.orEmpty(), RegField.BIRTH_DATE to typed(p.motherBirthDate),
                        RegField.KIA_NUMBER to p.kiaNumber, RegField.HPL to typed(p.expectedDelivery)),
                        setOfNotNull(RegFlag.KEK.takeIf { p.kek }, RegFlag.RISTI.takeIf { p.risti }, RegFlag.INSURANCE.takeIf { p.insurance }),
                        householdId = p.householdId, posyanduId = p.posyanduId)
                }
                RegKind.CHILD -> repository.childInput(id).let { c ->
                    Prefill(mapOf(RegField.CHILD_NAME to c.name, RegField.NIK to c.nik.orEmpty(), RegField.BIRTH_DATE to typed(c.birthDate),
                        RegField.KIA_NUMBER to c.kiaNumber.orEmpty(), RegField.MOTHER_NAME to c.motherName.orEmpty()),
                        setOfNotNull(RegFlag.BIRTH_DATE_APPROX.takeIf { c.birthDateApproximate }, RegFlag.BIRTH_CERTIFICATE.takeIf { c.birthCertificate },
                            RegFlag.INSURANCE.takeIf { c.insurance }),
                        householdId = c.householdId, posyanduId = c.posyanduId, sex = c.sex)
                }
            }
        }, ::fail) { p ->
            val f = current.form.copy(text = p.text.filterValues { it.isNotEmpty() }, flags = p.flags, householdId = p.householdId,
                hamletId = p.hamletId, posyanduId = p.posyanduId, sex = p.sex)
            set(RegistrationUiState.Editing(f))
        }
    }

    private data class Prefill(
        val text: Map<RegField, String>, val flags: Set<RegFlag>, val householdId: String? = null,
        val hamletId: String? = null, val posyanduId: String? = null, val sex: Sex? = null,
    )

    private fun loadChoices() {
        call({ repository.households() to repository.village() }, ::fail) { (households, village) ->
            update { it.copy(households = households, hamlets = village?.hamlets.orEmpty(), posyandu = village?.posyandu.orEmpty()) }
        }
    }

    /** Starts another registration of [kind] (e.g. the child after the household), keeping the lists. */
    fun start(kind: RegKind, householdId: String? = null) {
        val f = current.form
        set(RegistrationUiState.Editing(RegistrationForm(kind, householdId = householdId, households = f.households, hamlets = f.hamlets, posyandu = f.posyandu)))
    }

    fun edit(field: RegField, value: String) = update(field.name) { it.copy(text = it.text + (field to value)) }

    fun searchHousehold(query: String) = update { it.copy(householdQuery = query) }

    fun toggle(flag: RegFlag) = update { f -> f.copy(flags = if (flag in f.flags) f.flags - flag else f.flags + flag) }

    fun choose(choice: RegChoice, value: String) = update(choice.name) { f ->
        when (choice) {
            RegChoice.HOUSEHOLD -> f.copy(householdId = value)
            RegChoice.HAMLET -> f.copy(hamletId = value)
            RegChoice.POSYANDU -> f.copy(posyanduId = value)
            RegChoice.SEX -> f.copy(sex = Sex.valueOf(value))
        }
    }

    /** Validates, then asks the core for possible duplicates; registers at once when there are none. */
    fun submit() {
        val s = current as? RegistrationUiState.Editing ?: return
        if (s.saving) return
        val f = s.form
        val errors = validate(f)
        if (errors.isNotEmpty()) {
            set(s.copy(errors = errors))
            return
        }
        set(s.copy(saving = true, errors = emptyMap()))
        // An edit keeps its id; the core validates it again (a KIA number used elsewhere is refused there).
        if (f.kind == RegKind.HOUSEHOLD || f.editId != null) {
            register(f)
            return
        }
        val candidate = PersonCandidate(
            kind = if (f.kind == RegKind.PREGNANCY) TargetKind.PREGNANCY else TargetKind.CHILD,
            name = personName(f),
            nik = f.value(RegField.NIK).trim().ifEmpty { null },
            kiaNumber = f.value(RegField.KIA_NUMBER).trim().ifEmpty { null },
            birthDate = date(f, RegField.BIRTH_DATE),
        )
        call({ repository.findDuplicates(candidate) }, ::fail) { dups ->
            if (dups.isEmpty()) register(f) else set(RegistrationUiState.DuplicateWarning(f, dups))
        }
    }

    /** The cadre checked the warning and registers anyway. */
    fun registerAnyway() {
        val s = current as? RegistrationUiState.DuplicateWarning ?: return
        set(RegistrationUiState.Editing(s.form, saving = true))
        register(s.form)
    }

    /** Back from the warning to the form, answers kept. */
    fun cancelDuplicate() {
        val s = current as? RegistrationUiState.DuplicateWarning ?: return
        set(RegistrationUiState.Editing(s.form))
    }

    private fun register(f: RegistrationForm) {
        val text = { r: RegField -> f.value(r).trim() }
        val opt = { r: RegField -> text(r).ifEmpty { null } }
        when (f.kind) {
            RegKind.HOUSEHOLD -> call({
                val input =
                    HouseholdInput(
                        hamletId = f.hamletId.orEmpty(), number = text(RegField.HOUSEHOLD_NUMBER),
                        headName = text(RegField.HEAD_NAME), address = text(RegField.ADDRESS),
                        safeWater = RegFlag.SAFE_WATER in f.flags, latrine = RegFlag.LATRINE in f.flags,
                        vulnerable = RegFlag.VULNERABLE in f.flags,
                    )
                f.editId?.let { repository.updateHousehold(it, input) } ?: repository.registerHousehold(input)
            }, ::fail) { h ->
                val list = if (f.households.any { it.id == h.id }) f.households.map { if (it.id == h.id) h else it } else f.households + h
            set(RegistrationUiState.Saved(f.copy(households = list, householdId = h.id), h.id, h.headName))
            }
            RegKind.PREGNANCY -> call({
                val input =
                    PregnancyInput(
                        householdId = f.householdId.orEmpty(), motherName = text(RegField.MOTHER_NAME),
                        motherNik = opt(RegField.NIK), motherBirthDate = date(f, RegField.BIRTH_DATE),
                        kiaNumber = text(RegField.KIA_NUMBER), posyanduId = f.posyanduId,
                        kek = RegFlag.KEK in f.flags, risti = RegFlag.RISTI in f.flags,
                        expectedDelivery = date(f, RegField.HPL), insurance = RegFlag.INSURANCE in f.flags,
                    )
                f.editId?.let { repository.updatePregnancy(it, input) } ?: repository.registerPregnancy(input)
            }, ::fail) { r -> set(RegistrationUiState.Saved(f, r.targetId, text(RegField.MOTHER_NAME))) }
            RegKind.CHILD -> call({
                val input =
                    ChildInput(
                        householdId = f.householdId.orEmpty(), name = text(RegField.CHILD_NAME), nik = opt(RegField.NIK),
                        sex = f.sex ?: Sex.FEMALE, birthDate = date(f, RegField.BIRTH_DATE) ?: LocalDate.MIN,
                        birthDateApproximate = RegFlag.BIRTH_DATE_APPROX in f.flags, kiaNumber = opt(RegField.KIA_NUMBER),
                        motherName = opt(RegField.MOTHER_NAME), posyanduId = f.posyanduId,
                        birthCertificate = RegFlag.BIRTH_CERTIFICATE in f.flags, insurance = RegFlag.INSURANCE in f.flags,
                    )
                f.editId?.let { repository.updateChild(it, input) } ?: repository.registerChild(input)
            }, ::fail) { r -> set(RegistrationUiState.Saved(f, r.targetId, text(RegField.CHILD_NAME))) }
        }
    }

    private fun fail(message: LocalText) {
        set(RegistrationUiState.Editing(current.form, message = message))
    }

    private fun update(clearError: String? = null, change: (RegistrationForm) -> RegistrationForm) {
        when (val s = current) {
            is RegistrationUiState.Editing -> set(s.copy(form = change(s.form), errors = s.errors - (clearError ?: ""), message = null))
            is RegistrationUiState.DuplicateWarning -> set(s.copy(form = change(s.form)))
            is RegistrationUiState.Saved -> set(s.copy(form = change(s.form)))
        }
    }

    companion object {
        private val required = LocalText("Wajib diisi", "Required")
        private val nikInvalid = LocalText("NIK harus 16 angka", "NIK must be 16 digits")

        /** A stored date as the cadre types it (dd-mm-yyyy, what [DecimalInput.parseDate] reads). */
        private fun typed(d: LocalDate?): String = d?.let { "%02d-%02d-%04d".format(it.dayOfMonth, it.monthValue, it.year) }.orEmpty()

        fun personName(f: RegistrationForm) = f.value(if (f.kind == RegKind.CHILD) RegField.CHILD_NAME else RegField.MOTHER_NAME).trim()

        private fun date(f: RegistrationForm, field: RegField): LocalDate? =
            (DecimalInput.parseDate(f.value(field)) as? Parsed.Ok)?.value

        /** Field-level checks done before asking the core (which validates again). Keys: RegField / RegChoice names. */
        fun validate(f: RegistrationForm): Map<String, LocalText> {
            val e = mutableMapOf<String, LocalText>()
            fun need(field: RegField) {
                if (f.value(field).isBlank()) e[field.name] = required
            }
            fun needChoice(choice: RegChoice, value: Any?) {
                if (value == null) e[choice.name] = required
            }
            when (f.kind) {
                RegKind.HOUSEHOLD -> {
                    need(RegField.HOUSEHOLD_NUMBER); need(RegField.HEAD_NAME); needChoice(RegChoice.HAMLET, f.hamletId)
                }
                RegKind.PREGNANCY -> {
                    need(RegField.MOTHER_NAME); need(RegField.KIA_NUMBER); needChoice(RegChoice.HOUSEHOLD, f.householdId)
                }
                RegKind.CHILD -> {
                    need(RegField.CHILD_NAME); need(RegField.BIRTH_DATE)
                    needChoice(RegChoice.HOUSEHOLD, f.householdId); needChoice(RegChoice.SEX, f.sex)
                }
            }
            val nik = f.value(RegField.NIK).trim()
            if (nik.isNotEmpty() && (nik.length != 16 || !nik.all { it.isDigit() })) e[RegField.NIK.name] = nikInvalid
            for (d in listOf(RegField.BIRTH_DATE, RegField.HPL)) {
                val p = DecimalInput.parseDate(f.value(d))
                if (p is Parsed.Invalid && d in f.fields) e[d.name] = p.message
            }
            return e
        }
    }
}
