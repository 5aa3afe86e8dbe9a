package contractgen.runtime

import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonElement
import org.json.JSONObject

/**
 * The kotlinx configuration a validated tree is decoded with. Unknown properties are already sorted
 * out by each class's `ExtraFieldsSerializer` (kept in its `extra` map, never handed to the
 * plugin's decoder), so kotlinx's own check for them, a set of names built per object, only costs.
 */
private val decoding = Json { ignoreUnknownKeys = true }

/**
 * One message of one contract: its validator and its typed decoding and encoding. Decoding
 * validates first, so whatever the validator rejects never becomes a [T]; encoding validates the
 * result, so an invalid payload never leaves.
 *
 * @property contract The contract folder name, e.g. `get_session_token`.
 * @property message The message name, e.g. `request`.
 * @property schemaFile The schema the message was generated from, relative to the schema folder.
 */
abstract class ContractMessage<T>(
    val contract: String,
    val message: String,
    val schemaFile: String,
) {
    /** The serializer of [T]. */
    protected abstract val typeSerializer: KSerializer<T>

    /** Every way [element] breaks the schema; empty when it is valid. */
    abstract fun validate(element: JsonElement): List<ValidationError>

    /**
     * Every way the JSON text [json] breaks the schema; empty when it is valid. Text that is not
     * strict JSON has nothing to validate: it throws [InvalidPayloadException], as [fromJson] does.
     */
    open fun validate(json: String): List<ValidationError> =
        validate(StrictJson.parse(json, schemaFile))

    /** Every way [json] (what `HyperServices.process` hands over) breaks the schema. */
    open fun validate(json: JSONObject): List<ValidationError> = validate(json.toString())

    // The decoding and validating members are open so that a generated message can redeclare
    // them with `@JvmStatic`: Java then calls `Request.fromJson(text)`, not `Request.Companion`.

    /**
     * [validate] of a tree [StrictJson] has just read, which refuses nesting past
     * [StrictJson.MAX_DEPTH] itself: generated messages leave out the validator's depth walk.
     */
    protected open fun validateRead(element: JsonElement): List<ValidationError> = validate(element)

    /** Validates [element] and decodes it; throws [InvalidPayloadException] if it is invalid. */
    open fun fromJsonElement(element: JsonElement): T = decode(element, read = false)

    /**
     * Parses [json] as strict JSON, validates and decodes it. A property name given twice, or
     * nesting deeper than [StrictJson.MAX_DEPTH], is refused with an error at its pointer.
     */
    open fun fromJson(json: String): T = decode(StrictJson.parse(json, schemaFile), read = true)

    /**
     * [element] validated ([validateRead] when the strict reader has just [read] it) and decoded.
     * Both run between [EmbeddedParses.begin] and [EmbeddedParses.end], so that each embedded
     * document validation reads is decoded from that tree.
     */
    private fun decode(element: JsonElement, read: Boolean): T {
        val outer = EmbeddedParses.begin()
        try {
            requireValid(if (read) validateRead(element) else validate(element))
            try {
                return TreeDecoding.decode(decoding, typeSerializer, element)
            } catch (e: SerializationException) {
                throw InvalidPayloadException("$contract $message: ${e.message}", cause = e)
            } catch (e: IllegalArgumentException) {
                throw InvalidPayloadException("$contract $message: ${e.message}", cause = e)
            }
        } finally {
            EmbeddedParses.end(outer)
        }
    }

    /** Reads the [JSONObject] that `HyperServices.process` hands over. */
    open fun fromJSONObject(json: JSONObject): T = fromJson(json.toString())

    /** Encodes [value] and validates the result; throws [InvalidPayloadException] if invalid. */
    fun toJsonElement(value: T): JsonElement {
        val element = Json.encodeToJsonElement(typeSerializer, value)
        requireValid(element)
        return element
    }

    /** [value] as compact JSON text. */
    fun toJson(value: T): String = toJsonElement(value).toString()

    /** [value] as the [JSONObject] that `HyperServices.process` takes. */
    fun toJSONObject(value: T): JSONObject = JSONObject(toJson(value))

    /** Decodes [element] and encodes the result again: what a round trip through [T] keeps. */
    fun reencode(element: JsonElement): JsonElement = toJsonElement(fromJsonElement(element))

    private fun requireValid(element: JsonElement) = requireValid(validate(element))

    private fun requireValid(errors: List<ValidationError>) {
        if (errors.isNotEmpty()) {
            val summary = errors.joinToString("; ")
            throw InvalidPayloadException("invalid $contract $message: $summary", errors)
        }
    }
}
