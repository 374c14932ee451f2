/**
 * The monthly visit form of one target (Formulir 2A/2B/2C row, domain.md 3.2-3.4), one screen with only
 * the questions that apply that month (decided by the core). Every answer is saved to the store the
 * moment it is given, as a draft (architecture.md "Drafts"; ODK Collect lost answers saved only on
 * lifecycle callbacks): dropping this object at any point loses nothing, a new one reads it all back.
 */
package id.pantau.logic.state

import id.pantau.logic.format.DecimalInput
import id.pantau.logic.format.Formats
import id.pantau.logic.format.Parsed
import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.LocalText
import id.pantau.logic.model.Severity
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.Answer
import id.pantau.logic.repository.FormIssue
import id.pantau.logic.repository.MonthlyForm
import id.pantau.logic.repository.PantauRepository
import kotlinx.coroutines.CoroutineScope
import java.time.LocalDate
import kotlin.coroutines.CoroutineContext

sealed interface VisitFormUiState {
    data object Loading : VisitFormUiState

    data class Editing(
        val form: MonthlyForm,
        val visitDateText: String,
        val issues: List<FormIssue> = emptyList(),
        /** Field ids whose save is under way (the control shows the new value at once). */
        val saving: Set<String> = emptySet(),
    ) : VisitFormUiState {
        val unanswered: Int get() = form.questions.count { it.fieldId !in form.answers }
        fun answer(fieldId: String): Answer? = form.answers[fieldId]
        fun issueFor(fieldId: String): FormIssue? = issues.firstOrNull { it.fieldId == fieldId }
    }

    data class Finished(val form: MonthlyForm, val warnings: List<FormIssue>) : VisitFormUiState

    data class Failed(val message: LocalText) : VisitFormUiState
}

class VisitFormPresenter(
    private val repository: PantauRepository,
    val targetId: String,
    val month: YearMonth,
    private val today: () -> LocalDate,
    scope: CoroutineScope,
    io: CoroutineContext,
) : Presenter<VisitFormUiState>(VisitFormUiState.Loading, scope, io) {

    init {
        call({ repository.monthlyForm(targetId, month) }, { set(VisitFormUiState.Failed(it)) }) { form ->
            val date = form.visitDate ?: today().takeIf { month.contains(it) } ?: LocalDate.of(month.year, month.month, 1)
            set(VisitFormUiState.Editing(form, Formats.dateShort(date)))
        }
    }

    /** Saves one answer now (null clears it); the form comes back, maybe with other questions applying. */
    fun answer(fieldId: String, answer: Answer?) {
        val s = current as? VisitFormUiState.Editing ?: return
        val optimistic = s.form.copy(answers = if (answer == null) s.form.answers - fieldId else s.form.answers + (fieldId to answer))
        set(s.copy(form = optimistic, saving = s.saving + fieldId, issues = s.issues.filter { it.fieldId != fieldId }))
        call({ repository.saveAnswer(targetId, month, fieldId, answer) }, { msg ->
            val now = current as? VisitFormUiState.Editing ?: return@call
            // Not saved: show the stored answer again, with the reason beside the question.
            set(now.copy(form = now.form.copy(answers = if (s.form.answers[fieldId] == null) now.form.answers - fieldId else now.form.answers + (fieldId to s.form.answers.getValue(fieldId))),
                saving = now.saving - fieldId, issues = now.issues + FormIssue(fieldId, Severity.ERROR, msg)))
        }) { form ->
            val now = current as? VisitFormUiState.Editing ?: return@call
            set(now.copy(form = form, saving = now.saving - fieldId))
        }
    }

    fun editVisitDate(text: String) {
        val s = current as? VisitFormUiState.Editing ?: return
        set(s.copy(visitDateText = text, issues = s.issues.filter { it.fieldId != VISIT_DATE }))
    }

    /** Checks the visit date lies in the form's month, then asks the core to finish the form. */
    fun finish() {
        val s = current as? VisitFormUiState.Editing ?: return
        val date = when (val p = DecimalInput.parseDate(s.visitDateText)) {
            is Parsed.Ok -> p.value
            is Parsed.Invalid -> return set(s.copy(issues = s.issues + FormIssue(VISIT_DATE, Severity.ERROR, p.message)))
            Parsed.Empty -> return set(s.copy(issues = s.issues + FormIssue(VISIT_DATE, Severity.ERROR, LocalText("Wajib diisi", "Required"))))
        }
        if (!month.contains(date)) {
            val m = LocalText(Formats.month(month, id.pantau.logic.model.Lang.ID), Formats.month(month, id.pantau.logic.model.Lang.EN))
            return set(s.copy(issues = s.issues + FormIssue(VISIT_DATE, Severity.ERROR,
                LocalText("Tanggal harus di bulan ${m.id}", "The date must be in ${m.en}"))))
        }
        call({ repository.finishForm(targetId, month, date) }, { set(s.copy(issues = listOf(FormIssue(null, Severity.ERROR, it)))) }) { r ->
            set(if (r.finished && r.form.status == FormStatus.FINAL) VisitFormUiState.Finished(r.form, r.issues)
            else VisitFormUiState.Editing(r.form, s.visitDateText, r.issues))
        }
    }

    /** Back from "finished" to change an answer (a final form stays editable; an edit replaces, A.10). */
    fun reopen() {
        val s = current as? VisitFormUiState.Finished ?: return
        set(VisitFormUiState.Editing(s.form, s.form.visitDate?.let(Formats::dateShort) ?: ""))
    }

    companion object {
        const val VISIT_DATE = "visit_date"
    }
}
