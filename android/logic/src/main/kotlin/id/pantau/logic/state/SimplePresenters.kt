/**
 * State holders of the read-only screens: home, target card, quarterly scorecard, settings.
 */
package id.pantau.logic.state

import id.pantau.logic.model.Lang
import id.pantau.logic.model.Quarter
import id.pantau.logic.repository.HomeSummary
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.Scorecard
import id.pantau.logic.repository.TargetCard
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

class HomePresenter(
    private val repository: PantauRepository,
    private val today: () -> LocalDate,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<UiState<HomeSummary>>(UiState.Loading, scope, io) {
    init {
        refresh()
    }

    fun refresh() {
        call({ repository.homeSummary(today()) }, { set(UiState.Failed(it)) }) { set(UiState.Ready(it)) }
    }
}

class CardPresenter(
    private val repository: PantauRepository,
    val targetId: String,
    private val today: () -> LocalDate,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<UiState<TargetCard>>(UiState.Loading, scope, io) {
    init {
        refresh()
    }

    fun refresh() {
        call({ repository.targetCard(targetId, today()) }, { set(UiState.Failed(it)) }) { set(UiState.Ready(it)) }
    }
}

/** The scorecard of a quarter, optionally narrowed to one hamlet's rows and gaps. */
sealed interface ScorecardUiState {
    val quarter: Quarter

    data class Loading(override val quarter: Quarter) : ScorecardUiState
    data class Ready(override val quarter: Quarter, val scorecard: Scorecard, val hamlet: String?) : ScorecardUiState {
        val gaps get() = scorecard.gaps.filter { hamlet == null || it.hamlet == hamlet }
    }
    data class Failed(override val quarter: Quarter, val message: id.pantau.logic.model.LocalText) : ScorecardUiState
}

class ScorecardPresenter(
    private val repository: PantauRepository,
    quarter: Quarter,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<ScorecardUiState>(ScorecardUiState.Loading(quarter), scope, io) {
    init {
        load(quarter)
    }

    fun previous() = load(current.quarter.prev())
    fun next() = load(current.quarter.next())

    fun selectHamlet(hamlet: String?) {
        val s = current
        if (s is ScorecardUiState.Ready) set(s.copy(hamlet = hamlet))
    }

    private fun load(q: Quarter) {
        set(ScorecardUiState.Loading(q))
        call({ repository.scorecard(q) }, { set(ScorecardUiState.Failed(q, it)) }) {
            set(ScorecardUiState.Ready(q, it, null))
        }
    }
}

/** Where the chosen language is kept (SharedPreferences on the phone). */
interface Preferences {
    var language: Lang
}

class InMemoryPreferences(override var language: Lang = Lang.ID) : Preferences

/** The language setting; [onChange] passes a choice on (to the store, whose error texts follow it). */
class SettingsPresenter(private val preferences: Preferences, private val onChange: (Lang) -> Unit = {}) {
    private val mutable = MutableStateFlow(preferences.language)
    val language: StateFlow<Lang> = mutable.asStateFlow()

    fun setLanguage(lang: Lang) {
        preferences.language = lang
        mutable.value = lang
        onChange(lang)
    }
}
