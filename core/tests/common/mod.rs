//! Helpers shared by the integration tests: the vector files and building requests from them.
#![allow(dead_code)]

use drmtoken_core::expressplay::{Environment, FairPlayTokenRequest, PlayReadyTokenRequest, TokenRequest};
use drmtoken_core::{Service, WidevineTokenRequest};
use serde_json::Value;

/// Reads `tests/vectors/<name>` from the repository root.
pub fn vectors(name: &str) -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors/");
    let text = std::fs::read_to_string(format!("{path}{name}")).expect("vector file");
    serde_json::from_str(&text).expect("vector JSON")
}

pub fn service(name: &str) -> Service {
    match name {
        "fairplay" => Service::FairPlay,
        "playready" => Service::PlayReady,
        "widevine" => Service::Widevine,
        other => panic!("unknown service {other}"),
    }
}

pub fn environment(name: &str) -> Environment<'static> {
    match name {
        "test" => Environment::Test,
        "production" => Environment::Production,
        other => panic!("unknown environment {other}"),
    }
}

/// Builds a typed request from `[name, value]` pairs with the public `set`.
pub fn build<'a>(service: Service, env: Environment<'a>, params: &'a [(String, String)]) -> TokenRequest<'a> {
    macro_rules! fill {
        ($ty:ident, $variant:ident) => {{
            let mut r = $ty {
                environment: env,
                ..Default::default()
            };
            for (n, v) in params {
                r.set(n, v).unwrap_or_else(|e| panic!("set {n}: {e}"));
            }
            TokenRequest::$variant(r)
        }};
    }
    match service {
        Service::FairPlay => fill!(FairPlayTokenRequest, FairPlay),
        Service::PlayReady => fill!(PlayReadyTokenRequest, PlayReady),
        Service::Widevine => fill!(WidevineTokenRequest, Widevine),
    }
}

pub fn params(case: &Value) -> Vec<(String, String)> {
    case["params"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_str().unwrap().to_owned(), p[1].as_str().unwrap().to_owned()))
        .collect()
}

/// The variant name of an error kind (`InvalidJson`), as the vector files spell it.
pub fn kind_name(kind: drmtoken_core::ErrorKind) -> String {
    format!("{kind:?}")
        .split([' ', '(', '{'])
        .next()
        .unwrap_or_default()
        .to_owned()
}
