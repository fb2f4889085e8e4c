// What an app does with the DrmToken package, checked byte for byte: build and validate a PlayReady
// request, parse the service's answer, wrap a key, read a refusal. Expected values: tests/vectors
// (case "playready seed sample" of expressplay_requests.json and expressplay_responses.json,
// keywrap.json's RFC 3394 4.1).
import DrmToken
import Foundation
import XCTest

final class ConsumerTests: XCTestCase {
    private let auth = "201722,1ad8eed133edf43cbcc185f0236828ae"
    private let key = "b366360da82e9c6e0b0984002a362cf2"

    private func params(contentKey: String) -> [Parameter] {
        [("customerAuthenticator", auth), ("kid", key), ("contentKey", contentKey), ("rightsType", "BuyToOwn"),
         ("analogVideoOPL", "0"), ("compressedDigitalAudioOPL", "0"), ("compressedDigitalVideoOPL", "0"),
         ("uncompressedDigitalAudioOPL", "0"), ("uncompressedDigitalVideoOPL", "0")]
            .map { Parameter(name: $0.0, value: $0.1) }
    }

    func testPlayReadyUrl() throws {
        let request = try expressplayRequestBuild(service: .playReady, environment: .test, parameters: params(contentKey: key))
        XCTAssertEqual(request.service(), .playReady)
        XCTAssertEqual(try request.validate(now: 1_767_225_600), [])
        let url = try request.writeUrl()
        XCTAssertEqual(Array(url.utf8), Array((
            "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
                + "&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn"
                + "&analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0"
                + "&uncompressedDigitalVideoOPL=0").utf8))
        XCTAssertEqual(try expressplayUrlCheck(url: url, now: 1_767_225_600).warnings, [])
        XCTAssertFalse("\(request)".contains("1ad8eed133edf43cbcc185f0236828ae"), "the authenticator is redacted")
    }

    func testRefusal() throws {
        let request = try expressplayRequestBuild(
            service: .playReady, environment: .test, parameters: params(contentKey: String(key.dropFirst())))
        XCTAssertThrowsError(try request.validate(now: nil)) { error in
            guard case let DrmTokenError.Invalid(_, code, _, parameter, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(code, -2027)
            XCTAssertEqual(parameter, "contentKey")
        }
    }

    func testPlayReadyResponse() throws {
        let token = "AAAAAwAAAAQAAAAXAAAAEAAAAAAAAAAAAAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx-_Q=="
        let body = "{\"licenseAcquisitionUrl\":\"https://expressplay-licensing.axprod.net/LicensingService.ashx\",\n"
            + "            \"token\":\"\(token)\"}"
        let parsed = try expressplayResponseParse(service: .playReady, status: 200, contentType: "application/json", body: Data(body.utf8))
        XCTAssertEqual(Array(parsed.token.utf8), Array(token.utf8))
        XCTAssertEqual(parsed.licenseUrl, "https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=" + token)
    }

    func testKeyWrap() throws {
        // RFC 3394 4.1: 128-bit key data with a 128-bit KEK, as bytes.
        let kek = Data((0 ..< 16).map { UInt8($0) })
        let data = Data([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF])
        let wrapped = try keywrapKeyWrap(kek: kek, key: data)
        XCTAssertEqual(wrapped.map { String(format: "%02x", $0) }.joined(), "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5")
        XCTAssertEqual(try keywrapKeyUnwrap(kek: kek, wrapped: wrapped), data)
    }
}
