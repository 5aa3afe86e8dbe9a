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

    /** Every property counts as evaluated (`additionalProperties` and the like ran). */
    var allProperties: Boolean = false

    /** Every item counts as evaluated. */
    var allItems: Boolean = false

    /** Adds what a successful subschema evaluated. */
    fun merge(other: Evaluated) {
        properties.addAll(other.properties)
        items.addAll(other.items)
        allProperties = allProperties || other.allProperties
        allItems = allItems || other.allItems
    }

    /** Whether property [name] was evaluated. */
    fun hasProperty(name: String): Boolean = allProperties || name in properties

    /** Whether item [index] was evaluated. */
    fun hasItem(index: Int): Boolean = allItems || index in items

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
