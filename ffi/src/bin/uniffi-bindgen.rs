//! The uniffi generator, built from this workspace so that it always matches the runtime.
fn main() {
    uniffi::uniffi_bindgen_main()
}
