/**
 * TEST DOUBLE ONLY. A rough stand-in for the core's WHO growth module so that screens and presenters can
 * be exercised before the bindings exist: length-for-age and weight-for-age as a normal approximation
 * (median and SD linearly interpolated between a few WHO Child Growth Standards anchor ages, 0-24 months).
 * Real z-scores (LMS method, growth.md) come from the Rust core; never use this for a child.
 */
package id.pantau.logic.fake

import id.pantau.logic.model.Sex

internal object FakeGrowth {
    // age months -> (median, sd); rounded from the WHO 2006 tables.
    private val lfaBoys = listOf(0 to (49.9 to 1.9), 6 to (67.6 to 2.2), 12 to (75.7 to 2.4), 18 to (82.3 to 2.7), 24 to (87.8 to 3.0))
    private val lfaGirls = listOf(0 to (49.1 to 1.9), 6 to (65.7 to 2.3), 12 to (74.0 to 2.6), 18 to (80.7 to 2.9), 24 to (86.4 to 3.2))
    private val wfaBoys = listOf(0 to (3.3 to 0.4), 6 to (7.9 to 0.75), 12 to (9.6 to 0.95), 18 to (10.9 to 1.05), 24 to (12.2 to 1.25))
    private val wfaGirls = listOf(0 to (3.2 to 0.4), 6 to (7.3 to 0.8), 12 to (8.9 to 0.95), 18 to (10.2 to 1.05), 24 to (11.5 to 1.25))

    private fun at(table: List<Pair<Int, Pair<Double, Double>>>, age: Double): Pair<Double, Double> {
        val a = age.coerceIn(0.0, 24.0)
        val i = table.indexOfLast { it.first <= a }.coerceAtMost(table.size - 2)
        val (x0, v0) = table[i]
        val (x1, v1) = table[i + 1]
        val t = (a - x0) / (x1 - x0)
        return (v0.first + t * (v1.first - v0.first)) to (v0.second + t * (v1.second - v0.second))
    }

    fun lengthZ(sex: Sex, ageMonths: Double, cm: Double): Double {
        val (m, sd) = at(if (sex == Sex.MALE) lfaBoys else lfaGirls, ageMonths)
        return (cm - m) / sd
    }

    fun weightZ(sex: Sex, ageMonths: Double, kg: Double): Double {
        val (m, sd) = at(if (sex == Sex.MALE) wfaBoys else wfaGirls, ageMonths)
        return (kg - m) / sd
    }

    fun lengthAt(sex: Sex, ageMonths: Double, z: Int): Double {
        val (m, sd) = at(if (sex == Sex.MALE) lfaBoys else lfaGirls, ageMonths)
        return m + z * sd
    }
}
