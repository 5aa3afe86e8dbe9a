package contractgen.runtime

import kotlinx.serialization.json.JsonObject

/**
 * The property names and item indexes a schema evaluated, kept only where an
 * `unevaluatedProperties` or `unevaluatedItems` keyword asks. A subschema's record counts only when
 * that subschema succeeded.
 */
@InternalContractgenApi
class Evaluated {
    val properties: MutableSet<String> = HashSet()
    val items: MutableSet<Int> = HashSet()

    /** Adds what a successful subschema evaluated. */
    fun merge(other: Evaluated) {
        properties.addAll(other.properties)
        items.addAll(other.items)
    }

    /** Records those of [names] that [value] has. */
    fun addProperties(value: JsonObject, vararg names: String) {
        for (name in names) {
            if (name in value) properties.add(name)
        }
    }

    /** Records the item indexes from [from] up to [until], exclusive. */
    fun addItems(from: Int, until: Int) {
        for (index in from until until) items.add(index)
    }
}
