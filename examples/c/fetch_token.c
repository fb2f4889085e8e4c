/* libdrmtoken with libcurl, for each of the five token services: build the request (URL, method,
 * headers, body), fetch it, parse the answer with the library and act on it (FairPlay's skd://
 * key URI, PlayReady's licence server URL, Widevine's licence server, the IAS content rights,
 * the Adobe Pass authorization). Usage:
 *
 *     fetch_token SERVICE BASE_URL [NAME=VALUE...]
 *
 * SERVICE is fairplay, playready, widevine, opentv or adobe. BASE_URL replaces the request URL's
 * scheme and host (e.g. http://127.0.0.1:8787 for `drmtoken serve`), keeping its path and query.
 * NAME=VALUE settings (defaults: the accounts `drmtoken serve` has built in):
 *
 *     auth=       ExpressPlay customerAuthenticator     error_format=  ExpressPlay errorFormat
 *     method=     ExpressPlay get (default) or post     content=       IAS content_id (content7)
 *     bearer=     IAS bearer token                      tenant=        IAS nv-tenant-id (nagra)
 *     device=     Adobe deviceId (d1)                   resource=      Adobe resource
 *     format=     Adobe json (default) or xml           fault=         X-Drmtoken-Fault header
 *     timeout_ms= the whole exchange's limit (10000)
 *
 * Exit status as `drmtoken build --send`: 0 an answer parsed (printed on stdout), 1 a refusal
 * ("refused: HTTP <status>, <kind>, code <code>: <message>") or an unreadable answer (the
 * library's error), 2 usage, 3 no complete answer ("transport: ...": refused connection,
 * timeout, a body shorter than its Content-Length).
 * Build: cc -std=c99 fetch_token.c $(pkg-config --cflags --libs --static drmtoken) -lcurl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "drmtoken.h"

enum { EXIT_TOKEN = 0, EXIT_REFUSED = 1, EXIT_USAGE = 2, EXIT_TRANSPORT = 3 };

static drmtoken_str str(const char *s) {
    drmtoken_str v = {(const uint8_t *)s, strlen(s)};
    return v;
}

/* printf("%.*s", LEN(s), TEXT(s)) for a drmtoken_str, absent ({NULL, 0}) printed empty. */
#define LEN(s) ((int)(s).len)
#define TEXT(s) ((s).ptr ? (const char *)(s).ptr : "")

/* Prints a failure as every surface prints it. */
static int report(const drmtoken_error *err) {
    char text[512];
    size_t len = 0;
    if (drmtoken_error_describe(err, (uint8_t *)text, sizeof text, &len, NULL) == DRMTOKEN_OK)
        fprintf(stderr, "%.*s\n", (int)len, text);
    else
        fprintf(stderr, "error of kind %u\n", (unsigned)err->kind);
    return EXIT_REFUSED;
}

/* The names of the kinds a refusal carries. */
static const char *kind_name(uint32_t kind) {
    switch (kind) {
    case DRMTOKEN_ERROR_EXPRESS_PLAY: return "EXPRESS_PLAY";
    case DRMTOKEN_ERROR_UNEXPECTED_STATUS: return "UNEXPECTED_STATUS";
    case DRMTOKEN_ERROR_BAD_REQUEST: return "BAD_REQUEST";
    case DRMTOKEN_ERROR_UNAUTHORIZED: return "UNAUTHORIZED";
    case DRMTOKEN_ERROR_FORBIDDEN: return "FORBIDDEN";
    case DRMTOKEN_ERROR_CONTENT_NOT_FOUND: return "CONTENT_NOT_FOUND";
    case DRMTOKEN_ERROR_NOT_AUTHENTICATED: return "NOT_AUTHENTICATED";
    case DRMTOKEN_ERROR_NOT_AUTHORIZED: return "NOT_AUTHORIZED";
    case DRMTOKEN_ERROR_AUTHORIZATION_EXPIRED: return "AUTHORIZATION_EXPIRED";
    default: return "OTHER";
    }
}

static int refused(unsigned status, uint32_t kind, int code, drmtoken_str message) {
    printf("refused: HTTP %u, %s, code %d: %.*s\n", status, kind_name(kind), code, LEN(message), TEXT(message));
    return EXIT_REFUSED;
}

/* The NAME=VALUE arguments. */
struct settings {
    int argc;
    char **argv;
};

/* The value of setting `name`, or `fallback` when it is not given. */
static const char *setting(const struct settings *s, const char *name, const char *fallback) {
    size_t n = strlen(name);
    for (int i = 0; i < s->argc; i++)
        if (strncmp(s->argv[i], name, n) == 0 && s->argv[i][n] == '=') return s->argv[i] + n + 1;
    return fallback;
}

static const char *const KNOWN[] = {"auth",   "error_format", "method", "content", "bearer", "tenant",
                                    "device", "resource",     "format", "fault",   "timeout_ms"};

static int check_settings(const struct settings *s) {
    for (int i = 0; i < s->argc; i++) {
        const char *eq = strchr(s->argv[i], '=');
        int known = 0;
        for (size_t k = 0; eq && k < sizeof KNOWN / sizeof KNOWN[0]; k++) {
            size_t n = strlen(KNOWN[k]);
            known |= (size_t)(eq - s->argv[i]) == n && strncmp(s->argv[i], KNOWN[k], n) == 0;
        }
        if (!known) {
            fprintf(stderr, "unknown setting %s (NAME=VALUE, see the comment at the top)\n", s->argv[i]);
            return 0;
        }
    }
    return 1;
}

/* What to send: method, URL (of the real service, rewritten onto BASE_URL), headers, body. */
struct request {
    char method[8];
    char url[4096];
    char body[4096];
    size_t body_len;
    int has_body;
    drmtoken_header headers[3];
    size_t headers_len;
};

/* An answer, up to a fixed size (the largest, an IAS document, is a few KB). */
struct answer {
    long status;
    char content_type[256];
    char body[65536];
    size_t len;
    int overflow;
};

static size_t collect(char *ptr, size_t size, size_t nmemb, void *user) {
    struct answer *a = user;
    size_t n = size * nmemb;
    if (n > sizeof a->body - a->len) {
        a->overflow = 1;
        return 0; /* curl reports a write error */
    }
    memcpy(a->body + a->len, ptr, n);
    a->len += n;
    return n;
}

/* Sends `r` to BASE_URL + the URL's path and query. 0, or EXIT_TRANSPORT / EXIT_USAGE. */
static int fetch(const struct request *r, const char *base, const char *fault, long timeout_ms, struct answer *a) {
    const char *path = strstr(r->url, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    if (!path) {
        fprintf(stderr, "no path in %s\n", r->url);
        return EXIT_USAGE;
    }
    char target[8192];
    if ((size_t)snprintf(target, sizeof target, "%s%s", base, path) >= sizeof target) return EXIT_USAGE;

    CURL *curl = curl_easy_init();
    if (!curl) return EXIT_TRANSPORT;
    struct curl_slist *headers = NULL;
    char line[1024];
    for (size_t i = 0; i < r->headers_len; i++) {
        const drmtoken_header *h = &r->headers[i];
        snprintf(line, sizeof line, "%.*s: %.*s%.*s", LEN(h->name), TEXT(h->name),
                 LEN(h->value_prefix), TEXT(h->value_prefix), LEN(h->value), TEXT(h->value));
        headers = curl_slist_append(headers, line);
    }
    if (fault) {
        snprintf(line, sizeof line, "X-Drmtoken-Fault: %s", fault);
        headers = curl_slist_append(headers, line);
    }
    curl_easy_setopt(curl, CURLOPT_URL, target);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    if (strcmp(r->method, "POST") == 0) {
        curl_easy_setopt(curl, CURLOPT_POST, 1L);
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, r->has_body ? r->body : "");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, (long)r->body_len);
    }
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, a);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms); /* never hang */
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    CURLcode rc = curl_easy_perform(curl);
    char *ct = NULL;
    curl_off_t announced = -1;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &a->status);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &announced);
    if (ct) snprintf(a->content_type, sizeof a->content_type, "%s", ct);
    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    if (rc != CURLE_OK) {
        fprintf(stderr, "transport: %s%s\n", curl_easy_strerror(rc), a->overflow ? " (answer too long)" : "");
        return EXIT_TRANSPORT;
    }
    /* curl already fails a body cut short of its Content-Length (CURLE_PARTIAL_FILE); checked
     * again here because a token parsed from a partial body must never be used. */
    if (announced >= 0 && (curl_off_t)a->len != announced) {
        fprintf(stderr, "transport: %zu of %ld announced bytes\n", a->len, (long)announced);
        return EXIT_TRANSPORT;
    }
    return 0;
}

static uint32_t service_of(const char *name) {
    if (strcmp(name, "fairplay") == 0) return DRMTOKEN_SERVICE_FAIRPLAY;
    if (strcmp(name, "playready") == 0) return DRMTOKEN_SERVICE_PLAYREADY;
    if (strcmp(name, "widevine") == 0) return DRMTOKEN_SERVICE_WIDEVINE;
    return 0;
}

static const char *const KEY = "b366360da82e9c6e0b0984002a362cf2";

/* ExpressPlay FairPlay, PlayReady, Widevine: GET (or POST) /hms/<p>/token. */
static int expressplay(uint32_t service, const struct settings *s, const char *base, const char *fault, long timeout) {
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r); /* zero = absent */
    r.service = service;
    r.environment = DRMTOKEN_ENV_TEST;
    r.customer_authenticator = str(setting(s, "auth", "201722,1ad8eed133edf43cbcc185f0236828ae"));
    const char *error_format = setting(s, "error_format", NULL);
    if (error_format) r.error_format = str(error_format);
    r.content_key = str(KEY);
    if (service == DRMTOKEN_SERVICE_FAIRPLAY) {
        r.iv = str("0123456789abcdef0123456789abcdef");
    } else if (service == DRMTOKEN_SERVICE_PLAYREADY) {
        r.kid = str(KEY);
        r.rights_type = str("BuyToOwn");
        r.analog_video_opl = r.compressed_digital_audio_opl = r.compressed_digital_video_opl = str("0");
        r.uncompressed_digital_audio_opl = r.uncompressed_digital_video_opl = str("0");
    } else {
        r.kid = str(KEY);
        r.security_level = str("1");
        r.hdcp_output_control = str("0");
    }
    drmtoken_error err;
    if (drmtoken_expressplay_request_validate(&r, NULL, NULL, &err) != DRMTOKEN_OK) return report(&err);

    static struct request q;
    size_t len = 0;
    const int post = strcmp(setting(s, "method", "get"), "post") == 0;
    if (post) {
        strcpy(q.method, "POST");
        if (drmtoken_expressplay_request_write_endpoint(&r, (uint8_t *)q.url, sizeof q.url - 1, &len, &err))
            return report(&err);
        q.url[len] = '\0';
        if (drmtoken_expressplay_request_write_form_body(&r, (uint8_t *)q.body, sizeof q.body, &q.body_len, &err))
            return report(&err);
        q.has_body = 1;
        if (drmtoken_expressplay_request_headers(&r, q.headers, 3, &q.headers_len, &err)) return report(&err);
    } else {
        strcpy(q.method, "GET");
        if (drmtoken_expressplay_request_write_url(&r, (uint8_t *)q.url, sizeof q.url - 1, &len, &err))
            return report(&err);
        q.url[len] = '\0';
    }
    printf("%s %s\n", q.method, q.url);

    static struct answer a;
    int rc = fetch(&q, base, fault, timeout, &a);
    if (rc) return rc;
    static uint8_t scratch[sizeof a.body];
    drmtoken_expressplay_response t;
    drmtoken_status st = drmtoken_expressplay_response_parse(
        service, (uint16_t)a.status, (const uint8_t *)a.content_type, strlen(a.content_type),
        (const uint8_t *)a.body, a.len, scratch, sizeof scratch, &t, &err);
    if (st == DRMTOKEN_SERVICE_ERROR) return refused(t.http_status, err.kind, t.has_code ? t.code : 0, t.message);
    if (st != DRMTOKEN_OK) return report(&err);
    printf("token: %.*s\n", LEN(t.token), TEXT(t.token));

    char out[4096];
    if (service == DRMTOKEN_SERVICE_FAIRPLAY) {
        if (drmtoken_fairplay_skd_uri_write(t.url.ptr, t.url.len, (uint8_t *)out, sizeof out, &len, &err))
            return report(&err);
        printf("skd uri: %.*s\n", (int)len, out);
    } else if (service == DRMTOKEN_SERVICE_PLAYREADY) {
        if (drmtoken_playready_license_url_write(t.url.ptr, t.url.len, t.token.ptr, t.token.len, (uint8_t *)out,
                                                 sizeof out, &len, &err))
            return report(&err);
        printf("licence server: %.*s\n", (int)len, out);
    } else {
        printf("licence server: %.*s\n", LEN(t.url), TEXT(t.url));
        printf("licence server without query: %.*s\n", LEN(t.url_without_query), TEXT(t.url_without_query));
    }
    return EXIT_TOKEN;
}

/* Nagra OpenTV IAS: POST /ias/v2/content_token?content_id=...&type=device. */
static int opentv(const struct settings *s, const char *base, const char *fault, long timeout) {
    drmtoken_opentv_request r;
    memset(&r, 0, sizeof r);
    r.host = str("ias.example.com");
    r.port = 443;
    r.content_id = str(setting(s, "content", "content7"));
    r.bearer_token = str(setting(s, "bearer", "emulator-bearer-token"));
    r.tenant_id = str(setting(s, "tenant", "nagra"));
    drmtoken_error err;
    if (drmtoken_opentv_request_validate(&r, &err) != DRMTOKEN_OK) return report(&err);
    static struct request q;
    size_t len = 0;
    strcpy(q.method, "POST");
    if (drmtoken_opentv_request_write_url(&r, (uint8_t *)q.url, sizeof q.url - 1, &len, &err)) return report(&err);
    q.url[len] = '\0';
    if (drmtoken_opentv_request_headers(&r, q.headers, 3, &q.headers_len, &err)) return report(&err);
    printf("%s %s\n", q.method, q.url);

    static struct answer a;
    int rc = fetch(&q, base, fault, timeout, &a);
    if (rc) return rc;
    static uint8_t scratch[sizeof a.body];
    static drmtoken_opentv_response t;
    drmtoken_status st =
        drmtoken_opentv_response_parse((uint16_t)a.status, (const uint8_t *)a.content_type, strlen(a.content_type),
                                       (const uint8_t *)a.body, a.len, scratch, sizeof scratch, &t, &err);
    if (st == DRMTOKEN_SERVICE_ERROR) return refused(t.http_status, err.kind, err.code, t.message);
    if (st != DRMTOKEN_OK) return report(&err);
    printf("device: %.*s (%.*s)\n", LEN(t.device_unique_id), TEXT(t.device_unique_id),
           LEN(t.device_drm), TEXT(t.device_drm));
    for (size_t i = 0; i < t.content_rights_len; i++) {
        const drmtoken_opentv_content_right *c = &t.content_rights[i];
        printf("content right: %.*s from %.*s to %.*s, %lld s, max sessions %lld\n", LEN(c->content_id),
               TEXT(c->content_id), LEN(c->start), TEXT(c->start), LEN(c->end), TEXT(c->end),
               (long long)c->duration, (long long)c->max_sessions);
    }
    printf("token_type: %.*s, expires_in: %lld\n", LEN(t.token_type), TEXT(t.token_type),
           (long long)t.expires_in);
    return EXIT_TOKEN;
}

/* Adobe Pass: GET /api/v1/tokens/authz, JSON or XML. */
static int adobe(const struct settings *s, const char *base, const char *fault, long timeout) {
    drmtoken_adobe_pass_request r;
    memset(&r, 0, sizeof r);
    r.sp_fqdn = str("api.auth.adobe.com");
    r.requestor = str("sampleRequestorId");
    r.device_id = str(setting(s, "device", "d1"));
    r.resource = str(setting(s, "resource", "sampleResourceId"));
    r.device_info = str("e30="); /* base64 of {} */
    r.format = strcmp(setting(s, "format", "json"), "xml") == 0 ? DRMTOKEN_FORMAT_XML : DRMTOKEN_FORMAT_JSON;
    drmtoken_error err;
    if (drmtoken_adobe_pass_request_validate(&r, NULL, &err) != DRMTOKEN_OK) return report(&err);
    static struct request q;
    size_t len = 0;
    strcpy(q.method, "GET");
    if (drmtoken_adobe_pass_request_write_url(&r, (uint8_t *)q.url, sizeof q.url - 1, &len, &err))
        return report(&err);
    q.url[len] = '\0';
    if (drmtoken_adobe_pass_request_headers(&r, q.headers, 3, &q.headers_len, &err)) return report(&err);
    printf("%s %s\n", q.method, q.url);

    static struct answer a;
    int rc = fetch(&q, base, fault, timeout, &a);
    if (rc) return rc;
    static uint8_t scratch[sizeof a.body];
    drmtoken_adobe_pass_response t;
    drmtoken_status st =
        drmtoken_adobe_pass_response_parse((uint16_t)a.status, (const uint8_t *)a.content_type, strlen(a.content_type),
                                           (const uint8_t *)a.body, a.len, scratch, sizeof scratch, &t, &err);
    if (st == DRMTOKEN_SERVICE_ERROR) return refused(t.http_status, err.kind, err.code, t.message);
    if (st != DRMTOKEN_OK) return report(&err);
    printf("authorized: mvpd %.*s, resource %.*s, requestor %.*s, proxyMvpd %.*s, expires %llu\n",
           LEN(t.mvpd), TEXT(t.mvpd), LEN(t.resource), TEXT(t.resource), LEN(t.requestor), TEXT(t.requestor),
           LEN(t.proxy_mvpd), TEXT(t.proxy_mvpd),
           (unsigned long long)t.expires);
    return EXIT_TOKEN;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s fairplay|playready|widevine|opentv|adobe BASE_URL [NAME=VALUE...]\n", argv[0]);
        return EXIT_USAGE;
    }
    const char *service = argv[1], *base = argv[2];
    struct settings s = {argc - 3, argv + 3};
    if (!check_settings(&s)) return EXIT_USAGE;
    const char *fault = setting(&s, "fault", NULL);
    char *end = NULL;
    long timeout = strtol(setting(&s, "timeout_ms", "10000"), &end, 10);
    if (!end || *end != '\0' || timeout <= 0) {
        fprintf(stderr, "timeout_ms must be a positive number of milliseconds\n");
        return EXIT_USAGE;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return EXIT_TRANSPORT;
    int rc;
    if (service_of(service))
        rc = expressplay(service_of(service), &s, base, fault, timeout);
    else if (strcmp(service, "opentv") == 0)
        rc = opentv(&s, base, fault, timeout);
    else if (strcmp(service, "adobe") == 0)
        rc = adobe(&s, base, fault, timeout);
    else {
        fprintf(stderr, "unknown service %s (fairplay, playready, widevine, opentv, adobe)\n", service);
        rc = EXIT_USAGE;
    }
    curl_global_cleanup();
    return rc;
}
