//! The uniffi records and their conversions (`ffi/src/uniffi_api/expressplay_records.rs`).

/// Empty until the uniffi renderer is written: `main` skips an empty output.
pub(crate) fn render() -> String {
    String::new()
}
