package contractgen.runtime

/**
 * An RFC 6901 pointer into a payload. The validator builds one per step down and renders it only
 * when it reports an error, so valid payloads cost no string building.
 */
@InternalContractgenApi
class JsonPointer
private constructor(
    private val parent: JsonPointer?,
    /**
     * The property name, or null for an array item, whose [index] is turned into text only when the
     * pointer is rendered.
     */
    private val name: String?,
    private val index: Int,
) {
    /** The pointer to property [name] of the object here. */
    fun child(name: String): JsonPointer = JsonPointer(this, name, 0)

    /** The pointer to item [index] of the array here. */
    fun child(index: Int): JsonPointer = JsonPointer(this, null, index)

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
        /** The whole payload. */
        val ROOT: JsonPointer = JsonPointer(null, "", 0)

        /** Escapes one reference token (RFC 6901 section 3). */
        fun escape(token: String): String = token.replace("~", "~0").replace("/", "~1")
    }
}
