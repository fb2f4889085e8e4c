//! The uniffi interface (proc-macros only).
