@file:OptIn(ExperimentalSerializationApi::class, SealedSerializationApi::class)

package contractgen.runtime

import kotlinx.serialization.DeserializationStrategy
import kotlinx.serialization.ExperimentalSerializationApi
import kotlinx.serialization.SealedSerializationApi
import kotlinx.serialization.SerializationException
import kotlinx.serialization.builtins.serializer
import kotlinx.serialization.descriptors.PolymorphicKind
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.StructureKind
import kotlinx.serialization.encoding.CompositeDecoder
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.json.Json
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonElement
import kotlinx.serialization.json.JsonNull
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.modules.SerializersModule

/**
 * Decodes a validated tree into the generated classes: what `Json.decodeFromJsonElement` does, for
 * the shapes generated code has (classes, lists, maps, strings, numbers, booleans, enums, JSON
 * values), without kotlinx's general tree decoder and its per-element tag bookkeeping. The tree has
 * passed the validator, so a mismatch here is a bug or a value the types cannot hold (an integer
 * past `Long`); it throws [SerializationException] like kotlinx does. Anything else (a polymorphic
 * descriptor, which generated code never uses) goes through kotlinx.
 */
internal object TreeDecoding {
    /** [element] decoded by [deserializer], reading it with [json]'s configuration. */
    fun <T> decode(json: Json, deserializer: DeserializationStrategy<T>, element: JsonElement): T =
        read(json, deserializer, element)

    /**
     * Object [element] decoded by the class serializer [deserializer], or null when the object
     * holds a member the class does not read as a property: a name it does not declare, or an
     * explicit null of an optional property (which the class cannot tell from absence). The check
     * is a count kept while decoding, so an object with only named properties is read once.
     */
    fun <T : Any> decodeNamed(
        json: Json,
        deserializer: DeserializationStrategy<T>,
        element: JsonObject,
    ): T? {
        val decoder = ValueDecoder(json, element)
        val value = deserializer.deserialize(decoder)
        val members = decoder.members ?: return null
        return if (members.matched == element.size && !members.optionalNull) value else null
    }
}

private val STRING = String.serializer()

/**
 * What a generated class's `fromTree` reads its properties with, from a validated tree: each value
 * exactly as the plugin's serializer would read it through [TreeDecoding] (the same functions, the
 * same failures), but called straight from the class's own code, with no decoder per structure.
 */
@InternalContractgenApi
object TreeReads {
    /** A string property's value. */
    fun string(element: JsonElement): String = stringOf(element)

    /** An optional (or nullable) string property's value: null when absent or `null`. */
    fun stringOrNull(element: JsonElement?): String? =
        if (element == null || element is JsonNull) null else stringOf(element)

    /** A boolean travelling as the string `"true"` or `"false"`. */
    fun stringBool(element: JsonElement): Boolean = StringBoolSerializer.of(stringOf(element))

    /** [stringBool] of an optional (or nullable) property: null when absent or `null`. */
    fun stringBoolOrNull(element: JsonElement?): Boolean? =
        if (element == null || element is JsonNull) null else stringBool(element)

    /** Any other property's value, read by its [deserializer] (a class's reads its own tree). */
    fun <T> decode(json: Json, deserializer: DeserializationStrategy<T>, element: JsonElement): T =
        read(json, deserializer, element)

    /** [decode] of an optional (or nullable) property: null when absent or `null`. */
    fun <T : Any> decodeOrNull(
        json: Json,
        deserializer: DeserializationStrategy<T>,
        element: JsonElement?,
    ): T? = if (element == null || element is JsonNull) null else read(json, deserializer, element)

    /** A list property: each item read by [item], with no list decoder around them. */
    fun <T> list(json: Json, item: DeserializationStrategy<T>, element: JsonElement): List<T> {
        val items = element as? JsonArray ?: throw SerializationException("expected an array")
        val list = ArrayList<T>(items.size)
        for (value in items) list.add(read(json, item, value))
        return list
    }

    /** [list] of an optional (or nullable) property: null when absent or `null`. */
    fun <T> listOrNull(
        json: Json,
        item: DeserializationStrategy<T>,
        element: JsonElement?,
    ): List<T>? = if (element == null || element is JsonNull) null else list(json, item, element)

    /** Whether an optional property is held by the class: present and not `null`. */
    fun held(element: JsonElement?): Boolean = element != null && element !is JsonNull
}

private fun primitive(element: JsonElement, what: String): JsonPrimitive =
    element as? JsonPrimitive
        ?: throw SerializationException("expected $what, found ${JsonValues.describe(element)}")

private fun stringOf(element: JsonElement): String {
    val p = primitive(element, "a string")
    if (!p.isString) throw SerializationException("expected a string, found ${p.content}")
    return p.content
}

private fun number(element: JsonElement): String {
    val p = primitive(element, "a number")
    if (p.isString || p is JsonNull) {
        throw SerializationException("expected a number, found ${JsonValues.describe(p)}")
    }
    return p.content
}

private fun boolean(element: JsonElement): Boolean =
    when (val p = primitive(element, "a boolean")) {
        is JsonNull -> throw SerializationException("expected a boolean, found null")
        else ->
            if (!p.isString && p.content == "true") true
            else if (!p.isString && p.content == "false") false
            else throw SerializationException("expected a boolean, found ${p.content}")
    }

private fun enumIndex(descriptor: SerialDescriptor, name: String): Int {
    val index = descriptor.getElementIndex(name)
    if (index == CompositeDecoder.UNKNOWN_NAME) {
        throw SerializationException("${descriptor.serialName} has no value $name")
    }
    return index
}

/** Decodes [element] in the reading of one value (a class property, a list item). */
private fun <T> read(
    json: Json,
    deserializer: DeserializationStrategy<T>,
    element: JsonElement,
): T {
    // Most properties are strings: read in place, with no decoder built. A generated class reads
    // its own object, and embedded JSON its string, as their `deserialize` would through one.
    @Suppress("UNCHECKED_CAST")
    when {
        deserializer === STRING -> return stringOf(element) as T
        deserializer is ExtraFieldsSerializer<*> && element is JsonObject ->
            return deserializer.fromTree(element, json) as T
        deserializer is EmbeddedJsonSerializer<*> ->
            return deserializer.read(stringOf(element)) as T
    }
    return deserializer.deserialize(ValueDecoder(json, element))
}

/** One value of the tree, as kotlinx's `Decoder` and `JsonDecoder` see it. */
private class ValueDecoder(override val json: Json, private val element: JsonElement) :
    JsonDecoder {
    override val serializersModule: SerializersModule
        get() = json.serializersModule

    override fun decodeJsonElement(): JsonElement = element

    override fun decodeNotNullMark(): Boolean = element !is JsonNull

    override fun decodeNull(): Nothing? = null

    override fun decodeBoolean(): Boolean = boolean(element)

    override fun decodeByte(): Byte = number(element).toByte()

    override fun decodeShort(): Short = number(element).toShort()

    override fun decodeChar(): Char = stringOf(element).single()

    override fun decodeInt(): Int = number(element).toInt()

    override fun decodeLong(): Long = number(element).toLong()

    override fun decodeFloat(): Float = number(element).toFloat()

    override fun decodeDouble(): Double = number(element).toDouble()

    override fun decodeString(): String = stringOf(element)

    override fun decodeEnum(enumDescriptor: SerialDescriptor): Int =
        enumIndex(enumDescriptor, stringOf(element))

    override fun decodeInline(descriptor: SerialDescriptor): Decoder = this

    override fun beginStructure(descriptor: SerialDescriptor): CompositeDecoder =
        when (descriptor.kind) {
            StructureKind.LIST ->
                ListDecoder(
                    json,
                    element as? JsonArray ?: throw SerializationException("expected an array"),
                )
            StructureKind.MAP ->
                MapDecoder(
                    json,
                    element as? JsonObject ?: throw SerializationException("expected an object"),
                )
            is PolymorphicKind ->
                throw SerializationException("polymorphic ${descriptor.serialName}")
            else ->
                ObjectDecoder(
                        json,
                        element as? JsonObject ?: throw SerializationException("expected an object"),
                    )
                    .also { members = it }
        }

    /** The class decoder [beginStructure] gave, which counts the members it read. */
    var members: ObjectDecoder? = null
        private set

    // A value decoder is never a structure: kotlinx only calls these on what beginStructure gave.
    override fun endStructure(descriptor: SerialDescriptor) {}

    override fun decodeElementIndex(descriptor: SerialDescriptor): Int =
        CompositeDecoder.DECODE_DONE

    override fun decodeBooleanElement(descriptor: SerialDescriptor, index: Int): Boolean =
        decodeBoolean()

    override fun decodeByteElement(descriptor: SerialDescriptor, index: Int): Byte = decodeByte()

    override fun decodeCharElement(descriptor: SerialDescriptor, index: Int): Char = decodeChar()

    override fun decodeShortElement(descriptor: SerialDescriptor, index: Int): Short = decodeShort()

    override fun decodeIntElement(descriptor: SerialDescriptor, index: Int): Int = decodeInt()

    override fun decodeLongElement(descriptor: SerialDescriptor, index: Int): Long = decodeLong()

    override fun decodeFloatElement(descriptor: SerialDescriptor, index: Int): Float = decodeFloat()

    override fun decodeDoubleElement(descriptor: SerialDescriptor, index: Int): Double =
        decodeDouble()

    override fun decodeStringElement(descriptor: SerialDescriptor, index: Int): String =
        decodeString()

    override fun decodeInlineElement(descriptor: SerialDescriptor, index: Int): Decoder = this

    override fun <T> decodeSerializableElement(
        descriptor: SerialDescriptor,
        index: Int,
        deserializer: DeserializationStrategy<T>,
        previousValue: T?,
    ): T = read(json, deserializer, element)

    override fun <T : Any> decodeNullableSerializableElement(
        descriptor: SerialDescriptor,
        index: Int,
        deserializer: DeserializationStrategy<T?>,
        previousValue: T?,
    ): T? = if (element is JsonNull) null else read(json, deserializer, element)
}

/**
 * The elements of a structure: [value] gives element [index]'s JSON, which every `decode*Element`
 * reads through a [ValueDecoder] (strings in place).
 */
private abstract class StructureDecoder(val json: Json) : CompositeDecoder {
    override val serializersModule: SerializersModule
        get() = json.serializersModule

    abstract fun value(descriptor: SerialDescriptor, index: Int): JsonElement

    override fun endStructure(descriptor: SerialDescriptor) {}

    override fun decodeBooleanElement(descriptor: SerialDescriptor, index: Int): Boolean =
        boolean(value(descriptor, index))

    override fun decodeByteElement(descriptor: SerialDescriptor, index: Int): Byte =
        number(value(descriptor, index)).toByte()

    override fun decodeCharElement(descriptor: SerialDescriptor, index: Int): Char =
        stringOf(value(descriptor, index)).single()

    override fun decodeShortElement(descriptor: SerialDescriptor, index: Int): Short =
        number(value(descriptor, index)).toShort()

    override fun decodeIntElement(descriptor: SerialDescriptor, index: Int): Int =
        number(value(descriptor, index)).toInt()

    override fun decodeLongElement(descriptor: SerialDescriptor, index: Int): Long =
        number(value(descriptor, index)).toLong()

    override fun decodeFloatElement(descriptor: SerialDescriptor, index: Int): Float =
        number(value(descriptor, index)).toFloat()

    override fun decodeDoubleElement(descriptor: SerialDescriptor, index: Int): Double =
        number(value(descriptor, index)).toDouble()

    override fun decodeStringElement(descriptor: SerialDescriptor, index: Int): String =
        stringOf(value(descriptor, index))

    override fun decodeInlineElement(descriptor: SerialDescriptor, index: Int): Decoder =
        ValueDecoder(json, value(descriptor, index))

    override fun <T> decodeSerializableElement(
        descriptor: SerialDescriptor,
        index: Int,
        deserializer: DeserializationStrategy<T>,
        previousValue: T?,
    ): T = read(json, deserializer, value(descriptor, index))

    override fun <T : Any> decodeNullableSerializableElement(
        descriptor: SerialDescriptor,
        index: Int,
        deserializer: DeserializationStrategy<T?>,
        previousValue: T?,
    ): T? {
        val element = value(descriptor, index)
        return if (element is JsonNull) null else read(json, deserializer, element)
    }
}

/** A class: its properties in declaration order, those the object holds. */
private class ObjectDecoder(json: Json, private val members: JsonObject) : StructureDecoder(json) {
    private var next = 0
    private var current: JsonElement = JsonNull

    /** How many of the object's members were properties of the class. */
    var matched = 0
        private set

    /** Whether one of them was an explicit null of an optional property. */
    var optionalNull = false
        private set

    override fun decodeElementIndex(descriptor: SerialDescriptor): Int {
        while (next < descriptor.elementsCount) {
            val index = next++
            val member = members[descriptor.getElementName(index)] ?: continue
            matched++
            if (member is JsonNull && descriptor.isElementOptional(index)) optionalNull = true
            current = member
            return index
        }
        return CompositeDecoder.DECODE_DONE
    }

    override fun value(descriptor: SerialDescriptor, index: Int): JsonElement = current
}

/** A list: its items in order, read sequentially. */
private class ListDecoder(json: Json, private val items: JsonArray) : StructureDecoder(json) {
    private var next = 0

    override fun decodeSequentially(): Boolean = true

    override fun decodeCollectionSize(descriptor: SerialDescriptor): Int = items.size

    override fun decodeElementIndex(descriptor: SerialDescriptor): Int =
        if (next < items.size) next++ else CompositeDecoder.DECODE_DONE

    override fun value(descriptor: SerialDescriptor, index: Int): JsonElement = items[index]
}

/** A map: key and value alternate, element `2k` the k-th key and `2k + 1` its value. */
private class MapDecoder(json: Json, members: JsonObject) : StructureDecoder(json) {
    private val keys = members.keys.toList()
    private val values = members.values.toList()
    private var next = 0

    override fun decodeSequentially(): Boolean = true

    override fun decodeCollectionSize(descriptor: SerialDescriptor): Int = keys.size

    override fun decodeElementIndex(descriptor: SerialDescriptor): Int =
        if (next < 2 * keys.size) next++ else CompositeDecoder.DECODE_DONE

    override fun value(descriptor: SerialDescriptor, index: Int): JsonElement =
        if (index % 2 == 0) JsonPrimitive(keys[index / 2]) else values[index / 2]
}
