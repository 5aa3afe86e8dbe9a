package contractgen.runtime

import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Repeated property names and the depth limit, read as the Rust runtime reads them. */
class StrictJsonTest {
    private fun nestedText(levels: Int): String = "[".repeat(levels) + "0" + "]".repeat(levels)

    private fun nestedElement(levels: Int): JsonElement {
        var element: JsonElement = JsonPrimitive(0)
        repeat(levels) { element = JsonArray(listOf(element)) }
        return element
    }

    @Test
    fun aRepeatedNameIsRefusedAtEveryLevelWithItsPointer() {
        val signature =
            """{"customer_id":null,"merchant_id":"m","customer_id":"c","timestamp":"0"}"""
        assertEquals(
            StrictJson.Refusal("/customer_id", StrictJson.DUPLICATE_PROPERTY),
            StrictJson.refusal(signature),
        )
        val deep = """{"a": [1, {"b/c": {"x": 1, "x": 2}}]}"""
        assertEquals("/a/1/b~1c/x", StrictJson.refusal(deep)?.pointer)
        assertEquals("/a", StrictJson.refusal("""{"a": 1, "\u0061": 2}""")?.pointer)
        assertNull(StrictJson.refusal("""{"a": {"a": 1}, "b": {"a": 2}}"""))
        val thrown =
            assertThrows<InvalidPayloadException> { StrictJson.parse(signature, "x.schema.json") }
        assertEquals(
            listOf(ValidationError("/customer_id", "x.schema.json", StrictJson.DUPLICATE_PROPERTY)),
            thrown.errors,
        )
    }

    @Test
    fun theTreeIsTheOneKotlinxBuildsWithNumbersAsWritten() {
        val text =
            """
            | {"s": "a\\b\"c\u00e9\n", "n": [0, -0, 1.50, 1E+2, -2e-3, 12345678901234567890],
            |"t": true, "f": false, "z": null, "o": {"": {}}, "e": []} 
            """
                .trimMargin()
        val tree = StrictJson.parse(text)
        assertEquals(Json.parseToJsonElement(text), tree)
        assertEquals(Json.parseToJsonElement(text).toString(), tree.toString())
        assertEquals(
            "[0,-0,1.50,1E+2,-2e-3,12345678901234567890]",
            (tree as JsonObject)["n"].toString(),
        )
    }

    @Test
    fun objectsOfAnySizeAreTheMapsKotlinxBuilds() {
        for (size in listOf(1, 15, 16, 17, 40)) {
            val members = (0 until size).map { "\"m$it\": $it" }
            val text = members.joinToString(", ", "{", "}")
            val tree = StrictJson.parse(text) as JsonObject
            assertEquals(Json.parseToJsonElement(text), tree)
            assertEquals(Json.parseToJsonElement(text).hashCode(), tree.hashCode())
            assertEquals((0 until size).map { "m$it" }, tree.keys.toList())
            assertEquals(JsonPrimitive(size - 1), tree["m${size - 1}"])
            assertNull(tree["m$size"])
            // A repeated name is found wherever it is, before and past the small-object limit.
            for (at in listOf(0, size - 1)) {
                val repeated = (members + "\"m$at\": 0").joinToString(", ", "{", "}")
                assertEquals("/m$at", StrictJson.refusal(repeated)?.pointer)
            }
        }
    }

    @Test
    fun theDepthLimitIsTheSameForTextAndElements() {
        val max = StrictJson.MAX_DEPTH
        StrictJson.parse(nestedText(max))
        assertNull(StrictJson.tooDeep(nestedElement(max)))
        val pointer = "/0".repeat(max)
        for (levels in listOf(max + 1, 128, 5_000)) {
            assertEquals(pointer, StrictJson.refusal(nestedText(levels))?.pointer)
        }
        assertEquals(pointer, StrictJson.tooDeep(nestedElement(max + 1)))
    }

    @Test
    fun anElementFiftyThousandDeepIsMeasuredWithoutRecursion() {
        val errors = StrictJson.depthErrors(nestedElement(50_000), "x.schema.json")
        assertEquals(listOf(StrictJson.TOO_DEEP), errors.map { it.message })
        assertEquals(2 * StrictJson.MAX_DEPTH, errors.single().instancePath.length)
    }

    @Test
    fun stringsAreReadWithAndWithoutEscapesAndFailWhereTheyBreak() {
        // Plain strings around escaped ones, a long one, names with escapes, pretty and compact.
        val long = "x".repeat(400)
        for (text in
            listOf(
                """{"a": "plain", "b": "x\"y\\z\/w\u0041\u00e9\n", "c": "$long", "d": "tail"}""",
                "{\n  \"k\\u0031\": \"v\",\n  \"k2\": [\"\\t\", \"\", \"q\"]\n}",
                """["\"{\\\"m\\\":\\\"s\\\"}\"", "after"]""",
            )) {
            assertEquals(Json.parseToJsonElement(text), StrictJson.parse(text))
        }
        val control = '\u0001'
        assertEquals(
            "unescaped control character in a string at offset 5",
            StrictJson.problem("[\"ab$control\"]"),
        )
        // A control character inside a later string of pretty text, after newlines between tokens.
        assertEquals(
            "unescaped control character in a string at offset 10",
            StrictJson.problem("[\"a\",\n \"b\tc\"]"),
        )
        assertEquals(
            "unescaped control character in a string at offset 6",
            StrictJson.problem("[\"a\\n\nb\"]"),
        )
        assertEquals("unterminated string at offset 5", StrictJson.problem("[\"abc"))
        assertEquals("unterminated string at offset 7", StrictJson.problem("[\"a\\\"bc"))
        assertEquals("bad escape at offset 5", StrictJson.problem("[\"a\\x\"]"))
        assertEquals("bad \\u escape at offset 6", StrictJson.problem("[\"\\u00g0\"]"))
        // A failed read leaves nothing behind for the next one on the thread.
        assertEquals(JsonPrimitive("ok"), (StrictJson.parse("{\"a\": \"ok\"}") as JsonObject)["a"])
    }

    @Test
    fun aRepeatedNameDeepInObjectsIsRefusedAtItsPointer() {
        val levels = 30
        val text =
            (0 until levels).joinToString("") { "{\"k$it\": " } +
                "{\"x\": 1, \"x\": 2}" +
                "}".repeat(levels)
        val pointer = (0 until levels).joinToString("") { "/k$it" } + "/x"
        assertEquals(pointer, StrictJson.refusal(text)?.pointer)
        assertEquals(pointer, StrictJson.refusal(text)?.pointer)
    }
}
