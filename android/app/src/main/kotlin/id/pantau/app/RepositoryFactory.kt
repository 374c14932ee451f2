/**
 * Where the app opens the Rust store: the database file in the app's private files dir, through the
 * uniffi bindings (issue 7) and their adapter [UniffiPantauRepository]. Called once, lazily, from the
 * first screen's IO call ([id.pantau.logic.repository.LazyRepository]); a failure to open arrives as a
 * [id.pantau.logic.repository.PantauException] that the screen shows (never a crash).
 */
package id.pantau.app

import android.content.Context
import id.pantau.logic.model.Lang
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.UniffiPantauRepository
import java.io.File
import java.util.UUID

internal object RepositoryFactory {
    fun databaseFile(context: Context): File = File(context.filesDir, "pantau.db")

    fun open(context: Context, lang: Lang): PantauRepository {
        val file = databaseFile(context)
        file.parentFile?.mkdirs()
        return UniffiPantauRepository.open(file.path, deviceId(context), lang)
    }

    /**
     * A random id for this installation, stamped by the core on every change (bundle merges). Not the
     * hardware or advertising id: nothing personal leaves the phone with a bundle.
     */
    private fun deviceId(context: Context): String {
        val prefs = context.getSharedPreferences("pantau", Context.MODE_PRIVATE)
        return prefs.getString(KEY_DEVICE, null) ?: UUID.randomUUID().toString().also {
            prefs.edit().putString(KEY_DEVICE, it).apply()
        }
    }

    private const val KEY_DEVICE = "device_id"
}
