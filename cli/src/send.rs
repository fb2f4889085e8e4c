//! `drmtoken build <service> … --send`: send the request the core built and print what the
//! service answered, exactly as `drmtoken parse` prints it.
//!
//! The client is ureq with rustls (webpki roots): every timeout bounded (`--timeout`, 30 s by
//! default, for the whole exchange; connecting within 10 s of it), redirects never followed (a
//! 3xx is reported as the service's answer), TLS verified unless `--insecure`. `--base-url`
//! replaces the scheme and host of the URL the core wrote (the path and query are kept), so
//! the same command talks to the real service or to `drmtoken serve`.
//!
//! Exit status: `parse`'s (0 a token, 1 a refusal or an unreadable answer, 2 usage), and 3 when
//! no complete answer arrived (connection refused, timeout, TLS failure, connection closed
//! mid-body).

use std::process::ExitCode;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use drmtoken_core::http::Headers;
use serde_json::json;
use zeroize::Zeroizing;

use crate::output::{concat, Failure};

/// The exit status when no complete answer arrived.
pub const EXIT_TRANSPORT: u8 = 3;

/// The largest answer read (real ones are a few hundred bytes; IAS documents a few KB).
pub const MAX_RESPONSE: u64 = 1 << 20;

/// The default `--timeout`, in seconds.
pub const DEFAULT_TIMEOUT_SECS: &str = "30";

/// Adds `--send` and its options to a `build` subcommand.
pub fn args(cmd: Command) -> Command {
    cmd.arg(
        Arg::new("send")
            .long("send")
            .action(ArgAction::SetTrue)
            .conflicts_with("curl")
            .help("Send the request and print the answer as `drmtoken parse` does (exit 3: no complete answer)"),
    )
    .arg(
        Arg::new("base-url")
            .long("base-url")
            .value_name("URL")
            .requires("send")
            .help("Send to this scheme://host[:port][/prefix] instead (e.g. http://127.0.0.1:8787 for drmtoken serve)"),
    )
    .arg(
        Arg::new("timeout")
            .long("timeout")
            .value_name("SECS")
            .default_value(DEFAULT_TIMEOUT_SECS)
            .value_parser(parse_timeout)
            .help("Give up after this many seconds (the whole exchange, 0.001 to 600)"),
    )
    .arg(
        Arg::new("insecure")
            .long("insecure")
            .action(ArgAction::SetTrue)
            .requires("send")
            .help("Do not verify the server's TLS certificate"),
    )
    .arg(
        Arg::new("header")
            .long("header")
            .short('H')
            .value_name("NAME: VALUE")
            .action(ArgAction::Append)
            .requires("send")
            .help("An extra request header (repeatable), e.g. 'X-Drmtoken-Fault: status=503' for drmtoken serve"),
    )
    .arg(
        Arg::new("json")
            .long("json")
            .action(ArgAction::SetTrue)
            .requires("send")
            .help("With --send: print the answer as one JSON object"),
    )
}

fn parse_timeout(s: &str) -> Result<Duration, String> {
    let secs: f64 = s.parse().map_err(|_| format!("not a number of seconds: {s}"))?;
    if !(0.001..=600.0).contains(&secs) {
        return Err("the timeout must be 0.001 to 600 seconds".into());
    }
    Duration::try_from_secs_f64(secs).map_err(|e| e.to_string())
}

/// Whether `--send` was given.
pub fn wanted(m: &ArgMatches) -> bool {
    m.get_flag("send")
}

/// One request, as the core built it.
pub struct Outgoing<'a> {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The URL the core wrote.
    pub url: &'a str,
    /// The core's headers.
    pub headers: Headers<'a>,
    /// The body of a POST (`None`: an empty body).
    pub body: Option<&'a [u8]>,
}

/// `url` with its scheme and authority replaced by `base` (and `base`'s path as a prefix).
fn rebase(url: &str, base: &str) -> Result<String, Failure> {
    let lower = base.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) || base.contains(['?', '#']) {
        return Err(Failure::Usage(format!(
            "--base-url {base}: expected http(s)://host[:port][/prefix]"
        )));
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find(['/', '?']).map_or("", |i| rest.get(i..).unwrap_or_default());
    Ok(concat(&[base.trim_end_matches('/'), path]))
}

/// `NAME: VALUE`.
fn extra_header(h: &str) -> Result<(&str, &str), Failure> {
    let (name, value) = h
        .split_once(':')
        .ok_or_else(|| Failure::Usage(format!("--header {h:?}: expected 'NAME: VALUE'")))?;
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_".contains(&b)) {
        return Err(Failure::Usage(format!("--header {h:?}: bad header name")));
    }
    Ok((name, value.trim()))
}

fn agent(m: &ArgMatches) -> ureq::Agent {
    let timeout = m
        .get_one::<Duration>("timeout")
        .copied()
        .unwrap_or(Duration::from_secs(30));
    let tls = ureq::tls::TlsConfig::builder()
        .disable_verification(m.get_flag("insecure"))
        .build();
    ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
        .max_redirects(0)
        .http_status_as_error(false)
        .user_agent(concat!("drmtoken/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls)
        .build()
        .into()
}

/// Why no complete answer arrived, and the exit status for it.
fn no_answer(json_out: bool, what: &str, e: &ureq::Error) -> ExitCode {
    let reason = match e {
        ureq::Error::Timeout(_) => "timed out".to_owned(),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            "the connection closed before the whole answer arrived".to_owned()
        }
        other => other.to_string(),
    };
    if json_out {
        println!(
            "{}",
            json!({ "ok": false, "transport": true, "error": format!("{what}: {reason}") })
        );
    } else {
        eprintln!("drmtoken: {what}: {reason}");
    }
    ExitCode::from(EXIT_TRANSPORT)
}

/// Sends `out` and prints the answer of `service` as `drmtoken parse` does.
pub fn send(service: &str, m: &ArgMatches, out: &Outgoing<'_>) -> Result<ExitCode, Failure> {
    let json_out = m.get_flag("json");
    let url = match m.get_one::<String>("base-url") {
        Some(base) => Zeroizing::new(rebase(out.url, base)?),
        None => Zeroizing::new(out.url.to_owned()),
    };
    let mut headers: Vec<(String, Zeroizing<String>)> = out
        .headers
        .iter()
        .map(|h| (h.name.to_owned(), Zeroizing::new(concat(&[h.value_prefix, h.value]))))
        .collect();
    for h in m.get_many::<String>("header").into_iter().flatten() {
        let (name, value) = extra_header(h)?;
        headers.push((name.to_owned(), Zeroizing::new(value.to_owned())));
    }
    let agent = agent(m);
    let result = if out.method == "POST" {
        let mut request = agent.post(url.as_str());
        for (name, value) in &headers {
            request = request.header(name.as_str(), value.as_str());
        }
        match out.body {
            Some(body) => request.send(body),
            None => request.send_empty(),
        }
    } else {
        let mut request = agent.get(url.as_str());
        for (name, value) in &headers {
            request = request.header(name.as_str(), value.as_str());
        }
        request.call()
    };
    let mut response = match result {
        Ok(r) => r,
        Err(ureq::Error::BadUri(e)) => return Err(Failure::Usage(format!("bad URL: {e}"))),
        Err(e) => return Ok(no_answer(json_out, "request failed", &e)),
    };
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = match response.body_mut().with_config().limit(MAX_RESPONSE).read_to_vec() {
        Ok(b) => Zeroizing::new(b),
        Err(e) => return Ok(no_answer(json_out, &format!("reading the {status} answer"), &e)),
    };
    Ok(crate::parse::print_response(
        service,
        status,
        &content_type,
        &body,
        json_out,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebase_keeps_path_and_query() {
        assert_eq!(
            rebase(
                "https://pr-gen.test.expressplay.com/hms/pr/token?a=b",
                "http://127.0.0.1:8787/"
            )
            .unwrap(),
            "http://127.0.0.1:8787/hms/pr/token?a=b"
        );
        assert_eq!(
            rebase(
                "https://h:443/ias/v2/content_token?content_id=c",
                "https://proxy.example/x"
            )
            .unwrap(),
            "https://proxy.example/x/ias/v2/content_token?content_id=c"
        );
        assert!(rebase("https://h/p", "ftp://x").is_err());
        assert!(rebase("https://h/p", "http://x/?q").is_err());
    }

    #[test]
    fn timeouts_and_headers() {
        assert_eq!(parse_timeout("1.5").unwrap(), Duration::from_millis(1500));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("601").is_err());
        assert_eq!(
            extra_header("X-Drmtoken-Fault: drop").unwrap(),
            ("X-Drmtoken-Fault", "drop")
        );
        assert!(extra_header("no colon").is_err());
        assert!(extra_header("bad name: x").is_err());
    }
}
