//! `drmtoken build <service>`: one flag per wire parameter, validated by the core's rules,
//! printed as a GET URL, a POST form body, or a curl command.
//!
//! The flag rule, the same for every service ([`FLAG_RULE`]): a flag that is a parameter on the
//! wire (query or form parameter, or header) is named exactly as the service's document spells
//! it (`--contentKey`, `--rental.periodEndTime`, `--content_id`, `--nv-tenant-id`, `--deviceId`,
//! `--Authorization`) with its kebab-case form as a visible alias (`--content-key`,
//! `--rental-period-end-time`, `--content-id`, `--device-id`, `--authorization`); a flag that is
//! not a wire parameter (host, port, environment, output form, files) is kebab-case. A secret
//! value may also come from `$DRMTOKEN_<FIELD>` (the core's field name, upper-case:
//! `$DRMTOKEN_CUSTOMER_AUTHENTICATOR`, `$DRMTOKEN_CONTENT_KEY`, `$DRMTOKEN_BEARER_TOKEN`).
//!
//! ExpressPlay's flags are made at run time from the core's one table of parameters,
//! [`PARAMETERS`]: name, help (the row's doc), repetition and secrecy all come from the row.

use clap::parser::ValueSource;
use clap::{Arg, ArgAction, ArgMatches, Command, FromArgMatches};
use drmtoken_core::adobe_pass::{self, AuthorizationRequest, DeviceInfoPlacement, Format};
use drmtoken_core::expressplay::parameters::{Arity, Parameter, Services, FAIRPLAY, PARAMETERS, PLAYREADY, WIDEVINE};
use drmtoken_core::expressplay::{form_headers, Environment, Service, TokenRequest};
use drmtoken_core::opentv::ContentTokenRequest;

use std::process::ExitCode;

use drmtoken_core::http::Headers;
use zeroize::Zeroizing;

use crate::output::{buffer, curl_headers, header_lines, shell_quote, Failure};
use crate::secrets::{secret, take};
use crate::send;

/// The naming rule of `build`'s flags as a literal (for `concat!`).
macro_rules! flag_rule {
    () => {
        "Flags: a flag that is a parameter on the wire (query or form parameter, or header) is \
named exactly as the service's document spells it, with its kebab-case form as an alias \
(--contentKey / --content-key, --content_id / --content-id, --deviceId / --device-id); every \
other flag (host, port, environment, output, files) is kebab-case. A secret value may also come \
from $DRMTOKEN_<FIELD> (e.g. $DRMTOKEN_CUSTOMER_AUTHENTICATOR, $DRMTOKEN_BEARER_TOKEN), which \
other users cannot see in the process list; --curl then refers to the variable instead of \
printing a secret header."
    };
}

/// The naming rule of `build`'s flags, as `--help` states it.
pub const FLAG_RULE: &str = flag_rule!();

/// `drmtoken build --help`'s closing text: an example and the flag rule.
pub const BUILD_HELP: &str = concat!(
    "Example:\n  drmtoken build widevine --customerAuthenticator \"$AUTH\" --kid b366360da82e9c6e0b0984002a362cf2 \\\n",
    "    --contentKey b366360da82e9c6e0b0984002a362cf2 --securityLevel 1 --hdcpOutputControl 0 --curl\n\n",
    flag_rule!()
);

/// The `build` subcommand's arguments.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    service: BuildService,
}

/// One service's request; ExpressPlay's flags come from the core's parameter table.
pub enum BuildService {
    ExpressPlay(Service, ArgMatches),
    OpenTv(ArgMatches),
    AdobePass(ArgMatches),
}

/// The kebab-case alias of a wire name: `customerAuthenticator` -> `customer-authenticator`,
/// `rental.periodEndTime` -> `rental-period-end-time`, `analogVideoOPL` -> `analog-video-opl`,
/// `content_id` -> `content-id`, `X-Device-Info` -> `x-device-info`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if c == '.' || c == '_' || c == '-' {
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

/// The environment variable a secret may come from: `DRMTOKEN_` and the core's field name in
/// upper case (`customer_authenticator` -> `DRMTOKEN_CUSTOMER_AUTHENTICATOR`).
fn secret_env(field: &str) -> String {
    format!("DRMTOKEN_{}", field.to_ascii_uppercase())
}

fn leak(s: String) -> &'static str {
    // Built once per run for the command-line definition.
    Box::leak(s.into_boxed_str())
}

/// A flag named by the wire name `wire`, with its kebab-case form as a visible alias, and the
/// flag's former names (`old`) as visible aliases too, so command lines written before keep
/// working.
fn wire_arg(wire: &'static str, old: &[&'static str]) -> Arg {
    let mut arg = Arg::new(wire).long(wire).value_name("VALUE").allow_hyphen_values(true);
    let kebab = kebab(wire);
    if kebab != wire {
        arg = arg.visible_alias(leak(kebab.clone()));
    }
    for &o in old {
        if o != kebab {
            arg = arg.visible_alias(o);
        }
    }
    arg
}

/// A secret wire flag: it may also come from `$DRMTOKEN_<FIELD>` (the value is never shown in
/// `--help`).
fn secret_arg(arg: Arg, field: &str) -> Arg {
    arg.env(leak(secret_env(field))).hide_env_values(true)
}

fn common_output_args(cmd: Command) -> Command {
    crate::send::args(cmd)
        .arg(
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

/// The service's bit in a parameter row's set of services.
const fn bit(service: Service) -> Services {
    match service {
        Service::FairPlay => FAIRPLAY,
        Service::PlayReady => PLAYREADY,
        Service::Widevine => WIDEVINE,
    }
}

/// The rows of [`PARAMETERS`] the service takes, in the table's order.
fn parameters(service: Service) -> impl Iterator<Item = &'static Parameter> {
    PARAMETERS.iter().filter(move |p| p.taken_by(bit(service)))
}

/// The flag of one parameter row: its wire name, its doc as help, repeatable from its arity,
/// from the environment when it is secret.
fn parameter_arg(p: &'static Parameter) -> Arg {
    let arg = wire_arg(p.wire, &[]);
    let mut arg = match p.arity {
        Arity::Single => arg.action(ArgAction::Set).help(p.doc),
        Arity::Repeated => arg
            .action(ArgAction::Append)
            .help(leak(format!("{} Repeatable, in order.", p.doc))),
    };
    if p.secret {
        arg = secret_arg(arg, p.field);
    }
    arg
}

fn expressplay_command(service: Service) -> Command {
    let mut cmd = Command::new(service.name())
        .about(match service {
            Service::FairPlay => "An ExpressPlay FairPlay token request",
            Service::PlayReady => "An ExpressPlay PlayReady token request",
            Service::Widevine => "An ExpressPlay Widevine token request",
        })
        .after_help(FLAG_RULE)
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
    for p in parameters(service) {
        cmd = cmd.arg(parameter_arg(p));
    }
    common_output_args(cmd)
}

fn opentv_command() -> Command {
    common_output_args(
        Command::new("opentv")
            .about("A Nagra OpenTV IAS content token request (POST)")
            .after_help(FLAG_RULE)
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
                    .value_parser(clap::value_parser!(u32))
                    .help("IAS port"),
            )
            .arg(
                wire_arg("content_id", &[])
                    .required(true)
                    .help("The ID of the content (query parameter)"),
            )
            .arg(secret_arg(
                wire_arg("authorization", &["bearer-token"])
                    .value_name("TOKEN")
                    .help("The bearer token received at signon, without `Bearer ` (the authorization header)"),
                "bearer_token",
            ))
            .arg(
                Arg::new("authorization_file")
                    .long("authorization-file")
                    .visible_alias("bearer-token-file")
                    .value_name("FILE")
                    .help("A file holding the bearer token (`-` for stdin)"),
            )
            .arg(
                wire_arg("nv-tenant-id", &["tenant-id"])
                    .required(true)
                    .help("The tenant ID (the nv-tenant-id header)"),
            ),
    )
    .mut_arg("post", |a| a.hide(true))
}

fn adobe_command() -> Command {
    common_output_args(
        Command::new("adobe-pass")
            .about("An Adobe Pass authorization token request (GET)")
            .after_help(FLAG_RULE)
            .arg(
                Arg::new("sp-fqdn")
                    .long("sp-fqdn")
                    .required(true)
                    .help("Service provider host or base URL (SP_FQDN)"),
            )
            .arg(
                wire_arg("requestor", &[])
                    .required(true)
                    .help("The Programmer requestorId"),
            )
            .arg(wire_arg("deviceId", &[]).required(true).help("The device id"))
            .arg(
                wire_arg("resource", &[])
                    .required(true)
                    .help("A resourceId or an MRSS fragment"),
            )
            .arg(
                wire_arg("device_info", &[])
                    .help("Base64 device information (the X-Device-Info header, or device_info in the query)"),
            )
            .arg(
                Arg::new("device-info-json")
                    .long("device-info-json")
                    .value_name("FILE")
                    .conflicts_with("device_info")
                    .help("Device information JSON to base64-encode"),
            )
            .arg(
                Arg::new("device-info-in-query")
                    .long("device-info-in-query")
                    .action(ArgAction::SetTrue)
                    .help("Send device_info in the query instead of the X-Device-Info header"),
            )
            .arg(wire_arg("deviceType", &[]).help("The device type (optional)"))
            .arg(wire_arg("deviceUser", &[]).help("Deprecated: device_info replaces it"))
            .arg(wire_arg("appId", &[]).help("Deprecated: device_info replaces it"))
            .arg(secret_arg(
                wire_arg("Authorization", &["access-token"])
                    .value_name("TOKEN")
                    .help("The access token, without `Bearer ` (the Authorization header)"),
                "access_token",
            ))
            .arg(
                wire_arg("format", &[])
                    .value_parser(["json", "xml"])
                    .default_value("json")
                    .help("The response format"),
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
        Some(t) => drmtoken_core::time::parse_rfc3339_z(t).map_err(|e| Failure::Usage(format!("--now {t}: {e}"))),
        None => Ok(std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))),
    }
}

/// The request of `values`: each parameter's values in command-line order, through the core's
/// `set`, so repeated parameters keep their order and PlayReady's `extensionType` /
/// `extensionPayload` pair by position exactly as the core pairs them (the i-th type with the
/// i-th payload, however the flags are interleaved).
fn expressplay_request<'a>(
    service: Service,
    environment: Environment<'a>,
    values: &'a [(&'static str, Zeroizing<Vec<String>>)],
) -> Result<TokenRequest<'a>, Failure> {
    let mut request = TokenRequest::empty(service, environment);
    for (wire, vs) in values {
        for v in vs.iter() {
            request.set(wire, v)?;
        }
    }
    Ok(request)
}

/// The values of every parameter given, moved out of clap's matches into zeroizing lists
/// (several are secrets, and the URL, body and curl line carry them), in table order.
fn expressplay_values(service: Service, m: &mut ArgMatches) -> Vec<(&'static str, Zeroizing<Vec<String>>)> {
    parameters(service)
        .filter_map(|p| match m.try_remove_many::<String>(p.wire) {
            Ok(Some(vs)) => Some((p.wire, Zeroizing::new(vs.collect()))),
            _ => None,
        })
        .collect()
}

fn run_expressplay(service: Service, m: &mut ArgMatches) -> Result<ExitCode, Failure> {
    let values = expressplay_values(service, m);
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
    if send::wanted(m) {
        let outgoing = send::Outgoing {
            method: if post { "POST" } else { "GET" },
            url: if post { endpoint } else { url },
            headers: if post { form_headers() } else { Headers::new() },
            body: post.then_some(body.as_bytes()),
        };
        return send::send(service.name(), m, &outgoing);
    }
    match (m.get_flag("curl"), post) {
        (true, true) => println!(
            "curl -sS -X POST {} --data {} {}",
            curl_headers(&form_headers(), None).as_str(),
            Zeroizing::new(shell_quote(body)).as_str(),
            shell_quote(endpoint)
        ),
        (true, false) => println!("curl -sS {}", Zeroizing::new(shell_quote(url)).as_str()),
        (false, true) => println!("{body}"),
        (false, false) => println!("{url}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// The environment variable a secret flag's value came from, if it did.
fn env_source(m: &ArgMatches, id: &str, field: &str) -> Option<String> {
    (m.value_source(id) == Some(ValueSource::EnvVariable)).then(|| secret_env(field))
}

fn run_opentv(m: &mut ArgMatches) -> Result<ExitCode, Failure> {
    // The command line beats a file, a file beats the environment.
    let source = m.value_source("authorization");
    let given = take(m, "authorization");
    let file = m.get_one::<String>("authorization_file").cloned();
    let env = secret_env("bearer_token");
    let (token, from_env) = match (given, source, file) {
        (Some(v), Some(ValueSource::CommandLine), _) => (v, None),
        (_, _, Some(path)) => (secret(None, Some(&path), &env, "the bearer token")?, None),
        (Some(v), _, None) => (v, Some(env)),
        (None, _, None) => {
            return Err(Failure::Usage(format!(
                "the bearer token is required (--authorization, --authorization-file, or ${env})"
            )))
        }
    };
    let request = ContentTokenRequest {
        host: m.get_one::<String>("host").map_or("", String::as_str),
        port: m.get_one::<u32>("port").copied().unwrap_or(443),
        content_id: m.get_one::<String>("content_id").map_or("", String::as_str),
        bearer_token: &token,
        tenant_id: m.get_one::<String>("nv-tenant-id").map_or("", String::as_str),
    };
    // Writers apply no rule (for every service): validate first.
    request.validate()?;
    let mut b = buffer(request.url_len());
    let url = request.write_url(&mut b)?;
    let headers = request.headers();
    if send::wanted(m) {
        let outgoing = send::Outgoing {
            method: request.method(),
            url,
            headers,
            body: None,
        };
        return send::send("opentv", m, &outgoing);
    }
    if m.get_flag("curl") {
        println!(
            "curl -sS -X {} {} {}",
            request.method(),
            curl_headers(&headers, from_env.as_deref()).as_str(),
            shell_quote(url)
        );
    } else {
        println!("{} {url}", request.method());
        for line in header_lines(&headers) {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn run_adobe(m: &mut ArgMatches) -> Result<ExitCode, Failure> {
    let from_env = env_source(m, "Authorization", "access_token");
    let access_token = take(m, "Authorization");
    let opt = |k: &str| m.get_one::<String>(k).map(String::as_str);
    let device_info = match (opt("device_info"), opt("device-info-json")) {
        (Some(b64), _) => b64.to_owned(),
        (None, Some(path)) => {
            let json = std::fs::read(path).map_err(|e| Failure::Usage(format!("cannot read {path}: {e}")))?;
            let mut out = buffer(adobe_pass::device_info_len(json.len()));
            adobe_pass::encode_device_info(&json, &mut out)?.to_owned()
        }
        (None, None) => String::new(),
    };
    let request = AuthorizationRequest {
        sp_fqdn: opt("sp-fqdn").unwrap_or_default(),
        requestor: opt("requestor").unwrap_or_default(),
        device_id: opt("deviceId").unwrap_or_default(),
        resource: opt("resource").unwrap_or_default(),
        device_info: &device_info,
        device_info_placement: if m.get_flag("device-info-in-query") {
            DeviceInfoPlacement::Query
        } else {
            DeviceInfoPlacement::Header
        },
        device_type: opt("deviceType"),
        device_user: opt("deviceUser"),
        app_id: opt("appId"),
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
    let headers = request.headers();
    if send::wanted(m) {
        let outgoing = send::Outgoing {
            method: request.method(),
            url,
            headers,
            body: None,
        };
        return send::send("adobe-pass", m, &outgoing);
    }
    if m.get_flag("curl") {
        println!(
            "curl -sS {} {}",
            curl_headers(&headers, from_env.as_deref()).as_str(),
            shell_quote(url)
        );
    } else {
        println!("{} {url}", request.method());
        for line in header_lines(&headers) {
            println!("{line}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs `drmtoken build`.
pub fn run(args: Args) -> Result<ExitCode, Failure> {
    match args.service {
        BuildService::ExpressPlay(service, mut m) => run_expressplay(service, &mut m),
        BuildService::OpenTv(mut m) => run_opentv(&mut m),
        BuildService::AdobePass(mut m) => run_adobe(&mut m),
    }
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
        assert_eq!(kebab("content_id"), "content-id");
        assert_eq!(kebab("nv-tenant-id"), "nv-tenant-id");
        assert_eq!(kebab("X-Device-Info"), "x-device-info");
        assert_eq!(kebab("Authorization"), "authorization");
    }
}
