package id.pantau.logic

import id.pantau.logic.fake.FakePantauRepository
import id.pantau.logic.model.LocalText
import id.pantau.logic.repository.LazyRepository
import id.pantau.logic.repository.PantauException
import id.pantau.logic.state.HomePresenter
import id.pantau.logic.state.UiState
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import org.junit.jupiter.api.Test
import java.time.LocalDate
import kotlin.test.assertEquals
import kotlin.test.assertIs

class LazyRepositoryTest {
    private val scope = CoroutineScope(Dispatchers.Unconfined)

    @Test
    fun opensOnceOnFirstUse() {
        var opened = 0
        val lazy = LazyRepository { opened++; FakePantauRepository() }
        assertEquals(0, opened, "nothing is opened at construction (start-up stays fast)")
        lazy.village()
        lazy.households()
        assertEquals(1, opened)
    }

    @Test
    fun aFailureToOpenIsShownLikeAnyStorageError() {
        val broken = LazyRepository { throw PantauException.Storage(LocalText("Basis data rusak", "Database damaged")) }
        val home = HomePresenter(broken, { LocalDate.of(2026, 11, 20) }, scope, Dispatchers.Unconfined)
        assertEquals("Basis data rusak", assertIs<UiState.Failed>(home.state.value).message.id)
    }
}
