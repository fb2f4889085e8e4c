//! The clock: Unix seconds and RFC 3339 text (UTC), without a date library.

use std::time::{SystemTime, UNIX_EPOCH};

/// Now, in Unix seconds.
#[must_use]
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// Now, in Unix milliseconds.
#[must_use]
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

/// `secs` as `YYYY-MM-DDThh:mm:ss.000Z` (the shape of the IAS seed's `start`/`end`), by Howard
/// Hinnant's days-to-civil algorithm.
#[must_use]
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_matches_the_core_reader() {
        for secs in [0, 951_782_400, 1_666_798_300, 4_102_444_799] {
            let text = super::rfc3339(secs);
            let trimmed = text.replace(".000Z", "Z");
            assert_eq!(drmtoken_core::time::parse_rfc3339_z(&trimmed).unwrap(), secs, "{text}");
        }
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00.000Z");
    }
}
