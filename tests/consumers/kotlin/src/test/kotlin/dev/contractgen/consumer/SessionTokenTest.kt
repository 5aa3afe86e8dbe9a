package dev.contractgen.consumer

import contractgen.runtime.EmbeddedJson
import contractgen.runtime.InvalidPayloadException
import contracts.getsessiontoken.request.Payload
import contracts.getsessiontoken.request.Request
import contracts.getsessiontoken.request.SignaturePayload
import contracts.getsessiontoken.response.Response
import contracts.getsessiontoken.response.Status
import contracts.shared.processresult.Event
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import org.json.JSONObject
import org.junit.jupiter.api.Test

/** The generated contracts as a Kotlin 2.1 app sees them through the installed jars. */
class SessionTokenTest {
    private val requestId = "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b"
    // Key order and spacing as the backend signed them: they must survive byte for byte.
    private val signed =
        """{"merchant_id": "stock", "customer_id":"c-42","timestamp":"1668475749848"}"""
    private val bound =
        """
        {"requestId": "$requestId", "service": "in.juspay.hyperapi",
         "payload": {"action": "upiGetSessionToken", "status": "LINKED",
                     "isDeviceBound": "true", "isDeviceActivated": "true", "prefix": "ABC",
                     "sdkBuild": "7.1"},
         "error": false, "errorMessage": "", "errorCode": "", "event": "process_result"}
        """

    @Test
    fun `a request built in Kotlin is the JSONObject the SDK takes`() {
        val json = SessionToken.request(requestId, "key-1", "c2lnbmF0dXJl", signed)
        val payload = json.getJSONObject("payload")
        assertEquals("upiGetSessionToken", payload.getString("action"))
        assertEquals(signed, payload.getString("signaturePayload"))
        assertEquals(emptyList(), Request.validate(json))

        val decoded = Request.fromJSONObject(json)
        assertEquals(decoded, Request.fromJson(json.toString()))
        assertEquals("c-42", decoded.payload.signaturePayload.value.customerId)
        assertEquals(signed, decoded.payload.signaturePayload.raw)
    }

    @Test
    fun `a request that breaks the schema never leaves`() {
        val payload =
            Payload(
                merchantKeyId = "key-1",
                signature = "c2lnbmF0dXJl",
                signaturePayload = EmbeddedJson.of(SignaturePayload("stock", "c-42", "0")),
            )
        val thrown =
            assertFailsWith<InvalidPayloadException> {
                Request(requestId = "not-a-uuid", payload = payload).toJSONObject()
            }
        print(SessionToken.describe(thrown.errors))
        assertEquals(setOf("/requestId"), thrown.errors.map { it.instancePath }.toSet())
        assertTrue(thrown.errors.any { it.schemaLocation.endsWith("/pattern") })
    }

    @Test
    fun `a process_result is read from the JSONObject or the text the SDK hands back`() {
        val response = SessionToken.result(JSONObject(bound))
        assertEquals(Event.ProcessResult, response.event)
        assertEquals(Status.Linked, response.payload?.status)
        assertEquals(true, response.payload?.isDeviceBound)
        assertEquals("\"7.1\"", response.payload?.extra?.get("sdkBuild").toString())
        assertEquals(response, Response.fromJson(bound))
        assertEquals("7.1", response.toJSONObject().getJSONObject("payload").getString("sdkBuild"))
    }

    @Test
    fun `a process_result that breaks the schema is refused with every error`() {
        val reply = JSONObject(bound).put("error", true)
        reply.remove("errorCode")
        reply.getJSONObject("payload").put("status", 7)
        val errors = Response.validate(reply)
        print(SessionToken.describe(errors))
        assertEquals(errors, Response.validate(reply.toString()))
        assertTrue(errors.any { "errorCode" in it.message }, SessionToken.describe(errors))
        assertTrue(
            errors.any { it.instancePath == "/payload/status" },
            SessionToken.describe(errors),
        )
        val thrown = assertFailsWith<InvalidPayloadException> { SessionToken.result(reply) }
        assertEquals(errors, thrown.errors)
    }
}
