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
        let mut err: drmtoken_error = std::mem::zeroed();
        assert!(known(drmtoken_expressplay_validate(&r, 1_767_225_600, true, std::ptr::null_mut(), &mut err)));
        let mut len = 0usize;
        let cap = usize::from(input.cap);
        let mut buf = vec![0xA5u8; cap];
        let out = if input.null_out { std::ptr::null_mut() } else { buf.as_mut_ptr() };
        let st = drmtoken_expressplay_url(&r, out, if input.null_out { 0 } else { cap }, &mut len, &mut err);
        assert!(known(st));
        if st == drmtoken_status::DRMTOKEN_BUFFER_TOO_SMALL {
            assert!(buf.iter().all(|&b| b == 0xA5), "a short buffer was written to");
            let mut exact = vec![0u8; len];
            let mut len2 = 0usize;
            let st2 = drmtoken_expressplay_url(&r, exact.as_mut_ptr(), len, &mut len2, &mut err);
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
        let st = drmtoken_keywrap_unwrap(kek.as_ptr(), kek.len(), body.as_ptr(), body.len(), key.as_mut_ptr(), key.len(), &mut len, &mut err);
        assert!(known(st));
        if st == drmtoken_status::DRMTOKEN_INTEGRITY_CHECK_FAILED {
            assert!(key[..body.len().saturating_sub(8).min(64)].iter().all(|&b| b == 0));
        }
        let mut check: drmtoken_check_result = std::mem::zeroed();
        let mut scratch_len = 0usize;
        assert!(known(drmtoken_expressplay_check_url(
            body.as_ptr(), body.len(), 0, false, scratch.as_mut_ptr(), scratch.len(), &mut scratch_len, &mut check
        )));
    }
}
