package contracts

import contracts.patterns.request.Request
import java.io.File
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/**
 * The patterns of `schema/patterns`, one shape each, that the generator compiles to plain code
 * answer as a regex engine does (`java.util.regex`, which reads these classes and literals as
 * ECMA-262 does): on every short string over the characters at the edges of their classes, and on
 * every one-character change of a long match. The Rust side runs the same comparison.
 */
class PatternsTest {
    /** The characters at the edges of the patterns' classes, a space and a few outside all. */
    private val alphabet = "01279abcdfgABCDFG_-x:é `@/".map { it.toString() }

    private val examples =
        mapOf(
            "digits" to "0123456789",
            "anyLetters" to "abcabc",
            "oneOf" to "a_b_ab",
            "code" to "aF-x_bc:7",
            "single" to "7",
            "mixed" to "AC09af",
            "wide" to "éa-3",
        )

    private fun properties(): Map<String, Regex> {
        val root = System.getProperty("contractgen.root") ?: "."
        val schema =
            Json.parseToJsonElement(
                File("$root/tests/odd-schemas/schema/patterns/request.schema.json").readText()
            )
        val properties = schema.jsonObject.getValue("properties").jsonObject
        assertEquals(examples.keys, properties.keys)
        return properties.mapValues { (_, property) ->
            Regex(property.jsonObject.getValue("pattern").jsonPrimitive.content)
        }
    }

    private fun stringsUpTo(length: Int): List<String> {
        val all = mutableListOf("")
        var last = listOf("")
        repeat(length) {
            last = last.flatMap { s -> alphabet.map { s + it } }
            all.addAll(last)
        }
        return all
    }

    private fun near(example: String): List<String> {
        val out = mutableListOf(example)
        for (at in example.indices) {
            val before = example.substring(0, at)
            val after = example.substring(at + 1)
            out.add(before + after)
            out.add(before + example[at] + example[at] + after)
            alphabet.forEach { out.add(before + it + after) }
        }
        alphabet.forEach {
            out.add(it + example)
            out.add(example + it)
        }
        return out
    }

    @Test
    fun compiledPatternsAnswerAsTheEngineDoes() {
        val short = stringsUpTo(3)
        for ((name, engine) in properties()) {
            val example = examples.getValue(name)
            assertTrue(engine.matches(example), "$name: $example")
            var matched = 0
            for (s in short + near(example)) {
                val payload = JsonObject(mapOf(name to JsonPrimitive(s)))
                val valid = Request.validate(payload).isEmpty()
                assertEquals(engine.matches(s), valid, "$name: \"$s\"")
                if (valid) matched++
            }
            assertTrue(matched > 0, name)
        }
    }
}
