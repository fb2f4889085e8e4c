package com.drmtoken

import org.junit.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** The response vector files (and the OpenTV / Adobe Pass request files), every case, through the bindings. */
@Suppress("UNCHECKED_CAST")
class ResponseTest {
    private fun body(case: Map<String, Any?>): ByteArray =
        (case["body"] as String?)?.toByteArray()
            ?: (case["body_hex"] as String).chunked(2).map { it.toInt(16).toByte() }.toByteArray()


    @Test
    fun expressPlayResponses() {
        val cases = Vectors.load("expressplay_responses.json")
        assertTrue(cases.size >= 43)
        for (case in cases) {
            val name = case["name"] as String
            val call = {
                expressplayResponseParse(
                    Vectors.services.getValue(case["service"] as String), (case["status"] as Long).toUShort(),
                    case["content_type"] as String, body(case),
                )
            }
            val expect = case["expect"] as Map<String, Any?>?
            val refused = case["service_error"] as Map<String, Any?>?
            if (expect != null) {
                val t = call()
                assertEquals(expect["token"], t.token, name)
                assertEquals(expect["url"] ?: expect["license_acquisition_url"], t.url, name)
                assertEquals(expect["skd_uri"], t.skdUri, name)
                assertEquals(expect["license_url"], t.licenseUrl, name)
                assertFalse(t.toString().contains(t.token), name)
            } else if (refused != null) {
                val e = assertFailsWith<DrmTokenException.Refused>(name) { call() }
                assertEquals((refused["status"] as Long).toULong(), e.detail, name)
                assertEquals(((refused["code"] as Long?) ?: 0L).toInt(), e.code, name)
                (refused["message"] as String?)?.let { assertEquals(it, e.reason, name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException.Response>(name) { call() }
                assertEquals(Vectors.kind(error["kind"] as String), e.kind, name)
                assertEquals(error["parameter"], e.parameter, name)
            }
        }
        assertEquals("skd://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AbC",
            fairplaySkdUriWrite("https://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AbC"))
        assertEquals("https://pr.example.com/L.ashx?ExpressPlayToken=AbC-_=", playreadyLicenseUrlWrite("https://pr.example.com/L.ashx", "AbC-_="))
        assertEquals(ErrorKind.INVALID_TOKEN,
            assertFailsWith<DrmTokenException.Invalid> { playreadyLicenseUrlWrite("https://pr.example.com/L.ashx", "a b") }.kind)
    }

    @Test
    fun openTvRequestsAndResponses() {
        for (case in Vectors.load("opentv_requests.json")) {
            val name = case["name"] as String
            val r = case["request"] as Map<String, Any?>
            val request = OpenTvContentTokenRequest(
                r["host"] as String, (r["port"] as Long).toUInt(), r["content_id"] as String,
                r["bearer_token"] as String, r["tenant_id"] as String,
            )
            val error = case["error"] as Map<String, Any?>?
            if (error != null) {
                // Only validate applies the rules (producing calls apply none, for every service).
                val e = assertFailsWith<DrmTokenException.Invalid>(name) { request.validate() }
                assertEquals(Vectors.kind(error["kind"] as String), e.kind, name)
                assertEquals(error["parameter"], e.parameter, name)
            } else {
                request.validate()
                assertEquals("POST", request.method(), name)
                assertEquals(case["url"], request.writeUrl(), name)
                val headers = request.headers()
                assertEquals(case["headers"], headers.map { listOf(it.name, it.value) }, name)
                assertEquals(headers.map { it.name == "authorization" }, headers.map { it.secret }, name)
                assertFalse(request.toString().contains(request.bearerToken), name)
                assertFalse(headers.toString().contains(request.bearerToken), name)
            }
        }
        for (case in Vectors.load("opentv_responses.json")) {
            val name = case["name"] as String
            val call = { opentvResponseParse((case["status"] as Long).toUShort(), case["content_type"] as String, body(case)) }
            val expect = case["expect"] as Map<String, Any?>?
            val ias = case["ias_error"] as Map<String, Any?>?
            if (expect != null) {
                val r = call()
                val ct = expect["content_token"] as Map<String, Any?>
                assertEquals(ct.containsKey("jwt"), r.contentToken.isJwt, name)
                if (!r.contentToken.isJwt) {
                    val rights = (ct["contentRights"] as List<Map<String, Any?>>?) ?: emptyList()
                    assertEquals(rights.map { it["contentId"] }, r.contentToken.claims!!.contentRights.map { it.contentId }, name)
                }
                assertEquals(expect["expires_in"] as Long?, r.expiresIn?.toLong(), name)
            } else if (ias != null) {
                val e = assertFailsWith<DrmTokenException.Refused>(name) { call() }
                assertEquals(Vectors.kind(ias["kind"] as String), e.kind, name)
                assertEquals((case["status"] as Long).toULong(), e.detail, name)
                (ias["message"] as String?)?.let { assertEquals(it, e.reason, name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException.Response>(name) { call() }
                assertEquals(Vectors.kind(error["kind"] as String), e.kind, name)
                assertEquals(error["parameter"], e.parameter, name)
            }
        }
        assertEquals(1090L, opentvTokenRefreshAt(1000L, 100uL, 90u.toUByte()))
    }

    @Test
    fun adobePassRequests() {
        for (case in Vectors.load("adobe_pass_requests.json")) {
            val name = case["name"] as String
            val r = case["request"] as Map<String, Any?>
            val request = AdobePassAuthorizationRequest(
                spFqdn = r["sp_fqdn"] as String, requestor = r["requestor"] as String, deviceId = r["device_id"] as String,
                resource = r["resource"] as String, deviceInfo = r["device_info"] as String,
                deviceInfoInQuery = r["device_info_in_query"] as Boolean, deviceType = r["device_type"] as String?,
                deviceUser = r["device_user"] as String?, appId = r["app_id"] as String?, accessToken = r["access_token"] as String?,
                format = if (r["format"] == "xml") AdobePassFormat.XML else AdobePassFormat.JSON,
            )
            val error = case["error"] as Map<String, Any?>?
            if (error != null) {
                // Only validate applies the rules (producing calls apply none, for every service).
                val e = assertFailsWith<DrmTokenException.Invalid>(name) { request.validate() }
                assertEquals(Vectors.kind(error["kind"] as String), e.kind, name)
                assertEquals(error["parameter"], e.parameter, name)
            } else {
                val warnings = request.validate()
                assertEquals("GET", request.method(), name)
                assertEquals(case["url"], request.writeUrl(), name)
                val headers = request.headers()
                assertEquals(case["headers"], headers.map { listOf(it.name, it.value) }, name)
                assertEquals(headers.map { it.name == "Authorization" }, headers.map { it.secret }, name)
                assertEquals((case["warnings"] as List<*>).size, warnings.size, name)
            }
        }
    }

    @Test
    fun adobePassResponses() {
        for (case in Vectors.load("adobe_pass_responses.json")) {
            val name = case["name"] as String
            val call = { adobePassResponseParse((case["status"] as Long).toUShort(), case["content_type"] as String, body(case)) }
            val expect = case["expect"] as Map<String, Any?>?
            val refusal = case["adobe_error"] as Map<String, Any?>?
            if (expect != null) {
                val a = call()
                assertEquals(listOf(expect["mvpd"], expect["resource"], expect["requestor"], expect["expires"], expect["proxy_mvpd"]),
                    listOf(a.mvpd, a.resource, a.requestor, a.expires.toLong(), a.proxyMvpd), name)
            } else if (refusal != null) {
                val e = assertFailsWith<DrmTokenException.Refused>(name) { call() }
                assertEquals(Vectors.kind(refusal["kind"] as String), e.kind, name)
                assertEquals((case["status"] as Long).toULong(), e.detail, name)
                (refusal["message"] as String?)?.let { assertEquals(it, e.reason, name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException.Response>(name) { call() }
                assertEquals(Vectors.kind(error["kind"] as String), e.kind, name)
                assertEquals(error["parameter"], e.parameter, name)
            }
        }
        assertEquals("e30=", adobePassDeviceInfoEncode("{}".toByteArray()))
    }
}
