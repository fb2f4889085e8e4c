//! The reverse of encoding: a request from a URL, a query string or a form body, without
//! allocation. Values needing decoding go to a caller scratch buffer; the rest borrow the input.

use crate::encode::{decoded_eq, decoded_len, form_decode, needs_decoding};
use crate::error::{Error, ErrorKind};

use super::suggest::suggest;
use super::wire::WireRequest;
use super::{
    on_parameter, Environment, FairPlayTokenRequest, PlayReadyTokenRequest, Service, TokenRequest,
    WidevineTokenRequest, PRODUCTION_DOMAIN, TEST_DOMAIN,
};

/// How many unknown parameters a [`Parsed`] lists; more are counted in `unknown_omitted`.
pub const MAX_UNKNOWN_PARAMETERS: usize = 8;

/// A parameter the service does not list: the service ignores it, so it is not an error, but it
/// is often a typo (`contentkey`), hence the suggestion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownParameter<'a> {
    /// The name as it appears on the wire.
    pub name: &'a str,
    /// The service's parameter it most likely meant.
    pub suggestion: Option<&'static str>,
}

/// A parsed request and the unknown parameters found beside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed<'a, R> {
    /// The request, its fields borrowing from the input or the scratch buffer.
    pub request: R,
    /// Unknown parameters, in order of appearance (up to [`MAX_UNKNOWN_PARAMETERS`]).
    pub unknown: heapless::Vec<UnknownParameter<'a>, MAX_UNKNOWN_PARAMETERS>,
    /// How many more unknown parameters there were beyond the list's capacity.
    pub unknown_omitted: usize,
}

impl<'a, R> Parsed<'a, R> {
    fn map<S>(self, f: impl FnOnce(R) -> S) -> Parsed<'a, S> {
        Parsed {
            request: f(self.request),
            unknown: self.unknown,
            unknown_omitted: self.unknown_omitted,
        }
    }
}

/// The known parameter `raw_name` decodes to, if any.
fn known_name(known: &[&'static str], raw_name: &str) -> Option<&'static str> {
    // Names are almost never encoded: decide that once, not once per known name.
    if needs_decoding(raw_name) {
        known.iter().copied().find(|k| decoded_eq(raw_name, k))
    } else {
        // Length and first byte before the whole comparison (which is a `memcmp` call).
        let first = raw_name.as_bytes().first();
        known
            .iter()
            .copied()
            .find(|k| k.len() == raw_name.len() && k.as_bytes().first() == first && *k == raw_name)
    }
}

/// `name=value` pairs of a query or form body; a name without `=` has the empty value.
/// Byte-level splitting: a `str::split` with a `char` pattern costs a searcher call per piece
/// (half the time of checking a URL, issue 20) and keeps panic paths (issue 18).
fn pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    crate::http::split_byte(query, b'&')
        .filter(|p| !p.is_empty())
        .map(|p| crate::http::split_once_byte(p, b'=').unwrap_or((p, "")))
}

/// The exact scratch size [`parse_url`] / `from_query` need for `query` (values of known
/// parameters that contain `%` or `+`); never more than `query.len()`.
#[must_use]
pub fn scratch_len(service: Service, query: &str) -> usize {
    pairs(query)
        .filter(|(n, v)| needs_decoding(v) && known_name(service.parameters(), n).is_some())
        .map(|(_, v)| decoded_len(v).unwrap_or(v.len()))
        .sum()
}

pub(crate) fn parse_pairs<'a, R: WireRequest<'a>>(
    environment: Environment<'a>,
    query: &'a str,
    scratch: &'a mut [u8],
) -> Result<Parsed<'a, R>, Error> {
    let query = query.strip_prefix('?').unwrap_or(query);
    // Decoding never lengthens a value, so a scratch as long as the query always suffices:
    // only a shorter one needs the exact count (one more pass over the query).
    let required = if scratch.len() >= query.len() {
        0
    } else {
        scratch_len(R::SERVICE, query)
    };
    if scratch.len() < required {
        return Err(Error::buffer_too_small(required));
    }
    let mut parsed = Parsed {
        request: R::empty(environment),
        unknown: heapless::Vec::new(),
        unknown_omitted: 0,
    };
    let mut rest: &'a mut [u8] = scratch;
    for (raw_name, raw_value) in pairs(query) {
        let Some(name) = known_name(R::SERVICE.parameters(), raw_name) else {
            let unknown = UnknownParameter {
                name: raw_name,
                suggestion: suggest(raw_name, R::SERVICE.parameters()),
            };
            if parsed.unknown.push(unknown).is_err() {
                parsed.unknown_omitted += 1;
            }
            continue;
        };
        let value = if needs_decoding(raw_value) {
            let n = decoded_len(raw_value).map_err(|e| on_parameter(e, name))?;
            let (head, tail) = core::mem::take(&mut rest)
                .split_at_mut_checked(n)
                .ok_or(Error::buffer_too_small(required))?;
            rest = tail;
            form_decode(raw_value, head).map_err(|e| on_parameter(e, name))?
        } else {
            raw_value
        };
        parsed.request.assign(name, value)?;
    }
    Ok(parsed)
}

/// Parses a query string or form body for a known `service` (e.g. a POST body, whose service
/// is known from the endpoint it was sent to).
///
/// # Errors
/// As `from_query` on the request types.
pub fn parse_query<'a>(
    service: Service,
    environment: Environment<'a>,
    query: &'a str,
    scratch: &'a mut [u8],
) -> Result<Parsed<'a, TokenRequest<'a>>, Error> {
    Ok(match service {
        Service::FairPlay => {
            parse_pairs::<FairPlayTokenRequest<'a>>(environment, query, scratch)?.map(TokenRequest::FairPlay)
        }
        Service::PlayReady => {
            parse_pairs::<PlayReadyTokenRequest<'a>>(environment, query, scratch)?.map(TokenRequest::PlayReady)
        }
        Service::Widevine => {
            parse_pairs::<WidevineTokenRequest<'a>>(environment, query, scratch)?.map(TokenRequest::Widevine)
        }
    })
}

/// Strips an ASCII prefix, ignoring case.
fn strip_prefix_ci<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| s.get(prefix.len()..))
        .flatten()
}

/// Finds the service from the path (`/hms/<p>/token`, trailing `/` tolerated).
fn service_of_path(path: &str) -> Option<Service> {
    let path = path.strip_suffix('/').unwrap_or(path);
    [Service::FairPlay, Service::PlayReady, Service::Widevine]
        .into_iter()
        .find(|s| {
            strip_prefix_ci(path, "/hms/")
                .and_then(|p| strip_prefix_ci(p, s.prefix()))
                .is_some_and(|p| p.eq_ignore_ascii_case("/token"))
        })
}

/// Maps a request host back to the [`Environment`] that writes it.
fn environment_of_host(service: Service, host: &str) -> Environment<'_> {
    let domain = strip_prefix_ci(host, service.prefix()).and_then(|h| strip_prefix_ci(h, "-gen."));
    match domain {
        Some(d) if d.eq_ignore_ascii_case(TEST_DOMAIN) => Environment::Test,
        Some(d) if d.eq_ignore_ascii_case(PRODUCTION_DOMAIN) => Environment::Production,
        Some(d) if !d.bytes().any(|b| b == b':') => Environment::Domain(d),
        _ => Environment::Host(host),
    }
}

/// Parses a full ExpressPlay token request URL (`https://pr-gen.test.expressplay.com/hms/pr/token?...`),
/// detecting the service from the path and the environment from the host.
///
/// `scratch` needs [`scratch_len`] bytes (at most the URL's length).
///
/// # Errors
/// [`ErrorKind::InvalidUrl`] (not `http(s)://host/path`, or with user info),
/// [`ErrorKind::UnknownService`] (not an `/hms/{fp,pr,wv}/token` path),
/// [`ErrorKind::InvalidHost`], and the errors of `from_query`.
pub fn parse_url<'a>(url: &'a str, scratch: &'a mut [u8]) -> Result<Parsed<'a, TokenRequest<'a>>, Error> {
    let invalid = || Error::new(ErrorKind::InvalidUrl);
    let url = url.trim();
    let url = crate::http::before_byte(url, b'#');
    let rest = strip_prefix_ci(url, "https://")
        .or_else(|| strip_prefix_ci(url, "http://"))
        .ok_or(invalid())?;
    let (before_query, query) = crate::http::split_once_byte(rest, b'?').unwrap_or((rest, ""));
    let (authority, path) = before_query
        .bytes()
        .position(|b| b == b'/')
        .and_then(|i| before_query.split_at_checked(i))
        .unwrap_or((before_query, ""));
    if authority.is_empty() || authority.bytes().any(|b| b == b'@') {
        return Err(invalid());
    }
    let service = service_of_path(path).ok_or(Error::new(ErrorKind::UnknownService))?;
    let environment = environment_of_host(service, authority);
    environment.check()?;
    parse_query(service, environment, query, scratch)
}
