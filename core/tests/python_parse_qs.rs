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

/// A valid request carrying `value` in its free-text parameters (producing calls validate).
fn carrying(value: &str) -> WidevineTokenRequest<'_> {
    let mut r = WidevineTokenRequest::new(Environment::Test, "201722,1ad8eed133edf43cbcc185f0236828ae");
    r.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    r.security_level = Some("1");
    r.hdcp_output_control = Some("0");
    r.content_id = Some(value);
    r.cookie = Some(value);
    r
}

#[test]
fn parse_qs_returns_every_value_unchanged() {
    let python = std::env::var("DRMTOKEN_PYTHON").unwrap_or_else(|_| "python3".into());
    let mut input = String::new();
    for v in VALUES {
        let r = carrying(v);
        let mut body = vec![0u8; r.form_body_len()];
        let body = r.write_form_body(&mut body).unwrap().to_owned();
        let mut url = vec![0u8; r.url_len()];
        let url = r.write_url(&mut url).unwrap().to_owned();
        input.push_str(&format!("{body}\n{url}\n"));
    }

    let script = "import sys, json, urllib.parse as u\n\
                  lines = sys.stdin.read().split('\\n')[:-1]\n\
                  out = []\n\
                  for body, url in zip(lines[0::2], lines[1::2]):\n\
                  \x20   a = u.parse_qsl(body, keep_blank_values=True, strict_parsing=True)\n\
                  \x20   b = u.parse_qsl(u.urlsplit(url).query, keep_blank_values=True, strict_parsing=True)\n\
                  \x20   assert a == b, (a, b)\n\
                  \x20   out.append(a)\n\
                  print(json.dumps(out))";
    let mut child = Command::new(&python)
        .args(["-c", script])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 must be installed (.ci/run installs it)");
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "python failed on {input}");
    let decoded: Vec<Vec<(String, String)>> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(decoded.len(), VALUES.len());
    for (v, pairs) in VALUES.iter().zip(&decoded) {
        let mut expected = vec![];
        carrying(v).for_each_parameter(|n, v| expected.push((n.to_owned(), v.to_owned())));
        assert_eq!(pairs, &expected, "{v:?} did not survive");
        assert!(pairs.contains(&("contentId".to_owned(), (*v).to_owned())));
    }
}
