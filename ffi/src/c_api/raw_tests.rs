//! The C exports called as C calls them: through raw pointers, with `(NULL, 0)` size queries,
//! short buffers, NULL arguments, borrowed results read back through the pointers they return.
//! `scripts/miri.sh` runs these under Miri, which checks every pointer the exports read or
//! write (bounds, alignment, provenance, aliasing, uninitialised reads).
//!
//! Inputs stay small (Miri interprets the software AES): the long-key lengths are covered at
//! full size by the C tests and the core's tests.

use core::ffi::CStr;
use core::mem::MaybeUninit;
use core::ptr;

use super::*;

/// A `drmtoken_str` viewing `s` (valid while `s` is).
fn s(text: &str) -> drmtoken_str {
    drmtoken_str {
        ptr: text.as_ptr(),
        len: text.len(),
    }
}

/// The bytes a returned `drmtoken_str` points to.
///
/// # Safety
/// `v` must come from a successful call whose borrowed inputs are still alive.
unsafe fn view<'a>(v: drmtoken_str) -> &'a [u8] {
    if v.len == 0 {
        return &[];
    }
    // SAFETY: the export returned a view into memory that outlives the test's use (the caller's
    // contract above); `len` bytes at `ptr` are initialised.
    unsafe { core::slice::from_raw_parts(v.ptr, v.len) }
}

/// A zero-initialised C struct, as `memset(&r, 0, sizeof r)` gives in C.
fn zeroed<T: Copy>() -> T {
    // SAFETY: only used for the `#[repr(C)]` request/response/error structs of this API, made of
    // integers, `bool`s (0 = false), raw pointers (0 = NULL) and arrays of those: all-zero bytes
    // are a valid value of each (the documented "every field absent").
    unsafe { MaybeUninit::<T>::zeroed().assume_init() }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Calls a producing export the way a C caller sizes it: `(NULL, 0)` first, then one byte short
/// (nothing may be written), then the exact size, into a buffer with guard bytes behind it.
/// Returns the output and the size query's answer.
fn sized(mut call: impl FnMut(*mut u8, usize, *mut usize, *mut drmtoken_error) -> drmtoken_status) -> (Vec<u8>, usize) {
    let mut need = 0usize;
    let mut err: drmtoken_error = zeroed();
    assert_eq!(
        call(ptr::null_mut(), 0, &mut need, &mut err),
        drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL
    );
    assert_eq!(err.detail, need, "the error's detail is the size needed too");
    let mut buf = vec![0xA5u8; need + 8];
    let mut len = usize::MAX;
    if need > 0 {
        assert_eq!(
            call(buf.as_mut_ptr(), need - 1, &mut len, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL
        );
        assert_eq!(len, need);
        assert!(buf.iter().all(|&b| b == 0xA5), "a short buffer was written to");
    }
    assert_eq!(
        call(buf.as_mut_ptr(), need, &mut len, &mut err),
        drmtoken_status::DRMTOKEN_OK
    );
    assert!(len <= need);
    assert!(buf[need..].iter().all(|&b| b == 0xA5), "written past the capacity");
    buf.truncate(len);
    (buf, need)
}

#[test]
fn keywrap_exports_through_raw_pointers() {
    let kek_hex = "000102030405060708090a0b0c0d0e0f";
    let key_hex = "00112233445566778899aabbccddeeff";
    let wrapped_hex = "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5";
    // SAFETY (every call in this test): the pointers come from live slices with their exact
    // lengths (or are NULL with 0), `out_len`/`error` point to live locals.
    let (out, need) = sized(|o, c, l, e| unsafe {
        drmtoken_keywrap_key_unwrap_hex(
            kek_hex.as_ptr(),
            kek_hex.len(),
            wrapped_hex.as_ptr(),
            wrapped_hex.len(),
            o,
            c,
            l,
            e,
        )
    });
    assert_eq!((out.as_slice(), need), (key_hex.as_bytes(), 40));
    let (out, need) = sized(|o, c, l, e| unsafe {
        drmtoken_keywrap_key_wrap_hex(
            kek_hex.as_ptr(),
            kek_hex.len(),
            key_hex.as_ptr(),
            key_hex.len(),
            o,
            c,
            l,
            e,
        )
    });
    assert_eq!((out.as_slice(), need), (wrapped_hex.as_bytes(), 48));

    // Bytes, the three KEK sizes, keys beyond the old 64-byte limit of the hex helpers.
    // (Software AES is slow under Miri: each KEK size once, and one key past the old limit.)
    for (kek_len, key_len) in [(16usize, 16usize), (24, 24), (32, 72)] {
        let kek: Vec<u8> = (0..kek_len as u8).collect();
        {
            let key: Vec<u8> = (0..key_len).map(|i| (i * 5) as u8).collect();
            let (w, need) = sized(|o, c, l, e| unsafe {
                drmtoken_keywrap_key_wrap(kek.as_ptr(), kek.len(), key.as_ptr(), key.len(), o, c, l, e)
            });
            assert_eq!(need, key_len + 8);
            let (k, _) = sized(|o, c, l, e| unsafe {
                drmtoken_keywrap_key_unwrap(kek.as_ptr(), kek.len(), w.as_ptr(), w.len(), o, c, l, e)
            });
            assert_eq!(k, key);
            let (k, need) = sized(|o, c, l, e| unsafe {
                let (kh, wh) = (hex(&kek), hex(&w));
                drmtoken_keywrap_key_unwrap_hex(kh.as_ptr(), kh.len(), wh.as_ptr(), wh.len(), o, c, l, e)
            });
            assert_eq!((k, need), (hex(&key).into_bytes(), 2 * key_len + 8));
        }
    }

    let (kek, mut out, mut len) = ([7u8; 16], [0xA5u8; 64], 0usize);
    let mut err: drmtoken_error = zeroed();
    // SAFETY: as above.
    unsafe {
        // NULL with a length, and a NULL out_len, are refused without touching anything.
        let st = drmtoken_keywrap_key_wrap(
            ptr::null(),
            16,
            kek.as_ptr(),
            16,
            out.as_mut_ptr(),
            64,
            &mut len,
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_NULL_ARGUMENT);
        let st = drmtoken_keywrap_key_wrap(
            kek.as_ptr(),
            16,
            kek.as_ptr(),
            16,
            ptr::null_mut(),
            8,
            &mut len,
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_NULL_ARGUMENT);
        let st = drmtoken_keywrap_key_wrap(
            kek.as_ptr(),
            16,
            kek.as_ptr(),
            16,
            out.as_mut_ptr(),
            64,
            ptr::null_mut(),
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_NULL_ARGUMENT);
        assert!(out.iter().all(|&b| b == 0xA5));
        // Lengths RFC 3394 does not permit.
        for bad in [0usize, 8, 15, 17] {
            let st = drmtoken_keywrap_key_wrap(
                kek.as_ptr(),
                16,
                [0u8; 17].as_ptr(),
                bad,
                out.as_mut_ptr(),
                out.len(),
                &mut len,
                &mut err,
            );
            assert_eq!(
                (st, err.kind),
                (
                    drmtoken_status::DRMTOKEN_INVALID,
                    drmtoken_error_kind::DRMTOKEN_ERROR_INVALID_KEY_LENGTH as u32
                )
            );
        }
        // Invalid UTF-8 in hex is a status, never UB.
        let st = drmtoken_keywrap_key_unwrap_hex(
            [0xFFu8; 2].as_ptr(),
            2,
            b"00".as_ptr(),
            2,
            out.as_mut_ptr(),
            64,
            &mut len,
            ptr::null_mut(),
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_INVALID_UTF8);
        // A failed integrity check zeroes the output it used.
        let st = drmtoken_keywrap_key_unwrap(
            kek.as_ptr(),
            16,
            [0u8; 24].as_ptr(),
            24,
            out.as_mut_ptr(),
            16,
            &mut len,
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_INTEGRITY_CHECK_FAILED);
        assert!(out[..16].iter().all(|&b| b == 0) && out[16..].iter().all(|&b| b == 0xA5));
    }
}

#[test]
fn expressplay_exports_through_raw_pointers() {
    let extensions = [s("abcd,AAAA"), s("wxyz,BBBB")];
    let mut r: drmtoken_expressplay_request = zeroed();
    r.service = DRMTOKEN_SERVICE_WIDEVINE;
    r.environment = DRMTOKEN_ENV_TEST;
    r.customer_authenticator = s("201722,1ad8eed133edf43cbcc185f0236828ae");
    r.kid = s("b366360da82e9c6e0b0984002a362cf2");
    r.content_key = s("b366360da82e9c6e0b0984002a362cf2");
    r.security_level = s("1");
    r.hdcp_output_control = s("0");
    r.wv_extensions = extensions.as_ptr();
    r.wv_extensions_len = extensions.len();
    let mut warnings: drmtoken_warnings = zeroed();
    let mut err: drmtoken_error = zeroed();
    // SAFETY (all calls): `r` and everything it points to are alive; outputs are live locals.
    unsafe {
        assert_eq!(
            drmtoken_expressplay_request_validate(&r, ptr::null(), &mut warnings, &mut err),
            drmtoken_status::DRMTOKEN_OK
        );
        let (url, _) = sized(|o, c, l, e| drmtoken_expressplay_request_write_url(&r, o, c, l, e));
        let url = String::from_utf8(url).unwrap();
        assert!(url.starts_with("https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=201722%2C"));
        assert!(
            url.ends_with("&wvExtension=abcd%2CAAAA&wvExtension=wxyz%2CBBBB"),
            "{url}"
        );
        let (body, _) = sized(|o, c, l, e| drmtoken_expressplay_request_write_form_body(&r, o, c, l, e));
        assert_eq!(url.split_once('?').unwrap().1.as_bytes(), body.as_slice());
        let (endpoint, _) = sized(|o, c, l, e| drmtoken_expressplay_request_write_endpoint(&r, o, c, l, e));
        assert_eq!(endpoint, b"https://wv-gen.test.expressplay.com/hms/wv/token");

        // A fault: the service's code, a static message, the parameter's wire name.
        r.content_key = s("b366360da82e9c6e0b0984002a362cf");
        let st = drmtoken_expressplay_request_validate(&r, ptr::null(), &mut warnings, &mut err);
        assert_eq!((st, err.code), (drmtoken_status::DRMTOKEN_INVALID, -2027));
        assert_eq!(view(err.parameter), b"contentKey");
        assert!(!view(err.message).is_empty());
        // NULL request, and an extension array that is NULL with a length.
        assert_eq!(
            drmtoken_expressplay_request_validate(ptr::null(), ptr::null(), &mut warnings, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_NULL_ARGUMENT
        );
        r.wv_extensions = ptr::null();
        assert_ne!(
            drmtoken_expressplay_request_write_url(&r, ptr::null_mut(), 0, &mut 0, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_OK
        );

        // check_url: the unknown parameter's name and suggestion are read back through the
        // pointers it returns (into the URL, the scratch buffer or static data).
        let url = "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a&kid=%5Emovie-42\
                   &contentkey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1&hdcpOutputControl=0";
        let mut scratch = vec![0u8; url.len()];
        let mut scratch_len = 0usize;
        let mut out: drmtoken_expressplay_url_check_result = zeroed();
        let st = drmtoken_expressplay_url_check(
            url.as_ptr(),
            url.len(),
            ptr::null(),
            ptr::null_mut(),
            0,
            &mut scratch_len,
            &mut out,
            ptr::null_mut(),
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
        let st = drmtoken_expressplay_url_check(
            url.as_ptr(),
            url.len(),
            ptr::null(),
            scratch.as_mut_ptr(),
            scratch.len(),
            &mut scratch_len,
            &mut out,
            ptr::null_mut(),
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
        assert!(out.valid && out.service == DRMTOKEN_SERVICE_WIDEVINE && out.unknown_len == 1);
        assert_eq!(view(out.unknown[0].name), b"contentkey");
        assert_eq!(view(out.unknown[0].suggestion), b"contentKey");
    }
}

#[test]
fn responses_borrow_from_the_callers_buffers() {
    // The escaped `\/` makes the parser unescape into `scratch`: the URL must point there.
    let body = br#"{"licenseAcquisitionUrl":"https:\/\/expressplay-licensing.axprod.net\/LicensingService.ashx","token":"AAAA"}"#;
    let content_type = "application/json";
    let mut scratch = vec![0u8; body.len()];
    let mut out: drmtoken_expressplay_response = zeroed();
    let mut err: drmtoken_error = zeroed();
    // SAFETY (all calls): inputs are live slices with their lengths; outputs live locals.
    unsafe {
        let st = drmtoken_expressplay_response_parse(
            DRMTOKEN_SERVICE_PLAYREADY,
            200,
            content_type.as_ptr(),
            content_type.len(),
            body.as_ptr(),
            body.len(),
            scratch.as_mut_ptr(),
            scratch.len(),
            &mut out,
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
        let url = view(out.url);
        assert_eq!(url, b"https://expressplay-licensing.axprod.net/LicensingService.ashx");
        let in_scratch = scratch.as_ptr_range().contains(&out.url.ptr);
        assert!(in_scratch, "an unescaped string lives in the caller's scratch");
        assert_eq!(view(out.token), b"AAAA");
        let (license, _) = sized(|o, c, l, e| {
            drmtoken_playready_license_url_write(out.url.ptr, out.url.len, out.token.ptr, out.token.len, o, c, l, e)
        });
        assert_eq!(
            license,
            b"https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken=AAAA"
        );
        let rights = "https://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA-_==";
        let (skd, _) = sized(|o, c, l, e| drmtoken_fairplay_skd_uri_write(rights.as_ptr(), rights.len(), o, c, l, e));
        assert_eq!(
            skd,
            b"skd://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA-_=="
        );

        let body = br#"{"mvpd":"M","resource":"R","requestor":"Q","expires":"1348148504000"}"#;
        let mut out: drmtoken_adobe_pass_response = zeroed();
        let st = drmtoken_adobe_pass_response_parse(
            200,
            content_type.as_ptr(),
            content_type.len(),
            body.as_ptr(),
            body.len(),
            ptr::null_mut(),
            0,
            &mut out,
            &mut err,
        );
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
        assert_eq!((view(out.mvpd), out.expires), (&b"M"[..], 1_348_148_504_000));
        assert!(
            body.as_ptr_range().contains(&out.mvpd.ptr),
            "unescaped strings borrow the body"
        );
    }
}

#[test]
fn header_arrays_and_static_strings_through_raw_pointers() {
    let mut ot: drmtoken_opentv_request = zeroed();
    ot.host = s("ias.example.com");
    ot.port = 443;
    ot.content_id = s("movie 42");
    ot.bearer_token = s("eyJ.abc.def");
    ot.tenant_id = s("nagra");
    let mut ap: drmtoken_adobe_pass_request = zeroed();
    ap.sp_fqdn = s("api.auth.adobe.com");
    ap.requestor = s("R");
    ap.device_id = s("D");
    ap.resource = s("res");
    ap.device_info = s("e30=");
    ap.access_token = s("tok");
    ap.format = DRMTOKEN_FORMAT_JSON;
    // SAFETY (all calls): requests alive, header arrays live locals of the stated capacity.
    unsafe {
        let (url, _) = sized(|o, c, l, e| drmtoken_opentv_request_write_url(&ot, o, c, l, e));
        assert_eq!(
            url,
            b"https://ias.example.com:443/ias/v2/content_token?content_id=movie%2042&type=device"
        );
        let mut n = 0usize;
        assert_eq!(
            drmtoken_opentv_request_headers(&ot, ptr::null_mut(), 0, &mut n, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL
        );
        let mut headers: [drmtoken_header; 2] = zeroed();
        let st = drmtoken_opentv_request_headers(&ot, headers.as_mut_ptr(), headers.len(), &mut n, ptr::null_mut());
        assert_eq!((st, n), (drmtoken_status::DRMTOKEN_OK, 2));
        assert_eq!(view(headers[0].name), b"authorization");
        assert!(headers[0].secret && !headers[1].secret);
        assert_eq!(
            [view(headers[0].value_prefix), view(headers[0].value)].concat(),
            b"Bearer eyJ.abc.def"
        );

        let mut warnings: drmtoken_warnings = zeroed();
        assert_eq!(
            drmtoken_adobe_pass_request_validate(&ap, &mut warnings, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_OK
        );
        let (url, _) = sized(|o, c, l, e| drmtoken_adobe_pass_request_write_url(&ap, o, c, l, e));
        assert!(url.starts_with(b"https://api.auth.adobe.com/api/v1/tokens/authz?requestor=R"));
        let mut headers: [drmtoken_header; 4] = zeroed();
        let st = drmtoken_adobe_pass_request_headers(&ap, headers.as_mut_ptr(), headers.len(), &mut n, ptr::null_mut());
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
        assert!(headers[..n].iter().any(|h| view(h.value) == b"tok" && h.secret));
        assert!(
            headers[..n].iter().filter(|h| h.secret).count() == 1,
            "only the bearer token is secret"
        );
        let (b64, _) = sized(|o, c, l, e| drmtoken_adobe_pass_device_info_encode(b"{}".as_ptr(), 2, o, c, l, e));
        assert_eq!(b64, b"e30=");

        for status in [0, 1, 2, 99, -1, 12345] {
            let text = CStr::from_ptr(drmtoken_status_describe(status));
            assert!(!text.to_bytes().is_empty());
        }
        assert_eq!(
            CStr::from_ptr(drmtoken_version()).to_str().unwrap(),
            env!("CARGO_PKG_VERSION")
        );
    }
}

/// The text `drmtoken_error_describe` writes for `err`.
fn describe(err: &drmtoken_error) -> String {
    // SAFETY: `err` is a live error filled by an export; the outputs are live locals.
    let (text, _) = sized(|o, c, l, e| unsafe { drmtoken_error_describe(err, o, c, l, e) });
    String::from_utf8(text).unwrap()
}

/// A PlayReady request that validates, with its strings borrowed from statics.
fn playready() -> drmtoken_expressplay_request {
    let mut r: drmtoken_expressplay_request = zeroed();
    r.service = DRMTOKEN_SERVICE_PLAYREADY;
    r.customer_authenticator = s("201722,1ad8eed133edf43cbcc185f0236828ae");
    r.kid = s("b366360da82e9c6e0b0984002a362cf2");
    r.content_key = s("b366360da82e9c6e0b0984002a362cf2");
    r.rights_type = s("BuyToOwn");
    for f in [
        &mut r.analog_video_opl,
        &mut r.compressed_digital_audio_opl,
        &mut r.compressed_digital_video_opl,
        &mut r.uncompressed_digital_audio_opl,
        &mut r.uncompressed_digital_video_opl,
    ] {
        *f = s("100");
    }
    r
}

#[test]
fn null_arguments_fill_the_error_naming_them() {
    let r = playready();
    let mut err: drmtoken_error = zeroed();
    let mut len = 0usize;
    // SAFETY (all calls): every non-NULL pointer is a live local or slice of the stated length.
    unsafe {
        let st = drmtoken_expressplay_request_validate(ptr::null(), ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_NULL_ARGUMENT);
        assert_eq!(err.kind, drmtoken_error_kind::DRMTOKEN_ERROR_NULL_ARGUMENT as u32);
        assert_eq!(view(err.parameter), b"request");
        let st = drmtoken_expressplay_request_write_url(&r, ptr::null_mut(), 0, ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"out_len"[..])
        );
        let st = drmtoken_expressplay_request_write_url(&r, ptr::null_mut(), 10, &mut len, &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"out"[..])
        );
        let st = drmtoken_keywrap_key_unwrap(ptr::null(), 16, ptr::null(), 0, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"kek"[..])
        );
        // A repeatable parameter: NULL with a length names it by its wire name.
        let mut bad = r;
        bad.extension_types_len = 1;
        let st = drmtoken_expressplay_request_validate(&bad, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"extensionType"[..])
        );
        let st = drmtoken_opentv_request_validate(ptr::null(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"request"[..])
        );
        let st = drmtoken_error_describe(ptr::null(), ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_NULL_ARGUMENT, &b"source"[..])
        );
        assert_eq!(describe(&err), "required argument is NULL [parameter source]");
        // Success clears it.
        let st = drmtoken_expressplay_request_validate(&r, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!((st, err.kind), (drmtoken_status::DRMTOKEN_OK, 0));
        assert!(err.parameter.ptr.is_null() && err.message.ptr.is_null());
    }
}

#[test]
fn invalid_utf8_and_enum_values_name_the_field() {
    let r = playready();
    let bytes = [0xFFu8, 0xFE];
    let mut err: drmtoken_error = zeroed();
    let mut len = 0usize;
    // SAFETY (all calls): every non-NULL pointer is a live local or slice of the stated length.
    unsafe {
        let mut bad = r;
        bad.content_key = drmtoken_str {
            ptr: bytes.as_ptr(),
            len: 2,
        };
        let st = drmtoken_expressplay_request_validate(&bad, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_INVALID_UTF8);
        assert_eq!(err.kind, drmtoken_error_kind::DRMTOKEN_ERROR_INVALID_UTF8 as u32);
        assert_eq!(view(err.parameter), b"contentKey");
        let mut scratch = [0u8; 4];
        let mut out: drmtoken_expressplay_url_check_result = zeroed();
        let st = drmtoken_expressplay_url_check(
            bytes.as_ptr(),
            2,
            ptr::null(),
            scratch.as_mut_ptr(),
            4,
            &mut len,
            &mut out,
            &mut err,
        );
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID_UTF8, &b"url"[..])
        );
        let mut bad = r;
        bad.service = 42;
        let st = drmtoken_expressplay_request_validate(&bad, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_INVALID_ARGUMENT);
        assert_eq!(
            (err.kind, view(err.parameter)),
            (
                drmtoken_error_kind::DRMTOKEN_ERROR_INVALID_VALUE as u32,
                &b"service"[..]
            )
        );
        let mut bad = r;
        bad.environment = 9;
        let st = drmtoken_expressplay_request_validate(&bad, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID_ARGUMENT, &b"environment"[..])
        );
        let mut ap: drmtoken_adobe_pass_request = zeroed();
        ap.format = 7;
        let st = drmtoken_adobe_pass_request_validate(&ap, ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID_ARGUMENT, &b"format"[..])
        );
    }
}

#[test]
fn a_parameter_of_another_service_is_refused_by_name() {
    let mut r = playready();
    let ext = [s("wudo,AAAAAA==")];
    let mut err: drmtoken_error = zeroed();
    // SAFETY (all calls): `r` and what it points to are alive; outputs are live locals.
    unsafe {
        r.iv = s("b366360da82e9c6e0b0984002a362cf2");
        let st = drmtoken_expressplay_request_validate(&r, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_INVALID);
        assert_eq!(err.kind, drmtoken_error_kind::DRMTOKEN_ERROR_UNKNOWN_PARAMETER as u32);
        assert_eq!(view(err.parameter), b"iv");
        let mut r = playready();
        r.fp_extensions = ext.as_ptr();
        r.fp_extensions_len = 1;
        let st = drmtoken_expressplay_request_validate(&r, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID, &b"fpExtension"[..])
        );
        // An empty value is present (not `{NULL, 0}`), so it is refused too.
        let mut r = playready();
        r.security_level = s("");
        let st = drmtoken_expressplay_request_validate(&r, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID, &b"securityLevel"[..])
        );
    }
}

#[test]
fn playready_extensions_pair_by_position_grouped_or_interleaved() {
    let types = [s("abcd"), s("wxyz")];
    let payloads = [s("AAAA"), s("BBBB")];
    let mut r = playready();
    r.extension_types = types.as_ptr();
    r.extension_types_len = 2;
    r.extension_payloads = payloads.as_ptr();
    r.extension_payloads_len = 2;
    // SAFETY: `r` and what it points to are alive; outputs are live locals.
    let (url, _) = sized(|o, c, l, e| unsafe { drmtoken_expressplay_request_write_url(&r, o, c, l, e) });
    let url = String::from_utf8(url).unwrap();
    assert!(
        url.contains("&extensionType=abcd&extensionPayload=AAAA&extensionType=wxyz&extensionPayload=BBBB"),
        "{url}"
    );
    // The same pairs written grouped, or interleaved, check to the same request.
    let base = url.split_once("&extensionType").unwrap().0.to_owned();
    let grouped = format!("{base}&extensionType=abcd&extensionType=wxyz&extensionPayload=AAAA&extensionPayload=BBBB");
    let interleaved =
        format!("{base}&extensionType=abcd&extensionPayload=AAAA&extensionType=wxyz&extensionPayload=BBBB");
    assert_eq!(interleaved, url);
    for u in [&grouped, &interleaved] {
        let mut scratch = vec![0u8; u.len()];
        let mut out: drmtoken_expressplay_url_check_result = zeroed();
        let mut n = 0usize;
        let mut err: drmtoken_error = zeroed();
        // SAFETY: inputs are live slices with their lengths; outputs live locals.
        let st = unsafe {
            drmtoken_expressplay_url_check(
                u.as_ptr(),
                u.len(),
                ptr::null(),
                scratch.as_mut_ptr(),
                scratch.len(),
                &mut n,
                &mut out,
                &mut err,
            )
        };
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
        assert!(out.valid, "{u}");
    }
    // The core's reading of both is the same request, whose URL is the interleaved one.
    let mut a = vec![0u8; grouped.len()];
    let mut b = vec![0u8; interleaved.len()];
    let pa = drmtoken_core::expressplay::parse_url(&grouped, &mut a).unwrap();
    let pb = drmtoken_core::expressplay::parse_url(&interleaved, &mut b).unwrap();
    assert_eq!(pa.request, pb.request);
    let mut out = vec![0u8; url.len()];
    assert_eq!(pa.request.write_url(&mut out).unwrap(), url);
}

#[test]
fn error_text_is_the_cores_display() {
    use drmtoken_core::{Error, ErrorKind, ExpressPlayCode};
    let errors = [
        Error::expressplay(ExpressPlayCode::ALL[0], "contentKey"),
        Error::buffer_too_small(64),
        Error::new(ErrorKind::InvalidJson { offset: 7 }),
        Error::new(ErrorKind::UnexpectedStatus { status: 418 }),
        Error::new(ErrorKind::CapacityExceeded { capacity: 8 }).with_parameter("extensionType"),
        Error::new(ErrorKind::NullArgument).with_parameter("out_len"),
        Error::new(ErrorKind::NotAuthorized),
    ];
    for e in errors {
        assert_eq!(describe(&error::drmtoken_error::from_core(&e)), e.to_string());
    }
    // And for errors the exports filled.
    let mut r = playready();
    r.content_key = s("b366360da82e9c6e0b0984002a362cf");
    let mut err: drmtoken_error = zeroed();
    // SAFETY: `r` and what it points to are alive; `err` is a live local.
    let st = unsafe { drmtoken_expressplay_request_validate(&r, ptr::null(), ptr::null_mut(), &mut err) };
    assert_eq!(st, drmtoken_status::DRMTOKEN_INVALID);
    let core = drmtoken_core::Error::expressplay(ExpressPlayCode::from_code(-2027).unwrap(), "contentKey");
    assert_eq!(describe(&err), core.to_string());
    assert!(describe(&err).starts_with("-2027: "));
    // NONE, and a kind this library does not define.
    let none = error::drmtoken_error::none();
    assert_eq!(describe(&none), "no error");
    let mut unknown = none;
    unknown.kind = 200;
    let mut len = 0usize;
    // SAFETY: live locals.
    let st = unsafe { drmtoken_error_describe(&unknown, ptr::null_mut(), 0, &mut len, &mut err) };
    // SAFETY: the parameter points to static text.
    let parameter = unsafe { view(err.parameter) };
    assert_eq!(
        (st, parameter),
        (drmtoken_status::DRMTOKEN_INVALID_ARGUMENT, &b"kind"[..])
    );
    // `source` and `error` may be the same struct.
    let mut same = error::drmtoken_error::from_core(&Error::buffer_too_small(64));
    let p: *mut drmtoken_error = &mut same;
    // SAFETY: `p` points to a live local, read before it is written.
    let st = unsafe { drmtoken_error_describe(p, ptr::null_mut(), 0, &mut len, p) };
    assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
    assert_eq!(len, "output buffer too small (64 bytes required)".len());
}

#[test]
fn headers_come_back_in_one_shape() {
    let r = playready();
    let mut headers: [drmtoken_header; 3] = zeroed();
    let mut n = 0usize;
    let mut err: drmtoken_error = zeroed();
    // SAFETY: `r` and what it points to are alive; outputs are live locals.
    unsafe {
        let st = drmtoken_expressplay_request_headers(&r, headers.as_mut_ptr(), 3, &mut n, &mut err);
        assert_eq!((st, n), (drmtoken_status::DRMTOKEN_OK, 1));
        assert_eq!(
            view(headers[0].name),
            drmtoken_core::expressplay::form_headers()[0].name.as_bytes()
        );
        assert!(!headers[0].secret);
        let st = drmtoken_expressplay_request_headers(&r, headers.as_mut_ptr(), 0, &mut n, &mut err);
        assert_eq!((st, n, err.detail), (drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL, 1, 1));
        let mut bad = r;
        bad.service = 0;
        let st = drmtoken_expressplay_request_headers(&bad, headers.as_mut_ptr(), 3, &mut n, &mut err);
        assert_eq!((st, n), (drmtoken_status::DRMTOKEN_INVALID_ARGUMENT, 0));
        assert_eq!(view(err.parameter), b"service");
    }
}

/// Producing calls apply none of the service's rules, for every service (`validate` does): a
/// request `validate` refuses still encodes.
#[test]
fn producing_calls_apply_no_rule_for_every_service() {
    let mut err: drmtoken_error = zeroed();
    let mut len = 0usize;
    let mut n = 0usize;
    let mut headers: [drmtoken_header; 3] = zeroed();
    let mut ep = playready();
    ep.content_key = s("zz");
    let mut ot: drmtoken_opentv_request = zeroed();
    ot.host = s("ias.example.com");
    ot.port = 443;
    let mut ap: drmtoken_adobe_pass_request = zeroed();
    ap.sp_fqdn = s("api.auth.adobe.com");
    ap.format = DRMTOKEN_FORMAT_JSON;
    // SAFETY (all calls): the requests and what they point to are alive; outputs are live locals.
    unsafe {
        let st = drmtoken_expressplay_request_validate(&ep, ptr::null(), ptr::null_mut(), &mut err);
        assert_eq!((st, err.code), (drmtoken_status::DRMTOKEN_INVALID, -2027));
        let st = drmtoken_expressplay_request_write_url(&ep, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
        let st = drmtoken_expressplay_request_write_form_body(&ep, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
        let st = drmtoken_expressplay_request_headers(&ep, headers.as_mut_ptr(), 3, &mut n, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);

        assert_eq!(
            drmtoken_opentv_request_validate(&ot, ptr::null_mut()),
            drmtoken_status::DRMTOKEN_INVALID
        );
        let st = drmtoken_opentv_request_write_url(&ot, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
        let st = drmtoken_opentv_request_headers(&ot, headers.as_mut_ptr(), 3, &mut n, &mut err);
        assert_eq!((st, n), (drmtoken_status::DRMTOKEN_OK, 2));
        assert!(headers[0].secret && !headers[1].secret);

        assert_eq!(
            drmtoken_adobe_pass_request_validate(&ap, ptr::null_mut(), ptr::null_mut()),
            drmtoken_status::DRMTOKEN_INVALID
        );
        let st = drmtoken_adobe_pass_request_write_url(&ap, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL);
        let st = drmtoken_adobe_pass_request_headers(&ap, headers.as_mut_ptr(), 3, &mut n, &mut err);
        assert_eq!(st, drmtoken_status::DRMTOKEN_OK);

        // What the URL needs to be well-formed is still checked.
        ot.host = s("bad host/");
        let st = drmtoken_opentv_request_write_url(&ot, ptr::null_mut(), 0, &mut len, &mut err);
        assert_eq!(
            (st, view(err.parameter)),
            (drmtoken_status::DRMTOKEN_INVALID, &b"host"[..])
        );
    }
}
