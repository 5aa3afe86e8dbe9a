package contractgen.runtime

import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.ListSerializer
import kotlinx.serialization.json.Json
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * JSON Schema 2020-12 counts `1.0` and `1e2` as integers, so a `Long` field reads them; a fraction
 * or a value beyond `Long` is refused saying why, and writing gives a plain integer.
 */
class JsonIntegerSerializerTest {
    private fun read(text: String): Long = Json.decodeFromString(JsonIntegerSerializer, text)

    @Test
    fun wholeNumbersInAnyNotationAreIntegers() {
        assertEquals(1L, read("1"))
        assertEquals(1L, read("1.0"))
        assertEquals(100L, read("1e2"))
        assertEquals(-20L, read("-2.0E1"))
        assertEquals(0L, read("-0.0"))
        assertEquals(Long.MAX_VALUE, read("9223372036854775807"))
        assertEquals(Long.MIN_VALUE, read("-9.223372036854775808e18"))
        // The text is read as a decimal, never through a double: past 2^53 every digit counts.
        assertEquals(9007199254740993L, read("9.007199254740993e15"))
        assertEquals(9007199254740993L, read("9007199254740993.000"))
        assertEquals(1L, read("100e-2"))
        assertEquals(
            listOf(1L, 30L),
            Json.decodeFromString(ListSerializer(JsonIntegerSerializer), "[1.0, 3e1]"),
        )
    }

    @Test
    fun fractionsAndValuesBeyondALongAreRefusedSayingWhy() {
        assertEquals(
            "expected an integer",
            assertThrows<SerializationException> { read("1.5") }.message,
        )
        assertEquals(
            "expected an integer",
            assertThrows<SerializationException> { read("\"1\"") }.message,
        )
        val tooBig = assertThrows<SerializationException> { read("9223372036854775808") }
        assertEquals("integer 9223372036854775808 does not fit in a Long", tooBig.message)
        val message = assertThrows<SerializationException> { read("1e19") }.message ?: ""
        assertTrue(message.endsWith("does not fit in a Long"), message)
        val huge = assertThrows<SerializationException> { read("1e400") }.message
        assertEquals("integer 1E+400 does not fit in a Long", huge)
        assertEquals(
            "expected an integer",
            assertThrows<SerializationException> { read("1e-400") }.message,
        )
    }

    @Test
    fun integersAreWrittenWithoutAFraction() {
        assertEquals("1", Json.encodeToString(JsonIntegerSerializer, read("1.0")))
        assertEquals(
            "[100,-2]",
            Json.encodeToString(ListSerializer(JsonIntegerSerializer), listOf(read("1e2"), -2L)),
        )
    }
}
