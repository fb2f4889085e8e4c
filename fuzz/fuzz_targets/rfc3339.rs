//! ExpressPlay time values: parsing never panics; an accepted absolute time re-formats to a
//! string that parses to the same instant; the relative form never overflows.
#![no_main]

use drmtoken_core::time::{days_from_civil, parse_rfc3339_z, TimeSpec};
use libfuzzer_sys::fuzz_target;

#[path = "small_stack.rs"]
mod small_stack;

/// Formats Unix seconds as `YYYY-MM-DDTHH:MM:SSZ` (civil-from-days, H. Hinnant's algorithm).
fn format(t: i64) -> String {
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

fuzz_target!(|data: &[u8]| small_stack::run(data, check));

fn check(data: &[u8]) {
    let Ok(s) = core::str::from_utf8(data) else { return };
    match TimeSpec::parse(s) {
        Ok(TimeSpec::Absolute(t)) => {
            let again = format(t);
            assert_eq!(parse_rfc3339_z(&again).ok(), Some(t), "{s} -> {t} -> {again}");
            assert!(t >= days_from_civil(0, 1, 1) * 86_400, "{s} before year 0");
        }
        Ok(TimeSpec::Relative(n)) => assert_eq!(s.get(1..).and_then(|d| d.parse::<u64>().ok()), Some(n)),
        Err(_) => {}
    }
}
