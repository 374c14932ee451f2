// Timings of screen calls through the bindings (JNA + uniffi + core), run by scripts/bench-bindings.sh
// against the release library on the generated demo village (core `demo`, default size: 1000
// households, 400 pregnancies, 800 children 0-23, 600 PAUD children, 24 months). Not a test: it prints
// a table (median and p95 in ms over many calls after a warm-up) for the report and the ADR.
package id.pantau.core.bench

import id.pantau.core.*
import id.pantau.core.model.*
import java.io.File
import java.lang.management.ManagementFactory
import java.nio.file.Files

private fun percentile(sortedNs: LongArray, p: Double): Double =
    sortedNs[((sortedNs.size - 1) * p).toInt()] / 1e6

private val cpu = ManagementFactory.getThreadMXBean()

/**
 * Wall time and the calling thread's CPU time per call (the native call runs on this thread, so
 * its CPU time includes Rust and SQLite): on a machine shared with other builds the wall time is
 * inflated by waiting for a core, the CPU time much less so.
 */
private fun <T> time(name: String, n: Int, warmup: Int = 20, before: (Int) -> Unit = {}, f: (Int) -> T) {
    repeat(warmup) { before(it); f(it) }
    val ns = LongArray(n)
    val cpuNs = LongArray(n)
    for (i in 0 until n) {
        before(i)
        val c0 = cpu.currentThreadCpuTime
        val t0 = System.nanoTime()
        f(i)
        ns[i] = System.nanoTime() - t0
        cpuNs[i] = cpu.currentThreadCpuTime - c0
    }
    ns.sort()
    cpuNs.sort()
    println(
        "%-44s n=%-6d wall median %9.4f ms  p95 %9.4f ms | cpu median %9.4f ms  p95 %9.4f ms".format(
            name, n, percentile(ns, 0.5), percentile(ns, 0.95), percentile(cpuNs, 0.5), percentile(cpuNs, 0.95),
        )
    )
}

fun main() {
    val dir = Files.createTempDirectory("pantau-bench").toFile()
    val end = YearMonth(2025, 6u)
    Pantau.open(File(dir, "bench.db").path, "bench", Lang.ID).use { p ->
        val t0 = System.nanoTime()
        val rows = p.importDemoVillage(42uL, VillageSize(1000u, 400u, 800u, 600u, 24u), end)
        println("demo village: %d rows imported in %.1f s".format(rows.toLong(), (System.nanoTime() - t0) / 1e9))

        val targets = p.targets(TargetFilter(end, null, null, null))
        val children = targets.filter { it.kind == TargetKind.CHILD }
        val pregnancies = targets.filter { it.kind == TargetKind.PREGNANCY }
        println("targets in ${end.year}-${end.month}: ${targets.size} (${pregnancies.size} pregnancies, ${children.size} children 0-23)")
        val names = children.map { it.name.split(" ").first().take(4).lowercase() }

        time("trivial FFI: rulesetStamp() (function)", 20000, 2000) { rulesetStamp() }
        time("trivial FFI: p.language() (object method)", 20000, 2000) { p.language() }
        time("homeSummary (memo warm, no write between)", 300) { p.homeSummary(end) }
        // After a write the store's scorecard memo is stale: the worst case of the home screen.
        val childForWrites = children.first().targetId
        time("homeSummary after a write (memo recomputed)", 30, 3,
            before = { i -> p.saveNote(Note("", TargetKind.CHILD, childForWrites, null, "2025-06-10", "catatan $i", blankMeta())) },
        ) { p.homeSummary(end) }
        time("twoTAlerts (home list of 2T children)", 100) { p.twoTAlerts(end) }
        time("targetKind child", 2000) { i -> p.targetKind(children[i % children.size].targetId, end) }
        time("search 4 letters, limit 50", 500) { i -> p.search(names[i % names.size], 50u) }
        time("search 2 words, limit 50", 500) { i -> p.search("${names[i % names.size]} ${names[(i + 7) % names.size].take(2)}", 50u) }
        time("targetCard child (2 years of records)", 500) { i ->
            p.targetCard(TargetKind.CHILD, children[i % children.size].targetId, end)
        }
        time("targetCard pregnancy", 500) { i ->
            p.targetCard(TargetKind.PREGNANCY, pregnancies[i % pregnancies.size].targetId, end)
        }
        time("targets list (month, all kinds)", 100) { p.targets(TargetFilter(end, null, null, null)) }
        time("monthlyForm child", 300) { i -> p.monthlyForm(TargetKind.CHILD, children[i % children.size].targetId, end, null) }
        time("scorecard (memo warm)", 50) { p.scorecard(Quarter(2025, 2u), null) }
    }
    dir.deleteRecursively()
}
