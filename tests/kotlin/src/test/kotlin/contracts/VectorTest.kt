@file:OptIn(InternalContractgenApi::class)

package contracts

import contractgen.runtime.ContractMessage
import contractgen.runtime.InternalContractgenApi
import contractgen.runtime.InvalidPayloadException
import contractgen.runtime.JsonValues
import contractgen.runtime.StrictJson
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

/**
 * Every vector through the generated validator and through typed decoding: valid ones are accepted
 * and survive a round trip unchanged, invalid ones are rejected at their pointer.
 */
class VectorTest {
    @TestFactory
    fun vectors(): List<DynamicTest> {
        val vectors = Vectors.all()
        assertTrue(vectors.isNotEmpty(), "no vectors under ${Vectors.directories()}")
        return vectors.map { vector -> dynamicTest(vector.displayPath) { run(vector) } }
    }

    private fun run(vector: Vector) {
        val message =
            Messages.find(vector.contract, vector.message)
                ?: fail(
                    "${vector.displayPath}: no generated class for ${vector.contract}/${vector.message}"
                )
        val text = vector.file.readText()
        val element = StrictJson.parse(text)
        val errors = message.validate(element)
        if (vector.valid) {
            assertTrue(errors.isEmpty(), "${vector.displayPath} should be valid: $errors")
            val reencoded = message.reencode(element)
            assertTrue(
                JsonValues.equal(element, reencoded),
                "${vector.displayPath} changed in a round trip:\n$element\n$reencoded",
            )
            if (text.trimStart().startsWith("{")) {
                val bridged = throughJSONObject(message, JSONObject(text))
                val back = StrictJson.parse(bridged.toString())
                assertTrue(JsonValues.equal(element, back), "JSONObject round trip: $back")
            }
        } else {
            assertTrue(errors.isNotEmpty(), "${vector.displayPath} should be invalid")
            val pointer = vector.expectedPointer()
            if (pointer != null) {
                assertTrue(
                    errors.any { it.instancePath == pointer },
                    "${vector.displayPath}: no error at \"$pointer\" among $errors",
                )
            }
            val rejected =
                assertThrows<InvalidPayloadException> { message.fromJsonElement(element) }
            assertEquals(errors, rejected.errors)
        }
    }

    /** The path an Android app takes: `JSONObject` in, typed value, `JSONObject` out. */
    private fun <T> throughJSONObject(message: ContractMessage<T>, json: JSONObject): JSONObject =
        message.toJSONObject(message.fromJSONObject(json))
}
