package contracts.suite

import java.io.File
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.boolean
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.jsonPrimitive
import org.junit.jupiter.api.Test

/**
 * Runs the official JSON-Schema-Test-Suite cases that `tests/suite/run` prepared through the Kotlin
 * validators generated for them, and writes `results-kotlin.json` beside `cases.json` for the suite
 * report. It also compares each case's errors (pointer, message, keyword location) with the
 * generated Rust's (`errors-rust.json`, one list per case) and writes `results-agreement.json`. Run
 * with `-Dcontractgen.suite=<suite work dir>` and `-Dcontractgen.suite.package=<base package of the
 * generated project>`.
 */
class SuiteTest {
    @Test
    fun runSuite() {
        val dir =
            File(checkNotNull(System.getProperty("contractgen.suite")) { "set contractgen.suite" })
        val base =
            checkNotNull(System.getProperty("contractgen.suite.package")) {
                "set contractgen.suite.package"
            }
        val registry = Class.forName("$base.Messages")
        val messages = registry.getField("INSTANCE").get(null)
        val find = registry.getMethod("find", String::class.java, String::class.java)
        val cases = Json.parseToJsonElement(File(dir, "cases.json").readText()) as JsonArray
        val rust = Json.parseToJsonElement(File(dir, "errors-rust.json").readText()) as JsonArray
        val agreement = mutableListOf<JsonObject>()
        val outcomes =
            cases.mapIndexed { index, element ->
                val case = element.jsonObject
                val text = { key: String -> case.getValue(key).jsonPrimitive.content }
                val outcome = { status: String, detail: String ->
                    JsonObject(
                        mapOf(
                            "file" to JsonPrimitive(text("file")),
                            "case" to JsonPrimitive(text("case")),
                            "test" to JsonPrimitive(text("test")),
                            "status" to JsonPrimitive(status),
                            "detail" to JsonPrimitive(detail),
                        )
                    )
                }
                if (!case.getValue("generated").jsonPrimitive.boolean) {
                    agreement.add(outcome("not generated", ""))
                    return@mapIndexed outcome("not generated", "")
                }
                val message = find.invoke(messages, text("contract"), text("message"))
                val errors = errors(message, case.getValue("data"))
                val expected = rust.getOrNull(index)
                val rustErrors =
                    (expected as? JsonArray)?.map { it.jsonPrimitive.content }?.sorted()
                agreement.add(
                    when {
                        errors == null -> outcome("failed", "no Kotlin validator")
                        rustErrors == errors -> outcome("passed", "")
                        else -> outcome("failed", "Rust: $rustErrors, Kotlin: $errors")
                    }
                )
                run(message, case, errors).let { (status, detail) -> outcome(status, detail) }
            }
        File(dir, "results-kotlin.json").writeText(JsonArray(outcomes).toString())
        File(dir, "results-agreement.json").writeText(JsonArray(agreement).toString())
    }

    /** The validator's errors on [data] as `ValidationError.toString()` writes them, sorted. */
    private fun errors(message: Any?, data: JsonElement): List<String>? {
        if (message == null) return null
        return try {
            val validate = message.javaClass.getMethod("validate", JsonElement::class.java)
            (validate.invoke(message, data) as List<*>).map { it.toString() }.sorted()
        } catch (_: ReflectiveOperationException) {
            null
        }
    }

    /** Whether the message's validator agrees with the case; a reason when it does not. */
    private fun run(message: Any?, case: JsonObject, errors: List<String>?): Pair<String, String> {
        if (message == null) return "failed" to "no generated message"
        val expected = case.getValue("valid").jsonPrimitive.boolean
        return try {
            val validate = message.javaClass.getMethod("validate", JsonElement::class.java)
            val found = errors ?: (validate.invoke(message, case.getValue("data")) as List<*>)
            if (found.isEmpty() == expected) "passed" to ""
            else "failed" to "expected valid=$expected, errors: $found"
        } catch (e: ReflectiveOperationException) {
            "failed" to "${e.cause ?: e}"
        }
    }
}
