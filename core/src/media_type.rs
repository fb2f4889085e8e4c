//! Content-type matching for response parsers: `application/json; charset=utf-8` and
//! `Application/JSON` are both `application/json` (RFC 9110: type and subtype are
//! case-insensitive, parameters follow a `;`).

/// Whether `content_type`'s media type (before any `;` parameters, trimmed, any case) is
/// `expected` (lower case, e.g. `"text/uri-list"`).
#[must_use]
pub fn is(content_type: &str, expected: &str) -> bool {
    // RFC 9110 whitespace is ASCII (SP, HTAB): a byte trim, not a Unicode one.
    let essence = crate::http::before_byte(content_type, b';').trim_ascii();
    essence.eq_ignore_ascii_case(expected)
}

#[cfg(test)]
mod tests {
    #[test]
    fn matches_with_parameters_and_case() {
        assert!(super::is("application/json; charset=utf-8", "application/json"));
        assert!(super::is(" Application/JSON ", "application/json"));
        assert!(super::is("text/uri-list", "text/uri-list"));
        assert!(!super::is("application/jsonx", "application/json"));
        assert!(!super::is("", "application/json"));
    }
}
