/* The firmware proof: a bare-metal C program (arm-none-eabi-gcc, newlib-nano) linked with the
 * thumbv7em-none-eabihf libdrmtoken.a (ffi/nostd), run on a Cortex-M4F in QEMU (mps2-an386).
 * For every service it builds, validates and parses through the C API and compares each result
 * with the bytes it must be (the checks of tests/freestanding, made from C). Around every call
 * into the library it paints the stack below with a pattern and afterwards finds the lowest byte
 * overwritten: that call's stack high-water mark. Prints `stack <export> <bytes>` per export
 * (the largest over its calls), then `thumb_stack_bytes=N`, and exits 0 only if every check
 * passed (semihosting; see startup.c). */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "drmtoken.h"
#include "opentv_seed.h"
#include "semihost.h"

/* ---- reporting ---- */

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...) {
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    semihost_write(line);
}

static int failures;
#define CHECK(cond, what)                                                                                              \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            say("FAIL %s (%s:%d)\n", what, __FILE__, __LINE__);                                                      \
            failures++;                                                                                                \
        }                                                                                                              \
    } while (0)

/* ---- stack painting ---- */

/* Painted below the caller's stack pointer before each call; the top GAP bytes are left alone
 * (the painting function's own frame lives there). */
#define PAINT 16384u
#define GAP 64u
#define PATTERN 0xCDu

static inline uintptr_t stack_pointer(void) {
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

__attribute__((noinline)) static void paint(uintptr_t top) {
    volatile uint8_t *p = (volatile uint8_t *)(top - PAINT);
    for (uint32_t i = 0; i < PAINT - GAP; i++) p[i] = PATTERN;
}

__attribute__((noinline)) static uint32_t used_below(uintptr_t top) {
    volatile const uint8_t *p = (volatile const uint8_t *)(top - PAINT);
    uint32_t i = 0;
    while (i < PAINT - GAP && p[i] == PATTERN) i++;
    return i == PAINT - GAP ? 0 : PAINT - i;
}

struct mark {
    const char *name;
    uint32_t bytes;
};
static struct mark marks[32];
static uint32_t nmarks, peak;

static void record(const char *name, uint32_t bytes) {
    uint32_t i = 0;
    while (i < nmarks && strcmp(marks[i].name, name) != 0) i++;
    if (i == nmarks && nmarks < 32) marks[nmarks++].name = name;
    if (i < 32 && bytes > marks[i].bytes) marks[i].bytes = bytes;
    if (bytes > peak) peak = bytes;
    if (bytes >= PAINT - GAP) {
        say("FAIL %s used the whole painted %u bytes: raise PAINT\n", name, PAINT);
        failures++;
    }
}

/* Calls `fn(args...)` with the stack below painted, records its high-water mark under the
 * export's name, and gives the status. */
#define MEASURED(fn, ...)                                                                                              \
    __extension__({                                                                                                    \
        uintptr_t top_ = stack_pointer();                                                                              \
        paint(top_);                                                                                                   \
        drmtoken_status st_ = fn(__VA_ARGS__);                                                                         \
        record(#fn, used_below(top_));                                                                                 \
        st_;                                                                                                           \
    })

/* ---- helpers ---- */

static drmtoken_str S(const char *s) {
    drmtoken_str v = {(const uint8_t *)s, strlen(s)};
    return v;
}
static int eq(const uint8_t *got, size_t len, const char *want) { return len == strlen(want) && memcmp(got, want, len) == 0; }
static int str_is(drmtoken_str s, const char *want) { return s.ptr != NULL && eq(s.ptr, s.len, want); }

static const char AUTH[] = "201722,1ad8eed133edf43cbcc185f0236828ae";
static const char KEY[] = "b366360da82e9c6e0b0984002a362cf2";

/* ---- ExpressPlay ---- */

static void playready(void) {
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r);
    r.service = DRMTOKEN_SERVICE_PLAYREADY;
    r.customer_authenticator = S(AUTH);
    r.kid = S(KEY);
    r.content_key = S(KEY);
    r.rights_type = S("BuyToOwn");
    r.analog_video_opl = r.compressed_digital_audio_opl = r.compressed_digital_video_opl = S("0");
    r.uncompressed_digital_audio_opl = r.uncompressed_digital_video_opl = S("0");
    r.expiration_time = S("+3600");
    drmtoken_error err;
    drmtoken_warnings w;
    CHECK(MEASURED(drmtoken_expressplay_request_validate, &r, NULL, &w, &err) == DRMTOKEN_OK && w.len == 0,
          "playready validate");
    static const char want[] =
        "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
        "&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&rightsType=BuyToOwn"
        "&analogVideoOPL=0&compressedDigitalAudioOPL=0&compressedDigitalVideoOPL=0&uncompressedDigitalAudioOPL=0"
        "&uncompressedDigitalVideoOPL=0&expirationTime=%2B3600";
    uint8_t out[512];
    size_t len = 0, need = 0;
    CHECK(MEASURED(drmtoken_expressplay_request_write_url, &r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL &&
              need == strlen(want),
          "playready url size");
    CHECK(MEASURED(drmtoken_expressplay_request_write_url, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, want),
          "playready url");
    CHECK(MEASURED(drmtoken_expressplay_request_write_form_body, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, strchr(want, '?') + 1),
          "playready form body");
    CHECK(MEASURED(drmtoken_expressplay_request_write_endpoint, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, "https://pr-gen.test.expressplay.com/hms/pr/token"),
          "playready endpoint");
    drmtoken_header h[2];
    CHECK(MEASURED(drmtoken_expressplay_request_headers, &r, h, 2, &len, &err) == DRMTOKEN_OK && len == 1 &&
              str_is(h[0].name, "Content-Type") && str_is(h[0].value_prefix, "application/x-www-form-urlencoded"),
          "playready headers");

    /* The service's rule and code, from C: a short contentKey is -2027. */
    r.content_key = S("b366");
    CHECK(MEASURED(drmtoken_expressplay_request_validate, &r, NULL, NULL, &err) == DRMTOKEN_INVALID && err.code == -2027 &&
              str_is(err.parameter, "contentKey"),
          "playready -2027");
    uint8_t text[160];
    CHECK(MEASURED(drmtoken_error_describe, &err, text, sizeof text, &len, NULL) == DRMTOKEN_OK &&
              eq(text, len, "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]"),
          "error describe");

    /* The URL back through the service's rules. */
    uint8_t scratch[512];
    size_t scratch_len = 0;
    static drmtoken_expressplay_url_check_result result;
    CHECK(MEASURED(drmtoken_expressplay_url_check, (const uint8_t *)want, strlen(want), NULL, scratch, sizeof scratch,
                   &scratch_len, &result, &err) == DRMTOKEN_OK &&
              result.valid && result.service == DRMTOKEN_SERVICE_PLAYREADY && result.unknown_len == 0,
          "playready url check");
}

static void fairplay(void) {
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r);
    r.service = DRMTOKEN_SERVICE_FAIRPLAY;
    r.customer_authenticator = S(AUTH);
    r.content_key = S(KEY);
    r.iv = S("0123456789abcdef0123456789abcdef");
    r.rental_duration = S("86400");
    r.general_flags = S("0000");
    const int64_t now = 1767225600;
    drmtoken_error err;
    CHECK(MEASURED(drmtoken_expressplay_request_validate, &r, &now, NULL, &err) == DRMTOKEN_OK, "fairplay validate");
    uint8_t out[512];
    size_t len = 0;
    CHECK(MEASURED(drmtoken_expressplay_request_write_url, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len,
                 "https://fp-gen.test.expressplay.com/hms/fp/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
                 "&generalFlags=0000&contentKey=b366360da82e9c6e0b0984002a362cf2&iv=0123456789abcdef0123456789abcdef"
                 "&rentalDuration=86400"),
          "fairplay url");
    /* The answer (text/uri-list) and the skd:// URI for #EXT-X-KEY. */
    static const char body[] = "https://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AAAA-_==\r\n";
    drmtoken_expressplay_response resp;
    CHECK(MEASURED(drmtoken_expressplay_response_parse, DRMTOKEN_SERVICE_FAIRPLAY, 200, (const uint8_t *)"text/uri-list", 13,
                   (const uint8_t *)body, strlen(body), NULL, 0, &resp, &err) == DRMTOKEN_OK &&
              str_is(resp.token, "AAAA-_=="),
          "fairplay response");
    CHECK(MEASURED(drmtoken_fairplay_skd_uri_write, resp.url.ptr, resp.url.len, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, "skd://fp.service.expressplay.com/hms/fp/rights/?ExpressPlayToken=AAAA-_=="),
          "fairplay skd uri");
}

static void widevine(void) {
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r);
    r.service = DRMTOKEN_SERVICE_WIDEVINE;
    r.customer_authenticator = S(AUTH);
    r.kid = S(KEY);
    r.content_key = S(KEY);
    r.security_level = S("1");
    r.hdcp_output_control = S("0");
    drmtoken_error err;
    CHECK(MEASURED(drmtoken_expressplay_request_validate, &r, NULL, NULL, &err) == DRMTOKEN_OK, "widevine validate");
    uint8_t out[512];
    size_t len = 0;
    CHECK(MEASURED(drmtoken_expressplay_request_write_url, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len,
                 "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=201722%2C1ad8eed133edf43cbcc185f0236828ae"
                 "&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1"
                 "&hdcpOutputControl=0"),
          "widevine url");
    static const char body[] = "https://wv.service.expressplay.com/hms/wv/rights/?ExpressPlayToken=BBBB";
    drmtoken_expressplay_response resp;
    CHECK(MEASURED(drmtoken_expressplay_response_parse, DRMTOKEN_SERVICE_WIDEVINE, 200, (const uint8_t *)"text/uri-list", 13,
                   (const uint8_t *)body, strlen(body), NULL, 0, &resp, &err) == DRMTOKEN_OK &&
              str_is(resp.token, "BBBB") &&
              str_is(resp.url_without_query, "https://wv.service.expressplay.com/hms/wv/rights/"),
          "widevine response");
}

static void playready_response(void) {
    static const char body[] = "{\"token\":\"AAAA-_==\",\"licenseAcquisitionUrl\":\"https:\\/\\/lic.example\\/x\"}";
    uint8_t scratch[64], out[128];
    size_t len = 0;
    drmtoken_error err;
    drmtoken_expressplay_response resp;
    CHECK(MEASURED(drmtoken_expressplay_response_parse, DRMTOKEN_SERVICE_PLAYREADY, 200, (const uint8_t *)"application/json",
                   16, (const uint8_t *)body, strlen(body), scratch, sizeof scratch, &resp, &err) == DRMTOKEN_OK,
          "playready response");
    CHECK(MEASURED(drmtoken_playready_license_url_write, resp.url.ptr, resp.url.len, resp.token.ptr, resp.token.len, out,
                   sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, "https://lic.example/x?ExpressPlayToken=AAAA-_=="),
          "playready licence url");
    /* A refusal: the service's code from the JSON error body. */
    static const char refused[] = "{\"errorCode\":-2017,\"errorMessage\":\"Invalid customer authenticator\"}";
    CHECK(MEASURED(drmtoken_expressplay_response_parse, DRMTOKEN_SERVICE_PLAYREADY, 401, (const uint8_t *)"application/json",
                   16, (const uint8_t *)refused, strlen(refused), scratch, sizeof scratch, &resp,
                   &err) == DRMTOKEN_SERVICE_ERROR &&
              resp.has_code && resp.code == -2017,
          "playready refusal");
}

/* ---- RFC 3394 ---- */

static void keywrap(void) {
    static const uint8_t kek[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static const uint8_t key[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                    0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t wrapped[24] = {0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47, 0xae, 0xf3, 0x4b, 0xd8,
                                        0xfb, 0x5a, 0x7b, 0x82, 0x9d, 0x3e, 0x86, 0x23, 0x71, 0xd2, 0xcf, 0xe5};
    uint8_t out[64];
    size_t len = 0;
    drmtoken_error err;
    CHECK(MEASURED(drmtoken_keywrap_key_unwrap, kek, 16, wrapped, 24, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              len == 16 && memcmp(out, key, 16) == 0,
          "rfc 3394 4.1 unwrap");
    CHECK(MEASURED(drmtoken_keywrap_key_wrap, kek, 16, key, 16, out, sizeof out, &len, &err) == DRMTOKEN_OK && len == 24 &&
              memcmp(out, wrapped, 24) == 0,
          "rfc 3394 4.1 wrap");
    /* RFC 3394 4.6: a 256-bit key under a 256-bit KEK, in hex. */
    static const char kek256[] = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
    static const char key256[] = "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F";
    static const char wrapped256[] = "28c9f404c4b810f4cbccb35cfb87f8263f5786e2d80ed326cbc7f0e71a99f43bfb988b9b7a02dd21";
    uint8_t hex[128];
    CHECK(MEASURED(drmtoken_keywrap_key_wrap_hex, (const uint8_t *)kek256, 64, (const uint8_t *)key256, 64, hex, sizeof hex,
                   &len, &err) == DRMTOKEN_OK &&
              eq(hex, len, wrapped256),
          "rfc 3394 4.6 wrap hex");
    CHECK(MEASURED(drmtoken_keywrap_key_unwrap_hex, (const uint8_t *)kek256, 64, (const uint8_t *)wrapped256, 80, hex,
                   sizeof hex, &len, &err) == DRMTOKEN_OK &&
              eq(hex, len, "00112233445566778899aabbccddeeff000102030405060708090a0b0c0d0e0f"),
          "rfc 3394 4.6 unwrap hex");
    uint8_t bad[24];
    memcpy(bad, wrapped, 24);
    bad[0] ^= 1;
    CHECK(MEASURED(drmtoken_keywrap_key_unwrap, kek, 16, bad, 24, out, sizeof out, &len, &err) ==
              DRMTOKEN_INTEGRITY_CHECK_FAILED,
          "rfc 3394 tampered");
}

/* ---- OpenTV IAS ---- */

static void opentv(void) {
    drmtoken_opentv_request r = {S("ias.example.com"), 443, S("content7"), S("eyJhbGciOi.abc.def"), S("nagra")};
    drmtoken_error err;
    CHECK(MEASURED(drmtoken_opentv_request_validate, &r, &err) == DRMTOKEN_OK, "opentv validate");
    uint8_t out[256];
    size_t len = 0;
    CHECK(MEASURED(drmtoken_opentv_request_write_url, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len, "https://ias.example.com:443/ias/v2/content_token?content_id=content7&type=device"),
          "opentv url");
    drmtoken_header h[2];
    CHECK(MEASURED(drmtoken_opentv_request_headers, &r, h, 2, &len, &err) == DRMTOKEN_OK && len == 2 &&
              str_is(h[0].name, "authorization") && str_is(h[0].value_prefix, "Bearer ") &&
              str_is(h[0].value, "eyJhbGciOi.abc.def") && h[0].secret && str_is(h[1].value, "nagra"),
          "opentv headers");
    static drmtoken_opentv_response resp;
    static uint8_t scratch[sizeof opentv_seed];
    CHECK(MEASURED(drmtoken_opentv_response_parse, 200, (const uint8_t *)"application/json", 16, opentv_seed,
                   sizeof opentv_seed, scratch, sizeof scratch, &resp, &err) == DRMTOKEN_OK &&
              resp.expires_in == 3887999 && resp.content_rights_len >= 1 &&
              str_is(resp.content_rights[0].content_id, "content7") && resp.content_rights[0].duration == 86400 &&
              resp.access_token.present,
          "opentv response");
}

/* ---- Adobe Pass ---- */

static void adobe_pass(void) {
    drmtoken_adobe_pass_request r;
    memset(&r, 0, sizeof r);
    r.sp_fqdn = S("api.auth.adobe.com");
    r.requestor = S("sampleRequestorId");
    r.device_id = S("device-7");
    r.resource = S("sampleResourceId");
    r.format = DRMTOKEN_FORMAT_JSON;
    drmtoken_error err;
    drmtoken_warnings w;
    uint8_t info[128];
    size_t len = 0;
    static const char device[] = "{\"primaryHardwareType\":\"SetTopBox\",\"model\":\"X1\",\"osName\":\"Linux\"}";
    CHECK(MEASURED(drmtoken_adobe_pass_device_info_encode, (const uint8_t *)device, strlen(device), info, sizeof info, &len,
                   &err) == DRMTOKEN_OK &&
              eq(info, len, "eyJwcmltYXJ5SGFyZHdhcmVUeXBlIjoiU2V0VG9wQm94IiwibW9kZWwiOiJYMSIsIm9zTmFtZSI6IkxpbnV4In0="),
          "adobe device info");
    r.device_info.ptr = info;
    r.device_info.len = len;
    CHECK(MEASURED(drmtoken_adobe_pass_request_validate, &r, &w, &err) == DRMTOKEN_OK && w.len == 0, "adobe validate");
    uint8_t out[256];
    CHECK(MEASURED(drmtoken_adobe_pass_request_write_url, &r, out, sizeof out, &len, &err) == DRMTOKEN_OK &&
              eq(out, len,
                 "https://api.auth.adobe.com/api/v1/tokens/authz?requestor=sampleRequestorId&deviceId=device-7"
                 "&resource=sampleResourceId&format=json"),
          "adobe url");
    drmtoken_header h[3];
    CHECK(MEASURED(drmtoken_adobe_pass_request_headers, &r, h, 3, &len, &err) == DRMTOKEN_OK && len == 2 &&
              str_is(h[1].name, "X-Device-Info"),
          "adobe headers");
    static const char body[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<authorization>\n"
                               "    <expires>1348148289000</expires>\n    <mvpd>sample&amp;Mvpd</mvpd>\n"
                               "    <requestor>sampleRequestorId</requestor>\n"
                               "    <resource><![CDATA[<rss version=\"2.0\"/>]]></resource>\n"
                               "    <proxyMvpd>sampleProxyMvpdId</proxyMvpd>\n</authorization>";
    uint8_t scratch[64];
    drmtoken_adobe_pass_response resp;
    CHECK(MEASURED(drmtoken_adobe_pass_response_parse, 200, (const uint8_t *)"application/xml", 15, (const uint8_t *)body,
                   strlen(body), scratch, sizeof scratch, &resp, &err) == DRMTOKEN_OK &&
              resp.expires == 1348148289000ull && str_is(resp.mvpd, "sample&Mvpd") &&
              str_is(resp.resource, "<rss version=\"2.0\"/>") && str_is(resp.proxy_mvpd, "sampleProxyMvpdId"),
          "adobe xml response");
    static const char json[] = "{\"mvpd\":\"m\",\"resource\":\"r\",\"requestor\":\"q\",\"expires\":1348148289000}";
    CHECK(MEASURED(drmtoken_adobe_pass_response_parse, 200, (const uint8_t *)"application/json", 16, (const uint8_t *)json,
                   strlen(json), scratch, sizeof scratch, &resp, &err) == DRMTOKEN_OK &&
              resp.expires == 1348148289000ull && str_is(resp.mvpd, "m"),
          "adobe json response");
}

int main(void) {
    say("drmtoken %s on a Cortex-M4F (QEMU mps2-an386)\n", drmtoken_version());
    CHECK(strcmp(drmtoken_version(), DRMTOKEN_VERSION) == 0, "version");
    CHECK(drmtoken_status_describe(DRMTOKEN_OK) != NULL && drmtoken_status_describe(DRMTOKEN_PANIC) != NULL,
          "status describe");
    playready();
    fairplay();
    widevine();
    playready_response();
    keywrap();
    opentv();
    adobe_pass();
    for (uint32_t i = 0; i < nmarks; i++) say("stack %s %lu\n", marks[i].name, (unsigned long)marks[i].bytes);
    say("thumb_stack_bytes=%lu\n", (unsigned long)peak);
    if (failures != 0) {
        say("%d checks FAILED\n", failures);
        return 1;
    }
    say("all checks passed\n");
    return 0;
}
