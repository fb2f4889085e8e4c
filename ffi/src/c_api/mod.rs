//! The C ABI. See the README's "C API conventions".
