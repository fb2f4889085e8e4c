//! ExpressPlay token requests from C: one plain struct (`drmtoken_expressplay_request`,
//! generated from the parameter table into `expressplay_request.rs`) for all three services,
//! validated and encoded by the core.

use drmtoken_core::expressplay::parameters::{Services, FAIRPLAY, PLAYREADY, WIDEVINE};
use drmtoken_core::expressplay::{parse_url, Environment, Service, TokenRequest};
use drmtoken_core::{Error, ErrorKind};

use super::drmtoken_status;
use super::error::{drmtoken_error, produced, Failure};
use super::expressplay_request::drmtoken_expressplay_request;
use super::http::{drmtoken_header, write_headers};
use super::slices::{array, bad_enum, bytes, drmtoken_str, exclusive, out_buffer, reference, text};
use super::warnings::drmtoken_warnings;

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

/// The service of a C value, or `INVALID_VALUE` naming `name`.
pub(crate) fn service_of(value: u32, name: &'static str) -> Result<Service, Failure> {
    match value {
        DRMTOKEN_SERVICE_FAIRPLAY => Ok(Service::FairPlay),
        DRMTOKEN_SERVICE_PLAYREADY => Ok(Service::PlayReady),
        DRMTOKEN_SERVICE_WIDEVINE => Ok(Service::Widevine),
        _ => Err(bad_enum(name)),
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

/// The table's bit of a service.
const fn service_bit(service: Service) -> Services {
    match service {
        Service::FairPlay => FAIRPLAY,
        Service::PlayReady => PLAYREADY,
        Service::Widevine => WIDEVINE,
    }
}

/// What the generated `read_parameters` hands each present value to: it refuses a parameter the
/// service does not take, by name, and sets the rest through the core's `set(wire, value)` (so
/// repeatable values append in order and PlayReady extensions pair by position: the core's one
/// rule).
pub(crate) struct Builder<'a> {
    request: TokenRequest<'a>,
}

impl<'a> Builder<'a> {
    fn new(service: Service, environment: Environment<'a>) -> Self {
        Builder {
            request: TokenRequest::empty(service, environment),
        }
    }

    /// Refuses `wire` unless the request's service is one of `services`.
    fn taken(&self, wire: &'static str, services: Services) -> Result<(), Failure> {
        if services & service_bit(self.request.service()) == 0 {
            return Err(Error::new(ErrorKind::UnknownParameter).with_parameter(wire).into());
        }
        Ok(())
    }

    fn set(&mut self, wire: &'static str, value: &'a str) -> Result<(), Failure> {
        self.request.set(wire, value).map_err(|e| {
            let named = if e.parameter().is_none() {
                e.with_parameter(wire)
            } else {
                e
            };
            named.into()
        })
    }

    /// One single-valued parameter: absent when `{NULL, 0}`.
    ///
    /// # Safety
    /// A non-NULL `value.ptr` must point to `value.len` readable bytes for `'a`.
    pub(crate) unsafe fn single(
        &mut self,
        value: drmtoken_str,
        wire: &'static str,
        services: Services,
    ) -> Result<(), Failure> {
        if value.ptr.is_null() && value.len == 0 {
            return Ok(());
        }
        self.taken(wire, services)?;
        // SAFETY: the caller's promise on `value`, forwarded unchanged.
        let v = unsafe { text(value.ptr, value.len, wire) }?;
        self.set(wire, v)
    }

    /// One repeatable parameter: `len` values at `values` (`(NULL, 0)` is none), each present
    /// (`{NULL, 0}` is an empty value).
    ///
    /// # Safety
    /// A non-NULL `values` must point to `len` `drmtoken_str`s, each valid for its length, for `'a`.
    pub(crate) unsafe fn repeated(
        &mut self,
        values: *const drmtoken_str,
        len: usize,
        wire: &'static str,
        services: Services,
    ) -> Result<(), Failure> {
        // SAFETY: the caller's promise on `values`/`len`, forwarded unchanged.
        let values = unsafe { array(values, len, wire) }?;
        if values.is_empty() {
            return Ok(());
        }
        self.taken(wire, services)?;
        for value in values {
            // SAFETY: the caller's promise on each element.
            let v = unsafe { text(value.ptr, value.len, wire) }?;
            self.set(wire, v)?;
        }
        Ok(())
    }
}

/// Reads the C request into the core's typed request.
///
/// # Safety
/// Every non-NULL pointer in `r` must be valid as documented on its field, for `'a`.
unsafe fn build<'a>(r: &drmtoken_expressplay_request) -> Result<TokenRequest<'a>, Failure> {
    let service = service_of(r.service, "service")?;
    let environment = match r.environment {
        DRMTOKEN_ENV_TEST => Environment::Test,
        DRMTOKEN_ENV_PRODUCTION => Environment::Production,
        // SAFETY: `domain` points to `len` bytes when non-NULL, per the contract.
        DRMTOKEN_ENV_DOMAIN => Environment::Domain(unsafe { text(r.domain.ptr, r.domain.len, "domain") }?),
        // SAFETY: as above.
        DRMTOKEN_ENV_HOST => Environment::Host(unsafe { text(r.domain.ptr, r.domain.len, "host") }?),
        _ => return Err(bad_enum("environment")),
    };
    let mut b = Builder::new(service, environment);
    // SAFETY: the caller's promise on every field of `r`, forwarded unchanged.
    unsafe { r.read_parameters(&mut b) }?;
    Ok(b.request)
}

/// The optional "now" (Unix seconds): NULL is absent.
///
/// # Safety
/// A non-NULL `now_unix` must point to a readable `int64_t`.
pub(crate) unsafe fn now_of(now_unix: *const i64) -> Option<i64> {
    // SAFETY: the caller promises a readable value at a non-NULL pointer.
    unsafe { now_unix.as_ref() }.copied()
}

/// Validates `request` with the service's rules. `now_unix` (Unix seconds) is optional: NULL
/// means absent, and then absolute times are checked for form only.
///
/// On success `*out_warnings` (if not NULL) receives the warnings (kind
/// `DRMTOKEN_WARNING_IGNORED_UNLESS_RENTAL`, naming the parameter).
///
/// # Errors
/// `DRMTOKEN_INVALID` with the service's code, message and parameter in `*error`;
/// `DRMTOKEN_NULL_ARGUMENT`, `DRMTOKEN_INVALID_UTF8`, `DRMTOKEN_INVALID_ARGUMENT` naming the
/// argument or field.
///
/// # Safety
/// `request` must point to a valid `drmtoken_expressplay_request` whose pointers are valid for
/// their lengths; `now_unix`, `out_warnings` and `error` may be NULL or point to valid values.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_request_validate(
    request: *const drmtoken_expressplay_request,
    now_unix: *const i64,
    out_warnings: *mut drmtoken_warnings,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let req = unsafe { build(r) }?;
        // SAFETY: `now_unix` is NULL or readable, per the contract.
        let warnings = req.validate(unsafe { now_of(now_unix) })?;
        // SAFETY: `out_warnings` is NULL or writable and unaliased, per the contract.
        if let Some(out) = unsafe { out_warnings.as_mut() } {
            *out = drmtoken_warnings::of_expressplay(&warnings);
        }
        Ok(())
    })
}

/// Which wire form to write.
#[derive(Clone, Copy)]
enum Form {
    Url,
    Body,
    Endpoint,
}

/// Writes one wire form of the request.
///
/// # Safety
/// As the exports that call it.
unsafe fn write(
    request: *const drmtoken_expressplay_request,
    form: Form,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
) -> Result<(), Failure> {
    // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
    let out_len = unsafe { exclusive(out_len, "out_len") }?;
    *out_len = 0;
    // SAFETY: `request` is NULL (refused) or valid, per the contract.
    let r = unsafe { reference(request, "request") }?;
    // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
    let req = unsafe { build(r) }?;
    // SAFETY: `out` is NULL with 0 or points to `out_cap` writable bytes, per the contract.
    let buf = unsafe { out_buffer(out, out_cap, "out") }?;
    let result = match form {
        Form::Url => req.write_url(buf),
        Form::Body => req.write_form_body(buf),
        Form::Endpoint => req.write_endpoint(buf),
    };
    produced(result.map(str::len), out_len)
}

/// Writes the request's GET URL (`https://<p>-gen.<domain>/hms/<p>/token?...`) into `out`.
/// Like every producing call of every service, it applies none of the service's rules (call
/// `drmtoken_expressplay_request_validate` first); it refuses only what would make the URL
/// malformed (a custom domain or host that is not one).
///
/// `*out_len` receives the length; on `DRMTOKEN_BUFFER_TOO_SMALL` it is the size needed and
/// nothing is written; `(NULL, 0)` asks for the size. The output is not NUL-terminated.
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_INVALID` (`DRMTOKEN_ERROR_INVALID_HOST`, or a parameter
/// the service does not take, by name); `DRMTOKEN_NULL_ARGUMENT`, `DRMTOKEN_INVALID_UTF8`,
/// `DRMTOKEN_INVALID_ARGUMENT` naming the argument or field.
///
/// # Safety
/// `request` and `out_len` must be valid; `out` must be NULL with `out_cap` 0 or point to
/// `out_cap` writable bytes; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_request_write_url(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: this function's contract, forwarded unchanged.
        unsafe { write(request, Form::Url, out, out_cap, out_len) }
    })
}

/// Writes the `application/x-www-form-urlencoded` POST body into `out` (no rules applied;
/// conventions as `drmtoken_expressplay_request_write_url`).
///
/// # Errors
/// As `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// As `drmtoken_expressplay_request_write_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_request_write_form_body(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: this function's contract, forwarded unchanged.
        unsafe { write(request, Form::Body, out, out_cap, out_len) }
    })
}

/// Writes the endpoint URL a POST goes to (conventions as
/// `drmtoken_expressplay_request_write_url`).
///
/// # Errors
/// As `drmtoken_expressplay_request_write_url`.
///
/// # Safety
/// As `drmtoken_expressplay_request_write_url`.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_request_write_endpoint(
    request: *const drmtoken_expressplay_request,
    out: *mut u8,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: this function's contract, forwarded unchanged.
        unsafe { write(request, Form::Endpoint, out, out_cap, out_len) }
    })
}

/// Gives the headers of the request's POST (`Content-Type: application/x-www-form-urlencoded`;
/// a GET needs none) in `out_headers[0..*out_len]`; 3 entries always suffice. On
/// `DRMTOKEN_BUFFER_TOO_SMALL`, `*out_len` is the number needed and nothing is written. No
/// rules applied, as every producing call (call `drmtoken_expressplay_request_validate` first).
///
/// # Errors
/// `DRMTOKEN_BUFFER_TOO_SMALL`; `DRMTOKEN_INVALID` for a parameter the service does not take;
/// `DRMTOKEN_NULL_ARGUMENT`, `DRMTOKEN_INVALID_UTF8`, `DRMTOKEN_INVALID_ARGUMENT` naming the
/// argument or field.
///
/// # Safety
/// `request` and `out_len` must be valid; `out_headers` must be NULL with `out_cap` 0 or point
/// to `out_cap` writable headers; `error` may be NULL.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_request_headers(
    request: *const drmtoken_expressplay_request,
    out_headers: *mut drmtoken_header,
    out_cap: usize,
    out_len: *mut usize,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out_len` is NULL (refused) or valid and unaliased, per the contract.
        let out_len = unsafe { exclusive(out_len, "out_len") }?;
        *out_len = 0;
        // SAFETY: `request` is NULL (refused) or valid, per the contract.
        let r = unsafe { reference(request, "request") }?;
        // SAFETY: the fields of `*request` are valid for their lengths, per the contract.
        let req = unsafe { build(r) }?;
        // SAFETY: `out_headers` is NULL or `out_cap` writable headers, per the contract.
        unsafe { write_headers(&req.headers(), out_headers, out_cap, out_len) }
    })
}

/// One parameter the service does not define, found by `drmtoken_expressplay_url_check`.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_unknown_parameter {
    /// The name as it appears in the URL (points into the URL).
    pub name: drmtoken_str,
    /// The parameter it most likely meant (static), or `{NULL, 0}`.
    pub suggestion: drmtoken_str,
}

/// What `drmtoken_expressplay_url_check` found.
#[allow(non_camel_case_types)]
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct drmtoken_expressplay_url_check_result {
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
/// values decoded into `scratch`) then validate, with the optional `now_unix` (NULL: absent).
///
/// Returns `DRMTOKEN_OK` when the URL parses (then `out->valid` says whether the request is
/// valid, with the service's code in `out->error` when not; `*error` is cleared: the check
/// itself succeeded).
///
/// # Errors
/// `DRMTOKEN_INVALID` when it is not an ExpressPlay request URL at all (`*error` and
/// `out->error` say why); `DRMTOKEN_BUFFER_TOO_SMALL` when `scratch_cap` is below
/// `*scratch_len` (a scratch of `url_len` bytes is always enough); `DRMTOKEN_NULL_ARGUMENT`,
/// `DRMTOKEN_INVALID_UTF8` (`url`).
///
/// # Safety
/// `url` must point to `url_len` readable bytes; `now_unix` may be NULL or point to a value;
/// `scratch` must be NULL with `scratch_cap` 0 or point to `scratch_cap` writable bytes;
/// `scratch_len` and `out` must be valid; `error` may be NULL. The strings in `*out` point into
/// `url`, `scratch` and the library's static data.
#[no_mangle]
pub unsafe extern "C" fn drmtoken_expressplay_url_check(
    url: *const u8,
    url_len: usize,
    now_unix: *const i64,
    scratch: *mut u8,
    scratch_cap: usize,
    scratch_len: *mut usize,
    out: *mut drmtoken_expressplay_url_check_result,
    error: *mut drmtoken_error,
) -> drmtoken_status {
    crate::ffi_boundary!(error, {
        // SAFETY: `out` is NULL (refused) or valid and unaliased, per the contract.
        let out = unsafe { exclusive(out, "out") }?;
        *out = drmtoken_expressplay_url_check_result {
            service: 0,
            valid: false,
            error: drmtoken_error::none(),
            unknown_len: 0,
            unknown: [drmtoken_unknown_parameter {
                name: drmtoken_str::none(),
                suggestion: drmtoken_str::none(),
            }; 8],
            unknown_omitted: 0,
            warnings: drmtoken_warnings::none(),
        };
        // SAFETY: `scratch_len` is NULL (refused) or valid and unaliased, per the contract.
        let scratch_len = unsafe { exclusive(scratch_len, "scratch_len") }?;
        *scratch_len = 0;
        // SAFETY: `url` points to `url_len` readable bytes, per the contract.
        let raw = unsafe { bytes(url, url_len, "url") }?;
        // SAFETY: `scratch` is NULL with 0 or `scratch_cap` writable bytes, per the contract.
        let scratch = unsafe { out_buffer(scratch, scratch_cap, "scratch") }?;
        let url = core::str::from_utf8(raw).map_err(|_| super::slices::not_utf8("url"))?;
        let parsed = match parse_url(url, scratch) {
            Ok(p) => p,
            Err(e) => {
                if let ErrorKind::BufferTooSmall { required } = e.kind() {
                    *scratch_len = required;
                }
                out.error = drmtoken_error::from_core(&e);
                return Err(e.into());
            }
        };
        out.service = service_value(parsed.request.service());
        for (slot, u) in out.unknown.iter_mut().zip(parsed.unknown.iter()) {
            *slot = drmtoken_unknown_parameter {
                name: drmtoken_str::of(u.name),
                suggestion: drmtoken_str::of_opt(u.suggestion),
            };
            out.unknown_len += 1;
        }
        out.unknown_omitted = parsed.unknown_omitted;
        // SAFETY: `now_unix` is NULL or readable, per the contract.
        match parsed.request.validate(unsafe { now_of(now_unix) }) {
            Ok(warnings) => {
                out.valid = true;
                out.warnings = drmtoken_warnings::of_expressplay(&warnings);
            }
            Err(e) => out.error = drmtoken_error::from_core(&e),
        }
        Ok(())
    })
}
