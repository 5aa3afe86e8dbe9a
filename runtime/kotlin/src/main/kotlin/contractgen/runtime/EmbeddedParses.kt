package contractgen.runtime

import java.util.IdentityHashMap
import kotlinx.serialization.json.JsonElement

/**
 * The trees validation built for embedded JSON strings (`contentMediaType: application/json`) while
 * a message is decoded, so that decoding each string into its [EmbeddedJson] takes the tree the
 * content schema checked instead of reading the text a second time. Strings are matched by
 * identity: the decoder hands over the very `String` the validator read from the same tree, and an
 * equal string from elsewhere is simply read again.
 *
 * A decoding is bracketed by [begin] and [end] (in a `finally`), not a lambda, and its first
 * [SMALL] trees sit in a thread's reused arrays: a message holds one or two embedded documents, and
 * a map per decoding cost more than reading them did.
 */
internal object EmbeddedParses {
    /** How many trees a decoding keeps in arrays; any past that go to a map. */
    private const val SMALL = 8

    /** What [begin] returns outside any decoding. */
    private const val OUTSIDE = -1

    /** One thread's kept trees. */
    private class Kept {
        /** Whether a decoding is under way on the thread: trees are kept only then. */
        var open = false

        /** Where the innermost decoding's trees start in [texts] and [trees]. */
        var base = 0

        /** Slots in use: the outer decodings' trees, then the innermost one's. */
        var count = 0
        var texts = arrayOfNulls<String>(SMALL)
        var trees = arrayOfNulls<JsonElement>(SMALL)

        /** The innermost decoding's trees past its first [SMALL], or null. */
        var overflow: IdentityHashMap<String, JsonElement>? = null
    }

    // Not `ThreadLocal.withInitial`: Android has it only from API level 26.
    private val current =
        object : ThreadLocal<Kept>() {
            override fun initialValue(): Kept = Kept()
        }

    /**
     * Starts a decoding with no trees kept yet (an outer one's stay kept for it); returns what
     * [end] takes to restore the outer decoding.
     */
    fun begin(): Any? {
        val kept = current.get()
        val outer: Any? = if (kept.open) Outer(kept.base, kept.overflow) else OUTSIDE
        kept.open = true
        kept.base = kept.count
        kept.overflow = null
        return outer
    }

    /** The state of an outer decoding that [begin] set aside. */
    private class Outer(val base: Int, val overflow: IdentityHashMap<String, JsonElement>?)

    /** Ends the decoding [begin] started, dropping its trees; [outer] is what [begin] returned. */
    fun end(outer: Any?) {
        val kept = current.get()
        kept.texts.fill(null, kept.base, kept.count)
        kept.trees.fill(null, kept.base, kept.count)
        kept.count = kept.base
        if (outer is Outer) {
            kept.base = outer.base
            kept.overflow = outer.overflow
        } else {
            kept.open = false
            kept.base = 0
            kept.overflow = null
        }
    }

    /** Keeps [element], the JSON [text] holds, when a decoding is under way. */
    fun keep(text: String, element: JsonElement) {
        val kept = current.get()
        if (!kept.open) return
        if (kept.count - kept.base >= SMALL) {
            val overflow = kept.overflow ?: IdentityHashMap<String, JsonElement>()
            kept.overflow = overflow
            overflow[text] = element
            return
        }
        if (kept.count == kept.texts.size) {
            kept.texts = kept.texts.copyOf(kept.count * 2)
            kept.trees = kept.trees.copyOf(kept.count * 2)
        }
        kept.texts[kept.count] = text
        kept.trees[kept.count] = element
        kept.count++
    }

    /** The tree kept for this very [text], or null; it is no longer kept. */
    fun take(text: String): JsonElement? {
        val kept = current.get()
        if (!kept.open) return null
        // Newest first; a string kept twice holds the same document either time.
        for (i in kept.count - 1 downTo kept.base) {
            if (kept.texts[i] === text) {
                val tree = kept.trees[i]
                kept.texts[i] = null
                kept.trees[i] = null
                return tree
            }
        }
        return kept.overflow?.remove(text)
    }
}
