//! When to refresh: `expires_in` counts from when the response was received, so a player that
//! refreshes at a fraction of the lifetime never presents an expired token.

/// The default point of refresh: 90 % of the lifetime.
pub const DEFAULT_REFRESH_PERCENT: u8 = 90;

/// The time (same unit and epoch as `received_at`, e.g. Unix seconds) at which to refresh a
/// token that `expires_in` seconds after `received_at`, at `percent` of its lifetime (clamped to
/// 0-100). Saturates instead of overflowing.
#[must_use]
pub fn refresh_at(received_at: i64, expires_in: u64, percent: u8) -> i64 {
    let percent = u64::from(percent.min(100));
    // expires_in * percent / 100 without overflow for any u64.
    let lead = expires_in / 100 * percent + expires_in % 100 * percent / 100;
    received_at.saturating_add(i64::try_from(lead).unwrap_or(i64::MAX))
}

/// The time at which the token expires.
#[must_use]
pub fn expires_at(received_at: i64, expires_in: u64) -> i64 {
    received_at.saturating_add(i64::try_from(expires_in).unwrap_or(i64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_points() {
        assert_eq!(refresh_at(1_000, 3_887_999, 90), 1_000 + 3_499_199);
        assert_eq!(refresh_at(0, 100, 100), 100);
        assert_eq!(refresh_at(0, 100, 200), 100);
        assert_eq!(refresh_at(i64::MAX - 1, u64::MAX, 90), i64::MAX);
        assert_eq!(expires_at(10, 5), 15);
    }
}
