//! Adobe Pass (REST API v1): `GET /api/v1/tokens/authz`.
//!
//! JSON or XML, chosen by the `format` query parameter, else by `Accept` (XML when it names
//! `xml`), else JSON. 400 when a mandatory parameter (`requestor`, `deviceId`, `resource`,
//! device information as `X-Device-Info` or `device_info`) is missing; then the seed's
//! statuses with the seed's bodies: 412 (the device is not authenticated for the requestor),
//! 404 (the resource is not authorized), 410 (the authorization expired), 200 the authorization.

use serde_json::json;

use crate::config::Config;
use crate::Reply;

/// The response format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `application/json`.
    Json,
    /// `application/xml`.
    Xml,
}

/// The request's inputs, as the handler found them.
pub struct Request<'a> {
    /// The raw query string.
    pub query: &'a str,
    /// The `Accept` header.
    pub accept: Option<&'a str>,
    /// The `X-Device-Info` header.
    pub device_info: Option<&'a str>,
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The seed's error body (`status`, `message`, and `details: null` in JSON).
#[must_use]
pub fn error_reply(format: Format, status: u16, json_message: &str, xml_message: &str) -> Reply {
    match format {
        Format::Json => Reply::new(
            status,
            "application/json",
            json!({ "status": status, "message": json_message, "details": null }).to_string(),
        ),
        Format::Xml => Reply::new(
            status,
            "application/xml",
            format!(
                "{XML_DECLARATION}<error>\n    <status>{status}</status>\n    <message>{}</message>\n</error>\n",
                xml_escape(xml_message)
            ),
        ),
    }
}

/// The format a request asks for: `format=json|xml`, else `Accept`, else JSON. `None` for a
/// `format` value that is neither.
#[must_use]
pub fn format_of(query: &str, accept: Option<&str>) -> Option<Format> {
    let format = form_urlencoded::parse(query.as_bytes()).find(|(n, _)| n == "format");
    match format {
        Some((_, v)) if v.eq_ignore_ascii_case("json") => Some(Format::Json),
        Some((_, v)) if v.eq_ignore_ascii_case("xml") => Some(Format::Xml),
        Some(_) => None,
        None if accept.is_some_and(|a| a.to_ascii_lowercase().contains("xml")) => Some(Format::Xml),
        None => Some(Format::Json),
    }
}

/// Answers one authorization request at `now_ms` (epoch milliseconds).
#[must_use]
pub fn answer(config: &Config, request: &Request<'_>, now_ms: u64) -> Reply {
    let Some(format) = format_of(request.query, request.accept) else {
        return error_reply(
            Format::Json,
            400,
            "Unsupported format (json or xml)",
            "Unsupported format",
        );
    };
    let (mut requestor, mut device_id, mut resource, mut device_info) = (None, None, None, None);
    for (name, value) in form_urlencoded::parse(request.query.as_bytes()) {
        let slot = match name.as_ref() {
            "requestor" => &mut requestor,
            "deviceId" => &mut device_id,
            "resource" => &mut resource,
            "device_info" => &mut device_info,
            _ => continue,
        };
        slot.get_or_insert(value.into_owned());
    }
    let device_info = request.device_info.map(str::to_owned).or(device_info);
    for (value, name) in [
        (&requestor, "requestor"),
        (&device_id, "deviceId"),
        (&resource, "resource"),
        (&device_info, "device_info/X-Device-Info"),
    ] {
        if value.as_deref().is_none_or(str::is_empty) {
            let message = format!("Missing required parameter: {name}");
            return error_reply(format, 400, &message, &message);
        }
    }
    let (requestor, device_id, resource) = (
        requestor.unwrap_or_default(),
        device_id.unwrap_or_default(),
        resource.unwrap_or_default(),
    );
    let Some(r) = config.adobe_pass.requestors.iter().find(|r| r.requestor == requestor) else {
        return error_reply(format, 412, "User not authenticated", "User not authenticated");
    };
    let authenticated = !r.unauthenticated_devices.contains(&device_id)
        && r.authenticated_devices.iter().any(|d| d == "*" || *d == device_id);
    if !authenticated {
        return error_reply(format, 412, "User not authenticated", "User not authenticated");
    }
    let Some(authz) = r.resources.iter().find(|a| a.resource == resource) else {
        return error_reply(format, 404, "Not Found", "Not found");
    };
    if authz.expired {
        return error_reply(format, 410, "Gone", "Gone");
    }
    let expires = now_ms.saturating_add(authz.ttl_seconds.saturating_mul(1000));
    match format {
        Format::Json => {
            let mut body = json!({
                "mvpd": r.mvpd,
                "resource": resource,
                "requestor": requestor,
                "expires": expires.to_string(),
            });
            if let (Some(p), Some(map)) = (&r.proxy_mvpd, body.as_object_mut()) {
                map.insert("proxyMvpd".into(), json!(p));
            }
            Reply::new(200, "application/json", body.to_string())
        }
        Format::Xml => {
            let proxy = r.proxy_mvpd.as_deref().map_or(String::new(), |p| {
                format!("    <proxyMvpd>{}</proxyMvpd>\n", xml_escape(p))
            });
            Reply::new(
                200,
                "application/xml",
                format!(
                    "{XML_DECLARATION}<authorization>\n    <expires>{expires}</expires>\n    <mvpd>{}</mvpd>\n    <requestor>{}</requestor>\n    <resource>{}</resource>\n{proxy}</authorization>\n",
                    xml_escape(&r.mvpd),
                    xml_escape(&requestor),
                    xml_escape(&resource)
                ),
            )
        }
    }
}
