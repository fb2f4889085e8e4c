/* libdrmtoken with libcurl: build a PlayReady token request URL, fetch it, parse the answer and
 * build the licence URL. Usage:
 *
 *     fetch_playready BASE_URL [CUSTOMER_AUTHENTICATOR [FAULT]]
 *
 * BASE_URL replaces the URL's scheme and host (e.g. http://127.0.0.1:8787 for `drmtoken serve`);
 * FAULT, if given, is sent as the emulator's X-Drmtoken-Fault header. Exit status as
 * `drmtoken build --send`: 0 a token (prints the request URL and the licence URL), 1 a refusal
 * or an unreadable answer, 2 usage, 3 no complete answer (transport).
 * Build: cc -std=c99 fetch_playready.c $(pkg-config --cflags --libs --static drmtoken) -lcurl */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "drmtoken.h"

static drmtoken_str str(const char *s) {
    drmtoken_str v = {(const uint8_t *)s, strlen(s)};
    return v;
}

static void report(const drmtoken_error *err) {
    char text[256];
    size_t len = 0;
    if (drmtoken_error_describe(err, (uint8_t *)text, sizeof text, &len, NULL) == DRMTOKEN_OK)
        fprintf(stderr, "%.*s\n", (int)len, text);
}

/* The answer's body, up to a fixed size (a token answer is a few hundred bytes). */
struct body {
    char data[16384];
    size_t len;
};

static size_t collect(char *ptr, size_t size, size_t nmemb, void *user) {
    struct body *b = user;
    size_t n = size * nmemb;
    if (n > sizeof b->data - b->len) return 0; /* too long: curl reports a write error */
    memcpy(b->data + b->len, ptr, n);
    b->len += n;
    return n;
}

int main(int argc, char **argv) {
    if (argc < 2 || argc > 4) {
        fprintf(stderr, "usage: %s BASE_URL [CUSTOMER_AUTHENTICATOR [FAULT]]\n", argv[0]);
        return 2;
    }
    const char *base = argv[1];
    drmtoken_expressplay_request r;
    memset(&r, 0, sizeof r); /* zero = absent */
    r.service = DRMTOKEN_SERVICE_PLAYREADY;
    r.environment = DRMTOKEN_ENV_TEST;
    r.customer_authenticator = str(argc > 2 ? argv[2] : "201722,1ad8eed133edf43cbcc185f0236828ae");
    r.kid = str("b366360da82e9c6e0b0984002a362cf2");
    r.content_key = str("b366360da82e9c6e0b0984002a362cf2");
    r.rights_type = str("BuyToOwn");
    r.analog_video_opl = r.compressed_digital_audio_opl = r.compressed_digital_video_opl = str("0");
    r.uncompressed_digital_audio_opl = r.uncompressed_digital_video_opl = str("0");

    drmtoken_error err;
    if (drmtoken_expressplay_request_validate(&r, NULL, NULL, &err) != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    char url[1024];
    size_t len = 0;
    if (drmtoken_expressplay_request_write_url(&r, (uint8_t *)url, sizeof url - 1, &len, &err) != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    url[len] = '\0';
    printf("%s\n", url);

    /* The same path and query on BASE_URL. */
    const char *path = strstr(url, "://");
    path = path ? strchr(path + 3, '/') : NULL;
    if (!path) return 1;
    char target[2048];
    if ((size_t)snprintf(target, sizeof target, "%s%s", base, path) >= sizeof target) return 2;

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return 3;
    CURL *curl = curl_easy_init();
    if (!curl) return 3;
    static struct body body;
    struct curl_slist *headers = NULL;
    char fault[256];
    if (argc > 3) {
        snprintf(fault, sizeof fault, "X-Drmtoken-Fault: %s", argv[3]);
        headers = curl_slist_append(headers, fault);
    }
    curl_easy_setopt(curl, CURLOPT_URL, target);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);   /* never hang */
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    char *ct = NULL;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &ct);
    char content_type[256] = "";
    if (ct) snprintf(content_type, sizeof content_type, "%s", ct);
    curl_easy_cleanup(curl);
    curl_slist_free_all(headers);
    curl_global_cleanup();
    if (rc != CURLE_OK) {
        fprintf(stderr, "transport: %s\n", curl_easy_strerror(rc));
        return 3;
    }

    drmtoken_expressplay_response response;
    drmtoken_status st = drmtoken_expressplay_response_parse(
        DRMTOKEN_SERVICE_PLAYREADY, (uint16_t)status, (const uint8_t *)content_type, strlen(content_type),
        (const uint8_t *)body.data, body.len, NULL, 0, &response, &err);
    if (st == DRMTOKEN_SERVICE_ERROR) {
        fprintf(stderr, "refused: HTTP %u, code %d: %.*s\n", response.http_status, response.code,
                (int)response.message.len, (const char *)response.message.ptr);
        return 1;
    }
    if (st != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    char license[1024];
    st = drmtoken_playready_license_url_write(response.url.ptr, response.url.len, response.token.ptr,
                                              response.token.len, (uint8_t *)license, sizeof license, &len, &err);
    if (st != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    printf("licence server: %.*s\n", (int)len, license);
    return 0;
}
