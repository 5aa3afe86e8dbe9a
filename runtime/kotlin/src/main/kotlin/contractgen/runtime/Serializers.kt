package contractgen.runtime

import java.math.BigDecimal
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.KSerializer
import kotlinx.serialization.SerializationException
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonUnquotedLiteral

/** A boolean that travels as the string `"true"` or `"false"`. */
@InternalContractgenApi
object StringBoolSerializer : KSerializer<Boolean> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("contractgen.StringBool", PrimitiveKind.STRING)

    override fun deserialize(decoder: Decoder): Boolean = of(decoder.decodeString())

    /** The boolean [text] spells; generated tree readers call it on a string they read. */
    fun of(text: String): Boolean =
        when (text) {
            "true" -> true
            "false" -> false
            else -> throw SerializationException("expected \"true\" or \"false\", found \"$text\"")
        }

    override fun serialize(encoder: Encoder, value: Boolean) {
        encoder.encodeString(value.toString())
    }
}

/** A JSON Schema integer as a [Long]; accepts `1.0` and `1e2`, which 2020-12 calls integers. */
@InternalContractgenApi
object JsonIntegerSerializer : KSerializer<Long> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("contractgen.JsonInteger", PrimitiveKind.LONG)

    override fun deserialize(decoder: Decoder): Long {
        val number = JsonValues.decimal(decoder.asJson().decodeJsonElement())
        if (!JsonValues.isInteger(number)) throw SerializationException("expected an integer")
        return try {
            number!!.longValueExact()
        } catch (e: ArithmeticException) {
            throw SerializationException("integer $number does not fit in a Long", e)
        }
    }

    override fun serialize(encoder: Encoder, value: Long) {
        encoder.encodeLong(value)
    }
}

/** A JSON number as a [BigDecimal], so re-encoding writes the same value with no rounding. */
@InternalContractgenApi
object JsonNumberSerializer : KSerializer<BigDecimal> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor("contractgen.JsonNumber", PrimitiveKind.DOUBLE)

    override fun deserialize(decoder: Decoder): BigDecimal =
        JsonValues.decimal(decoder.asJson().decodeJsonElement())
            ?: throw SerializationException("expected a number")

    @OptIn(ExperimentalSerializationApi::class)
    override fun serialize(encoder: Encoder, value: BigDecimal) {
        encoder.asJson().encodeJsonElement(JsonUnquotedLiteral(value.toString()))
    }
}

/**
 * A data class's serializer through its surrogate: [surrogate] is the plugin's serializer of a
 * private class with the same serialized properties, and the class converts to and from it. This is
 * how a data class whose own serializer is custom ([ExtraFieldsSerializer]) still gets the plugin's
 * reading and writing of its properties, without the experimental `@KeepGeneratedSerializer`.
 */
@InternalContractgenApi
open class SurrogateSerializer<T, S>(
    private val surrogate: KSerializer<S>,
    private val toSurrogate: (T) -> S,
    private val fromSurrogate: (S) -> T,
) : KSerializer<T> {
    override val descriptor: SerialDescriptor = surrogate.descriptor

    override fun deserialize(decoder: Decoder): T = fromSurrogate(surrogate.deserialize(decoder))

    override fun serialize(encoder: Encoder, value: T) {
        surrogate.serialize(encoder, toSurrogate(value))
    }
}

/**
 * Wraps the serializer of a data class's named properties (the plugin's, through a
 * [SurrogateSerializer]) so that properties the schema does not name survive a round trip: they are
 * kept in the class's `extra` map on decoding and written back on encoding. An explicit `null` for
 * an optional property is kept there too, since the typed property cannot tell it from absence.
 */
@InternalContractgenApi
open class ExtraFieldsSerializer<T : Any>(
    private val generated: KSerializer<T>,
    private val extraOf: (T) -> Map<String, JsonElement>,
    private val withExtra: (T, Map<String, JsonElement>) -> T,
) : KSerializer<T> {
    override val descriptor: SerialDescriptor = generated.descriptor

    private val optional: Map<String, Boolean> =
        (0 until descriptor.elementsCount).associate {
            descriptor.getElementName(it) to descriptor.isElementOptional(it)
        }

    /**
     * Whether [name] is a property the typed class holds (an explicit null of an optional one is
     * not).
     */
    private fun isNamed(name: String, value: JsonElement): Boolean {
        val isOptional = optional[name] ?: return false
        return !(isOptional && value is JsonNull)
    }

    override fun deserialize(decoder: Decoder): T {
        val input = decoder.asJson()
        val element = input.decodeJsonElement()
        if (element !is JsonObject) throw SerializationException("expected a JSON object")
        return fromTree(element, input.json)
    }

    /**
     * Object [element] (validated) as a [T]. A generated class's serializer overrides this with a
     * direct reading of its properties ([TreeReads]), which skips the plugin's per-element
     * bookkeeping; this reading through the plugin's serializer is what the override falls back on
     * when a required property is missing, so that the failure is the plugin's own.
     */
    open fun fromTree(element: JsonObject, json: Json): T {
        // Most objects hold only named properties: decoded as they are, with no copy.
        TreeDecoding.decodeNamed(json, generated, element)?.let {
            return it
        }
        val known = LinkedHashMap<String, JsonElement>()
        val extra = LinkedHashMap<String, JsonElement>()
        for ((name, value) in element) {
            if (isNamed(name, value)) known[name] = value else extra[name] = value
        }
        val value = TreeDecoding.decode(json, generated, JsonObject(known))
        return if (extra.isEmpty()) value else withExtra(value, extra)
    }

    /**
     * The members of [element] that the class does not hold as properties (unknown names and
     * explicit nulls of optional properties), in their order: what its `extra` keeps.
     */
    protected fun extra(element: JsonObject): Map<String, JsonElement> {
        val extra = LinkedHashMap<String, JsonElement>()
        for ((name, value) in element) if (!isNamed(name, value)) extra[name] = value
        return extra
    }

    override fun serialize(encoder: Encoder, value: T) {
        val output = encoder.asJson()
        val typed = output.json.encodeToJsonElement(generated, value)
        val extra = extraOf(value)
        if (extra.isEmpty() || typed !is JsonObject) {
            output.encodeJsonElement(typed)
            return
        }
        val merged = LinkedHashMap<String, JsonElement>(typed)
        // Not `putIfAbsent`: Android has it only from API level 24.
        for ((name, element) in extra) if (name !in merged) merged[name] = element
        output.encodeJsonElement(JsonObject(merged))
    }
}

/**
 * The serializer of a sealed interface for `oneOf`/`anyOf`: [decode] picks the alternative whose
 * validator passes, so decoding agrees with validation.
 */
@InternalContractgenApi
abstract class UnionSerializer<T>(serialName: String) : KSerializer<T> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor(serialName, PrimitiveKind.STRING)

    /** The alternative [element] is, decoded with [json]. */
    protected abstract fun decode(element: JsonElement, json: Json): T

    /** The JSON of [value]'s alternative, encoded with [json]. */
    protected abstract fun encode(value: T, json: Json): JsonElement

    override fun deserialize(decoder: Decoder): T {
        val input = decoder.asJson()
        return decode(input.decodeJsonElement(), input.json)
    }

    override fun serialize(encoder: Encoder, value: T) {
        val output = encoder.asJson()
        output.encodeJsonElement(encode(value, output.json))
    }
}

internal fun Decoder.asJson(): JsonDecoder =
    this as? JsonDecoder ?: throw SerializationException("contract types are read from JSON only")

internal fun Encoder.asJson(): JsonEncoder =
    this as? JsonEncoder ?: throw SerializationException("contract types are written as JSON only")
