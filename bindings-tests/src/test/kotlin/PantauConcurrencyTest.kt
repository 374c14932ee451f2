// One handle shared by threads (the app's IO dispatcher): writers and search-as-you-type at once.
package id.pantau.core.tests

import id.pantau.core.*
import id.pantau.core.model.*
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import java.io.File
import java.util.Collections
import java.util.concurrent.CountDownLatch
import java.util.concurrent.atomic.AtomicInteger
import kotlin.concurrent.thread

/** A name made of letters only (names with digits are refused, rule V-NAME): 0 -> "Aa", 27 -> "Bb". */
private fun letters(i: Int) = "${'A' + i / 26}${'a' + i % 26}"

class PantauConcurrencyTest {
    @Test
    fun `two threads write while two threads search, on one handle`() {
        val dir = tempDir()
        Pantau.open(File(dir, "pantau.db").path, "device-A", Lang.ID).use { p ->
            val v = setUp(p)
            val hh = p.registerHousehold(household(v, "1", "Ahmad"), null)
            val perWriter = 40
            val failures = Collections.synchronizedList(mutableListOf<Throwable>())
            val interrupted = AtomicInteger()
            val searches = AtomicInteger()
            val start = CountDownLatch(1)
            val writers = (0 until 2).map { w ->
                thread {
                    start.await()
                    try {
                        repeat(perWriter) { i ->
                            val id = p.saveChild(child(v, hh.id, "Anak Uji ${letters(w)} ${letters(i)}", "2025-01-10")).id
                            p.recordMeasurement(measurement(id, "2025-03-10", 5.5, 58.0))
                        }
                    } catch (t: Throwable) {
                        failures.add(t)
                    }
                }
            }
            val done = java.util.concurrent.atomic.AtomicBoolean(false)
            val searchers = (0 until 2).map {
                thread {
                    start.await()
                    try {
                        while (!done.get()) {
                            try {
                                val hits = p.search("anak uji", 500u)
                                // A snapshot: every hit is one of ours, no half-written row.
                                assertTrue(hits.all { it.name.startsWith("Anak Uji") })
                                searches.incrementAndGet()
                            } catch (e: PantauException.Interrupted) {
                                interrupted.incrementAndGet() // a newer query took over: expected
                            }
                        }
                    } catch (t: Throwable) {
                        failures.add(t)
                    }
                }
            }
            start.countDown()
            writers.forEach { it.join() }
            done.set(true)
            searchers.forEach { it.join() }
            assertTrue(failures.isEmpty(), "failures: $failures")
            assertTrue(searches.get() > 0, "searches ran")
            println("concurrency: ${searches.get()} searches completed, ${interrupted.get()} interrupted by a newer one")
            val all = p.search("anak uji", 500u)
            assertEquals(2 * perWriter, all.size)
            assertEquals(2 * perWriter, p.household(hh.id).children.size)
        }
    }
}
