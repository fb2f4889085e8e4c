package com.drmtoken

import java.io.File
import org.junit.Test
import org.junit.runner.RunWith
import org.junit.runners.Parameterized
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue

/** The shared vector files, found from the `drmtoken.vectors` system property (run-tests.sh sets it). */
@Suppress("UNCHECKED_CAST")
object Vectors {
    private val dir = File(System.getProperty("drmtoken.vectors") ?: "../../tests/vectors")
    fun load(name: String) = Json.parse(File(dir, name).readText()) as List<Map<String, Any?>>
    val requests by lazy { load("expressplay_requests.json") }
    val keywrap by lazy { load("keywrap.json") }
    val services = mapOf("fairplay" to Service.FAIR_PLAY, "playready" to Service.PLAY_READY, "widevine" to Service.WIDEVINE)
    val environments = mapOf("test" to Environment.Test, "production" to Environment.Production)
}

@Suppress("UNCHECKED_CAST")
@RunWith(Parameterized::class)
class ExpressPlayVectorTest(private val name: String, private val case: Map<String, Any?>) {
    companion object {
        @JvmStatic
        @Parameterized.Parameters(name = "{0}")
        fun cases(): List<Array<Any>> = Vectors.requests.map { arrayOf(it["name"] as String, it) }
    }

    @Test
    fun vector() {
        val params = (case["params"] as List<List<String>>).map { Parameter(it[0], it[1]) }
        val request = requestFromParameters(
            Vectors.services.getValue(case["service"] as String),
            Vectors.environments.getValue(case["environment"] as String),
            params,
        )
        val now = case["now"] as Long?
        val error = case["error"] as Map<String, Any?>?
        if (error == null) {
            val warnings = request.validate(now)
            assertEquals(case["warnings"], warnings.map { it.parameter }, name)
            assertEquals(case["url"], request.url(), name)
            assertEquals(case["form_body"], request.formBody(), name)
            assertEquals(request.endpoint() + "?" + request.formBody(), request.url())
            val parsed = parseUrl(request.url())
            assertEquals(request, parsed.request, name)
            assertTrue(parsed.unknownParameters.isEmpty())
        } else {
            val e = assertFailsWith<DrmTokenException.ExpressPlay>(name) { request.validate(now) }
            assertEquals((error["code"] as Long).toInt(), e.code, name)
            assertEquals(error["parameter"], e.parameter, name)
            assertEquals(e.reason, e.errorMessage())
            assertEquals(e.code, e.code())
            // The same request sent over the wire is refused the same way.
            val again = assertFailsWith<DrmTokenException.ExpressPlay> { checkUrl(request.url(), now) }
            assertEquals(listOf(e.code, e.reason, e.parameter), listOf(again.code, again.reason, again.parameter))
        }
    }
}

@RunWith(Parameterized::class)
class KeyWrapVectorTest(private val name: String, private val case: Map<String, Any?>) {
    companion object {
        @JvmStatic
        @Parameterized.Parameters(name = "{0}")
        fun cases(): List<Array<Any>> = Vectors.keywrap.map { arrayOf(it["name"] as String, it) }
    }

    private fun hex(s: String) = ByteArray(s.length / 2) { s.substring(2 * it, 2 * it + 2).toInt(16).toByte() }

    @Test
    fun vector() {
        val kek = case["kek"] as String
        val key = case["key"] as String?
        val wrapped = case["wrapped"] as String?
        val error = case["error"] as String?
        if (error == null) {
            assertEquals(wrapped, wrapKey(kek, key!!), name)
            assertEquals(key, unwrapKey(kek.uppercase(), wrapped!!.uppercase()), name)
            assertTrue(hex(wrapped).contentEquals(wrapKeyBytes(hex(kek), hex(key))))
            assertTrue(hex(key).contentEquals(unwrapKeyBytes(hex(kek), hex(wrapped))))
        } else {
            val e = assertFailsWith<DrmTokenException>(name) {
                if (wrapped != null) unwrapKey(kek, wrapped) else wrapKey(kek, key!!)
            }
            assertEquals(error, e::class.simpleName, name)
            assertEquals(0, e.code())
        }
    }
}

/** Every length class RFC 3394 permits (issue 16): 16 to 4096-byte keys under 128/192/256-bit
 * KEKs, in hex and bytes, against the JDK's own RFC 3394 implementation (`AESWrap`). */
class KeyWrapLongKeyTest {
    private fun pattern(n: Int, seed: Int) = ByteArray(n) { ((it * 13 + seed) % 256).toByte() }
    private fun hex(b: ByteArray) = b.joinToString("") { "%02x".format(it.toInt() and 0xff) }

    private fun jdkWrap(kek: ByteArray, key: ByteArray): ByteArray {
        val c = javax.crypto.Cipher.getInstance("AESWrap")
        c.init(javax.crypto.Cipher.WRAP_MODE, javax.crypto.spec.SecretKeySpec(kek, "AES"))
        return c.wrap(javax.crypto.spec.SecretKeySpec(key, "AES"))
    }

    @Test
    fun everyLengthAgreesWithTheJdk() {
        for (kekLen in listOf(16, 24, 32)) {
            val kek = pattern(kekLen, 7)
            for (keyLen in listOf(16, 24, 32, 64, 72, 1024, 4096)) {
                val key = pattern(keyLen, keyLen)
                val wrapped = wrapKey(hex(kek), hex(key).uppercase())
                assertEquals(hex(jdkWrap(kek, key)), wrapped, "KEK $kekLen, key $keyLen")
                assertEquals(hex(key), unwrapKey(hex(kek).uppercase(), wrapped))
                assertTrue(wrapKeyBytes(kek, key).contentEquals(jdkWrap(kek, key)))
                assertTrue(unwrapKeyBytes(kek, jdkWrap(kek, key)).contentEquals(key))
            }
        }
    }

    @Test
    fun lengthsTheRfcDoesNotPermit() {
        val kek = "000102030405060708090a0b0c0d0e0f"
        for (n in listOf(8, 15, 17)) {
            assertFailsWith<DrmTokenException.InvalidKeyLength> { wrapKey(kek, "ab".repeat(n)) }
            assertFailsWith<DrmTokenException.InvalidKeyLength> { wrapKeyBytes(ByteArray(16), ByteArray(n)) }
        }
        for (n in listOf(16, 25)) {
            assertFailsWith<DrmTokenException.InvalidKeyLength> { unwrapKey(kek, "ab".repeat(n)) }
            assertFailsWith<DrmTokenException.InvalidKeyLength> { unwrapKeyBytes(ByteArray(16), ByteArray(n)) }
        }
    }
}

class BindingTest {
    private val auth = "201722,1ad8eed133edf43cbcc185f0236828ae"
    private val kid = "b366360da82e9c6e0b0984002a362cf2"
    private val kek = "000102030405060708090a0b0c0d0e0f"
    private val ek = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"

    private fun playReady(contentKey: String? = kid) = PlayReadyTokenRequest(
        environment = Environment.Test,
        customerAuthenticator = auth,
        kid = kid,
        contentKey = contentKey,
        rightsType = RightsType.BuyToOwn,
        analogVideoOpl = "0",
        compressedDigitalAudioOpl = "0",
        compressedDigitalVideoOpl = "0",
        uncompressedDigitalAudioOpl = "0",
        uncompressedDigitalVideoOpl = "0",
    )

    @Test
    fun seedSampleFromTypedFields() {
        val sample = Vectors.requests.first { it["name"] == "playready seed sample" }
        val r = playReady()
        assertTrue(r.validate(sample["now"] as Long).isEmpty())
        assertEquals(sample["url"], r.url())
        assertEquals("https://pr-gen.test.expressplay.com/hms/pr/token", r.endpoint())
        assertEquals("application/x-www-form-urlencoded", formContentType())
    }

    @Test
    fun typedFairPlayAndWidevineMatchTheirVectors() {
        val fp = FairPlayTokenRequest(
            environment = Environment.Test, customerAuthenticator = auth, kid = kid, contentKey = kid,
            iv = "0123456789abcdef0123456789abcdef",
        )
        assertEquals(
            "https://fp-gen.test.expressplay.com/hms/fp/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae" +
                "&kid=$kid&contentKey=$kid&iv=0123456789abcdef0123456789abcdef",
            fp.url(),
        )
        val wv = WidevineTokenRequest(
            environment = Environment.Production, customerAuthenticator = auth, kid = kid, contentKey = kid,
            securityLevel = "1", hdcpOutputControl = "0",
        )
        assertEquals(
            "https://wv-gen.service.expressplay.com/hms/wv/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae" +
                "&kid=$kid&contentKey=$kid&securityLevel=1&hdcpOutputControl=0",
            wv.url(),
        )
        assertEquals(TokenRequest.Widevine(wv), parseUrl(wv.url()).request)
    }

    @Test
    fun customDomainAndWarnings() {
        val r = playReady().copy(environment = Environment.Domain("drm.example.com"))
        assertEquals("https://pr-gen.drm.example.com/hms/pr/token", r.endpoint())
        val w = playReady().copy(generalFlags = "00000001", rentalPeriodEndTime = "+3600").validate(null)
        assertEquals(listOf("rental.periodEndTime"), w.map { it.parameter })
        val check = checkUrl(playReady().url() + "&contentkey=x", null)
        assertEquals(Service.PLAY_READY, check.service)
        assertEquals(UnknownParameter("contentkey", "contentKey"), check.unknownParameters.single())
    }

    @Test
    fun thirtyOneDigitContentKeyIs2027() {
        val e = assertFailsWith<DrmTokenException> { playReady(contentKey = kid.dropLast(1)).validate(null) }
        assertIs<DrmTokenException.ExpressPlay>(e)
        assertEquals(-2027, e.code())
        assertEquals("contentKey", e.parameter())
        assertEquals("Content encryption key must be 32-hexadecimal digits long", e.errorMessage())
        assertTrue(e.message!!.contains("-2027"))
    }

    @Test
    fun badEkIs4024() {
        val e = assertFailsWith<DrmTokenException.ExpressPlay> {
            playReady(contentKey = null).copy(kek = kek, ek = ek.dropLast(1) + "4").validate(null)
        }
        assertEquals(-4024, e.code)
        assertEquals("ek", e.parameter)
    }

    @Test
    fun libraryFaults() {
        val cap = assertFailsWith<DrmTokenException.CapacityExceeded> {
            WidevineTokenRequest(environment = Environment.Test, wvExtensions = List(9) { "a:b" }).url()
        }
        assertEquals(8uL, cap.capacity)
        assertEquals("wvExtension", cap.parameter)
        assertEquals("domain", assertFailsWith<DrmTokenException.InvalidHost> {
            playReady().copy(environment = Environment.Domain("evil.com/x?")).url()
        }.parameter)
        assertFailsWith<DrmTokenException.InvalidUrl> { parseUrl("ftp://pr-gen.test.expressplay.com/hms/pr/token") }
        assertFailsWith<DrmTokenException.UnknownService> { parseUrl("https://example.com/other") }
        assertEquals("kid", assertFailsWith<DrmTokenException.DuplicateParameter> {
            parseUrl("https://pr-gen.test.expressplay.com/hms/pr/token?kid=a&kid=b")
        }.parameter)
        assertFailsWith<DrmTokenException.UnknownParameter> {
            requestFromParameters(Service.WIDEVINE, Environment.Test, listOf(Parameter("contentkey", "x")))
        }
        assertEquals("ek", assertFailsWith<DrmTokenException.InvalidHex> { unwrapKey(kek, "zz" + ek.drop(2)) }.parameter)
        assertFailsWith<DrmTokenException.IntegrityCheckFailed> { unwrapKeyBytes(ByteArray(16), ByteArray(24)) }
    }

    @Test
    fun secretsDoNotShowInToString() {
        val secretKey = "00112233445566778899aabbccddeeff"
        val pr = playReady(contentKey = secretKey)
        val fp = FairPlayTokenRequest(environment = Environment.Test, customerAuthenticator = auth, kek = kek, ek = ek)
        for (text in listOf(pr.toString(), fp.toString(), TokenRequest.PlayReady(pr).toString(), Parameter("contentKey", secretKey).toString())) {
            for (secret in listOf(secretKey, auth, kek, ek)) assertFalse(text.contains(secret), text)
        }
        assertTrue(pr.toString().contains(kid), "non-secrets still show")
    }
}
