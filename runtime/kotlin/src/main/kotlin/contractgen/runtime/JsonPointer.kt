package contractgen.runtime

/**
 * An RFC 6901 pointer into a payload, as a validator walks it. It is rendered only when an error is
 * reported (`Errors.add` turns it into text at once), so a valid payload costs no string building.
 *
 * Each pointer hands out one child object and reuses it for every child it is asked for: stepping
 * onto a property or an item allocates nothing after the first time at each level. This is sound
 * because the generated validators walk depth first and bind a member's pointer right before that
 * member's checks, using it only inside them: a pointer is never read after its parent was asked
 * for the next child. Anything that keeps a pointer longer must render it first ([toString]).
 */
@InternalContractgenApi
class JsonPointer private constructor(private val parent: JsonPointer?) {
    /** The property name here, or null for an array item at [index]. */
    private var name: String? = null
    private var index: Int = 0

    /** The child this pointer hands out, reused. */
    private var child: JsonPointer? = null

    private fun next(): JsonPointer = child ?: JsonPointer(this).also { child = it }

    /** The pointer to property [name] of the object here (valid until the next `child` call). */
    fun child(name: String): JsonPointer {
        val child = next()
        child.name = name
        return child
    }

    /** The pointer to item [index] of the array here (valid until the next `child` call). */
    fun child(index: Int): JsonPointer {
        val child = next()
        child.name = null
        child.index = index
        return child
    }

    private val token: String
        get() = name ?: index.toString()

    /** The pointer as text: empty for the root, else `/`-separated escaped tokens. */
    override fun toString(): String {
        val tokens = ArrayList<String>()
        var at: JsonPointer = this
        while (true) {
            val up = at.parent ?: break
            tokens.add(at.token)
            at = up
        }
        return tokens.asReversed().joinToString("") { "/" + escape(it) }
    }

    companion object {
        /**
         * The whole payload: a new root on every read, so that concurrent validations (and the
         * validation of an embedded document inside another) never share the children it hands out.
         */
        val ROOT: JsonPointer
            get() = JsonPointer(null)

        /** Escapes one reference token (RFC 6901 section 3). */
        fun escape(token: String): String = token.replace("~", "~0").replace("/", "~1")
    }
}
