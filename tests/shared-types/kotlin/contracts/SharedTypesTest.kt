package contracts

import contracts.shared.money.Amount
import contracts.shared.money.BankAccount
import contracts.shared.money.Category
import contracts.shared.money.Currency
import contracts.shared.money.Payer
import contracts.shared.money.Vpa
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/**
 * Each definition of `schema/shared/money.json` is one Kotlin class used by both contracts: the
 * assignments below compile only if the messages share it.
 */
class SharedTypesTest {
    private val pay =
        """{"amount": {"value": "10.00", "currency": "INR"}, "payer": {"vpa": "asha@upi"},
        "category": {"name": "food", "parent": {"name": "retail"}}, "note": {"text": "lunch"}}"""

    private val response =
        """{"status": "SUCCESS", "amount": {"value": "10.00", "currency": "INR"}, "note": {"text": "x"}}"""

    @Test
    fun oneAmountClassServesBothContracts() {
        val request = contracts.pay.request.Request.fromJson(pay)
        val answer = contracts.pay.response.Response.fromJson(response)
        val amount: Amount = request.amount
        assertEquals(Currency.Inr, amount.currency)
        val refund =
            contracts.refund.request.Request(
                amount = answer.amount,
                payer = request.payer,
                original = answer,
            )
        val back = contracts.refund.request.Request.fromJson(refund.toJson())
        assertEquals(refund, back)
        val note: contracts.pay.request.Note? = answer.note
        assertEquals("x", note?.text)
    }

    @Test
    fun aMessageWhoseRootIsASharedTypeDecodesIntoIt() {
        val refunded: Amount =
            contracts.refund.response.Response.fromJson("""{"value": "3.00", "currency": "USD"}""")
        assertEquals("3.00", refunded.value)
        assertThrows<Exception> {
            contracts.refund.response.Response.fromJson("""{"value": "3", "currency": "USD"}""")
        }
    }

    @Test
    fun sharedUnionsDecodeThroughTheirOwnValidator() {
        val vpa = contracts.pay.request.Request.fromJson(pay).payer
        assertEquals(Vpa(vpa = "asha@upi"), vpa)
        val account =
            """{"amount": {"value": "2.50", "currency": "USD"},
            "payer": {"accountNumber": "1234567", "ifsc": "HDFC0001234"}}"""
        val payer: Payer = contracts.pay.request.Request.fromJson(account).payer
        assertEquals(BankAccount(accountNumber = "1234567", ifsc = "HDFC0001234"), payer)
        assertThrows<Exception> {
            contracts.pay.request.Request.fromJson(account.replace("HDFC", "hdfc"))
        }
    }

    @Test
    fun recursiveSharedTypesNest() {
        val category: Category? = contracts.pay.request.Request.fromJson(pay).category
        assertEquals("retail", category?.parent?.name)
        assertTrue(category?.children == null)
    }
}
