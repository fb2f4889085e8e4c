//! Nagra OpenTV IAS: `POST /ias/v2/content_token?content_id=<id>&type=device`.
//!
//! The seed's statuses, checked in this order: 400 (no `content_id`, `type` not `device`, no
//! `nv-tenant-id`), 401 (no bearer token, or one no account holds), 403 (the account's tenant is
//! not `nv-tenant-id`, or the account is not entitled to the content), 404 (no such content).
//! 200 carries the seed's document for that content and account.

use serde_json::{json, Value};

use crate::config::{Config, OpenTvAccount};
use crate::{time, token, Reply};

/// Lifetime of a content right, in seconds (the seed's `duration`).
pub const RIGHT_SECONDS: i64 = 86_400;
/// The seed's `expires_in`.
pub const EXPIRES_IN: u64 = 3_887_999;

fn refuse(status: u16, error: &str, message: &str) -> Reply {
    Reply::new(
        status,
        "application/json",
        json!({ "status": status, "error": error, "message": message }).to_string(),
    )
}

/// The request's inputs, as the handler found them.
pub struct Request<'a> {
    /// The raw query string.
    pub query: &'a str,
    /// The `authorization` header.
    pub authorization: Option<&'a str>,
    /// The `nv-tenant-id` header.
    pub tenant_id: Option<&'a str>,
}

/// Answers one content token request.
#[must_use]
pub fn answer(config: &Config, request: &Request<'_>, now: i64) -> Reply {
    let mut content_id = None;
    let mut kind = None;
    for (name, value) in form_urlencoded::parse(request.query.as_bytes()) {
        match name.as_ref() {
            "content_id" if content_id.is_none() => content_id = Some(value.into_owned()),
            "type" if kind.is_none() => kind = Some(value.into_owned()),
            _ => {}
        }
    }
    let Some(content_id) = content_id.filter(|c| !c.is_empty()) else {
        return refuse(400, "Bad Request", "content_id is mandatory");
    };
    if kind.as_deref() != Some("device") {
        return refuse(400, "Bad Request", "type must be device");
    }
    let Some(tenant) = request.tenant_id.map(str::trim).filter(|t| !t.is_empty()) else {
        return refuse(400, "Bad Request", "the nv-tenant-id header is mandatory");
    };
    let bearer = request.authorization.and_then(|h| {
        let (scheme, token) = h.trim().split_once(' ')?;
        scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
    });
    let Some(bearer) = bearer.filter(|b| !b.is_empty()) else {
        return refuse(401, "Unauthorized", "a bearer token is required");
    };
    let Some(account) = config.opentv.accounts.iter().find(|a| a.bearer_token == bearer) else {
        return refuse(401, "Unauthorized", "the bearer token is not valid");
    };
    if account.tenant_id != tenant {
        return refuse(403, "Forbidden", "the token does not belong to this tenant");
    }
    if !config.opentv.contents.contains(&content_id) {
        return refuse(404, "Not Found", "the content does not exist");
    }
    if !account.entitled.contains(&content_id) {
        return refuse(403, "Forbidden", "the account is not entitled to this content");
    }
    Reply::new(200, "application/json", document(account, &content_id, now).to_string())
}

fn session_control() -> Value {
    json!({
        "groups": [{ "groupId": "Group_RTL", "maxSessions": 5 }],
        "groupId": "null",
        "sessionControlEnabled": true,
        "maxSessions": 5
    })
}

/// The seed's document, for `account` and `content_id`, issued at `now`.
fn document(account: &OpenTvAccount, content_id: &str, now: i64) -> Value {
    let jti = token::id(&["opentv", &account.tenant_id, &account.device_id, content_id]);
    let user_jti = token::id(&["opentv-user", &account.tenant_id, &account.device_id]);
    let exp = now + RIGHT_SECONDS;
    let user_exp = now + i64::try_from(EXPIRES_IN).unwrap_or(0);
    let location = json!({
        "country": "united kingdom", "country-code": "GB", "numeric-country-code": "826",
        "region-full-name": "essex", "metro-name": "ITV Anglia", "metro-code": "826043",
        "city-name": "colchester", "postal-code": "co1 1aa", "billing-country-code": "GB",
        "filter-string": "Li150"
    });
    json!({
        "content_token": {
            "typ": "ContentAuthZ",
            "ver": "1.0",
            "exp": exp,
            "jti": jti,
            "device": {
                "drm": "ssp",
                "deviceUniqueId": account.device_id,
                "watermarking": false,
                "ipAddress": "127.0.0.1",
                "model": "android",
                "accountId": account.account_id
            },
            "contentRights": [{
                "contentId": content_id,
                "start": time::rfc3339(now),
                "end": time::rfc3339(exp),
                "duration": RIGHT_SECONDS,
                "storable": false,
                "drt": "hdr",
                "usageRulesProfileId": "HD",
                "sessionControl": session_control()
            }]
        },
        "token_type": "Bearer",
        "expires_in": EXPIRES_IN,
        "access_token": {
            "typ": "DevAuthN", "ver": "1.0", "exp": user_exp, "fixed_exp": user_exp,
            "tenantId": account.tenant_id, "accountId": account.account_id, "userId": account.user_id,
            "deviceId": account.device_id, "playoutDeviceClass": "playoutDeviceClass01", "jti": user_jti,
            "geoBlockExempt": false, "sessionControl": session_control(),
            "parentalControl": { "ratingThreshold": { "FSK": "fsk12", "TVPG": "TV-MA" } },
            "accountProfileId": "accountProfile7",
            "deviceInformation": { "device": { "hardware": { "model": "Iphone" }, "OS": { "type": "IOS" } } },
            "onNetwork": false, "filteringInformation": location, "blockingInformation": location,
            "watermarking": false
        },
        "refresh_token": {
            "typ": "RefreshAuthN", "ver": "1.0", "exp": user_exp, "fixed_exp": user_exp,
            "tenantId": account.tenant_id, "accountId": account.account_id,
            "accountProfileId": "accountProfile7", "userId": account.user_id, "deviceId": account.device_id,
            "playoutDeviceClass": "playoutDeviceClass01", "jti": user_jti, "sessionControl": session_control()
        }
    })
}
