package contracts

import contractgen.runtime.StrictJson
import java.io.File
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.fail
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

/**
 * Rust and Kotlin agree on every vector. The Rust conformance test writes its verdict, error
 * pointers and errors per vector to `target/conformance/rust-results.tsv`; every vector found here
 * must have a line there, and the Kotlin validator must give the same verdict, the same set of
 * pointers and the same errors: pointer, keyword location and message (the message catalogue's
 * text, rendered by each printer).
 */
class AgreementTest {
    private class RustResult(
        val valid: Boolean,
        val pointers: Set<String>,
        val errors: MutableList<String> = mutableListOf(),
    )

    @TestFactory
    fun rustAndKotlinAgree(): List<DynamicTest> {
        val file = File(Vectors.root, "target/conformance/rust-results.tsv")
        if (!file.isFile) {
            fail<Unit>("$file is missing: run `cargo test --workspace` first")
        }
        val results = parseAll(file.readLines().filter { it.isNotBlank() })
        return Vectors.all().map { vector ->
            dynamicTest(vector.displayPath) {
                val result =
                    results[vector.file.canonicalFile]
                        ?: fail("no Rust result for ${vector.displayPath} in $file")
                compare(vector, result)
            }
        }
    }

    /** Vector lines, each followed by its `error` lines. */
    private fun parseAll(lines: List<String>): Map<File, RustResult> {
        val results = LinkedHashMap<File, RustResult>()
        var current: RustResult? = null
        for (line in lines) {
            if (line.startsWith("error\t")) {
                val fields = line.split('\t')
                val result = current ?: fail("error line before any vector in rust-results.tsv")
                if (fields.size != 4) {
                    fail<Unit>("malformed error line in rust-results.tsv: \"$line\"")
                }
                result.errors.add(fields.drop(1).joinToString("\t") { ResultsFiles.unescape(it) })
            } else {
                val (file, result) = parse(line)
                results[file] = result
                current = result
            }
        }
        return results
    }

    /** `<path>\t<valid|invalid>\t<pointers>`; an error at the root is the empty pointer. */
    private fun parse(line: String): Pair<File, RustResult> {
        val fields = line.split('\t')
        if (fields.size !in 2..3 || fields[1] !in setOf("valid", "invalid")) {
            fail<Unit>("malformed line in rust-results.tsv: \"$line\"")
        }
        val valid = fields[1] == "valid"
        val pointers = fields.getOrNull(2).orEmpty()
        val set = if (valid && pointers.isEmpty()) emptySet() else pointers.split(',').toSet()
        return Vectors.resolve(fields[0]) to RustResult(valid, set)
    }

    private fun compare(vector: Vector, rust: RustResult) {
        val message =
            Messages.find(vector.contract, vector.message)
                ?: fail("${vector.displayPath}: no generated Kotlin class")
        val errors = message.validate(StrictJson.parse(vector.file.readText()))
        val pointers = errors.map { it.instancePath }.toSet()
        assertEquals(rust.valid, errors.isEmpty(), "verdicts differ; Kotlin errors: $errors")
        assertEquals(rust.pointers, pointers, "error pointers differ; Kotlin errors: $errors")
        val kotlin = errors.map { "${it.instancePath}\t${it.schemaLocation}\t${it.message}" }
        assertEquals(rust.errors.sorted(), kotlin.sorted(), "errors (pointer, keyword, message)")
    }
}
