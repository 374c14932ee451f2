/**
 * Renders every screen of the app on the JVM with Compose for Desktop (the same composables as the APK)
 * at a 5-inch phone size, 720x1280 px at density 2 (360x640 dp), in Bahasa Indonesia and English, into
 * PNG files. Long screens are also rendered whole ("-full"). Data: the demo village seeded through the
 * REAL Rust core (UniffiPantauRepository over the uniffi bindings) into a database file once, each shot
 * opening its own copy; the UI tests use the same seed on the in-memory fake ([demoApp]).
 * Run by scripts/render-screens.sh.
 */
package id.pantau.desktop

import androidx.compose.ui.ImageComposeScene
import androidx.compose.ui.unit.Density
import id.pantau.logic.fake.DemoVillage
import id.pantau.logic.fake.FakePantauRepository
import id.pantau.logic.model.Lang
import id.pantau.logic.model.YearMonth
import id.pantau.logic.repository.PantauRepository
import id.pantau.logic.repository.UniffiPantauRepository
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

/** A controller over a freshly seeded demo village on the in-memory fake, in [lang] (UI tests). */
fun demoApp(lang: Lang, seed: Boolean = true): Pair<AppController, DemoVillage.Ids?> {
    val repo = FakePantauRepository()
    val ids = if (seed) DemoVillage.seed(repo) else null
    return controller(repo, lang) to ids
}

private fun controller(repo: PantauRepository, lang: Lang): AppController {
    val tmp = Files.createTempDirectory("pantau-render").toFile()
    return AppController(repo, InMemoryPreferences(lang), { DemoVillage.TODAY }, tmp, CoroutineScope(Dispatchers.Unconfined), Dispatchers.Unconfined)
}

/** The demo village seeded once through the real core; every shot opens its own copy of the file. */
private class RealDemo {
    private val dir = Files.createTempDirectory("pantau-demo").toFile()
    private val template = File(dir, "demo.db")
    private var n = 0
    private val opened = mutableListOf<UniffiPantauRepository>()

    private fun open(file: File, lang: Lang) =
        UniffiPantauRepository.open(file.path, "demo-phone", lang) { DemoVillage.TODAY }.also { opened += it }

    val ids: DemoVillage.Ids = open(File(dir, "seed.db"), Lang.ID).let { repo ->
        DemoVillage.seed(repo).also { repo.backup(template.path) }
    }

    fun app(lang: Lang, seed: Boolean = true): AppController {
        val file = File(dir, "shot-${n++}.db")
        if (seed) template.copyTo(file)
        return controller(open(file, lang), lang)
    }

    fun close() {
        opened.forEach { it.close() }
        dir.deleteRecursively()
    }
}

fun main(args: Array<String>) {
    val out = File(args.firstOrNull() ?: "android/screenshots").apply { mkdirs() }
    val demo = RealDemo()
    val month = YearMonth.of(DemoVillage.TODAY)
    var count = 0
    for (lang in Lang.entries) {
        val dir = File(out, lang.code).apply { mkdirs() }
        fun shot(name: String, full: Boolean = false, fullHeight: Int = 2800, prepare: (AppController, DemoVillage.Ids) -> Screen) {
            val app = demo.app(lang)
            val screen = prepare(app, demo.ids)
            if (screen != Screen.Home) app.open(screen)
            render(app, File(dir, "$name.png")); count++
            if (full) { render(app, File(dir, "$name-full.png"), fullHeight); count++ }
        }

        // First run: the setup form, partly typed.
        run {
            val app = demo.app(lang, seed = false)
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
    demo.close()
    println("rendered $count screens into ${out.path} from the demo village on the real core")
}
