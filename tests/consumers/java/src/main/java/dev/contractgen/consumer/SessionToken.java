package dev.contractgen.consumer;

import contractgen.runtime.EmbeddedJson;
import contractgen.runtime.ValidationError;
import contracts.getsessiontoken.request.Payload;
import contracts.getsessiontoken.request.Request;
import contracts.getsessiontoken.request.SignaturePayload;
import contracts.getsessiontoken.response.Response;
import java.util.List;
import org.json.JSONObject;

/**
 * What a merchant's Android app written in Java does around {@code HyperServices.process} for Get
 * Session Token: it builds the request from what its backend signed, hands it over as a {@code
 * JSONObject}, and reads the {@code process_result} the SDK hands back.
 */
public final class SessionToken {
    private SessionToken() {}

    /**
     * The process payload. {@code signaturePayload} is the exact string the backend signed: it
     * travels unchanged, so the signature stays valid. Throws {@code InvalidPayloadException} when
     * the request would break the schema.
     */
    public static JSONObject request(
            String requestId, String merchantKeyId, String signature, String signaturePayload) {
        EmbeddedJson<SignaturePayload> signed =
                EmbeddedJson.parse(signaturePayload, SignaturePayload.Companion.serializer());
        // No udfParameters and no extra properties: the @JvmOverloads constructors leave them out.
        // `action` and `service` are typed constants, filled in by the constructors.
        Payload payload = new Payload(merchantKeyId, signature, signed);
        return new Request(requestId, payload).toJSONObject();
    }

    /** The {@code process_result} the SDK hands back, validated and decoded. */
    public static Response result(JSONObject processResult) {
        return Response.fromJSONObject(processResult);
    }

    /** One line per broken rule, as an app would log them. */
    public static String describe(List<ValidationError> errors) {
        StringBuilder text = new StringBuilder();
        for (ValidationError error : errors) {
            String at = error.getInstancePath().isEmpty() ? "(root)" : error.getInstancePath();
            text.append(at)
                    .append(": ")
                    .append(error.getMessage())
                    .append(" [")
                    .append(error.getSchemaLocation())
                    .append("]\n");
        }
        return text.toString();
    }
}
