/* The C peer for AES key wrap: OpenSSL, two ways a C integrator would call it, per operation
 * (key set-up included, as drmtoken's unwrap includes its key schedule):
 *   - openssl_evp: EVP with the id-aes128-wrap / id-aes256-wrap ciphers (AES-NI when available);
 *   - openssl_evp_reuse: the same with one context made once and re-keyed per operation (the
 *     fastest way to call OpenSSL: the strongest peer);
 *   - openssl_aes: the legacy AES_set_decrypt_key + AES_unwrap_key (deprecated in OpenSSL 3).
 * Prints `ns <who>.<what> <ns per op>`, the fastest of five batches, like the Rust side. */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/aes.h>
#include <openssl/evp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static const unsigned char KEK[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                      16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};
static const unsigned char KEY[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                      0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
static const unsigned char WRAPPED128[24] = {0x1f, 0xa6, 0x8b, 0x0a, 0x81, 0x12, 0xb4, 0x47,
                                             0xae, 0xf3, 0x4b, 0xd8, 0xfb, 0x5a, 0x7b, 0x82,
                                             0x9d, 0x3e, 0x86, 0x23, 0x71, 0xd2, 0xcf, 0xe5};
static const unsigned char WRAPPED256[24] = {0x64, 0xe8, 0xc3, 0xf9, 0xce, 0x0f, 0x5b, 0xa2,
                                             0x63, 0xe9, 0x77, 0x79, 0x05, 0x81, 0x8a, 0x2a,
                                             0x93, 0xc8, 0x19, 0x1e, 0x7d, 0x6e, 0x8a, 0xe7};

static volatile int sink;

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static int evp_unwrap(const EVP_CIPHER *cipher, const unsigned char *wrapped, unsigned char *out) {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    int len = 0, fin = 0, ok;
    ok = ctx && EVP_DecryptInit_ex(ctx, cipher, NULL, KEK, NULL) &&
         EVP_DecryptUpdate(ctx, out, &len, wrapped, 24) && EVP_DecryptFinal_ex(ctx, out + len, &fin);
    EVP_CIPHER_CTX_free(ctx);
    return ok ? len + fin : -1;
}

static int evp_unwrap_reuse(EVP_CIPHER_CTX *ctx, const EVP_CIPHER *cipher, const unsigned char *wrapped,
                            unsigned char *out) {
    int len = 0, fin = 0;
    int ok = EVP_DecryptInit_ex(ctx, cipher, NULL, KEK, NULL) && EVP_DecryptUpdate(ctx, out, &len, wrapped, 24) &&
             EVP_DecryptFinal_ex(ctx, out + len, &fin);
    return ok ? len + fin : -1;
}

static int aes_unwrap(int bits, const unsigned char *wrapped, unsigned char *out) {
    AES_KEY k;
    AES_set_decrypt_key(KEK, bits, &k);
    return AES_unwrap_key(&k, NULL, out, wrapped, 24);
}

#define MEASURE(name, expr)                                                                     \
    do {                                                                                        \
        long n = 1;                                                                             \
        for (;;) {                                                                              \
            double t = now_ns();                                                                \
            for (long i = 0; i < n; i++) sink = (expr);                                         \
            if (now_ns() - t > 15e6) break;                                                     \
            n *= 2;                                                                             \
        }                                                                                       \
        n *= 4;                                                                                 \
        double best = 1e300;                                                                    \
        for (int r = 0; r < 5; r++) {                                                           \
            double t = now_ns();                                                                \
            for (long i = 0; i < n; i++) sink = (expr);                                         \
            double per = (now_ns() - t) / (double)n;                                            \
            if (per < best) best = per;                                                         \
        }                                                                                       \
        printf("ns %s %.2f\n", name, best);                                                     \
    } while (0)

int main(void) {
    unsigned char out[32];
    const EVP_CIPHER *c128 = EVP_aes_128_wrap(), *c256 = EVP_aes_256_wrap();
    if (evp_unwrap(c128, WRAPPED128, out) != 16 || memcmp(out, KEY, 16) != 0 ||
        evp_unwrap(c256, WRAPPED256, out) != 16 || memcmp(out, KEY, 16) != 0 ||
        aes_unwrap(128, WRAPPED128, out) != 16 || memcmp(out, KEY, 16) != 0 ||
        aes_unwrap(256, WRAPPED256, out) != 16 || memcmp(out, KEY, 16) != 0) {
        fprintf(stderr, "OpenSSL peer does not reproduce the RFC 3394 vectors\n");
        return 1;
    }
    MEASURE("openssl_evp.unwrap128", evp_unwrap(c128, WRAPPED128, out));
    MEASURE("openssl_evp.unwrap256", evp_unwrap(c256, WRAPPED256, out));
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    if (!ctx || evp_unwrap_reuse(ctx, c128, WRAPPED128, out) != 16 || memcmp(out, KEY, 16) != 0) {
        fprintf(stderr, "OpenSSL peer (reused context) does not reproduce RFC 3394 4.1\n");
        return 1;
    }
    MEASURE("openssl_evp_reuse.unwrap128", evp_unwrap_reuse(ctx, c128, WRAPPED128, out));
    MEASURE("openssl_evp_reuse.unwrap256", evp_unwrap_reuse(ctx, c256, WRAPPED256, out));
    EVP_CIPHER_CTX_free(ctx);
    MEASURE("openssl_aes.unwrap128", aes_unwrap(128, WRAPPED128, out));
    MEASURE("openssl_aes.unwrap256", aes_unwrap(256, WRAPPED256, out));
    return 0;
}
