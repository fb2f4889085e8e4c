//! Builds, validates and prints a PlayReady token request URL into a stack buffer: the same
//! work a set-top box does before asking ExpressPlay for a token.
//!
//! `cargo run -q -p drmtoken-core --example playready_url`

use drmtoken_core::expressplay::{Environment, PlayReadyTokenRequest};

fn main() {
    let mut request =
        PlayReadyTokenRequest::new(Environment::Test, "201722,1ad8eed133edf43cbcc185f0236828ae").with_all_opls("0");
    request.kid = Some("b366360da82e9c6e0b0984002a362cf2");
    request.content_key = Some("b366360da82e9c6e0b0984002a362cf2");
    request.rights_type = Some("BuyToOwn");
    request.expiration_time = Some("+3600");

    if let Err(e) = request.validate(None) {
        eprintln!("invalid request: {e}");
        std::process::exit(1);
    }
    let mut buf = [0u8; 1024];
    match request.write_url(&mut buf) {
        Ok(url) => println!("{url}"),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
    // A mistake the service would answer with -2027 is caught on the device:
    request.content_key = Some("b366360da82e9c6e0b0984002a362cf");
    let err = request.validate(None).unwrap_err();
    println!(
        "31-digit key: {} {} ({})",
        err.code(),
        err.message(),
        err.parameter().unwrap_or("-")
    );
}
