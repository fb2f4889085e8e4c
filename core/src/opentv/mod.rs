//! Nagra OpenTV IAS content tokens (seed: "Getting content auth token from IAS"): the request a
//! player sends for the token it needs before asking for a licence, and the response.
//!
//! ```
//! use drmtoken_core::opentv::{parse_response, ContentTokenRequest, Token};
//!
//! let request = ContentTokenRequest {
//!     host: "ias.example.com",
//!     port: 443,
//!     content_id: "content 7",
//!     bearer_token: "eyJhbGciOi...",
//!     tenant_id: "nagra",
//! };
//! let mut url = [0u8; 128];
//! assert_eq!(
//!     request.write_url(&mut url)?,
//!     "https://ias.example.com:443/ias/v2/content_token?content_id=content%207&type=device"
//! );
//! let headers = request.headers();
//! let (auth, tenant) = (&headers[0], &headers[1]);
//! assert_eq!((auth.name, auth.value_prefix, auth.secret), ("authorization", "Bearer ", true));
//! assert_eq!((tenant.name, tenant.value, tenant.secret), ("nv-tenant-id", "nagra", false));
//!
//! let body = br#"{"content_token": {"jti": "x", "contentRights": [{"contentId": "content7", "duration": 86400}]},
//!                 "token_type": "Bearer", "expires_in": 3887999}"#;
//! let response = parse_response(200, "application/json", body, &mut []).map_err(|e| e.to_error())?;
//! let Token::Claims { claims, .. } = &response.content_token else { unreachable!() };
//! assert_eq!(claims.content_rights[0].duration, Some(86400));
//! # Ok::<(), drmtoken_core::Error>(())
//! ```

mod expiry;
pub mod jwt;
mod request;
mod response;

pub use crate::http::{Header, Headers};
pub use expiry::{expires_at, refresh_at, DEFAULT_REFRESH_PERCENT};
pub use request::{ContentTokenRequest, BEARER_PREFIX, METHOD, PATH};
pub use response::{
    parse_response, parse_response_into, ContentRight, ContentToken, ContentTokenResponse, Device, IasError,
    LocationInfo, ResponseError, SessionControl, SessionGroup, Token, UserToken, MAX_LIST,
};
