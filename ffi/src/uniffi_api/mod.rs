//! The uniffi interface (proc-macros only) from which `scripts/gen-bindings.sh` generates the
//! Kotlin (`com.drmtoken`), Swift (`DrmToken`) and Python (`drmtoken`) bindings in library mode.
//!
//! One naming scheme, the C ABI's without its `drmtoken_` prefix: an operation on a request is
//! a method of the request record named by the core's verb (`validate`, `write_url`,
//! `write_form_body`, `write_endpoint`, `headers`, `method`); every other operation is a free
//! function `<service>_<object>_<verb>` (`expressplay_url_parse`, `keywrap_key_unwrap_hex`).
//!
//! One file per concern: [`error`] (the one `DrmTokenError` and its flat `ErrorKind`), [`http`]
//! (headers and warnings, one shape for every service), [`keywrap`] (RFC 3394), and one file per
//! service and direction ([`expressplay`] requests, whose records [`expressplay_records`] are
//! generated from the core's table of parameters, [`expressplay_response`], [`opentv`],
//! [`adobe_pass`]); [`secret`] holds the `SecretString` every secret field uses (wiped on drop).
//! Owned `String`/`Vec` are fine at this boundary: the no-alloc rule is the core's.

pub mod adobe_pass;
pub mod error;
pub mod expressplay;
pub mod expressplay_records;
pub mod expressplay_response;
pub mod http;
pub mod keywrap;
pub mod opentv;
pub mod secret;
