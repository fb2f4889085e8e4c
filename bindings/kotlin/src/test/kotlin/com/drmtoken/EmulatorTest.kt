package com.drmtoken

import java.io.BufferedReader
import java.io.IOException
import java.io.InputStreamReader
import java.net.HttpURLConnection
import java.net.URI
import java.util.concurrent.TimeUnit
import org.junit.After
import org.junit.Before
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/**
 * The Kotlin bindings against `drmtoken serve`, end to end, with java.net.HttpURLConnection: the
 * request built with the bindings, fetched from the emulator, the answer parsed with the bindings.
 * run-tests.sh passes the binary as -Ddrmtoken.bin; each test starts the emulator on a free port and
 * stops it in tearDown.
 */
class EmulatorTest {
    private lateinit var server: Process
    private lateinit var base: String

    private val auth = "201722,1ad8eed133edf43cbcc185f0236828ae"
    private val key = "b366360da82e9c6e0b0984002a362cf2"

    private fun playReady(authenticator: String = auth) = PlayReadyTokenRequest(
        environment = Environment.Test, customerAuthenticator = authenticator, kid = key, contentKey = key,
        rightsType = "BuyToOwn", analogVideoOpl = "0", compressedDigitalAudioOpl = "0",
        compressedDigitalVideoOpl = "0", uncompressedDigitalAudioOpl = "0", uncompressedDigitalVideoOpl = "0",
    )

    @Before
    fun setUp() {
        val bin = System.getProperty("drmtoken.bin") ?: error("-Ddrmtoken.bin=<path of drmtoken> is not set")
        server = ProcessBuilder(bin, "serve", "--addr", "127.0.0.1:0", "--quiet")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start()
        val out = BufferedReader(InputStreamReader(server.inputStream))
        val first = out.readLine() ?: ""
        val prefix = "drmtoken serve: listening on "
        assertTrue(first.startsWith(prefix), "unexpected first line: $first")
        base = first.removePrefix(prefix).trim()
        // Keep draining stdout so the emulator never blocks on a full pipe.
        Thread { out.use { it.readText() } }.apply { isDaemon = true }.start()
    }

    @After
    fun tearDown() {
        server.destroy()
        if (!server.waitFor(5, TimeUnit.SECONDS)) server.destroyForcibly().waitFor()
    }

    private class Answer(val status: Int, val contentType: String, val body: ByteArray)

    /**
     * GETs the URL's path and query from the emulator; an HTTP error status is an answer, a
     * connection closed before the whole answer arrived an IOException.
     */
    private fun fetch(url: String, headers: List<Header>, fault: String? = null): Answer {
        val u = URI(url)
        val target = URI("$base${u.rawPath}?${u.rawQuery}").toURL()
        val c = target.openConnection() as HttpURLConnection
        try {
            c.connectTimeout = 10_000
            c.readTimeout = 10_000
            c.instanceFollowRedirects = false
            for (h in headers) c.setRequestProperty(h.name, h.value)
            if (fault != null) c.setRequestProperty("X-Drmtoken-Fault", fault)
            val status = c.responseCode
            val stream = if (status >= 400) c.errorStream else c.inputStream
            val body = stream?.use { it.readBytes() } ?: ByteArray(0)
            // HttpURLConnection returns a body cut short by a closed connection without an error:
            // a complete answer has every byte its Content-Length announced.
            val announced = c.contentLengthLong
            if (announced >= 0 && body.size.toLong() != announced) {
                throw IOException("connection closed after ${body.size} of $announced bytes")
            }
            return Answer(status, c.contentType ?: "", body)
        } finally {
            c.disconnect()
        }
    }

    private fun token(request: PlayReadyTokenRequest, fault: String? = null): ExpressPlayToken {
        request.validate(null)
        val a = fetch(request.writeUrl(), request.headers(), fault)
        return expressplayResponseParse(Service.PLAY_READY, a.status.toUShort(), a.contentType, a.body)
    }

    @Test
    fun playReadyTokenAndLicenceUrl() {
        val t = token(playReady())
        assertEquals("https://expressplay-licensing.axprod.net/LicensingService.ashx", t.urlWithoutQuery)
        assertEquals(150, t.token.length)
        val licence = playreadyLicenseUrlWrite(t.urlWithoutQuery, t.token)
        assertEquals("${t.urlWithoutQuery}?ExpressPlayToken=${t.token}", licence)
    }

    @Test
    fun unknownAuthenticatorIsRefused() {
        val e = assertFailsWith<DrmTokenException.Refused> { token(playReady("201722,0000000000000000000000000000dead")) }
        assertEquals(ErrorKind.EXPRESS_PLAY, e.kind)
        assertEquals(-2018, e.code)
        assertEquals(401UL, e.detail)
    }

    @Test
    fun serverErrorIsRefusedWithItsStatus() {
        val e = assertFailsWith<DrmTokenException.Refused> { token(playReady(), "status=503") }
        assertEquals(503UL, e.detail)
    }

    @Test
    fun truncatedAndMalformedBodiesAreResponseErrors() {
        for (fault in listOf("truncate", "malformed")) {
            val e = assertFailsWith<DrmTokenException.Response>(fault) { token(playReady(), fault) }
            assertEquals(ErrorKind.INVALID_JSON, e.kind, fault)
        }
    }

    @Test
    fun wrongContentTypeIsAResponseError() {
        val e = assertFailsWith<DrmTokenException.Response> { token(playReady(), "content-type=text/plain") }
        assertEquals(ErrorKind.UNEXPECTED_CONTENT_TYPE, e.kind)
    }

    @Test
    fun droppedConnectionIsAnIOException() {
        assertFailsWith<IOException> { token(playReady(), "drop") }
    }
}
