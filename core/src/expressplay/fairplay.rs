//! FairPlay Streaming token requests (`https://fp-gen.<domain>/hms/fp/token`), per the seed
//! "FairPlay license token request / response". The struct, its parameters and `validate` come
//! from `parameters.rs` (see `generated.rs`); this file adds what is FairPlay's own.

pub use super::generated::FairPlayTokenRequest;
use super::wire::impl_wire_api;
use super::Environment;

impl<'a> FairPlayTokenRequest<'a> {
    /// A request for `environment` with its `customerAuthenticator` and nothing else yet.
    #[must_use]
    pub fn new(environment: Environment<'a>, customer_authenticator: &'a str) -> Self {
        FairPlayTokenRequest {
            environment,
            customer_authenticator: Some(customer_authenticator),
            ..Self::default()
        }
    }
}

impl_wire_api!(FairPlayTokenRequest);
