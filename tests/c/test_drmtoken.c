/* The C API, run for real on the shared vectors (tests/vectors, via vectors.h) and on the
 * conventions every function keeps: NULL arguments, size queries, short buffers left untouched,
 * invalid UTF-8, unknown enum values. Built with -Wall -Wextra -Wpedantic -Werror, run under
 * ASan+UBSan (static library) and valgrind (shared library) by run-tests.sh. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "drmtoken.h"
#include "vectors.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                   \
    do {                                                                   \
        checks++;                                                          \
        if (!(cond)) {                                                     \
            failures++;                                                    \
            fprintf(stderr, "FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond); \
            fprintf(stderr, __VA_ARGS__);                                  \
            fputc('\n', stderr);                                           \
        }                                                                  \
    } while (0)

static drmtoken_str S(vs v) {
    drmtoken_str s;
    s.ptr = (const uint8_t *)v.p;
    s.len = v.n;
    return s;
}

static int eq(const uint8_t *a, size_t an, vs b) { return b.p != NULL && an == b.n && memcmp(a, b.p, an) == 0; }
static int eqs(drmtoken_str a, vs b) {
    if (b.p == NULL) return a.len == 0;
    return eq(a.ptr, a.len, b);
}
static int is(vs v, const char *s) { return v.p != NULL && v.n == strlen(s) && memcmp(v.p, s, v.n) == 0; }

static const struct {
    const char *name;
    drmtoken_error_kind kind;
} KINDS[] = {
    {"ExpressPlay", DRMTOKEN_ERROR_EXPRESSPLAY}, {"BufferTooSmall", DRMTOKEN_ERROR_BUFFER_TOO_SMALL},
    {"CapacityExceeded", DRMTOKEN_ERROR_CAPACITY_EXCEEDED}, {"DuplicateParameter", DRMTOKEN_ERROR_DUPLICATE_PARAMETER},
    {"InvalidUtf8", DRMTOKEN_ERROR_INVALID_UTF8}, {"InvalidUrl", DRMTOKEN_ERROR_INVALID_URL},
    {"InvalidHost", DRMTOKEN_ERROR_INVALID_HOST}, {"InvalidPort", DRMTOKEN_ERROR_INVALID_PORT},
    {"MissingField", DRMTOKEN_ERROR_MISSING_FIELD}, {"ControlCharacter", DRMTOKEN_ERROR_CONTROL_CHARACTER},
    {"InvalidHex", DRMTOKEN_ERROR_INVALID_HEX}, {"InvalidKeyLength", DRMTOKEN_ERROR_INVALID_KEY_LENGTH},
    {"IntegrityCheckFailed", DRMTOKEN_ERROR_INTEGRITY_CHECK_FAILED}, {"InvalidJson", DRMTOKEN_ERROR_INVALID_JSON},
    {"InvalidXml", DRMTOKEN_ERROR_INVALID_XML}, {"NestingTooDeep", DRMTOKEN_ERROR_NESTING_TOO_DEEP},
    {"UnexpectedContentType", DRMTOKEN_ERROR_UNEXPECTED_CONTENT_TYPE},
    {"UnexpectedStatus", DRMTOKEN_ERROR_UNEXPECTED_STATUS}, {"InvalidValue", DRMTOKEN_ERROR_INVALID_VALUE},
    {"InvalidToken", DRMTOKEN_ERROR_INVALID_TOKEN}, {"BadRequest", DRMTOKEN_ERROR_BAD_REQUEST},
    {"Unauthorized", DRMTOKEN_ERROR_UNAUTHORIZED}, {"Forbidden", DRMTOKEN_ERROR_FORBIDDEN},
    {"ContentNotFound", DRMTOKEN_ERROR_CONTENT_NOT_FOUND}, {"NotAuthenticated", DRMTOKEN_ERROR_NOT_AUTHENTICATED},
    {"NotAuthorized", DRMTOKEN_ERROR_NOT_AUTHORIZED}, {"AuthorizationExpired", DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED},
};

static int kind_is(drmtoken_error_kind k, vs name) {
    for (size_t i = 0; i < COUNT(KINDS); i++)
        if (is(name, KINDS[i].name)) return KINDS[i].kind == k;
    fprintf(stderr, "unknown kind name %.*s\n", (int)name.n, name.p);
    return 0;
}

/* ---------------------------------------------------------------- ExpressPlay requests */

#define FIELD(wire, member) {wire, offsetof(drmtoken_expressplay_request, member)}
static const struct {
    const char *wire;
    size_t offset;
} FIELDS[] = {
    FIELD("customerAuthenticator", customer_authenticator), FIELD("errorFormat", error_format),
    FIELD("generalFlags", general_flags), FIELD("kek", kek), FIELD("kid", kid), FIELD("ek", ek),
    FIELD("contentKey", content_key), FIELD("iv", iv), FIELD("rentalDuration", rental_duration),
    FIELD("rightsType", rights_type), FIELD("rental.periodEndTime", rental_period_end_time),
    FIELD("rental.playDuration", rental_play_duration), FIELD("analogVideoOPL", analog_video_opl),
    FIELD("compressedDigitalAudioOPL", compressed_digital_audio_opl),
    FIELD("compressedDigitalVideoOPL", compressed_digital_video_opl),
    FIELD("uncompressedDigitalAudioOPL", uncompressed_digital_audio_opl),
    FIELD("uncompressedDigitalVideoOPL", uncompressed_digital_video_opl),
    FIELD("unknownOutputBehavior", unknown_output_behavior), FIELD("outputControlFlags", output_control_flags),
    FIELD("contentId", content_id), FIELD("securityLevel", security_level),
    FIELD("hdcpOutputControl", hdcp_output_control), FIELD("licenseDuration", license_duration),
    FIELD("expirationTime", expiration_time), FIELD("cookie", cookie),
};

/* Fills `r` from a vector's parameters; 0 when the C struct cannot express the case (a
 * repeated single-valued parameter, or a name the service does not define). */
static int fill_request(const ep_request_case *c, drmtoken_expressplay_request *r, drmtoken_str *ext,
                        drmtoken_playready_extension *pr_ext) {
    memset(r, 0, sizeof *r);
    r->service = is(c->service, "fairplay") ? DRMTOKEN_SERVICE_FAIRPLAY
                 : is(c->service, "playready") ? DRMTOKEN_SERVICE_PLAYREADY
                                               : DRMTOKEN_SERVICE_WIDEVINE;
    r->environment = is(c->environment, "production") ? DRMTOKEN_ENV_PRODUCTION : DRMTOKEN_ENV_TEST;
    r->extensions = ext;
    r->playready_extensions = pr_ext;
    for (size_t i = 0; i < c->nparams; i++) {
        vs name = c->params[2 * i], value = c->params[2 * i + 1];
        int found = 0;
        for (size_t f = 0; f < COUNT(FIELDS); f++) {
            if (!is(name, FIELDS[f].wire)) continue;
            drmtoken_str *slot = (drmtoken_str *)((char *)r + FIELDS[f].offset);
            if (slot->ptr != NULL) return 0;
            *slot = S(value);
            /* An empty value must still count as present: point at the (empty) literal. */
            found = 1;
        }
        if (found) continue;
        if (is(name, "fpExtension") || is(name, "wvExtension")) {
            if (r->extensions_len == 8) return 0;
            ext[r->extensions_len++] = S(value);
        } else if (is(name, "extensionType")) {
            if (r->playready_extensions_len == 8) return 0;
            pr_ext[r->playready_extensions_len].extension_type = S(value);
            pr_ext[r->playready_extensions_len].extension_payload.ptr = NULL;
            pr_ext[r->playready_extensions_len].extension_payload.len = 0;
            r->playready_extensions_len++;
        } else if (is(name, "extensionPayload")) {
            size_t n = r->playready_extensions_len;
            if (n > 0 && pr_ext[n - 1].extension_payload.ptr == NULL) {
                pr_ext[n - 1].extension_payload = S(value);
            } else {
                if (n == 8) return 0;
                pr_ext[n].extension_type.ptr = NULL;
                pr_ext[n].extension_type.len = 0;
                pr_ext[n].extension_payload = S(value);
                r->playready_extensions_len++;
            }
        } else {
            return 0;
        }
    }
    return 1;
}

static void test_expressplay_requests(void) {
    size_t ran = 0, skipped = 0;
    for (size_t i = 0; i < COUNT(ep_requests); i++) {
        const ep_request_case *c = &ep_requests[i];
        drmtoken_expressplay_request r;
        drmtoken_str ext[8];
        drmtoken_playready_extension pr_ext[8];
        if (!fill_request(c, &r, ext, pr_ext)) {
            skipped++;
            continue;
        }
        drmtoken_error err;
        drmtoken_warnings warnings;
        drmtoken_status st = drmtoken_expressplay_validate(&r, c->now, c->has_now != 0, &warnings, &err);
        if (st == DRMTOKEN_INVALID && err.kind == DRMTOKEN_ERROR_UNKNOWN_PARAMETER) {
            /* A parameter of another service: the C struct refuses what the wire form ignores. */
            skipped++;
            continue;
        }
        ran++;
        if (c->has_error) {
            CHECK(st == DRMTOKEN_INVALID, "%.*s: status %d", (int)c->name.n, c->name.p, st);
            CHECK(err.code == c->code, "%.*s: code %d, want %d", (int)c->name.n, c->name.p, err.code, c->code);
            CHECK(eqs(err.parameter, c->parameter), "%.*s: parameter %.*s", (int)c->name.n, c->name.p,
                  (int)err.parameter.len, (const char *)err.parameter.ptr);
            CHECK(err.message.len > 0, "%.*s: empty message", (int)c->name.n, c->name.p);
            continue;
        }
        CHECK(st == DRMTOKEN_OK, "%.*s: status %d (%.*s)", (int)c->name.n, c->name.p, st, (int)err.message.len,
              (const char *)err.message.ptr);
        CHECK(warnings.len == c->nwarnings, "%.*s: %zu warnings", (int)c->name.n, c->name.p, warnings.len);
        size_t need = 0;
        CHECK(drmtoken_expressplay_url(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL, "size query");
        uint8_t *buf = malloc(need);
        size_t len = 0;
        CHECK(drmtoken_expressplay_url(&r, buf, need, &len, &err) == DRMTOKEN_OK && len == need, "url");
        CHECK(eq(buf, len, c->url), "%.*s: url %.*s", (int)c->name.n, c->name.p, (int)len, (const char *)buf);
        free(buf);
        CHECK(drmtoken_expressplay_form_body(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL, "body size");
        buf = malloc(need);
        CHECK(drmtoken_expressplay_form_body(&r, buf, need, &len, NULL) == DRMTOKEN_OK, "body");
        CHECK(eq(buf, len, c->form_body), "%.*s: body", (int)c->name.n, c->name.p);
        free(buf);
    }
    printf("expressplay requests: %zu run, %zu not expressible in the C struct\n", ran, skipped);
    CHECK(ran >= 45, "only %zu request vectors ran", ran);
}

/* ---------------------------------------------------------------- key wrap */

static size_t unhex(vs hex, uint8_t *out) {
    for (size_t i = 0; i + 1 < hex.n; i += 2) {
        unsigned v;
        sscanf(hex.p + i, "%2x", &v);
        out[i / 2] = (uint8_t)v;
    }
    return hex.n / 2;
}

static void test_keywrap(void) {
    for (size_t i = 0; i < COUNT(kw_cases); i++) {
        const kw_case *c = &kw_cases[i];
        drmtoken_error err;
        uint8_t out[128];
        size_t len = 0;
        if (c->wrapped.p != NULL) {
            uint8_t sentinel[128];
            memset(out, 0xA5, sizeof out);
            drmtoken_status st = drmtoken_keywrap_unwrap_hex((const uint8_t *)c->kek.p, c->kek.n,
                                                             (const uint8_t *)c->wrapped.p, c->wrapped.n, out,
                                                             sizeof out, &len, &err);
            if (c->error.p == NULL) {
                CHECK(st == DRMTOKEN_OK && eq(out, len, c->key), "%.*s: unwrap", (int)c->name.n, c->name.p);
            } else {
                CHECK(st != DRMTOKEN_OK && kind_is(err.kind, c->error), "%.*s: status %d kind %d",
                      (int)c->name.n, c->name.p, st, err.kind);
                if (is(c->error, "IntegrityCheckFailed")) CHECK(st == DRMTOKEN_INTEGRITY_CHECK_FAILED, "status");
            }
            (void)sentinel;
        }
        if (c->key.p != NULL) {
            uint8_t kek[32], key[64], wrapped[72];
            size_t kek_n = unhex(c->kek, kek), key_n = unhex(c->key, key);
            drmtoken_status st = drmtoken_keywrap_wrap(kek, kek_n, key, key_n, wrapped, sizeof wrapped, &len, &err);
            if (c->error.p == NULL) {
                uint8_t want[72];
                size_t want_n = unhex(c->wrapped, want);
                CHECK(st == DRMTOKEN_OK && len == want_n && memcmp(wrapped, want, len) == 0, "%.*s: wrap",
                      (int)c->name.n, c->name.p);
                uint8_t back[64];
                CHECK(drmtoken_keywrap_unwrap(kek, kek_n, wrapped, len, back, sizeof back, &len, NULL) == DRMTOKEN_OK &&
                          len == key_n && memcmp(back, key, key_n) == 0,
                      "%.*s: round trip", (int)c->name.n, c->name.p);
            } else {
                CHECK(st == DRMTOKEN_INVALID && kind_is(err.kind, c->error), "%.*s: wrap error", (int)c->name.n,
                      c->name.p);
            }
        }
    }
    /* A failed integrity check zeroes the output. */
    uint8_t kek[16] = {0}, wrapped[24] = {0}, out[16];
    size_t len = 0;
    memset(out, 0xA5, sizeof out);
    CHECK(drmtoken_keywrap_unwrap(kek, 16, wrapped, 24, out, 16, &len, NULL) == DRMTOKEN_INTEGRITY_CHECK_FAILED, "icv");
    int zero = 1;
    for (size_t i = 0; i < 16; i++) zero &= out[i] == 0;
    CHECK(zero, "output not zeroed after a failed unwrap");
    printf("key wrap: %zu vectors\n", COUNT(kw_cases));
}

/* Every length class RFC 3394 permits (16 to 4096-byte keys, 128/192/256-bit KEKs) against
 * Python `cryptography`'s wraps (vectors.h), in bytes and hex, sized by the size query; and the
 * lengths it does not permit. */
static void test_keywrap_long(void) {
    for (size_t i = 0; i < COUNT(kw_long_cases); i++) {
        const kw_long_case *c = &kw_long_cases[i];
        size_t kek_n = c->kek.n / 2, key_n = c->key.n / 2, len = 0;
        uint8_t kek[32];
        uint8_t *key = malloc(key_n), *want = malloc(key_n + 8), *out = malloc(c->wrapped.n + 8);
        unhex(c->kek, kek);
        unhex(c->key, key);
        unhex(c->wrapped, want);
        drmtoken_error err;
        /* bytes: size query, short buffer untouched, exact buffer */
        CHECK(drmtoken_keywrap_wrap(kek, kek_n, key, key_n, NULL, 0, &len, &err) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == key_n + 8 && err.detail == key_n + 8,
              "%zu/%zu: wrap size query %zu", kek_n, key_n, len);
        memset(out, 0x5A, key_n + 8);
        CHECK(drmtoken_keywrap_wrap(kek, kek_n, key, key_n, out, key_n + 7, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  out[0] == 0x5A && out[key_n + 6] == 0x5A,
              "%zu/%zu: short wrap buffer", kek_n, key_n);
        CHECK(drmtoken_keywrap_wrap(kek, kek_n, key, key_n, out, key_n + 8, &len, NULL) == DRMTOKEN_OK &&
                  len == key_n + 8 && memcmp(out, want, len) == 0,
              "%zu/%zu: wrap differs from Python cryptography", kek_n, key_n);
        CHECK(drmtoken_keywrap_unwrap(kek, kek_n, want, key_n + 8, NULL, 0, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == key_n,
              "%zu/%zu: unwrap size query", kek_n, key_n);
        CHECK(drmtoken_keywrap_unwrap(kek, kek_n, want, key_n + 8, out, key_n, &len, NULL) == DRMTOKEN_OK &&
                  len == key_n && memcmp(out, key, key_n) == 0,
              "%zu/%zu: unwrap of Python's wrap", kek_n, key_n);
        /* hex: the size query gives the capacity (the wrap's hex; the key's hex + 8 working bytes) */
        const uint8_t *kek_hex = (const uint8_t *)c->kek.p, *key_hex = (const uint8_t *)c->key.p,
                      *w_hex = (const uint8_t *)c->wrapped.p;
        CHECK(drmtoken_keywrap_wrap_hex(kek_hex, c->kek.n, key_hex, c->key.n, NULL, 0, &len, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == c->wrapped.n,
              "%zu/%zu: wrap_hex size query %zu", kek_n, key_n, len);
        CHECK(drmtoken_keywrap_wrap_hex(kek_hex, c->kek.n, key_hex, c->key.n, out, c->wrapped.n, &len, NULL) ==
                      DRMTOKEN_OK &&
                  eq(out, len, c->wrapped),
              "%zu/%zu: wrap_hex", kek_n, key_n);
        size_t need = 0;
        CHECK(drmtoken_keywrap_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, NULL, 0, &need, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  need == c->key.n + 8,
              "%zu/%zu: unwrap_hex size query %zu", kek_n, key_n, need);
        memset(out, 0x5A, need + 8);
        CHECK(drmtoken_keywrap_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, out, need - 1, &len, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == need && out[0] == 0x5A,
              "%zu/%zu: short unwrap_hex buffer", kek_n, key_n);
        CHECK(drmtoken_keywrap_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, out, need, &len, NULL) ==
                      DRMTOKEN_OK &&
                  eq(out, len, c->key) && out[need] == 0x5A,
              "%zu/%zu: unwrap_hex", kek_n, key_n);
        free(key);
        free(want);
        free(out);
    }
    /* Lengths RFC 3394 does not permit: one block, 15 and 17 bytes, not a multiple of 8, and a
     * 16-byte "wrapped" key (one block of data). */
    uint8_t kek[16] = {1}, data[64] = {0}, out[128];
    size_t len = 0;
    drmtoken_error err;
    const size_t bad_keys[] = {0, 8, 15, 17, 20};
    for (size_t i = 0; i < COUNT(bad_keys); i++) {
        CHECK(drmtoken_keywrap_wrap(kek, 16, data, bad_keys[i], out, sizeof out, &len, &err) == DRMTOKEN_INVALID &&
                  err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
              "wrap of %zu bytes", bad_keys[i]);
    }
    const size_t bad_wrapped[] = {0, 8, 16, 23, 25};
    for (size_t i = 0; i < COUNT(bad_wrapped); i++) {
        CHECK(drmtoken_keywrap_unwrap(kek, 16, data, bad_wrapped[i], out, sizeof out, &len, &err) == DRMTOKEN_INVALID &&
                  err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
              "unwrap of %zu bytes", bad_wrapped[i]);
    }
    const char *k16 = "000102030405060708090a0b0c0d0e0f";
    CHECK(drmtoken_keywrap_wrap_hex((const uint8_t *)k16, 32, (const uint8_t *)k16, 30, out, sizeof out, &len, &err) ==
                  DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
          "wrap_hex of 15 bytes");
    CHECK(drmtoken_keywrap_unwrap_hex((const uint8_t *)k16, 32, (const uint8_t *)k16, 32, out, sizeof out, &len, &err) ==
                  DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
          "unwrap_hex of a 16-byte wrapped key");
    printf("key wrap, long keys: %zu vectors\n", COUNT(kw_long_cases));
}

/* ---------------------------------------------------------------- responses */

static void test_expressplay_responses(void) {
    for (size_t i = 0; i < COUNT(ep_responses); i++) {
        const ep_response_case *c = &ep_responses[i];
        uint32_t service = is(c->service, "fairplay") ? DRMTOKEN_SERVICE_FAIRPLAY
                           : is(c->service, "playready") ? DRMTOKEN_SERVICE_PLAYREADY
                                                         : DRMTOKEN_SERVICE_WIDEVINE;
        uint8_t *scratch = malloc(c->body.n + 1);
        drmtoken_expressplay_response r;
        drmtoken_error err;
        drmtoken_status st = drmtoken_expressplay_response_parse(
            service, (uint16_t)c->status, (const uint8_t *)c->content_type.p, c->content_type.n,
            (const uint8_t *)c->body.p, c->body.n, scratch, c->body.n, &r, &err);
        const char *n = c->name.p;
        int nn = (int)c->name.n;
        if (c->kind == 0) {
            CHECK(st == DRMTOKEN_OK, "%.*s: status %d", nn, n, st);
            CHECK(eqs(r.token, c->token), "%.*s: token", nn, n);
            CHECK(eqs(r.url, c->url), "%.*s: url", nn, n);
            uint8_t out[8192];
            size_t len = 0;
            if (c->skd_uri.p != NULL) {
                CHECK(drmtoken_fairplay_skd_uri(r.url.ptr, r.url.len, out, sizeof out, &len, NULL) == DRMTOKEN_OK &&
                          eq(out, len, c->skd_uri),
                      "%.*s: skd", nn, n);
            }
            if (c->license_url.p != NULL) {
                CHECK(drmtoken_playready_license_url(r.url.ptr, r.url.len, r.token.ptr, r.token.len, out, sizeof out,
                                                     &len, NULL) == DRMTOKEN_OK &&
                          eq(out, len, c->license_url),
                      "%.*s: licence url", nn, n);
            }
        } else if (c->kind == 1) {
            CHECK(st == DRMTOKEN_SERVICE_ERROR, "%.*s: status %d", nn, n, st);
            CHECK(r.http_status == c->status && r.has_code == c->has_code && (!c->has_code || r.code == c->code),
                  "%.*s: code %d", nn, n, r.code);
            if (c->message.p != NULL) CHECK(eqs(r.message, c->message), "%.*s: message", nn, n);
            CHECK(r.message.len > 0, "%.*s: no message at all", nn, n);
        } else {
            CHECK(st == DRMTOKEN_INVALID_RESPONSE && kind_is(err.kind, c->error_kind), "%.*s: status %d kind %d", nn,
                  n, st, err.kind);
            CHECK(eqs(err.parameter, c->parameter), "%.*s: parameter", nn, n);
        }
        free(scratch);
    }
    printf("expressplay responses: %zu vectors\n", COUNT(ep_responses));
}

static void test_opentv(void) {
    for (size_t i = 0; i < COUNT(ot_requests); i++) {
        const ot_request_case *c = &ot_requests[i];
        drmtoken_opentv_request r = {S(c->host), c->port, S(c->content_id), S(c->bearer_token), S(c->tenant_id)};
        uint8_t out[512];
        size_t len = 0;
        drmtoken_error err;
        drmtoken_status st = drmtoken_opentv_url(&r, out, sizeof out, &len, &err);
        if (c->error_kind.p != NULL) {
            CHECK(st == DRMTOKEN_INVALID && kind_is(err.kind, c->error_kind) && eqs(err.parameter, c->parameter),
                  "%.*s: status %d kind %d", (int)c->name.n, c->name.p, st, err.kind);
            continue;
        }
        CHECK(st == DRMTOKEN_OK && eq(out, len, c->url), "%.*s: url", (int)c->name.n, c->name.p);
        drmtoken_header headers[2];
        size_t n = 0;
        CHECK(drmtoken_opentv_headers(&r, NULL, 0, &n, NULL) == DRMTOKEN_BUFFER_TOO_SMALL && n == 2, "header count");
        CHECK(drmtoken_opentv_headers(&r, headers, 2, &n, &err) == DRMTOKEN_OK, "headers");
        char auth[512];
        int alen = snprintf(auth, sizeof auth, "%.*s%.*s", (int)headers[0].value_prefix.len,
                            (const char *)headers[0].value_prefix.ptr, (int)headers[0].value.len,
                            (const char *)headers[0].value.ptr);
        CHECK(eq((const uint8_t *)auth, (size_t)alen, c->auth), "%.*s: authorization", (int)c->name.n, c->name.p);
    }
    for (size_t i = 0; i < COUNT(ot_responses); i++) {
        const ot_response_case *c = &ot_responses[i];
        uint8_t *scratch = malloc(c->body.n + 1);
        drmtoken_opentv_response r;
        drmtoken_error err;
        drmtoken_status st =
            drmtoken_opentv_response_parse((uint16_t)c->status, (const uint8_t *)c->content_type.p, c->content_type.n,
                                           (const uint8_t *)c->body.p, c->body.n, scratch, c->body.n, &r, &err);
        const char *n = c->name.p;
        int nn = (int)c->name.n;
        if (c->kind == 0) {
            CHECK(st == DRMTOKEN_OK, "%.*s: status %d", nn, n, st);
            CHECK(r.content_token.present && r.content_token.is_jwt == c->is_jwt, "%.*s: jwt", nn, n);
            CHECK(r.expires_in == c->expires_in, "%.*s: expires_in %lld", nn, n, (long long)r.expires_in);
            CHECK(r.content_rights_len == c->rights, "%.*s: rights %zu", nn, n, r.content_rights_len);
            if (c->rights > 0) CHECK(eqs(r.content_rights[0].content_id, c->first_content_id), "%.*s: contentId", nn, n);
        } else if (c->kind == 1) {
            CHECK(st == DRMTOKEN_SERVICE_ERROR && kind_is(err.kind, c->error_kind), "%.*s: status %d", nn, n, st);
            CHECK(eqs(r.message, c->message), "%.*s: message", nn, n);
        } else {
            CHECK(st == DRMTOKEN_INVALID_RESPONSE && kind_is(err.kind, c->error_kind), "%.*s: status %d kind %d", nn,
                  n, st, err.kind);
            CHECK(eqs(err.parameter, c->parameter), "%.*s: parameter", nn, n);
        }
        free(scratch);
    }
    printf("opentv: %zu request and %zu response vectors\n", COUNT(ot_requests), COUNT(ot_responses));
}

static void test_adobe_pass(void) {
    for (size_t i = 0; i < COUNT(ap_requests); i++) {
        const ap_request_case *c = &ap_requests[i];
        drmtoken_adobe_pass_request r = {S(c->sp_fqdn),    S(c->requestor),   S(c->device_id),   S(c->resource),
                                         S(c->device_info), c->in_query != 0, S(c->device_type), S(c->device_user),
                                         S(c->app_id),      S(c->access_token), c->xml ? DRMTOKEN_FORMAT_XML : DRMTOKEN_FORMAT_JSON};
        uint32_t warnings = 0;
        drmtoken_error err;
        drmtoken_status st = drmtoken_adobe_pass_validate(&r, &warnings, &err);
        if (c->error_kind.p != NULL) {
            CHECK(st == DRMTOKEN_INVALID && kind_is(err.kind, c->error_kind) && eqs(err.parameter, c->parameter),
                  "%.*s: status %d kind %d", (int)c->name.n, c->name.p, st, err.kind);
            continue;
        }
        CHECK(st == DRMTOKEN_OK && warnings == c->warnings, "%.*s: warnings %u", (int)c->name.n, c->name.p, warnings);
        size_t need = 0, len = 0;
        CHECK(drmtoken_adobe_pass_url(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL, "size");
        uint8_t *out = malloc(need);
        CHECK(drmtoken_adobe_pass_url(&r, out, need, &len, NULL) == DRMTOKEN_OK && eq(out, len, c->url), "%.*s: url",
              (int)c->name.n, c->name.p);
        free(out);
        drmtoken_header headers[3];
        size_t n = 0;
        CHECK(drmtoken_adobe_pass_headers(&r, headers, 3, &n) == DRMTOKEN_OK && n == c->nheaders, "%.*s: headers",
              (int)c->name.n, c->name.p);
    }
    for (size_t i = 0; i < COUNT(ap_responses); i++) {
        const ap_response_case *c = &ap_responses[i];
        uint8_t *scratch = malloc(c->body.n + 1);
        drmtoken_adobe_pass_response r;
        drmtoken_error err;
        drmtoken_status st =
            drmtoken_adobe_pass_response_parse((uint16_t)c->status, (const uint8_t *)c->content_type.p,
                                               c->content_type.n, (const uint8_t *)c->body.p, c->body.n, scratch,
                                               c->body.n, &r, &err);
        const char *n = c->name.p;
        int nn = (int)c->name.n;
        if (c->kind == 0) {
            CHECK(st == DRMTOKEN_OK && eqs(r.mvpd, c->mvpd) && eqs(r.resource, c->resource) &&
                      eqs(r.requestor, c->requestor) && r.expires == c->expires && eqs(r.proxy_mvpd, c->proxy_mvpd),
                  "%.*s: status %d", nn, n, st);
        } else if (c->kind == 1) {
            CHECK(st == DRMTOKEN_SERVICE_ERROR && kind_is(err.kind, c->error_kind) && r.body_status == c->body_status &&
                      eqs(r.message, c->message),
                  "%.*s: status %d", nn, n, st);
        } else {
            CHECK(st == DRMTOKEN_INVALID_RESPONSE && kind_is(err.kind, c->error_kind) && eqs(err.parameter, c->parameter),
                  "%.*s: status %d kind %d", nn, n, st, err.kind);
        }
        free(scratch);
    }
    uint8_t b64[8];
    size_t len = 0;
    CHECK(drmtoken_adobe_pass_encode_device_info((const uint8_t *)"{}", 2, b64, sizeof b64, &len, NULL) == DRMTOKEN_OK &&
              len == 4 && memcmp(b64, "e30=", 4) == 0,
          "device info");
    printf("adobe pass: %zu request and %zu response vectors\n", COUNT(ap_requests), COUNT(ap_responses));
}

/* ---------------------------------------------------------------- conventions */

static void test_conventions(void) {
    static const char ck[] = "b366360da82e9c6e0b0984002a362cf2";
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r);
    r.service = DRMTOKEN_SERVICE_WIDEVINE;
    r.customer_authenticator.ptr = (const uint8_t *)"a";
    r.customer_authenticator.len = 1;
    r.kid.ptr = (const uint8_t *)ck;
    r.kid.len = 32;
    r.content_key = r.kid;
    r.security_level.ptr = (const uint8_t *)"1";
    r.security_level.len = 1;
    r.hdcp_output_control.ptr = (const uint8_t *)"0";
    r.hdcp_output_control.len = 1;
    drmtoken_error err;
    size_t len = 0;
    CHECK(drmtoken_expressplay_validate(&r, 0, false, NULL, NULL) == DRMTOKEN_OK, "valid with NULL outs");

    /* NULL for required pointers. */
    CHECK(drmtoken_expressplay_validate(NULL, 0, false, NULL, NULL) == DRMTOKEN_NULL_ARGUMENT, "NULL request");
    CHECK(drmtoken_expressplay_url(&r, NULL, 0, NULL, NULL) == DRMTOKEN_NULL_ARGUMENT, "NULL out_len");
    CHECK(drmtoken_expressplay_url(&r, NULL, 10, &len, NULL) == DRMTOKEN_NULL_ARGUMENT, "NULL out with capacity");
    CHECK(drmtoken_keywrap_unwrap(NULL, 16, NULL, 0, NULL, 0, &len, NULL) == DRMTOKEN_NULL_ARGUMENT, "NULL kek");

    /* Size query, then a short buffer left untouched, then the exact size. */
    CHECK(drmtoken_expressplay_url(&r, NULL, 0, &len, &err) == DRMTOKEN_BUFFER_TOO_SMALL, "size query");
    CHECK(err.kind == DRMTOKEN_ERROR_BUFFER_TOO_SMALL && err.detail == len, "size in the error");
    size_t need = len;
    uint8_t *buf = malloc(need);
    memset(buf, 0xA5, need);
    CHECK(drmtoken_expressplay_url(&r, buf, need - 1, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL && len == need, "short");
    int untouched = 1;
    for (size_t i = 0; i < need; i++) untouched &= buf[i] == 0xA5;
    CHECK(untouched, "a short buffer was written to");
    CHECK(drmtoken_expressplay_url(&r, buf, need, &len, NULL) == DRMTOKEN_OK && len == need, "exact");
    free(buf);

    /* Invalid UTF-8 and unknown enum values. */
    drmtoken_expressplay_request bad = r;
    bad.cookie.ptr = (const uint8_t *)"\xff\xfe";
    bad.cookie.len = 2;
    CHECK(drmtoken_expressplay_validate(&bad, 0, false, NULL, NULL) == DRMTOKEN_INVALID_UTF8, "utf8");
    bad = r;
    bad.service = 42;
    CHECK(drmtoken_expressplay_validate(&bad, 0, false, NULL, NULL) == DRMTOKEN_INVALID_ARGUMENT, "service enum");
    bad = r;
    bad.environment = 9;
    CHECK(drmtoken_expressplay_validate(&bad, 0, false, NULL, NULL) == DRMTOKEN_INVALID_ARGUMENT, "env enum");
    bad = r;
    bad.iv = r.kid;
    CHECK(drmtoken_expressplay_validate(&bad, 0, false, NULL, &err) == DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_UNKNOWN_PARAMETER && err.parameter.len == 2,
          "iv on Widevine");

    /* The service's own code for a 31-digit key. */
    bad = r;
    bad.content_key.len = 31;
    CHECK(drmtoken_expressplay_validate(&bad, 0, false, NULL, &err) == DRMTOKEN_INVALID && err.code == -2027 &&
              err.parameter.len == 10 && memcmp(err.parameter.ptr, "contentKey", 10) == 0,
          "-2027");

    /* check_url: a typo's suggestion, a scratch too small, not an ExpressPlay URL. */
    static const char url[] = "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a%2Cb&kid=%5Em"
                              "&contentkey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1&hdcpOutputControl=0";
    uint8_t scratch[256];
    size_t scratch_len = 0;
    drmtoken_check_result result;
    CHECK(drmtoken_expressplay_check_url((const uint8_t *)url, strlen(url), 0, false, scratch, sizeof scratch,
                                         &scratch_len, &result) == DRMTOKEN_OK,
          "check_url");
    CHECK(result.valid && result.service == DRMTOKEN_SERVICE_WIDEVINE && result.unknown_len == 1 &&
              result.unknown[0].suggestion.len == 10 && memcmp(result.unknown[0].suggestion.ptr, "contentKey", 10) == 0,
          "suggestion");
    CHECK(drmtoken_expressplay_check_url((const uint8_t *)url, strlen(url), 0, false, scratch, 1, &scratch_len,
                                         &result) == DRMTOKEN_BUFFER_TOO_SMALL &&
              scratch_len == 5,
          "scratch size %zu", scratch_len);
    CHECK(drmtoken_expressplay_check_url((const uint8_t *)"https://example.com/", 20, 0, false, NULL, 0, &scratch_len,
                                         &result) == DRMTOKEN_INVALID &&
              !result.valid && result.service == 0,
          "not expressplay");

    /* Every status has a static description; unknown values too. */
    for (int s = -1; s < 101; s++)
        CHECK(drmtoken_status_str(s) != NULL && strlen(drmtoken_status_str(s)) > 0, "str");
    CHECK(strcmp(drmtoken_status_str(DRMTOKEN_OK), "ok") == 0, "ok string");
    CHECK(strcmp(drmtoken_version(), DRMTOKEN_VERSION) == 0, "header and library versions differ");
    printf("conventions: done\n");
}

int main(void) {
    test_conventions();
    test_expressplay_requests();
    test_keywrap();
    test_keywrap_long();
    test_expressplay_responses();
    test_opentv();
    test_adobe_pass();
    printf("%d checks, %d failures\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
