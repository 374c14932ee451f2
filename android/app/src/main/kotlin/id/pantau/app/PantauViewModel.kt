/**
 * Keeps the app's state holder across rotation; owns the coroutine scope. Across process death the back
 * stack comes back from the saved routes, and every answer is already in the store.
 */
package id.pantau.app

import androidx.lifecycle.ViewModel
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.viewModelScope
import id.pantau.logic.state.AppController
import id.pantau.logic.state.Navigator
import kotlinx.coroutines.Dispatchers
import java.io.File
import java.time.LocalDate

class PantauViewModel(app: PantauApplication, routes: List<String>?, inputs: Map<String, String>) : ViewModel() {
    val controller = AppController(
        repository = app.repository,
        preferences = app.preferences,
        today = { LocalDate.now() },
        outputDir = File(app.cacheDir, "exports"),
        scope = viewModelScope,
        io = Dispatchers.IO,
        navigator = Navigator.restore(routes),
        restoredInputs = inputs,
    )

    class Factory(
        private val app: PantauApplication,
        private val routes: List<String>?,
        private val inputs: Map<String, String>,
    ) : ViewModelProvider.Factory {
        @Suppress("UNCHECKED_CAST")
        override fun <T : ViewModel> create(modelClass: Class<T>): T = PantauViewModel(app, routes, inputs) as T
    }
}
