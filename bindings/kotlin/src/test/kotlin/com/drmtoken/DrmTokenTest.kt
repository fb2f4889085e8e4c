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
    private val hosts = mapOf("test" to "test.expressplay.com", "production" to "service.expressplay.com")
    private val prefixes = mapOf("fairplay" to "fp", "playready" to "pr", "widevine" to "wv")

    /** The core kind name of a vector (`InvalidJson`) as the flat enum (`ErrorKind.INVALID_JSON`). */
    fun kind(name: String): ErrorKind = ErrorKind.valueOf(name.replace(Regex("(?<=[a-z0-9])(?=[A-Z])"), "_").uppercase())

    /** A case's parameters sent as they are (also when the request is invalid). */
    @Suppress("UNCHECKED_CAST")
    fun urlOfParams(case: Map<String, Any?>): String {
        val p = prefixes.getValue(case["service"] as String)
        val host = hosts.getValue(case["environment"] as String)
        val enc = { s: String -> java.net.URLEncoder.encode(s, "UTF-8") }
        val query = (case["params"] as List<List<String>>).joinToString("&") { enc(it[0]) + "=" + enc(it[1]) }
        return "https://$p-gen.$host/hms/$p/token?$query"
    }
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
        val request = expressplayRequestBuild(
            Vectors.services.getValue(case["service"] as String),
            Vectors.environments.getValue(case["environment"] as String),
            params,
        )
        val now = case["now"] as Long?
        val error = case["error"] as Map<String, Any?>?
        if (error == null) {
            val warnings = request.validate(now)
            assertEquals(case["warnings"], warnings.map { it.parameter }, name)
            assertEquals(case["url"], request.writeUrl(), name)
            assertEquals(case["form_body"], request.writeFormBody(), name)
            assertEquals(request.writeEndpoint() + "?" + request.writeFormBody(), request.writeUrl())
            val parsed = expressplayUrlParse(request.writeUrl())
            assertEquals(request, parsed.request, name)
            assertTrue(parsed.unknownParameters.isEmpty())
            // Grouped or interleaved on the wire, the same request.
            assertEquals(request, expressplayUrlParse(Vectors.urlOfParams(case)).request, name)
        } else {
            val e = assertFailsWith<DrmTokenException.Invalid>(name) { request.validate(now) }
            assertEquals(ErrorKind.EXPRESS_PLAY, e.kind, name)
            assertEquals((error["code"] as Long).toInt(), e.code, name)
            assertEquals(error["parameter"], e.parameter, name)
            assertEquals(e.reason, e.reason())
            assertEquals(e.code, e.code())
            assertTrue(e.toString().startsWith("${e.code}: ${e.reason}"), e.toString())
            // The same parameters sent over the wire are refused the same way.
            val again = assertFailsWith<DrmTokenException.Invalid> { expressplayUrlCheck(Vectors.urlOfParams(case), now) }
            assertEquals(listOf<Any?>(e.kind, e.code, e.reason, e.parameter, e.detail),
                listOf<Any?>(again.kind, again.code, again.reason, again.parameter, again.detail), name)
            assertEquals(e.toString(), again.toString(), name)
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
            assertEquals(wrapped, keywrapKeyWrapHex(kek, key!!), name)
            assertEquals(key, keywrapKeyUnwrapHex(kek.uppercase(), wrapped!!.uppercase()), name)
            assertTrue(hex(wrapped).contentEquals(keywrapKeyWrap(hex(kek), hex(key))))
            assertTrue(hex(key).contentEquals(keywrapKeyUnwrap(hex(kek), hex(wrapped))))
        } else {
            val e = assertFailsWith<DrmTokenException.Invalid>(name) {
                if (wrapped != null) keywrapKeyUnwrapHex(kek, wrapped) else keywrapKeyWrapHex(kek, key!!)
            }
            assertEquals(Vectors.kind(error), e.kind, name)
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
                val wrapped = keywrapKeyWrapHex(hex(kek), hex(key).uppercase())
                assertEquals(hex(jdkWrap(kek, key)), wrapped, "KEK $kekLen, key $keyLen")
                assertEquals(hex(key), keywrapKeyUnwrapHex(hex(kek).uppercase(), wrapped))
                assertTrue(keywrapKeyWrap(kek, key).contentEquals(jdkWrap(kek, key)))
                assertTrue(keywrapKeyUnwrap(kek, jdkWrap(kek, key)).contentEquals(key))
            }
        }
    }

    @Test
    fun lengthsTheRfcDoesNotPermit() {
        val kek = "000102030405060708090a0b0c0d0e0f"
        val bad = { call: () -> Unit -> assertEquals(ErrorKind.INVALID_KEY_LENGTH, assertFailsWith<DrmTokenException.Invalid> { call() }.kind) }
        for (n in listOf(8, 15, 17)) {
            bad { keywrapKeyWrapHex(kek, "ab".repeat(n)) }
            bad { keywrapKeyWrap(ByteArray(16), ByteArray(n)) }
        }
        for (n in listOf(16, 25)) {
            bad { keywrapKeyUnwrapHex(kek, "ab".repeat(n)) }
            bad { keywrapKeyUnwrap(ByteArray(16), ByteArray(n)) }
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
        rightsType = "BuyToOwn",
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
        assertEquals(sample["url"], r.writeUrl())
        assertEquals("https://pr-gen.test.expressplay.com/hms/pr/token", r.writeEndpoint())
        assertEquals(listOf(Header("Content-Type", "application/x-www-form-urlencoded", false)), r.headers())
    }

    @Test
    fun groupedExtensionsGiveTheInterleavedUrl() {
        val r = playReady().copy(extensionTypes = listOf("abcd", "efgh"), extensionPayloads = listOf("AAAA", "BBBB"))
        assertTrue(r.validate(null).isEmpty())
        val interleaved = "extensionType=abcd&extensionPayload=AAAA&extensionType=efgh&extensionPayload=BBBB"
        assertTrue(r.writeUrl().contains(interleaved), r.writeUrl())
        val grouped = r.writeUrl().replace(interleaved, "extensionType=abcd&extensionType=efgh&extensionPayload=AAAA&extensionPayload=BBBB")
        assertEquals(TokenRequest.PlayReady(r), expressplayUrlParse(grouped).request)
        val e = assertFailsWith<DrmTokenException.Invalid> { r.copy(extensionPayloads = listOf("AAAA")).validate(null) }
        assertEquals(listOf<Any?>(-2035, "extensionPayload"), listOf(e.code, e.parameter))
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
            fp.writeUrl(),
        )
        val wv = WidevineTokenRequest(
            environment = Environment.Production, customerAuthenticator = auth, kid = kid, contentKey = kid,
            securityLevel = "1", hdcpOutputControl = "0",
        )
        assertEquals(
            "https://wv-gen.service.expressplay.com/hms/wv/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae" +
                "&kid=$kid&contentKey=$kid&securityLevel=1&hdcpOutputControl=0",
            wv.writeUrl(),
        )
        assertEquals(TokenRequest.Widevine(wv), expressplayUrlParse(wv.writeUrl()).request)
    }

    @Test
    fun customDomainAndWarnings() {
        val r = playReady().copy(environment = Environment.Domain("drm.example.com"))
        assertEquals("https://pr-gen.drm.example.com/hms/pr/token", r.writeEndpoint())
        val w = playReady().copy(generalFlags = "00000001", rentalPeriodEndTime = "+3600").validate(null)
        assertEquals(listOf("rental.periodEndTime"), w.map { it.parameter })
        val check = expressplayUrlCheck(playReady().writeUrl() + "&contentkey=x", null)
        assertEquals(Service.PLAY_READY, check.service)
        assertEquals(UnknownParameter("contentkey", "contentKey"), check.unknownParameters.single())
    }

    @Test
    fun thirtyOneDigitContentKeyIs2027() {
        val e = assertFailsWith<DrmTokenException> { playReady(contentKey = kid.dropLast(1)).validate(null) }
        assertIs<DrmTokenException.Invalid>(e)
        assertEquals(ErrorKind.EXPRESS_PLAY, e.kind())
        assertEquals(-2027, e.code())
        assertEquals("contentKey", e.parameter())
        assertEquals("Content encryption key must be 32-hexadecimal digits long", e.reason())
        assertEquals(0uL, e.detail())
        // The core's Display, the same text as on every surface.
        assertEquals("-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]", e.toString())
    }

    @Test
    fun badEkIs4024() {
        val e = assertFailsWith<DrmTokenException.Invalid> {
            playReady(contentKey = null).copy(kek = kek, ek = ek.dropLast(1) + "4").validate(null)
        }
        assertEquals(ErrorKind.EXPRESS_PLAY, e.kind)
        assertEquals(-4024, e.code)
        assertEquals("ek", e.parameter)
    }

    @Test
    fun libraryFaults() {
        val fault = { call: () -> Unit -> assertFailsWith<DrmTokenException.Invalid> { call() } }
        val cap = fault { WidevineTokenRequest(environment = Environment.Test, wvExtensions = List(9) { "a:b" }).writeUrl() }
        assertEquals(listOf<Any?>(ErrorKind.CAPACITY_EXCEEDED, 8uL, "wvExtension"), listOf(cap.kind, cap.detail, cap.parameter))
        assertEquals("too many entries for the fixed-capacity list (capacity 8) [parameter wvExtension]", cap.toString())
        val host = fault { playReady().copy(environment = Environment.Domain("evil.com/x?")).writeUrl() }
        assertEquals(listOf<Any?>(ErrorKind.INVALID_HOST, "domain"), listOf(host.kind, host.parameter))
        assertEquals(ErrorKind.INVALID_URL, fault { expressplayUrlParse("ftp://pr-gen.test.expressplay.com/hms/pr/token") }.kind)
        assertEquals(ErrorKind.UNKNOWN_SERVICE, fault { expressplayUrlParse("https://example.com/other") }.kind)
        val dup = fault { expressplayUrlParse("https://pr-gen.test.expressplay.com/hms/pr/token?kid=a&kid=b") }
        assertEquals(listOf<Any?>(ErrorKind.DUPLICATE_PARAMETER, "kid"), listOf(dup.kind, dup.parameter))
        assertEquals(ErrorKind.UNKNOWN_PARAMETER, fault {
            expressplayRequestBuild(Service.WIDEVINE, Environment.Test, listOf(Parameter("contentkey", "x")))
        }.kind)
        val hex = fault { keywrapKeyUnwrapHex(kek, "zz" + ek.drop(2)) }
        assertEquals(listOf<Any?>(ErrorKind.INVALID_HEX, "ek"), listOf(hex.kind, hex.parameter))
        assertEquals(ErrorKind.INTEGRITY_CHECK_FAILED, fault { keywrapKeyUnwrap(ByteArray(16), ByteArray(24)) }.kind)
    }

    @Test
    fun everyErrorKindIsNamedAsInTheCore() {
        assertEquals(32, ErrorKind.entries.size)
        for (name in listOf("ExpressPlay", "BufferTooSmall", "InvalidUtf8", "NestingTooDeep", "NullArgument")) {
            assertEquals(name, Vectors.kind(name).name.split("_").joinToString("") { it.lowercase().replaceFirstChar(Char::uppercase) })
        }
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
