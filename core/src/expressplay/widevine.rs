//! Widevine Modular token requests (`https://wv-gen.<domain>/hms/wv/token`), per the seed
//! "Widevine license token request / response". The struct, its parameters and `validate` come
//! from `parameters.rs` (see `generated.rs`); this file adds what is Widevine's own.

pub use super::generated::WidevineTokenRequest;
use super::wire::impl_wire_api;
use super::Environment;

impl<'a> WidevineTokenRequest<'a> {
    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        WidevineTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }
}

impl_wire_api!(WidevineTokenRequest);
