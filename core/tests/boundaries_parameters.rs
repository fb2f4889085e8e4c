//! ExpressPlay's parameter table, PlayReady's extension pairs and the typo suggestions at the
//! edges mutation testing found untested.

use drmtoken_core::expressplay::parameters::{Parameter, FAIRPLAY, PARAMETERS, PLAYREADY, WIDEVINE};
use drmtoken_core::expressplay::{parse_url, Environment, PlayReadyTokenRequest, MAX_EXTENSIONS};
use drmtoken_core::{ErrorKind, Service};

/// The one table says which services take each parameter; each service's own list (generated
/// from it) holds exactly the rows its bit selects, in the table's order.
#[test]
fn each_service_takes_exactly_its_rows_of_the_table() {
    for (service, bit) in [
        (Service::FairPlay, FAIRPLAY),
        (Service::PlayReady, PLAYREADY),
        (Service::Widevine, WIDEVINE),
    ] {
        let rows: Vec<&str> = PARAMETERS.iter().filter(|p| p.taken_by(bit)).map(|p| p.wire).collect();
        assert_eq!(rows, service.parameters(), "{}", service.name());
    }
    // The rows every service takes, and one taken by one service only.
    let row = |wire: &str| -> &Parameter { PARAMETERS.iter().find(|p| p.wire == wire).unwrap() };
    for wire in [
        "customerAuthenticator",
        "contentKey",
        "kek",
        "ek",
        "cookie",
        "errorFormat",
    ] {
        assert_eq!(row(wire).services, FAIRPLAY | PLAYREADY | WIDEVINE, "{wire}");
        assert!(
            [FAIRPLAY, PLAYREADY, WIDEVINE].iter().all(|&s| row(wire).taken_by(s)),
            "{wire}"
        );
    }
    let iv = row("iv");
    assert_eq!(
        (iv.taken_by(FAIRPLAY), iv.taken_by(PLAYREADY), iv.taken_by(WIDEVINE)),
        (true, false, false)
    );
}

/// `push_extension` adds a type and its payload at the same place of their lists, up to
/// MAX_EXTENSIONS pairs; one more is refused naming `extensionType`, and nothing is added, even
/// when only one of the two lists is full.
#[test]
fn push_extension_adds_pairs_up_to_the_capacity_and_never_half_a_pair() {
    let mut r = PlayReadyTokenRequest::new(Environment::Test, "201722,abc");
    for i in 0..MAX_EXTENSIONS {
        r.push_extension(["abcd", "efgh"][i % 2], "AAAA").unwrap();
    }
    assert_eq!(r.extension_types.len(), MAX_EXTENSIONS);
    assert_eq!(r.extension_payloads.len(), MAX_EXTENSIONS);
    assert_eq!(r.extension_types[1], "efgh");
    let e = r.push_extension("ijkl", "BBBB").unwrap_err();
    assert_eq!(
        (e.kind(), e.parameter()),
        (
            ErrorKind::CapacityExceeded {
                capacity: MAX_EXTENSIONS
            },
            Some("extensionType")
        )
    );
    assert_eq!(
        (r.extension_types.len(), r.extension_payloads.len()),
        (MAX_EXTENSIONS, MAX_EXTENSIONS)
    );
    // Payloads full, types one short (as a parsed request can be): still nothing added.
    let mut r = PlayReadyTokenRequest::new(Environment::Test, "201722,abc");
    for _ in 0..MAX_EXTENSIONS {
        r.set("extensionPayload", "AAAA").unwrap();
    }
    for _ in 0..MAX_EXTENSIONS - 1 {
        r.set("extensionType", "abcd").unwrap();
    }
    assert!(r.push_extension("ijkl", "BBBB").is_err());
    assert_eq!(r.extension_types.len(), MAX_EXTENSIONS - 1);
    // And the mirror case.
    let mut r = PlayReadyTokenRequest::new(Environment::Test, "201722,abc");
    for _ in 0..MAX_EXTENSIONS {
        r.set("extensionType", "abcd").unwrap();
    }
    assert!(r.push_extension("ijkl", "BBBB").is_err());
    assert_eq!(r.extension_payloads.len(), 0);
}

/// Unknown names of any length are reported, with a suggestion only for a near miss: a name
/// far longer than any parameter (past the 64 bytes compared, past 255 edits) gets none, and
/// costs no panic.
#[test]
fn long_unknown_names_get_no_suggestion() {
    for len in [63, 64, 65, 255, 256, 300, 1000] {
        let url = format!(
            "https://pr-gen.test.expressplay.com/hms/pr/token?kid=1&{}=1&contentKy=2",
            "c".repeat(len)
        );
        let mut scratch = vec![0u8; url.len()];
        let parsed = parse_url(&url, &mut scratch).unwrap();
        let unknown: Vec<_> = parsed.unknown.iter().map(|u| (u.name.len(), u.suggestion)).collect();
        assert_eq!(unknown, [(len, None), (9, Some("contentKey"))], "{len}");
    }
}

/// Levenshtein distance ignoring ASCII case, the textbook way (a full table), to check the
/// parser's two-row version against.
fn reference_distance(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitute = d[(i - 1) * w + j - 1] + usize::from(!a[i - 1].eq_ignore_ascii_case(&b[j - 1]));
            d[i * w + j] = substitute.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
        }
    }
    d[a.len() * w + b.len()]
}

/// The documented rule: a name equal ignoring case, else the first nearest name within 2 edits
/// (1 for names of up to 4 characters).
fn reference_suggestion(name: &str, known: &[&'static str]) -> Option<&'static str> {
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let limit = if name.len() <= 4 { 1 } else { 2 };
    let mut best: Option<(usize, &'static str)> = None;
    for k in known {
        let d = reference_distance(name, k);
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Names one, two and three edits away from each parameter of each service (a deletion, an
/// insertion, a substitution, two substitutions, three edits; the last two at every fourth place), short words and the empty name:
/// the suggestion is the one the rule gives, computed independently.
#[test]
fn suggestions_follow_the_edit_distance_rule() {
    for (service, endpoint) in [
        (Service::FairPlay, "https://fp-gen.test.expressplay.com/hms/fp/token"),
        (Service::PlayReady, "https://pr-gen.test.expressplay.com/hms/pr/token"),
        (Service::Widevine, "https://wv-gen.test.expressplay.com/hms/wv/token"),
    ] {
        let known = service.parameters();
        let mut names: Vec<String> = ["", "x", "ab", "xyz", "KID", "kiid", "ivv", "cookiee"]
            .map(String::from)
            .to_vec();
        // One service's names edited every way is enough for the distance; the others' names
        // are edited at every eighth place (this test runs once per mutant in a mutation run).
        let every = if service == Service::PlayReady { 1 } else { 8 };
        for k in known {
            for i in (0..k.len()).step_by(every) {
                let (head, tail) = k.split_at(i);
                names.push(format!("{head}{}", &tail[1..]));
                names.push(format!("{head}q{tail}"));
                names.push(format!("{head}Z{}", &tail[1..]));
                if i % 4 == 0 {
                    names.push(format!("{head}zz{}", &tail[1..]));
                    names.push(format!("q{head}Zw{}", &tail[1..]));
                }
            }
        }
        let mut scratch = [0u8; 256];
        for name in &names {
            let url = format!("{endpoint}?{name}=1");
            let parsed = parse_url(&url, &mut scratch).unwrap();
            match parsed.unknown.as_slice() {
                [] => assert!(known.contains(&name.as_str()), "{name:?} taken as a parameter"),
                [u] => assert_eq!(
                    u.suggestion,
                    reference_suggestion(name, known),
                    "{}: {name:?}",
                    service.name()
                ),
                more => panic!("{name:?}: {more:?}"),
            }
        }
    }
}
