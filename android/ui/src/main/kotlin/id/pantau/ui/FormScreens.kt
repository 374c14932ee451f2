/**
 * Registration (with the duplicate warning) and the monthly visit form: one screen, only the questions
 * that apply, big Ya/Tidak controls; every tap is saved by the presenter at once.
 */
package id.pantau.ui

import androidx.compose.foundation.BorderStroke
import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.Row
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.heightIn
import androidx.compose.foundation.layout.width
import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.OutlinedButton
import androidx.compose.material3.Text
import androidx.compose.runtime.Composable
import androidx.compose.runtime.collectAsState
import androidx.compose.runtime.getValue
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.platform.testTag
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.text.input.KeyboardType
import androidx.compose.ui.unit.dp
import id.pantau.logic.format.Formats
import id.pantau.logic.model.Sex
import id.pantau.logic.repository.Answer
import id.pantau.logic.repository.DuplicateReason
import id.pantau.logic.repository.Question
import id.pantau.logic.repository.QuestionKind
import id.pantau.logic.state.*
import id.pantau.logic.text.S

private fun fieldLabel(f: RegField) = when (f) {
    RegField.HOUSEHOLD_NUMBER -> S.HOUSEHOLD_NUMBER
    RegField.HEAD_NAME -> S.HEAD_NAME
    RegField.ADDRESS -> S.ADDRESS
    RegField.MOTHER_NAME -> S.MOTHER_NAME
    RegField.CHILD_NAME -> S.CHILD_NAME
    RegField.NIK -> S.NIK
    RegField.BIRTH_DATE -> S.BIRTH_DATE
    RegField.KIA_NUMBER -> S.KIA_NUMBER
    RegField.HPL -> S.HPL
}

private fun flagLabel(f: RegFlag) = when (f) {
    RegFlag.SAFE_WATER -> S.SAFE_WATER
    RegFlag.LATRINE -> S.LATRINE
    RegFlag.VULNERABLE -> S.VULNERABLE
    RegFlag.KEK -> S.KEK
    RegFlag.RISTI -> S.RISTI
    RegFlag.INSURANCE -> S.INSURANCE
    RegFlag.BIRTH_CERTIFICATE -> S.BIRTH_CERTIFICATE
    RegFlag.BIRTH_DATE_APPROX -> S.BIRTH_DATE_APPROX
}

@Composable
fun RegisterScreen(p: RegistrationPresenter, onBack: () -> Unit, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    val form = state.form
    val editing = form.editId != null
    ScreenFrame(t(if (editing) S.EDIT_TITLE else S.REGISTER_TITLE), onBack) {
        // Editing keeps the kind of record; a new registration may switch between the three.
        if (!editing) Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            for ((k, label) in listOf(RegKind.HOUSEHOLD to S.REGISTER_HOUSEHOLD, RegKind.PREGNANCY to S.REGISTER_PREGNANCY, RegKind.CHILD to S.REGISTER_CHILD)) {
                ToggleButton(t(label), form.kind == k, { p.start(k, form.householdId) }, Modifier.weight(if (k == RegKind.PREGNANCY) 1.3f else 1f).testTag("reg:${k.name}"))
            }
        }
        when (val s = state) {
            is RegistrationUiState.Saved -> {
                Message("${t(if (editing) S.EDIT_SAVED else S.REGISTERED)}: ${s.name}", PantauColors.yes)
                if (editing) {
                    // Back to the card, which reads the stored record again.
                } else if (form.kind == RegKind.HOUSEHOLD) {
                    BigButton(t(S.REGISTER_PREGNANCY), { p.start(RegKind.PREGNANCY, s.id) }, Modifier.testTag("reg:then:pregnancy"))
                    BigButton(t(S.REGISTER_CHILD), { p.start(RegKind.CHILD, s.id) }, Modifier.testTag("reg:then:child"))
                } else {
                    BigButton(t(S.CARD_TITLE), { open(Screen.Card(s.id)) })
                }
                BigButton(t(S.DONE), onBack, color = PantauColors.muted)
            }
            is RegistrationUiState.DuplicateWarning -> {
                Card {
                    Text(t(S.DUPLICATE_TITLE), style = MaterialTheme.typography.titleLarge, color = PantauColors.warn)
                    Text(t(S.DUPLICATE_BODY), style = MaterialTheme.typography.bodyLarge)
                    for (d in s.duplicates) {
                        val why = when (d.reason) {
                            DuplicateReason.NIK -> S.DUPLICATE_SAME_NIK
                            DuplicateReason.KIA_NUMBER -> S.DUPLICATE_SAME_KIA
                            DuplicateReason.NAME_AND_BIRTH_DATE -> S.DUPLICATE_SAME_NAME_BIRTH
                        }
                        ListRow(d.name, "${t(why)} · ${d.hamlet}", { open(Screen.Card(d.targetId)) }, "dup:${d.targetId}")
                    }
                }
                BigButton(t(S.BACK), p::cancelDuplicate, Modifier.testTag("dup:back"))
                BigButton(t(S.REGISTER_ANYWAY), p::registerAnyway, Modifier.testTag("dup:anyway"), color = PantauColors.warn)
            }
            is RegistrationUiState.Editing -> {
                for (c in form.choices) ChoiceBlock(p, form, c, s.errors[c.name]?.let { t(it) })
                for (f in form.fields) {
                    val dateField = f == RegField.BIRTH_DATE || f == RegField.HPL
                    Field(t(fieldLabel(f)), form.value(f), { p.edit(f, it) }, error = s.errors[f.name]?.let { t(it) },
                        hint = if (dateField) t(S.DATE_HINT) else null,
                        keyboard = if (f == RegField.NIK || dateField) KeyboardType.Number else KeyboardType.Text, tag = "reg:${f.name}")
                }
                for (flag in form.flagList) CheckRow(t(flagLabel(flag)), flag in form.flags) { p.toggle(flag) }
                s.message?.let { Message(t(it)) }
                BigButton(t(S.SAVE), p::submit, Modifier.testTag("reg:save"), enabled = !s.saving)
                val hh = form.householdId
                if (editing && form.kind != RegKind.HOUSEHOLD && hh != null) {
                    BigButton(t(S.EDIT_HOUSEHOLD), { open(Screen.Edit(RegKind.HOUSEHOLD, hh)) }, Modifier.testTag("edit:household"), color = PantauColors.muted)
                }
            }
        }
    }
}

@Composable
private fun ChoiceBlock(p: RegistrationPresenter, form: RegistrationForm, c: RegChoice, error: String?) {
    val (label, options, selected) = when (c) {
        RegChoice.HOUSEHOLD -> Triple(S.HOUSEHOLD, form.households.map { it.id to "${it.number} ${it.headName}" }, form.householdId)
        RegChoice.HAMLET -> Triple(S.HAMLET, form.hamlets.map { it.id to it.name }, form.hamletId)
        RegChoice.POSYANDU -> Triple(S.POSYANDU, form.posyandu.map { it.id to it.name }, form.posyanduId)
        RegChoice.SEX -> Triple(S.SEX, listOf(Sex.MALE.name to t(S.MALE), Sex.FEMALE.name to t(S.FEMALE)), form.sex?.name)
    }
    Text(t(label), style = MaterialTheme.typography.titleMedium)
    // Up to three per row; households can be many: a search field narrows them, the chosen one stays first.
    val shown = if (c == RegChoice.HOUSEHOLD) {
        Field(t(S.HOUSEHOLD_SEARCH), form.householdQuery, p::searchHousehold, tag = "reg:household:search")
        form.matchingHouseholds().map { it.id to "${it.number} ${it.headName}" }.also {
            if (it.isEmpty() && form.households.isNotEmpty()) Text(t(S.HOUSEHOLD_NONE), style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted)
        }
    } else options.take(6)
    for (row in shown.chunked(if (c == RegChoice.HOUSEHOLD) 2 else 3)) {
        Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(6.dp)) {
            for ((id, text) in row) ToggleButton(text, id == selected, { p.choose(c, id) }, Modifier.weight(1f).testTag("choose:${c.name}:$id"))
        }
    }
    if (error != null) Message(error)
}

@Composable
fun VisitFormScreen(p: VisitFormPresenter, onBack: () -> Unit, open: (Screen) -> Unit) {
    val state by p.state.collectAsState()
    val lang = LocalLang.current
    val texts = LocalTexts.current
    when (val s = state) {
        VisitFormUiState.Loading -> ScreenFrame(t(S.LOADING), onBack) {}
        is VisitFormUiState.Failed -> ScreenFrame(t(S.ERROR_TITLE), onBack) { Message(t(s.message)) }
        is VisitFormUiState.Finished -> ScreenFrame(s.form.targetName, onBack) {
            Message(t(S.VISIT_FINISHED), PantauColors.yes)
            for (w in s.warnings) Message(t(w.message), PantauColors.warn)
            BigButton(t(S.CARD_TITLE), { open(Screen.Card(s.form.targetId)) })
            BigButton(t(S.FORM_FINAL), p::reopen, color = PantauColors.muted)
            BigButton(t(S.DONE), onBack, Modifier.testTag("visit:done"))
        }
        is VisitFormUiState.Editing -> ScreenFrame(s.form.targetName, onBack) {
            Text(texts.format(S.VISIT_TITLE, Formats.month(s.form.month, lang)), style = MaterialTheme.typography.titleMedium)
            Text(t(S.VISIT_SAVED_AS_DRAFT), style = MaterialTheme.typography.bodyMedium, color = PantauColors.muted)
            s.issues.firstOrNull { it.fieldId == null }?.let { Message(t(it.message)) }
            for (q in s.form.questions) QuestionView(q, s.answer(q.fieldId), s.issueFor(q.fieldId)?.let { t(it.message) }) { p.answer(q.fieldId, it) }
            Field(t(S.VISIT_DATE), s.visitDateText, p::editVisitDate, hint = t(S.DATE_HINT), keyboard = KeyboardType.Number,
                error = s.issueFor(VisitFormPresenter.VISIT_DATE)?.let { t(it.message) }, tag = "visit:date")
            if (s.unanswered > 0) Text(texts.format(S.VISIT_UNANSWERED, s.unanswered), color = PantauColors.warn, fontWeight = FontWeight.SemiBold)
            BigButton(t(S.VISIT_FINISH), p::finish, Modifier.testTag("visit:finish"), color = PantauColors.yes)
        }
    }
}

@Composable
private fun QuestionView(q: Question, answer: Answer?, error: String?, onAnswer: (Answer?) -> Unit) {
    Column(Modifier.fillMaxWidth(), verticalArrangement = Arrangement.spacedBy(6.dp)) {
        Row(verticalAlignment = Alignment.CenterVertically) {
            q.indicatorId?.let { Badge(it, PantauColors.primary); Text(" ") }
            Text(t(q.label), style = MaterialTheme.typography.titleMedium)
        }
        when (val k = q.kind) {
            QuestionKind.YesNo -> {
                YesNo((answer as? Answer.YesNo)?.value, { onAnswer(Answer.YesNo(it)) }, "q:${q.fieldId}")
                val pre = q.prefill as? Answer.YesNo
                if (answer == null && pre != null) Text(LocalTexts.current.format(S.PREFILLED, t(if (pre.value) S.YES else S.NO)), color = PantauColors.muted)
            }
            is QuestionKind.Count -> {
                val v = (answer as? Answer.Count)?.value
                Row(verticalAlignment = Alignment.CenterVertically, horizontalArrangement = Arrangement.spacedBy(12.dp)) {
                    OutlinedButton({ onAnswer(Answer.Count(((v ?: k.min) - 1).coerceIn(k.min, k.max))) }, border = BorderStroke(2.dp, PantauColors.muted), modifier = Modifier.heightIn(min = MinTouch).width(72.dp).testTag("q:${q.fieldId}:minus")) {
                        Text("−", style = MaterialTheme.typography.headlineSmall)
                    }
                    Text(v?.toString() ?: "–", style = MaterialTheme.typography.headlineSmall, modifier = Modifier.testTag("q:${q.fieldId}:value"))
                    OutlinedButton({ onAnswer(Answer.Count(((v ?: (k.min - 1)) + 1).coerceIn(k.min, k.max))) }, border = BorderStroke(2.dp, PantauColors.muted), modifier = Modifier.heightIn(min = MinTouch).width(72.dp).testTag("q:${q.fieldId}:plus")) {
                        Text("+", style = MaterialTheme.typography.headlineSmall)
                    }
                }
            }
            is QuestionKind.Choice -> {
                val code = (answer as? Answer.Choice)?.code
                for (row in k.options.chunked(2)) {
                    Row(Modifier.fillMaxWidth(), horizontalArrangement = Arrangement.spacedBy(8.dp)) {
                        for (o in row) ToggleButton(t(o.label), o.code == code, { onAnswer(Answer.Choice(o.code)) }, Modifier.weight(1f).testTag("q:${q.fieldId}:${o.code}"))
                        if (row.size == 1) Column(Modifier.weight(1f)) {}
                    }
                }
            }
        }
        if (error != null) Message(error)
    }
}
