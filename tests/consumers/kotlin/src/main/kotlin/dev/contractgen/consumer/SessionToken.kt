package dev.contractgen.consumer

import contractgen.runtime.EmbeddedJson
import contractgen.runtime.ValidationError
import contracts.getsessiontoken.request.Payload
import contracts.getsessiontoken.request.Request
import contracts.getsessiontoken.request.SignaturePayload
import contracts.getsessiontoken.response.Response
import org.json.JSONObject

/**
 * What a merchant's Android app written in Kotlin does around `HyperServices.process` for Get
 * Session Token: it builds the request from what its backend signed, hands it over as a
 * `JSONObject`, and reads the `process_result` the SDK hands back.
 */
object SessionToken {
    /**
     * The process payload. [signaturePayload] is the exact string the backend signed: it travels
     * unchanged, so the signature stays valid. Throws `InvalidPayloadException` when the request
     * would break the schema.
     */
    fun request(
        requestId: String,
        merchantKeyId: String,
        signature: String,
        signaturePayload: String,
    ): JSONObject {
        val signed = EmbeddedJson.parse(signaturePayload, SignaturePayload.serializer())
        // `action` and `service` are typed constants, filled in by the constructors.
        val payload =
            Payload(merchantKeyId = merchantKeyId, signature = signature, signaturePayload = signed)
        return Request(requestId = requestId, payload = payload).toJSONObject()
    }

    /** The `process_result` the SDK hands back, validated and decoded. */
    fun result(processResult: JSONObject): Response = Response.fromJSONObject(processResult)

    /** One line per broken rule, as an app would log them. */
    fun describe(errors: List<ValidationError>): String =
        errors.joinToString("") {
            "${it.instancePath.ifEmpty { "(root)" }}: ${it.message} [${it.schemaLocation}]\n"
        }
}
