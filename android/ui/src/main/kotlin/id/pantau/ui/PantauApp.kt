/**
 * The root composable: picks the screen on top of the back stack and hands it its presenter. Used by
 * the Activity, the JVM screen renderer and the UI tests alike.
 */
package id.pantau.ui

import androidx.compose.runtime.Composable
import androidx.compose.runtime.LaunchedEffect
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.ExportResult
import id.pantau.logic.state.*

@Composable
fun PantauApp(
    app: AppController,
    onShare: (ExportResult) -> Unit = {},
    onSaveFile: (ExportResult) -> Unit = {},
    onExit: () -> Unit = {},
) {
    val stack by app.navigator.stack.collectAsState()
    val lang by app.language.collectAsState()
    val screen = stack.last()
    val back = { if (!app.back()) onExit() }
    val open = { s: Screen -> app.open(s) }
    PantauTheme(lang) {
        when (screen) {
            Screen.Starting -> ScreenFrame(t(id.pantau.logic.text.S.APP_NAME), null) {}
            Screen.Setup -> SetupScreen(app.presenter(screen) as SetupPresenter, onDone = app::home)
            Screen.Home -> HomeScreen(app.presenter(screen) as HomePresenter, open)
            is Screen.Targets -> TargetsScreen(app.presenter(screen) as TargetListPresenter, back, open)
            Screen.Search -> SearchScreen(app.presenter(screen) as SearchPresenter, back, open)
            is Screen.Register -> RegisterScreen(app.presenter(screen) as RegistrationPresenter, back, open)
            is Screen.Edit -> RegisterScreen(app.presenter(screen) as RegistrationPresenter, back, open)
            is Screen.VisitForm -> VisitFormScreen(app.presenter(screen) as VisitFormPresenter, back, open)
            is Screen.Measurement -> MeasurementScreen(app.presenter(screen) as MeasurementPresenter, back)
            is Screen.Card -> CardScreen(app.presenter(screen) as CardPresenter, back, open, YearMonth.of(app.today()))
            is Screen.ScorecardScreen -> ScorecardScreen(app.presenter(screen) as ScorecardPresenter, back, open)
            Screen.Export -> {
                val p = app.presenter(screen) as ExportPresenter
                val st by p.state.collectAsState()
                val idle = st as? ExportUiState.Idle
                LaunchedEffect(idle?.shareRequest, idle?.saveRequest) {
                    idle?.shareRequest?.let { onShare(it); p.shareShown() }
                    idle?.saveRequest?.let { onSaveFile(it); p.saveShown() }
                }
                ExportScreen(p, back)
            }
            Screen.Settings -> SettingsScreen(app.settings, back)
        }
    }
}
