package contracts.bench

import java.io.File
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put

/**
 * The payloads an app and a backend actually handle, the same as the Rust decode benchmark's
 * (tests/conformance/benches/decode/main.rs): the seed response, a LINKED response with 50 VPAs × 3
 * accounts, the same with six errors, and the seed request.
 */
object Payloads {
    /** A payload by name: its message, its text and the errors `validate` reports. */
    class Payload(val message: String, val text: String, val errors: Int)

    val names = listOf("seed response", "LINKED 50x3", "LINKED 50x3, 6 errors", "seed request")

    fun named(name: String): Payload =
        when (name) {
            "seed response" -> Payload("response", vector("response/valid/page_example.json"), 0)
            "LINKED 50x3" -> Payload("response", linked(50).toString(), 0)
            "LINKED 50x3, 6 errors" -> Payload("response", withErrors(linked(50)).toString(), 6)
            "seed request" ->
                Payload("request", vector("request/valid/page_example_upi_action.json"), 0)
            else -> error("no payload named $name")
        }

    private fun vector(path: String): String =
        File(Corpus.root, "tests/vectors/${Corpus.CONTRACT}/$path").readText()

    private fun account(i: Int, j: Int): JsonObject {
        val n = i * 3 + j
        return buildJsonObject {
            put("bankCode", "%06d".format(500_000 + n))
            put("bankName", "ICICI Bank")
            put("maskedAccountNumber", "XXXXXXXX%04d".format(n))
            put("mpinLength", "6")
            put("mpinSet", "true")
            put("referenceId", "c2a1e0f9b8d7465a9e3f2b1c0d9e%04x".format(n))
            put("otpLength", "6")
            put("atmPinLength", "4")
            put("type", "Savings")
            put("branchName", "Koramangala")
            put("bankAccountUniqueId", "ICIC0001234-XXXX%04d-7f3e".format(n))
            put("ifsc", "ICIC0001234")
            put("isPrimary", if (j == 0) "true" else "false")
            put("name", "ABC")
        }
    }

    private fun linked(vpas: Int): JsonObject = buildJsonObject {
        put("requestId", "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b")
        put("service", "in.juspay.hyperapi")
        put(
            "payload",
            buildJsonObject {
                put("action", "upiGetSessionToken")
                put("status", "LINKED")
                put("isDeviceBound", "true")
                put("isDeviceActivated", "true")
                put("prefix", "ABC")
                put(
                    "vpaAccounts",
                    buildJsonArray {
                        for (i in 0 until vpas) {
                            add(
                                buildJsonObject {
                                    put("vpa", "user$i@okicici")
                                    put("accounts", JsonArray((0 until 3).map { account(i, it) }))
                                    put("isDefault", if (i == 0) "true" else "false")
                                }
                            )
                        }
                    },
                )
                put("customerMobileNumber", "XXXXXX3210")
                put("deviceFingerPrint", "6c1b0e4f2a9d8c7b")
                put("expiryTimestamp", "1668475749848")
            },
        )
        put("error", false)
        put("errorMessage", "")
        put("errorCode", "")
        put("event", "process_result")
    }

    /** Six broken rules spread over the response, the same as the Rust benchmark's. */
    private fun withErrors(response: JsonObject): JsonObject {
        val breaks: List<Pair<List<Any>, JsonElement>> =
            listOf(
                listOf("payload", "vpaAccounts", 0, "accounts", 0, "mpinSet") to
                    JsonPrimitive("yes"),
                listOf("payload", "vpaAccounts", 7, "accounts", 1, "mpinLength") to
                    JsonPrimitive("six"),
                listOf("payload", "vpaAccounts", 19, "isDefault") to JsonPrimitive("no"),
                listOf("payload", "vpaAccounts", 23, "accounts", 2, "bankName") to
                    JsonPrimitive(42),
                listOf("payload", "vpaAccounts", 31, "vpa") to kotlinx.serialization.json.JsonNull,
                listOf("payload", "isDeviceBound") to JsonPrimitive("maybe"),
            )
        return breaks.fold(response) { value, (path, broken) ->
            replace(value, path, broken) as JsonObject
        }
    }

    private fun replace(value: JsonElement, path: List<Any>, with: JsonElement): JsonElement {
        if (path.isEmpty()) return with
        val head = path.first()
        val rest = path.drop(1)
        return when (value) {
            is JsonObject ->
                JsonObject(
                    value.mapValues { (key, child) ->
                        if (key == head) replace(child, rest, with) else child
                    }
                )
            is JsonArray ->
                JsonArray(
                    value.mapIndexed { index, child ->
                        if (index == head) replace(child, rest, with) else child
                    }
                )
            else -> value
        }
    }
}
