/**
 * Pantau's look: Material 3, high contrast for reading in sunlight (near-black on white, saturated
 * status colours that also differ in lightness), large type and 56 dp touch targets for a 5-inch phone.
 * Imports only androidx.compose.* so it compiles for Android and for desktop rendering alike.
 */
package id.pantau.ui

import androidx.compose.material3.MaterialTheme
import androidx.compose.material3.Typography
import androidx.compose.material3.lightColorScheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.CompositionLocalProvider
import androidx.compose.runtime.staticCompositionLocalOf
import androidx.compose.ui.graphics.Color
import androidx.compose.ui.text.TextStyle
import androidx.compose.ui.text.font.FontWeight
import androidx.compose.ui.unit.dp
import androidx.compose.ui.unit.sp
import id.pantau.logic.model.Lang
import id.pantau.logic.text.Texts

object PantauColors {
    val ink = Color(0xFF111111)
    val primary = Color(0xFF0B4F8A)
    val yes = Color(0xFF1B5E20)
    val no = Color(0xFFB71C1C)
    val warn = Color(0xFF8A4B00)
    val muted = Color(0xFF444444)
    val surfaceAlt = Color(0xFFEFF3F7)
    val draft = Color(0xFF6A1B9A)
}

val MinTouch = 56.dp

/** The strings of the chosen language, provided once at the root. */
val LocalTexts = staticCompositionLocalOf { Texts(Lang.ID) }
val LocalLang = staticCompositionLocalOf { Lang.ID }

private val scheme = lightColorScheme(
    primary = PantauColors.primary,
    onPrimary = Color.White,
    secondary = PantauColors.yes,
    onSecondary = Color.White,
    error = PantauColors.no,
    background = Color.White,
    onBackground = PantauColors.ink,
    surface = Color.White,
    onSurface = PantauColors.ink,
    surfaceVariant = PantauColors.surfaceAlt,
    onSurfaceVariant = PantauColors.ink,
    outline = Color(0xFF555555),
)

private val type = Typography(
    headlineSmall = TextStyle(fontSize = 24.sp, fontWeight = FontWeight.Bold, lineHeight = 30.sp),
    titleLarge = TextStyle(fontSize = 21.sp, fontWeight = FontWeight.Bold, lineHeight = 27.sp),
    titleMedium = TextStyle(fontSize = 18.sp, fontWeight = FontWeight.SemiBold, lineHeight = 24.sp),
    bodyLarge = TextStyle(fontSize = 18.sp, lineHeight = 25.sp),
    bodyMedium = TextStyle(fontSize = 16.sp, lineHeight = 22.sp),
    labelLarge = TextStyle(fontSize = 18.sp, fontWeight = FontWeight.SemiBold),
)

@Composable
fun PantauTheme(lang: Lang, content: @Composable () -> Unit) {
    CompositionLocalProvider(LocalTexts provides Texts(lang), LocalLang provides lang) {
        MaterialTheme(colorScheme = scheme, typography = type, content = content)
    }
}
