package contractgen.runtime

import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.PrimitiveKind
import kotlinx.serialization.descriptors.PrimitiveSerialDescriptor
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder

/**
 * The serializer of an open enum (known values, or any other string kept as sent): the value
 * travels as its JSON string, and [of] maps a string back to the known value it names or the
 * catch-all.
 */
@InternalContractgenApi
abstract class OpenEnumSerializer<T>(serialName: String) : KSerializer<T> {
    override val descriptor: SerialDescriptor =
        PrimitiveSerialDescriptor(serialName, PrimitiveKind.STRING)

    /** The value [value] names. */
    protected abstract fun of(value: String): T

    /** The string [value] travels as. */
    protected abstract fun valueOf(value: T): String

    override fun deserialize(decoder: Decoder): T = of(decoder.decodeString())

    override fun serialize(encoder: Encoder, value: T) {
        encoder.encodeString(valueOf(value))
    }
}
