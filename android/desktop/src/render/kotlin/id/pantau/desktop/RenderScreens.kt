/**
 * Renders every screen of the app on the JVM with Compose for Desktop (the same composables as the APK)
 * at a 5-inch phone size, 720x1280 px at density 2 (360x640 dp), in Bahasa Indonesia and English, into
 * PNG files. Long screens are also rendered whole ("-full"). Data: the demo village on the in-memory fake
 * (to be switched to the real library once the bindings exist). Run by scripts/render-screens.sh.
 */
package id.pantau.desktop

import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.unit.Density
import id.pantau.logic.fake.DemoVillage
import id.pantau.logic.fake.FakePantauRepository
import id.pantau.logic.model.Lang
import id.pantau.logic.model.YearMonth
import id.pantau.logic.state.*
import id.pantau.ui.PantauApp
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import org.jetbrains.skia.EncodedImageFormat
import java.io.File
import java.nio.file.Files

private fun render(app: AppController, file: File, heightPx: Int = 1280) {
    val scene = ImageComposeScene(720, heightPx, Density(2f)) { PantauApp(app) }
    try {
        scene.render(0L)
        val image = scene.render(1_000_000_000L) // a second frame, after effects ran
        val png = image.encodeToData(EncodedImageFormat.PNG) ?: error("PNG encoding failed for ${file.name}")
        file.writeBytes(png.bytes)
    } finally {
        scene.close()
    }
}

/** A controller over a freshly seeded demo village, in [lang]. */
fun demoApp(lang: Lang, seed: Boolean = true): Pair<AppController, DemoVillage.Ids?> {
    val repo = FakePantauRepository()
    val ids = if (seed) DemoVillage.seed(repo) else null
    val tmp = Files.createTempDirectory("pantau-render").toFile()
    val app = AppController(repo, InMemoryPreferences(lang), { DemoVillage.TODAY }, tmp, CoroutineScope(Dispatchers.Unconfined), Dispatchers.Unconfined)
    return app to ids
}

fun main(args: Array<String>) {
    val out = File(args.firstOrNull() ?: "android/screenshots").apply { mkdirs() }
    val month = YearMonth.of(DemoVillage.TODAY)
    var count = 0
    for (lang in Lang.entries) {
        val dir = File(out, lang.code).apply { mkdirs() }
        fun shot(name: String, full: Boolean = false, fullHeight: Int = 2800, prepare: (AppController, DemoVillage.Ids) -> Screen) {
            val (app, ids) = demoApp(lang)
            val screen = prepare(app, ids!!)
            if (screen != Screen.Home) app.open(screen)
            render(app, File(dir, "$name.png")); count++
            if (full) { render(app, File(dir, "$name-full.png"), fullHeight); count++ }
        }

        // First run: the setup form, partly typed.
        run {
            val (app, _) = demoApp(lang, seed = false)
            val p = app.presenter(Screen.Setup) as SetupPresenter
            p.edit(SetupField.VILLAGE_NAME, "Sukamaju")
            p.edit(SetupField.KECAMATAN, "Ngadirejo")
            p.edit(SetupField.HAMLETS, "Krajan, Sumbersari, Ngasem")
            render(app, File(dir, "00-setup.png")); count++
        }
        shot("01-home", full = true) { _, _ -> Screen.Home }
        shot("02-targets") { _, _ -> Screen.Targets(null) }
        shot("03-search") { app, _ -> Screen.Search.also { (app.presenter(it) as SearchPresenter).onQuery("Pu") } }
        shot("04-register-child") { app, _ ->
            Screen.Register(RegKind.CHILD).also {
                val p = app.presenter(it) as RegistrationPresenter
                p.choose(RegChoice.HOUSEHOLD, p.state.value.form.households[1].id)
                p.edit(RegField.CHILD_NAME, "Putri Ayu")
                p.edit(RegField.BIRTH_DATE, "02-03-2026")
                p.choose(RegChoice.SEX, "FEMALE")
            }
        }
        shot("05-register-duplicate") { app, _ ->
            Screen.Register(RegKind.CHILD).also {
                val p = app.presenter(it) as RegistrationPresenter
                p.choose(RegChoice.HOUSEHOLD, p.state.value.form.households[1].id)
                p.edit(RegField.CHILD_NAME, "Putri Ayu")
                p.edit(RegField.BIRTH_DATE, "02-03-2026")
                p.choose(RegChoice.SEX, "FEMALE")
                p.submit()
            }
        }
        shot("06-visit-form-child", full = true) { _, ids -> Screen.VisitForm(ids.stunted, month) }
        shot("07-visit-form-pregnancy", full = true) { _, ids -> Screen.VisitForm(ids.pregnancies[1], month) }
        shot("08-measurement-verdict", full = true) { app, ids ->
            Screen.Measurement(ids.stunted).also {
                val p = app.presenter(it) as MeasurementPresenter
                p.edit(MeasureField.WEIGHT, "9,4")
                p.edit(MeasureField.LENGTH, "75,2")
                p.submit()
            }
        }
        shot("09-measurement-entry") { app, ids ->
            Screen.Measurement(ids.children[4]).also { (app.presenter(it) as MeasurementPresenter).edit(MeasureField.WEIGHT, "10,2") }
        }
        shot("10-card-child", full = true) { _, ids -> Screen.Card(ids.stunted) }
        shot("11-card-mother", full = true) { _, ids -> Screen.Card(ids.pregnancies[0]) }
        shot("12-scorecard", full = true, fullHeight = 7200) { _, _ -> Screen.ScorecardScreen(month.quarter()) }
        shot("13-export-check") { _, _ -> Screen.Export }
        shot("14-settings") { _, _ -> Screen.Settings }
    }
    println("rendered $count screens into ${out.path}")
}
