package contracts

import contractgen.runtime.ContractMessage
import contractgen.runtime.InternalContractgenApi
import contractgen.runtime.InvalidPayloadException
import contractgen.runtime.JsonValues
import contracts.integers.count.Count
import contracts.integers.request.Request
import contracts.integers.request.RequestAmount
import java.io.File
import java.math.BigDecimal
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.jsonArray
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Integers written `1.0` or `1e2` are integers in JSON Schema 2020-12, so the typed decode reads
 * them into the `Long` properties of every shape (`schema/integers`), into a message whose root is
 * an integer and into a union's integer alternative; fractions are still refused, and writing gives
 * plain integers. An integer without 64-bit bounds is a `BigDecimal`, which holds any value
 * exactly.
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
        assertEquals(request, Request.fromJSONObject(JSONObject(text)))
    }

    @Test
    fun aFractionIsRefusedAtItsPointer() {
        val thrown =
            assertThrows<InvalidPayloadException> {
                Request.fromJson("""{"count": 1.5, "level": null}""")
            }
        assertEquals(listOf("/count"), thrown.errors.map { it.instancePath })
    }

    @Test
    fun aBareIntegerRootReadsWholeNumbersInAnyNotation() {
        assertEquals(1L, Count.fromJson("1.0"))
        assertEquals(100L, Count.fromJson("1e2"))
        assertEquals(0L, Count.fromJson("-0.0"))
        assertEquals(7L, Count.fromJsonElement(Json.parseToJsonElement("7.0")))
        assertEquals("100", Count.toJson(Count.fromJson("1E+2")))
        val thrown = assertThrows<InvalidPayloadException> { Count.fromJson("1.5") }
        assertEquals(listOf(""), thrown.errors.map { it.instancePath })
    }

    @Test
    fun aUnionsIntegerAlternativeReadsWholeNumbersInAnyNotation() {
        fun amount(text: String) = Request.fromJson("""{"count": 0, "level": 1, "amount": $text}""")
        assertEquals(RequestAmount.IntegerValue(5L), amount("5.0").amount)
        assertEquals(RequestAmount.IntegerValue(100L), amount("1e2").amount)
        assertEquals(RequestAmount.StringValue("five"), amount("\"five\"").amount)
        assertThrows<InvalidPayloadException> { amount("5.5") }
    }

    @Test
    fun longsPastTwoToTheFiftyThreeAreExactInEveryNotation() {
        fun serial(text: String) =
            Request.fromJson("""{"count": 0, "level": 1, "serial": $text}""").serial
        assertEquals(9007199254740993L, serial("9007199254740993"))
        assertEquals(9007199254740993L, serial("9.007199254740993e15"))
        assertEquals(9007199254740993L, serial("9007199254740993.000"))
        assertEquals(7999999999999999999L, serial("7999999999999999999"))
        // Beyond the bounds (and beyond a Long) the validator refuses it, at its pointer.
        val thrown = assertThrows<InvalidPayloadException> { serial("1.0e20") }
        assertEquals(listOf("/serial"), thrown.errors.map { it.instancePath })
    }

    @Test
    fun anUnboundedIntegerIsABigDecimalThatHoldsAnyValue() {
        fun total(text: String) =
            Request.fromJson("""{"count": 0, "level": 1, "total": $text}""").total
        assertEquals(0, BigDecimal("1e20").compareTo(total("1.0e20")))
        assertEquals(BigDecimal("9007199254740993"), total("9007199254740993"))
        val huge = "123456789012345678901234567890"
        assertEquals(BigDecimal(huge), total(huge))
        assertTrue(
            Request.fromJson("""{"count": 0, "level": 1, "total": $huge}""").toJson().contains(huge)
        )
    }

    @Test
    fun anIntegerInsideEmbeddedJsonReadsWholeNumbers() {
        val request = Request.fromJson("""{"count": 0, "level": 1, "encoded": "1.0"}""")
        assertEquals(1L, request.encoded?.value)
        assertEquals("1.0", request.encoded?.raw)
        assertEquals("""{"count":0,"level":1,"encoded":"1.0"}""", request.toJson())
    }

    /**
     * The payloads both languages read (`tests/odd-schemas/cases/integers.json`, also run by
     * `tests/integers.rs`): validate, fromJson and fromJSONObject give one verdict, and a valid
     * payload is written back with the numbers it holds.
     */
    @OptIn(InternalContractgenApi::class)
    @Test
    fun theSharedIntegerCasesHold() {
        val root = System.getProperty("contractgen.root")
        checkNotNull(root) { "run the tests through Maven: contractgen.root is not set" }
        val file = File(root, "tests/odd-schemas/cases/integers.json").readText()
        val cases = Json.parseToJsonElement(file).jsonObject.getValue("cases").jsonArray
        assertTrue(cases.isNotEmpty())
        for (case in cases.map { it.jsonObject }) {
            val text = case.getValue("text").jsonPrimitive.content
            val valid = case.getValue("valid").jsonPrimitive.boolean
            val read =
                when (val name = case.getValue("message").jsonPrimitive.content) {
                    "count" -> Read(Count, text)
                    "request" -> Read(Request, text)
                    else -> error("cases/integers.json: no message $name")
                }
            assertEquals(valid, read.valid, "validate $text")
            val written = read.written
            assertEquals(valid, written != null, "fromJson $text")
            if (read.isObject) {
                assertEquals(valid, read.validObject, "validate(JSONObject) $text")
                assertEquals(written, read.fromObject, "fromJSONObject $text")
            }
            if (written != null) {
                val expected = case.getValue("written")
                assertTrue(JsonValues.equal(expected, written), "$text was written $written")
            }
        }
    }

    /** What [message] says of [text] through each entry. */
    private class Read<T>(message: ContractMessage<T>, text: String) {
        val valid = message.validate(text).isEmpty()
        val isObject = Json.parseToJsonElement(text) is JsonObject

        /** What fromJson decodes, written back; null when it refuses the text. */
        val written = writtenBack(message) { message.fromJson(text) }

        /** The verdict on the text as a [JSONObject]; null when the text is no object. */
        val validObject = if (isObject) message.validate(JSONObject(text)).isEmpty() else null

        /** The same through fromJSONObject, when the text is an object. */
        val fromObject =
            if (isObject) writtenBack(message) { message.fromJSONObject(JSONObject(text)) }
            else null

        private fun writtenBack(message: ContractMessage<T>, decode: () -> T): JsonElement? =
            try {
                message.toJsonElement(decode())
            } catch (_: InvalidPayloadException) {
                null
            }
    }
}
