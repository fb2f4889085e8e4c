//! `drmtoken serve` and `drmtoken build … --send`, end to end: the emulator runs on a free
//! loopback port inside the test, and the real `drmtoken` binary talks to it. Every service's
//! success, each error class, and each injected fault reported cleanly with the right exit
//! status (0 a token, 1 a refusal or an unreadable answer, 2 usage, 3 no complete answer).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command as StdCommand, Stdio};
use std::time::Duration;

use assert_cmd::Command;
use drmtoken_emulator::{Config, Server};
use serde_json::Value;

const AUTH: &str = "201722,1ad8eed133edf43cbcc185f0236828ae";
const KEY: &str = "b366360da82e9c6e0b0984002a362cf2";

fn drmtoken() -> Command {
    let mut c = Command::cargo_bin("drmtoken").unwrap();
    for v in [
        "DRMTOKEN_CUSTOMER_AUTHENTICATOR",
        "DRMTOKEN_CONTENT_KEY",
        "DRMTOKEN_BEARER_TOKEN",
        "DRMTOKEN_ACCESS_TOKEN",
        "DRMTOKEN_KEK",
        "DRMTOKEN_EK",
    ] {
        c.env_remove(v);
    }
    c.timeout(Duration::from_secs(60));
    c
}

fn emulator() -> Server {
    Server::start("127.0.0.1:0".parse().unwrap(), Config::builtin()).unwrap()
}

fn args(service: &str, auth: &str) -> Vec<String> {
    let mut a: Vec<String> = vec![
        "build".into(),
        service.into(),
        "--customerAuthenticator".into(),
        auth.into(),
    ];
    let rest: &[&str] = match service {
        "playready" => &[
            "--kid",
            KEY,
            "--contentKey",
            KEY,
            "--rightsType",
            "BuyToOwn",
            "--analogVideoOPL",
            "0",
            "--compressedDigitalAudioOPL",
            "0",
            "--compressedDigitalVideoOPL",
            "0",
            "--uncompressedDigitalAudioOPL",
            "0",
            "--uncompressedDigitalVideoOPL",
            "0",
        ],
        "fairplay" => &["--contentKey", KEY, "--iv", "0123456789abcdef0123456789abcdef"],
        _ => &[
            "--kid",
            KEY,
            "--contentKey",
            KEY,
            "--securityLevel",
            "1",
            "--hdcpOutputControl",
            "0",
        ],
    };
    a.extend(rest.iter().map(|s| (*s).to_owned()));
    a
}

fn opentv_args(content: &str, token: &str, tenant: &str) -> Vec<String> {
    [
        "build",
        "opentv",
        "--host",
        "ias.example.com",
        "--content_id",
        content,
        "--authorization",
        token,
        "--nv-tenant-id",
        tenant,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

fn adobe_args(device: &str, resource: &str, format: &str) -> Vec<String> {
    [
        "build",
        "adobe-pass",
        "--sp-fqdn",
        "api.auth.adobe.com",
        "--requestor",
        "sampleRequestorId",
        "--deviceId",
        device,
        "--resource",
        resource,
        "--device_info",
        "e30=",
        "--format",
        format,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// Runs `args` with `--send --base-url <server> --json` (and `extra`): exit status and JSON.
fn send(server: &str, args: &[String], extra: &[&str]) -> (i32, Value, String) {
    let out = drmtoken()
        .args(args)
        .args(["--send", "--json", "--base-url", server])
        .args(extra)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout:?} {stderr}"));
    (out.status.code().unwrap(), json, stderr)
}

fn fault(spec: &str) -> String {
    format!("X-Drmtoken-Fault: {spec}")
}

#[test]
fn serve_prints_its_address_and_routes_and_answers() {
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("drmtoken"))
        .args(["serve", "--addr", "127.0.0.1:0", "--quiet"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let url = first
        .strip_prefix("drmtoken serve: listening on ")
        .unwrap_or_else(|| panic!("{first}"))
        .to_owned();
    let printed: Vec<String> = lines.by_ref().take(8).map(Result::unwrap).collect();
    let printed = printed.join("\n");
    for route in [
        "/hms/fp/token",
        "/hms/pr/token",
        "/hms/wv/token",
        "/ias/v2/content_token",
        "/api/v1/tokens/authz",
    ] {
        assert!(printed.contains(route), "{route} missing from {printed}");
    }
    let (code, json, _) = send(&url, &args("playready", AUTH), &[]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(code, 0, "{json}");
    assert!(json["licenseUrl"]
        .as_str()
        .unwrap()
        .starts_with("https://expressplay-licensing.axprod.net/LicensingService.ashx?ExpressPlayToken="));
}

#[test]
fn serve_prints_its_default_config_and_refuses_a_bad_one() {
    drmtoken()
        .args(["serve", "--print-config"])
        .assert()
        .success()
        .stdout(drmtoken_emulator::DEFAULT_CONFIG);
    let dir = std::env::temp_dir().join(format!("drmtoken-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[[faults]]\nfault = \"explode\"\n").unwrap();
    let out = drmtoken()
        .args(["serve", "--addr", "127.0.0.1:0", "--config"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown fault"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_service_succeeds() {
    let server = emulator();
    let url = server.base_url();
    let (code, j, e) = send(&url, &args("fairplay", AUTH), &[]);
    assert_eq!(code, 0, "{j} {e}");
    assert!(j["skdUri"]
        .as_str()
        .unwrap()
        .starts_with("skd://fp.test.expressplay.com:80/hms/fp/rights/"));
    let (code, j, _) = send(&url, &args("playready", AUTH), &[]);
    assert_eq!(code, 0);
    let token = j["token"].as_str().unwrap().to_owned();
    // POST gives the same token as GET.
    let mut post = args("playready", AUTH);
    post.push("--post".into());
    let (code, j, _) = send(&url, &post, &[]);
    assert_eq!((code, j["token"].as_str().unwrap()), (0, token.as_str()));
    let (code, j, _) = send(&url, &args("widevine", AUTH), &[]);
    assert_eq!(code, 0);
    assert_eq!(j["urlWithoutQuery"], "https://wv.test.expressplay.com/hms/wv/rights/");
    let (code, j, e) = send(&url, &opentv_args("content7", "emulator-bearer-token", "nagra"), &[]);
    assert_eq!(code, 0, "{j} {e}");
    assert_eq!(j["contentToken"]["contentRights"][0]["contentId"], "content7");
    assert_eq!(j["tokenType"], "Bearer");
    for format in ["json", "xml"] {
        let (code, j, _) = send(&url, &adobe_args("d1", "sampleResourceId", format), &[]);
        assert_eq!(code, 0, "{format}: {j}");
        assert_eq!(
            (j["mvpd"].as_str(), j["proxyMvpd"].as_str()),
            (Some("sampleMvpdId"), Some("sampleProxyMvpdId"))
        );
    }
    // Human output too: parse's lines.
    drmtoken()
        .args(args("widevine", AUTH))
        .args(["--send", "--base-url", &url])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "licenseServerUrl: https://wv.test.expressplay.com/hms/wv/rights/?ExpressPlayToken=",
        ));
}

#[test]
fn every_error_class_is_a_refusal_with_exit_1() {
    let server = emulator();
    let url = server.base_url();
    // ExpressPlay: unknown authenticator (401, -2018), HTML and JSON; a disabled service (-6009).
    for extra in [&[][..], &["--errorFormat", "json"][..]] {
        let mut a = args("widevine", "201722,unknown");
        a.extend(extra.iter().map(|s| (*s).to_owned()));
        let (code, j, _) = send(&url, &a, &[]);
        assert_eq!(
            (code, j["status"].as_u64(), j["code"].as_i64()),
            (1, Some(401), Some(-2018)),
            "{j}"
        );
    }
    let (code, j, _) = send(&url, &args("fairplay", "201722,playreadyonly00000000000000000"), &[]);
    assert_eq!((code, j["code"].as_i64()), (1, Some(-6009)), "{j}");
    // A bad URL (a base URL with a path the service does not have): 404.
    let (code, j, _) = send(&format!("{url}/nowhere"), &args("playready", AUTH), &[]);
    assert_eq!((code, j["status"].as_u64()), (1, Some(404)), "{j}");
    // OpenTV: 401, 403 (tenant), 403 (entitlement), 404.
    for (content, token, tenant, status) in [
        ("content7", "wrong-token", "nagra", 401),
        ("content7", "emulator-bearer-token", "other", 403),
        ("content-premium", "emulator-bearer-token", "nagra", 403),
        ("nosuch", "emulator-bearer-token", "nagra", 404),
    ] {
        let (code, j, _) = send(&url, &opentv_args(content, token, tenant), &[]);
        assert_eq!((code, j["status"].as_u64()), (1, Some(status)), "{content} {j}");
    }
    // Adobe Pass: 412, 404, 410, in both formats, with the seed's messages.
    for format in ["json", "xml"] {
        for (device, resource, status, message) in [
            (
                "unauthenticatedDevice",
                "sampleResourceId",
                412,
                "User not authenticated",
            ),
            (
                "d1",
                "nosuch",
                404,
                if format == "json" { "Not Found" } else { "Not found" },
            ),
            ("d1", "expiredResourceId", 410, "Gone"),
        ] {
            let (code, j, _) = send(&url, &adobe_args(device, resource, format), &[]);
            assert_eq!(
                (code, j["status"].as_u64(), j["message"].as_str()),
                (1, Some(status), Some(message)),
                "{format} {j}"
            );
        }
    }
}

#[test]
fn each_injected_fault_is_reported_cleanly() {
    let server = emulator();
    let url = server.base_url();
    let pr = args("playready", AUTH);
    // A 5xx: a refusal, exit 1, for every service.
    let (code, j, _) = send(&url, &pr, &["-H", &fault("status=503")]);
    assert_eq!((code, j["status"].as_u64()), (1, Some(503)), "{j}");
    let (code, j, _) = send(
        &url,
        &opentv_args("content7", "emulator-bearer-token", "nagra"),
        &["-H", &fault("status=500")],
    );
    assert_eq!((code, j["status"].as_u64()), (1, Some(500)), "{j}");
    let (code, j, _) = send(
        &url,
        &adobe_args("d1", "sampleResourceId", "xml"),
        &["-H", &fault("status=502")],
    );
    assert_eq!((code, j["status"].as_u64()), (1, Some(502)), "{j}");
    // A dropped connection: no complete answer, exit 3.
    let (code, j, _) = send(&url, &pr, &["-H", &fault("drop")]);
    assert_eq!((code, j["transport"].as_bool()), (3, Some(true)), "{j}");
    assert!(j["error"].as_str().unwrap().contains("closed"), "{j}");
    // Truncated and malformed bodies, a wrong content type: unreadable answers, exit 1.
    for (spec, words) in [
        ("truncate", "JSON"),
        ("malformed", "JSON"),
        ("content-type=text/plain", "content type"),
    ] {
        let (code, j, _) = send(&url, &pr, &["-H", &fault(spec)]);
        assert_eq!(code, 1, "{spec}: {j}");
        assert!(j["error"].as_str().unwrap().contains(words), "{spec}: {j}");
    }
    let (code, j, _) = send(
        &url,
        &adobe_args("d1", "sampleResourceId", "xml"),
        &["-H", &fault("malformed")],
    );
    assert_eq!(code, 1, "{j}");
    let (code, j, _) = send(
        &url,
        &opentv_args("content7", "emulator-bearer-token", "nagra"),
        &["-H", &fault("truncate")],
    );
    assert_eq!(code, 1, "{j}");
    // Latency and a trickled body within the timeout: a token; beyond it: exit 3, timed out.
    let (code, _, _) = send(&url, &pr, &["-H", &fault("latency=100ms, trickle=10ms/64")]);
    assert_eq!(code, 0);
    for spec in ["latency=3s", "trickle=500ms/8"] {
        let (code, j, _) = send(&url, &pr, &["-H", &fault(spec), "--timeout", "0.5"]);
        assert_eq!(
            (code, j["error"].as_str().map(|e| e.contains("timed out"))),
            (3, Some(true)),
            "{spec}: {j}"
        );
    }
    // Human output of a transport failure: one line on stderr.
    drmtoken()
        .args(&pr)
        .args(["--send", "--base-url", &url, "-H", &fault("drop")])
        .assert()
        .code(3)
        .stderr(predicates::str::starts_with("drmtoken: "));
}

#[test]
fn config_rules_inject_without_a_header() {
    let toml = format!(
        "{}\n[[faults]]\npath = \"/ias/\"\nfault = \"status=503\"\n",
        drmtoken_emulator::DEFAULT_CONFIG
    );
    let server = Server::start("127.0.0.1:0".parse().unwrap(), Config::from_toml(&toml).unwrap()).unwrap();
    let (code, j, _) = send(
        &server.base_url(),
        &opentv_args("content7", "emulator-bearer-token", "nagra"),
        &[],
    );
    assert_eq!((code, j["status"].as_u64()), (1, Some(503)), "{j}");
    let (code, _, _) = send(&server.base_url(), &args("playready", AUTH), &[]);
    assert_eq!(code, 0);
}

#[test]
fn no_server_no_tls_and_redirects_are_clean_failures() {
    // Nothing listening: exit 3.
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let (code, j, _) = send(
        &format!("http://127.0.0.1:{port}"),
        &args("playready", AUTH),
        &["--timeout", "5"],
    );
    assert_eq!((code, j["transport"].as_bool()), (3, Some(true)), "{j}");
    // TLS against a plain-HTTP server: the handshake fails, verified or not.
    let server = emulator();
    let https = format!("https://{}", server.addr());
    for extra in [&["--timeout", "5"][..], &["--timeout", "5", "--insecure"][..]] {
        let (code, j, _) = send(&https, &args("playready", AUTH), extra);
        assert_eq!(code, 3, "{j}");
    }
    // A redirect is the answer, not followed: it points back to the redirecting server, which
    // sees one request only.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let redirector = std::thread::spawn(move || {
        let (mut s, _) = listener.accept().unwrap();
        let mut buf = [0u8; 4096];
        let _ = s.read(&mut buf);
        let reply = format!(
            "HTTP/1.1 302 Found\r\nLocation: http://{addr}/hms/pr/token\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        s.write_all(reply.as_bytes()).unwrap();
        // A second request (a followed redirect) would come back here; none may.
        listener.set_nonblocking(true).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        listener.accept().is_err()
    });
    let (code, j, _) = send(&format!("http://{addr}"), &args("playready", AUTH), &[]);
    assert_eq!((code, j["status"].as_u64()), (1, Some(302)), "{j}");
    assert!(
        redirector.join().unwrap(),
        "the redirect came back to the redirecting server"
    );
    // Usage errors: exit 2.
    drmtoken()
        .args(args("playready", AUTH))
        .args(["--send", "--base-url", "ftp://x"])
        .assert()
        .code(2);
    drmtoken()
        .args(args("playready", AUTH))
        .args(["--send", "--curl"])
        .assert()
        .code(2);
    drmtoken()
        .args(args("playready", AUTH))
        .args(["--json"])
        .assert()
        .code(2);
    drmtoken()
        .args(args("playready", AUTH))
        .args(["--send", "--timeout", "0"])
        .assert()
        .code(2);
}

#[test]
fn the_readme_try_it_offline_commands_work() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let section = &readme[readme
        .find("## Try it offline")
        .expect("the README has a Try it offline section")..];
    assert!(section.contains("\ncargo run -q -p drmtoken-cli -- serve "));
    let fetch = section
        .lines()
        .find(|l| l.starts_with("cargo run -q -p drmtoken-cli -- build playready") && l.contains("--send"))
        .expect("the README fetches a PlayReady token");
    let server = emulator();
    let words: Vec<String> = fetch
        .split_whitespace()
        .skip(6)
        .map(|w| w.replace("http://127.0.0.1:8787", &server.base_url()))
        .collect();
    let out = drmtoken().args(&words).arg("--json").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let j: Value = serde_json::from_slice(&out.stdout).unwrap();
    // The token the README shows (the same request always gets the same token).
    let shown = section
        .lines()
        .find_map(|l| l.strip_prefix("# token: "))
        .and_then(|l| l.split("...").next())
        .unwrap();
    assert!(j["token"].as_str().unwrap().starts_with(shown), "{j}");
    // The default configuration shown is the built-in one.
    assert!(section.contains(drmtoken_emulator::DEFAULT_CONFIG));
}
