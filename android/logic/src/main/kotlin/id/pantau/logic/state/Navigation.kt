/**
 * Screens and the back stack, in plain Kotlin (no navigation library, issue 8). A screen is a value
 * with a route string, so the Activity can keep the stack across process death; the data itself is
 * always in the store.
 */
package id.pantau.logic.state

import id.pantau.logic.model.Quarter
import id.pantau.logic.model.TargetKind
import id.pantau.logic.model.YearMonth
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow

sealed interface Screen {
    val route: String

    data object Starting : Screen { override val route = "starting" }
    data object Setup : Screen { override val route = "setup" }
    data object Home : Screen { override val route = "home" }
    data class Targets(val kind: TargetKind?) : Screen { override val route = "targets/${kind ?: "all"}" }
    data object Search : Screen { override val route = "search" }
    data class Register(val kind: RegKind, val householdId: String? = null) : Screen {
        override val route = "register/$kind/${householdId ?: "-"}"
    }
    /** Editing a stored household, pregnancy or child: the registration form, pre-filled. */
    data class Edit(val kind: RegKind, val id: String) : Screen { override val route = "edit/$kind/$id" }
    data class VisitForm(val targetId: String, val month: YearMonth) : Screen {
        override val route = "visit/$targetId/${month.year}/${month.month}"
    }
    data class Measurement(val childId: String) : Screen { override val route = "measure/$childId" }
    data class Card(val targetId: String) : Screen { override val route = "card/$targetId" }
    data class ScorecardScreen(val quarter: Quarter) : Screen { override val route = "scorecard/${quarter.year}/${quarter.q}" }
    data object Export : Screen { override val route = "export" }
    data object Settings : Screen { override val route = "settings" }

    companion object {
        /** The inverse of [route]; null for anything not produced by it. Ids never contain '/'. */
        fun parse(route: String): Screen? {
            val p = route.split('/')
            return runCatching {
                when (p[0]) {
                    "starting" -> Starting
                    "setup" -> Setup
                    "home" -> Home
                    "targets" -> Targets(if (p[1] == "all") null else TargetKind.valueOf(p[1]))
                    "search" -> Search
                    "register" -> Register(RegKind.valueOf(p[1]), p[2].takeIf { it != "-" })
                    "edit" -> Edit(RegKind.valueOf(p[1]), p[2])
                    "visit" -> VisitForm(p[1], YearMonth(p[2].toInt(), p[3].toInt()))
                    "measure" -> Measurement(p[1])
                    "card" -> Card(p[1])
                    "scorecard" -> ScorecardScreen(Quarter(p[1].toInt(), p[2].toInt()))
                    "export" -> Export
                    "settings" -> Settings
                    else -> null
                }
            }.getOrNull()
        }
    }
}

class Navigator(start: List<Screen> = listOf(Screen.Starting)) {
    private val mutable = MutableStateFlow(start.ifEmpty { listOf(Screen.Starting) })
    val stack: StateFlow<List<Screen>> = mutable.asStateFlow()
    val current: Screen get() = mutable.value.last()

    fun push(screen: Screen) {
        mutable.value = mutable.value + screen
    }

    /** Returns false when there is nothing to go back to (the Activity then finishes). */
    fun back(): Boolean {
        if (mutable.value.size <= 1) return false
        mutable.value = mutable.value.dropLast(1)
        return true
    }

    fun replaceAll(screen: Screen) {
        mutable.value = listOf(screen)
    }

    fun routes(): List<String> = mutable.value.map { it.route }

    companion object {
        fun restore(routes: List<String>?): Navigator = Navigator(routes.orEmpty().mapNotNull(Screen::parse))
    }
}
