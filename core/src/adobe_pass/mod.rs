//! Adobe Pass authorization tokens (REST API v1, legacy; seed: "Retrieve Authorization Token").
//!
//! ```
//! use drmtoken_core::adobe_pass::{encode_device_info, parse_response, AuthorizationRequest, Format};
//!
//! let mut info = [0u8; 64];
//! let device_info = encode_device_info(br#"{"primaryHardwareType":"SetTopBox"}"#, &mut info)?;
//! let request = AuthorizationRequest {
//!     sp_fqdn: "api.auth.adobe.com",
//!     requestor: "sampleRequestorId",
//!     device_id: "device-7",
//!     resource: "sampleResourceId",
//!     device_info,
//!     format: Format::Json,
//!     ..Default::default()
//! };
//! assert!(request.validate()?.is_empty());
//! let mut url = [0u8; 256];
//! assert_eq!(
//!     request.write_url(&mut url)?,
//!     "https://api.auth.adobe.com/api/v1/tokens/authz?requestor=sampleRequestorId&deviceId=device-7\
//!      &resource=sampleResourceId&format=json"
//! );
//!
//! let body = br#"{"mvpd": "sampleMvpdId", "resource": "sampleResourceId", "requestor": "sampleRequestorId",
//!                 "expires": "1348148289000", "proxyMvpd": "sampleProxyMvpdId"}"#;
//! let authz = parse_response(200, "application/json", body, &mut []).map_err(|e| e.to_error())?;
//! assert_eq!(authz.expires, 1_348_148_289_000);
//! assert!(authz.is_valid_at(1_348_148_288_999));
//! # Ok::<(), drmtoken_core::Error>(())
//! ```

mod request;
mod response;

pub use crate::http::{Header, Headers};
pub use request::{
    device_info_len, encode_device_info, AuthorizationRequest, DeviceInfoPlacement, Format, Warning, Warnings,
    BEARER_PREFIX, MAX_PORTABLE_URL_LEN, PATH,
};
pub use response::{parse_response, AdobeError, Authorization, ResponseError};
