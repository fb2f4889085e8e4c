//! `drmtoken build <service>`: flags named after the wire parameters (with kebab-case aliases),
//! validated by the core's rules, printed as a GET URL, a POST form body, or a curl command.

use clap::{Arg, ArgAction, ArgMatches, Command, FromArgMatches};
use drmtoken_core::adobe_pass::{self, AuthorizationRequest, DeviceInfoPlacement, Format};
use drmtoken_core::expressplay::{
    Environment, FairPlayTokenRequest, PlayReadyExtension, PlayReadyTokenRequest, Service, TokenRequest,
    WidevineTokenRequest, FORM_CONTENT_TYPE,
};
use drmtoken_core::opentv::ContentTokenRequest;

use zeroize::Zeroizing;

use crate::output::{buffer, concat, describe, shell_quote, Failure};
use crate::secrets::{secret, take};

/// The `build` subcommand's arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    service: BuildService,
}

/// One service's request; ExpressPlay's flags come from the core's parameter tables.
pub enum BuildService {
    ExpressPlay(Service, ArgMatches),
    OpenTv(ArgMatches),
    AdobePass(ArgMatches),
}

/// `customerAuthenticator` -> `customer-authenticator`, `rental.periodEndTime` ->
/// `rental-period-end-time`, `analogVideoOPL` -> `analog-video-opl`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '.' {
            out.push('-');
            prev_lower = false;
        } else if c.is_ascii_uppercase() {
            if prev_lower {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
            prev_lower = false;
        } else {
            out.push(c);
            prev_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
    }
    out
}

const REPEATABLE: [&str; 4] = ["fpExtension", "wvExtension", "extensionType", "extensionPayload"];

fn leak(s: String) -> &'static str {
    // Built once per run for the command-line definition.
    Box::leak(s.into_boxed_str())
}

fn common_output_args(cmd: Command) -> Command {
    cmd.arg(
        Arg::new("post")
            .long("post")
            .action(ArgAction::SetTrue)
            .help("Print the POST form body instead of the GET URL"),
    )
    .arg(
        Arg::new("curl")
            .long("curl")
            .action(ArgAction::SetTrue)
            .help("Print a ready-to-run curl command"),
    )
}

fn expressplay_command(service: Service) -> Command {
    let mut cmd = Command::new(match service {
        Service::FairPlay => "fairplay",
        Service::PlayReady => "playready",
        Service::Widevine => "widevine",
    })
    .about(match service {
        Service::FairPlay => "An ExpressPlay FairPlay token request",
        Service::PlayReady => "An ExpressPlay PlayReady token request",
        Service::Widevine => "An ExpressPlay Widevine token request",
    })
    .after_help(
        "Every flag is the wire parameter of the same name (kebab-case aliases accepted). \
             customerAuthenticator may also come from $DRMTOKEN_CUSTOMER_AUTHENTICATOR, which other \
             users cannot see in the process list.",
    )
    .arg(
        Arg::new("env")
            .long("env")
            .value_parser(["test", "production"])
            .default_value("test")
            .help("The ExpressPlay environment"),
    )
    .arg(
        Arg::new("domain")
            .long("domain")
            .conflicts_with("env")
            .help("A custom production domain ({prod_domain})"),
    )
    .arg(
        Arg::new("now")
            .long("now")
            .help("Check absolute times against this RFC 3339 instant instead of the system clock"),
    );
    for &name in service.parameters() {
        let kebab = kebab(name);
        let mut arg = Arg::new(name).long(name).value_name("VALUE").allow_hyphen_values(true);
        if kebab != name {
            arg = arg.visible_alias(leak(kebab));
        }
        if REPEATABLE.contains(&name) {
            arg = arg.action(ArgAction::Append).help("Repeatable");
        }
        cmd = cmd.arg(arg);
    }
    common_output_args(cmd)
}

fn opentv_command() -> Command {
    common_output_args(
        Command::new("opentv")
            .about("A Nagra OpenTV IAS content token request (POST)")
            .arg(
                Arg::new("host")
                    .long("host")
                    .required(true)
                    .help("IAS host (DNS name, IPv4, or [IPv6])"),
            )
            .arg(
                Arg::new("port")
                    .long("port")
                    .default_value("443")
                    .value_parser(clap::value_parser!(u32)),
            )
            .arg(Arg::new("content_id").long("content-id").required(true))
            .arg(
                Arg::new("bearer_token")
                    .long("bearer-token")
                    .help("Prefer --bearer-token-file or $DRMTOKEN_BEARER_TOKEN"),
            )
            .arg(
                Arg::new("bearer_token_file")
                    .long("bearer-token-file")
                    .value_name("FILE"),
            )
            .arg(Arg::new("tenant_id").long("tenant-id").required(true)),
    )
    .mut_arg("post", |a| a.hide(true))
}

fn adobe_command() -> Command {
    common_output_args(
        Command::new("adobe-pass")
            .about("An Adobe Pass authorization token request (GET)")
            .arg(
                Arg::new("sp_fqdn")
                    .long("sp-fqdn")
                    .required(true)
                    .help("Service provider host or base URL"),
            )
            .arg(Arg::new("requestor").long("requestor").required(true))
            .arg(Arg::new("device_id").long("device-id").required(true))
            .arg(
                Arg::new("resource")
                    .long("resource")
                    .required(true)
                    .help("A resourceId or an MRSS fragment"),
            )
            .arg(
                Arg::new("device_info")
                    .long("device-info")
                    .help("Base64 device information"),
            )
            .arg(
                Arg::new("device_info_json")
                    .long("device-info-json")
                    .value_name("FILE")
                    .conflicts_with("device_info")
                    .help("Device information JSON to base64-encode"),
            )
            .arg(
                Arg::new("device_info_in_query")
                    .long("device-info-in-query")
                    .action(ArgAction::SetTrue)
                    .help("Send device_info in the query instead of the X-Device-Info header"),
            )
            .arg(Arg::new("device_type").long("device-type"))
            .arg(Arg::new("device_user").long("device-user").help("Deprecated"))
            .arg(Arg::new("app_id").long("app-id").help("Deprecated"))
            .arg(
                Arg::new("access_token")
                    .long("access-token")
                    .help("Prefer $DRMTOKEN_ACCESS_TOKEN"),
            )
            .arg(
                Arg::new("format")
                    .long("format")
                    .value_parser(["json", "xml"])
                    .default_value("json"),
            ),
    )
    .mut_arg("post", |a| a.hide(true))
}

impl FromArgMatches for BuildService {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        match matches.subcommand() {
            Some(("fairplay", m)) => Ok(BuildService::ExpressPlay(Service::FairPlay, m.clone())),
            Some(("playready", m)) => Ok(BuildService::ExpressPlay(Service::PlayReady, m.clone())),
            Some(("widevine", m)) => Ok(BuildService::ExpressPlay(Service::Widevine, m.clone())),
            Some(("opentv", m)) => Ok(BuildService::OpenTv(m.clone())),
            Some(("adobe-pass", m)) => Ok(BuildService::AdobePass(m.clone())),
            _ => Err(clap::Error::new(clap::error::ErrorKind::MissingSubcommand)),
        }
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(matches)?;
        Ok(())
    }
}

impl clap::Subcommand for BuildService {
    fn augment_subcommands(cmd: Command) -> Command {
        cmd.subcommand(expressplay_command(Service::FairPlay))
            .subcommand(expressplay_command(Service::PlayReady))
            .subcommand(expressplay_command(Service::Widevine))
            .subcommand(opentv_command())
            .subcommand(adobe_command())
            .subcommand_required(true)
    }

    fn augment_subcommands_for_update(cmd: Command) -> Command {
        Self::augment_subcommands(cmd)
    }

    fn has_subcommand(name: &str) -> bool {
        matches!(name, "fairplay" | "playready" | "widevine" | "opentv" | "adobe-pass")
    }
}

/// Unix seconds of `--now`, or the system clock.
pub fn now(arg: Option<&String>) -> Result<i64, Failure> {
    match arg {
        Some(t) => {
            drmtoken_core::time::parse_rfc3339_z(t).map_err(|e| Failure::Usage(format!("--now {t}: {}", describe(&e))))
        }
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))),
    }
}

fn expressplay_request<'a>(
    service: Service,
    environment: Environment<'a>,
    values: &'a [(&'static str, Zeroizing<Vec<String>>)],
) -> Result<TokenRequest<'a>, Failure> {
    macro_rules! fill {
        ($ty:ident, $variant:ident) => {{
            let mut r = $ty {
                environment,
                ..Default::default()
            };
            for (name, vs) in values {
                for v in vs.iter() {
                    r.set(name, v).map_err(|e| Failure::Invalid(describe(&e)))?;
                }
            }
            TokenRequest::$variant(r)
        }};
    }
    Ok(match service {
        Service::FairPlay => fill!(FairPlayTokenRequest, FairPlay),
        Service::Widevine => fill!(WidevineTokenRequest, Widevine),
        Service::PlayReady => {
            // Types and payloads pair by position: the i-th --extensionType with the i-th
            // --extensionPayload.
            let get = |n: &str| {
                values
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, v)| v.as_slice())
                    .unwrap_or_default()
            };
            let mut r = PlayReadyTokenRequest {
                environment,
                ..Default::default()
            };
            for (name, vs) in values {
                if name.starts_with("extension") {
                    continue;
                }
                for v in vs.iter() {
                    r.set(name, v).map_err(|e| Failure::Invalid(describe(&e)))?;
                }
            }
            let (types, payloads) = (get("extensionType"), get("extensionPayload"));
            for i in 0..types.len().max(payloads.len()) {
                let ext = PlayReadyExtension {
                    extension_type: types.get(i).map(String::as_str),
                    extension_payload: payloads.get(i).map(String::as_str),
                };
                r.extensions
                    .push(ext)
                    .map_err(|_| Failure::Invalid(format!("at most {} extensions", r.extensions.capacity())))?;
            }
            TokenRequest::PlayReady(r)
        }
    })
}

fn run_expressplay(service: Service, m: &mut ArgMatches) -> Result<(), Failure> {
    // Every value is moved out of clap's matches into a zeroizing list: several are secrets
    // (customerAuthenticator, contentKey, kek, ek) and the URL, body and curl line carry them.
    let mut values: Vec<(&'static str, Zeroizing<Vec<String>>)> = Vec::new();
    for &name in service.parameters() {
        if let Ok(Some(vs)) = m.try_remove_many::<String>(name) {
            values.push((name, Zeroizing::new(vs.collect())));
        }
    }
    if !values.iter().any(|(n, _)| *n == "customerAuthenticator") {
        if let Ok(v) = std::env::var("DRMTOKEN_CUSTOMER_AUTHENTICATOR") {
            values.insert(0, ("customerAuthenticator", Zeroizing::new(vec![v])));
        }
    }
    let environment = match (
        m.get_one::<String>("domain"),
        m.get_one::<String>("env").map(String::as_str),
    ) {
        (Some(d), _) => Environment::Domain(d),
        (None, Some("production")) => Environment::Production,
        _ => Environment::Test,
    };
    environment.check()?;
    let request = expressplay_request(service, environment, &values)?;
    let now = now(m.get_one::<String>("now"))?;
    let warnings = request.validate(Some(now))?;
    for w in &warnings {
        eprintln!("warning: {w}");
    }
    let post = m.get_flag("post");
    let mut url = Zeroizing::new(buffer(request.url_len()));
    let url = request.write_url(&mut url)?;
    let mut body = Zeroizing::new(buffer(request.form_body_len()));
    let body = request.write_form_body(&mut body)?;
    let mut endpoint = Zeroizing::new(buffer(request.endpoint_len()));
    let endpoint = request.write_endpoint(&mut endpoint)?;
    match (m.get_flag("curl"), post) {
        (true, true) => println!(
            "curl -sS -X POST -H {} --data {} {}",
            shell_quote(&format!("Content-Type: {FORM_CONTENT_TYPE}")),
            Zeroizing::new(shell_quote(body)).as_str(),
            shell_quote(endpoint)
        ),
        (true, false) => println!("curl -sS {}", Zeroizing::new(shell_quote(url)).as_str()),
        (false, true) => println!("{body}"),
        (false, false) => println!("{url}"),
    }
    Ok(())
}

fn run_opentv(m: &mut ArgMatches) -> Result<(), Failure> {
    let token = secret(
        m.try_remove_one::<String>("bearer_token").ok().flatten(),
        m.get_one::<String>("bearer_token_file").map(String::as_str),
        "DRMTOKEN_BEARER_TOKEN",
        "the bearer token",
    )?;
    let request = ContentTokenRequest {
        host: m.get_one::<String>("host").map_or("", String::as_str),
        port: m.get_one::<u32>("port").copied().unwrap_or(443),
        content_id: m.get_one::<String>("content_id").map_or("", String::as_str),
        bearer_token: &token,
        tenant_id: m.get_one::<String>("tenant_id").map_or("", String::as_str),
    };
    request.validate()?;
    let mut b = buffer(request.url_len());
    let url = request.write_url(&mut b)?;
    if m.get_flag("curl") {
        // The `authorization` header carries the token: every string holding it is wiped.
        let headers: Zeroizing<Vec<String>> = Zeroizing::new(
            request
                .headers()
                .iter()
                .map(|h| {
                    let line = Zeroizing::new(concat(&[h.name, ": ", h.value_prefix, h.value]));
                    let quoted = Zeroizing::new(shell_quote(&line));
                    concat(&["-H ", &quoted])
                })
                .collect(),
        );
        println!(
            "curl -sS -X POST {} {}",
            Zeroizing::new(headers.join(" ")).as_str(),
            shell_quote(url)
        );
    } else {
        println!("POST {url}");
        for h in request.headers() {
            let value = if h.name == "authorization" {
                format!("{}<redacted>", h.value_prefix)
            } else {
                h.value.to_owned()
            };
            println!("{}: {value}", h.name);
        }
    }
    Ok(())
}

fn run_adobe(m: &mut ArgMatches) -> Result<(), Failure> {
    let access_token =
        take(m, "access_token").or_else(|| std::env::var("DRMTOKEN_ACCESS_TOKEN").ok().map(Zeroizing::new));
    let opt = |k: &str| m.get_one::<String>(k).map(String::as_str);
    let device_info = match (opt("device_info"), opt("device_info_json")) {
        (Some(b64), _) => b64.to_owned(),
        (None, Some(path)) => {
            let json = std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
            let mut out = buffer(adobe_pass::device_info_len(json.len()));
            adobe_pass::encode_device_info(&json, &mut out)?.to_owned()
        }
        (None, None) => String::new(),
    };
    let request = AuthorizationRequest {
        sp_fqdn: opt("sp_fqdn").unwrap_or_default(),
        requestor: opt("requestor").unwrap_or_default(),
        device_id: opt("device_id").unwrap_or_default(),
        resource: opt("resource").unwrap_or_default(),
        device_info: &device_info,
        device_info_placement: if m.get_flag("device_info_in_query") {
            DeviceInfoPlacement::Query
        } else {
            DeviceInfoPlacement::Header
        },
        device_type: opt("device_type"),
        device_user: opt("device_user"),
        app_id: opt("app_id"),
        access_token: access_token.as_ref().map(|t| t.as_str()),
        format: if opt("format") == Some("xml") {
            Format::Xml
        } else {
            Format::Json
        },
    };
    for w in request.validate()? {
        eprintln!(
            "warning: {}",
            match w {
                adobe_pass::Warning::DeprecatedDeviceUser =>
                    "deviceUser is deprecated (device_info replaces it)".to_owned(),
                adobe_pass::Warning::DeprecatedAppId => "appId is deprecated (device_info replaces it)".to_owned(),
                adobe_pass::Warning::UrlTooLong { len } => format!(
                    "the URL is {len} bytes, above {}: some HTTP stacks refuse it (send device_info as a header)",
                    adobe_pass::MAX_PORTABLE_URL_LEN
                ),
            }
        );
    }
    let mut b = buffer(request.url_len());
    let url = request.write_url(&mut b)?;
    // The `Authorization` header carries the access token: every string holding it is wiped.
    let headers: Vec<(&str, Zeroizing<String>)> = request
        .headers()
        .iter()
        .map(|h| (h.name, Zeroizing::new(concat(&[h.value_prefix, h.value]))))
        .collect();
    if m.get_flag("curl") {
        let hs: Zeroizing<Vec<String>> = Zeroizing::new(
            headers
                .iter()
                .map(|(n, v)| {
                    let line = Zeroizing::new(concat(&[n, ": ", v]));
                    let quoted = Zeroizing::new(shell_quote(&line));
                    concat(&["-H ", &quoted])
                })
                .collect(),
        );
        println!(
            "curl -sS {} {}",
            Zeroizing::new(hs.join(" ")).as_str(),
            shell_quote(url)
        );
    } else {
        println!("GET {url}");
        for (n, v) in &headers {
            let v = if *n == "Authorization" {
                "Bearer <redacted>"
            } else {
                v.as_str()
            };
            println!("{n}: {v}");
        }
    }
    Ok(())
}

/// Runs `drmtoken build`.
pub fn run(args: Args) -> Result<std::process::ExitCode, Failure> {
    match args.service {
        BuildService::ExpressPlay(service, mut m) => run_expressplay(service, &mut m)?,
        BuildService::OpenTv(mut m) => run_opentv(&mut m)?,
        BuildService::AdobePass(mut m) => run_adobe(&mut m)?,
    }
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::kebab;

    #[test]
    fn kebab_aliases() {
        assert_eq!(kebab("customerAuthenticator"), "customer-authenticator");
        assert_eq!(kebab("rental.periodEndTime"), "rental-period-end-time");
        assert_eq!(kebab("analogVideoOPL"), "analog-video-opl");
        assert_eq!(kebab("kid"), "kid");
    }
}
