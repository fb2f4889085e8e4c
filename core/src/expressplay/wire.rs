//! The wire form shared by the three requests: the endpoint, the GET URL and the POST body.

use crate::encode::{percent_encode, Sink, SliceSink};
use crate::error::Error;

use super::{Environment, Service, PRODUCTION_DOMAIN, TEST_DOMAIN};

/// What the encoder and the parser need from a request type.
pub(crate) trait WireRequest<'a>: Sized {
    /// The service the type is for.
    const SERVICE: Service;
    /// The environment the request targets.
    fn environment(&self) -> Environment<'a>;
    /// Calls `f` with every present parameter, in the seed's table order, extensions expanded.
    fn visit(&self, f: &mut dyn FnMut(&'static str, &'a str));
    /// Stores one parsed parameter (`name` is one of the type's `PARAMETERS`).
    fn assign(&mut self, name: &'static str, value: &'a str) -> Result<(), Error>;
    /// An empty request for `environment`.
    fn empty(environment: Environment<'a>) -> Self;
}

/// `https://<p>-gen.<domain>/hms/<p>/token`.
pub(crate) fn write_endpoint<S: Sink + ?Sized>(service: Service, environment: Environment<'_>, sink: &mut S) {
    let p = service.prefix();
    sink.put("https://");
    match environment {
        Environment::Test => put_gen_host(p, TEST_DOMAIN, sink),
        Environment::Production => put_gen_host(p, PRODUCTION_DOMAIN, sink),
        Environment::Domain(d) => put_gen_host(p, d, sink),
        Environment::Host(h) => sink.put(h),
    }
    sink.put("/hms/");
    sink.put(p);
    sink.put("/token");
}

fn put_gen_host<S: Sink + ?Sized>(prefix: &str, domain: &str, sink: &mut S) {
    sink.put(prefix);
    sink.put("-gen.");
    sink.put(domain);
}

/// `name=value&...`, every value percent-encoded (see [`crate::encode`]).
pub(crate) fn write_pairs<'a, R: WireRequest<'a>, S: Sink + ?Sized>(request: &R, sink: &mut S) {
    let mut first = true;
    request.visit(&mut |name, value| {
        if !first {
            sink.put("&");
        }
        first = false;
        sink.put(name);
        sink.put("=");
        percent_encode(value, sink);
    });
}

/// The exact length of [`write_pairs`]' output, computed directly (one call per parameter)
/// rather than by running the writer into a counter: the `*_len` half of every producing call.
pub(crate) fn pairs_len<'a, R: WireRequest<'a>>(request: &R) -> usize {
    let mut len = 0usize;
    let mut count = 0usize;
    request.visit(&mut |name, value| {
        // `name=value`, plus the `&` before every pair but the first.
        len = len
            .saturating_add(name.len() + 1)
            .saturating_add(crate::encode::percent_encoded_len(value));
        count += 1;
    });
    len.saturating_add(count.saturating_sub(1))
}

/// The length of [`write_pairs`]' output at worst (every value byte escaped), without looking
/// at the values' bytes: when the caller's buffer holds this much, the writer needs no
/// counting pass.
pub(crate) fn pairs_len_bound<'a, R: WireRequest<'a>>(request: &R) -> usize {
    let mut len = 0usize;
    request.visit(&mut |name, value| {
        // `&name=` and each value byte as `%XX`.
        len = len
            .saturating_add(name.len() + 2)
            .saturating_add(value.len().saturating_mul(3));
    });
    len
}

/// The length of [`write_url`]'s output at worst: see [`pairs_len_bound`].
pub(crate) fn url_len_bound<'a, R: WireRequest<'a>>(request: &R) -> usize {
    let mut endpoint = crate::encode::Counter(0);
    write_endpoint(R::SERVICE, request.environment(), &mut endpoint);
    endpoint.0.saturating_add(pairs_len_bound(request))
}

/// The exact length of [`write_url`]'s output.
pub(crate) fn url_len<'a, R: WireRequest<'a>>(request: &R) -> usize {
    let mut endpoint = crate::encode::Counter(0);
    write_endpoint(R::SERVICE, request.environment(), &mut endpoint);
    match pairs_len(request) {
        0 => endpoint.0,
        pairs => endpoint.0.saturating_add(1).saturating_add(pairs),
    }
}

/// The endpoint, then `?` and the pairs when there are any.
pub(crate) fn write_url<'a, R: WireRequest<'a>, S: Sink + ?Sized>(request: &R, sink: &mut S) {
    write_endpoint(R::SERVICE, request.environment(), sink);
    let mut any = false;
    request.visit(&mut |_, _| any = true);
    if any {
        sink.put("?");
        write_pairs(request, sink);
    }
}

/// [`write_url`] into a caller buffer: the puts dispatched statically where vector registers
/// make the copies cheap enough for the call to matter, through `dyn Sink` on a Cortex-M, where
/// one shared copy of the writer is smaller code (issue 20: no size regression on thumbv7em).
pub(crate) fn write_url_into<'a, R: WireRequest<'a>>(request: &R, sink: &mut SliceSink<'_>) {
    if crate::scan::VECTOR {
        write_url(request, sink);
    } else {
        write_url(request, sink as &mut dyn Sink);
    }
}

/// [`write_pairs`] into a caller buffer, dispatched as [`write_url_into`].
pub(crate) fn write_pairs_into<'a, R: WireRequest<'a>>(request: &R, sink: &mut SliceSink<'_>) {
    if crate::scan::VECTOR {
        write_pairs(request, sink);
    } else {
        write_pairs(request, sink as &mut dyn Sink);
    }
}

/// Stores a single-valued parameter, refusing a second occurrence.
pub(crate) fn set_once<'a>(slot: &mut Option<&'a str>, name: &'static str, value: &'a str) -> Result<(), Error> {
    if slot.is_some() {
        return Err(Error::new(crate::error::ErrorKind::DuplicateParameter).with_parameter(name));
    }
    *slot = Some(value);
    Ok(())
}

/// Appends a repeatable parameter, refusing the one past the capacity.
pub(crate) fn push_extension<T, const N: usize>(
    list: &mut heapless::Vec<T, N>,
    name: &'static str,
    value: T,
) -> Result<(), Error> {
    list.push(value)
        .map_err(|_| Error::new(crate::error::ErrorKind::CapacityExceeded { capacity: N }).with_parameter(name))
}

/// The public producing methods every request type shares.
macro_rules! impl_wire_api {
    ($ty:ident) => {
        impl<'a> $ty<'a> {
            /// The exact length of [`write_url`](Self::write_url)'s output.
            #[must_use]
            pub fn url_len(&self) -> usize {
                $crate::expressplay::wire::url_len(self)
            }

            /// Writes the GET URL (endpoint and percent-encoded query) into the front of `out`.
            ///
            /// Like every service's `write_url`, it checks only what the URL needs to be
            /// well-formed (a custom host) and applies none of the service's rules: call
            /// `validate` first. (Encoding alone stays free of panic paths and of the key unwrap;
            /// firmware validates once and encodes as often as it needs.)
            ///
            /// # Errors
            /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) with the exact
            /// size needed, `out` untouched; [`ErrorKind::InvalidHost`](crate::ErrorKind::InvalidHost).
            pub fn write_url<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, $crate::Error> {
                self.environment.check()?;
                let n = $crate::encode::write_bounded(
                    out,
                    || $crate::expressplay::wire::url_len_bound(self),
                    || $crate::expressplay::wire::url_len(self),
                    |s| $crate::expressplay::wire::write_url_into(self, s),
                )?;
                $crate::encode::written_str(out, n)
            }

            /// Writes the GET URL to any `core::fmt::Write` (a `heapless::String`, a logger...).
            ///
            /// # Errors
            /// `fmt::Error` from the writer, or for an invalid custom host.
            pub fn write_url_to<W: core::fmt::Write + ?Sized>(&self, w: &mut W) -> core::fmt::Result {
                self.environment.check().map_err(|_| core::fmt::Error)?;
                let mut sink = $crate::encode::FmtSink { w, result: Ok(()) };
                $crate::expressplay::wire::write_url(self, &mut sink);
                sink.result
            }

            /// The exact length of [`write_endpoint`](Self::write_endpoint)'s output.
            #[must_use]
            pub fn endpoint_len(&self) -> usize {
                let mut c = $crate::encode::Counter(0);
                $crate::expressplay::wire::write_endpoint(
                    <Self as $crate::expressplay::wire::WireRequest>::SERVICE,
                    self.environment,
                    &mut c,
                );
                c.0
            }

            /// Writes the endpoint to POST the form body to (the URL without a query).
            ///
            /// # Errors
            /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) (`out` untouched),
            /// [`ErrorKind::InvalidHost`](crate::ErrorKind::InvalidHost).
            pub fn write_endpoint<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, $crate::Error> {
                self.environment.check()?;
                let n = $crate::encode::write_exact(out, |s| {
                    $crate::expressplay::wire::write_endpoint(
                        <Self as $crate::expressplay::wire::WireRequest>::SERVICE,
                        self.environment,
                        s,
                    )
                })?;
                $crate::encode::written_str(out, n)
            }

            /// The exact length of [`write_form_body`](Self::write_form_body)'s output.
            #[must_use]
            pub fn form_body_len(&self) -> usize {
                $crate::expressplay::wire::pairs_len(self)
            }

            /// Writes the `application/x-www-form-urlencoded` POST body into the front of `out`
            /// (no rule applied, as `write_url`: call `validate` first).
            ///
            /// # Errors
            /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) with the exact
            /// size needed, `out` untouched.
            pub fn write_form_body<'o>(&self, out: &'o mut [u8]) -> Result<&'o str, $crate::Error> {
                let n = $crate::encode::write_bounded(
                    out,
                    || $crate::expressplay::wire::pairs_len_bound(self),
                    || $crate::expressplay::wire::pairs_len(self),
                    |s| $crate::expressplay::wire::write_pairs_into(self, s),
                )?;
                $crate::encode::written_str(out, n)
            }

            /// Writes the POST body to any `core::fmt::Write`.
            ///
            /// # Errors
            /// `fmt::Error` from the writer.
            pub fn write_form_body_to<W: core::fmt::Write + ?Sized>(&self, w: &mut W) -> core::fmt::Result {
                let mut sink = $crate::encode::FmtSink { w, result: Ok(()) };
                $crate::expressplay::wire::write_pairs(self, &mut sink);
                sink.result
            }

            /// The headers of the POST form: `Content-Type: application/x-www-form-urlencoded`.
            /// A GET needs no header. (Every service's requests have `headers()`, in one shape.)
            #[must_use]
            pub fn headers(&self) -> $crate::http::Headers<'static> {
                $crate::expressplay::form_headers()
            }

            /// Sets the parameter whose wire name is `name` (e.g. `"contentKey"`), as the parser
            /// does: single-valued parameters once, extensions appended.
            ///
            /// # Errors
            /// [`ErrorKind::UnknownParameter`](crate::ErrorKind::UnknownParameter) for a name the
            /// seed does not list, [`ErrorKind::DuplicateParameter`](crate::ErrorKind::DuplicateParameter),
            /// [`ErrorKind::CapacityExceeded`](crate::ErrorKind::CapacityExceeded) for extensions.
            pub fn set(&mut self, name: &str, value: &'a str) -> Result<(), $crate::Error> {
                let known = Self::PARAMETERS
                    .iter()
                    .copied()
                    .find(|k| *k == name)
                    .ok_or($crate::Error::new($crate::ErrorKind::UnknownParameter))?;
                // (An unknown name is not static: the error cannot name it; the caller has it.)
                $crate::expressplay::wire::WireRequest::assign(self, known, value)
            }

            /// Calls `f` with every parameter present, by wire name, in encoding order (the
            /// seed's table order, extensions expanded).
            pub fn for_each_parameter(&self, mut f: impl FnMut(&'static str, &'a str)) {
                $crate::expressplay::wire::WireRequest::visit(self, &mut f)
            }

            /// Parses a query string or form body (without the leading `?`), raw or
            /// percent-encoded, into a request for `environment`.
            ///
            /// Values that need decoding are decoded into `scratch`, which needs
            /// [`scratch_len`](crate::expressplay::scratch_len) bytes (at most the query's length);
            /// the rest borrow from `query`. Unknown parameters are returned beside the request.
            ///
            /// # Errors
            /// [`ErrorKind::DuplicateParameter`](crate::ErrorKind::DuplicateParameter),
            /// [`ErrorKind::CapacityExceeded`](crate::ErrorKind::CapacityExceeded),
            /// [`ErrorKind::InvalidPercentEncoding`](crate::ErrorKind::InvalidPercentEncoding),
            /// [`ErrorKind::InvalidUtf8`](crate::ErrorKind::InvalidUtf8), each naming the parameter;
            /// [`ErrorKind::BufferTooSmall`](crate::ErrorKind::BufferTooSmall) for a short scratch.
            pub fn from_query(
                environment: $crate::expressplay::Environment<'a>,
                query: &'a str,
                scratch: &'a mut [u8],
            ) -> Result<$crate::expressplay::Parsed<'a, Self>, $crate::Error> {
                $crate::expressplay::parse::parse_pairs(environment, query, scratch)
            }
        }
    };
}
pub(crate) use impl_wire_api;
