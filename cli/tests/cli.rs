//! The `drmtoken` binary, run for real: every command, its exit codes, its JSON shape, and the
//! shared request vectors through `build` and `check`.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn drmtoken() -> Command {
    let mut c = Command::cargo_bin("drmtoken").unwrap();
    c.env_remove("DRMTOKEN_KEK")
        .env_remove("DRMTOKEN_KEY")
        .env_remove("DRMTOKEN_CUSTOMER_AUTHENTICATOR")
        .env_remove("DRMTOKEN_CONTENT_KEY")
        .env_remove("DRMTOKEN_EK")
        .env_remove("DRMTOKEN_BEARER_TOKEN")
        .env_remove("DRMTOKEN_ACCESS_TOKEN");
    c
}

fn vectors(name: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    serde_json::from_str(&std::fs::read_to_string(format!("{path}{name}")).unwrap()).unwrap()
}

/// 2026-01-01T00:00:00Z, the "now" of the request vectors.
const NOW: &str = "2026-01-01T00:00:00Z";

#[test]
fn every_valid_request_vector_builds_its_url_and_body() {
    let mut built = 0;
    for case in vectors("expressplay_requests.json") {
        if !case["error"].is_null() || case["environment"] != "test" && case["environment"] != "production" {
            continue;
        }
        let mut args: Vec<String> = vec!["build".into(), case["service"].as_str().unwrap().into()];
        args.extend([
            "--env".into(),
            case["environment"].as_str().unwrap().into(),
            "--now".into(),
            NOW.into(),
        ]);
        for p in case["params"].as_array().unwrap() {
            args.push(format!("--{}", p[0].as_str().unwrap()));
            args.push(p[1].as_str().unwrap().into());
        }
        let name = case["name"].as_str().unwrap();
        let out = drmtoken().args(&args).output().unwrap();
        assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().trim_end(),
            case["url"].as_str().unwrap(),
            "{name}"
        );
        args.push("--post".into());
        let out = drmtoken().args(&args).output().unwrap();
        assert_eq!(
            String::from_utf8(out.stdout).unwrap().trim_end(),
            case["form_body"].as_str().unwrap(),
            "{name}"
        );
        built += 1;
    }
    assert!(built >= 11, "only {built} valid vectors");
}

/// Percent-encodes every byte but `A-Z a-z 0-9 - . _ ~` (what any form decoder reads back).
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The URL of a vector's parameters, valid or not, as a player would have sent it.
fn url_of(case: &Value) -> String {
    let p = match case["service"].as_str().unwrap() {
        "fairplay" => "fp",
        "playready" => "pr",
        _ => "wv",
    };
    let domain = if case["environment"] == "production" {
        "service.expressplay.com"
    } else {
        "test.expressplay.com"
    };
    let query: Vec<String> = case["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| format!("{}={}", encode(p[0].as_str().unwrap()), encode(p[1].as_str().unwrap())))
        .collect();
    format!("https://{p}-gen.{domain}/hms/{p}/token?{}", query.join("&"))
}

#[test]
fn every_request_vector_is_checked_with_its_code() {
    let mut checked = 0;
    for case in vectors("expressplay_requests.json") {
        // Parameters in the vector's order (the service reads them in any order).
        let url = url_of(&case);
        let url = url.as_str();
        let name = case["name"].as_str().unwrap();
        let out = drmtoken()
            .args(["check", "--json", "--now", NOW, url])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let keys: Vec<&str> = report.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["code", "error", "message", "parameter", "service", "valid", "warnings"],
            "{name}"
        );
        assert_eq!(report["service"], case["service"], "{name}");
        if case["error"].is_null() {
            assert_eq!(report["valid"], true, "{name}: {report}");
            assert_eq!(out.status.code(), Some(0), "{name}");
        } else {
            assert_eq!(report["valid"], false, "{name}");
            assert_eq!(report["code"], case["error"]["code"], "{name}");
            assert_eq!(report["parameter"], case["error"]["parameter"], "{name}");
            assert!(report["message"].as_str().is_some_and(|m| !m.is_empty()), "{name}");
            // The one text of the error: the code, the message, the parameter.
            assert_eq!(
                report["error"],
                format!(
                    "{}: {} [parameter {}]",
                    case["error"]["code"],
                    report["message"].as_str().unwrap(),
                    case["error"]["parameter"].as_str().unwrap()
                ),
                "{name}"
            );
            assert_eq!(out.status.code(), Some(1), "{name}");
        }
        checked += 1;
    }
    assert!(checked >= 56, "only {checked} vectors");
}

#[test]
fn check_hints_at_typos_and_reads_stdin() {
    let url = "https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=a&kid=%5Em\
               &contentkey=b366360da82e9c6e0b0984002a362cf2&securityLevel=1&hdcpOutputControl=0";
    drmtoken()
        .args(["check", "-"])
        .write_stdin(url)
        .assert()
        .success()
        .stdout(predicate::str::contains("valid widevine request"))
        .stdout(predicate::str::contains("did you mean contentKey?"));
}

#[test]
fn check_human_output_names_parameter_code_and_message() {
    drmtoken()
        .args(["check", "https://pr-gen.test.expressplay.com/hms/pr/token?customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=abc"])
        .assert()
        .code(1)
        .stdout(
            "invalid playready request: -2027: Content encryption key must be 32-hexadecimal digits long \
             [parameter contentKey]\n",
        );
}

#[test]
fn check_form_body_needs_a_service_and_usage_errors_exit_2() {
    drmtoken().args(["check", "--body", "kid=1"]).assert().code(2);
    drmtoken().args(["check"]).assert().code(2);
    drmtoken().args(["frobnicate"]).assert().code(2);
    drmtoken()
        .args(["check", "--body", "--service", "widevine", "customerAuthenticator=a&kid=b366360da82e9c6e0b0984002a362cf2&contentKey=b366360da82e9c6e0b0984002a362cf2&securityLevel=6&hdcpOutputControl=0"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("-7004"));
}

#[test]
fn check_not_an_expressplay_url_is_invalid_with_null_code() {
    let out = drmtoken()
        .args(["check", "--json", "https://example.com/x?a=1"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (
            report["valid"].clone(),
            report["code"].clone(),
            report["service"].clone()
        ),
        (false.into(), Value::Null, Value::Null)
    );
}

#[test]
fn build_curl_and_post_forms() {
    let base = [
        "build",
        "widevine",
        "--customerAuthenticator",
        "it's",
        "--kid",
        "b366360da82e9c6e0b0984002a362cf2",
        "--content-key",
        "b366360da82e9c6e0b0984002a362cf2",
        "--security-level",
        "1",
        "--hdcp-output-control",
        "0",
    ];
    drmtoken()
        .args(base)
        .arg("--curl")
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "curl -sS 'https://wv-gen.test.expressplay.com/hms/wv/token?customerAuthenticator=it%27s",
        ));
    drmtoken()
        .args(base)
        .args(["--curl", "--post"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "-X POST -H 'Content-Type: application/x-www-form-urlencoded' --data 'customerAuthenticator=it%27s",
        ));
    drmtoken()
        .args(base)
        .args(["--domain", "drm.example.com"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "https://wv-gen.drm.example.com/hms/wv/token?",
        ));
}

#[test]
fn build_reports_the_service_code_and_exits_1() {
    drmtoken()
        .args([
            "build",
            "fairplay",
            "--customerAuthenticator",
            "a",
            "--contentKey",
            "b366360da82e9c6e0b0984002a362cf2",
        ])
        .assert()
        .code(1)
        .stderr("drmtoken: -6003: Invalid iv parameter specified [parameter iv]\n");
}

#[test]
fn build_takes_the_authenticator_from_the_environment() {
    drmtoken()
        .env("DRMTOKEN_CUSTOMER_AUTHENTICATOR", "201722,secret")
        .args([
            "build",
            "widevine",
            "--kid",
            "b366360da82e9c6e0b0984002a362cf2",
            "--contentKey",
            "b366360da82e9c6e0b0984002a362cf2",
            "--securityLevel",
            "1",
            "--hdcpOutputControl",
            "0",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("customerAuthenticator=201722%2Csecret"));
}

#[test]
fn build_opentv_and_adobe_pass() {
    drmtoken()
        .env("DRMTOKEN_BEARER_TOKEN", "eyJ.secret.sig")
        .args([
            "build",
            "opentv",
            "--host",
            "ias.example.com",
            "--content_id",
            "content 7",
            "--nv-tenant-id",
            "nagra",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "POST https://ias.example.com:443/ias/v2/content_token?content_id=content%207&type=device",
        ))
        .stdout(predicate::str::contains("authorization: Bearer <redacted>"))
        .stdout(predicate::str::contains("secret").not());
    drmtoken()
        .env("DRMTOKEN_BEARER_TOKEN", "a\r\nX-Evil: 1")
        .args([
            "build",
            "opentv",
            "--host",
            "ias.example.com",
            "--content-id",
            "c",
            "--tenant-id",
            "nagra",
        ])
        .assert()
        .code(1)
        .stderr("drmtoken: control character in a header value [parameter authorization]\n");
    let dir = std::env::temp_dir().join(format!("drmtoken-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let info = dir.join("device.json");
    std::fs::write(&info, "{}").unwrap();
    drmtoken()
        .args(["build", "adobe-pass", "--sp-fqdn", "api.auth.adobe.com", "--requestor", "r", "--device-id", "d",
            "--resource", "<rss/>", "--device-info-json", info.to_str().unwrap(), "--device-user", "u"])
        .assert()
        .success()
        .stdout(predicate::str::contains("GET https://api.auth.adobe.com/api/v1/tokens/authz?requestor=r&deviceId=d&resource=%3Crss%2F%3E&deviceUser=u&format=json"))
        .stdout(predicate::str::contains("X-Device-Info: e30="))
        .stderr(predicate::str::contains("deviceUser is deprecated"));
}

#[test]
fn keywrap_round_trip_from_files_and_environment() {
    let dir = std::env::temp_dir().join(format!("drmtoken-kw-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let kek = dir.join("kek");
    std::fs::write(&kek, "000102030405060708090a0b0c0d0e0f\n").unwrap();
    let key = dir.join("key");
    std::fs::write(&key, "00112233445566778899AABBCCDDEEFF").unwrap();
    drmtoken()
        .args([
            "keywrap",
            "wrap",
            "--kek-file",
            kek.to_str().unwrap(),
            "--key-file",
            key.to_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout("1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5\n");
    drmtoken()
        .env("DRMTOKEN_KEK", "000102030405060708090a0b0c0d0e0f")
        .args([
            "keywrap",
            "unwrap",
            "--wrapped",
            "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        ])
        .assert()
        .success()
        .stdout("00112233445566778899aabbccddeeff\n");
}

#[test]
fn keywrap_failures_exit_1_with_a_clear_message() {
    drmtoken()
        .args([
            "keywrap",
            "unwrap",
            "--kek",
            "000102030405060708090a0b0c0d0e0f",
            "--wrapped",
            "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe4",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("integrity check failed"));
    drmtoken()
        .args([
            "keywrap",
            "unwrap",
            "--kek",
            "0001",
            "--wrapped",
            "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("KEK"));
    drmtoken()
        .args(["keywrap", "unwrap", "--wrapped", "00"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("DRMTOKEN_KEK"));
    let help = drmtoken().args(["keywrap", "wrap", "--help"]).output().unwrap();
    assert!(String::from_utf8(help.stdout)
        .unwrap()
        .contains("visible to every user"));
}

/// Every length class RFC 3394 permits, 16 to 4096-byte keys under 128/192/256-bit KEKs (key
/// from a file, KEK from the environment), against Python `cryptography`'s `aes_key_wrap`; and
/// the unwrap of each gives the key back.
#[test]
fn keywrap_long_keys_agree_with_python_cryptography() {
    let mut cases = Vec::new();
    for kek_len in [16usize, 24, 32] {
        for key_len in [16usize, 24, 32, 64, 72, 1024, 4096] {
            let kek: String = (0..kek_len)
                .map(|i| format!("{:02x}", (i * 7 + kek_len) % 256))
                .collect();
            let key: String = (0..key_len)
                .map(|i| format!("{:02x}", (i * 13 + key_len) % 256))
                .collect();
            cases.push((kek, key));
        }
    }
    let input: String = cases.iter().map(|(k, p)| format!("{k} {p}\n")).collect();
    let script = "import sys\nfrom cryptography.hazmat.primitives.keywrap import aes_key_wrap\nfor line in sys.stdin:\n    kek, key = (bytes.fromhex(x) for x in line.split())\n    print(aes_key_wrap(kek, key).hex())\n";
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let out = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .expect("python3 with `cryptography` (Debian: python3-cryptography)");
    assert!(out.status.success(), "python3 with `cryptography` is required");
    let theirs = String::from_utf8(out.stdout).unwrap();
    let dir = std::env::temp_dir().join(format!("drmtoken-kw-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("key");
    for ((kek, key), wrapped) in cases.iter().zip(theirs.lines()) {
        std::fs::write(&key_file, format!("{}\n", key.to_uppercase())).unwrap();
        drmtoken()
            .env("DRMTOKEN_KEK", kek)
            .args(["keywrap", "wrap", "--key-file", key_file.to_str().unwrap()])
            .assert()
            .success()
            .stdout(format!("{wrapped}\n"));
        drmtoken()
            .env("DRMTOKEN_KEK", kek)
            .args(["keywrap", "unwrap", "--wrapped", wrapped])
            .assert()
            .success()
            .stdout(format!("{key}\n"));
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The lengths RFC 3394 does not permit are refused with exit 1: a key of one 64-bit block, of
/// 15 or 17 bytes, a wrapped key of 16 bytes, one that is not a multiple of 8.
#[test]
fn keywrap_refuses_the_lengths_the_rfc_does_not_permit() {
    let kek = "000102030405060708090a0b0c0d0e0f";
    for key_bytes in [8usize, 15, 17] {
        drmtoken()
            .args(["keywrap", "wrap", "--kek", kek, "--key", &"ab".repeat(key_bytes)])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("a multiple of 8"));
    }
    for wrapped_bytes in [16usize, 25, 31] {
        drmtoken()
            .args([
                "keywrap",
                "unwrap",
                "--kek",
                kek,
                "--wrapped",
                &"ab".repeat(wrapped_bytes),
            ])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains("a multiple of 8"));
    }
}

/// Every key of a `parse --json` report is camelCase (no `_`, no `-`, a lower-case first
/// letter), at every depth; OpenTV's `ratingThreshold` map is data keyed by the body, not ours.
fn assert_camel_case(v: &Value, what: &str) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                assert!(
                    !k.contains(['_', '-']) && k.starts_with(|c: char| c.is_ascii_lowercase()),
                    "{what}: key {k}"
                );
                if k != "ratingThreshold" {
                    assert_camel_case(v, what);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|v| assert_camel_case(v, what)),
        _ => {}
    }
}

#[test]
fn parse_every_response_vector_of_every_service() {
    for (file, service_of) in [
        ("expressplay_responses.json", None),
        ("opentv_responses.json", Some("opentv")),
        ("adobe_pass_responses.json", Some("adobe-pass")),
    ] {
        for case in vectors(file) {
            let name = case["name"].as_str().unwrap();
            let service = service_of.unwrap_or_else(|| case["service"].as_str().unwrap());
            let body: Vec<u8> = match case["body"].as_str() {
                Some(b) => b.as_bytes().to_vec(),
                None => {
                    let hex = case["body_hex"].as_str().unwrap();
                    (0..hex.len() / 2)
                        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
                        .collect()
                }
            };
            let status = case["status"].to_string();
            let out = drmtoken()
                .args([
                    "parse",
                    service,
                    "--json",
                    "--status",
                    &status,
                    "--content-type",
                    case["content_type"].as_str().unwrap(),
                    "-",
                ])
                .write_stdin(body)
                .output()
                .unwrap();
            let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{file} {name}: {e}"));
            let expect_ok = case.get("expect").is_some();
            assert_eq!(report["ok"], expect_ok, "{file} {name}: {report}");
            assert_eq!(out.status.code(), Some(if expect_ok { 0 } else { 1 }), "{file} {name}");
            if let Some(e) = case.get("expect") {
                // The vectors' keys are snake_case; `parse --json` speaks camelCase.
                for (key, ours) in [
                    ("token", "token"),
                    ("mvpd", "mvpd"),
                    ("expires", "expires"),
                    ("skd_uri", "skdUri"),
                    ("license_url", "licenseUrl"),
                ] {
                    if let Some(v) = e.get(key) {
                        assert_eq!(&report[ours], v, "{file} {name}: {key}");
                    }
                }
                assert_camel_case(&report, &format!("{file} {name}"));
            }
            if let Some(e) = case.get("service_error") {
                assert_eq!(report["code"], e["code"], "{file} {name}");
            }
        }
    }
}

#[test]
fn no_secret_is_echoed_in_any_error() {
    let auth = "201722,SECRET-AUTHENTICATOR";
    let key = "b366360da82e9c6e0b0984002a362cfZ";
    let out = drmtoken()
        .args([
            "build",
            "widevine",
            "--customerAuthenticator",
            auth,
            "--kid",
            "b366360da82e9c6e0b0984002a362cf2",
            "--contentKey",
            key,
            "--securityLevel",
            "1",
            "--hdcpOutputControl",
            "0",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("-2027") && !text.contains("SECRET") && !text.contains(key),
        "{text}"
    );
    let kek = "00112233445566778899aabbccddeeff";
    let out = drmtoken()
        .env("DRMTOKEN_KEK", kek)
        .args([
            "keywrap",
            "unwrap",
            "--wrapped",
            "1fa68b0a8112b447aef34bd8fb5a7b829d3e862371d2cfe5",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains(kek));
    let out = drmtoken()
        .env("DRMTOKEN_BEARER_TOKEN", "eyJ.SECRET.sig\r\n")
        .args([
            "build",
            "opentv",
            "--host",
            "ias.example.com",
            "--content-id",
            "c",
            "--tenant-id",
            "t",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("SECRET"));
}

#[test]
fn parse_guesses_the_content_type_and_prints_redemption_forms() {
    let body = "https://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA";
    drmtoken()
        .args(["parse", "fairplay"])
        .write_stdin(body)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "skdUri: skd://fp.service.expressplay.com:80/hms/fp/rights/?ExpressPlayToken=AAAA",
        ));
    drmtoken()
        .args(["parse", "playready", "--status", "400", "--json"])
        .write_stdin("<html><pre>-2027 Content encryption key must be 32-hexadecimal digits long</pre></html>")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"code\":-2027"));
    drmtoken()
        .args(["parse", "adobe-pass", "--json"])
        .write_stdin("<authorization><mvpd>m</mvpd><resource>r</resource><requestor>q</requestor><expires>5</expires></authorization>")
        .assert()
        .success()
        .stdout(predicate::str::contains("\"expires\":5"));
    drmtoken()
        .args(["parse", "fairplay", "/nonexistent/file"])
        .assert()
        .code(2);
}

#[test]
fn completions_version_and_help_examples() {
    drmtoken()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("drmtoken"));
    drmtoken()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("drmtoken "));
    for sub in [
        &["build"][..],
        &["check"],
        &["parse"],
        &["keywrap", "wrap"],
        &["keywrap", "unwrap"],
    ] {
        let out = drmtoken().args(sub).arg("--help").output().unwrap();
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Example"),
            "{sub:?} --help has no example"
        );
    }
}

/// A body nested 100 000 levels deep (about 200 KB) used to overflow the stack of
/// `drmtoken parse`: it is now refused with the nesting error, on a main thread of 512 KiB (an
/// unoptimised build needs that much for argument parsing alone; the release binary passes
/// with 64 KiB). Recursion per level would need several megabytes.
#[test]
fn parse_refuses_deep_nesting_on_a_small_stack() {
    let dir = std::env::temp_dir().join(format!("drmtoken-deep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let cases = [
        (
            "playready",
            "application/json",
            format!(r#"{{"x":{}{},"token":"A"}}"#, "[".repeat(100_000), "]".repeat(100_000)),
            "nesting too deep (more than 64 levels) at byte 68",
        ),
        (
            "opentv",
            "application/json",
            "[".repeat(100_000),
            "nesting too deep (more than 64 levels) at byte 64",
        ),
        (
            "adobe-pass",
            "application/xml",
            format!("<authorization>{}", "<x>".repeat(100_000)),
            "nesting too deep (more than 64 levels) at byte 204",
        ),
        (
            "widevine",
            "application/json",
            "{\"a\":1,}".to_owned(),
            "malformed or truncated JSON at byte 7",
        ),
    ];
    for (service, content_type, body, message) in cases {
        let path = dir.join(format!("{service}.body"));
        std::fs::write(&path, body).unwrap();
        let bin = assert_cmd::cargo::cargo_bin("drmtoken");
        let status = if service == "widevine" { "400" } else { "200" };
        let out = std::process::Command::new("sh")
            .args([
                "-c",
                r#"ulimit -s 512 && exec "$0" parse "$1" --status "$2" --content-type "$3" --json "$4""#,
            ])
            .arg(&bin)
            .args([service, status, content_type])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(1),
            "{service}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["error"], message, "{service}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// `build`'s ExpressPlay flags are the rows of the core's one parameter table: every row a
/// service takes is a flag named by its wire name, with the row's doc as help and its kebab-case
/// alias; a secret row names its environment variable; a row the service does not take is not a
/// flag.
#[test]
fn build_flags_are_the_core_parameter_table() {
    use drmtoken_core::expressplay::parameters::{Arity, FAIRPLAY, PARAMETERS, PLAYREADY, WIDEVINE};
    for (service, bit) in [("fairplay", FAIRPLAY), ("playready", PLAYREADY), ("widevine", WIDEVINE)] {
        let out = drmtoken().args(["build", service, "--help"]).output().unwrap();
        let help = String::from_utf8(out.stdout).unwrap();
        for p in PARAMETERS {
            let flag = format!("--{} <VALUE>", p.wire);
            if !p.taken_by(bit) {
                assert!(!help.contains(&flag), "{service} takes no {}", p.wire);
                continue;
            }
            // The flag's entry: its line and the help lines under it (clap puts short help on
            // the same line, long help below).
            let mut lines = help.lines().skip_while(|l| !l.trim_start().starts_with(&flag));
            let first = lines.next().unwrap_or_else(|| panic!("{service}: no {flag}"));
            let line: String = std::iter::once(first)
                .chain(lines.take_while(|l| !l.trim_start().starts_with('-')))
                .collect();
            assert!(line.contains(p.doc), "{service} {}: {line}", p.wire);
            assert_eq!(
                line.contains(&format!("[env: DRMTOKEN_{}]", p.field.to_uppercase())),
                p.secret,
                "{service} {}: {line}",
                p.wire
            );
            assert_eq!(line.contains("Repeatable"), p.arity == Arity::Repeated, "{}", p.wire);
        }
    }
}

fn playready_base() -> Vec<&'static str> {
    vec![
        "build",
        "playready",
        "--now",
        NOW,
        "--customerAuthenticator",
        "a",
        "--kid",
        "b366360da82e9c6e0b0984002a362cf2",
        "--contentKey",
        "b366360da82e9c6e0b0984002a362cf2",
        "--rightsType",
        "BuyToOwn",
        "--analogVideoOPL",
        "0",
        "--compressed-digital-audio-opl",
        "0",
        "--compressedDigitalVideoOPL",
        "0",
        "--uncompressedDigitalAudioOPL",
        "0",
        "--uncompressedDigitalVideoOPL",
        "0",
    ]
}

/// PlayReady extensions pair by position, the core's rule: the flags grouped (types, then
/// payloads) or interleaved, by wire name or kebab alias, give the same request, and it is the
/// request the core's own `set` makes of the same values.
#[test]
fn playready_extensions_pair_by_position_grouped_or_interleaved() {
    use drmtoken_core::expressplay::PlayReadyTokenRequest;
    let exts = [("abcd", "AAAA"), ("wxyz", "BBBB"), ("qrst", "CCCC")];
    let mut grouped = playready_base();
    for (t, _) in exts {
        grouped.extend(["--extensionType", t]);
    }
    for (_, p) in exts {
        grouped.extend(["--extension-payload", p]);
    }
    let mut interleaved = playready_base();
    for (t, p) in exts {
        interleaved.extend(["--extension-type", t, "--extensionPayload", p]);
    }
    let run = |args: &[&str]| {
        let out = drmtoken().args(args).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let (a, b) = (run(&grouped), run(&interleaved));
    assert_eq!(a, b);

    let mut core = PlayReadyTokenRequest::default();
    let pairs: Vec<(&str, &str)> = playready_base()[4..]
        .chunks(2)
        .map(|c| (c[0].trim_start_matches("--"), c[1]))
        .collect();
    for (name, value) in pairs {
        let name = if name == "compressed-digital-audio-opl" {
            "compressedDigitalAudioOPL"
        } else {
            name
        };
        core.set(name, value).unwrap();
    }
    for (t, p) in exts {
        core.set("extensionPayload", p).unwrap();
        core.set("extensionType", t).unwrap();
    }
    let mut url = vec![0u8; core.url_len()];
    assert_eq!(a.trim_end(), core.write_url(&mut url).unwrap());
    assert!(a.contains("extensionType=abcd&extensionPayload=AAAA&extensionType=wxyz&extensionPayload=BBBB"));

    // A type without its payload: the core's code, in the core's words.
    let mut unpaired = playready_base();
    unpaired.extend([
        "--extensionType",
        "abcd",
        "--extensionType",
        "wxyz",
        "--extensionPayload",
        "AAAA",
    ]);
    drmtoken()
        .args(&unpaired)
        .assert()
        .code(1)
        .stdout("")
        .stderr("drmtoken: -2035: No corresponding value specified [parameter extensionPayload]\n");
}

/// Every secret row may come from `$DRMTOKEN_<FIELD>`, not only the authenticator.
#[test]
fn build_takes_secret_parameters_from_the_environment() {
    drmtoken()
        .env("DRMTOKEN_CUSTOMER_AUTHENTICATOR", "a")
        .env("DRMTOKEN_CONTENT_KEY", "B366360DA82E9C6E0B0984002A362CF2")
        .args([
            "build",
            "widevine",
            "--kid",
            "b366360da82e9c6e0b0984002a362cf2",
            "--security-level",
            "1",
            "--hdcp-output-control",
            "0",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("contentKey=B366360DA82E9C6E0B0984002A362CF2"));
}

/// OpenTV and Adobe Pass follow the same flag rule: wire names (`content_id`, `nv-tenant-id`,
/// `deviceId`, `Authorization`...) with kebab-case aliases, and the former names still work.
#[test]
fn opentv_and_adobe_pass_flags_are_wire_names_with_aliases() {
    let opentv = |flags: [&str; 4]| {
        let out = drmtoken()
            .args(["build", "opentv", "--host", "ias.example.com"])
            .args([flags[0], "c7", flags[1], "nagra", flags[2], "tok3n", flags[3]])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{flags:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let wire = opentv(["--content_id", "--nv-tenant-id", "--authorization", "--curl"]);
    assert_eq!(
        wire,
        "curl -sS -X POST -H 'authorization: Bearer tok3n' -H 'nv-tenant-id: nagra' \
         'https://ias.example.com:443/ias/v2/content_token?content_id=c7&type=device'\n"
    );
    assert_eq!(
        opentv(["--content-id", "--tenant-id", "--bearer-token", "--curl"]),
        wire
    );

    // A secret header whose value came from the environment is a reference to the variable.
    drmtoken()
        .env("DRMTOKEN_BEARER_TOKEN", "SECRET-tok3n")
        .args([
            "build",
            "opentv",
            "--host",
            "ias.example.com",
            "--content_id",
            "c7",
            "--nv-tenant-id",
            "t",
            "--curl",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            r#"-H 'authorization: Bearer '"${DRMTOKEN_BEARER_TOKEN}""#,
        ))
        .stdout(predicate::str::contains("SECRET").not());

    let adobe = |flags: [&str; 6]| {
        let out = drmtoken()
            .args([
                "build",
                "adobe-pass",
                "--sp-fqdn",
                "api.auth.adobe.com",
                "--requestor",
                "r",
            ])
            .args([
                flags[0],
                "d",
                flags[1],
                "e30=",
                flags[2],
                "Roku",
                flags[3],
                "u",
                flags[4],
                "app",
                flags[5],
                "SECRET-at",
            ])
            .args(["--resource", "res"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{flags:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let wire = adobe([
        "--deviceId",
        "--device_info",
        "--deviceType",
        "--deviceUser",
        "--appId",
        "--Authorization",
    ]);
    assert_eq!(
        wire,
        "GET https://api.auth.adobe.com/api/v1/tokens/authz?requestor=r&deviceId=d&resource=res&deviceType=Roku\
         &deviceUser=u&appId=app&format=json\nAccept: application/json\nX-Device-Info: e30=\n\
         Authorization: Bearer <redacted>\n"
    );
    assert_eq!(
        adobe([
            "--device-id",
            "--device-info",
            "--device-type",
            "--device-user",
            "--app-id",
            "--access-token"
        ]),
        wire
    );
    assert_eq!(
        adobe([
            "--device-id",
            "--device-info",
            "--device-type",
            "--device-user",
            "--app-id",
            "--authorization"
        ]),
        wire
    );
}

/// The bearer token: the command line beats a file, a file beats the environment; only a value
/// that came from the environment is printed by `--curl` as a reference to its variable.
#[test]
fn opentv_bearer_token_sources() {
    let dir = std::env::temp_dir().join(format!("drmtoken-bearer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, "from-file\n").unwrap();
    let base = [
        "build",
        "opentv",
        "--host",
        "h.example.com",
        "--content_id",
        "c",
        "--nv-tenant-id",
        "t",
        "--curl",
    ];
    let header = |cmd: &mut Command| {
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        text.split(" -H ").nth(1).unwrap().to_owned()
    };
    assert_eq!(
        header(
            drmtoken()
                .env("DRMTOKEN_BEARER_TOKEN", "from-env")
                .args(base)
                .args(["--authorization-file"])
                .arg(&file)
        ),
        "'authorization: Bearer from-file'"
    );
    assert_eq!(
        header(
            drmtoken()
                .env("DRMTOKEN_BEARER_TOKEN", "from-env")
                .args(base)
                .args(["--authorization", "from-flag", "--bearer-token-file"])
                .arg(&file)
        ),
        "'authorization: Bearer from-flag'"
    );
    assert_eq!(
        header(drmtoken().env("DRMTOKEN_BEARER_TOKEN", "from-env").args(base)),
        r#"'authorization: Bearer '"${DRMTOKEN_BEARER_TOKEN}""#
    );
    drmtoken()
        .args(base)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("$DRMTOKEN_BEARER_TOKEN"));
    std::fs::remove_dir_all(&dir).ok();
}
