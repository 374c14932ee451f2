/**
 * The one Activity: draws [PantauApp], hands exported bundles to Android's share sheet or the document
 * picker, keeps the back stack in the saved state, and maps the system back button to the app's.
 */
package id.pantau.app

import android.content.Intent
import android.net.Uri
import android.os.Bundle
import android.widget.Toast
import androidx.activity.ComponentActivity
import androidx.activity.OnBackPressedCallback
import androidx.activity.compose.setContent
import androidx.activity.result.contract.ActivityResultContracts
import androidx.core.content.FileProvider
import androidx.lifecycle.ViewModelProvider
import androidx.lifecycle.lifecycleScope
import id.pantau.logic.repository.ExportResult
import id.pantau.logic.text.S
import id.pantau.logic.text.Texts
import id.pantau.ui.PantauApp
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import kotlinx.coroutines.withContext
import java.io.File
import java.io.IOException

class MainActivity : ComponentActivity() {
    private lateinit var vm: PantauViewModel
    private var pendingSave: ExportResult? = null

    private val createDocument = registerForActivityResult(ActivityResultContracts.CreateDocument(MIME)) { uri: Uri? ->
        val source = pendingSave
        pendingSave = null
        if (uri != null && source != null) copyTo(File(source.path), uri)
    }

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        val routes = savedInstanceState?.getStringArrayList(KEY_ROUTES)
        // Typed-but-unsaved input (e.g. a measurement) by route, kept beside the back stack.
        val inputKeys = savedInstanceState?.getStringArrayList(KEY_INPUT_ROUTES).orEmpty()
        val inputValues = savedInstanceState?.getStringArrayList(KEY_INPUT_VALUES).orEmpty()
        val inputs = inputKeys.zip(inputValues).toMap()
        vm = ViewModelProvider(this, PantauViewModel.Factory(application as PantauApplication, routes, inputs))[PantauViewModel::class.java]
        onBackPressedDispatcher.addCallback(this, object : OnBackPressedCallback(true) {
            override fun handleOnBackPressed() {
                if (!vm.controller.back()) finish()
            }
        })
        setContent {
            PantauApp(vm.controller, onShare = ::share, onSaveFile = ::saveAs, onExit = ::finish)
        }
    }

    override fun onSaveInstanceState(outState: Bundle) {
        super.onSaveInstanceState(outState)
        outState.putStringArrayList(KEY_ROUTES, ArrayList(vm.controller.navigator.routes()))
        val inputs = vm.controller.savedInputs()
        outState.putStringArrayList(KEY_INPUT_ROUTES, ArrayList(inputs.keys))
        outState.putStringArrayList(KEY_INPUT_VALUES, ArrayList(inputs.keys.map { inputs.getValue(it) }))
    }

    private fun share(result: ExportResult) {
        val uri = FileProvider.getUriForFile(this, "$packageName.files", File(result.path))
        val send = Intent(Intent.ACTION_SEND)
            .setType(MIME)
            .putExtra(Intent.EXTRA_STREAM, uri)
            .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
        startActivity(Intent.createChooser(send, null))
    }

    private fun saveAs(result: ExportResult) {
        pendingSave = result
        createDocument.launch(File(result.path).name)
    }

    private fun copyTo(file: File, uri: Uri) {
        lifecycleScope.launch {
            val copied = withContext(Dispatchers.IO) {
                try {
                    contentResolver.openOutputStream(uri)?.use { out -> file.inputStream().use { it.copyTo(out) } } != null
                } catch (e: IOException) {
                    false
                }
            }
            if (!copied) {
                val lang = vm.controller.language.value
                Toast.makeText(this@MainActivity, Texts(lang)[S.ERROR_TITLE], Toast.LENGTH_LONG).show()
            }
        }
    }

    private companion object {
        const val KEY_ROUTES = "pantau.routes"
        const val KEY_INPUT_ROUTES = "pantau.inputs.routes"
        const val KEY_INPUT_VALUES = "pantau.inputs.values"
        const val MIME = "application/octet-stream"
    }
}
