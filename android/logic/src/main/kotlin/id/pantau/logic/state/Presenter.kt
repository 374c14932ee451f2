/**
 * Base of the screen state holders (architecture.md "Where state lives", after nowinandroid): a plain
 * class exposing a `StateFlow` of a sealed UiState, calling the repository on an IO context and catching
 * its typed errors. The Android ViewModel only owns the scope; tests pass `Dispatchers.Unconfined`.
 */
package id.pantau.logic.state

import id.pantau.logic.model.LocalText
import id.pantau.logic.repository.PantauException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import kotlin.coroutines.CoroutineContext

/** The load state of a screen that shows one record. */
sealed interface UiState<out T> {
    data object Loading : UiState<Nothing>
    data class Ready<T>(val value: T) : UiState<T>
    data class Failed(val message: LocalText) : UiState<Nothing>
}

abstract class Presenter<S>(initial: S, protected val scope: CoroutineScope, protected val io: CoroutineContext) {
    private val mutable = MutableStateFlow(initial)
    val state: StateFlow<S> = mutable.asStateFlow()

    protected val current: S get() = mutable.value

    protected fun set(value: S) {
        mutable.value = value
    }

    /** Runs [call] on the IO context; its result or its typed error comes back on the scope's thread. */
    protected fun <T> call(call: () -> T, onError: (LocalText) -> Unit, onResult: (T) -> Unit): Job =
        scope.launch {
            val result = try {
                Result.success(withContext(io) { call() })
            } catch (e: PantauException) {
                Result.failure(e)
            }
            result.fold(onResult) { onError((it as PantauException).text) }
        }
}
