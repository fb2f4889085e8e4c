// core/README.md links to the workspace README; `cargo package` stores the file itself.
#![doc = include_str!("../README.md")]
//!
//! # Cargo features
//!
//! One feature per service, all on by default; firmware turns the defaults off and names what it
//! uses (`docs/embedded.md` gives the size of each). Items that need a feature say so on docs.rs.
//!
//! ```toml
//! [dependencies]
//! drmtoken-core = { version = "0.1", default-features = false, features = ["expressplay"] }
//! ```
//!
//! | feature | what | pulls in |
//! |---|---|---|
//! | `expressplay` | FairPlay, PlayReady and Widevine requests (module `expressplay`), validation with the services' codes, responses, redemption | `keywrap`, `base64` |
//! | `keywrap` | AES Key Wrap (RFC 3394) and hex helpers (module `keywrap`) | `aes` (with `zeroize`), `aes-kw`, `hex`, `zeroize` |
//! | `opentv` | Nagra OpenTV IAS content token request and response (module `opentv`) | `base64` |
//! | `adobe-pass` | Adobe Pass authorization request and JSON/XML response (module `adobe_pass`) | `base64`, `xmlparser` |
//!
//! With no feature the crate keeps what every service shares: [`encode`], [`host`], [`http`],
//! [`media_type`], [`time`] and the [`Error`] type. `expressplay` needs `keywrap`: validation
//! unwraps `ek` under `kek` as the service does. Every dependency is `no_std` without `alloc`.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]
// With some services left out, a few shared helpers have no caller.
#![cfg_attr(
    not(all(
        feature = "expressplay",
        feature = "opentv",
        feature = "adobe-pass",
        feature = "keywrap"
    )),
    allow(dead_code)
)]

// One Cargo feature per service, all on by default, so firmware can leave out what it does not
// use (docs/embedded.md lists the size of each).
#[cfg(feature = "adobe-pass")]
pub mod adobe_pass;
pub mod encode;
mod error;
#[cfg(feature = "expressplay")]
pub mod expressplay;
pub mod host;
pub mod http;
#[cfg(any(feature = "expressplay", feature = "opentv", feature = "adobe-pass"))]
pub mod json;
#[cfg(feature = "keywrap")]
pub mod keywrap;
pub mod media_type;
#[cfg(feature = "opentv")]
pub mod opentv;
mod scan;
pub mod time;
#[cfg(feature = "adobe-pass")]
mod xml;

pub use error::{write_error, Error, ErrorKind, ErrorKindId, ExpressPlayCode};

/// How deeply a response body may nest objects and arrays (JSON) or elements (XML); the
/// outermost container is level 1, and a deeper one is [`ErrorKind::NestingTooDeep`]. The
/// services' documents nest at most 6 levels (an IAS token's device information): 64 leaves
/// room for anything a server may add while every reader keeps a small, fixed stack.
pub const MAX_NESTING_DEPTH: usize = 64;
#[cfg(feature = "expressplay")]
pub use expressplay::{
    parse_url, Environment, FairPlayTokenRequest, PlayReadyTokenRequest, Service, TokenRequest, WidevineTokenRequest,
};
