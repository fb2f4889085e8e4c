//! The C ABI with arbitrary lengths, NULLs, capacities and enum values: never a crash; the
//! status is one the header documents; on `DRMTOKEN_BUFFER_TOO_SMALL`, a buffer of `*out_len`
//! bytes then succeeds (the size query is exact) and a short buffer stays untouched.
#![no_main]

use arbitrary::Arbitrary;
use drmtoken::c_api::*;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

#[derive(Arbitrary, Debug)]
struct Input<'a> {
    service: u32,
    environment: u32,
    values: [Option<&'a [u8]>; 8],
    cap: u16,
    null_out: bool,
    body: &'a [u8],
    status: u16,
}

fn s(v: Option<&[u8]>) -> drmtoken_str {
    match v {
        Some(b) => drmtoken_str { ptr: b.as_ptr(), len: b.len() },
        None => drmtoken_str { ptr: std::ptr::null(), len: 0 },
    }
}

fn known(st: drmtoken_status) -> bool {
    use drmtoken_status::*;
    matches!(
        st,
        DRMTOKEN_OK
            | DRMTOKEN_INVALID
            | DRMTOKEN_BUFFER_TOO_SMALL
            | DRMTOKEN_NULL_ARGUMENT
            | DRMTOKEN_INVALID_UTF8
            | DRMTOKEN_INVALID_ARGUMENT
            | DRMTOKEN_INTEGRITY_CHECK_FAILED
            | DRMTOKEN_SERVICE_ERROR
            | DRMTOKEN_INVALID_RESPONSE
    )
}

/// "Now" for validation (an optional number: a pointer, NULL when absent).
const NOW: i64 = 1_767_225_600;

/// One error model: a failure fills the error (a kind, and text the describe export writes);
/// success clears it.
///
/// # Safety
/// `err` was filled by the call that returned `st`.
unsafe fn described(st: drmtoken_status, err: &drmtoken_error) {
    if st == drmtoken_status::DRMTOKEN_OK {
        assert_eq!(err.kind, drmtoken_error_kind::DRMTOKEN_ERROR_NONE as u32);
        return;
    }
    assert_ne!(err.kind, drmtoken_error_kind::DRMTOKEN_ERROR_NONE as u32, "{st:?} without an error");
    let mut text = [0u8; 512];
    let mut len = 0usize;
    // SAFETY: `err` is a live error a call filled; the outputs are live locals.
    let st = unsafe { drmtoken_error_describe(err, text.as_mut_ptr(), text.len(), &mut len, std::ptr::null_mut()) };
    assert_eq!(st, drmtoken_status::DRMTOKEN_OK);
    assert!(len > 0 && std::str::from_utf8(&text[..len]).is_ok());
}

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<Input<'_>>(data) else { return };
    let v = |i: usize| s(input.values[i]);
    // SAFETY (every call below): all pointers come from live slices with their lengths, or are
    // NULL with length 0; out-parameters are live locals.
    unsafe {
        let mut r: drmtoken_expressplay_request = std::mem::zeroed();
        r.service = input.service % 5;
        r.environment = input.environment % 5;
        r.customer_authenticator = v(0);
        r.kid = v(1);
        r.content_key = v(2);
        r.kek = v(3);
        r.ek = v(4);
        r.expiration_time = v(5);
        r.cookie = v(6);
        r.domain = v(7);
        let types = [v(0), v(6)];
        let payloads = [v(5)];
        r.extension_types = types.as_ptr();
        r.extension_types_len = usize::from(input.cap % 3);
        r.extension_payloads = payloads.as_ptr();
        r.extension_payloads_len = usize::from(input.status % 2);
        let mut err: drmtoken_error = std::mem::zeroed();
        let st = drmtoken_expressplay_request_validate(&r, &NOW, std::ptr::null_mut(), &mut err);
        assert!(known(st));
        described(st, &err);
        let mut len = 0usize;
        let cap = usize::from(input.cap);
        let mut buf = vec![0xA5u8; cap];
        let out = if input.null_out { std::ptr::null_mut() } else { buf.as_mut_ptr() };
        let st = drmtoken_expressplay_request_write_url(&r, out, if input.null_out { 0 } else { cap }, &mut len, &mut err);
        assert!(known(st));
        described(st, &err);
        if st == drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL {
            assert!(buf.iter().all(|&b| b == 0xA5), "a short buffer was written to");
            let mut exact = vec![0u8; len];
            let mut len2 = 0usize;
            let st2 = drmtoken_expressplay_request_write_url(&r, exact.as_mut_ptr(), len, &mut len2, &mut err);
            assert_eq!(st2, drmtoken_status::DRMTOKEN_OK);
            assert_eq!(len2, len);
        }

        let body = input.body;
        let mut scratch = vec![0u8; body.len()];
        let mut resp: drmtoken_expressplay_response = std::mem::zeroed();
        let ct = b"application/json";
        assert!(known(drmtoken_expressplay_response_parse(
            input.service % 4,
            input.status,
            ct.as_ptr(),
            ct.len(),
            body.as_ptr(),
            body.len(),
            scratch.as_mut_ptr(),
            scratch.len(),
            &mut resp,
            &mut err,
        )));
        let mut ot: drmtoken_opentv_response = std::mem::zeroed();
        assert!(known(drmtoken_opentv_response_parse(
            input.status, ct.as_ptr(), ct.len(), body.as_ptr(), body.len(), scratch.as_mut_ptr(), scratch.len(), &mut ot, &mut err
        )));
        let xml = b"application/xml";
        let mut ap: drmtoken_adobe_pass_response = std::mem::zeroed();
        assert!(known(drmtoken_adobe_pass_response_parse(
            input.status, xml.as_ptr(), xml.len(), body.as_ptr(), body.len(), scratch.as_mut_ptr(), scratch.len(), &mut ap, &mut err
        )));
        let mut key = [0x5Au8; 64];
        let kek = input.values[3].unwrap_or_default();
        let st = drmtoken_keywrap_key_unwrap(kek.as_ptr(), kek.len(), body.as_ptr(), body.len(), key.as_mut_ptr(), key.len(), &mut len, &mut err);
        assert!(known(st));
        if st == drmtoken_status::DRMTOKEN_INTEGRITY_CHECK_FAILED {
            assert!(key[..body.len().saturating_sub(8).min(64)].iter().all(|&b| b == 0));
        }
        let mut check: drmtoken_expressplay_url_check_result = std::mem::zeroed();
        let mut scratch_len = 0usize;
        let st = drmtoken_expressplay_url_check(
            body.as_ptr(), body.len(), std::ptr::null(), scratch.as_mut_ptr(), scratch.len(), &mut scratch_len, &mut check, &mut err
        );
        assert!(known(st));
        described(st, &err);
    }
}
