/* Firmware-style use of libdrmtoken: build and validate a PlayReady token request URL into a
 * stack buffer, then check the service's answer and build the licence URL from it. No heap in the
 * library. Build: cc -std=c99 playready_url.c $(pkg-config --cflags --libs drmtoken-static) */
#include <stdio.h>
#include <string.h>

#include "drmtoken.h"

static drmtoken_str str(const char *s) {
    drmtoken_str v = {(const uint8_t *)s, strlen(s)};
    return v;
}

/* Prints a failure as every surface prints it, e.g.
 * "-2027: Content encryption key must be 32-hexadecimal digits long [parameter contentKey]". */
static void report(const drmtoken_error *err) {
    char text[256];
    size_t len = 0;
    if (drmtoken_error_describe(err, (uint8_t *)text, sizeof text, &len, NULL) == DRMTOKEN_OK)
        fprintf(stderr, "%.*s\n", (int)len, text);
}

int main(void) {
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
    r.expiration_time = str("+3600");

    drmtoken_error err;
    if (drmtoken_expressplay_request_validate(&r, NULL, NULL, &err) != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    uint8_t url[1024];
    size_t len = 0;
    drmtoken_status st = drmtoken_expressplay_request_write_url(&r, url, sizeof url, &len, &err);
    if (st != DRMTOKEN_OK) {
        report(&err); /* on DRMTOKEN_BUFFER_TOO_SMALL, len is the size needed */
        return 1;
    }
    printf("%.*s\n", (int)len, (const char *)url);

    /* The HTTP stack sends it; this is what PlayReady answers (the seed's sample). */
    static const char body[] = "{\"licenseAcquisitionUrl\":\"https://expressplay-licensing.axprod.net/LicensingService.ashx\","
                               "\"token\":\"AAAAAwAAAAQAAAAX-_Q==\"}";
    static const char ct[] = "application/json";
    drmtoken_expressplay_response response;
    st = drmtoken_expressplay_response_parse(DRMTOKEN_SERVICE_PLAYREADY, 200, (const uint8_t *)ct, strlen(ct),
                                             (const uint8_t *)body, strlen(body), NULL, 0, &response, &err);
    if (st == DRMTOKEN_SERVICE_ERROR) {
        fprintf(stderr, "refused: HTTP %u, code %d: %.*s\n", response.http_status, response.code,
                (int)response.message.len, (const char *)response.message.ptr);
        return 1;
    }
    if (st != DRMTOKEN_OK) {
        report(&err);
        return 1;
    }
    uint8_t license[512];
    st = drmtoken_playready_license_url_write(response.url.ptr, response.url.len, response.token.ptr, response.token.len,
                                              license, sizeof license, &len, &err);
    if (st != DRMTOKEN_OK) return 1;
    printf("licence server: %.*s\n", (int)len, (const char *)license);
    return 0;
}
