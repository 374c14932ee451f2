/**
 * Export of a bundle (shared through Android's share sheet or saved to a file), "check my data" and
 * backup (issue 8). The repository writes the files; the app shows the share sheet for
 * [ExportUiState.Idle.shareRequest] (the document picker for `saveRequest`) and then calls
 * [ExportPresenter.shareShown] ([ExportPresenter.saveShown]).
 */
package id.pantau.logic.state

import id.pantau.logic.model.LocalText
import id.pantau.logic.repository.BackupResult
import id.pantau.logic.repository.DataCheck
import id.pantau.logic.repository.ExportResult
import id.pantau.logic.repository.PantauRepository
import kotlinx.coroutines.CoroutineScope
import java.io.File
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

enum class ExportAction { SHARE, FILE, CHECK, BACKUP }

sealed interface ExportUiState {
    val check: DataCheck?
    val exported: ExportResult?
    val backup: BackupResult?

    data class Idle(
        override val check: DataCheck? = null,
        override val exported: ExportResult? = null,
        override val backup: BackupResult? = null,
        /** A bundle waiting to be handed to the share sheet. */
        val shareRequest: ExportResult? = null,
        /** A bundle waiting for the cadre to pick where to save it (Android's document picker). */
        val saveRequest: ExportResult? = null,
        val error: LocalText? = null,
    ) : ExportUiState

    data class Busy(
        val action: ExportAction,
        override val check: DataCheck?,
        override val exported: ExportResult?,
        override val backup: BackupResult?,
    ) : ExportUiState
}

class ExportPresenter(
    private val repository: PantauRepository,
    /** App-private folder for bundles and backups (shared through a FileProvider). */
    private val outputDir: File,
    private val today: () -> LocalDate,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<ExportUiState>(ExportUiState.Idle(), scope, io) {

    init {
        checkData()
    }

    fun share() = export(ExportAction.SHARE)
    fun saveToFile() = export(ExportAction.FILE)

    private fun export(action: ExportAction) {
        val s = idle() ?: return
        set(ExportUiState.Busy(action, s.check, s.exported, s.backup))
        val path = File(outputDir, "pantau-${today()}.pantau").path
        call({ repository.exportBundle(path) }, { set(s.copy(error = it)) }) { r ->
            set(s.copy(exported = r, shareRequest = r.takeIf { action == ExportAction.SHARE },
                saveRequest = r.takeIf { action == ExportAction.FILE }, error = null))
        }
    }

    fun shareShown() {
        val s = idle() ?: return
        set(s.copy(shareRequest = null))
    }

    fun saveShown() {
        val s = idle() ?: return
        set(s.copy(saveRequest = null))
    }

    fun checkData() {
        val s = idle() ?: return
        set(ExportUiState.Busy(ExportAction.CHECK, s.check, s.exported, s.backup))
        call({ repository.checkData() }, { set(s.copy(error = it)) }) { set(s.copy(check = it, error = null)) }
    }

    fun backup() {
        val s = idle() ?: return
        set(ExportUiState.Busy(ExportAction.BACKUP, s.check, s.exported, s.backup))
        val path = File(outputDir, "pantau-backup-${today()}.db").path
        call({ repository.backup(path) }, { set(s.copy(error = it)) }) { set(s.copy(backup = it, error = null)) }
    }

    private fun idle(): ExportUiState.Idle? = current as? ExportUiState.Idle
}
