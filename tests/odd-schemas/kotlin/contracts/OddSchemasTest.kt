package contracts

import contractgen.runtime.InvalidPayloadException
import contracts.names.request.Keywords
import contracts.names.request.Request
import contracts.names.request.StringType
import contracts.names.request.Surrogate2
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * The odd but legal schemas of `tests/odd-schemas/schema` compile warning-free (the build treats
 * warnings as errors) and behave: renamed types keep their wire shape, keyword enum values and
 * empty property names round trip, and recursion without a named type decodes.
 */
class OddSchemasTest {
    @Test
    fun typesNamedLikeTheStandardLibraryKeepTheirShape() {
        val request = Request.fromJson("""{"stringField": {"inner": {"text": "a"}}}""")
        val string: StringType? = request.stringField
        assertEquals("a", string?.inner?.text)
    }

    @Test
    fun keywordValuesAndEmptyPropertyNamesRoundTrip() {
        val text = """{"":"empty"," ":"blank","a\nb":"newline","keywords":"self"}"""
        val request = Request.fromJson(text)
        assertEquals(Keywords.Self, request.keywords)
        assertEquals("empty", request.property)
        assertEquals("blank", request.property2)
        assertEquals("newline", request.aB)
        assertEquals(json(text), json(request.toJson()))
    }

    @Test
    fun propertiesNamedLikeTheSerializersMembersKeepTheirValues() {
        // A type named like the private class each serializer reads through is renamed, and
        // properties named like that class's members (`surrogate()`, `value()`) still read.
        val text = """{"surrogate":"s","surrogateField":{"value":"v","inner":{"value":"w"}}}"""
        val request = Request.fromJson(text)
        assertEquals("s", request.surrogate)
        val field: Surrogate2? = request.surrogateField
        assertEquals("v", field?.value)
        assertEquals("w", field?.inner?.value)
        assertEquals(json(text), json(request.toJson()))
    }

    @Test
    fun recursionWithoutANamedTypeDecodes() {
        val arrays = contracts.nesting.request.Request
        assertTrue(arrays.validate(json("[[], [[]], [[[]]]]")).isEmpty())
        assertFalse(arrays.validate(json("[[1]]")).isEmpty())
        val maps = contracts.nesting.response.Response
        assertTrue(maps.validate(json("""{"a": {"b": {}}}""")).isEmpty())
        assertFalse(maps.validate(json("""{"a": {"b": 1}}""")).isEmpty())
    }

    @Test
    fun textWithAPropertyNameGivenTwiceIsRefusedAtItsPointer() {
        val text = """{"stringField": {"text": "a", "inner": {"text": "b", "text": "c"}}}"""
        val thrown = assertThrows<InvalidPayloadException> { Request.fromJson(text) }
        assertEquals(listOf("/stringField/inner/text"), thrown.errors.map { it.instancePath })
        assertEquals(
            listOf("expected each property name once, found this one again"),
            thrown.errors.map { it.message },
        )
    }

    @Test
    fun everyEntryPointRefusesMoreThan100LevelsAndNoneAborts() {
        val arrays = contracts.nesting.request.Request
        val pointer = "/0".repeat(100)
        arrays.fromJson(nestedText(100))
        for (levels in listOf(101, 127, 128)) {
            val thrown =
                assertThrows<InvalidPayloadException> { arrays.fromJson(nestedText(levels)) }
            assertEquals(listOf(pointer), thrown.errors.map { it.instancePath })
            assertEquals(
                listOf(pointer),
                arrays.validate(json(nestedText(levels))).map { it.instancePath },
            )
        }
        var deep: JsonElement = JsonArray(emptyList())
        repeat(50_000) { deep = JsonArray(listOf(deep)) }
        assertEquals(1, arrays.validate(deep).size)
        assertThrows<InvalidPayloadException> { arrays.fromJsonElement(deep) }
    }

    private fun nestedText(levels: Int): String = "[".repeat(levels) + "]".repeat(levels)

    private fun json(text: String): JsonElement = Json.parseToJsonElement(text)
}
