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
 * report. Run with `-Dcontractgen.suite=<suite work dir>` and `-Dcontractgen.suite.package=<base
 * package of the generated project>`.
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
        val outcomes =
            cases.map { element ->
                val case = element.jsonObject
                val text = { key: String -> case.getValue(key).jsonPrimitive.content }
                val (status, detail) =
                    if (!case.getValue("generated").jsonPrimitive.boolean) {
                        "not generated" to ""
                    } else {
                        run(find.invoke(messages, text("contract"), text("message")), case)
                    }
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
        File(dir, "results-kotlin.json").writeText(JsonArray(outcomes).toString())
    }

    /** Whether the message's validator agrees with the case; a reason when it does not. */
    private fun run(message: Any?, case: JsonObject): Pair<String, String> {
        if (message == null) return "failed" to "no generated message"
        val expected = case.getValue("valid").jsonPrimitive.boolean
        return try {
            val validate = message.javaClass.getMethod("validate", JsonElement::class.java)
            val errors = validate.invoke(message, case.getValue("data")) as List<*>
            if (errors.isEmpty() == expected) "passed" to ""
            else "failed" to "expected valid=$expected, errors: $errors"
        } catch (e: ReflectiveOperationException) {
            "failed" to "${e.cause ?: e}"
        }
    }
}
