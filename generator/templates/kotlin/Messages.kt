{{ header }}package {{ package }}

import {{ runtime_package }}.ContractMessage

/**
 * Every message of every contract, so tools and tests can dispatch by contract and message name
 * without knowing the generated classes.
 */
object Messages {
{{ list }}
    /** The message [message] of contract [contract], or null when there is none. */
    fun find(contract: String, message: String): ContractMessage<*>? =
        all.firstOrNull { it.contract == contract && it.message == message }
}
