/* A C program outside the drmtoken tree, built against an installed prefix only (pkg-config or
 * CMake find_package, shared or static: tests/consumers/native.sh). It checks the exact bytes of
 * the shared vectors: the PlayReady seed sample's request URL (tests/vectors/
 * expressplay_requests.json, "playready seed sample"), the service's answer turned into the
 * licence URL, and a refusal with the service's code and text. Exit 0 only when all agree. */
#include <stdio.h>
#include <string.h>

#include <drmtoken.h>

static int failures = 0;

static drmtoken_str str(const char *s) {
    drmtoken_str v = {(const uint8_t *)s, strlen(s)};
    return v;
}

static void expect_bytes(const char *what, const uint8_t *got, size_t got_len, const char *want) {
    if (got_len != strlen(want) || memcmp(got, want, got_len) != 0) {
        fprintf(stderr, "FAIL %s:\n  got  %.*s\n  want %s\n", what, (int)got_len, (const char *)got, want);
        failures++;
    } else {
        printf("ok   %s\n", what);
    }
}

static void expect_status(const char *what, drmtoken_status got, drmtoken_status want) {
    if (got != want) {
        fprintf(stderr, "FAIL %s: status %d (%s), want %d\n", what, (int)got, drmtoken_status_describe(got), (int)want);
        failures++;
    }
}

static drmtoken_expressplay_request seed_sample(void) {
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r); /* zero = absent */
    r.service = DRMTOKEN_SERVICE_PLAYREADY;
    r.environment = DRMTOKEN_ENV_TEST;
    r.customer_authenticator = str("201722,1ad8eed133edf43cbcc185f0236828ae");
    r.kid = str("b366360da82e9c6e0b0984002a362cf2");
    r.content_key = str("b366360da82e9c6e0b0984002a362cf2");
    r.rights_type = str("BuyToOwn");
    r.analog_video_opl = r.compressed_digital_audio_opl = r.compressed_digital_video_opl = str("0");
    r.uncompressed_digital_audio_opl = r.uncompressed_digital_video_opl = str("0");
    return r;
}

int main(void) {
    /* The header and the library come from the same release. */
    const char *lib_version = drmtoken_version();
    expect_bytes("library version = header version", (const uint8_t *)lib_version, strlen(lib_version),
                 DRMTOKEN_VERSION);

    /* The request URL, byte for byte. */
    drmtoken_expressplay_request r = seed_sample();
    drmtoken_error err;
    expect_status("validate", drmtoken_expressplay_request_validate(&r, NULL, NULL, &err), DRMTOKEN_OK);
    uint8_t url[1024];
    size_t len = 0;
    expect_status("write_url", drmtoken_expressplay_request_write_url(&r, url, sizeof url, &len, &err), DRMTOKEN_OK);
    expect_bytes("PlayReady request URL", url, len,
                 "https://pr-gen.test.expressplay.com/hms/pr/token"
                 "?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
                 "&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2"
                 "&rightsType=BuyToOwn&analogVideoOPL=0&compressedDigitalAudioOPL=0"
                 "&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0&uncompressedDigitalVideoOPL=0");

    /* The service's answer (the seed's sample), parsed and turned into the licence server URL. */
    static const char body[] = "{\"licenseAcquisitionUrl\":\"https://expressplay-licensing.axprod.net/LicensingService.ashx\","
                               "\"token\":\"AAAAAwAAAAQAAAAX-_Q==\"}";
    static const char ct[] = "application/json";
    drmtoken_expressplay_response response;
    expect_status("response_parse",
                  drmtoken_expressplay_response_parse(DRMTOKEN_SERVICE_PLAYREADY, 200, (const uint8_t *)ct, strlen(ct),
                                                      (const uint8_t *)body, strlen(body), NULL, 0, &response, &err),
                  DRMTOKEN_OK);
    expect_bytes("token", response.token.ptr, response.token.len, "AAAAAwAAAAQAAAAX-_Q==");
    uint8_t license[512];
    len = 0;
    expect_status("license_url_write",
                  drmtoken_playready_license_url_write(response.url.ptr, response.url.len, response.token.ptr,
                                                       response.token.len, license, sizeof license, &len, &err),
                  DRMTOKEN_OK);
    expect_bytes("licence server URL", license, len,
                 "https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=AAAAAwAAAAQAAAAX-_Q==");

    /* A refusal: the service's code, message and parameter, as every surface prints them. */
    r.content_key = str("b366360da82e9c6e");
    expect_status("validate (short contentKey)", drmtoken_expressplay_request_validate(&r, NULL, NULL, &err),
                  DRMTOKEN_INVALID);
    char text[256];
    len = 0;
    expect_status("error_describe", drmtoken_error_describe(&err, (uint8_t *)text, sizeof text, &len, NULL), DRMTOKEN_OK);
    expect_bytes("refusal text", (const uint8_t *)text, len,
                 "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]");

    if (failures) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("all checks passed\n");
    return 0;
}
