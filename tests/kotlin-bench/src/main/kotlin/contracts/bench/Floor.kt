package contracts.bench

import kotlinx.serialization.SerialName
import kotlinx.serialization.Serializable
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonObject

/*
 * The floor on the JVM, as tests/conformance/benches/decode/floor.rs is for Rust: the kotlinx
 * plugin's own decoding of the same fields the generated classes have, straight from the text with
 * no tree and no checks at all (string booleans and digit strings stay strings, unknown members are
 * dropped). What a checked typed decode could cost hardly more than.
 */

private val floorJson = Json { ignoreUnknownKeys = true }

@Serializable
private class FloorResponse(
    val requestId: String? = null,
    val service: String? = null,
    val payload: FloorPayload? = null,
    val error: Boolean? = null,
    val errorMessage: String? = null,
    val errorCode: String? = null,
    val event: String? = null,
)

@Serializable
private enum class FloorAction {
    @SerialName("upiGetSessionToken") UpiGetSessionToken,
    @SerialName("getSessionToken") GetSessionToken,
}

@Serializable
private enum class FloorStatus {
    NOPERMISSION,
    FRESH,
    BOUND,
    LINKED,
}

@Serializable
private class FloorPayload(
    val action: FloorAction,
    val status: FloorStatus,
    val isDeviceBound: String,
    val isDeviceActivated: String,
    val prefix: String,
    val vpaAccounts: List<FloorVpaAccount>? = null,
    val customerMobileNumber: String? = null,
    val deviceFingerPrint: String? = null,
    val expiryTimestamp: String? = null,
    val otherInfo: String? = null,
)

@Serializable
private class FloorVpaAccount(
    val vpa: String,
    val accounts: List<FloorBankAccount>? = null,
    val account: FloorBankAccount? = null,
    val isDefault: String? = null,
)

@Serializable
private class FloorBankAccount(
    val bankCode: String,
    val bankName: String,
    val maskedAccountNumber: String,
    val mpinLength: String,
    val mpinSet: String,
    val referenceId: String,
    val otpLength: String,
    val atmPinLength: String,
    val type: String? = null,
    val branchName: String? = null,
    val bankAccountUniqueId: String? = null,
    val ifsc: String? = null,
    val isPrimary: String? = null,
    val name: String? = null,
)

@Serializable
private class FloorRequest(
    val requestId: String,
    val service: String,
    val payload: FloorRequestPayload,
)

@Serializable
private class FloorRequestPayload(
    val action: String,
    val merchantKeyId: String,
    val signature: String,
    val signaturePayload: String,
    val udfParameters: String? = null,
)

@Serializable
@Suppress("PropertyName")
private class FloorSignaturePayload(
    val merchant_id: String,
    val customer_id: String,
    val timestamp: String,
)

object Floor {
    /**
     * Whether [text] decodes into the fields of [message]; the request's embedded signature payload
     * (and UDF parameters) are decoded too, as the generated class does.
     */
    fun decodes(message: String, text: String): Boolean =
        runCatching {
                when (message) {
                    "response" -> floorJson.decodeFromString<FloorResponse>(text)
                    "request" -> {
                        val payload = floorJson.decodeFromString<FloorRequest>(text).payload
                        payload.udfParameters?.let { floorJson.decodeFromString<JsonObject>(it) }
                        floorJson.decodeFromString<FloorSignaturePayload>(payload.signaturePayload)
                    }
                    else -> error("no floor for $message")
                }
            }
            .isSuccess
}
