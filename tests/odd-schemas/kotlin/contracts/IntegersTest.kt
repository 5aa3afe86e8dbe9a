package contracts

import contractgen.runtime.InvalidPayloadException
import contracts.integers.request.Request
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Integers written `1.0` or `1e2` are integers in JSON Schema 2020-12, so the typed decode reads
 * them into the `Long` properties of every shape (`schema/integers`); fractions are still refused,
 * and writing gives plain integers.
 */
class IntegersTest {
    @Test
    fun wholeNumbersWithAFractionOrExponentDecodeIntoLongProperties() {
        val text =
            """{"count": 1.0, "level": -2.0, "limit": 1e2, "offset": 5.0,
                "steps": [1.0, -3, 2e1], "weights": {"a": 4.0}}"""
        val request = Request.fromJson(text)
        assertEquals(1L, request.count)
        assertEquals(-2L, request.level)
        assertEquals(100L, request.limit)
        assertEquals(5L, request.offset)
        assertEquals(listOf(1L, -3L, 20L), request.steps)
        assertEquals(mapOf("a" to 4L), request.weights)
        assertEquals(
            """{"count":1,"level":-2,"limit":100,"offset":5,"steps":[1,-3,20],"weights":{"a":4}}""",
            request.toJson(),
        )
    }

    @Test
    fun aFractionIsRefusedAtItsPointer() {
        val thrown =
            assertThrows<InvalidPayloadException> {
                Request.fromJson("""{"count": 1.5, "level": null}""")
            }
        assertEquals(listOf("/count"), thrown.errors.map { it.instancePath })
    }
}
