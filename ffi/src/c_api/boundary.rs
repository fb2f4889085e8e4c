//! The one boundary every export sits in: a panic inside drmtoken becomes `DRMTOKEN_PANIC`
//! instead of unwinding into C (undefined behaviour), and every failure fills the caller's
//! `drmtoken_error`. A unit test checks that every
//! `extern "C"` function of this module begins with one of these macros.

/// Runs `$body` (a block giving `Result<(), Failure>`, so `?` works on every failure), turning
/// its result into the status and `*$error` (filled on failure, cleared on success: the one
/// error model of every export) and a panic into `DRMTOKEN_PANIC`.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_boundary {
    ($error:expr, $body:block) => {{
        let error_out: *mut $crate::c_api::drmtoken_error = $error;
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::core::result::Result<(), $crate::c_api::Failure> { $body },
        )) {
            // SAFETY: every export's contract: `error` is NULL or a writable, unaliased
            // `drmtoken_error`.
            Ok(result) => unsafe { $crate::c_api::settle(result, error_out) },
            Err(_) => $crate::c_api::drmtoken_status::DRMTOKEN_PANIC,
        }
    }};
}

/// Runs `$body` (which evaluates to a value), giving `$on_panic` if it panics.
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_boundary_value {
    ($on_panic:expr, $body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(_) => $on_panic,
        }
    };
}

#[cfg(test)]
mod tests {
    /// Every exported function's body starts with the boundary (rustls-ffi's rule, checked for
    /// the whole module rather than trusted).
    #[test]
    #[cfg_attr(miri, ignore = "reads the sources from disk (Miri isolates the file system)")]
    fn every_export_is_inside_the_boundary() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/c_api");
        let mut exports = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let mut rest = text.as_str();
            while let Some(i) = rest.find("pub unsafe extern \"C\" fn ") {
                rest = &rest[i..];
                let body = &rest[rest.find('{').unwrap() + 1..];
                let first = body.trim_start();
                assert!(
                    first.starts_with("crate::ffi_boundary!") || first.starts_with("crate::ffi_boundary_value!"),
                    "{}: an export does not start with the panic boundary: {}",
                    path.display(),
                    &rest[..rest.find('(').unwrap()]
                );
                exports += 1;
                rest = &rest[1..];
            }
            assert!(
                !text.contains("pub extern \"C\" fn"),
                "{}: exports must be `unsafe extern \"C\"`",
                path.display()
            );
        }
        assert!(exports >= 20, "found only {exports} exports");
    }
}
