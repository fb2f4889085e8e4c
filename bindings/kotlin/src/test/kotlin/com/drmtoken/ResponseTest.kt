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

    private fun kind(e: DrmTokenException) = e::class.simpleName

    @Test
    fun expressPlayResponses() {
        val cases = Vectors.load("expressplay_responses.json")
        assertTrue(cases.size >= 43)
        for (case in cases) {
            val name = case["name"] as String
            val call = {
                parseExpressplayResponse(
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
                val e = assertFailsWith<DrmTokenException.ServiceRefused>(name) { call() }
                assertEquals((refused["status"] as Long).toUShort(), e.status, name)
                assertEquals(((refused["code"] as Long?) ?: 0L).toInt(), e.code(), name)
                (refused["message"] as String?)?.let { assertEquals(it, e.errorMessage(), name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException>(name) { call() }
                assertEquals(error["kind"], kind(e), name)
                assertEquals(error["parameter"], e.parameter(), name)
            }
        }
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
                val e = assertFailsWith<DrmTokenException>(name) { opentvContentTokenRequest(request) }
                assertEquals(error["kind"], kind(e), name)
                assertEquals(error["parameter"], e.parameter(), name)
            } else {
                val http = opentvContentTokenRequest(request)
                assertEquals(case["url"], http.url, name)
                assertEquals(case["headers"], http.headers.map { listOf(it.name, it.value) }, name)
                assertFalse(request.toString().contains(request.bearerToken), name)
            }
        }
        for (case in Vectors.load("opentv_responses.json")) {
            val name = case["name"] as String
            val call = { parseOpentvResponse((case["status"] as Long).toUShort(), case["content_type"] as String, body(case)) }
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
                val e = assertFailsWith<DrmTokenException>(name) { call() }
                assertEquals(ias["kind"], kind(e), name)
                (ias["message"] as String?)?.let { assertEquals(it, e.errorMessage(), name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException>(name) { call() }
                assertEquals(error["kind"], kind(e), name)
                assertEquals(error["parameter"], e.parameter(), name)
            }
        }
    }

    @Test
    fun adobePassResponses() {
        for (case in Vectors.load("adobe_pass_responses.json")) {
            val name = case["name"] as String
            val call = { parseAdobePassResponse((case["status"] as Long).toUShort(), case["content_type"] as String, body(case)) }
            val expect = case["expect"] as Map<String, Any?>?
            val refusal = case["adobe_error"] as Map<String, Any?>?
            if (expect != null) {
                val a = call()
                assertEquals(listOf(expect["mvpd"], expect["resource"], expect["requestor"], expect["expires"], expect["proxy_mvpd"]),
                    listOf(a.mvpd, a.resource, a.requestor, a.expires.toLong(), a.proxyMvpd), name)
            } else if (refusal != null) {
                val e = assertFailsWith<DrmTokenException>(name) { call() }
                assertEquals(refusal["kind"], kind(e), name)
                (refusal["message"] as String?)?.let { assertEquals(it, e.errorMessage(), name) }
            } else {
                val error = case["error"] as Map<String, Any?>
                val e = assertFailsWith<DrmTokenException>(name) { call() }
                assertEquals(error["kind"], kind(e), name)
                assertEquals(error["parameter"], e.parameter(), name)
            }
        }
        assertEquals("e30=", encodeDeviceInfo("{}".toByteArray()))
    }
}
