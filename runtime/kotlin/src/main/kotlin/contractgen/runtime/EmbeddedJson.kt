package contractgen.runtime

import kotlinx.serialization.KSerializer
import kotlinx.serialization.Serializable
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.serializer

/**
 * A string that holds JSON (`contentMediaType: application/json`), such as a payload that is signed
 * as text. [raw] is the exact string that travelled, written back byte for byte, so a signature
 * over it stays valid; [value] is its parsed content.
 */
@Serializable(with = EmbeddedJsonSerializer::class)
class EmbeddedJson<T> private constructor(val raw: String, val value: T) {
    override fun equals(other: Any?): Boolean = other is EmbeddedJson<*> && other.raw == raw

    override fun hashCode(): Int = raw.hashCode()

    override fun toString(): String = raw

    companion object {
        /** The content [value], encoded as compact JSON. */
        @JvmStatic
        fun <T> of(value: T, serializer: KSerializer<T>): EmbeddedJson<T> =
            EmbeddedJson(Json.encodeToString(serializer, value), value)

        /** The content [value], encoded as compact JSON. */
        inline fun <reified T> of(value: T): EmbeddedJson<T> = of(value, serializer<T>())

        /** Parses [raw] as strict JSON and keeps it as it is. */
        @JvmStatic
        fun <T> parse(raw: String, serializer: KSerializer<T>): EmbeddedJson<T> {
            // Validation of the enclosing message already read this very string.
            val tree = EmbeddedParses.take(raw) ?: StrictJson.parse(raw)
            return EmbeddedJson(raw, TreeDecoding.decode(Json, serializer, tree))
        }
    }
}

/** Reads and writes an [EmbeddedJson] as the string it travels as. */
class EmbeddedJsonSerializer<T>(private val content: KSerializer<T>) :
    KSerializer<EmbeddedJson<T>> {
    override val descriptor: SerialDescriptor = EMBEDDED_JSON

    private companion object {
        // One for every instance: generated code builds a serializer per decoded property, and
        // kotlinx checks a new primitive descriptor's name against every built-in one.
        val EMBEDDED_JSON: SerialDescriptor =
            PrimitiveSerialDescriptor("contractgen.EmbeddedJson", PrimitiveKind.STRING)
    }

    override fun deserialize(decoder: Decoder): EmbeddedJson<T> = read(decoder.decodeString())

    /** The embedded JSON [raw] holds: what [deserialize] gives for a string decoding as [raw]. */
    internal fun read(raw: String): EmbeddedJson<T> = EmbeddedJson.parse(raw, content)

    override fun serialize(encoder: Encoder, value: EmbeddedJson<T>) {
        encoder.encodeString(value.raw)
    }
}
