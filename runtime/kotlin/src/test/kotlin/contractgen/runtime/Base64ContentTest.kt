package contractgen.runtime

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Test

/**
 * `contentEncoding: base64` reads what the Rust runtime's decoder reads and refuses what it
 * refuses, whatever `java.util.Base64` would do with it.
 */
class Base64ContentTest {
    private fun bytes(vararg values: Int) = ByteArray(values.size) { values[it].toByte() }

    @Test
    fun theTestVectorsOfRfc4648Decode() {
        val vectors =
            listOf(
                "" to "",
                "Zg==" to "f",
                "Zm8=" to "fo",
                "Zm9v" to "foo",
                "Zm9vYg==" to "foob",
                "Zm9vYmE=" to "fooba",
                "Zm9vYmFy" to "foobar",
            )
        for ((encoded, text) in vectors) {
            assertArrayEquals(
                text.toByteArray(Charsets.UTF_8),
                Base64Content.decode(encoded),
                encoded,
            )
        }
    }

    @Test
    fun everyCharacterOfTheStandardAlphabetDecodes() {
        assertArrayEquals(bytes(0xfb, 0xff, 0xbf), Base64Content.decode("+/+/"))
        assertArrayEquals(bytes(0xff, 0xfe), Base64Content.decode("//4="))
        val alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        val decoded = Base64Content.decode(alphabet)
        // 64 characters of 6 bits: 48 bytes, counting up from 0 in steps of one sextet.
        assertArrayEquals(bytes(0x00, 0x10, 0x83), decoded?.copyOfRange(0, 3))
        assertArrayEquals(bytes(0xf3, 0xdf, 0xbf), decoded?.copyOfRange(45, 48))
    }

    @Test
    fun bitsLeftOverByTheLastGroupAreNotChecked() {
        // "QQ==" is the canonical "A"; Rust's decoder reads "QR==" (low bits 0001) the same way.
        assertArrayEquals(bytes(0x41), Base64Content.decode("QR=="))
        assertArrayEquals(bytes(0x41, 0x41), Base64Content.decode("QUF="))
    }

    @Test
    fun inputWithoutItsPaddingIsRefused() {
        // java.util.Base64 reads these; the Rust side does not.
        for (text in listOf("Zg", "Zm8", "Zm9vYg", "eyJhIjoxfQ")) {
            assertNull(Base64Content.decode(text), text)
        }
    }

    @Test
    fun paddingAnywhereButTheEndOrMoreThanTwoIsRefused() {
        for (text in listOf("Zg=", "Z===", "====", "=", "Zg==Zg==", "Z=g=", "=Zg=", "Zm9vYmE==")) {
            assertNull(Base64Content.decode(text), text)
        }
    }

    @Test
    fun charactersOutsideTheAlphabetAreRefused() {
        val refused =
            listOf(
                "Zm9v YmFy",
                "Zm9v\nYmFy",
                "Zm9vYmFy\n",
                "Zm9vYmFy\r\n",
                " Zm9vYmFy",
                "Zm9v\tYmF",
                "-_-_",
                "Zm9v.mFy",
                "Zm9vYmF\u00e9",
                "Zm9vYmF\u0000",
            )
        for (text in refused) {
            assertNull(Base64Content.decode(text), text)
        }
    }
}
