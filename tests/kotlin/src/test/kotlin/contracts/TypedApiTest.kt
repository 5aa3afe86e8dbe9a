package contracts

import contractgen.runtime.EmbeddedJson
import contractgen.runtime.InvalidPayloadException
import contracts.getsessiontoken.request.Payload
import contracts.getsessiontoken.request.Request
import contracts.getsessiontoken.request.SignaturePayload
import contracts.getsessiontoken.response.Response
import contracts.getsessiontoken.response.Status
import org.json.JSONObject
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The generated Get Session Token types used as an Android app would use them. */
class TypedApiTest {
    private val requestId = "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b"

    @Test
    fun buildsARequestForHyperServices() {
        val request =
            Request(
                requestId = requestId,
                payload =
                    Payload(
                        merchantKeyId = "key",
                        signature = "c2lnbmF0dXJl",
                        signaturePayload =
                            EmbeddedJson.of(
                                SignaturePayload(
                                    merchantId = "stock",
                                    customerId = "abcde12345",
                                    timestamp = "1668389349848",
                                )
                            ),
                    ),
            )
        val json: JSONObject = request.toJSONObject()
        assertEquals("in.juspay.hyperapi", json.getString("service"))
        assertEquals(
            """{"merchant_id":"stock","customer_id":"abcde12345","timestamp":"1668389349848"}""",
            json.getJSONObject("payload").getString("signaturePayload"),
        )
        assertEquals(request, Request.fromJSONObject(json))
    }

    @Test
    fun keepsTheSignedStringByteForByteAndUnknownFields() {
        val signed =
            "{ \"merchant_id\": \"m\",\n  \"customer_id\": \"c\", \"timestamp\": \"0\", \"new\": 1 }"
        val text =
            JSONObject()
                .put("requestId", requestId)
                .put("service", "in.juspay.hyperapi")
                .put("sdkVersion", "2.1")
                .put(
                    "payload",
                    JSONObject()
                        .put("action", "upiGetSessionToken")
                        .put("merchantKeyId", "key")
                        .put("signature", "sig")
                        .put("signaturePayload", signed),
                )
                .toString()
        val request = Request.fromJson(text)
        assertEquals(signed, request.payload.signaturePayload.raw)
        assertEquals("m", request.payload.signaturePayload.value.merchantId)
        assertEquals(
            mapOf("new" to "1"),
            request.payload.signaturePayload.value.extra.mapValues { it.value.toString() },
        )
        assertEquals("\"2.1\"", request.extra["sdkVersion"].toString())
        val again = Request.fromJson(request.toJson())
        assertEquals(signed, again.payload.signaturePayload.raw)
        assertEquals(request, again)
    }

    @Test
    fun readsStringBooleansAndEnums() {
        val response =
            Response.fromJson(
                """{"payload":{"action":"getSessionToken","status":"BOUND","isDeviceBound":"true",
                "isDeviceActivated":"false","prefix":"ABC"},"error":false}"""
            )
        val payload = response.payload!!
        assertEquals(Status.Bound, payload.status)
        assertEquals(true, payload.isDeviceBound)
        assertEquals(false, payload.isDeviceActivated)
        assertEquals(
            "\"true\"",
            response.toJsonElement().toString().let {
                Regex("\"isDeviceBound\":(\"[a-z]+\")").find(it)!!.groupValues[1]
            },
        )
    }

    @Test
    fun keepsAStatusTheContractDoesNotListAndReadsErrorReplies() {
        val response =
            Response.fromJson(
                """{"payload":{"action":"upiGetSessionToken","status":"SUSPENDED",
                "isDeviceBound":"true","isDeviceActivated":"false","prefix":"ABC"}}"""
            )
        val status = response.payload!!.status!!
        assertEquals(Status.Other("SUSPENDED"), status)
        assertEquals("SUSPENDED", status.value)
        assertEquals(Status.Linked, Status.of("LINKED"))
        assertTrue(response.toJson().contains("\"status\":\"SUSPENDED\""))
        val reply =
            Response.fromJson(
                """{"payload":{"action":"upiGetSessionToken"},"error":true,"errorCode":"JP_001",
                "errorMessage":"Timed Out"}"""
            )
        assertEquals("JP_001", reply.errorCode)
        assertEquals(null, reply.payload!!.status)
    }

    @Test
    fun rejectsWhatTheSchemaRejectsEvenWhereKotlinxWouldCoerce() {
        val error =
            assertThrows<InvalidPayloadException> {
                Response.fromJson(
                    """{"payload":{"action":"getSessionToken","status":"BOUND","isDeviceBound":true,
                    "isDeviceActivated":"false","prefix":"ABC"}}"""
                )
            }
        assertEquals(setOf("/payload/isDeviceBound"), error.errors.map { it.instancePath }.toSet())
        assertThrows<InvalidPayloadException> { Response.fromJson("{'payload': {}}") }
    }

    @Test
    fun refusesToEncodeAnInvalidPayload() {
        val request =
            Request(
                requestId = "not-a-uuid",
                payload =
                    Payload(
                        merchantKeyId = "key",
                        signature = "sig",
                        signaturePayload = EmbeddedJson.of(SignaturePayload("m", "c", "1")),
                    ),
            )
        val error = assertThrows<InvalidPayloadException> { request.toJsonElement() }
        assertEquals(setOf("/requestId"), error.errors.map { it.instancePath }.toSet())
    }
}
