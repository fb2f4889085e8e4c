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
    {"ExpressPlay", DRMTOKEN_ERROR_EXPRESS_PLAY}, {"BufferTooSmall", DRMTOKEN_ERROR_BUFFER_TOO_SMALL},
    {"CapacityExceeded", DRMTOKEN_ERROR_CAPACITY_EXCEEDED}, {"DuplicateParameter", DRMTOKEN_ERROR_DUPLICATE_PARAMETER},
    {"InvalidPercentEncoding", DRMTOKEN_ERROR_INVALID_PERCENT_ENCODING}, {"InvalidUtf8", DRMTOKEN_ERROR_INVALID_UTF8},
    {"UnknownService", DRMTOKEN_ERROR_UNKNOWN_SERVICE}, {"InvalidUrl", DRMTOKEN_ERROR_INVALID_URL},
    {"InvalidHost", DRMTOKEN_ERROR_INVALID_HOST}, {"InvalidPort", DRMTOKEN_ERROR_INVALID_PORT},
    {"MissingField", DRMTOKEN_ERROR_MISSING_FIELD}, {"ControlCharacter", DRMTOKEN_ERROR_CONTROL_CHARACTER},
    {"InvalidHex", DRMTOKEN_ERROR_INVALID_HEX}, {"InvalidKeyLength", DRMTOKEN_ERROR_INVALID_KEY_LENGTH},
    {"IntegrityCheckFailed", DRMTOKEN_ERROR_INTEGRITY_CHECK_FAILED}, {"InvalidTime", DRMTOKEN_ERROR_INVALID_TIME},
    {"InvalidJson", DRMTOKEN_ERROR_INVALID_JSON}, {"InvalidXml", DRMTOKEN_ERROR_INVALID_XML},
    {"NestingTooDeep", DRMTOKEN_ERROR_NESTING_TOO_DEEP},
    {"UnexpectedContentType", DRMTOKEN_ERROR_UNEXPECTED_CONTENT_TYPE},
    {"UnexpectedStatus", DRMTOKEN_ERROR_UNEXPECTED_STATUS}, {"InvalidValue", DRMTOKEN_ERROR_INVALID_VALUE},
    {"InvalidToken", DRMTOKEN_ERROR_INVALID_TOKEN}, {"UnknownParameter", DRMTOKEN_ERROR_UNKNOWN_PARAMETER},
    {"BadRequest", DRMTOKEN_ERROR_BAD_REQUEST}, {"Unauthorized", DRMTOKEN_ERROR_UNAUTHORIZED},
    {"Forbidden", DRMTOKEN_ERROR_FORBIDDEN}, {"ContentNotFound", DRMTOKEN_ERROR_CONTENT_NOT_FOUND},
    {"NotAuthenticated", DRMTOKEN_ERROR_NOT_AUTHENTICATED}, {"NotAuthorized", DRMTOKEN_ERROR_NOT_AUTHORIZED},
    {"AuthorizationExpired", DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED}, {"NullArgument", DRMTOKEN_ERROR_NULL_ARGUMENT},
};

static int kind_is(uint32_t k, vs name) {
    for (size_t i = 0; i < COUNT(KINDS); i++)
        if (is(name, KINDS[i].name)) return (uint32_t)KINDS[i].kind == k;
    fprintf(stderr, "unknown kind name %.*s\n", (int)name.n, name.p);
    return 0;
}

/* ---------------------------------------------------------------- ExpressPlay requests */

/* The struct's fields by wire name, from the parameter table (EP_PARAMETERS in vectors.h). */
#define SINGLE(wire, member) {wire, offsetof(drmtoken_expressplay_request, member), 0, 0},
#define REPEATED(wire, member) \
    {wire, offsetof(drmtoken_expressplay_request, member), offsetof(drmtoken_expressplay_request, member##_len), 1},
static const struct {
    const char *wire;
    size_t offset, len_offset;
    int repeated;
} FIELDS[] = {EP_PARAMETERS(SINGLE, REPEATED)};
#undef SINGLE
#undef REPEATED

/* Values of the repeatable parameters, one array of 8 per field. */
typedef struct {
    drmtoken_str values[COUNT(FIELDS)][8];
} repeated_storage;

static uint32_t service_of(vs name) {
    return is(name, "fairplay") ? DRMTOKEN_SERVICE_FAIRPLAY
           : is(name, "playready") ? DRMTOKEN_SERVICE_PLAYREADY
                                   : DRMTOKEN_SERVICE_WIDEVINE;
}

/* Fills `r` from a vector's parameters, each by its wire name into its field (repeatable ones
 * appended in order: extension types and payloads pair by position, however the vector groups
 * them); 0 when the C struct cannot express the case (a repeated single-valued parameter, more
 * than 8 values, or a name no service defines). */
static int fill_request(const ep_request_case *c, drmtoken_expressplay_request *r, repeated_storage *rep) {
    memset(r, 0, sizeof *r);
    r->service = service_of(c->service);
    r->environment = is(c->environment, "production") ? DRMTOKEN_ENV_PRODUCTION : DRMTOKEN_ENV_TEST;
    for (size_t i = 0; i < c->nparams; i++) {
        vs name = c->params[2 * i], value = c->params[2 * i + 1];
        size_t f = 0;
        while (f < COUNT(FIELDS) && !is(name, FIELDS[f].wire)) f++;
        if (f == COUNT(FIELDS)) return 0;
        if (FIELDS[f].repeated) {
            const drmtoken_str **array = (const drmtoken_str **)(void *)((char *)r + FIELDS[f].offset);
            size_t *len = (size_t *)(void *)((char *)r + FIELDS[f].len_offset);
            if (*len == 8) return 0;
            rep->values[f][(*len)++] = S(value);
            *array = rep->values[f];
        } else {
            drmtoken_str *slot = (drmtoken_str *)(void *)((char *)r + FIELDS[f].offset);
            if (slot->ptr != NULL) return 0;
            /* An empty value still counts as present: it points at the (empty) literal. */
            *slot = S(value);
        }
    }
    return 1;
}

static void test_expressplay_requests(void) {
    size_t ran = 0, skipped = 0;
    for (size_t i = 0; i < COUNT(ep_requests); i++) {
        const ep_request_case *c = &ep_requests[i];
        drmtoken_expressplay_request r;
        repeated_storage rep;
        if (!fill_request(c, &r, &rep)) {
            skipped++;
            continue;
        }
        drmtoken_error err;
        drmtoken_warnings warnings;
        int64_t now = (int64_t)c->now;
        drmtoken_status st = drmtoken_expressplay_request_validate(&r, c->has_now ? &now : NULL, &warnings, &err);
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
        CHECK(err.kind == DRMTOKEN_ERROR_NONE, "%.*s: success did not clear the error", (int)c->name.n, c->name.p);
        CHECK(warnings.len == c->nwarnings, "%.*s: %zu warnings", (int)c->name.n, c->name.p, warnings.len);
        for (size_t w = 0; w < warnings.len; w++)
            CHECK(warnings.warnings[w].kind == DRMTOKEN_WARNING_IGNORED_UNLESS_RENTAL &&
                      warnings.warnings[w].parameter.len > 0,
                  "%.*s: warning %zu", (int)c->name.n, c->name.p, w);
        size_t need = 0;
        CHECK(drmtoken_expressplay_request_write_url(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL,
              "size query");
        uint8_t *buf = malloc(need);
        size_t len = 0;
        CHECK(drmtoken_expressplay_request_write_url(&r, buf, need, &len, &err) == DRMTOKEN_OK && len == need, "url");
        CHECK(eq(buf, len, c->url), "%.*s: url %.*s", (int)c->name.n, c->name.p, (int)len, (const char *)buf);
        free(buf);
        CHECK(drmtoken_expressplay_request_write_form_body(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL,
              "body size");
        buf = malloc(need);
        CHECK(drmtoken_expressplay_request_write_form_body(&r, buf, need, &len, NULL) == DRMTOKEN_OK, "body");
        CHECK(eq(buf, len, c->form_body), "%.*s: body", (int)c->name.n, c->name.p);
        free(buf);
        drmtoken_header headers[3];
        size_t n = 0;
        CHECK(drmtoken_expressplay_request_headers(&r, headers, 3, &n, &err) == DRMTOKEN_OK && n == 1 &&
                  !headers[0].secret,
              "%.*s: POST headers", (int)c->name.n, c->name.p);
    }
    printf("expressplay requests: %zu run, %zu not expressible in the C struct\n", ran, skipped);
    CHECK(ran >= 55, "only %zu request vectors ran", ran);
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
            drmtoken_status st = drmtoken_keywrap_key_unwrap_hex((const uint8_t *)c->kek.p, c->kek.n,
                                                             (const uint8_t *)c->wrapped.p, c->wrapped.n, out,
                                                             sizeof out, &len, &err);
            if (c->error.p == NULL) {
                CHECK(st == DRMTOKEN_OK && eq(out, len, c->key), "%.*s: unwrap", (int)c->name.n, c->name.p);
            } else {
                CHECK(st != DRMTOKEN_OK && kind_is(err.kind, c->error), "%.*s: status %d kind %d",
                      (int)c->name.n, c->name.p, st, (int)err.kind);
                if (is(c->error, "IntegrityCheckFailed")) CHECK(st == DRMTOKEN_INTEGRITY_CHECK_FAILED, "status");
            }
            (void)sentinel;
        }
        if (c->key.p != NULL) {
            uint8_t kek[32], key[64], wrapped[72];
            size_t kek_n = unhex(c->kek, kek), key_n = unhex(c->key, key);
            drmtoken_status st = drmtoken_keywrap_key_wrap(kek, kek_n, key, key_n, wrapped, sizeof wrapped, &len, &err);
            if (c->error.p == NULL) {
                uint8_t want[72];
                size_t want_n = unhex(c->wrapped, want);
                CHECK(st == DRMTOKEN_OK && len == want_n && memcmp(wrapped, want, len) == 0, "%.*s: wrap",
                      (int)c->name.n, c->name.p);
                uint8_t back[64];
                CHECK(drmtoken_keywrap_key_unwrap(kek, kek_n, wrapped, len, back, sizeof back, &len, NULL) == DRMTOKEN_OK &&
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
    CHECK(drmtoken_keywrap_key_unwrap(kek, 16, wrapped, 24, out, 16, &len, NULL) == DRMTOKEN_INTEGRITY_CHECK_FAILED, "icv");
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
        CHECK(drmtoken_keywrap_key_wrap(kek, kek_n, key, key_n, NULL, 0, &len, &err) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == key_n + 8 && err.detail == key_n + 8,
              "%zu/%zu: wrap size query %zu", kek_n, key_n, len);
        memset(out, 0x5A, key_n + 8);
        CHECK(drmtoken_keywrap_key_wrap(kek, kek_n, key, key_n, out, key_n + 7, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  out[0] == 0x5A && out[key_n + 6] == 0x5A,
              "%zu/%zu: short wrap buffer", kek_n, key_n);
        CHECK(drmtoken_keywrap_key_wrap(kek, kek_n, key, key_n, out, key_n + 8, &len, NULL) == DRMTOKEN_OK &&
                  len == key_n + 8 && memcmp(out, want, len) == 0,
              "%zu/%zu: wrap differs from Python cryptography", kek_n, key_n);
        CHECK(drmtoken_keywrap_key_unwrap(kek, kek_n, want, key_n + 8, NULL, 0, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == key_n,
              "%zu/%zu: unwrap size query", kek_n, key_n);
        CHECK(drmtoken_keywrap_key_unwrap(kek, kek_n, want, key_n + 8, out, key_n, &len, NULL) == DRMTOKEN_OK &&
                  len == key_n && memcmp(out, key, key_n) == 0,
              "%zu/%zu: unwrap of Python's wrap", kek_n, key_n);
        /* hex: the size query gives the capacity (the wrap's hex; the key's hex + 8 working bytes) */
        const uint8_t *kek_hex = (const uint8_t *)c->kek.p, *key_hex = (const uint8_t *)c->key.p,
                      *w_hex = (const uint8_t *)c->wrapped.p;
        CHECK(drmtoken_keywrap_key_wrap_hex(kek_hex, c->kek.n, key_hex, c->key.n, NULL, 0, &len, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == c->wrapped.n,
              "%zu/%zu: wrap_hex size query %zu", kek_n, key_n, len);
        CHECK(drmtoken_keywrap_key_wrap_hex(kek_hex, c->kek.n, key_hex, c->key.n, out, c->wrapped.n, &len, NULL) ==
                      DRMTOKEN_OK &&
                  eq(out, len, c->wrapped),
              "%zu/%zu: wrap_hex", kek_n, key_n);
        size_t need = 0;
        CHECK(drmtoken_keywrap_key_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, NULL, 0, &need, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  need == c->key.n + 8,
              "%zu/%zu: unwrap_hex size query %zu", kek_n, key_n, need);
        memset(out, 0x5A, need + 8);
        CHECK(drmtoken_keywrap_key_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, out, need - 1, &len, NULL) ==
                      DRMTOKEN_BUFFER_TOO_SMALL &&
                  len == need && out[0] == 0x5A,
              "%zu/%zu: short unwrap_hex buffer", kek_n, key_n);
        CHECK(drmtoken_keywrap_key_unwrap_hex(kek_hex, c->kek.n, w_hex, c->wrapped.n, out, need, &len, NULL) ==
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
        CHECK(drmtoken_keywrap_key_wrap(kek, 16, data, bad_keys[i], out, sizeof out, &len, &err) == DRMTOKEN_INVALID &&
                  err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
              "wrap of %zu bytes", bad_keys[i]);
    }
    const size_t bad_wrapped[] = {0, 8, 16, 23, 25};
    for (size_t i = 0; i < COUNT(bad_wrapped); i++) {
        CHECK(drmtoken_keywrap_key_unwrap(kek, 16, data, bad_wrapped[i], out, sizeof out, &len, &err) == DRMTOKEN_INVALID &&
                  err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
              "unwrap of %zu bytes", bad_wrapped[i]);
    }
    const char *k16 = "000102030405060708090a0b0c0d0e0f";
    CHECK(drmtoken_keywrap_key_wrap_hex((const uint8_t *)k16, 32, (const uint8_t *)k16, 30, out, sizeof out, &len, &err) ==
                  DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
          "wrap_hex of 15 bytes");
    CHECK(drmtoken_keywrap_key_unwrap_hex((const uint8_t *)k16, 32, (const uint8_t *)k16, 32, out, sizeof out, &len, &err) ==
                  DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_INVALID_KEY_LENGTH,
          "unwrap_hex of a 16-byte wrapped key");
    printf("key wrap, long keys: %zu vectors\n", COUNT(kw_long_cases));
}

/* ---------------------------------------------------------------- responses */

static void test_expressplay_responses(void) {
    for (size_t i = 0; i < COUNT(ep_responses); i++) {
        const ep_response_case *c = &ep_responses[i];
        uint32_t service = service_of(c->service);
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
                CHECK(drmtoken_fairplay_skd_uri_write(r.url.ptr, r.url.len, out, sizeof out, &len, NULL) == DRMTOKEN_OK &&
                          eq(out, len, c->skd_uri),
                      "%.*s: skd", nn, n);
            }
            if (c->license_url.p != NULL) {
                CHECK(drmtoken_playready_license_url_write(r.url.ptr, r.url.len, r.token.ptr, r.token.len, out, sizeof out,
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
                  n, st, (int)err.kind);
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
        /* validate applies the rules; write_url (a producing call) applies none. */
        drmtoken_status st = drmtoken_opentv_request_validate(&r, &err);
        if (c->error_kind.p != NULL) {
            CHECK(st == DRMTOKEN_INVALID && kind_is(err.kind, c->error_kind) && eqs(err.parameter, c->parameter),
                  "%.*s: status %d kind %d", (int)c->name.n, c->name.p, st, (int)err.kind);
            continue;
        }
        CHECK(st == DRMTOKEN_OK && err.kind == DRMTOKEN_ERROR_NONE, "%.*s: validate", (int)c->name.n, c->name.p);
        st = drmtoken_opentv_request_write_url(&r, out, sizeof out, &len, &err);
        CHECK(st == DRMTOKEN_OK && eq(out, len, c->url), "%.*s: url", (int)c->name.n, c->name.p);
        drmtoken_header headers[2];
        size_t n = 0;
        CHECK(drmtoken_opentv_request_headers(&r, NULL, 0, &n, NULL) == DRMTOKEN_BUFFER_TOO_SMALL && n == 2, "header count");
        CHECK(drmtoken_opentv_request_headers(&r, headers, 2, &n, &err) == DRMTOKEN_OK, "headers");
        CHECK(headers[0].secret && !headers[1].secret, "only the bearer token is secret");
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
                  n, st, (int)err.kind);
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
        drmtoken_warnings w;
        drmtoken_error err;
        drmtoken_status st = drmtoken_adobe_pass_request_validate(&r, &w, &err);
        if (c->error_kind.p != NULL) {
            CHECK(st == DRMTOKEN_INVALID && kind_is(err.kind, c->error_kind) && eqs(err.parameter, c->parameter),
                  "%.*s: status %d kind %d", (int)c->name.n, c->name.p, st, (int)err.kind);
            continue;
        }
        /* The vectors' warnings as bits (test-local): deviceUser 1, appId 2, URL too long 4. */
        unsigned warnings = 0;
        for (size_t k = 0; k < w.len; k++) {
            drmtoken_warning x = w.warnings[k];
            if (x.kind == DRMTOKEN_WARNING_DEPRECATED && x.parameter.len == 10 && memcmp(x.parameter.ptr, "deviceUser", 10) == 0)
                warnings |= 1;
            else if (x.kind == DRMTOKEN_WARNING_DEPRECATED && x.parameter.len == 5 && memcmp(x.parameter.ptr, "appId", 5) == 0)
                warnings |= 2;
            else if (x.kind == DRMTOKEN_WARNING_URL_TOO_LONG && x.detail > 2048)
                warnings |= 4;
            else
                warnings |= 64;
        }
        CHECK(st == DRMTOKEN_OK && warnings == c->warnings, "%.*s: warnings %u", (int)c->name.n, c->name.p, warnings);
        size_t need = 0, len = 0;
        CHECK(drmtoken_adobe_pass_request_write_url(&r, NULL, 0, &need, NULL) == DRMTOKEN_BUFFER_TOO_SMALL, "size");
        uint8_t *out = malloc(need);
        CHECK(drmtoken_adobe_pass_request_write_url(&r, out, need, &len, NULL) == DRMTOKEN_OK && eq(out, len, c->url), "%.*s: url",
              (int)c->name.n, c->name.p);
        free(out);
        drmtoken_header headers[3];
        size_t n = 0;
        CHECK(drmtoken_adobe_pass_request_headers(&r, headers, 3, &n, &err) == DRMTOKEN_OK && n == c->nheaders,
              "%.*s: headers", (int)c->name.n, c->name.p);
        for (size_t k = 0; k < n; k++)
            CHECK(headers[k].secret == (headers[k].name.len == 13 && memcmp(headers[k].name.ptr, "Authorization", 13) == 0),
                  "%.*s: secret flag of header %zu", (int)c->name.n, c->name.p, k);
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
                  "%.*s: status %d kind %d", nn, n, st, (int)err.kind);
        }
        free(scratch);
    }
    uint8_t b64[8];
    size_t len = 0;
    CHECK(drmtoken_adobe_pass_device_info_encode((const uint8_t *)"{}", 2, b64, sizeof b64, &len, NULL) == DRMTOKEN_OK &&
              len == 4 && memcmp(b64, "e30=", 4) == 0,
          "device info");
    printf("adobe pass: %zu request and %zu response vectors\n", COUNT(ap_requests), COUNT(ap_responses));
}

/* ---------------------------------------------------------------- conventions */

/* The name a failure gives as a C string, for comparisons. */
static int param_is(drmtoken_error e, const char *name) {
    return e.parameter.len == strlen(name) && memcmp(e.parameter.ptr, name, e.parameter.len) == 0;
}

/* The error's text, as drmtoken_error_describe writes it (sized by a size query). */
static int describes_as(const drmtoken_error *e, const char *want) {
    size_t need = 0, len = 0;
    drmtoken_error err;
    if (drmtoken_error_describe(e, NULL, 0, &need, &err) != DRMTOKEN_BUFFER_TOO_SMALL || err.detail != need) return 0;
    char *buf = malloc(need + 1);
    int ok = drmtoken_error_describe(e, (uint8_t *)buf, need, &len, &err) == DRMTOKEN_OK && len == need &&
             err.kind == DRMTOKEN_ERROR_NONE;
    buf[len] = 0;
    if (ok && strcmp(buf, want) != 0) {
        fprintf(stderr, "error text \"%s\", want \"%s\"\n", buf, want);
        ok = 0;
    }
    free(buf);
    return ok;
}

static drmtoken_str T(const char *s) {
    drmtoken_str r;
    r.ptr = (const uint8_t *)s;
    r.len = strlen(s);
    return r;
}

static void test_conventions(void) {
    static const char ck[] = "b366360da82e9c6e0b0984002a362cf2";
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r);
    r.service = DRMTOKEN_SERVICE_WIDEVINE;
    r.customer_authenticator = T("a");
    r.kid = T(ck);
    r.content_key = r.kid;
    r.security_level = T("1");
    r.hdcp_output_control = T("0");
    drmtoken_error err;
    size_t len = 0;
    CHECK(drmtoken_expressplay_request_validate(&r, NULL, NULL, NULL) == DRMTOKEN_OK, "valid with NULL outs");
    int64_t now = 1700000000;
    CHECK(drmtoken_expressplay_request_validate(&r, &now, NULL, &err) == DRMTOKEN_OK && err.kind == DRMTOKEN_ERROR_NONE,
          "valid with a now");

    /* NULL for required pointers: the status, and the error naming the argument. */
    CHECK(drmtoken_expressplay_request_validate(NULL, NULL, NULL, &err) == DRMTOKEN_NULL_ARGUMENT &&
              err.kind == DRMTOKEN_ERROR_NULL_ARGUMENT && param_is(err, "request"),
          "NULL request");
    CHECK(describes_as(&err, "required argument is NULL [parameter request]"), "NULL request text");
    CHECK(drmtoken_expressplay_request_write_url(&r, NULL, 0, NULL, &err) == DRMTOKEN_NULL_ARGUMENT &&
              param_is(err, "out_len"),
          "NULL out_len");
    CHECK(drmtoken_expressplay_request_write_url(&r, NULL, 10, &len, &err) == DRMTOKEN_NULL_ARGUMENT && param_is(err, "out"),
          "NULL out with capacity");
    CHECK(drmtoken_keywrap_key_unwrap(NULL, 16, NULL, 0, NULL, 0, &len, &err) == DRMTOKEN_NULL_ARGUMENT &&
              param_is(err, "kek"),
          "NULL kek");
    CHECK(drmtoken_opentv_request_headers(NULL, NULL, 0, &len, &err) == DRMTOKEN_NULL_ARGUMENT && param_is(err, "request"),
          "NULL opentv request");
    CHECK(drmtoken_adobe_pass_request_headers(NULL, NULL, 0, &len, &err) == DRMTOKEN_NULL_ARGUMENT &&
              param_is(err, "request"),
          "NULL adobe pass request");
    drmtoken_expressplay_request bad = r;
    bad.wv_extensions_len = 2;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_NULL_ARGUMENT &&
              param_is(err, "wvExtension"),
          "NULL array with a length");

    /* Size query, then a short buffer left untouched, then the exact size. */
    CHECK(drmtoken_expressplay_request_write_url(&r, NULL, 0, &len, &err) == DRMTOKEN_BUFFER_TOO_SMALL, "size query");
    CHECK(err.kind == DRMTOKEN_ERROR_BUFFER_TOO_SMALL && err.detail == len, "size in the error");
    size_t need = len;
    uint8_t *buf = malloc(need);
    memset(buf, 0xA5, need);
    CHECK(drmtoken_expressplay_request_write_url(&r, buf, need - 1, &len, NULL) == DRMTOKEN_BUFFER_TOO_SMALL && len == need,
          "short");
    int untouched = 1;
    for (size_t i = 0; i < need; i++) untouched &= buf[i] == 0xA5;
    CHECK(untouched, "a short buffer was written to");
    CHECK(drmtoken_expressplay_request_write_url(&r, buf, need, &len, &err) == DRMTOKEN_OK && len == need &&
              err.kind == DRMTOKEN_ERROR_NONE,
          "exact");
    free(buf);

    /* Invalid UTF-8 and unknown enum values: a status, and the error naming the field. */
    bad = r;
    bad.cookie.ptr = (const uint8_t *)"\xff\xfe";
    bad.cookie.len = 2;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID_UTF8 &&
              err.kind == DRMTOKEN_ERROR_INVALID_UTF8 && param_is(err, "cookie"),
          "utf8");
    bad = r;
    bad.content_key = bad.cookie = T("\xc3");
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID_UTF8 &&
              param_is(err, "contentKey"),
          "utf8 names the first field in table order");
    CHECK(drmtoken_expressplay_url_check((const uint8_t *)"\xff", 1, NULL, NULL, 0, &len, NULL, &err) ==
                  DRMTOKEN_NULL_ARGUMENT &&
              param_is(err, "out"),
          "url_check NULL out");
    bad = r;
    bad.service = 42;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID_ARGUMENT &&
              err.kind == DRMTOKEN_ERROR_INVALID_VALUE && param_is(err, "service"),
          "service enum");
    bad = r;
    bad.environment = 9;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID_ARGUMENT &&
              param_is(err, "environment"),
          "env enum");

    /* A parameter of another service is refused by name. */
    bad = r;
    bad.iv = r.kid;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID &&
              err.kind == DRMTOKEN_ERROR_UNKNOWN_PARAMETER && param_is(err, "iv"),
          "iv on Widevine");
    drmtoken_str types[1] = {{(const uint8_t *)"abcd", 4}};
    bad = r;
    bad.extension_types = types;
    bad.extension_types_len = 1;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID &&
              param_is(err, "extensionType"),
          "extensionType on Widevine");

    /* The service's own code for a 31-digit key, and its text as every surface prints it. */
    bad = r;
    bad.content_key.len = 31;
    CHECK(drmtoken_expressplay_request_validate(&bad, NULL, NULL, &err) == DRMTOKEN_INVALID && err.code == -2027 &&
              param_is(err, "contentKey"),
          "-2027");
    {
        char want[256];
        snprintf(want, sizeof want, "-2027: %.*s [parameter contentKey]", (int)err.message.len,
                 (const char *)err.message.ptr);
        CHECK(describes_as(&err, want), "-2027 text");
    }
    /* Producing calls apply no rule, for every service (validate does): the refused request
     * still encodes. */
    CHECK(drmtoken_expressplay_request_write_url(&bad, NULL, 0, &len, &err) == DRMTOKEN_BUFFER_TOO_SMALL && len > 0,
          "write_url applies no rule");

    /* Grouped and interleaved PlayReady extensions: the same request, the interleaved URL. */
    {
        drmtoken_expressplay_request pr;
        memset(&pr, 0, sizeof pr);
        pr.service = DRMTOKEN_SERVICE_PLAYREADY;
        pr.customer_authenticator = T("a");
        pr.kid = T(ck);
        pr.content_key = T(ck);
        pr.rights_type = T("BuyToOwn");
        pr.analog_video_opl = pr.compressed_digital_audio_opl = pr.compressed_digital_video_opl = T("100");
        pr.uncompressed_digital_audio_opl = pr.uncompressed_digital_video_opl = T("100");
        drmtoken_str ty[2] = {{(const uint8_t *)"abcd", 4}, {(const uint8_t *)"wxyz", 4}};
        drmtoken_str pl[2] = {{(const uint8_t *)"AAAA", 4}, {(const uint8_t *)"BBBB", 4}};
        pr.extension_types = ty;
        pr.extension_types_len = 2;
        pr.extension_payloads = pl;
        pr.extension_payloads_len = 2;
        char url[1024];
        CHECK(drmtoken_expressplay_request_write_url(&pr, (uint8_t *)url, sizeof url - 1, &len, &err) == DRMTOKEN_OK,
              "playready url");
        url[len] = 0;
        CHECK(strstr(url, "&extensionType=abcd&extensionPayload=AAAA&extensionType=wxyz&extensionPayload=BBBB") != NULL,
              "interleaved: %s", url);
        char grouped[1024];
        char *cut = strstr(url, "&extensionType=");
        int base = cut ? (int)(cut - url) : 0;
        snprintf(grouped, sizeof grouped, "%.*s&extensionType=abcd&extensionType=wxyz&extensionPayload=AAAA"
                 "&extensionPayload=BBBB%s", base, url, cut ? strstr(cut, "BBBB") + 4 : "");
        uint8_t scratch[1024];
        size_t scratch_len = 0;
        drmtoken_expressplay_url_check_result result;
        CHECK(drmtoken_expressplay_url_check((const uint8_t *)grouped, strlen(grouped), NULL, scratch, sizeof scratch,
                                             &scratch_len, &result, &err) == DRMTOKEN_OK &&
                  result.valid && result.service == DRMTOKEN_SERVICE_PLAYREADY,
              "grouped extensions check");
    }

    /* url_check: a typo's suggestion, a scratch too small, not an ExpressPlay URL. */
    static const char url[] = "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a%2Cb&kid=%5Em"
                              "&contentkey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1&hdcpOutputControl=0";
    uint8_t scratch[256];
    size_t scratch_len = 0;
    drmtoken_expressplay_url_check_result result;
    CHECK(drmtoken_expressplay_url_check((const uint8_t *)url, strlen(url), NULL, scratch, sizeof scratch, &scratch_len,
                                         &result, &err) == DRMTOKEN_OK,
          "url_check");
    CHECK(result.valid && result.service == DRMTOKEN_SERVICE_WIDEVINE && result.unknown_len == 1 &&
              result.unknown[0].suggestion.len == 10 && memcmp(result.unknown[0].suggestion.ptr, "contentKey", 10) == 0,
          "suggestion");
    CHECK(drmtoken_expressplay_url_check((const uint8_t *)url, strlen(url), NULL, scratch, 1, &scratch_len, &result,
                                         &err) == DRMTOKEN_BUFFER_TOO_SMALL &&
              scratch_len == 5 && err.kind == DRMTOKEN_ERROR_BUFFER_TOO_SMALL,
          "scratch size %zu", scratch_len);
    CHECK(drmtoken_expressplay_url_check((const uint8_t *)"https://example.com/", 20, NULL, NULL, 0, &scratch_len, &result,
                                         &err) == DRMTOKEN_INVALID &&
              !result.valid && result.service == 0 && err.kind != DRMTOKEN_ERROR_NONE,
          "not expressplay");

    /* Every status has a static description; unknown values too. */
    for (int s = -1; s < 101; s++)
        CHECK(drmtoken_status_describe(s) != NULL && strlen(drmtoken_status_describe(s)) > 0, "str");
    CHECK(strcmp(drmtoken_status_describe(DRMTOKEN_OK), "ok") == 0, "ok string");
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
