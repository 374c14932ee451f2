/**
 * First-run setup, home, target lists, search and settings. Each screen draws its presenter's state and
 * forwards taps; navigation goes through the callbacks the root passes in.
 */
package id.pantau.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import id.pantau.logic.format.Formats
import id.pantau.logic.model.Lang
import id.pantau.logic.model.TargetKind
import id.pantau.logic.repository.TargetRow
import id.pantau.logic.state.*
import id.pantau.logic.text.S

@Composable
fun SetupScreen(p: SetupPresenter, onDone: () -> Unit) {
    val state by p.state.collectAsState()
    ScreenFrame(t(S.SETUP_TITLE), onBack = null) {
        when (val s = state) {
            is SetupUiState.Done -> {
                Message(t(S.REGISTERED), PantauColors.yes)
                BigButton(t(S.NEXT), onDone, Modifier.testTag("setup:next"))
            }
            is SetupUiState.Editing -> {
                Text(t(S.SETUP_INTRO), style = MaterialTheme.typography.bodyLarge)
                val fields = listOf(
                    SetupField.VILLAGE_NAME to S.VILLAGE_NAME, SetupField.VILLAGE_CODE to S.VILLAGE_CODE,
                    SetupField.KECAMATAN to S.KECAMATAN, SetupField.KABUPATEN to S.KABUPATEN, SetupField.PROVINSI to S.PROVINSI,
                    SetupField.HAMLETS to S.HAMLETS, SetupField.POSYANDU to S.POSYANDU, SetupField.CADRE_NAME to S.CADRE_NAME,
                )
                for ((f, label) in fields) {
                    val hint = when (f) { SetupField.HAMLETS -> t(S.HAMLETS_HINT); SetupField.POSYANDU -> t(S.POSYANDU_HINT); else -> null }
                    Field(t(label) + if (f in p.required) " *" else "", s.value(f), { p.edit(f, it) },
                        error = if (f in s.missing) t(S.REQUIRED) else null, hint = hint, tag = "setup:${f.name}")
                }
                s.error?.let { Message(t(it)) }
                BigButton(t(S.SETUP_START), p::submit, Modifier.testTag("setup:start"), enabled = !s.saving)
            }
        }
    }
}

@Composable
fun HomeScreen(p: HomePresenter, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    val lang = LocalLang.current
    when (val s = state) {
        UiState.Loading -> ScreenFrame(t(S.APP_NAME), null) { Text(t(S.LOADING)) }
        is UiState.Failed -> ScreenFrame(t(S.APP_NAME), null) { Message(t(s.message)); BigButton(t(S.RETRY), p::refresh) }
        is UiState.Ready -> {
            val h = s.value
            ScreenFrame("${t(S.APP_NAME)} · ${h.villageName}", null) {
                Text("${h.cadreName} · ${Formats.month(h.month, lang)}", style = MaterialTheme.typography.bodyLarge, color = PantauColors.muted)
                Card {
                    Text(t(S.HOME_CONVERGENCE), style = MaterialTheme.typography.titleMedium)
                    Text(Formats.percent(h.convergence, lang), style = MaterialTheme.typography.headlineSmall, color = PantauColors.primary,
                        modifier = Modifier.testTag("home:convergence"))
                    Text("${Formats.fraction(h.convergence)} · ${Formats.quarter(h.quarter, lang)}", style = MaterialTheme.typography.bodyMedium)
                }
                Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(10.dp)) {
                    BigButton(t(S.MENU_SEARCH), { open(Screen.Search) }, Modifier.weight(1f).testTag("menu:search"))
                    BigButton(t(S.MENU_REGISTER), { open(Screen.Register(RegKind.HOUSEHOLD)) }, Modifier.weight(1f).testTag("menu:register"))
                }
                SectionTitle(LocalTexts.current.format(S.HOME_ALERTS, h.alerts.size))
                if (h.alerts.isEmpty()) Text(t(S.HOME_ALERTS_NONE))
                for (a in h.alerts) {
                    ListRow(a.name, "${a.hamlet} · ${t(a.reason)}", { open(Screen.Card(a.childId)) }, "alert:${a.childId}") {
                        Badge(a.status.code, PantauColors.no)
                    }
                }
                SectionTitle(LocalTexts.current.format(S.HOME_TWO_T, h.twoT.size))
                if (h.twoT.isEmpty()) Text(t(S.HOME_TWO_T_NONE))
                for (a in h.twoT) {
                    ListRow(a.name, "${a.hamlet} · ${t(a.reason)}", { open(Screen.Card(a.childId)) }, "twoT:${a.childId}") {
                        Badge("2T", PantauColors.no)
                    }
                }
                SectionTitle(LocalTexts.current.format(S.HOME_DUE, h.due.size))
                Text("${LocalTexts.current.format(S.HOME_DONE, h.doneThisMonth)} · ${LocalTexts.current.format(S.HOME_DRAFTS, h.drafts)}",
                    style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted)
                if (h.due.isEmpty()) Text(t(S.HOME_DUE_NONE))
                for (r in h.due) TargetRowView(r) { open(Screen.VisitForm(r.targetId, h.month)) }
                SectionTitle(t(S.MENU_SETTINGS))
                BigButton(t(S.MENU_TARGETS), { open(Screen.Targets(null)) }, Modifier.testTag("menu:targets"))
                BigButton(t(S.MENU_SCORECARD), { open(Screen.ScorecardScreen(h.quarter)) }, Modifier.testTag("menu:scorecard"))
                BigButton(t(S.MENU_EXPORT), { open(Screen.Export) }, Modifier.testTag("menu:export"))
                BigButton(t(S.MENU_SETTINGS), { open(Screen.Settings) }, Modifier.testTag("menu:settings"), color = PantauColors.muted)
            }
        }
    }
}

@Composable
fun kindLabel(kind: TargetKind): String = t(when (kind) {
    TargetKind.PREGNANCY -> S.KIND_PREGNANCY
    TargetKind.CHILD -> S.KIND_CHILD
    TargetKind.PAUD -> S.KIND_PAUD
})

@Composable
fun TargetRowView(r: TargetRow, onClick: () -> Unit) {
    ListRow(r.name, "${kindLabel(r.kind)} · ${t(r.detail)} · ${r.hamlet}", onClick, "target:${r.targetId}") {
        r.alert?.let { Badge(it.code, PantauColors.no); Text(" ") }
        MarkBadge(r.mark)
    }
}

@Composable
fun TargetsScreen(p: TargetListPresenter, onBack: () -> Unit, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    val lang = LocalLang.current
    val title = (state as? TargetsUiState.Ready)?.month?.let { LocalTexts.current.format(S.TARGETS_TITLE, Formats.month(it, lang)) } ?: t(S.MENU_TARGETS)
    ScreenFrame(title, onBack) {
        val f = state.filter
        ChoiceGrid(listOf(null to t(S.ALL), TargetKind.PREGNANCY.name to t(S.KIND_PREGNANCY), TargetKind.CHILD.name to t(S.KIND_CHILD),
            TargetKind.PAUD.name to t(S.KIND_PAUD)), f.kind?.name, 2, { p.setKind(it?.let(TargetKind::valueOf)) }, "kind")
        when (val s = state) {
            is TargetsUiState.Loading -> Text(t(S.LOADING))
            is TargetsUiState.Failed -> Message(t(s.message))
            is TargetsUiState.Ready -> {
                ChoiceGrid(listOf(null to t(S.ALL_HAMLETS)) + s.hamlets.map { it.id to it.name }, f.hamletId, 2, p::setHamlet, "hamlet")
                if (s.rows.isEmpty()) Text(t(S.TARGETS_EMPTY))
                for (r in s.rows) TargetRowView(r) { open(Screen.Card(r.targetId)) }
            }
        }
    }
}

@Composable
fun SearchScreen(p: SearchPresenter, onBack: () -> Unit, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    ScreenFrame(t(S.SEARCH_TITLE), onBack) {
        Field(t(S.SEARCH_HINT), state.query, p::onQuery, tag = "search:query")
        val hits = when (val s = state) {
            is SearchUiState.Idle -> { Text(t(S.SEARCH_TYPE_MORE), color = PantauColors.muted); emptyList() }
            is SearchUiState.Searching -> s.previous
            is SearchUiState.Results -> { if (s.hits.isEmpty()) Text(t(S.SEARCH_NONE)); s.hits }
            is SearchUiState.Failed -> { Message(t(s.message)); emptyList() }
        }
        for (h in hits) ListRow(h.name, "${t(h.detail)} · ${h.hamlet}", { open(Screen.Card(h.targetId)) }, "hit:${h.targetId}")
    }
}

@Composable
fun SettingsScreen(p: SettingsPresenter, onBack: () -> Unit) {
    val lang by p.language.collectAsState()
    ScreenFrame(t(S.SETTINGS_TITLE), onBack) {
        SectionTitle(t(S.LANGUAGE))
        ToggleButton(t(S.LANG_ID), lang == Lang.ID, { p.setLanguage(Lang.ID) }, Modifier.fillMaxWidth().testTag("lang:id"))
        ToggleButton(t(S.LANG_EN), lang == Lang.EN, { p.setLanguage(Lang.EN) }, Modifier.fillMaxWidth().testTag("lang:en"))
        Text(t(S.ABOUT_OFFLINE), style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.Normal, modifier = Modifier.padding(top = 16.dp))
    }
}
