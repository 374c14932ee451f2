/**
 * The app's one state holder: the repository, the back stack, the language, and a presenter per screen
 * on the stack (created on first use, dropped when the screen is popped). The Android ViewModel owns one;
 * the JVM renderer and UI tests build one over the fake repository.
 */
package id.pantau.logic.state

import id.pantau.logic.model.Lang
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.TargetFilter
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.launch
import java.io.File
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

class AppController(
    val repository: PantauRepository,
    preferences: Preferences,
    val today: () -> LocalDate,
    private val outputDir: File,
    private val scope: CoroutineScope,
    private val io: CoroutineContext,
    val navigator: Navigator = Navigator(),
    /** Typed-but-unsaved input per route, from the saved state after process death ([savedInputs]). */
    restoredInputs: Map<String, String> = emptyMap(),
) {
    private val restored = restoredInputs.toMutableMap()

    /** What to put in the saved state beside the routes: each open screen's unsaved input, by route. */
    fun savedInputs(): Map<String, String> {
        val open = navigator.routes().toSet()
        // Restored input of a screen not drawn since (deeper in the stack) is kept for the next time.
        return restored.filterKeys { it in open } +
            presenters.mapNotNull { (route, p) -> (p as? KeepsInput)?.savedInput()?.let { route to it } }
    }

    /** The store words its texts (error reasons, category labels) in the app's language, set here and on every change. */
    val settings = SettingsPresenter(preferences) { lang -> applyLanguage(lang) }
    val language: StateFlow<Lang> get() = settings.language
    private val presenters = mutableMapOf<String, Any>()

    init {
        applyLanguage(preferences.language)
        if (navigator.current == Screen.Starting) start()
    }

    private fun applyLanguage(lang: Lang) {
        scope.launch(io) { repository.setLanguage(lang) }
    }

    /** Opens setup on first run, home afterwards. */
    private fun start() {
        val probe = object : Presenter<Unit>(Unit, scope, io) {
            fun run() = call({ repository.village() }, { navigator.replaceAll(Screen.Home) }) {
                navigator.replaceAll(if (it == null) Screen.Setup else Screen.Home)
            }
        }
        probe.run()
    }

    fun open(screen: Screen) = navigator.push(screen)

    fun back(): Boolean {
        val top = navigator.current
        val popped = navigator.back()
        if (popped && top !in navigator.stack.value) presenters.remove(top.route)
        refreshCurrent()
        return popped
    }

    /** After setup or registration: start again from home. */
    fun home() {
        presenters.clear()
        navigator.replaceAll(Screen.Home)
    }

    /** Screens showing store data read it again when they come back on top. */
    private fun refreshCurrent() {
        when (val p = presenters[navigator.current.route]) {
            is HomePresenter -> p.refresh()
            is TargetListPresenter -> p.refresh()
            is CardPresenter -> p.refresh()
        }
    }

    /** The presenter of [screen], created once per stack entry. */
    fun presenter(screen: Screen): Any = presenters.getOrPut(screen.route) {
        val month = YearMonth.of(today())
        when (screen) {
            Screen.Starting, Screen.Settings -> settings
            Screen.Setup -> SetupPresenter(repository, scope, io)
            Screen.Home -> HomePresenter(repository, today, scope, io)
            is Screen.Targets -> TargetListPresenter(repository, month, TargetFilter(kind = screen.kind), scope, io)
            Screen.Search -> SearchPresenter(repository, scope, io)
            is Screen.Register -> RegistrationPresenter(repository, screen.kind, screen.householdId, scope, io)
            is Screen.Edit -> RegistrationPresenter(repository, screen.kind, null, scope, io, editId = screen.id)
            is Screen.VisitForm -> VisitFormPresenter(repository, screen.targetId, screen.month, today, scope, io)
            is Screen.Measurement -> MeasurementPresenter(repository, screen.childId, today, scope, io, restored.remove(screen.route))
            is Screen.Card -> CardPresenter(repository, screen.targetId, today, scope, io)
            is Screen.ScorecardScreen -> ScorecardPresenter(repository, screen.quarter, scope, io)
            Screen.Export -> ExportPresenter(repository, outputDir, today, scope, io)
        }
    }
}
