/**
 * The quarterly scorecard (Forms 3A/3B and Format 4: per-indicator coverage, village convergence,
 * PD-1 separately, hamlet breakdown, the reason behind every T and the gap list) and the export /
 * check data / backup screen.
 */
package id.pantau.ui

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
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
import id.pantau.logic.model.Severity
import id.pantau.logic.state.*
import id.pantau.logic.text.S

@Composable
fun ScorecardScreen(p: ScorecardPresenter, onBack: () -> Unit, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    val lang = LocalLang.current
    val texts = LocalTexts.current
    ScreenFrame(t(S.SCORECARD_TITLE), onBack) {
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            ToggleButton("‹ " + t(S.PREVIOUS), false, p::previous, Modifier.weight(1f).testTag("sc:prev"))
            ToggleButton(t(S.FOLLOWING) + " ›", false, p::next, Modifier.weight(1f).testTag("sc:next"))
        }
        Text(Formats.quarter(state.quarter, lang), style = MaterialTheme.typography.titleLarge, modifier = Modifier.testTag("sc:quarter"))
        when (val s = state) {
            is ScorecardUiState.Loading -> Text(t(S.LOADING))
            is ScorecardUiState.Failed -> Message(t(s.message))
            is ScorecardUiState.Ready -> {
                val sc = s.scorecard
                Card {
                    Text(t(S.VILLAGE_CONVERGENCE), style = MaterialTheme.typography.titleMedium)
                    Text(Formats.percent(sc.village, lang), style = MaterialTheme.typography.headlineSmall, color = PantauColors.primary, modifier = Modifier.testTag("sc:village"))
                    KeyValue(Formats.fraction(sc.village), sc.ruleset)
                    KeyValue(t(S.PAUD_PD1), "${Formats.percent(sc.paud, lang)} (${Formats.fraction(sc.paud)})")
                }
                for (g in sc.groups) {
                    SectionTitle("${t(g.title)}: ${Formats.percent(g.total, lang)}")
                    Text(texts.format(S.TARGET_COUNT, g.rows.size), color = PantauColors.muted)
                    for (i in g.indicators) {
                        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                            Badge(i.indicatorId, PantauColors.primary)
                            Text(t(i.label), style = MaterialTheme.typography.bodyMedium, modifier = Modifier.weight(1f))
                            Text("${Formats.fraction(i.ratio)}  ${Formats.percent(i.ratio, lang)}", fontWeight = FontWeight.SemiBold)
                        }
                    }
                }
                SectionTitle(t(S.BY_HAMLET))
                for (h in sc.hamlets) {
                    KeyValue(h.hamlet, "${Formats.fraction(h.total)}  ${Formats.percent(h.total, lang)}")
                }
                ChoiceGrid(listOf(null to t(S.ALL_HAMLETS)) + sc.hamlets.map { it.hamlet to it.hamlet }, s.hamlet, 2, p::selectHamlet, "sc:hamlet")
                // Forms 3A / 3B: one row per target with its Y / T / TS per indicator.
                for (g in sc.groups) {
                    SectionTitle(t(g.title))
                    for (r in g.rows.filter { s.hamlet == null || it.hamlet == s.hamlet }) {
                        Column(Modifier.fillMaxWidth().testTag("row:${r.targetId}"), verticalArrangement = Arrangement.spacedBy(4.dp)) {
                            KeyValue("${r.name} · ${r.hamlet}", "${Formats.fraction(r.ratio)}  ${Formats.percent(r.ratio, lang)}")
                            for (chunk in r.outcomes.chunked(4)) {
                                Row(horizontalArrangement = Arrangement.spacedBy(6.dp)) {
                                    for (o in chunk) OutcomeBadge(o.outcome, o.indicatorId)
                                }
                            }
                        }
                    }
                }
                SectionTitle(texts.format(S.GAPS, s.gaps.size))
                if (s.gaps.isEmpty()) Text(t(S.GAPS_NONE))
                for (gap in s.gaps) {
                    Column(Modifier.fillMaxWidth().testTag("gap")) {
                        ListRow("${gap.name} · ${gap.indicatorId}", "${gap.hamlet} · ${t(gap.label)}", { open(Screen.Card(gap.targetId)) }, "gap:${gap.targetId}:${gap.indicatorId}") {
                            OutcomeBadge(id.pantau.logic.model.Outcome.NO)
                        }
                        Text("${t(S.REASON)}: ${t(gap.reason)}", style = MaterialTheme.typography.bodyMedium, color = PantauColors.no)
                    }
                }
            }
        }
    }
}

@Composable
fun ExportScreen(p: ExportPresenter, onBack: () -> Unit) {
    val state by p.state.collectAsState()
    val texts = LocalTexts.current
    val busy = state is ExportUiState.Busy
    ScreenFrame(t(S.EXPORT_TITLE), onBack) {
        BigButton(t(S.EXPORT_SHARE), p::share, Modifier.testTag("export:share"), enabled = !busy)
        BigButton(t(S.EXPORT_FILE), p::saveToFile, Modifier.testTag("export:file"), enabled = !busy)
        state.exported?.let { Message(texts.format(S.EXPORTED, it.targets, it.records), PantauColors.yes) }
        BigButton(t(S.BACKUP), p::backup, Modifier.testTag("export:backup"), enabled = !busy, color = PantauColors.muted)
        state.backup?.let { Message(texts.format(S.BACKED_UP, "${it.bytes / 1024 + 1} KB"), PantauColors.yes) }
        (state as? ExportUiState.Idle)?.error?.let { Message(t(it)) }
        SectionTitle(t(S.CHECK_DATA))
        BigButton(t(S.CHECK_DATA), p::checkData, Modifier.testTag("export:check"), enabled = !busy, color = PantauColors.muted)
        state.check?.let { c ->
            Card {
                KeyValue(t(S.COUNT_HOUSEHOLDS), c.counts.households.toString())
                KeyValue(t(S.COUNT_PREGNANCIES), c.counts.pregnancies.toString())
                KeyValue(t(S.COUNT_CHILDREN), c.counts.children.toString())
                KeyValue(t(S.COUNT_FORMS), c.counts.forms.toString())
                KeyValue(t(S.COUNT_DRAFTS), c.counts.drafts.toString())
            }
            if (c.issues.isEmpty()) Message(t(S.CHECK_OK), PantauColors.yes)
            for (i in c.issues) Message("• " + t(i.message), if (i.severity == Severity.ERROR) PantauColors.no else PantauColors.warn)
        }
    }
}
