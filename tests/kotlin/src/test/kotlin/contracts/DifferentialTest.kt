package contracts

import contractgen.runtime.ContractMessage
import contractgen.runtime.InvalidPayloadException
import contractgen.runtime.StrictJson
import java.io.File
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

/**
 * Rust and Kotlin agree on the differential corpus. The Rust differential test writes seeded,
 * mutated instances of every message with the generated Rust validator's verdict, pointers and
 * errors to `target/conformance/differential/<contract>.<message>.tsv`; every message must have
 * such a file, and for each instance the Kotlin validator must give the same verdict, pointers and
 * errors (pointer, keyword location, message), `fromJson` must succeed exactly when it is valid,
 * and a valid instance must encode back to the same JSON (nothing lost).
 */
class DifferentialTest {
    private class Case(
        val number: String,
        val kinds: String,
        val json: String,
        val valid: Boolean,
        val pointers: Set<String>,
        val errors: MutableList<String> = mutableListOf(),
    )

    @TestFactory
    fun rustAndKotlinAgreeOnMutatedInstances(): List<DynamicTest> =
        Messages.all.map { message ->
            dynamicTest("${message.contract}/${message.message}") {
                val file =
                    File(
                        Vectors.root,
                        "target/conformance/differential/${message.contract}.${message.message}.tsv",
                    )
                if (!file.isFile) {
                    fail<Unit>(
                        "$file is missing: run `cargo test -p conformance --test differential` first"
                    )
                }
                val cases = parseAll(file)
                assertTrue(cases.isNotEmpty(), "$file has no instances")
                val problems = cases.mapNotNull { compare(message, it) }
                if (problems.isNotEmpty()) {
                    fail<Unit>(
                        "${problems.size} of ${cases.size} instances in $file disagree; the first:\n" +
                            problems.take(10).joinToString("\n")
                    )
                }
            }
        }

    /** `case` lines, each followed by its `error` lines. */
    private fun parseAll(file: File): List<Case> {
        val cases = mutableListOf<Case>()
        file.forEachLine { line ->
            if (line.isBlank()) return@forEachLine
            val fields = line.split('\t')
            when {
                fields[0] == "error" && fields.size == 4 -> {
                    val case = cases.lastOrNull() ?: fail("$file: error line before any case")
                    case.errors.add(fields.drop(1).joinToString("\t") { ResultsFiles.unescape(it) })
                }
                fields[0] == "case" &&
                    fields.size in 5..6 &&
                    fields[4] in setOf("valid", "invalid") -> {
                    val valid = fields[4] == "valid"
                    val pointers = fields.getOrNull(5).orEmpty()
                    val set = if (valid) emptySet() else pointers.split(',').toSet()
                    val json = ResultsFiles.unescape(fields[3])
                    cases.add(Case(fields[1], fields[2], json, valid, set))
                }
                else -> fail<Unit>("$file: malformed line \"${line.take(200)}\"")
            }
        }
        return cases
    }

    /** What differs between Rust and Kotlin on [case], or null when they agree. */
    private fun compare(message: ContractMessage<*>, case: Case): String? {
        val about = "case ${case.number} (${case.kinds})"
        val errors = message.validate(StrictJson.parse(case.json, message.schemaFile))
        val pointers = errors.map { it.instancePath }.toSet()
        if (case.valid != errors.isEmpty()) {
            return "$about: Rust says ${verdict(case.valid)}, Kotlin ${verdict(errors.isEmpty())}: $errors"
        }
        if (case.pointers != pointers) {
            return "$about: Rust reports at ${case.pointers}, Kotlin at $pointers"
        }
        val kotlin = errors.map { "${it.instancePath}\t${it.schemaLocation}\t${it.message}" }
        if (case.errors.sorted() != kotlin.sorted()) {
            return "$about: errors differ: Rust ${case.errors.sorted()}, Kotlin ${kotlin.sorted()}"
        }
        val decoded =
            try {
                message.fromJson(case.json)
                true
            } catch (e: InvalidPayloadException) {
                false
            }
        if (decoded != case.valid) {
            return "$about: fromJson ${if (decoded) "accepted" else "refused"} a ${verdict(case.valid)} instance"
        }
        val repeated = repeatedMember(message, case.json)
        if (repeated != null) return "$about: $repeated"
        if (case.valid) {
            val sent = StrictJson.parse(case.json, message.schemaFile)
            val back = message.reencode(sent)
            if (back != sent) {
                return "$about: decoded and encoded again to a different value: $back"
            }
        }
        return null
    }

    /**
     * The text with its first member given twice (what a parsed tree cannot show): `fromJson` must
     * refuse it with one error, at that member's pointer. Null when it does (or the text is no
     * object with members).
     */
    private fun repeatedMember(message: ContractMessage<*>, json: String): String? {
        val members = StrictJson.parse(json, message.schemaFile) as? JsonObject ?: return null
        val (name, value) = members.entries.firstOrNull() ?: return null
        val text = "{${JsonPrimitive(name)}:$value,${json.removePrefix("{")}"
        val pointer = "/" + name.replace("~", "~0").replace("/", "~1")
        val errors =
            try {
                message.fromJson(text)
                return "fromJson accepted $text"
            } catch (e: InvalidPayloadException) {
                e.errors
            }
        return if (errors.size == 1 && errors[0].instancePath == pointer) null
        else "fromJson refused $text with $errors, not one error at $pointer"
    }

    private fun verdict(valid: Boolean) = if (valid) "valid" else "invalid"
}
