package contractgen.runtime

import java.util.IdentityHashMap
import kotlinx.serialization.json.JsonElement

/**
 * The trees validation built for embedded JSON strings (`contentMediaType: application/json`) while
 * a message is decoded, so that decoding each string into its [EmbeddedJson] takes the tree the
 * content schema checked instead of reading the text a second time. Strings are matched by
 * identity: the decoder hands over the very `String` the validator read from the same tree, and an
 * equal string from elsewhere is simply read again.
 */
internal object EmbeddedParses {
    /** Null outside a decoding; [NONE_YET] inside one until a tree is kept; then the trees. */
    private val current = ThreadLocal<Any?>()

    private val NONE_YET = Any()

    /** Runs [block] with a fresh set of kept trees, dropped when it ends (also by an exception). */
    fun <R> during(block: () -> R): R {
        val outer = current.get()
        current.set(NONE_YET)
        try {
            return block()
        } finally {
            current.set(outer)
        }
    }

    /** Keeps [element], the JSON [text] holds, when a decoding is under way. */
    fun keep(text: String, element: JsonElement) {
        when (val kept = current.get()) {
            null -> return
            NONE_YET ->
                current.set(IdentityHashMap<String, JsonElement>().apply { put(text, element) })
            else -> trees(kept)[text] = element
        }
    }

    /** The tree kept for this very [text], or null. */
    fun take(text: String): JsonElement? {
        val kept = current.get()
        if (kept == null || kept === NONE_YET) return null
        return trees(kept).remove(text)
    }

    @Suppress("UNCHECKED_CAST")
    private fun trees(kept: Any): IdentityHashMap<String, JsonElement> =
        kept as IdentityHashMap<String, JsonElement>
}
