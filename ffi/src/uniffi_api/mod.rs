//! The uniffi interface (proc-macros only) from which `scripts/gen-bindings.sh` generates the
//! Kotlin (`com.drmtoken`), Swift (`DrmToken`) and Python (`drmtoken`) bindings in library mode.
//!
//! One file per concern: [`error`] (the one `DrmTokenError`), [`keywrap`] (RFC 3394), and one
//! file per service and direction ([`expressplay`] requests, [`expressplay_response`],
//! [`opentv`], [`adobe_pass`]); [`secret`] holds the
//! `SecretString` every secret field uses (wiped on drop). Owned `String`/`Vec` are fine at this boundary: the no-alloc rule
//! is the core's.

pub mod adobe_pass;
pub mod error;
pub mod expressplay;
pub mod expressplay_response;
pub mod keywrap;
pub mod opentv;
pub mod secret;
