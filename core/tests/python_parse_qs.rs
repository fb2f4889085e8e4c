//! Python's `urllib.parse.parse_qs` of what drmtoken encodes gives back the inputs unchanged,
//! including `+ & = ^ , %`, spaces and non-ASCII. Runs the real python3.

use std::io::Write;
use std::process::{Command, Stdio};

use drmtoken_core::expressplay::{Environment, WidevineTokenRequest};

const VALUES: &[&str] = &[
    "a+b",
    "x&y=z",
    "^caret",
    "comma,sep",
    "100%",
    "two words",
    "é€😀",
    "~._-",
    "",
    "#?/;:@",
];

#[test]
fn parse_qs_returns_every_value_unchanged() {
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut r = WidevineTokenRequest::new(Environment::Test, VALUES[0]);
    r.content_id = Some(VALUES[1]);
    r.kid = Some(VALUES[2]);
    r.cookie = Some(VALUES[3]);
    r.license_duration = Some(VALUES[4]);
    r.security_level = Some(VALUES[5]);
    r.hdcp_output_control = Some(VALUES[6]);
    r.error_format = Some(VALUES[7]);
    r.general_flags = Some(VALUES[8]);
    r.expiration_time = Some(VALUES[9]);
    let mut body = vec![0u8; r.form_body_len()];
    let body = r.write_form_body(&mut body).unwrap().to_owned();
    let mut url = vec![0u8; r.url_len()];
    let url = r.write_url(&mut url).unwrap().to_owned();

    let script = "import sys, json, urllib.parse as u\n\
                  body, url = sys.stdin.read().split('\\n')\n\
                  a = u.parse_qsl(body, keep_blank_values=True, strict_parsing=True)\n\
                  b = u.parse_qsl(u.urlsplit(url).query, keep_blank_values=True, strict_parsing=True)\n\
                  assert a == b, (a, b)\n\
                  print(json.dumps(a))";
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed (.ci/run installs it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{body}\n{url}").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed on {body}");
    let pairs: Vec<(String, String)> = serde_json::from_slice(&out.stdout).unwrap();

    let mut expected = vec![];
    r.for_each_parameter(|n, v| expected.push((n.to_owned(), v.to_owned())));
    assert_eq!(pairs, expected);
    assert_eq!(pairs.len(), VALUES.len());
    for v in VALUES {
        assert!(pairs.iter().any(|(_, pv)| pv == v), "{v:?} did not survive");
    }
}
