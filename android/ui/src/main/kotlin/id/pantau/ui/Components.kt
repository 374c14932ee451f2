/**
 * Small building blocks shared by the screens: the screen frame with a back button, big Ya/Tidak
 * controls, toggle rows, status marks and outcome badges. They draw what they are given and report taps.
 */
package id.pantau.ui

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.background
import androidx.compose.foundation.border
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Box
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.ColumnScope
import androidx.compose.foundation.layout.PaddingValues
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.RowScope
import androidx.compose.foundation.layout.fillMaxSize
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.layout.width
import androidx.compose.foundation.rememberScrollState
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.foundation.text.KeyboardOptions
import androidx.compose.foundation.verticalScroll
import androidx.compose.material3.Button
import androidx.compose.material3.ButtonDefaults
import androidx.compose.material3.Checkbox
import androidx.compose.material3.HorizontalDivider
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.OutlinedTextField
import androidx.compose.material3.Surface
import androidx.compose.material3.Text
import androidx.compose.material3.TextButton
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.text.style.TextAlign
import androidx.compose.ui.text.style.TextOverflow
import androidx.compose.ui.unit.dp
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.Outcome
import id.pantau.logic.repository.VisitMark
import id.pantau.logic.text.S

@Composable
fun t(key: S): String = LocalTexts.current[key]

@Composable
fun t(text: LocalText): String = text.get(LocalLang.current)

/** A screen: a title bar with an optional back button, then scrolling content. */
@Composable
fun ScreenFrame(title: String, onBack: (() -> Unit)?, scroll: Boolean = true, content: @Composable ColumnScope.() -> Unit) {
    Surface(Modifier.fillMaxSize(), color = MaterialTheme.colorScheme.background) {
        Column(Modifier.fillMaxSize()) {
            Row(
                Modifier.fillMaxWidth().background(PantauColors.primary).heightIn(min = MinTouch).padding(horizontal = 4.dp),
                verticalAlignment = Alignment.CenterVertically,
            ) {
                if (onBack != null) {
                    TextButton(onClick = onBack, modifier = Modifier.heightIn(min = MinTouch).testTag("back")) {
                        Text("‹ " + t(S.BACK), color = Color.White, style = MaterialTheme.typography.labelLarge)
                    }
                } else {
                    Box(Modifier.width(12.dp))
                }
                Text(title, color = Color.White, style = MaterialTheme.typography.titleLarge, maxLines = 1,
                    overflow = TextOverflow.Ellipsis, modifier = Modifier.padding(end = 12.dp))
            }
            val body = Modifier.fillMaxWidth().weight(1f).padding(horizontal = 16.dp)
            Column(if (scroll) body.verticalScroll(rememberScrollState()) else body, verticalArrangement = Arrangement.spacedBy(10.dp)) {
                Box(Modifier.heightIn(min = 4.dp))
                content()
                Box(Modifier.heightIn(min = 24.dp))
            }
        }
    }
}

@Composable
fun SectionTitle(text: String) {
    Text(text, style = MaterialTheme.typography.titleMedium, modifier = Modifier.padding(top = 8.dp))
}

@Composable
fun BigButton(text: String, onClick: () -> Unit, modifier: Modifier = Modifier, enabled: Boolean = true, color: Color = PantauColors.primary) {
    Button(
        onClick = onClick, enabled = enabled, shape = RoundedCornerShape(10.dp),
        colors = ButtonDefaults.buttonColors(containerColor = color),
        modifier = modifier.fillMaxWidth().heightIn(min = MinTouch),
    ) { Text(text, style = MaterialTheme.typography.labelLarge) }
}

@Composable
fun ToggleButton(text: String, selected: Boolean, onClick: () -> Unit, modifier: Modifier = Modifier, color: Color = PantauColors.primary) {
    val padding = PaddingValues(horizontal = 8.dp, vertical = 6.dp)
    if (selected) {
        Button(onClick = onClick, shape = RoundedCornerShape(10.dp), colors = ButtonDefaults.buttonColors(containerColor = color),
            contentPadding = padding, modifier = modifier.heightIn(min = MinTouch)) {
            Text("✓ $text", style = MaterialTheme.typography.labelLarge, maxLines = 2, textAlign = TextAlign.Center)
        }
    } else {
        OutlinedButton(onClick = onClick, shape = RoundedCornerShape(10.dp), contentPadding = padding,
            border = BorderStroke(2.dp, PantauColors.muted), modifier = modifier.heightIn(min = MinTouch)) {
            Text(text, style = MaterialTheme.typography.labelLarge, color = PantauColors.ink, maxLines = 2, textAlign = TextAlign.Center)
        }
    }
}

/** One-of-many choice laid out [perRow] to a row; null selects "all" when [allLabel] is given. */
@Composable
fun ChoiceGrid(options: List<Pair<String?, String>>, selected: String?, perRow: Int, onChoose: (String?) -> Unit, tagPrefix: String) {
    for (row in options.chunked(perRow)) {
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            for ((id, label) in row) ToggleButton(label, id == selected, { onChoose(id) }, Modifier.weight(1f).testTag("$tagPrefix:${id ?: "all"}"))
            repeat(perRow - row.size) { Box(Modifier.weight(1f)) }
        }
    }
}

/** The big Ya / Tidak pair of the monthly form. */
@Composable
fun YesNo(value: Boolean?, onChange: (Boolean) -> Unit, tag: String) {
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(12.dp)) {
        ToggleButton(t(S.YES), value == true, { onChange(true) }, Modifier.weight(1f).testTag("$tag:yes"), PantauColors.yes)
        ToggleButton(t(S.NO), value == false, { onChange(false) }, Modifier.weight(1f).testTag("$tag:no"), PantauColors.no)
    }
}

@Composable
fun CheckRow(text: String, checked: Boolean, onToggle: () -> Unit) {
    Row(
        Modifier.fillMaxWidth().heightIn(min = MinTouch).border(1.dp, Color(0xFFBBBBBB), RoundedCornerShape(8.dp)),
        verticalAlignment = Alignment.CenterVertically,
    ) {
        Checkbox(checked = checked, onCheckedChange = { onToggle() })
        Text(text, style = MaterialTheme.typography.bodyLarge, modifier = Modifier.padding(end = 8.dp))
    }
}

@Composable
fun Field(label: String, value: String, onChange: (String) -> Unit, error: String? = null, hint: String? = null,
          keyboard: KeyboardType = KeyboardType.Text, tag: String = label) {
    Column {
        OutlinedTextField(
            value = value, onValueChange = onChange, label = { Text(label) }, singleLine = true, isError = error != null,
            placeholder = hint?.let { { Text(it, color = PantauColors.muted) } },
            keyboardOptions = KeyboardOptions(keyboardType = keyboard),
            textStyle = MaterialTheme.typography.bodyLarge,
            modifier = Modifier.fillMaxWidth().testTag(tag),
        )
        if (error != null) Text(error, color = PantauColors.no, style = MaterialTheme.typography.bodyMedium, fontWeight = FontWeight.SemiBold)
    }
}

@Composable
fun Message(text: String, color: Color = PantauColors.no) {
    Text(text, color = color, style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.SemiBold)
}

@Composable
fun Card(modifier: Modifier = Modifier, content: @Composable ColumnScope.() -> Unit) {
    Column(
        modifier.fillMaxWidth().background(PantauColors.surfaceAlt, RoundedCornerShape(10.dp)).padding(12.dp),
        verticalArrangement = Arrangement.spacedBy(6.dp), content = content,
    )
}

@Composable
fun Badge(text: String, color: Color) {
    Text(text, color = Color.White, style = MaterialTheme.typography.bodyMedium, fontWeight = FontWeight.Bold,
        modifier = Modifier.background(color, RoundedCornerShape(6.dp)).padding(horizontal = 8.dp, vertical = 2.dp))
}

@Composable
fun MarkBadge(mark: VisitMark) = when (mark) {
    VisitMark.DUE -> Badge(t(S.MARK_DUE), PantauColors.no)
    VisitMark.DRAFT -> Badge(t(S.MARK_DRAFT), PantauColors.draft)
    VisitMark.DONE -> Badge("✓ " + t(S.MARK_DONE), PantauColors.yes)
    VisitMark.NOT_DUE -> Badge(t(S.MARK_NOT_DUE), PantauColors.muted)
}

@Composable
fun OutcomeBadge(outcome: Outcome, indicatorId: String? = null) = Badge(
    (indicatorId?.let { "$it " } ?: "") + outcome.code,
    when (outcome) {
        Outcome.YES -> PantauColors.yes
        Outcome.NO -> PantauColors.no
        Outcome.NOT_APPLICABLE -> PantauColors.muted
    },
)

/** A tappable row: title, detail line, and a trailing mark. */
@Composable
fun ListRow(title: String, detail: String, onClick: () -> Unit, tag: String, trailing: @Composable RowScope.() -> Unit = {}) {
    TextButton(onClick = onClick, modifier = Modifier.fillMaxWidth().heightIn(min = MinTouch + 8.dp).testTag(tag), shape = RoundedCornerShape(6.dp)) {
        Row(Modifier.fillMaxWidth(), verticalAlignment = Alignment.CenterVertically) {
            Column(Modifier.weight(1f)) {
                Text(title, style = MaterialTheme.typography.titleMedium, color = PantauColors.ink, maxLines = 1, overflow = TextOverflow.Ellipsis)
                Text(detail, style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted, maxLines = 1, overflow = TextOverflow.Ellipsis)
            }
            trailing()
        }
    }
    HorizontalDivider()
}

@Composable
fun KeyValue(key: String, value: String, valueColor: Color = PantauColors.ink) {
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Text(key, style = MaterialTheme.typography.bodyLarge, color = PantauColors.muted)
        Text(value, style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.SemiBold, color = valueColor,
            textAlign = TextAlign.End, modifier = Modifier.weight(1f))
    }
}
