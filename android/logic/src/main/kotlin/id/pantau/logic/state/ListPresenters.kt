/**
 * Target lists with a status mark each, and search that answers while typing: every keystroke
 * cancels the previous query's job (the real store interrupts the older SQLite query as well).
 */
package id.pantau.logic.state

import id.pantau.logic.model.LocalText
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.Hamlet
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.SearchHit
import id.pantau.logic.repository.TargetFilter
import id.pantau.logic.repository.TargetRow
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlin.coroutines.CoroutineContext

sealed interface TargetsUiState {
    val filter: TargetFilter

    data class Loading(override val filter: TargetFilter) : TargetsUiState
    data class Ready(
        override val filter: TargetFilter,
        val month: YearMonth,
        val hamlets: List<Hamlet>,
        val rows: List<TargetRow>,
    ) : TargetsUiState
    data class Failed(override val filter: TargetFilter, val message: LocalText) : TargetsUiState
}

class TargetListPresenter(
    private val repository: PantauRepository,
    private val month: YearMonth,
    initial: TargetFilter,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<TargetsUiState>(TargetsUiState.Loading(initial), scope, io) {
    private var job: Job? = null

    init {
        load(initial)
    }

    fun setKind(kind: TargetKind?) = load(current.filter.copy(kind = kind))
    fun setHamlet(hamletId: String?) = load(current.filter.copy(hamletId = hamletId))
    fun refresh() = load(current.filter)

    private fun load(filter: TargetFilter) {
        job?.cancel()
        val previous = current
        set(if (previous is TargetsUiState.Ready) previous.copy(filter = filter) else TargetsUiState.Loading(filter))
        job = call({
            val hamlets = repository.village()?.hamlets.orEmpty()
            hamlets to repository.targets(filter, month)
        }, { set(TargetsUiState.Failed(filter, it)) }) { (hamlets, rows) ->
            set(TargetsUiState.Ready(filter, month, hamlets, rows))
        }
    }
}

sealed interface SearchUiState {
    val query: String

    /** Fewer than [SearchPresenter.MIN_CHARS] characters typed. */
    data class Idle(override val query: String) : SearchUiState
    data class Searching(override val query: String, val previous: List<SearchHit>) : SearchUiState
    data class Results(override val query: String, val hits: List<SearchHit>) : SearchUiState
    data class Failed(override val query: String, val message: LocalText) : SearchUiState
}

class SearchPresenter(
    private val repository: PantauRepository,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<SearchUiState>(SearchUiState.Idle(""), scope, io) {
    private var job: Job? = null

    fun onQuery(text: String) {
        job?.cancel()
        val q = text.trim()
        if (q.length < MIN_CHARS) {
            set(SearchUiState.Idle(text))
            return
        }
        val previous = (current as? SearchUiState.Results)?.hits.orEmpty()
        set(SearchUiState.Searching(text, previous))
        job = call({ repository.search(q, LIMIT) }, { set(SearchUiState.Failed(text, it)) }) {
            if (current.query == text) set(SearchUiState.Results(text, it))
        }
    }

    companion object {
        const val MIN_CHARS = 2
        const val LIMIT = 30
    }
}
