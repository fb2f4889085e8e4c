// Tests of the generated Swift bindings against libdrmtoken, on the shared vector files
// (tests/vectors, or $DRMTOKEN_VECTORS). Run by bindings/swift/run-tests.sh.
import DrmToken
import Foundation
import XCTest

private let vectorsDir: URL = {
    if let dir = ProcessInfo.processInfo.environment["DRMTOKEN_VECTORS"] { return URL(fileURLWithPath: dir) }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../../tests/vectors").standardized
}()

private func load(_ name: String) throws -> [[String: Any]] {
    let data = try Data(contentsOf: vectorsDir.appendingPathComponent(name))
    return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [[String: Any]])
}

private let services: [String: Service] = ["fairplay": .fairPlay, "playready": .playReady, "widevine": .widevine]
private let environments: [String: Environment] = ["test": .test, "production": .production]
private let auth = "201722,1ad8eed133edf43cbcc185f0236828ae"
private let kid = "b366360da82e9c6e0b0984002a362cf2"
private let kek = "000102030405060708090a0b0c0d0e0f"
private let ek = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5"

/// (kind, code, reason, parameter) of any DrmTokenError, through its methods; the kind as the
/// core names it (`ErrorKind.invalidJson` is `InvalidJson`, as in the vector files).
private func parts(_ e: Error) -> (String, Int32, String, String?)? {
    guard let e = e as? DrmTokenError else { return nil }
    let kind = String(describing: e.kind())
    return (kind.prefix(1).uppercased() + kind.dropFirst(), e.code(), e.reason(), e.parameter())
}

/// Which variant: `Invalid`, `Refused` or `Response`.
private func variant(_ e: Error) -> String? {
    guard let e = e as? DrmTokenError else { return nil }
    switch e {
    case .Invalid: return "Invalid"
    case .Refused: return "Refused"
    case .Response: return "Response"
    }
}

private let hosts = ["test": "test.expressplay.com", "production": "service.expressplay.com"]
private let prefixes = ["fairplay": "fp", "playready": "pr", "widevine": "wv"]

/// A case's parameters sent as they are (also when the request is invalid).
private func urlOfParams(_ c: [String: Any]) -> String {
    let p = prefixes[c["service"] as! String]!
    let host = hosts[c["environment"] as! String]!
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    let enc = { (s: String) in s.addingPercentEncoding(withAllowedCharacters: allowed)! }
    let query = (c["params"] as! [[String]]).map { enc($0[0]) + "=" + enc($0[1]) }.joined(separator: "&")
    return "https://\(p)-gen.\(host)/hms/\(p)/token?\(query)"
}

private func hex(_ s: String) -> Data {
    var d = Data()
    var i = s.startIndex
    while i < s.endIndex {
        let j = s.index(i, offsetBy: 2)
        d.append(UInt8(s[i..<j], radix: 16)!)
        i = j
    }
    return d
}

private func playReady(contentKey: String? = kid) -> PlayReadyTokenRequest {
    PlayReadyTokenRequest(
        environment: .test, customerAuthenticator: auth, kid: kid, contentKey: contentKey, rightsType: "BuyToOwn",
        analogVideoOpl: "0", compressedDigitalAudioOpl: "0", compressedDigitalVideoOpl: "0",
        uncompressedDigitalAudioOpl: "0", uncompressedDigitalVideoOpl: "0")
}

final class VectorTests: XCTestCase {
    func testEveryExpressPlayRequestVector() throws {
        let cases = try load("expressplay_requests.json")
        XCTAssertGreaterThanOrEqual(cases.count, 50)
        for c in cases {
            let name = c["name"] as! String
            let params = (c["params"] as! [[String]]).map { Parameter(name: $0[0], value: $0[1]) }
            let request = try expressplayRequestBuild(
                service: services[c["service"] as! String]!,
                environment: environments[c["environment"] as! String]!, parameters: params)
            let now = (c["now"] as? NSNumber)?.int64Value
            if let error = c["error"] as? [String: Any] {
                var thrown: Error?
                XCTAssertThrowsError(try request.validate(now: now), name) { thrown = $0 }
                guard let e = thrown, let (kind, code, message, parameter) = parts(e) else {
                    XCTFail(name)
                    continue
                }
                XCTAssertEqual(variant(e), "Invalid", name)
                XCTAssertEqual(kind, "ExpressPlay", name)
                XCTAssertEqual(Int(code), (error["code"] as! NSNumber).intValue, name)
                XCTAssertEqual(parameter, error["parameter"] as? String, name)
                XCTAssertFalse(message.isEmpty)
                // The same parameters over the wire are refused the same way.
                do {
                    _ = try expressplayUrlCheck(url: urlOfParams(c), now: now)
                    XCTFail("\(name): expressplayUrlCheck accepted it")
                } catch let again {
                    XCTAssertEqual(again as? DrmTokenError, e as? DrmTokenError, name)
                    XCTAssertEqual((again as? DrmTokenError)?.description, (e as? DrmTokenError)?.description, name)
                }
            } else {
                let warnings = try request.validate(now: now)
                XCTAssertEqual(warnings.map(\.parameter), c["warnings"] as! [String], name)
                XCTAssertEqual(try request.writeUrl(), c["url"] as? String, name)
                XCTAssertEqual(try request.writeFormBody(), c["form_body"] as? String, name)
                XCTAssertEqual(try request.writeEndpoint() + "?" + request.writeFormBody(), try request.writeUrl())
                let parsed = try expressplayUrlParse(url: c["url"] as! String)
                XCTAssertEqual(parsed.request, request, name)
                XCTAssertTrue(parsed.unknownParameters.isEmpty, name)
                // Grouped or interleaved on the wire, the same request.
                XCTAssertEqual(try expressplayUrlParse(url: urlOfParams(c)).request, request, name)
            }
        }
    }

    func testEveryKeyWrapVector() throws {
        let cases = try load("keywrap.json")
        XCTAssertGreaterThanOrEqual(cases.count, 10)
        for c in cases {
            let name = c["name"] as! String
            let kek = c["kek"] as! String
            let key = c["key"] as? String
            let wrapped = c["wrapped"] as? String
            if let error = c["error"] as? String {
                XCTAssertThrowsError(
                    try (wrapped != nil ? keywrapKeyUnwrapHex(kek: kek, wrapped: wrapped!) : keywrapKeyWrapHex(kek: kek, key: key!)), name
                ) { e in
                    XCTAssertEqual(parts(e)?.0, error, name)
                    XCTAssertEqual(parts(e)?.1, 0, name)
                }
            } else {
                XCTAssertEqual(try keywrapKeyWrapHex(kek: kek, key: key!), wrapped, name)
                XCTAssertEqual(try keywrapKeyUnwrapHex(kek: kek.uppercased(), wrapped: wrapped!.uppercased()), key, name)
                XCTAssertEqual(try keywrapKeyWrap(kek: hex(kek), key: hex(key!)), hex(wrapped!), name)
                XCTAssertEqual(try keywrapKeyUnwrap(kek: hex(kek), wrapped: hex(wrapped!)), hex(key!), name)
            }
        }
    }
}

/// Every length class RFC 3394 permits (issue 16): 16 to 4096-byte keys under 128/192/256-bit
/// KEKs, in hex and bytes (the RFC vectors above pin the algorithm; the C, Python and Kotlin
/// suites compare these lengths with independent implementations), and the refused lengths.
final class KeyWrapLongKeyTests: XCTestCase {
    private func pattern(_ n: Int, _ seed: Int) -> Data { Data((0..<n).map { UInt8(($0 * 13 + seed) % 256) }) }
    private func hexString(_ d: Data) -> String { d.map { String(format: "%02x", $0) }.joined() }

    func testEveryLengthRoundTrips() throws {
        for kekLen in [16, 24, 32] {
            let kek = pattern(kekLen, 7)
            for keyLen in [16, 24, 32, 64, 72, 1024, 4096] {
                let key = pattern(keyLen, keyLen)
                let wrapped = try keywrapKeyWrapHex(kek: hexString(kek), key: hexString(key).uppercased())
                XCTAssertEqual(wrapped.count, 2 * (keyLen + 8))
                XCTAssertEqual(try keywrapKeyUnwrapHex(kek: hexString(kek).uppercased(), wrapped: wrapped), hexString(key))
                let wrappedBytes = try keywrapKeyWrap(kek: kek, key: key)
                XCTAssertEqual(hexString(wrappedBytes), wrapped)
                XCTAssertEqual(try keywrapKeyUnwrap(kek: kek, wrapped: wrappedBytes), key)
            }
        }
    }

    func testLengthsTheRfcDoesNotPermit() {
        let kek = "000102030405060708090a0b0c0d0e0f"
        for n in [8, 15, 17] {
            XCTAssertThrowsError(try keywrapKeyWrapHex(kek: kek, key: String(repeating: "ab", count: n))) {
                XCTAssertEqual(parts($0)?.0, "InvalidKeyLength")
            }
            XCTAssertThrowsError(try keywrapKeyWrap(kek: Data(count: 16), key: Data(count: n))) {
                XCTAssertEqual(parts($0)?.0, "InvalidKeyLength")
            }
        }
        for n in [16, 25] {
            XCTAssertThrowsError(try keywrapKeyUnwrapHex(kek: kek, wrapped: String(repeating: "ab", count: n))) {
                XCTAssertEqual(parts($0)?.0, "InvalidKeyLength")
            }
            XCTAssertThrowsError(try keywrapKeyUnwrap(kek: Data(count: 16), wrapped: Data(count: n))) {
                XCTAssertEqual(parts($0)?.0, "InvalidKeyLength")
            }
        }
    }
}

final class BindingTests: XCTestCase {
    func testSeedSampleFromTypedFields() throws {
        let sample = try load("expressplay_requests.json").first { $0["name"] as? String == "playready seed sample" }!
        let r = playReady()
        XCTAssertEqual(try r.validate(now: (sample["now"] as! NSNumber).int64Value), [])
        XCTAssertEqual(try r.writeUrl(), sample["url"] as? String)
        XCTAssertEqual(try r.writeEndpoint(), "https://pr-gen.test.expressplay.com/hms/pr/token")
        XCTAssertEqual(r.headers(), [Header(name: "Content-Type", value: "application/x-www-form-urlencoded", secret: false)])
    }

    func testGroupedExtensionsGiveTheInterleavedUrl() throws {
        var r = playReady()
        r.extensionTypes = ["abcd", "efgh"]
        r.extensionPayloads = ["AAAA", "BBBB"]
        XCTAssertEqual(try r.validate(now: nil), [])
        let interleaved = "extensionType=abcd&extensionPayload=AAAA&extensionType=efgh&extensionPayload=BBBB"
        let url = try r.writeUrl()
        XCTAssertTrue(url.contains(interleaved), url)
        let grouped = url.replacingOccurrences(
            of: interleaved, with: "extensionType=abcd&extensionType=efgh&extensionPayload=AAAA&extensionPayload=BBBB")
        XCTAssertEqual(try expressplayUrlParse(url: grouped).request, .playReady(request: r))
        r.extensionPayloads = ["AAAA"]
        XCTAssertThrowsError(try r.validate(now: nil)) { e in
            XCTAssertEqual(parts(e)?.1, -2035)
            XCTAssertEqual(parts(e)?.3, "extensionPayload")
        }
    }

    func testTypedWidevineRoundTripsThroughTheUrl() throws {
        let wv = WidevineTokenRequest(
            environment: .domain(domain: "drm.example.com"), customerAuthenticator: auth, kid: kid, contentKey: kid,
            securityLevel: "1", hdcpOutputControl: "0", wvExtensions: ["wudo,AAAAAA=="])
        XCTAssertTrue(try wv.validate(now: nil).isEmpty)
        XCTAssertTrue(try wv.writeUrl().hasPrefix("https://wv-gen.drm.example.com/hms/wv/token?customerAuthenticator="))
        XCTAssertEqual(try expressplayUrlParse(url: try wv.writeUrl()).request, .widevine(request: wv))
        let body = try expressplayQueryParse(
            service: .widevine, environment: .domain(domain: "drm.example.com"), query: try wv.writeFormBody())
        XCTAssertEqual(body.request, .widevine(request: wv))
    }

    func testWarningsAndUnknownParameters() throws {
        var r = playReady()
        r.generalFlags = "00000001"
        r.rentalPeriodEndTime = "+3600"
        XCTAssertEqual(try r.validate(now: nil).map(\.parameter), ["rental.periodEndTime"])
        let check = try expressplayUrlCheck(url: try playReady().writeUrl() + "&contentkey=x", now: nil)
        XCTAssertEqual(check.service, .playReady)
        XCTAssertEqual(check.unknownParameters, [UnknownParameter(name: "contentkey", suggestion: "contentKey")])
    }

    func testThirtyOneDigitContentKeyIs2027() {
        XCTAssertThrowsError(try playReady(contentKey: String(kid.dropLast())).validate(now: nil)) { e in
            guard case let DrmTokenError.Invalid(kind, code, reason, parameter, detail) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(kind, .expressPlay)
            XCTAssertEqual(code, -2027)
            XCTAssertEqual(parameter, "contentKey")
            XCTAssertEqual(reason, "Content encryption key must be 32-hexadecimal digits long")
            XCTAssertEqual(detail, 0)
            XCTAssertEqual((e as! DrmTokenError).description,
                           "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]")
        }
    }

    func testBadEkIs4024() {
        var r = playReady(contentKey: nil)
        r.kek = kek
        r.ek = String(ek.dropLast()) + "4"
        XCTAssertThrowsError(try r.validate(now: nil)) { e in
            XCTAssertEqual(parts(e)?.1, -4024)
            XCTAssertEqual(parts(e)?.3, "ek")
        }
    }

    func testLibraryFaults() {
        XCTAssertThrowsError(try WidevineTokenRequest(environment: .test, wvExtensions: Array(repeating: "a:b", count: 9)).writeUrl()) { e in
            guard case let DrmTokenError.Invalid(kind, _, _, parameter, detail) = e else { return XCTFail("\(e)") }
            XCTAssertEqual(kind, .capacityExceeded)
            XCTAssertEqual(detail, 8)
            XCTAssertEqual(parameter, "wvExtension")
            XCTAssertEqual((e as! DrmTokenError).description,
                           "too many entries for the fixed-capacity list (capacity 8) [parameter wvExtension]")
        }
        var bad = playReady()
        bad.environment = .domain(domain: "evil.com/x?")
        XCTAssertThrowsError(try bad.writeUrl()) { XCTAssertEqual(parts($0)?.0, "InvalidHost"); XCTAssertEqual(parts($0)?.3, "domain") }
        XCTAssertThrowsError(try expressplayUrlParse(url: "ftp://pr-gen.test.expressplay.com/hms/pr/token")) { XCTAssertEqual(parts($0)?.0, "InvalidUrl") }
        XCTAssertThrowsError(try expressplayUrlParse(url: "https://example.com/other")) { XCTAssertEqual(parts($0)?.0, "UnknownService") }
        XCTAssertThrowsError(try expressplayUrlParse(url: "https://pr-gen.test.expressplay.com/hms/pr/token?kid=a&kid=b")) {
            XCTAssertEqual(parts($0)?.0, "DuplicateParameter")
            XCTAssertEqual(parts($0)?.3, "kid")
        }
        XCTAssertThrowsError(try expressplayRequestBuild(service: .widevine, environment: .test,
                                                         parameters: [Parameter(name: "contentkey", value: "x")])) {
            XCTAssertEqual(parts($0)?.0, "UnknownParameter")
        }
        XCTAssertThrowsError(try keywrapKeyUnwrapHex(kek: kek, wrapped: "zz" + ek.dropFirst(2))) { XCTAssertEqual(parts($0)?.3, "ek") }
        XCTAssertThrowsError(try keywrapKeyUnwrap(kek: Data(count: 16), wrapped: Data(count: 24))) {
            XCTAssertEqual(parts($0)?.0, "IntegrityCheckFailed")
            XCTAssertEqual(variant($0), "Invalid")
        }
    }

    func testSecretsDoNotShowInDescriptions() {
        let secretKey = "00112233445566778899aabbccddeeff"
        let pr = playReady(contentKey: secretKey)
        let fp = FairPlayTokenRequest(environment: .test, customerAuthenticator: auth, kek: kek, ek: ek)
        let texts = [pr.description, pr.debugDescription, "\(pr)", String(describing: fp), fp.debugDescription,
                     TokenRequest.playReady(request: pr).description, Parameter(name: "contentKey", value: secretKey).description]
        for text in texts {
            for secret in [secretKey, auth, kek, ek] { XCTAssertFalse(text.contains(secret), text) }
        }
        XCTAssertTrue(pr.description.contains(kid), "non-secrets still show")
    }
}

/// The response vector files (and the OpenTV requests), every case, through the bindings.
final class ResponseTests: XCTestCase {
    private func body(_ c: [String: Any]) -> Data {
        if let text = c["body"] as? String { return Data(text.utf8) }
        return hex(c["body_hex"] as! String)
    }

    func testEveryExpressPlayResponse() throws {
        let cases = try load("expressplay_responses.json")
        XCTAssertGreaterThanOrEqual(cases.count, 43)
        for c in cases {
            let name = c["name"] as! String
            let call = {
                try expressplayResponseParse(
                    service: services[c["service"] as! String]!, status: UInt16(truncating: c["status"] as! NSNumber),
                    contentType: c["content_type"] as! String, body: self.body(c))
            }
            if let x = c["expect"] as? [String: Any] {
                let t = try call()
                XCTAssertEqual(t.token, x["token"] as? String, name)
                XCTAssertEqual(t.url, (x["url"] ?? x["license_acquisition_url"]) as? String, name)
                XCTAssertEqual(t.skdUri, x["skd_uri"] as? String, name)
                XCTAssertEqual(t.licenseUrl, x["license_url"] as? String, name)
                XCTAssertFalse(String(describing: t).contains(t.token), name)
            } else if let x = c["service_error"] as? [String: Any] {
                XCTAssertThrowsError(try call(), name) { e in
                    guard case let DrmTokenError.Refused(_, code, reason, _, status) = e else { return XCTFail(name) }
                    XCTAssertEqual(Int(status), (x["status"] as! NSNumber).intValue, name)
                    XCTAssertEqual(Int(code), (x["code"] as? NSNumber)?.intValue ?? 0, name)
                    if let message = x["message"] as? String { XCTAssertEqual(reason, message, name) }
                }
            } else {
                let error = c["error"] as! [String: Any]
                XCTAssertThrowsError(try call(), name) { e in
                    XCTAssertEqual(variant(e), "Response", name)
                    XCTAssertEqual(parts(e)?.0, error["kind"] as? String, name)
                    XCTAssertEqual(parts(e)?.3, error["parameter"] as? String, name)
                }
            }
        }
        XCTAssertEqual(try fairplaySkdUriWrite(url: "https://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AbC"),
                       "skd://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AbC")
        XCTAssertEqual(try playreadyLicenseUrlWrite(licenseAcquisitionUrl: "https://pr.example.com/L.ashx", token: "AbC-_="),
                       "https://pr.example.com/L.ashx?ExpressPlayToken=AbC-_=")
        XCTAssertThrowsError(try playreadyLicenseUrlWrite(licenseAcquisitionUrl: "https://pr.example.com/L.ashx", token: "a b")) {
            XCTAssertEqual(parts($0)?.0, "InvalidToken")
        }
    }

    func testEveryOpenTvAndAdobePassVector() throws {
        for c in try load("opentv_requests.json") {
            let name = c["name"] as! String
            let r = c["request"] as! [String: Any]
            let request = OpenTvContentTokenRequest(
                host: r["host"] as! String, port: UInt32(truncating: r["port"] as! NSNumber),
                contentId: r["content_id"] as! String, bearerToken: r["bearer_token"] as! String,
                tenantId: r["tenant_id"] as! String)
            if let error = c["error"] as? [String: Any] {
                // Only validate applies the rules (producing calls apply none, for every service).
                XCTAssertThrowsError(try request.validate(), name) { e in
                    XCTAssertEqual(variant(e), "Invalid", name)
                    XCTAssertEqual(parts(e)?.0, error["kind"] as? String, name)
                    XCTAssertEqual(parts(e)?.3, error["parameter"] as? String, name)
                }
            } else {
                try request.validate()
                XCTAssertEqual(request.method(), "POST", name)
                XCTAssertEqual(try request.writeUrl(), c["url"] as? String, name)
                let headers = request.headers()
                XCTAssertEqual(headers.map { [$0.name, $0.value] }, c["headers"] as? [[String]], name)
                XCTAssertEqual(headers.map(\.secret), headers.map { $0.name == "authorization" }, name)
                XCTAssertFalse(headers.description.contains(request.bearerToken), name)
            }
        }
        for c in try load("opentv_responses.json") {
            let name = c["name"] as! String
            let call = {
                try opentvResponseParse(
                    status: UInt16(truncating: c["status"] as! NSNumber), contentType: c["content_type"] as! String,
                    body: self.body(c))
            }
            if let x = c["expect"] as? [String: Any] {
                let r = try call()
                let ct = x["content_token"] as! [String: Any]
                XCTAssertEqual(r.contentToken.isJwt, ct["jwt"] != nil, name)
                XCTAssertEqual(r.expiresIn.map { Int($0) }, (x["expires_in"] as? NSNumber)?.intValue, name)
            } else {
                let kind = ((c["ias_error"] ?? c["error"]) as! [String: Any])["kind"] as? String
                XCTAssertThrowsError(try call(), name) { e in
                    XCTAssertEqual(parts(e)?.0, kind, name)
                    XCTAssertEqual(variant(e), c["ias_error"] != nil ? "Refused" : "Response", name)
                }
            }
        }
        XCTAssertEqual(opentvTokenRefreshAt(receivedAt: 1000, expiresIn: 100, percent: 90), 1090)
        for c in try load("adobe_pass_requests.json") {
            let name = c["name"] as! String
            let r = c["request"] as! [String: Any]
            let request = AdobePassAuthorizationRequest(
                spFqdn: r["sp_fqdn"] as! String, requestor: r["requestor"] as! String, deviceId: r["device_id"] as! String,
                resource: r["resource"] as! String, deviceInfo: r["device_info"] as! String,
                deviceInfoInQuery: r["device_info_in_query"] as! Bool, deviceType: r["device_type"] as? String,
                deviceUser: r["device_user"] as? String, appId: r["app_id"] as? String,
                accessToken: r["access_token"] as? String, format: r["format"] as? String == "xml" ? .xml : .json)
            if let error = c["error"] as? [String: Any] {
                XCTAssertThrowsError(try request.validate(), name) { e in
                    XCTAssertEqual(variant(e), "Invalid", name)
                    XCTAssertEqual(parts(e)?.0, error["kind"] as? String, name)
                    XCTAssertEqual(parts(e)?.3, error["parameter"] as? String, name)
                }
            } else {
                XCTAssertEqual(try request.validate().count, (c["warnings"] as! [Any]).count, name)
                XCTAssertEqual(request.method(), "GET", name)
                XCTAssertEqual(try request.writeUrl(), c["url"] as? String, name)
                let headers = request.headers()
                XCTAssertEqual(headers.map { [$0.name, $0.value] }, c["headers"] as? [[String]], name)
                XCTAssertEqual(headers.map(\.secret), headers.map { $0.name == "Authorization" }, name)
            }
        }
        for c in try load("adobe_pass_responses.json") {
            let name = c["name"] as! String
            let call = {
                try adobePassResponseParse(
                    status: UInt16(truncating: c["status"] as! NSNumber), contentType: c["content_type"] as! String,
                    body: self.body(c))
            }
            if let x = c["expect"] as? [String: Any] {
                let a = try call()
                XCTAssertEqual(a.mvpd, x["mvpd"] as? String, name)
                XCTAssertEqual(a.resource, x["resource"] as? String, name)
                XCTAssertEqual(Int(a.expires), (x["expires"] as! NSNumber).intValue, name)
                XCTAssertEqual(a.proxyMvpd, x["proxy_mvpd"] as? String, name)
            } else {
                let kind = ((c["adobe_error"] ?? c["error"]) as! [String: Any])["kind"] as? String
                XCTAssertThrowsError(try call(), name) { e in
                    XCTAssertEqual(parts(e)?.0, kind, name)
                    XCTAssertEqual(variant(e), c["adobe_error"] != nil ? "Refused" : "Response", name)
                }
            }
        }
        XCTAssertEqual(adobePassDeviceInfoEncode(json: Data("{}".utf8)), "e30=")
    }
}
