//! The C request struct and the code that reads it (`ffi/src/c_api/expressplay_request.rs`).

/// Empty until the C renderer is written: `main` skips an empty output.
pub(crate) fn render() -> String {
    String::new()
}
