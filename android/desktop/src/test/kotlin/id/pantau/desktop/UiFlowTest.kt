package id.pantau.desktop

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithTag
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithTag
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import androidx.compose.ui.test.v2.runComposeUiTest
import id.pantau.logic.fake.DemoVillage
import id.pantau.logic.format.Formats
import id.pantau.logic.model.FormStatus
import id.pantau.logic.model.Lang
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.Answer
import id.pantau.logic.repository.QuestionKind
import id.pantau.logic.state.Screen
import id.pantau.ui.PantauApp
import org.junit.jupiter.api.Test
import kotlin.test.assertEquals
import kotlin.test.assertTrue

/** Drives the real composables on the JVM: tap, type, read what is shown (issue 8). */
@OptIn(ExperimentalTestApi::class)
class UiFlowTest {
    private val month = YearMonth.of(DemoVillage.TODAY)

    @Test
    fun firstRunSetupLeadsHome() = runComposeUiTest {
        val (app, _) = demoApp(Lang.ID, seed = false)
        setContent { PantauApp(app) }
        onNodeWithTag("setup:start").performScrollTo().performClick()
        assertEquals(4, onAllNodesWithText("Wajib diisi").fetchSemanticsNodes().size, "the four required fields are marked")
        onNodeWithTag("setup:VILLAGE_NAME").performTextInput("Sukamaju")
        onNodeWithTag("setup:HAMLETS").performTextInput("Krajan, Ngasem")
        onNodeWithTag("setup:POSYANDU").performTextInput("Melati")
        onNodeWithTag("setup:CADRE_NAME").performScrollTo().performTextInput("Sri Wahyuni")
        onNodeWithTag("setup:start").performScrollTo().performClick()
        onNodeWithTag("setup:next").performClick()
        onNodeWithText("Pantau · Sukamaju").assertIsDisplayed()
        assertEquals(listOf("Krajan", "Ngasem"), app.repository.village()?.hamlets?.map { it.name })
    }

    @Test
    fun homeListsTheChildrenWith2TAndOpensTheirCard() = runComposeUiTest {
        val (app, ids) = demoApp(Lang.EN)
        val rizky = ids!!.children[4]
        setContent { PantauApp(app) }
        onNodeWithText("Weight not gained twice in a row (2T): refer (1)").performScrollTo().assertIsDisplayed()
        onNodeWithTag("twoT:$rizky").performScrollTo().performClick()
        assertEquals(Screen.Card(rizky), app.navigator.current)
    }

    @Test
    fun visitFormSavesEveryTapAndFinishes() = runComposeUiTest {
        val (app, ids) = demoApp(Lang.ID)
        val child = ids!!.children[1]
        app.open(Screen.VisitForm(child, month))
        setContent { PantauApp(app) }
        // Answer until nothing is left, tapping the controls as a cadre would.
        while (true) {
            val form = app.repository.monthlyForm(child, month)
            val q = form.questions.firstOrNull { it.fieldId !in form.answers } ?: break
            val tag = when (val k = q.kind) {
                QuestionKind.YesNo -> "q:${q.fieldId}:yes"
                is QuestionKind.Count -> "q:${q.fieldId}:plus"
                is QuestionKind.Choice -> "q:${q.fieldId}:${k.options.first().code}"
            }
            onNodeWithTag(tag).performScrollTo().performClick()
            assertTrue(q.fieldId in app.repository.monthlyForm(child, month).answers, "saved on tap: ${q.fieldId}")
        }
        onNodeWithTag("q:home_visit:no").performScrollTo().performClick()
        assertEquals(Answer.YesNo(false), app.repository.monthlyForm(child, month).answers["home_visit"])
        onNodeWithTag("visit:finish").performScrollTo().performClick()
        onNodeWithText("Formulir selesai").assertIsDisplayed()
        assertEquals(FormStatus.FINAL, app.repository.monthlyForm(child, month).status)
    }

    @Test
    fun measurementShowsTheStuntingAlert() = runComposeUiTest {
        val (app, ids) = demoApp(Lang.EN)
        app.open(Screen.Measurement(ids!!.stunted))
        setContent { PantauApp(app) }
        onNodeWithTag("measure:weight").performTextInput("9,4")
        onNodeWithTag("measure:length").performTextInput("75.2")
        onNodeWithTag("measure:save").performScrollTo().performClick()
        onNodeWithTag("verdict:stunting").assertIsDisplayed()
        onNodeWithText("Alert: indicated stunting").assertIsDisplayed()
        onNodeWithTag("chart").assertExists()
    }

    @Test
    fun searchWhileTypingOpensTheCard() = runComposeUiTest {
        val (app, _) = demoApp(Lang.ID)
        setContent { PantauApp(app) }
        onNodeWithTag("menu:search").performClick()
        onNodeWithTag("search:query").performTextInput("P")
        onNodeWithText("Ketik paling sedikit 2 huruf.").assertIsDisplayed()
        onNodeWithTag("search:query").performTextInput("utri")
        onNodeWithText("Putri Ayu").assertIsDisplayed().performClick()
        onNodeWithText("Isi formulir bulan ini").assertIsDisplayed()
    }

    @Test
    fun languageSwitchesEverywhere() = runComposeUiTest {
        val (app, _) = demoApp(Lang.ID)
        setContent { PantauApp(app) }
        onNodeWithTag("menu:settings").performScrollTo().performClick()
        onNodeWithText("Pengaturan").assertIsDisplayed()
        onNodeWithTag("lang:en").performClick()
        onNodeWithText("Settings").assertIsDisplayed()
        onNodeWithTag("back").performClick()
        onNodeWithText("This quarter's convergence").assertIsDisplayed()
    }

    @Test
    fun scorecardShowsEveryReasonAndFiltersByHamlet() = runComposeUiTest {
        val (app, _) = demoApp(Lang.ID)
        val scorecard = app.repository.scorecard(month.quarter())
        app.open(Screen.ScorecardScreen(month.quarter()))
        setContent { PantauApp(app) }
        onNodeWithText(Formats.percent(scorecard.village, Lang.ID)).assertIsDisplayed()
        val all = onAllNodesWithTag("gap").fetchSemanticsNodes().size
        assertEquals(scorecard.gaps.size, all, "one entry per T")
        assertEquals(all, onAllNodesWithText("Alasan:", substring = true).fetchSemanticsNodes().size, "every T shows its reason")
        val hamlet = scorecard.gaps.first().hamlet
        onNodeWithTag("sc:hamlet:$hamlet").performScrollTo().performClick()
        assertEquals(scorecard.gaps.count { it.hamlet == hamlet }, onAllNodesWithTag("gap").fetchSemanticsNodes().size)
        assertTrue(onAllNodesWithTag("gap").fetchSemanticsNodes().size < all)
    }
}
