/**
 * Measurement entry with the verdict at once, the growth chart (the child's points over the WHO
 * reference lines, drawn on a Canvas) and the child/mother card a midwife opens at the posyandu.
 */
package id.pantau.ui

import androidx.compose.foundation.Canvas
import androidx.compose.foundation.background
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.height
import androidx.compose.foundation.layout.padding
import androidx.compose.foundation.shape.RoundedCornerShape
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Modifier
import androidx.compose.ui.geometry.Offset
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.graphics.Path
import androidx.compose.ui.graphics.PathEffect
import androidx.compose.ui.graphics.drawscope.Stroke
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.drawText
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.rememberTextMeasurer
import androidx.compose.ui.unit.sp
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import id.pantau.logic.format.Formats
import id.pantau.logic.model.Position
import id.pantau.logic.model.TargetKind
import id.pantau.logic.repository.GrowthChart
import id.pantau.logic.repository.GrowthVerdict
import id.pantau.logic.repository.TargetCard
import id.pantau.logic.repository.ZScore
import id.pantau.logic.state.*
import id.pantau.logic.text.S

@Composable
fun MeasurementScreen(p: MeasurementPresenter, onBack: () -> Unit) {
    val state by p.state.collectAsState()
    ScreenFrame(state.chart?.name ?: t(S.MEASURE_TITLE), onBack) {
        when (val s = state) {
            is MeasurementUiState.Editing -> {
                Text(t(S.MEASURE_TITLE), style = MaterialTheme.typography.titleMedium)
                Field(t(S.WEIGHT), s.entry.weightText, { p.edit(MeasureField.WEIGHT, it) }, s.errors[MeasureField.WEIGHT]?.let { t(it) },
                    "12,5", KeyboardType.Decimal, "measure:weight")
                Field(t(S.LENGTH), s.entry.lengthText, { p.edit(MeasureField.LENGTH, it) }, s.errors[MeasureField.LENGTH]?.let { t(it) },
                    "74,5", KeyboardType.Decimal, "measure:length")
                Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                    ToggleButton(t(S.POSITION_LYING), s.entry.position == Position.LYING, { p.setPosition(Position.LYING) }, Modifier.weight(1f))
                    ToggleButton(t(S.POSITION_STANDING), s.entry.position == Position.STANDING, { p.setPosition(Position.STANDING) }, Modifier.weight(1f))
                }
                CheckRow(t(S.OEDEMA), s.entry.oedema) { p.setOedema(!s.entry.oedema) }
                Field(t(S.VISIT_DATE), s.entry.dateText, { p.edit(MeasureField.DATE, it) }, s.errors[MeasureField.DATE]?.let { t(it) },
                    t(S.DATE_HINT), KeyboardType.Number, "measure:date")
                s.message?.let { Message(t(it)) }
                BigButton(t(S.MEASURE_SAVE), p::submit, Modifier.testTag("measure:save"), enabled = !s.saving)
            }
            is MeasurementUiState.Assessed -> {
                VerdictView(s.verdict)
                BigButton(t(S.MEASURE), p::again, color = PantauColors.muted)
            }
        }
        state.chart?.let { GrowthChartView(it) }
    }
}

@Composable
private fun zLine(label: String, z: ZScore?) {
    if (z == null) return
    val lang = LocalLang.current
    val color = if (z.value < -2) PantauColors.no else PantauColors.ink
    KeyValue(label, "${Formats.zScore(z.value, lang)} SD · ${t(z.category)}" + if (z.flagged) " (${t(S.FLAGGED)})" else "", color)
}

@Composable
fun VerdictView(v: GrowthVerdict) {
    val lang = LocalLang.current
    Card(Modifier.testTag("verdict")) {
        Text(t(S.VERDICT) + " · " + Formats.date(v.date, lang), style = MaterialTheme.typography.titleMedium)
        if (v.stuntingAlert) {
            Text(t(S.STUNTING_ALERT), color = Color.White, fontWeight = FontWeight.Bold, style = MaterialTheme.typography.titleMedium,
                modifier = Modifier.fillMaxWidth().background(PantauColors.no, RoundedCornerShape(6.dp)).padding(8.dp).testTag("verdict:stunting"))
        }
        v.weightKg?.let { KeyValue(t(S.WEIGHT), Formats.decimal(it, 1, lang)) }
        v.lengthCm?.let { KeyValue(t(S.LENGTH), Formats.decimal(it, 1, lang)) }
        zLine(t(S.WFA), v.weightForAge)
        zLine(t(S.LFA), v.lengthForAge)
        zLine(t(S.WFL), v.weightForLength)
        v.status?.let { KeyValue(t(S.STATUS), it.code, if (it == id.pantau.logic.model.NutritionStatus.NORMAL) PantauColors.yes else PantauColors.no) }
        v.weightGain?.let { KeyValue(t(S.WEIGHT_GAIN), it.code) }
        for (m in v.messages) Text(t(m), color = PantauColors.no, fontWeight = FontWeight.SemiBold)
    }
}

/** Length-for-age: WHO lines at -3/-2/0/+2/+3 SD and the child's points joined in order. */
@Composable
fun GrowthChartView(chart: GrowthChart) {
    SectionTitle(t(S.CHART_TITLE))
    val all = chart.curves.flatMap { it.points } + chart.points
    if (all.isEmpty()) return
    val minX = 0.0
    val maxX = all.maxOf { it.ageMonths }.coerceAtLeast(1.0)
    val minY = all.minOf { it.value } - 2
    val maxY = all.maxOf { it.value } + 2
    val measurer = rememberTextMeasurer()
    val labelStyle = TextStyle(fontSize = 11.sp, color = PantauColors.muted)
    Canvas(Modifier.fillMaxWidth().height(260.dp).background(Color.White).testTag("chart")) {
        fun x(v: Double) = ((v - minX) / (maxX - minX) * size.width).toFloat()
        fun y(v: Double) = (size.height - (v - minY) / (maxY - minY) * size.height).toFloat()
        // grid every 6 months and every 10 units
        var gx = 0.0
        while (gx <= maxX) { drawLine(Color(0xFFDDDDDD), Offset(x(gx), 0f), Offset(x(gx), size.height), 1f); gx += 6 }
        var gy = (minY / 10).toInt() * 10.0
        while (gy <= maxY) {
            if (gy >= minY) {
                drawLine(Color(0xFFDDDDDD), Offset(0f, y(gy)), Offset(size.width, y(gy)), 1f)
                drawText(measurer, gy.toInt().toString(), Offset(2f, y(gy) - 16.sp.toPx()), labelStyle)
            }
            gy += 10
        }
        for (c in chart.curves) {
            val color = when (kotlin.math.abs(c.sd)) { 0 -> PantauColors.yes; 2 -> Color(0xFFE08E00); else -> PantauColors.no }
            val path = Path()
            c.points.forEachIndexed { i, pt -> if (i == 0) path.moveTo(x(pt.ageMonths), y(pt.value)) else path.lineTo(x(pt.ageMonths), y(pt.value)) }
            drawPath(path, color, style = Stroke(width = if (c.sd == 0) 4f else 3f,
                pathEffect = if (kotlin.math.abs(c.sd) == 3) PathEffect.dashPathEffect(floatArrayOf(12f, 8f)) else null))
        }
        val pts = chart.points.map { Offset(x(it.ageMonths), y(it.value)) }
        for (i in 1 until pts.size) drawLine(PantauColors.ink, pts[i - 1], pts[i], 4f)
        for (p in pts) { drawCircle(Color.White, 10f, p); drawCircle(PantauColors.ink, 7f, p) }
    }
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.SpaceBetween) {
        Text("0", style = MaterialTheme.typography.bodyMedium)
        Text("${t(S.CHART_AGE)} · ${t(S.CHART_LENGTH)}", style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted)
        Text(maxX.toInt().toString(), style = MaterialTheme.typography.bodyMedium)
    }
    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Badge("0 SD", PantauColors.yes); Badge("±2 SD", Color(0xFFB06F00)); Badge("±3 SD", PantauColors.no)
    }
}

@Composable
fun CardScreen(p: CardPresenter, onBack: () -> Unit, open: (Screen) -> Unit, today: id.pantau.logic.model.YearMonth) {
    val state by p.state.collectAsState()
    when (val s = state) {
        UiState.Loading -> ScreenFrame(t(S.CARD_TITLE), onBack) { Text(t(S.LOADING)) }
        is UiState.Failed -> ScreenFrame(t(S.CARD_TITLE), onBack) { Message(t(s.message)) }
        is UiState.Ready -> CardBody(s.value, onBack, open, today)
    }
}

@Composable
private fun CardBody(c: TargetCard, onBack: () -> Unit, open: (Screen) -> Unit, month: id.pantau.logic.model.YearMonth) {
    val lang = LocalLang.current
    ScreenFrame(c.name, onBack) {
        Text("${kindLabel(c.kind)} · ${c.hamlet}" + (c.posyandu?.let { " · Posyandu $it" } ?: ""), style = MaterialTheme.typography.bodyLarge, color = PantauColors.muted)
        Card { for (l in c.lines) KeyValue(t(l.label), l.value) }
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
            BigButton(t(S.OPEN_FORM), { open(Screen.VisitForm(c.targetId, month)) }, Modifier.weight(1f).testTag("card:form"))
            if (c.kind == TargetKind.CHILD) BigButton(t(S.MEASURE), { open(Screen.Measurement(c.targetId)) }, Modifier.weight(1f).testTag("card:measure"))
        }
        // A PAUD child (2C) is the same child register as 2B.
        val editKind = if (c.kind == TargetKind.PREGNANCY) RegKind.PREGNANCY else RegKind.CHILD
        BigButton(t(S.EDIT), { open(Screen.Edit(editKind, c.targetId)) }, Modifier.testTag("card:edit"), color = PantauColors.muted)
        KeyValue(t(S.CARD_NEXT), t(c.nextDue))
        c.lastVerdict?.let { SectionTitle(t(S.CARD_GROWTH)); VerdictView(it) }
        SectionTitle(LocalTexts.current.format(S.CARD_QUARTER, Formats.quarter(c.quarter, lang)))
        if (c.missing.isNotEmpty()) {
            Text(t(S.CARD_MISSING), style = MaterialTheme.typography.titleMedium, color = PantauColors.no)
            for (m in c.missing) ServiceRow(m.indicatorId, t(m.label), t(m.detail), PantauColors.no)
        }
        if (c.received.isNotEmpty()) {
            Text(t(S.CARD_RECEIVED), style = MaterialTheme.typography.titleMedium, color = PantauColors.yes)
            for (m in c.received) ServiceRow(m.indicatorId, t(m.label), t(m.detail), PantauColors.yes)
        }
    }
}

@Composable
private fun ServiceRow(indicator: String?, label: String, detail: String, color: Color) {
    Row(Modifier.fillMaxWidth().padding(vertical = 2.dp), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
        Badge(indicator ?: "•", color)
        androidx.compose.foundation.layout.Column(Modifier.weight(1f)) {
            Text(label, style = MaterialTheme.typography.bodyLarge, fontWeight = FontWeight.SemiBold)
            Text(detail, style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted)
        }
    }
}
