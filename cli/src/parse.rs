//! `drmtoken parse <service>`: reads a response body (a file or stdin) with its HTTP status and
//! content type, and prints what the service said: the token and how to redeem it, or the
//! refusal with the service's code and message.
//!
//! Keys are camelCase throughout, for every service (`--json` and the text lines alike): the
//! style of the services' own JSON (`licenseAcquisitionUrl`, `proxyMvpd`, OpenTV's claims such
//! as `deviceUniqueId`), applied also to the few keys the services spell otherwise (OpenTV's
//! `content_token`, `token_type`, `expires_in`, `fixed_exp` are `contentToken`, `tokenType`,
//! `expiresIn`, `fixedExp`) and to the CLI's own (`skdUri`, `licenseUrl`). `error` is the
//! core's text of the error, the same on every surface.

use std::io::Read;
use std::process::ExitCode;

use drmtoken_core::expressplay::{self, ResponseError, Service, TokenResponse};
use drmtoken_core::opentv::{self, ContentToken, Token, UserToken};
use drmtoken_core::{adobe_pass, Error};
use serde_json::{json, Map, Value};

use crate::output::{buffer, Failure};

/// The `parse` subcommand's arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Which service answered.
    #[arg(value_parser = ["fairplay", "playready", "widevine", "opentv", "adobe-pass"])]
    service: String,
    /// The HTTP status of the response.
    #[arg(long, default_value_t = 200)]
    status: u16,
    /// The Content-Type of the response (default: guessed from the body).
    #[arg(long)]
    content_type: Option<String>,
    /// Print one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// The body: a file, or `-` for stdin.
    #[arg(default_value = "-")]
    input: String,
}

/// The content type a body most likely came with: JSON for `{`, XML (Adobe Pass) or HTML (the
/// others' error pages) for `<`, else a uri-list (ExpressPlay) or plain text.
fn guess_content_type(service: &str, body: &[u8]) -> &'static str {
    let first = body.iter().copied().find(|b| !b.is_ascii_whitespace());
    match (first, service) {
        (Some(b'{'), _) => "application/json",
        (Some(b'<'), "adobe-pass") => "application/xml",
        (Some(b'<'), _) => "text/html",
        (_, "fairplay" | "widevine" | "playready") => "text/uri-list",
        _ => "text/plain",
    }
}

/// Prints `fields` as text (`key: value` lines) or as one JSON object.
fn emit(json: bool, fields: Map<String, Value>) {
    if json {
        println!("{}", Value::Object(fields));
        return;
    }
    for (k, v) in fields {
        match v {
            Value::String(s) => println!("{k}: {s}"),
            Value::Null => {}
            other => println!("{k}: {other}"),
        }
    }
}

fn refusal(status: u16, code: Option<i32>, message: &str, error: &Error) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("ok".into(), json!(false));
    m.insert("status".into(), json!(status));
    m.insert("code".into(), json!(code));
    m.insert("error".into(), json!(error.to_string()));
    m.insert("message".into(), json!(message));
    m
}

fn invalid(e: &Error) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("ok".into(), json!(false));
    m.insert("error".into(), json!(e.to_string()));
    m.insert("parameter".into(), json!(e.parameter()));
    m
}

// The `fields` binding ends the result's borrow of `scratch` before `scratch` drops.
#[allow(clippy::let_and_return)]
fn expressplay_fields(service: Service, status: u16, ct: &str, body: &[u8]) -> (bool, Map<String, Value>) {
    let mut scratch = buffer(body.len());
    let result = expressplay::parse_response(service, status, ct, body, &mut scratch);
    let fields = match result {
        Ok(response) => {
            let mut m = Map::new();
            m.insert("ok".into(), json!(true));
            m.insert("token".into(), json!(response.token()));
            match response {
                TokenResponse::FairPlay(t) => {
                    m.insert("url".into(), json!(t.url));
                    let mut b = buffer(t.skd_uri_len());
                    m.insert("skdUri".into(), json!(t.write_skd_uri(&mut b).ok()));
                }
                TokenResponse::Widevine(t) => {
                    m.insert("licenseServerUrl".into(), json!(t.url));
                    m.insert("urlWithoutQuery".into(), json!(t.url_without_query()));
                }
                TokenResponse::PlayReady(t) => {
                    m.insert("licenseAcquisitionUrl".into(), json!(t.license_acquisition_url));
                    let mut b = buffer(t.license_url_len());
                    m.insert("licenseUrl".into(), json!(t.write_license_url(&mut b).ok()));
                }
            }
            (true, m)
        }
        Err(ResponseError::Service(e)) => (false, refusal(e.status, e.code, e.best_message(), &e.to_error())),
        Err(ResponseError::Invalid(e)) => (false, invalid(&e)),
    };
    fields
}

fn content_token_json(t: &ContentToken<'_>) -> Value {
    json!({
        "typ": t.typ, "ver": t.ver, "exp": t.exp, "jti": t.jti,
        "device": t.device.map(|d| json!({
            "drm": d.drm, "deviceUniqueId": d.device_unique_id, "watermarking": d.watermarking,
            "ipAddress": d.ip_address, "model": d.model, "accountId": d.account_id,
        })),
        "contentRights": t.content_rights.iter().map(|r| json!({
            "contentId": r.content_id, "start": r.start, "end": r.end, "duration": r.duration,
            "storable": r.storable, "drt": r.drt, "usageRulesProfileId": r.usage_rules_profile_id,
            "sessionControl": r.session_control.as_ref().map(|s| json!({
                "groups": s.groups.iter().map(|g| json!({"groupId": g.group_id, "maxSessions": g.max_sessions})).collect::<Vec<_>>(),
                "groupId": s.group_id, "sessionControlEnabled": s.session_control_enabled, "maxSessions": s.max_sessions,
            })),
        })).collect::<Vec<_>>(),
    })
}

fn user_token_json(t: &UserToken<'_>) -> Value {
    json!({
        "typ": t.typ, "ver": t.ver, "exp": t.exp, "fixedExp": t.fixed_exp, "tenantId": t.tenant_id,
        "accountId": t.account_id, "accountProfileId": t.account_profile_id, "userId": t.user_id,
        "deviceId": t.device_id, "playoutDeviceClass": t.playout_device_class, "jti": t.jti,
        "geoBlockExempt": t.geo_block_exempt, "onNetwork": t.on_network, "watermarking": t.watermarking,
        "ratingThreshold": t.rating_thresholds.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect::<Map<_, _>>(),
    })
}

fn token_json<T>(t: &Token<'_, T>, f: impl Fn(&T) -> Value) -> Value {
    match t {
        Token::Jwt(j) => json!({ "jwt": j }),
        Token::Claims { claims, .. } => f(claims),
    }
}

// The `fields` binding ends the result's borrow of `scratch` before `scratch` drops.
#[allow(clippy::let_and_return)]
fn opentv_fields(status: u16, ct: &str, body: &[u8]) -> (bool, Map<String, Value>) {
    let mut scratch = buffer(body.len());
    let result = opentv::parse_response(status, ct, body, &mut scratch);
    let fields = match result {
        Ok(r) => {
            let mut m = Map::new();
            m.insert("ok".into(), json!(true));
            m.insert("tokenType".into(), json!(r.token_type));
            m.insert("expiresIn".into(), json!(r.expires_in));
            m.insert("contentToken".into(), token_json(&r.content_token, content_token_json));
            m.insert(
                "accessToken".into(),
                json!(r.access_token.as_ref().map(|t| token_json(t, user_token_json))),
            );
            m.insert(
                "refreshToken".into(),
                json!(r.refresh_token.as_ref().map(|t| token_json(t, user_token_json))),
            );
            (true, m)
        }
        Err(opentv::ResponseError::Service(e)) => {
            let err = e.to_error();
            (false, refusal(e.status, None, e.message.unwrap_or(err.message()), &err))
        }
        Err(opentv::ResponseError::Invalid(e)) => (false, invalid(&e)),
    };
    fields
}

// The `fields` binding ends the result's borrow of `scratch` before `scratch` drops.
#[allow(clippy::let_and_return)]
fn adobe_fields(status: u16, ct: &str, body: &[u8]) -> (bool, Map<String, Value>) {
    let mut scratch = buffer(body.len());
    let result = adobe_pass::parse_response(status, ct, body, &mut scratch);
    let fields = match result {
        Ok(a) => {
            let mut m = Map::new();
            m.insert("ok".into(), json!(true));
            m.insert("mvpd".into(), json!(a.mvpd));
            m.insert("resource".into(), json!(a.resource));
            m.insert("requestor".into(), json!(a.requestor));
            m.insert("expires".into(), json!(a.expires));
            m.insert("proxyMvpd".into(), json!(a.proxy_mvpd));
            (true, m)
        }
        Err(adobe_pass::ResponseError::Service(e)) => {
            let err = e.to_error();
            (
                false,
                refusal(
                    e.status,
                    e.body_status.map(i32::from),
                    e.message.unwrap_or(err.message()),
                    &err,
                ),
            )
        }
        Err(adobe_pass::ResponseError::Invalid(e)) => (false, invalid(&e)),
    };
    fields
}

/// Runs `drmtoken parse`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    let body = if args.input == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Failure::Usage(format!("cannot read stdin: {e}")))?;
        b
    } else {
        std::fs::read(&args.input).map_err(|e| Failure::Usage(format!("cannot read {}: {e}", args.input)))?
    };
    let ct = args
        .content_type
        .as_deref()
        .unwrap_or_else(|| guess_content_type(&args.service, &body));
    Ok(print_response(&args.service, args.status, ct, &body, args.json))
}

/// Prints what `service` answered (`status`, `content_type`, `body`) and returns the exit
/// status: 0 a token, 1 a refusal or an unreadable answer (`parse`, and `build --send`).
pub fn print_response(service: &str, status: u16, content_type: &str, body: &[u8], json: bool) -> ExitCode {
    let (ok, fields) = match service {
        "fairplay" => expressplay_fields(Service::FairPlay, status, content_type, body),
        "playready" => expressplay_fields(Service::PlayReady, status, content_type, body),
        "widevine" => expressplay_fields(Service::Widevine, status, content_type, body),
        "opentv" => opentv_fields(status, content_type, body),
        _ => adobe_fields(status, content_type, body),
    };
    emit(json, fields);
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
