#![doc = include_str!("../../README.md")]
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]

pub mod adobe_pass;
pub mod encode;
mod error;
pub mod expressplay;
pub mod host;
pub mod http;
pub mod json;
pub mod keywrap;
pub mod media_type;
pub mod opentv;
pub mod time;
mod xml;

pub use error::{Error, ErrorKind, ExpressPlayCode};
pub use expressplay::{
    parse_url, Environment, FairPlayTokenRequest, PlayReadyTokenRequest, Service, TokenRequest, WidevineTokenRequest,
};
