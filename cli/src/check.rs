//! `drmtoken check`: validates an ExpressPlay request URL (or form body) exactly as the service
//! would, and says what is wrong in the service's own terms, with "did you mean" hints.

use std::process::ExitCode;

use drmtoken_core::expressplay::{parse_query, parse_url, scratch_len, Environment, Parsed, Service, TokenRequest};
use drmtoken_core::Error;
use serde_json::json;

use zeroize::Zeroizing;

use crate::output::Failure;
use crate::secrets::read_secret;

/// The `check` subcommand's arguments.
#[derive(clap::Args)]
pub struct Args {
    /// Print one JSON object: valid, service, code, message, parameter, error (the error's one
    /// text, as every surface prints it), warnings.
    #[arg(long)]
    json: bool,
    /// Check absolute times against this RFC 3339 instant (default: the system clock).
    #[arg(long, value_name = "RFC3339")]
    now: Option<String>,
    /// The input is a form body (POST), not a URL; --service says for which service.
    #[arg(long, requires = "service")]
    body: bool,
    /// The service of a form body.
    #[arg(long, value_parser = ["fairplay", "playready", "widevine"])]
    service: Option<String>,
    /// The request URL, or `-` to read it from stdin.
    input: String,
}

/// What `check` found.
struct Report {
    service: Option<Service>,
    error: Option<Error>,
    warnings: Vec<String>,
}

fn service_name(s: Service) -> &'static str {
    match s {
        Service::FairPlay => "fairplay",
        Service::PlayReady => "playready",
        Service::Widevine => "widevine",
    }
}

fn unknown_warnings(parsed: &Parsed<'_, TokenRequest<'_>>) -> Vec<String> {
    let mut w: Vec<String> = parsed
        .unknown
        .iter()
        .map(|u| match u.suggestion {
            Some(s) => format!(
                "unknown parameter {} (did you mean {s}?): the service ignores it",
                u.name
            ),
            None => format!("unknown parameter {}: the service ignores it", u.name),
        })
        .collect();
    if parsed.unknown_omitted > 0 {
        w.push(format!("{} more unknown parameters", parsed.unknown_omitted));
    }
    w
}

fn check(input: &str, args: &Args, now: i64) -> Report {
    // Decoded values (customerAuthenticator, contentKey, kek...) land here: wiped on drop.
    let mut scratch = Zeroizing::new(vec![0u8; input.len()]);
    let parsed = if args.body {
        let service = match args.service.as_deref() {
            Some("fairplay") => Service::FairPlay,
            Some("widevine") => Service::Widevine,
            _ => Service::PlayReady,
        };
        scratch.resize(scratch_len(service, input).max(input.len()), 0);
        parse_query(service, Environment::Test, input, &mut scratch)
    } else {
        parse_url(input, &mut scratch)
    };
    match parsed {
        Err(e) => Report {
            service: None,
            error: Some(e),
            warnings: Vec::new(),
        },
        Ok(parsed) => {
            let service = parsed.request.service();
            let mut warnings = unknown_warnings(&parsed);
            match parsed.request.validate(Some(now)) {
                Ok(ws) => {
                    warnings.extend(ws.iter().map(ToString::to_string));
                    Report {
                        service: Some(service),
                        error: None,
                        warnings,
                    }
                }
                Err(e) => Report {
                    service: Some(service),
                    error: Some(e),
                    warnings,
                },
            }
        }
    }
}

/// Runs `drmtoken check`.
pub fn run(mut args: Args) -> Result<ExitCode, Failure> {
    let now = crate::build::now(args.now.as_ref())?;
    // A request URL carries its secrets: the one copy we own is wiped on drop.
    let input = if args.input == "-" {
        read_secret(std::io::stdin().lock()).map_err(|e| Failure::Usage(format!("cannot read stdin: {e}")))?
    } else {
        Zeroizing::new(std::mem::take(&mut args.input))
    };
    let input = input.trim();
    let report = check(input, &args, now);
    if args.json {
        let e = report.error.as_ref();
        let out = json!({
            "valid": e.is_none(),
            "service": report.service.map(service_name),
            "code": e.map(Error::code).filter(|c| *c != 0),
            "message": e.map(|e| e.message()),
            "parameter": e.and_then(Error::parameter),
            "error": e.map(ToString::to_string),
            "warnings": report.warnings,
        });
        println!("{out}");
    } else {
        let what = report
            .service
            .map_or("request".to_owned(), |s| format!("{} request", service_name(s)));
        match &report.error {
            None => println!("valid {what}"),
            Some(e) => println!("invalid {what}: {e}"),
        }
        for w in &report.warnings {
            println!("warning: {w}");
        }
    }
    Ok(if report.error.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
