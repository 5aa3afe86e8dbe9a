package contracts.bench

import com.fasterxml.jackson.databind.JsonNode
import com.networknt.schema.Schema
import contractgen.runtime.ContractMessage
import contractgen.runtime.StrictJson
import contracts.Messages
import java.util.concurrent.TimeUnit
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import org.openjdk.jmh.annotations.Benchmark
import org.openjdk.jmh.annotations.BenchmarkMode
import org.openjdk.jmh.annotations.Mode
import org.openjdk.jmh.annotations.OutputTimeUnit
import org.openjdk.jmh.annotations.Param
import org.openjdk.jmh.annotations.Scope
import org.openjdk.jmh.annotations.Setup
import org.openjdk.jmh.annotations.State

/*
 * The generated Kotlin against networknt (the baseline) on the same schemas, settings and payloads,
 * as tests/conformance/benches/validate.rs does for Rust. One operation goes over every vector of a
 * (message, valid|invalid) group. Results are recorded in BENCHMARKS.md.
 */

/** The generated code of [message]. */
private fun generated(message: String): ContractMessage<*> =
    checkNotNull(Messages.find(Corpus.CONTRACT, message)) { "no generated message $message" }

/**
 * Validation collecting every error, each side from its own already-parsed tree: the generated
 * `<Message>.validate(JsonElement)` against networknt's `Schema.validate(JsonNode)`, with and
 * without the content keywords asserted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
open class ValidateAllErrors {
    @Param("request", "response") @JvmField var message: String = ""

    @Param("valid", "invalid") @JvmField var kind: String = ""

    private lateinit var contract: ContractMessage<*>
    private lateinit var elements: List<JsonElement>
    private lateinit var nodes: List<JsonNode>
    private lateinit var baseline: Schema
    private lateinit var baselineNoContent: Schema

    @Setup
    fun load() {
        val texts = Corpus.texts(message, kind)
        contract = generated(message)
        elements = texts.map { Json.parseToJsonElement(it) }
        nodes = texts.map { Networknt.mapper.readTree(it) }
        baseline = Networknt.schema(message, assertContent = true)
        baselineNoContent = Networknt.schema(message, assertContent = false)
        // Both sides must reach the vectors' verdicts, or the comparison is not like for like.
        val valid = kind == "valid"
        for (i in texts.indices) {
            check(contract.validate(elements[i]).isEmpty() == valid) { "generated, vector $i" }
            check(baseline.validate(nodes[i]).isEmpty() == valid) { "networknt, vector $i" }
        }
    }

    @Benchmark
    fun generated(): Int {
        var errors = 0
        for (element in elements) errors += contract.validate(element).size
        return errors
    }

    @Benchmark
    fun networknt(): Int {
        var errors = 0
        for (node in nodes) errors += baseline.validate(node).size
        return errors
    }

    /** networknt as it comes: `contentMediaType`/`contentSchema` only annotate. */
    @Benchmark
    fun networkntNoContent(): Int {
        var errors = 0
        for (node in nodes) errors += baselineNoContent.validate(node).size
        return errors
    }
}

/**
 * Text to a checked value, valid payloads only: the generated `fromJson(String)` (strict parse,
 * validate, decode into the data classes) against Jackson's `readTree` and networknt's `validate`,
 * which yields only an untyped tree.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
open class TextToCheckedValue {
    @Param("request", "response") @JvmField var message: String = ""

    private lateinit var contract: ContractMessage<*>
    private lateinit var texts: List<String>
    private lateinit var baseline: Schema

    @Setup
    fun load() {
        contract = generated(message)
        texts = Corpus.texts(message, "valid")
        baseline = Networknt.schema(message, assertContent = true)
    }

    @Benchmark fun generatedTyped(): Int = texts.count { contract.fromJson(it) != null }

    @Benchmark
    fun jacksonNetworknt(): Int =
        texts.count { baseline.validate(Networknt.mapper.readTree(it)).isEmpty() }
}

/**
 * The payloads of [Payloads], each side from its own already-parsed tree (validation collecting
 * every error), and for the valid ones text to a checked value: the generated `fromJson(String)`
 * against Jackson's `readTree` and networknt's `validate`.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
open class RealPayloads {
    @Param("seed response", "LINKED 50x3", "LINKED 50x3, 6 errors", "seed request")
    @JvmField
    var payload: String = ""

    private lateinit var contract: ContractMessage<*>
    private lateinit var message: String
    private lateinit var text: String
    private lateinit var element: JsonElement
    private lateinit var node: JsonNode
    private lateinit var baseline: Schema

    @Setup
    fun load() {
        val named = Payloads.named(payload)
        message = named.message
        contract = generated(named.message)
        text = named.text
        element = Json.parseToJsonElement(text)
        node = Networknt.mapper.readTree(text)
        baseline = Networknt.schema(named.message, assertContent = true)
        // Both sides must see the payload as its name says before anything is timed.
        val errors = contract.validate(element)
        check(errors.size == named.errors) { "$payload: generated reports $errors" }
        check(baseline.validate(node).isEmpty() == (named.errors == 0)) { "$payload: networknt" }
        check(Floor.decodes(named.message, text)) { "$payload: the floor does not decode it" }
    }

    @Benchmark fun validateGenerated(): Int = contract.validate(element).size

    @Benchmark fun validateNetworknt(): Int = baseline.validate(node).size

    /** An invalid payload is rejected (an exception carrying every error) on this side. */
    @Benchmark fun fromJsonGenerated(): Boolean = runCatching { contract.fromJson(text) }.isSuccess

    @Benchmark
    fun fromJsonJacksonNetworknt(): Boolean =
        baseline.validate(Networknt.mapper.readTree(text)).isEmpty()

    /** The floor: kotlinx's own decoding of the same fields from the text, with no checks. */
    @Benchmark fun fromJsonFloor(): Boolean = Floor.decodes(message, text)

    /** The parts of [fromJsonGenerated]: the strict read of the text into a tree... */
    @Benchmark fun parseGenerated(): JsonElement = StrictJson.parse(text)

    /** ...and validating and decoding that tree (the rest). */
    @Benchmark
    fun fromTreeGenerated(): Boolean = runCatching { contract.fromJsonElement(element) }.isSuccess

    /** Jackson's part of [fromJsonJacksonNetworknt]. */
    @Benchmark fun parseJackson(): JsonNode = Networknt.mapper.readTree(text)
}
