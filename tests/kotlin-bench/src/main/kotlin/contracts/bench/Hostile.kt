package contracts.bench

import contractgen.runtime.ContractMessage
import contractgen.runtime.InvalidPayloadException
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
 * Hostile input against the generated Kotlin of the Get Session Token response, the same payloads
 * as tests/conformance/benches/hostile.rs, each at 1×, 2× and 4× its size so that time linear in the
 * size shows as ratios of 2 and 4. Results are recorded in BENCHMARKS.md.
 */

/** The hostile payloads: each one's text at a scale, and where it must be refused (null: valid). */
object HostilePayloads {
    private const val MPIN_LENGTH = "/payload/vpaAccounts/0/account/mpinLength"
    private const val UUID = "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b"

    /** The frame is level 1 and a member's value level 2, so 99 nested arrays reach the limit. */
    private const val AT_LIMIT = 99

    class Payload(val text: String, val refusedAt: String?)

    private fun account(mpinLength: String = "6"): String =
        """{"bankCode":"1","bankName":"B","maskedAccountNumber":"X","mpinLength":"$mpinLength",""" +
            """"mpinSet":"true","referenceId":"r","otpLength":"6","atmPinLength":"4"}"""

    /**
     * A LINKED success reply; [vpaAccounts] is the array's inner text, [tail] extra root members
     * (each starting with a comma). Built as text: tree builders would dominate the setup at 40 MB.
     */
    private fun linked(
        requestId: String = UUID,
        errorMessage: String = "",
        vpaAccounts: String = """{"vpa":"user@okicici","account":${account()}}""",
        tail: String = "",
    ): String =
        """{"requestId":"$requestId","service":"in.juspay.hyperapi","payload":{""" +
            """"action":"upiGetSessionToken","status":"LINKED","isDeviceBound":"true",""" +
            """"isDeviceActivated":"true","prefix":"ABC","vpaAccounts":[$vpaAccounts]},""" +
            """"error":false,"errorMessage":"$errorMessage","errorCode":"",""" +
            """"event":"process_result"$tail}"""

    private fun withMpinLength(value: String): String =
        linked(vpaAccounts = """{"vpa":"user@okicici","account":${account(value)}}""")

    private fun nested(depth: Int): String = "[".repeat(depth) + "]".repeat(depth)

    fun named(name: String, scale: Int): Payload {
        val mb10 = 10_000_000 * scale
        val kb100 = 100_000 * scale
        return when (name) {
            "a 10MB pattern" -> Payload(withMpinLength("7".repeat(mb10)), null)
            "a 10MB no pattern" -> Payload(linked(errorMessage = "a".repeat(mb10)), null)
            "b 100k vpaAccounts" -> {
                val item = """{"vpa":"v","account":${account()}}"""
                Payload(
                    linked(vpaAccounts = List(100_000 * scale) { item }.joinToString(",")),
                    null,
                )
            }
            "b 100k unknown member" -> {
                val array = List(100_000 * scale) { "0" }.joinToString(",")
                Payload(linked(tail = ""","unknownList":[$array]"""), null)
            }
            "c 100KB digits match" -> Payload(withMpinLength("7".repeat(kb100)), null)
            "c 100KB digits fail last" ->
                Payload(withMpinLength("7".repeat(kb100 - 1) + "x"), MPIN_LENGTH)
            "c 100KB hex uuid" -> Payload(linked(requestId = "a".repeat(kb100)), "/requestId")
            "c uuid+100KB tail" ->
                Payload(linked(requestId = UUID + "a".repeat(kb100 - UUID.length)), "/requestId")
            "d 1k at depth limit, 1 past" -> {
                val members =
                    (0 until 1_000 * scale).joinToString("") { ""","k$it":${nested(AT_LIMIT)}""" }
                Payload(
                    linked(tail = members + ""","last":${nested(AT_LIMIT + 1)}"""),
                    "/last" + "/0".repeat(AT_LIMIT),
                )
            }
            else -> error("no hostile payload named $name")
        }
    }
}

/**
 * The generated `Response.validate(JsonElement)` on a tree parsed in the setup, and
 * `Response.fromJson(String)` (strict parse, validate, decode) on the text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
open class Hostile {
    @Param(
        "a 10MB pattern",
        "a 10MB no pattern",
        "b 100k vpaAccounts",
        "b 100k unknown member",
        "c 100KB digits match",
        "c 100KB digits fail last",
        "c 100KB hex uuid",
        "c uuid+100KB tail",
        "d 1k at depth limit, 1 past",
    )
    @JvmField
    var payload: String = ""

    @Param("1", "2", "4") @JvmField var scale: Int = 1

    private lateinit var contract: ContractMessage<*>
    private lateinit var text: String
    private lateinit var element: JsonElement

    @Setup
    fun load() {
        contract = checkNotNull(Messages.find(Corpus.CONTRACT, "response")) { "no response" }
        val named = HostilePayloads.named(payload, scale)
        text = named.text
        element = Json.parseToJsonElement(text)
        // The verdict (and where a refusal is) must be what the payload's name says before
        // anything is timed, through both entry points.
        val errors = contract.validate(element).map { it.instancePath }
        val decoded =
            try {
                contract.fromJson(text)
                emptyList()
            } catch (e: InvalidPayloadException) {
                e.errors.map { it.instancePath }.ifEmpty { listOf("no errors: ${e.message}") }
            }
        for ((side, paths) in listOf("validate" to errors, "fromJson" to decoded)) {
            val expected = named.refusedAt
            val ok =
                if (expected == null) paths.isEmpty()
                else paths.isNotEmpty() && paths.all { it == expected }
            check(ok) { "$payload ${scale}x, $side: expected ${expected ?: "valid"}, found $paths" }
        }
    }

    @Benchmark fun validate(): Int = contract.validate(element).size

    /** A refused payload is an exception carrying every error on this side. */
    @Benchmark fun fromJson(): Boolean = runCatching { contract.fromJson(text) }.isSuccess
}
