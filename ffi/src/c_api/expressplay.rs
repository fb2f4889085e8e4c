//! ExpressPlay token requests from C: one plain struct of pointer+length fields (zero = absent)
//! for all three services, validated and encoded by the core.

use drmtoken_core::expressplay::{
    parse_url, Environment, FairPlayTokenRequest, PlayReadyTokenRequest, Service, TokenRequest, Warning,
    WidevineTokenRequest,
};
use drmtoken_core::{Error, ErrorKind};

use super::drmtoken_status::{self, *};
use super::error::{clear, drmtoken_error, finish, report};
use super::slices::{bytes, drmtoken_str, exclusive, opt, out_buffer, reference, text};

/// `drmtoken_expressplay_request.service`: FairPlay.
pub const DRMTOKEN_SERVICE_FAIRPLAY: u32 = 1;
/// `drmtoken_expressplay_request.service`: PlayReady.
pub const DRMTOKEN_SERVICE_PLAYREADY: u32 = 2;
/// `drmtoken_expressplay_request.service`: Widevine.
pub const DRMTOKEN_SERVICE_WIDEVINE: u32 = 3;
/// `drmtoken_expressplay_request.environment`: `test.expressplay.com` (the zero value).
pub const DRMTOKEN_ENV_TEST: u32 = 0;
/// `drmtoken_expressplay_request.environment`: `service.expressplay.com`.
pub const DRMTOKEN_ENV_PRODUCTION: u32 = 1;
/// `drmtoken_expressplay_request.environment`: a custom production domain in `domain`.
pub const DRMTOKEN_ENV_DOMAIN: u32 = 2;
/// `drmtoken_expressplay_request.environment`: a whole host (`host[:port]`) in `domain`.
pub const DRMTOKEN_ENV_HOST: u32 = 3;

/// One PlayReady `extensionType`/`extensionPayload` pair.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_playready_extension {
    /// `extensionType`.
    pub extension_type: drmtoken_str,
    /// `extensionPayload`.
    pub extension_payload: drmtoken_str,
}

/// An ExpressPlay token request. Zero-initialise it, set `service`, then the parameters the
/// request needs; a parameter the service does not define is refused
/// (`DRMTOKEN_ERROR_UNKNOWN_PARAMETER` naming it). Every string is UTF-8, pointer + length.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_expressplay_request {
    /// `DRMTOKEN_SERVICE_FAIRPLAY`, `_PLAYREADY` or `_WIDEVINE`.
    pub service: u32,
    /// `DRMTOKEN_ENV_TEST` (0), `_PRODUCTION`, `_DOMAIN` or `_HOST`.
    pub environment: u32,
    /// The custom domain (`DRMTOKEN_ENV_DOMAIN`) or host (`DRMTOKEN_ENV_HOST`).
    pub domain: drmtoken_str,
    /// `customerAuthenticator` (secret).
    pub customer_authenticator: drmtoken_str,
    /// `errorFormat`.
    pub error_format: drmtoken_str,
    /// `generalFlags`.
    pub general_flags: drmtoken_str,
    /// `kek` (secret).
    pub kek: drmtoken_str,
    /// `kid`.
    pub kid: drmtoken_str,
    /// `ek`.
    pub ek: drmtoken_str,
    /// `contentKey` (secret).
    pub content_key: drmtoken_str,
    /// `iv` (FairPlay).
    pub iv: drmtoken_str,
    /// `rentalDuration` (FairPlay).
    pub rental_duration: drmtoken_str,
    /// `rightsType` (PlayReady).
    pub rights_type: drmtoken_str,
    /// `rental.periodEndTime` (PlayReady).
    pub rental_period_end_time: drmtoken_str,
    /// `rental.playDuration` (PlayReady).
    pub rental_play_duration: drmtoken_str,
    /// `analogVideoOPL` (PlayReady).
    pub analog_video_opl: drmtoken_str,
    /// `compressedDigitalAudioOPL` (PlayReady).
    pub compressed_digital_audio_opl: drmtoken_str,
    /// `compressedDigitalVideoOPL` (PlayReady).
    pub compressed_digital_video_opl: drmtoken_str,
    /// `uncompressedDigitalAudioOPL` (PlayReady).
    pub uncompressed_digital_audio_opl: drmtoken_str,
    /// `uncompressedDigitalVideoOPL` (PlayReady).
    pub uncompressed_digital_video_opl: drmtoken_str,
    /// `unknownOutputBehavior` (PlayReady).
    pub unknown_output_behavior: drmtoken_str,
    /// `outputControlFlags` (PlayReady).
    pub output_control_flags: drmtoken_str,
    /// `contentId` (Widevine).
    pub content_id: drmtoken_str,
    /// `securityLevel` (Widevine).
    pub security_level: drmtoken_str,
    /// `hdcpOutputControl` (Widevine).
    pub hdcp_output_control: drmtoken_str,
    /// `licenseDuration` (Widevine).
    pub license_duration: drmtoken_str,
    /// `expirationTime`.
    pub expiration_time: drmtoken_str,
    /// `cookie`.
    pub cookie: drmtoken_str,
    /// `fpExtension` (FairPlay) or `wvExtension` (Widevine) values, `extensions_len` of them
    /// (up to 8).
    pub extensions: *const drmtoken_str,
    /// How many `extensions`.
    pub extensions_len: usize,
    /// PlayReady `extensionType`/`extensionPayload` pairs, `playready_extensions_len` of them
    /// (up to 8).
    pub playready_extensions: *const drmtoken_playready_extension,
    /// How many `playready_extensions`.
    pub playready_extensions_len: usize,
}

/// Warnings beside a valid request: the wire names of rental parameters sent with `BuyToOwn`
/// (the service ignores them).
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_warnings {
    /// How many entries of `ignored_parameters` are set.
    pub len: usize,
    /// Static wire names.
    pub ignored_parameters: [drmtoken_str; 4],
}

fn service_of(value: u32) -> Result<Service, drmtoken_status> {
    match value {
        DRMTOKEN_SERVICE_FAIRPLAY => Ok(Service::FairPlay),
        DRMTOKEN_SERVICE_PLAYREADY => Ok(Service::PlayReady),
        DRMTOKEN_SERVICE_WIDEVINE => Ok(Service::Widevine),
        _ => Err(DRMTOKEN_INVALID_ARGUMENT),
    }
}

/// The C value of a service.
pub(crate) const fn service_value(service: Service) -> u32 {
    match service {
        Service::FairPlay => DRMTOKEN_SERVICE_FAIRPLAY,
        Service::PlayReady => DRMTOKEN_SERVICE_PLAYREADY,
        Service::Widevine => DRMTOKEN_SERVICE_WIDEVINE,
    }
}

/// Reads the request into the core's typed request.
///
/// # Safety
/// Every non-NULL pointer in `r` must be valid as documented on its field, for `'a`.
unsafe fn build<'a>(
    r: &drmtoken_expressplay_request,
    error: *mut drmtoken_error,
) -> Result<TokenRequest<'a>, drmtoken_status> {
    let service = service_of(r.service)?;
    // SAFETY (every `opt`/`text` below): the caller's contract on `r`'s fields.
    let domain = unsafe { text(r.domain.ptr, r.domain.len) }?;
    let environment = match r.environment {
        DRMTOKEN_ENV_TEST => Environment::Test,
        DRMTOKEN_ENV_PRODUCTION => Environment::Production,
        DRMTOKEN_ENV_DOMAIN => Environment::Domain(domain),
        DRMTOKEN_ENV_HOST => Environment::Host(domain),
        _ => return Err(DRMTOKEN_INVALID_ARGUMENT),
    };
    let fields: [(&'static str, drmtoken_str); 25] = [
        ("customerAuthenticator", r.customer_authenticator),
        ("errorFormat", r.error_format),
        ("generalFlags", r.general_flags),
        ("kek", r.kek),
        ("kid", r.kid),
        ("ek", r.ek),
        ("contentKey", r.content_key),
        ("iv", r.iv),
        ("rentalDuration", r.rental_duration),
        ("rightsType", r.rights_type),
        ("rental.periodEndTime", r.rental_period_end_time),
        ("rental.playDuration", r.rental_play_duration),
        ("analogVideoOPL", r.analog_video_opl),
        ("compressedDigitalAudioOPL", r.compressed_digital_audio_opl),
        ("compressedDigitalVideoOPL", r.compressed_digital_video_opl),
        ("uncompressedDigitalAudioOPL", r.uncompressed_digital_audio_opl),
        ("uncompressedDigitalVideoOPL", r.uncompressed_digital_video_opl),
        ("unknownOutputBehavior", r.unknown_output_behavior),
        ("outputControlFlags", r.output_control_flags),
        ("contentId", r.content_id),
        ("securityLevel", r.security_level),
        ("hdcpOutputControl", r.hdcp_output_control),
        ("licenseDuration", r.license_duration),
        ("expirationTime", r.expiration_time),
        ("cookie", r.cookie),
    ];
    let fail = |e: Error| -> drmtoken_status {
        // SAFETY: the caller's contract on `error`.
        unsafe { report(&e, error) }
    };
    // SAFETY: `extensions` points to `extensions_len` drmtoken_str when non-NULL.
    let extensions: &[drmtoken_str] = unsafe { slice_of(r.extensions, r.extensions_len) }?;
    // SAFETY: likewise for `playready_extensions`.
    let pr_extensions: &[drmtoken_playready_extension] =
        unsafe { slice_of(r.playready_extensions, r.playready_extensions_len) }?;
    let unknown = |name: &'static str| fail(Error::new(ErrorKind::UnknownParameter).with_parameter(name));
    macro_rules! fill {
        ($ty:ident, $variant:ident, $ext:literal) => {{
            let mut req = $ty {
                environment,
                ..Default::default()
            };
            for (name, value) in fields {
                // SAFETY: see above.
                let Some(v) = (unsafe { opt(value) })? else { continue };
                if !service.parameters().contains(&name) {
                    return Err(unknown(name));
                }
                req.set(name, v).map_err(fail)?;
            }
            for e in extensions {
                // SAFETY: see above.
                let v = unsafe { text(e.ptr, e.len) }?;
                if $ext.is_empty() {
                    return Err(unknown("extensions"));
                }
                req.set($ext, v).map_err(fail)?;
            }
            req
        }};
    }
    Ok(match service {
        Service::FairPlay => {
            if !pr_extensions.is_empty() {
                return Err(unknown("extensionType"));
            }
            TokenRequest::FairPlay(fill!(FairPlayTokenRequest, FairPlay, "fpExtension"))
        }
        Service::Widevine => {
            if !pr_extensions.is_empty() {
                return Err(unknown("extensionType"));
            }
            TokenRequest::Widevine(fill!(WidevineTokenRequest, Widevine, "wvExtension"))
        }
        Service::PlayReady => {
            if !extensions.is_empty() {
                return Err(unknown("fpExtension"));
            }
            let mut req = fill!(PlayReadyTokenRequest, PlayReady, "");
            for e in pr_extensions {
                // Minimal compile fix for the core's position-paired lists (the C surface is
                // being rewritten on its own branch): each half goes to its list.
                // SAFETY: see above.
                let (t, p) = unsafe { (opt(e.extension_type)?, opt(e.extension_payload)?) };
                let capacity = req.extension_types.capacity();
                let full =
                    || fail(Error::new(ErrorKind::CapacityExceeded { capacity }).with_parameter("extensionType"));
                if let Some(t) = t {
                    req.extension_types.push(t).map_err(|_| full())?;
                }
                if let Some(p) = p {
                    req.extension_payloads.push(p).map_err(|_| full())?;
                }
            }
            TokenRequest::PlayReady(req)
        }
    })
}

/// `len` elements at `ptr` (`NULL, 0` is empty).
///
/// # Safety
/// A non-NULL `ptr` must point to `len` valid elements for `'a`.
unsafe fn slice_of<'a, T>(ptr: *const T, len: usize) -> Result<&'a [T], drmtoken_status> {
    if ptr.is_null() {
        return if len == 0 { Ok(&[]) } else { Err(DRMTOKEN_NULL_ARGUMENT) };
    }
    // SAFETY: the caller's contract.
    Ok(unsafe { core::slice::from_raw_parts(ptr, len) })
}

/// Validates `request` with the service's rules. `now_unix` (seconds) is used when `has_now`
/// is true; without it, absolute times are checked for form only.
///
/// Returns `DRMTOKEN_OK` (and the warnings, if `out_warnings` is not NULL) or
/// `DRMTOKEN_INVALID` with the service's code, message and parameter in `*error` (if not NULL).
///
/// # Safety
/// `request` must point to a valid `drmtoken_expressplay_request` whose pointers are valid for
/// the call; `out_warnings` and `error` may be NULL or point to writable structs.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_validate(
    request: *const drmtoken_expressplay_request,
    now_unix: i64,
    has_now: bool,
    out_warnings: *mut drmtoken_warnings,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: the caller's contract.
        let r = crate::try_ffi!(unsafe { reference(request) });
        // SAFETY: the caller's contract.
        let req = crate::try_ffi!(unsafe { build(r, error) });
        match req.validate(has_now.then_some(now_unix)) {
            Ok(warnings) => {
                // SAFETY: the caller's contract.
                if let Some(out) = unsafe { out_warnings.as_mut() } {
                    let mut w = drmtoken_warnings {
                        len: 0,
                        ignored_parameters: [drmtoken_str::none(); 4],
                    };
                    for (slot, warning) in w.ignored_parameters.iter_mut().zip(warnings.iter()) {
                        let Warning::IgnoredUnlessRental { parameter } = *warning else {
                            continue;
                        };
                        *slot = drmtoken_str::of(parameter);
                        w.len += 1;
                    }
                    *out = w;
                }
                // SAFETY: the caller's contract.
                unsafe { clear(error) };
                DRMTOKEN_OK
            }
            // SAFETY: the caller's contract.
            Err(e) => unsafe { report(&e, error) },
        }
    })
}

/// Which wire form to write.
#[derive(Clone, Copy)]
enum Form {
    Url,
    Body,
    Endpoint,
}

/// Writes one wire form of the request (no validation: call `drmtoken_expressplay_validate`).
///
/// # Safety
/// As the exports that call it.
unsafe fn write(
    request: *const drmtoken_expressplay_request,
    form: Form,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    // SAFETY: the caller's contract.
    let out_len = crate::try_ffi!(unsafe { exclusive(out_len) });
    // SAFETY: the caller's contract.
    let r = crate::try_ffi!(unsafe { reference(request) });
    // SAFETY: the caller's contract.
    let req = crate::try_ffi!(unsafe { build(r, error) });
    // SAFETY: the caller's contract.
    let buf = crate::try_ffi!(unsafe { out_buffer(out, out_cap) });
    let result = match form {
        Form::Url => req.write_url(buf),
        Form::Body => req.write_form_body(buf),
        Form::Endpoint => req.write_endpoint(buf),
    };
    // SAFETY: the caller's contract.
    unsafe { finish(result.map(str::len), out_len, error) }
}

/// Writes the GET URL (`https://<p>-gen.<domain>/hms/<p>/token?...`) into `out`.
///
/// `*out_len` receives the length; on `DRMTOKEN_BUFFER_TOO_SMALL` it is the size needed and
/// nothing is written; `(NULL, 0)` asks for the size. The output is not NUL-terminated.
///
/// # Safety
/// `request` and `out_len` must be valid; `out` must be NULL with `out_cap` 0 or point to
/// `out_cap` writable bytes; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_url(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe { write(request, Form::Url, out, out_cap, out_len, error) }
    })
}

/// Writes the `application/x-www-form-urlencoded` POST body into `out` (conventions as
/// `drmtoken_expressplay_url`).
///
/// # Safety
/// As `drmtoken_expressplay_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_form_body(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe { write(request, Form::Body, out, out_cap, out_len, error) }
    })
}

/// Writes the endpoint URL a POST goes to (conventions as `drmtoken_expressplay_url`).
///
/// # Safety
/// As `drmtoken_expressplay_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_endpoint(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe { write(request, Form::Endpoint, out, out_cap, out_len, error) }
    })
}

/// One parameter the service does not define, found by `drmtoken_expressplay_check_url`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_unknown_parameter {
    /// The name as it appears in the URL (points into the URL).
    pub name: drmtoken_str,
    /// The parameter it most likely meant (static), or `{NULL, 0}`.
    pub suggestion: drmtoken_str,
}

/// What `drmtoken_expressplay_check_url` found.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_check_result {
    /// The service of the URL (`DRMTOKEN_SERVICE_*`), or 0 when it is not an ExpressPlay URL.
    pub service: u32,
    /// Whether the request is valid.
    pub valid: bool,
    /// Why not (kind `DRMTOKEN_ERROR_NONE` when valid).
    pub error: drmtoken_error,
    /// How many entries of `unknown` are set.
    pub unknown_len: usize,
    /// Unknown parameters (the service ignores them; often typos).
    pub unknown: [drmtoken_unknown_parameter; 8],
    /// Unknown parameters beyond the 8 listed.
    pub unknown_omitted: usize,
    /// Warnings of a valid request.
    pub warnings: drmtoken_warnings,
}

/// Checks a request URL exactly as the service would: parse (service from the host and path,
/// values decoded into `scratch`) then validate.
///
/// Returns `DRMTOKEN_OK` when the URL parses (then `out->valid` says whether it is valid, with
/// the service's code in `out->error` when not), `DRMTOKEN_INVALID` when it is not an
/// ExpressPlay request URL at all (`out->error` says why), or `DRMTOKEN_BUFFER_TOO_SMALL` when
/// `scratch_cap` is below `*scratch_len` (a scratch of `url_len` bytes is always enough).
///
/// # Safety
/// `url` must point to `url_len` readable bytes; `scratch` must be NULL with `scratch_cap` 0
/// or point to `scratch_cap` writable bytes; `scratch_len` and `out` must be valid. The
/// strings in `*out` point into `url` and the library's static data.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_check_url(
    url: *const u8,
    url_len: usize,
    now_unix: i64,
    has_now: bool,
    scratch: *mut u8,
    scratch_cap: usize,
    scratch_len: *mut usize,
    out: *mut drmtoken_check_result,
) -> drmtoken_status {
    crate::ffi_boundary!({
        // SAFETY: the caller's contract.
        let out = crate::try_ffi!(unsafe { exclusive(out) });
        // SAFETY: the caller's contract.
        let scratch_len = crate::try_ffi!(unsafe { exclusive(scratch_len) });
        // SAFETY: the caller's contract.
        let raw = crate::try_ffi!(unsafe { bytes(url, url_len) });
        // SAFETY: the caller's contract.
        let scratch = crate::try_ffi!(unsafe { out_buffer(scratch, scratch_cap) });
        *out = drmtoken_check_result {
            service: 0,
            valid: false,
            error: drmtoken_error::none(),
            unknown_len: 0,
            unknown: [drmtoken_unknown_parameter {
                name: drmtoken_str::none(),
                suggestion: drmtoken_str::none(),
            }; 8],
            unknown_omitted: 0,
            warnings: drmtoken_warnings {
                len: 0,
                ignored_parameters: [drmtoken_str::none(); 4],
            },
        };
        let Ok(url) = core::str::from_utf8(raw) else {
            return DRMTOKEN_INVALID_UTF8;
        };
        *scratch_len = 0;
        let parsed = match parse_url(url, scratch) {
            Ok(p) => p,
            Err(e) => {
                if let ErrorKind::BufferTooSmall { required } = e.kind() {
                    *scratch_len = required;
                }
                out.error = drmtoken_error::from_core(&e);
                return match e.kind() {
                    ErrorKind::BufferTooSmall { .. } => DRMTOKEN_BUFFER_TOO_SMALL,
                    _ => DRMTOKEN_INVALID,
                };
            }
        };
        out.service = service_value(parsed.request.service());
        for (slot, u) in out.unknown.iter_mut().zip(parsed.unknown.iter()) {
            *slot = drmtoken_unknown_parameter {
                name: drmtoken_str::of(u.name),
                suggestion: u.suggestion.map_or(drmtoken_str::none(), drmtoken_str::of),
            };
            out.unknown_len += 1;
        }
        out.unknown_omitted = parsed.unknown_omitted;
        match parsed.request.validate(has_now.then_some(now_unix)) {
            Ok(warnings) => {
                out.valid = true;
                for (slot, w) in out.warnings.ignored_parameters.iter_mut().zip(warnings.iter()) {
                    let Warning::IgnoredUnlessRental { parameter } = *w else {
                        continue;
                    };
                    *slot = drmtoken_str::of(parameter);
                    out.warnings.len += 1;
                }
            }
            Err(e) => out.error = drmtoken_error::from_core(&e),
        }
        DRMTOKEN_OK
    })
}
