//! The uniffi interface (proc-macros only) from which `scripts/gen-bindings.sh` generates the
//! Kotlin (`com.drmtoken`), Swift (`DrmToken`) and Python (`drmtoken`) bindings in library mode.
//!
//! One file per concern: [`error`] (the one `DrmTokenError`), [`keywrap`] (RFC 3394), and one
//! file per service ([`expressplay`]; OpenTV and Adobe Pass get their own files when the core
//! offers them). Owned `String`/`Vec` are fine at this boundary: the no-alloc rule is the core's.

pub mod error;
pub mod expressplay;
pub mod keywrap;
