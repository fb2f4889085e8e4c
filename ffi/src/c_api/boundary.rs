//! The one boundary every export sits in: a panic inside drmtoken becomes `DRMTOKEN_PANIC`
//! instead of unwinding into C (undefined behaviour), and every failure fills the caller's
//! `drmtoken_error`. A unit test checks that every
//! `extern "C"` function of this module begins with one of these macros.
//!
//! Built with `panic = "abort"` (the `no_std` firmware library, `ffi/nostd/`), a panic never
//! returns, so there is nothing to catch: the boundary is then a plain call (and needs no std),
//! and the library's own panic handler aborts.

/// Runs `$body` (a block giving `Result<(), Failure>`, so `?` works on every failure), turning
/// its result into the status and `*$error` (filled on failure, cleared on success: the one
/// error model of every export) and a panic into `DRMTOKEN_PANIC`.
#[cfg(panic = "unwind")]
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
#[cfg(panic = "unwind")]
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

/// `panic = "abort"`: runs `$body` and settles its result into the status and `*$error`, as
/// the unwinding version does (a panic aborts, so there is no `DRMTOKEN_PANIC` to give).
#[cfg(not(panic = "unwind"))]
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_boundary {
    ($error:expr, $body:block) => {{
        let error_out: *mut $crate::c_api::drmtoken_error = $error;
        // The closure gives `$body`'s `?` a function to return from.
        #[allow(clippy::redundant_closure_call)]
        let result = (|| -> ::core::result::Result<(), $crate::c_api::Failure> { $body })();
        // SAFETY: every export's contract: `error` is NULL or a writable, unaliased
        // `drmtoken_error`.
        unsafe { $crate::c_api::settle(result, error_out) }
    }};
}

/// `panic = "abort"`: evaluates `$body` (`$on_panic` is never needed: a panic aborts).
#[cfg(not(panic = "unwind"))]
#[macro_export]
#[doc(hidden)]
macro_rules! ffi_boundary_value {
    ($on_panic:expr, $body:block) => {
        $body
    };
}

#[cfg(test)]
mod tests {
    /// The services of `drmtoken_<service>_<object>_<verb>`.
    const SERVICES: [&str; 6] = [
        "expressplay",
        "fairplay",
        "playready",
        "opentv",
        "adobe_pass",
        "keywrap",
    ];
    /// The library-level exports (`drmtoken_<object>_<verb>`, and the version).
    const LIBRARY_LEVEL: [&str; 3] = [
        "drmtoken_status_describe",
        "drmtoken_error_describe",
        "drmtoken_version",
    ];

    /// Every exported function's body starts with the boundary (rustls-ffi's rule, checked for
    /// the whole module rather than trusted), its name follows the scheme, and every export
    /// that can fail takes the error out-parameter last.
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
                let name = &rest["pub unsafe extern \"C\" fn ".len()..rest.find('(').unwrap()];
                assert!(
                    first.starts_with("crate::ffi_boundary!") || first.starts_with("crate::ffi_boundary_value!"),
                    "{}: an export does not start with the panic boundary: {name}",
                    path.display(),
                );
                // One naming scheme: drmtoken_<service>_<object>_<verb>, or a library-level name.
                let service = SERVICES.iter().find(|s| name.starts_with(&format!("drmtoken_{s}_")));
                assert!(
                    LIBRARY_LEVEL.contains(&name)
                        || service.is_some_and(|s| name[format!("drmtoken_{s}_").len()..].contains('_')),
                    "{name} is not drmtoken_<service>_<object>_<verb>"
                );
                // One error model: every export that can fail takes `drmtoken_error *error` last.
                if first.starts_with("crate::ffi_boundary!") {
                    let params = &rest[rest.find('(').unwrap()..rest.find(") -> ").unwrap()];
                    assert!(
                        params
                            .trim_end()
                            .trim_end_matches(',')
                            .ends_with("error: *mut drmtoken_error"),
                        "{name}: `error: *mut drmtoken_error` is not the last parameter"
                    );
                    assert!(
                        first.starts_with("crate::ffi_boundary!(error,"),
                        "{name}: the boundary must settle `error`"
                    );
                }
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
