package dev.contractgen.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import contractgen.runtime.EmbeddedJson;
import contractgen.runtime.InvalidPayloadException;
import contractgen.runtime.ValidationError;
import contracts.getsessiontoken.request.Payload;
import contracts.getsessiontoken.request.Request;
import contracts.getsessiontoken.request.SignaturePayload;
import contracts.getsessiontoken.response.Response;
import contracts.getsessiontoken.response.Status;
import contracts.shared.processresult.Event;
import java.util.List;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The generated contracts as Java sees them through the installed jars. */
class SessionTokenTest {
    private static final String REQUEST_ID = "f7443c1d-9acb-4b3d-9ae5-0e3c33dfcf5b";
    // Key order and spacing as the backend signed them: they must survive byte for byte.
    private static final String SIGNED =
            "{\"merchant_id\": \"stock\", \"customer_id\":\"c-42\",\"timestamp\":\"1668475749848\"}";

    private static final String BOUND =
            "{\"requestId\":\"" + REQUEST_ID + "\",\"service\":\"in.juspay.hyperapi\","
                    + "\"payload\":{\"action\":\"upiGetSessionToken\",\"status\":\"BOUND\","
                    + "\"isDeviceBound\":\"true\",\"isDeviceActivated\":\"false\","
                    + "\"prefix\":\"ABC\",\"sdkBuild\":\"7.1\"},"
                    + "\"error\":false,\"errorMessage\":\"\",\"errorCode\":\"\","
                    + "\"event\":\"process_result\"}";

    @Test
    void aRequestBuiltInJavaIsTheJSONObjectTheSdkTakes() {
        JSONObject json = SessionToken.request(REQUEST_ID, "key-1", "c2lnbmF0dXJl", SIGNED);
        assertEquals("in.juspay.hyperapi", json.getString("service"));
        JSONObject payload = json.getJSONObject("payload");
        assertEquals("upiGetSessionToken", payload.getString("action"));
        assertEquals(SIGNED, payload.getString("signaturePayload"));
        assertTrue(Request.validate(json).isEmpty(), () -> SessionToken.describe(Request.validate(json)));

        // Back from the JSONObject (and from its text) to the same typed value.
        Request decoded = Request.fromJSONObject(json);
        assertEquals(decoded, Request.fromJson(json.toString()));
        assertEquals("c-42", decoded.getPayload().getSignaturePayload().getValue().getCustomerId());
        assertEquals(SIGNED, decoded.getPayload().getSignaturePayload().getRaw());
        assertTrue(decoded.getExtra().isEmpty());
    }

    @Test
    void aRequestThatBreaksTheSchemaNeverLeaves() {
        SignaturePayload signed = new SignaturePayload("stock", "c-42", "1668475749848");
        Payload payload =
                new Payload(
                        "key-1",
                        "c2lnbmF0dXJl",
                        EmbeddedJson.of(signed, SignaturePayload.Companion.serializer()));
        Request request = new Request("not-a-uuid", payload);
        InvalidPayloadException thrown =
                assertThrows(InvalidPayloadException.class, request::toJSONObject);
        List<ValidationError> errors = thrown.getErrors();
        System.out.print(SessionToken.describe(errors));
        // A uuid that is not one breaks both its format and its pattern, both at /requestId.
        assertFalse(errors.isEmpty(), SessionToken.describe(errors));
        for (ValidationError error : errors) {
            assertEquals("/requestId", error.getInstancePath(), error.toString());
        }
        assertTrue(
                errors.stream().anyMatch(e -> e.getSchemaLocation().endsWith("/pattern")),
                SessionToken.describe(errors));
    }

    @Test
    void aJSONObjectOrTextIsValidatedAsItIs() {
        JSONObject json = SessionToken.request(REQUEST_ID, "key-1", "c2lnbmF0dXJl", SIGNED);
        json.getJSONObject("payload").remove("signature");
        json.put("requestId", "not-a-uuid");
        List<ValidationError> errors = Request.validate(json);
        System.out.print(SessionToken.describe(errors));
        assertEquals(errors, Request.validate(json.toString()));
        assertTrue(
                errors.stream()
                        .anyMatch(e -> e.getInstancePath().equals("/payload")
                                && e.getSchemaLocation().endsWith("/required")),
                SessionToken.describe(errors));
        assertTrue(
                errors.stream().anyMatch(e -> e.getInstancePath().equals("/requestId")),
                SessionToken.describe(errors));
        // Text that is not JSON has nothing to validate.
        assertThrows(InvalidPayloadException.class, () -> Request.validate("{\"requestId\":"));
        InvalidPayloadException thrown =
                assertThrows(InvalidPayloadException.class, () -> Request.fromJSONObject(json));
        assertEquals(errors, thrown.getErrors());
    }

    @Test
    void aProcessResultIsReadFromTheJSONObjectTheSdkHandsBack() {
        Response response = SessionToken.result(new JSONObject(BOUND));
        assertEquals(Event.ProcessResult, response.getEvent());
        assertEquals(Boolean.FALSE, response.getError());
        assertEquals(Status.Bound.INSTANCE, response.getPayload().getStatus());
        assertEquals("BOUND", response.getPayload().getStatus().getValue());
        assertEquals(Status.Bound.INSTANCE, Status.of("BOUND"));
        // String booleans arrive as booleans.
        assertEquals(Boolean.TRUE, response.getPayload().isDeviceBound());
        assertEquals(Boolean.FALSE, response.getPayload().isDeviceActivated());
        // A field the SDK added later is kept, and written back.
        assertEquals("\"7.1\"", response.getPayload().getExtra().get("sdkBuild").toString());
        assertEquals("7.1", response.toJSONObject().getJSONObject("payload").getString("sdkBuild"));
        assertEquals(response, Response.fromJson(BOUND));
    }

    @Test
    void aProcessResultThatBreaksTheSchemaIsRefusedWithEveryError() {
        // An error reply must say which error: errorCode is required when error is true.
        JSONObject reply = new JSONObject(BOUND);
        reply.put("error", true);
        reply.remove("errorCode");
        reply.getJSONObject("payload").put("isDeviceBound", "yes");
        List<ValidationError> errors = Response.validate(reply);
        System.out.print(SessionToken.describe(errors));
        assertTrue(
                errors.stream().anyMatch(e -> e.getMessage().contains("errorCode")),
                SessionToken.describe(errors));
        assertTrue(
                errors.stream().anyMatch(e -> e.getInstancePath().equals("/payload/isDeviceBound")),
                SessionToken.describe(errors));
        InvalidPayloadException thrown =
                assertThrows(InvalidPayloadException.class, () -> SessionToken.result(reply));
        assertEquals(errors, thrown.getErrors());
    }
}
