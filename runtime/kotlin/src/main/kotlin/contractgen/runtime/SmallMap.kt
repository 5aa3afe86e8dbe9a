package contractgen.runtime

import kotlinx.serialization.json.JsonElement

/**
 * The members of a small JSON object as two arrays, in document order: what the strict reader gives
 * a `JsonObject` with up to [MAX] members instead of a `LinkedHashMap` (an entry object per member
 * and a hash table per object). A lookup compares hashes (cached in each `String`) along the
 * arrays, starting where the last one ended, which for this many members costs about what hashing
 * does; larger objects keep a hash map, so no lookup or duplicate check grows with the object's
 * size.
 */
internal class SmallMap(
    private val memberNames: Array<String?>,
    private val memberValues: Array<JsonElement?>,
    override val size: Int,
) : AbstractMap<String, JsonElement>() {
    /**
     * Where the next lookup starts: just past the last member found. Validators and decoders ask
     * for properties in schema order, which is usually the payload's order, so most lookups compare
     * one name. Only a hint: threads that share the map may overwrite it at will.
     */
    private var cursor = 0

    private fun indexOf(name: String): Int {
        val hash = name.hashCode()
        var i = cursor
        repeat(size) {
            if (i >= size) i = 0
            val candidate = memberNames[i]!!
            if (candidate === name || (candidate.hashCode() == hash && candidate == name)) {
                cursor = i + 1
                return i
            }
            i++
        }
        return -1
    }

    override fun get(key: String): JsonElement? {
        val i = indexOf(key)
        return if (i < 0) null else memberValues[i]
    }

    override fun containsKey(key: String): Boolean = indexOf(key) >= 0

    override fun isEmpty(): Boolean = size == 0

    override val keys: Set<String>
        get() =
            object : AbstractSet<String>() {
                override val size: Int
                    get() = this@SmallMap.size

                override fun contains(element: String): Boolean = indexOf(element) >= 0

                override fun iterator(): Iterator<String> = Slots(size) { memberNames[it]!! }
            }

    override val values: Collection<JsonElement>
        get() =
            object : AbstractCollection<JsonElement>() {
                override val size: Int
                    get() = this@SmallMap.size

                override fun iterator(): Iterator<JsonElement> = Slots(size) { memberValues[it]!! }
            }

    override val entries: Set<Map.Entry<String, JsonElement>>
        get() =
            object : AbstractSet<Map.Entry<String, JsonElement>>() {
                override val size: Int
                    get() = this@SmallMap.size

                override fun iterator(): Iterator<Map.Entry<String, JsonElement>> =
                    Slots(size) { Entry(memberNames[it]!!, memberValues[it]!!) }
            }

    private class Entry(override val key: String, override val value: JsonElement) :
        Map.Entry<String, JsonElement> {
        override fun equals(other: Any?): Boolean =
            other is Map.Entry<*, *> && other.key == key && other.value == value

        override fun hashCode(): Int = key.hashCode() xor value.hashCode()

        override fun toString(): String = "$key=$value"
    }

    private class Slots<T>(private val size: Int, private val at: (Int) -> T) : Iterator<T> {
        private var next = 0

        override fun hasNext(): Boolean = next < size

        override fun next(): T {
            if (next >= size) throw NoSuchElementException()
            return at(next++)
        }
    }

    companion object {
        /** The most members a [SmallMap] holds. */
        const val MAX = 16
    }
}
