//! ExpressPlay responses from the network: uri-list, PlayReady JSON, JSON and HTML error bodies.
//! Never a panic; a scratch of the body's length always suffices; without scratch the only new
//! failure is `BufferTooSmall` with a size no larger than the body; a token found passes the
//! token check; the redemption helpers write exactly their `*_len`.
#![no_main]

use drmtoken_core::expressplay::{check_token, parse_response, ResponseError, Service, TokenResponse};
use drmtoken_core::ErrorKind;
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

const CONTENT_TYPES: [&str; 4] = ["text/uri-list", "application/json; charset=utf-8", "text/html", "TEXT/URI-LIST"];

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Some(input) = small_stack::typed::<(u8, u16, u8, &[u8])>(data) else { return };
    let (service, status, ct, body) = input;
    let service = [Service::FairPlay, Service::PlayReady, Service::Widevine][usize::from(service % 3)];
    let status = [200, 400, 401, 404, 500, 204, status][usize::from(status % 7)];
    let ct = CONTENT_TYPES[usize::from(ct % 4)];
    let mut scratch = vec![0u8; body.len()];
    let full = parse_response(service, status, ct, body, &mut scratch);
    if let Err(ResponseError::Invalid(e)) = &full {
        assert!(!matches!(e.kind(), ErrorKind::BufferTooSmall { .. }), "a body-sized scratch was too small");
    }
    match parse_response(service, status, ct, body, &mut []) {
        Err(ResponseError::Invalid(e)) if matches!(e.kind(), ErrorKind::BufferTooSmall { .. }) => {
            let ErrorKind::BufferTooSmall { required } = e.kind() else { unreachable!() };
            assert!(required <= body.len());
        }
        other => assert_eq!(format!("{other:?}"), format!("{full:?}")),
    }
    if let Ok(t) = full {
        assert!(check_token(t.token()).is_ok());
        let mut out = vec![0u8; 16384];
        match t {
            TokenResponse::FairPlay(u) => {
                let n = u.skd_uri_len();
                if n <= out.len() {
                    assert_eq!(u.write_skd_uri(&mut out).unwrap().len(), n);
                }
            }
            TokenResponse::PlayReady(p) => {
                let n = p.license_url_len();
                if n <= out.len() {
                    assert_eq!(p.write_license_url(&mut out).unwrap().len(), n);
                }
            }
            TokenResponse::Widevine(u) => assert!(u.url.starts_with(u.url_without_query())),
        }
    }
}
