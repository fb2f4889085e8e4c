/* The C ABI is thread-safe, shown: every export of drmtoken.h is called from 8 threads at once,
 * all on the same read-only inputs (requests, bodies, keys), each thread with its own outputs,
 * scratch buffers and error structs. Every result in every thread must equal the result of a
 * single-threaded run, which is itself checked against known values. Run under ThreadSanitizer
 * by run-tests.sh (a report fails the run), and plainly.
 *
 * Each job calls one export (a few call it twice: success and a failure, so that error reporting
 * runs concurrently too) and returns a digest of everything it got back: status, lengths and
 * the bytes of every output, borrowed strings included (their content, not their address). */
#define _POSIX_C_SOURCE 200809L /* pthread barriers */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drmtoken.h"
#include "vectors.h"

#define THREADS 8
#define ROUNDS 25

static int failures = 0;
#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        if (!(cond)) {                                                     \
            failures++;                                                    \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

/* ------------------------------------------------------------------ digests */

typedef struct {
    uint64_t h;
} digest;

static void mix(digest *d, const void *p, size_t n) {
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) d->h = (d->h ^ b[i]) * 1099511628211ULL; /* FNV-1a */
}
static void mix_u64(digest *d, uint64_t v) { mix(d, &v, sizeof v); }
static void mix_str(digest *d, drmtoken_str s) {
    mix_u64(d, s.len);
    if (s.len != 0) mix(d, s.ptr, s.len);
}
static void mix_headers(digest *d, const drmtoken_header *h, size_t n) {
    for (size_t i = 0; i < n; i++) {
        mix_str(d, h[i].name);
        mix_str(d, h[i].value_prefix);
        mix_str(d, h[i].value);
        mix_u64(d, h[i].secret);
    }
}
static void mix_err(digest *d, const drmtoken_error *e) {
    mix_u64(d, (uint64_t)e->kind);
    mix_u64(d, (uint64_t)(int64_t)e->code);
    mix_str(d, e->message);
    mix_str(d, e->parameter);
    mix_u64(d, e->detail);
}

static drmtoken_str STR(const char *s) {
    drmtoken_str r;
    r.ptr = (const uint8_t *)s;
    r.len = strlen(s);
    return r;
}

/* ------------------------------------------------------ shared inputs (read-only) */

static drmtoken_expressplay_request playready, playready_bad_key;
static drmtoken_opentv_request opentv;
static drmtoken_adobe_pass_request adobe;
static const ep_response_case *ep_ok;
static const ot_response_case *ot_ok;
static const ap_response_case *ap_ok;
static const char KEK[] = "000102030405060708090a0b0c0d0e0f";
static const char KEY[] = "00112233445566778899aabbccddeeff";
static const char WRAPPED[] = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5";
static const uint8_t KEK_BYTES[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
static uint8_t long_key[1024];
static uint8_t long_key_wrapped[1032];
static const char CHECK_URL[] =
    "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a&kid=%5Emovie-42"
    "&contentkey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1&hdcpOutputControl=0";
static const char FP_RIGHTS[] = "https://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA-_==";
static const char PR_LA_URL[] = "https://expressplay-licensing.axprod.net/LicensingService.ashx";

static void setup_inputs(void) {
    memset(&playready, 0, sizeof playready);
    playready.service = DRMTOKEN_SERVICE_PLAYREADY;
    playready.environment = DRMTOKEN_ENV_TEST;
    playready.customer_authenticator = STR("201722,1ad8eed133edf43cbcc185f0236828ae");
    playready.kid = STR("b366360da82e9c6e0b0984002a362cf2");
    playready.content_key = STR("b366360da82e9c6e0b0984002a362cf2");
    playready.rights_type = STR("BuyToOwn");
    playready.analog_video_opl = STR("0");
    playready.compressed_digital_audio_opl = STR("0");
    playready.compressed_digital_video_opl = STR("0");
    playready.uncompressed_digital_audio_opl = STR("0");
    playready.uncompressed_digital_video_opl = STR("0");
    playready.expiration_time = STR("+3600");
    playready_bad_key = playready;
    playready_bad_key.content_key = STR("b366360da82e9c6e0b0984002a362cf"); /* 31 digits: -2027 */

    memset(&opentv, 0, sizeof opentv);
    opentv.host = STR("ias.example.com");
    opentv.port = 443;
    opentv.content_id = STR("movie 42");
    opentv.bearer_token = STR("eyJ.abc.def");
    opentv.tenant_id = STR("nagra");

    memset(&adobe, 0, sizeof adobe);
    adobe.sp_fqdn = STR("api.auth.adobe.com");
    adobe.requestor = STR("REQ");
    adobe.device_id = STR("device-1");
    adobe.resource = STR("<rss version=\"2.0\"><channel><title>R</title></channel></rss>");
    adobe.device_info = STR("e30=");
    adobe.access_token = STR("access-token");
    adobe.format = DRMTOKEN_FORMAT_JSON;

    for (size_t i = 0; i < COUNT(ep_responses) && ep_ok == NULL; i++)
        if (ep_responses[i].kind == 0 && ep_responses[i].status == 200) ep_ok = &ep_responses[i];
    for (size_t i = 0; i < COUNT(ot_responses) && ot_ok == NULL; i++)
        if (ot_responses[i].kind == 0) ot_ok = &ot_responses[i];
    for (size_t i = 0; i < COUNT(ap_responses) && ap_ok == NULL; i++)
        if (ap_responses[i].kind == 0) ap_ok = &ap_responses[i];

    for (size_t i = 0; i < sizeof long_key; i++) long_key[i] = (uint8_t)(i * 13 + 5);
    size_t n = 0;
    CHECK(drmtoken_keywrap_key_wrap(KEK_BYTES, 16, long_key, sizeof long_key, long_key_wrapped, sizeof long_key_wrapped,
                                &n, NULL) == DRMTOKEN_OK &&
              n == sizeof long_key_wrapped,
          "setup: wrap of the long key");
}

/* ------------------------------------------------------------------ the jobs */

/* Producing calls with an output buffer: status, length and bytes (or the error). */
#define OUT_CALL(d, call)                                 \
    do {                                                  \
        uint8_t out[8192];                                \
        size_t len = 0;                                   \
        drmtoken_error err;                               \
        memset(&err, 0, sizeof err);                      \
        drmtoken_status st = call;                        \
        mix_u64(d, (uint64_t)st);                         \
        mix_u64(d, len);                                  \
        if (st == DRMTOKEN_OK) mix(d, out, len);          \
        else mix_err(d, &err);                            \
    } while (0)

static void j_adobe_validate(digest *d) {
    drmtoken_warnings w;
    drmtoken_error err;
    mix_u64(d, (uint64_t)drmtoken_adobe_pass_request_validate(&adobe, &w, &err));
    mix_u64(d, w.len);
}
static void j_adobe_url(digest *d) { OUT_CALL(d, drmtoken_adobe_pass_request_write_url(&adobe, out, sizeof out, &len, &err)); }
static void j_adobe_headers(digest *d) {
    drmtoken_header h[4];
    size_t n = 0;
    drmtoken_error err;
    mix_u64(d, (uint64_t)drmtoken_adobe_pass_request_headers(&adobe, h, 4, &n, &err));
    mix_headers(d, h, n);
}
static void j_adobe_device_info(digest *d) {
    OUT_CALL(d, drmtoken_adobe_pass_device_info_encode((const uint8_t *)"{\"model\":\"X1\"}", 14, out, sizeof out, &len,
                                                       &err));
}
static void j_adobe_response(digest *d) {
    uint8_t scratch[4096];
    drmtoken_adobe_pass_response r;
    drmtoken_error err;
    drmtoken_status st =
        drmtoken_adobe_pass_response_parse((uint16_t)ap_ok->status, (const uint8_t *)ap_ok->content_type.p,
                                           ap_ok->content_type.n, (const uint8_t *)ap_ok->body.p, ap_ok->body.n,
                                           scratch, sizeof scratch, &r, &err);
    mix_u64(d, (uint64_t)st);
    if (st == DRMTOKEN_OK) {
        mix_str(d, r.mvpd);
        mix_str(d, r.resource);
        mix_str(d, r.requestor);
        mix_u64(d, r.expires);
        mix_str(d, r.proxy_mvpd);
    }
}
static void j_ep_validate(digest *d) {
    drmtoken_warnings w;
    drmtoken_error err;
    int64_t now = 1700000000;
    mix_u64(d, (uint64_t)drmtoken_expressplay_request_validate(&playready, &now, &w, &err));
    mix_u64(d, w.len);
    /* and a failure, so error reporting runs concurrently too */
    mix_u64(d, (uint64_t)drmtoken_expressplay_request_validate(&playready_bad_key, NULL, &w, &err));
    mix_err(d, &err);
}
static void j_ep_url(digest *d) { OUT_CALL(d, drmtoken_expressplay_request_write_url(&playready, out, sizeof out, &len, &err)); }
static void j_ep_form_body(digest *d) {
    OUT_CALL(d, drmtoken_expressplay_request_write_form_body(&playready, out, sizeof out, &len, &err));
    OUT_CALL(d, drmtoken_expressplay_request_write_form_body(&playready, out, 10, &len, &err)); /* short: BUFFER_TOO_SMALL */
}
static void j_ep_endpoint(digest *d) {
    OUT_CALL(d, drmtoken_expressplay_request_write_endpoint(&playready, out, sizeof out, &len, &err));
}
static void j_ep_check_url(digest *d) {
    uint8_t scratch[512];
    size_t scratch_len = 0;
    drmtoken_expressplay_url_check_result r;
    drmtoken_error err;
    drmtoken_status st = drmtoken_expressplay_url_check((const uint8_t *)CHECK_URL, strlen(CHECK_URL), NULL, scratch,
                                                        sizeof scratch, &scratch_len, &r, &err);
    mix_u64(d, (uint64_t)st);
    if (st != DRMTOKEN_OK) return;
    mix_u64(d, r.service);
    mix_u64(d, r.valid);
    mix_u64(d, r.unknown_len);
    for (size_t i = 0; i < r.unknown_len && i < 8; i++) {
        mix_str(d, r.unknown[i].name);
        mix_str(d, r.unknown[i].suggestion);
    }
}
static void j_kw_wrap(digest *d) {
    uint8_t key[16];
    for (int i = 0; i < 16; i++) key[i] = (uint8_t)(i * 0x11);
    OUT_CALL(d, drmtoken_keywrap_key_wrap(KEK_BYTES, 16, key, 16, out, sizeof out, &len, &err));
    OUT_CALL(d, drmtoken_keywrap_key_wrap(KEK_BYTES, 16, long_key, sizeof long_key, out, sizeof out, &len, &err));
    OUT_CALL(d, drmtoken_keywrap_key_wrap(KEK_BYTES, 16, key, 15, out, sizeof out, &len, &err)); /* refused */
}
static void j_kw_unwrap(digest *d) {
    OUT_CALL(d, drmtoken_keywrap_key_unwrap(KEK_BYTES, 16, long_key_wrapped, sizeof long_key_wrapped, out, sizeof out,
                                        &len, &err));
    uint8_t bad[24] = {0};
    OUT_CALL(d, drmtoken_keywrap_key_unwrap(KEK_BYTES, 16, bad, 24, out, sizeof out, &len, &err)); /* integrity */
}
static void j_kw_unwrap_hex(digest *d) {
    OUT_CALL(d, drmtoken_keywrap_key_unwrap_hex((const uint8_t *)KEK, 32, (const uint8_t *)WRAPPED, 48, out, sizeof out,
                                            &len, &err));
}
static void j_kw_wrap_hex(digest *d) {
    OUT_CALL(d, drmtoken_keywrap_key_wrap_hex((const uint8_t *)KEK, 32, (const uint8_t *)KEY, 32, out, sizeof out, &len,
                                          &err));
}
static void j_ot_url(digest *d) { OUT_CALL(d, drmtoken_opentv_request_write_url(&opentv, out, sizeof out, &len, &err)); }
static void j_ot_headers(digest *d) {
    drmtoken_header h[4];
    size_t n = 0;
    drmtoken_error err;
    mix_u64(d, (uint64_t)drmtoken_opentv_request_headers(&opentv, h, 4, &n, &err));
    mix_headers(d, h, n);
}
static void j_ot_response(digest *d) {
    uint8_t scratch[65536];
    drmtoken_opentv_response r;
    drmtoken_error err;
    drmtoken_status st = drmtoken_opentv_response_parse(
        (uint16_t)ot_ok->status, (const uint8_t *)ot_ok->content_type.p, ot_ok->content_type.n,
        (const uint8_t *)ot_ok->body.p, ot_ok->body.n, scratch, sizeof scratch, &r, &err);
    mix_u64(d, (uint64_t)st);
    if (st == DRMTOKEN_OK) {
        mix_str(d, r.content_token.raw);
        mix_str(d, r.token_type);
        mix_u64(d, (uint64_t)r.expires_in);
        mix_u64(d, r.content_rights_len);
        for (size_t i = 0; i < r.content_rights_len && i < 8; i++) mix_str(d, r.content_rights[i].content_id);
    }
}
static void j_ep_response(digest *d) {
    uint8_t scratch[65536];
    uint32_t service = ep_ok->service.n == 8 && memcmp(ep_ok->service.p, "fairplay", 8) == 0 ? DRMTOKEN_SERVICE_FAIRPLAY
                       : ep_ok->service.n == 9 && memcmp(ep_ok->service.p, "playready", 9) == 0
                           ? DRMTOKEN_SERVICE_PLAYREADY
                           : DRMTOKEN_SERVICE_WIDEVINE;
    drmtoken_expressplay_response r;
    drmtoken_error err;
    drmtoken_status st = drmtoken_expressplay_response_parse(
        service, (uint16_t)ep_ok->status, (const uint8_t *)ep_ok->content_type.p, ep_ok->content_type.n,
        (const uint8_t *)ep_ok->body.p, ep_ok->body.n, scratch, sizeof scratch, &r, &err);
    mix_u64(d, (uint64_t)st);
    if (st == DRMTOKEN_OK) {
        mix_str(d, r.url);
        mix_str(d, r.url_without_query);
        mix_str(d, r.token);
    }
}
static void j_skd(digest *d) {
    OUT_CALL(d, drmtoken_fairplay_skd_uri_write((const uint8_t *)FP_RIGHTS, strlen(FP_RIGHTS), out, sizeof out, &len, &err));
}
static void j_license_url(digest *d) {
    OUT_CALL(d, drmtoken_playready_license_url_write((const uint8_t *)PR_LA_URL, strlen(PR_LA_URL), (const uint8_t *)"AAAA",
                                               4, out, sizeof out, &len, &err));
}
static void j_status_str(digest *d) {
    for (int32_t s = 0; s < 16; s++) {
        const char *t = drmtoken_status_describe(s);
        mix(d, t, strlen(t));
    }
}
static void j_ep_headers(digest *d) {
    drmtoken_header h[3];
    size_t n = 0;
    drmtoken_error err;
    mix_u64(d, (uint64_t)drmtoken_expressplay_request_headers(&playready, h, 3, &n, &err));
    mix_headers(d, h, n);
}
static void j_ot_validate(digest *d) {
    drmtoken_error err;
    mix_u64(d, (uint64_t)drmtoken_opentv_request_validate(&opentv, &err));
    mix_err(d, &err);
}
static void j_error_describe(digest *d) {
    drmtoken_error err;
    drmtoken_warnings w;
    (void)drmtoken_expressplay_request_validate(&playready_bad_key, NULL, &w, &err);
    OUT_CALL(d, drmtoken_error_describe(&err, out, sizeof out, &len, NULL));
}
static void j_version(digest *d) {
    const char *v = drmtoken_version();
    mix(d, v, strlen(v));
}

typedef struct {
    const char *export_name;
    void (*run)(digest *);
} job;

/* One entry per export of drmtoken.h (run-tests.sh checks that every export is named here). */
static const job JOBS[] = {
    {"drmtoken_adobe_pass_request_validate", j_adobe_validate},
    {"drmtoken_adobe_pass_request_write_url", j_adobe_url},
    {"drmtoken_adobe_pass_request_headers", j_adobe_headers},
    {"drmtoken_adobe_pass_device_info_encode", j_adobe_device_info},
    {"drmtoken_adobe_pass_response_parse", j_adobe_response},
    {"drmtoken_expressplay_request_validate", j_ep_validate},
    {"drmtoken_expressplay_request_write_url", j_ep_url},
    {"drmtoken_expressplay_request_write_form_body", j_ep_form_body},
    {"drmtoken_expressplay_request_write_endpoint", j_ep_endpoint},
    {"drmtoken_expressplay_request_headers", j_ep_headers},
    {"drmtoken_expressplay_url_check", j_ep_check_url},
    {"drmtoken_keywrap_key_wrap", j_kw_wrap},
    {"drmtoken_keywrap_key_unwrap", j_kw_unwrap},
    {"drmtoken_keywrap_key_unwrap_hex", j_kw_unwrap_hex},
    {"drmtoken_keywrap_key_wrap_hex", j_kw_wrap_hex},
    {"drmtoken_opentv_request_validate", j_ot_validate},
    {"drmtoken_opentv_request_write_url", j_ot_url},
    {"drmtoken_opentv_request_headers", j_ot_headers},
    {"drmtoken_opentv_response_parse", j_ot_response},
    {"drmtoken_expressplay_response_parse", j_ep_response},
    {"drmtoken_fairplay_skd_uri_write", j_skd},
    {"drmtoken_playready_license_url_write", j_license_url},
    {"drmtoken_error_describe", j_error_describe},
    {"drmtoken_status_describe", j_status_str},
    {"drmtoken_version", j_version},
};
#define NJOBS (sizeof JOBS / sizeof JOBS[0])

static uint64_t golden[NJOBS];
static pthread_barrier_t start;

static uint64_t run_job(size_t i) {
    digest d = {14695981039346656037ULL};
    JOBS[i].run(&d);
    return d.h;
}

typedef struct {
    int id;
    int mismatches;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    pthread_barrier_wait(&start);
    for (int round = 0; round < ROUNDS; round++) {
        /* Each thread walks the exports from a different place, so different exports overlap. */
        for (size_t k = 0; k < NJOBS; k++) {
            size_t i = (k + (size_t)w->id * 3) % NJOBS;
            if (run_job(i) != golden[i]) w->mismatches++;
        }
    }
    return NULL;
}

/* Known values, so the single-threaded results the threads are compared to are right. */
static void check_known_values(void) {
    uint8_t out[8192];
    size_t len = 0;
    CHECK(drmtoken_keywrap_key_unwrap_hex((const uint8_t *)KEK, 32, (const uint8_t *)WRAPPED, 48, out, sizeof out, &len,
                                      NULL) == DRMTOKEN_OK &&
              len == 32 && memcmp(out, KEY, 32) == 0,
          "RFC 3394 4.1 unwrap");
    CHECK(drmtoken_keywrap_key_wrap_hex((const uint8_t *)KEK, 32, (const uint8_t *)KEY, 32, out, sizeof out, &len, NULL) ==
                  DRMTOKEN_OK &&
              len == 48 && memcmp(out, WRAPPED, 48) == 0,
          "RFC 3394 4.1 wrap");
    CHECK(drmtoken_keywrap_key_unwrap(KEK_BYTES, 16, long_key_wrapped, sizeof long_key_wrapped, out, sizeof out, &len,
                                  NULL) == DRMTOKEN_OK &&
              len == sizeof long_key && memcmp(out, long_key, len) == 0,
          "long key round trip");
    static const char want_url[] = "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=201722%2C1ad8";
    CHECK(drmtoken_expressplay_request_write_url(&playready, out, sizeof out, &len, NULL) == DRMTOKEN_OK &&
              len > sizeof want_url && memcmp(out, want_url, sizeof want_url - 1) == 0,
          "PlayReady URL");
    drmtoken_warnings w;
    drmtoken_error err;
    CHECK(drmtoken_expressplay_request_validate(&playready_bad_key, NULL, &w, &err) == DRMTOKEN_INVALID && err.code == -2027,
          "-2027");
    static const char want_skd[] = "skd://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA-_==";
    CHECK(drmtoken_fairplay_skd_uri_write((const uint8_t *)FP_RIGHTS, strlen(FP_RIGHTS), out, sizeof out, &len, NULL) ==
                  DRMTOKEN_OK &&
              len == strlen(want_skd) && memcmp(out, want_skd, len) == 0,
          "skd URI");
    CHECK(strcmp(drmtoken_version(), DRMTOKEN_VERSION) == 0, "version");
    CHECK(ep_ok != NULL && ot_ok != NULL && ap_ok != NULL, "a successful response vector of each service");
}

int main(void) {
    setup_inputs();
    check_known_values();
    if (failures != 0) return 1;
    for (size_t i = 0; i < NJOBS; i++) golden[i] = run_job(i);

    pthread_t threads[THREADS];
    worker workers[THREADS];
    pthread_barrier_init(&start, NULL, THREADS);
    for (int t = 0; t < THREADS; t++) {
        workers[t].id = t;
        workers[t].mismatches = 0;
        CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0, "thread %d", t);
    }
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        CHECK(workers[t].mismatches == 0, "thread %d: %d results differ from the single-threaded run", t,
              workers[t].mismatches);
    }
    pthread_barrier_destroy(&start);
    printf("threads: %d threads x %d rounds x %zu exports, %d failures\n", THREADS, ROUNDS, NJOBS, failures);
    return failures == 0 ? 0 : 1;
}
