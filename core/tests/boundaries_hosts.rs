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

/// `check_host` on `[addr]` against `std::net::Ipv6Addr`, the syntax it documents.
fn ipv6_agrees_with_std(addr: &str) {
    let ours = drmtoken_core::host::check_host(&format!("[{addr}]")).is_ok();
    let std = addr.parse::<std::net::Ipv6Addr>().is_ok();
    assert_eq!(ours, std, "[{addr}]: ours {ours}, std {std}");
}

#[test]
fn ipv6_group_counts_at_their_limits() {
    for addr in [
        // Eight groups, and one more.
        "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9",
        // `::` stands for at least one group: seven around it, and eight.
        "::2:3:4:5:6:7:8",
        "::1:2:3:4:5:6:7:8",
        "1::3:4:5:6:7:8",
        "1::2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:7:8::",
        "1:2:3::6:7:8",
        "1:2:3::5:6:7:8",
        // The last 32 bits as IPv4: six groups before it, or fewer around `::`.
        "1:2:3:4:5:6:1.2.3.4",
        "1:2:3:4:5:6:7:1.2.3.4",
        "1:2:3:4:5::1.2.3.4",
        "1:2:3:4:5:6::1.2.3.4",
        "::1.2.3.4",
        "::2:3:4:5:6:1.2.3.4",
        "::1:2:3:4:5:6:1.2.3.4",
        "1.2.3.4::",
        "::",
        ":::",
        "1:::2",
    ] {
        ipv6_agrees_with_std(addr);
    }
}

#[test]
fn a_closing_bracket_at_the_end_keeps_the_colon_inside_the_host() {
    use drmtoken_core::host::check_authority;
    use drmtoken_core::ErrorKind;
    // Ending in `]`, the text is a bracketed literal attempt: no port is split off, so the
    // refusal is the host's, not a port's.
    for authority in ["example.com:443]", "a:b]", "[::1]:]"] {
        assert_eq!(
            check_authority(authority).map_err(|e| e.kind()),
            Err(ErrorKind::InvalidHost),
            "{authority}"
        );
    }
    assert_eq!(
        check_authority("[::1]:x").map_err(|e| e.kind()),
        Err(ErrorKind::InvalidPort)
    );
    assert!(check_authority("[::1]:443").is_ok());
    assert!(check_authority("[::1]").is_ok());
}
