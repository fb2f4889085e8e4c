//! PlayReady token requests (`https://pr-gen.<domain>/hms/pr/token`), per the seed "PlayReady
//! license token request / response" (tables 9 and 10). The struct, its parameters and
//! `validate` come from `parameters.rs` (see `generated.rs`); this file adds what is PlayReady's
//! own.

use crate::error::{Error, ErrorKind};

pub use super::generated::PlayReadyTokenRequest;
use super::wire::impl_wire_api;
use super::{Environment, MAX_EXTENSIONS};

impl<'a> PlayReadyTokenRequest<'a> {
    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        PlayReadyTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }

    /// Sets all five OPLs to `level` (e.g. `"0"`), the common case.
    #[must_use]
    pub fn with_all_opls(mut self, level: &'a str) -> Self {
        self.analog_video_opl = Some(level);
        self.compressed_digital_audio_opl = Some(level);
        self.compressed_digital_video_opl = Some(level);
        self.uncompressed_digital_audio_opl = Some(level);
        self.uncompressed_digital_video_opl = Some(level);
        self
    }

    /// Adds one extension: an `extensionType` and its `extensionPayload`, at the same position
    /// of their lists (the pairing rule every surface uses).
    ///
    /// # Errors
    /// [`ErrorKind::CapacityExceeded`] naming `extensionType` once [`MAX_EXTENSIONS`] pairs
    /// are held (nothing is added).
    pub fn push_extension(&mut self, extension_type: &'a str, extension_payload: &'a str) -> Result<(), Error> {
        let full = Error::new(ErrorKind::CapacityExceeded {
            capacity: MAX_EXTENSIONS,
        });
        if self.extension_types.len() >= MAX_EXTENSIONS || self.extension_payloads.len() >= MAX_EXTENSIONS {
            return Err(full.with_parameter("extensionType"));
        }
        self.extension_types
            .push(extension_type)
            .and_then(|()| self.extension_payloads.push(extension_payload))
            .map_err(|_| full.with_parameter("extensionType"))
    }
}

impl_wire_api!(PlayReadyTokenRequest);
