package com.drmtoken

import java.io.BufferedReader
import java.io.IOException
import java.io.InputStreamReader
import java.net.HttpURLConnection
import java.net.SocketTimeoutException
import java.net.URI
import java.util.concurrent.TimeUnit
import org.junit.After
import org.junit.Before
import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertTrue
import kotlin.test.fail

/**
 * The Kotlin bindings against `drmtoken serve`, end to end, with java.net.HttpURLConnection, for
 * all five services: each request built with the bindings, fetched from the emulator, the answer
 * parsed with the bindings and acted on (skd:// URI, licence URLs, content rights, authorization).
 * Per service: the token, its documented refusals (status, and code or kind), and every injected
 * fault (X-Drmtoken-Fault: status=503, content-type, drop, latency past and within the client's
 * timeout, trickle, truncate, malformed), each reported as the right DrmTokenException case or an
 * IOException of the HTTP client, never a hang. run-tests.sh passes the binary as -Ddrmtoken.bin;
 * each test starts the emulator on a free port and stops it in tearDown.
 */
class EmulatorTest {
    private lateinit var server: Process
    private lateinit var base: String

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

    /** A request as the bindings built it: method, URL of the real service, headers, body. */
    private class Outgoing(val method: String, val url: String, val headers: List<Header>, val body: String? = null)

    private class Answer(val status: Int, val contentType: String, val body: ByteArray)

    /**
     * Sends the request's path and query to the emulator. An HTTP error status is an answer; a
     * connection closed before the whole answer arrived, or silent for [timeoutMs], an IOException.
     */
    private fun send(o: Outgoing, fault: String? = null, timeoutMs: Int = 10_000): Answer {
        val u = URI(o.url)
        val query = u.rawQuery?.let { "?$it" } ?: ""
        val c = URI("$base${u.rawPath}$query").toURL().openConnection() as HttpURLConnection
        try {
            c.connectTimeout = timeoutMs
            c.readTimeout = timeoutMs
            c.instanceFollowRedirects = false
            c.requestMethod = o.method
            for (h in o.headers) c.setRequestProperty(h.name, h.value)
            if (fault != null) c.setRequestProperty("X-Drmtoken-Fault", fault)
            if (o.method == "POST") {
                val body = (o.body ?: "").toByteArray()
                c.doOutput = true
                // Buffered, not setFixedLengthStreamingMode: in streaming mode HttpURLConnection
                // gives no error stream for a 401 (it cannot retry with credentials), so an IAS
                // refusal's body would be lost.
                c.outputStream.use { it.write(body) }
            }
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

    // The requests, on the accounts `drmtoken serve` has built in.

    private fun fairPlay(auth: String = AUTH, errorFormat: String? = null) = FairPlayTokenRequest(
        environment = Environment.Test, customerAuthenticator = auth, errorFormat = errorFormat, contentKey = KEY, iv = IV,
    )

    private fun playReady(auth: String = AUTH, errorFormat: String? = null) = PlayReadyTokenRequest(
        environment = Environment.Test, customerAuthenticator = auth, errorFormat = errorFormat, kid = KEY, contentKey = KEY,
        rightsType = "BuyToOwn", analogVideoOpl = "0", compressedDigitalAudioOpl = "0",
        compressedDigitalVideoOpl = "0", uncompressedDigitalAudioOpl = "0", uncompressedDigitalVideoOpl = "0",
    )

    private fun widevine(auth: String = AUTH, errorFormat: String? = null) = WidevineTokenRequest(
        environment = Environment.Test, customerAuthenticator = auth, errorFormat = errorFormat, kid = KEY, contentKey = KEY,
        securityLevel = "1", hdcpOutputControl = "0",
    )

    private fun openTv(content: String = "content7", bearer: String = BEARER, tenant: String = "nagra") =
        OpenTvContentTokenRequest(host = "ias.example.com", port = 443u, contentId = content, bearerToken = bearer, tenantId = tenant)

    private fun adobe(format: AdobePassFormat, device: String = "d1", resource: String = "sampleResourceId") =
        AdobePassAuthorizationRequest(
            spFqdn = "api.auth.adobe.com", requestor = "sampleRequestorId", deviceId = device, resource = resource,
            deviceInfo = "e30=", deviceInfoInQuery = false, deviceType = null, deviceUser = null, appId = null,
            accessToken = null, format = format,
        )

    // Each validated, sent and parsed with the bindings.

    private fun get(r: FairPlayTokenRequest) = r.validate(null).let { Outgoing("GET", r.writeUrl(), emptyList()) }
    private fun get(r: PlayReadyTokenRequest) = r.validate(null).let { Outgoing("GET", r.writeUrl(), emptyList()) }
    private fun get(r: WidevineTokenRequest) = r.validate(null).let { Outgoing("GET", r.writeUrl(), emptyList()) }

    private fun token(service: Service, o: Outgoing, fault: String? = null, timeoutMs: Int = 10_000): ExpressPlayToken {
        val a = send(o, fault, timeoutMs)
        return expressplayResponseParse(service, a.status.toUShort(), a.contentType, a.body)
    }

    private fun contentToken(r: OpenTvContentTokenRequest, fault: String? = null, timeoutMs: Int = 10_000): OpenTvResponse {
        r.validate()
        val a = send(Outgoing(r.method(), r.writeUrl(), r.headers()), fault, timeoutMs)
        return opentvResponseParse(a.status.toUShort(), a.contentType, a.body)
    }

    private fun authorization(r: AdobePassAuthorizationRequest, fault: String? = null, timeoutMs: Int = 10_000): AdobePassAuthorization {
        r.validate()
        val a = send(Outgoing(r.method(), r.writeUrl(), r.headers()), fault, timeoutMs)
        return adobePassResponseParse(a.status.toUShort(), a.contentType, a.body)
    }

    // What a player checks in each answer.

    private fun checkFairPlay(t: ExpressPlayToken) {
        assertTrue(t.url.startsWith("https://fp.test.expressplay.com:80/hms/fp/rights/?ExpressPlayToken="), t.url)
        assertEquals(t.url.substringAfter("ExpressPlayToken="), t.token)
        assertEquals("skd://" + t.url.removePrefix("https://"), t.skdUri)
        assertEquals(t.skdUri, fairplaySkdUriWrite(t.url))
    }

    private fun checkPlayReady(t: ExpressPlayToken) {
        assertEquals("https://expressplay-licensing.axprod.net/LicensingService.ashx", t.urlWithoutQuery)
        assertEquals(150, t.token.length)
        val licence = playreadyLicenseUrlWrite(t.urlWithoutQuery, t.token)
        assertEquals("${t.urlWithoutQuery}?ExpressPlayToken=${t.token}", licence)
        assertEquals(licence, t.licenseUrl)
    }

    private fun checkWidevine(t: ExpressPlayToken) {
        assertEquals("https://wv.test.expressplay.com/hms/wv/rights/", t.urlWithoutQuery)
        assertEquals("${t.urlWithoutQuery}?ExpressPlayToken=${t.token}", t.url)
    }

    private fun checkOpenTv(r: OpenTvResponse) {
        val claims = assertNotNull(r.contentToken.claims)
        assertEquals(false, r.contentToken.isJwt)
        assertEquals("device7", claims.device?.deviceUniqueId)
        val right = claims.contentRights.single()
        assertEquals("content7", right.contentId)
        assertEquals(86_400uL, right.duration)
        assertEquals(5u, right.sessionControl?.maxSessions)
        assertEquals("Bearer", r.tokenType)
        assertEquals(3_887_999uL, r.expiresIn)
    }

    private fun checkAdobe(a: AdobePassAuthorization) {
        assertEquals(
            listOf("sampleMvpdId", "sampleResourceId", "sampleRequestorId", "sampleProxyMvpdId"),
            listOf(a.mvpd, a.resource, a.requestor, a.proxyMvpd),
        )
        // A day ahead, in epoch milliseconds.
        val ahead = a.expires.toLong() - System.currentTimeMillis()
        assertTrue(ahead in 86_000_000L..86_400_000L, "expires ${a.expires}")
    }

    /** A service as the fault tests drive it: fetch (fault, timeout) and check a success. */
    private class Target(val name: String, val body: String, val fetch: (String?, Int) -> Any, val check: (Any) -> Unit)

    private val targets: List<Target> = listOf(
        Target("fairplay", "uri-list", { f, t -> token(Service.FAIR_PLAY, get(fairPlay()), f, t) }) { checkFairPlay(it as ExpressPlayToken) },
        Target("playready", "json", { f, t -> token(Service.PLAY_READY, get(playReady()), f, t) }) { checkPlayReady(it as ExpressPlayToken) },
        Target("widevine", "uri-list", { f, t -> token(Service.WIDEVINE, get(widevine()), f, t) }) { checkWidevine(it as ExpressPlayToken) },
        Target("opentv", "json", { f, t -> contentToken(openTv(), f, t) }) { checkOpenTv(it as OpenTvResponse) },
        Target("adobe json", "json", { f, t -> authorization(adobe(AdobePassFormat.JSON), f, t) }) { checkAdobe(it as AdobePassAuthorization) },
        Target("adobe xml", "xml", { f, t -> authorization(adobe(AdobePassFormat.XML), f, t) }) { checkAdobe(it as AdobePassAuthorization) },
    )

    // Successes.

    @Test
    fun everyServiceAnswersAndTheAnswerIsUsable() {
        for (t in targets) {
            try {
                t.check(t.fetch(null, 10_000))
            } catch (e: Throwable) {
                throw AssertionError("${t.name}: $e", e)
            }
        }
    }

    @Test
    fun sameRequestSameTokenByGetOrPost() {
        // The form body POSTed to the endpoint, with its Content-Type header.
        val fp = fairPlay()
        val fpPost = Outgoing("POST", fp.writeEndpoint(), fp.headers(), fp.writeFormBody())
        assertEquals(token(Service.FAIR_PLAY, get(fp)).token, token(Service.FAIR_PLAY, fpPost).token)
        val pr = playReady()
        val prPost = Outgoing("POST", pr.writeEndpoint(), pr.headers(), pr.writeFormBody())
        val t = token(Service.PLAY_READY, prPost)
        checkPlayReady(t)
        assertEquals(token(Service.PLAY_READY, get(pr)).token, t.token)
    }

    // Refusals: the documented status, with the service's code or the status's kind.

    private fun refused(call: () -> Any, kind: ErrorKind, status: Int, code: Int = 0): DrmTokenException.Refused {
        val e = assertFailsWith<DrmTokenException.Refused> { call() }
        assertEquals(kind, e.kind, e.message)
        assertEquals(status.toULong(), e.detail, e.message)
        assertEquals(code, e.code, e.message)
        return e
    }

    @Test
    fun expressPlayRefusalsCarryTheServiceCode() {
        refused({ token(Service.FAIR_PLAY, get(fairPlay(PLAYREADY_ONLY))) }, ErrorKind.EXPRESS_PLAY, 401, -6009)
        refused({ token(Service.PLAY_READY, get(playReady(UNKNOWN))) }, ErrorKind.EXPRESS_PLAY, 401, -2018)
        refused({ token(Service.WIDEVINE, get(widevine(PLAYREADY_ONLY))) }, ErrorKind.EXPRESS_PLAY, 401, -7011)
        // The same refusals as JSON (errorFormat=json), and a production authenticator on test.
        for (format in listOf("html", "json")) {
            val e = refused({ token(Service.PLAY_READY, get(playReady(UNKNOWN, format))) }, ErrorKind.EXPRESS_PLAY, 401, -2018)
            assertTrue(e.reason.startsWith("Authentication token invalid"), e.reason)
            refused({ token(Service.WIDEVINE, get(widevine(PRODUCTION, format))) }, ErrorKind.EXPRESS_PLAY, 401, -2018)
            refused({ token(Service.FAIR_PLAY, get(fairPlay(PLAYREADY_ONLY, format))) }, ErrorKind.EXPRESS_PLAY, 401, -6009)
        }
    }

    @Test
    fun openTvRefusalsCarryTheirStatus() {
        refused({ contentToken(openTv(bearer = "wrong-token")) }, ErrorKind.UNAUTHORIZED, 401)
        refused({ contentToken(openTv(tenant = "other")) }, ErrorKind.FORBIDDEN, 403)
        refused({ contentToken(openTv(content = "content-premium")) }, ErrorKind.FORBIDDEN, 403)
        refused({ contentToken(openTv(content = "nosuchcontent")) }, ErrorKind.CONTENT_NOT_FOUND, 404)
    }

    @Test
    fun adobePassRefusalsCarryTheSeedBodies() {
        for (format in listOf(AdobePassFormat.JSON, AdobePassFormat.XML)) {
            val e = refused({ authorization(adobe(format, device = "unauthenticatedDevice")) }, ErrorKind.NOT_AUTHENTICATED, 412)
            assertEquals("User not authenticated", e.reason, "$format")
            refused({ authorization(adobe(format, resource = "unknownResourceId")) }, ErrorKind.NOT_AUTHORIZED, 404)
            refused({ authorization(adobe(format, resource = "expiredResourceId")) }, ErrorKind.AUTHORIZATION_EXPIRED, 410)
        }
    }

    // Faults, on every service.

    private inline fun <reified T : Throwable> eachFails(fault: String, timeoutMs: Int = 10_000, check: (Target, T) -> Unit = { _, _ -> }) {
        for (t in targets) {
            val e = assertFailsWith<T>("${t.name}, $fault") { t.fetch(fault, timeoutMs) }
            check(t, e)
        }
    }

    @Test
    fun serverErrorIsARefusalWithItsStatus() = eachFails<DrmTokenException.Refused>("status=503") { t, e ->
        assertEquals(503UL, e.detail, t.name)
    }

    @Test
    fun wrongContentTypeIsAResponseError() {
        for (t in targets) {
            val other = if (t.body == "uri-list") "application/json" else "text/plain"
            val e = assertFailsWith<DrmTokenException.Response>(t.name) { t.fetch("content-type=$other", 10_000) }
            assertEquals(ErrorKind.UNEXPECTED_CONTENT_TYPE, e.kind, t.name)
        }
    }

    @Test
    fun droppedConnectionIsAnIOException() = eachFails<IOException>("drop") { t, e ->
        assertTrue(e !is SocketTimeoutException, "${t.name}: $e")
    }

    @Test
    fun latencyPastTheTimeoutIsATimeout() = eachFails<SocketTimeoutException>("latency=2s", timeoutMs = 300)

    @Test
    fun latencyWithinTheTimeoutIsTheAnswer() {
        for (t in targets) {
            val started = System.nanoTime()
            t.check(t.fetch("latency=200ms", 5_000))
            val ms = (System.nanoTime() - started) / 1_000_000
            assertTrue(ms >= 200, "${t.name}: answered after $ms ms, before the latency")
        }
    }

    @Test
    fun trickledBodyArrivesWholeAndParses() {
        for (t in targets) {
            val slow = t.fetch("trickle=10ms/64", 10_000)
            t.check(slow)
            // A text/uri-list cut short would still parse, with a shorter token: compare with the
            // answer sent at once.
            if (slow is ExpressPlayToken) assertEquals((t.fetch(null, 10_000) as ExpressPlayToken).token, slow.token, t.name)
        }
    }

    @Test
    fun truncatedAndMalformedBodiesAreResponseErrors() {
        for (t in targets) {
            for (fault in listOf("truncate", "malformed")) {
                // A text/uri-list cut short with an honest Content-Length is a well-formed, shorter
                // URL: no client can tell (README, "Faults").
                if (t.body == "uri-list" && fault == "truncate") continue
                val e = assertFailsWith<DrmTokenException.Response>("${t.name}, $fault") { t.fetch(fault, 10_000) }
                when (t.body) {
                    "json" -> assertEquals(ErrorKind.INVALID_JSON, e.kind, "${t.name}, $fault")
                    "xml" -> assertEquals(ErrorKind.INVALID_XML, e.kind, "${t.name}, $fault")
                    "uri-list" -> {}
                    else -> fail("unknown body ${t.body}")
                }
            }
        }
    }

    private companion object {
        const val AUTH = "201722,1ad8eed133edf43cbcc185f0236828ae"
        const val UNKNOWN = "201722,0000000000000000000000000000dead"
        const val PLAYREADY_ONLY = "201722,playreadyonly00000000000000000"
        const val PRODUCTION = "201722,0123456789abcdef0123456789abcdef"
        const val KEY = "b366360da82e9c6e0b0984002a362cf2"
        const val IV = "0123456789abcdef0123456789abcdef"
        const val BEARER = "emulator-bearer-token"
    }
}
