/**
 * First-run village setup (issue 8): village, hamlets, posyandu, cadre name. Hamlets and posyandu are
 * typed as comma-separated lists, the fastest way on a phone keyboard.
 */
package id.pantau.logic.state

import id.pantau.logic.model.LocalText
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.PosyanduSetup
import id.pantau.logic.repository.Village
import id.pantau.logic.repository.VillageSetup
import id.pantau.logic.text.S
import kotlinx.coroutines.CoroutineScope
import kotlin.coroutines.CoroutineContext

enum class SetupField { VILLAGE_NAME, VILLAGE_CODE, KECAMATAN, KABUPATEN, PROVINSI, HAMLETS, POSYANDU, CADRE_NAME }

sealed interface SetupUiState {
    data class Editing(
        val values: Map<SetupField, String>,
        val missing: Set<SetupField>,
        val saving: Boolean,
        val error: LocalText?,
    ) : SetupUiState {
        fun value(f: SetupField) = values[f].orEmpty()
    }

    data class Done(val village: Village) : SetupUiState
}

class SetupPresenter(
    private val repository: PantauRepository,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<SetupUiState>(SetupUiState.Editing(emptyMap(), emptySet(), false, null), scope, io) {
    val required = setOf(SetupField.VILLAGE_NAME, SetupField.HAMLETS, SetupField.POSYANDU, SetupField.CADRE_NAME)

    /** The word shown under a missing required field. */
    val missingMessage = S.REQUIRED

    fun edit(field: SetupField, value: String) {
        val s = current as? SetupUiState.Editing ?: return
        set(s.copy(values = s.values + (field to value), missing = s.missing - field, error = null))
    }

    fun submit() {
        val s = current as? SetupUiState.Editing ?: return
        if (s.saving) return
        val missing = required.filter { s.value(it).isBlank() }.toSet()
        if (missing.isNotEmpty()) {
            set(s.copy(missing = missing))
            return
        }
        val setup = VillageSetup(
            name = s.value(SetupField.VILLAGE_NAME).trim(),
            code = s.value(SetupField.VILLAGE_CODE).trim(),
            kecamatan = s.value(SetupField.KECAMATAN).trim(),
            kabupaten = s.value(SetupField.KABUPATEN).trim(),
            provinsi = s.value(SetupField.PROVINSI).trim(),
            hamlets = splitList(s.value(SetupField.HAMLETS)),
            posyandu = splitList(s.value(SetupField.POSYANDU)).map { PosyanduSetup(it, null) },
            cadreName = s.value(SetupField.CADRE_NAME).trim(),
        )
        set(s.copy(saving = true))
        call({ repository.setUpVillage(setup) }, { set(s.copy(saving = false, error = it)) }) {
            set(SetupUiState.Done(it))
        }
    }

    companion object {
        /** "Krajan, Sumbersari,,Ngasem " -> [Krajan, Sumbersari, Ngasem], duplicates dropped. */
        fun splitList(text: String): List<String> =
            text.split(',', ';', '\n').map { it.trim() }.filter { it.isNotEmpty() }.distinctBy { it.lowercase() }
    }
}
