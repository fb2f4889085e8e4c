//! Runs `tests/vectors/expressplay_requests.json`, the file every language surface runs:
//! each valid case must encode to the URL and body Python's urllib produced, parse back to the
//! same request, and validate with the listed warnings; each invalid case must fail with the
//! seed's code on the named parameter, both built and parsed.

mod common;

use drmtoken_core::expressplay::{parse_url, Warning};

#[test]
fn every_request_vector() {
    let cases = common::vectors("expressplay_requests.json");
    assert!(cases.len() >= 50);
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let service = common::service(case["service"].as_str().unwrap());
        let env = common::environment(case["environment"].as_str().unwrap());
        let now = case["now"].as_i64();
        let params = common::params(case);
        let request = common::build(service, env, &params);
        let result = request.validate(now);
        match &case["error"] {
            serde_json::Value::Null => {
                let warnings = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let expected: Vec<&str> = case["warnings"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|w| w.as_str().unwrap())
                    .collect();
                let got: Vec<&str> = warnings
                    .iter()
                    .map(|w| match w {
                        Warning::IgnoredUnlessRental { parameter } => *parameter,
                        _ => "other",
                    })
                    .collect();
                assert_eq!(got, expected, "{name}: warnings");
                for (w, parameter) in warnings.iter().zip(&expected) {
                    assert_eq!(
                        w.to_string(),
                        format!("{parameter} is only valid if rightsType is Rental; the service ignores it")
                    );
                }

                let url = case["url"].as_str().unwrap();
                let body = case["form_body"].as_str().unwrap();
                let mut buf = vec![0u8; request.url_len()];
                assert_eq!(request.write_url(&mut buf).unwrap(), url, "{name}: url");
                let mut buf = vec![0u8; request.form_body_len()];
                assert_eq!(request.write_form_body(&mut buf).unwrap(), body, "{name}: body");
                // The POST's one header, and the parameters in the order the body sends them.
                let headers = request.headers();
                assert_eq!(headers.len(), 1, "{name}");
                let mut value = [0u8; 64];
                assert_eq!(
                    (
                        headers[0].name,
                        headers[0].write_value(&mut value).unwrap(),
                        headers[0].secret
                    ),
                    ("Content-Type", "application/x-www-form-urlencoded", false)
                );
                let mut names = vec![];
                request.for_each_parameter(|n, _| names.push(n));
                let body_names: Vec<&str> = body.split('&').map(|p| p.split('=').next().unwrap()).collect();
                assert_eq!(names, body_names, "{name}: parameters");

                // Round trip: the URL parses back to the very same request.
                let mut scratch = vec![0u8; url.len()];
                let parsed = parse_url(url, &mut scratch).unwrap();
                assert_eq!(parsed.request, request, "{name}: parse_url round trip");
                assert!(parsed.unknown.is_empty(), "{name}");
            }
            error => {
                let err = result.expect_err(name);
                assert_eq!(i64::from(err.code()), error["code"].as_i64().unwrap(), "{name}: {err}");
                assert_eq!(err.parameter(), error["parameter"].as_str(), "{name}");
                assert!(!err.message().is_empty());
                // The same request sent over the wire (writers apply no rule) is refused the
                // same way.
                let mut buf = vec![0u8; request.url_len()];
                let url = request.write_url(&mut buf).unwrap().to_owned();
                let mut scratch = vec![0u8; url.len()];
                let parsed = parse_url(&url, &mut scratch).unwrap();
                assert_eq!(parsed.request.validate(now).unwrap_err(), err, "{name}: parsed");
            }
        }
    }
}
