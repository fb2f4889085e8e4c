//! Host rules at their boundary: which names belong to ExpressPlay's domains, and which are
//! look-alikes of the same length.

use drmtoken_core::expressplay::{host_environment, Environment, Service};

#[test]
fn a_same_length_look_alike_of_a_service_domain_is_not_that_domain() {
    let pr = |h| host_environment(Service::PlayReady, h);
    // The dot sits where the one before `test.expressplay.com` would: only the tail differs.
    assert_eq!(
        pr("pr-gen.test.expressplay.net"),
        Some(Environment::Domain("test.expressplay.net"))
    );
    assert_eq!(
        pr("pr-gen.service.expressplay.org"),
        Some(Environment::Domain("service.expressplay.org"))
    );
    assert_eq!(pr("x.test.expressplay.net"), None);
    // The real ones, on the same shapes.
    assert_eq!(pr("pr-gen.test.expressplay.com"), Some(Environment::Test));
    assert_eq!(pr("pr-gen.service.expressplay.com"), Some(Environment::Production));
}
