/**
 * Where the app opens the Rust store (database file in the app's private files dir) through the uniffi
 * bindings of issue 7. NOT WIRED YET: the generated bindings do not exist at the time of writing; the
 * lead replaces the body with the adapter over them, e.g.
 *   `UniffiPantauRepository(PantauStore.open(File(context.filesDir, "pantau.db").path))`.
 * Until then opening fails with a storage error that the first screen shows (never a crash).
 */
package id.pantau.app

import android.content.Context
import id.pantau.logic.model.LocalText
import id.pantau.logic.repository.PantauException
import id.pantau.logic.repository.PantauRepository
import java.io.File

internal object RepositoryFactory {
    fun databaseFile(context: Context): File = File(context.filesDir, "pantau.db")

    fun open(context: Context): PantauRepository {
        databaseFile(context).parentFile?.mkdirs()
        throw PantauException.Storage(
            LocalText("Pustaka Pantau belum terpasang di aplikasi ini.", "The Pantau library is not wired into this build."),
        )
    }
}
