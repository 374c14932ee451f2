/**
 * The process-wide objects: the one repository (one long-lived store handle, architecture.md) and the
 * language preference. The store is opened lazily, on the first screen's IO call.
 */
package id.pantau.app

import android.app.Application
import android.content.Context
import id.pantau.logic.model.Lang
import id.pantau.logic.repository.LazyRepository
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.state.Preferences

class PantauApplication : Application() {
    lateinit var repository: PantauRepository
        private set
    lateinit var preferences: Preferences
        private set

    override fun onCreate() {
        super.onCreate()
        preferences = SharedPreferencesStore(this)
        repository = LazyRepository { RepositoryFactory.open(this, preferences.language) }
    }
}

/** The language choice, kept in SharedPreferences. */
class SharedPreferencesStore(context: Context) : Preferences {
    private val prefs = context.getSharedPreferences("pantau", Context.MODE_PRIVATE)

    override var language: Lang
        get() = Lang.fromCode(prefs.getString(KEY_LANG, null))
        set(value) {
            prefs.edit().putString(KEY_LANG, value.code).apply()
        }

    private companion object {
        const val KEY_LANG = "language"
    }
}
