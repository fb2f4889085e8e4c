//! `libdrmtoken.a` for firmware: the C API of `drmtoken-ffi` (the very same source files,
//! `ffi/src/c_api/`, so the exports and `include/drmtoken.h` are one), built `#![no_std]`
//! without an allocator. The export boundary is a plain call here (`panic = "abort"`: a panic
//! cannot return, so there is nothing to catch), and a panic, which no input should reach (the
//! core is written and fuzzed not to), stops the program through [`panic`].
#![no_std]

#[path = "../../src/c_api/mod.rs"]
pub mod c_api;

/// The library's panic handler, the `abort` of a library without a runtime: no unwinding and no
/// output (the library has no I/O). It executes the architecture's permanently undefined
/// instruction: on a Cortex-M a HardFault that the firmware's fault handler sees, on ARM or x86
/// Linux a SIGILL that ends the process. It never returns.
#[cfg(not(any(test, feature = "prove-no-panic")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    #[cfg(any(target_arch = "arm", target_arch = "aarch64"))]
    // SAFETY: `udf` only raises the undefined-instruction exception; it touches no memory.
    unsafe {
        core::arch::asm!("udf #0", options(nomem, nostack, noreturn))
    };
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    // SAFETY: `ud2` only raises the invalid-opcode exception; it touches no memory.
    unsafe {
        core::arch::asm!("ud2", options(nomem, nostack, noreturn))
    };
    #[cfg(not(any(
        target_arch = "arm",
        target_arch = "aarch64",
        target_arch = "x86",
        target_arch = "x86_64"
    )))]
    loop {
        core::hint::spin_loop();
    }
}

/// The no-panic proof's handler: nothing defines `drmtoken_has_a_reachable_panic`, so a link
/// that keeps any path to a panic fails (tests/embedded/no-panic.sh). Never shipped.
#[cfg(all(not(test), feature = "prove-no-panic"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    extern "C" {
        fn drmtoken_has_a_reachable_panic() -> !;
    }
    // SAFETY: never defined: this call exists only to break the link.
    unsafe { drmtoken_has_a_reachable_panic() }
}

/// The unwinding personality that the prebuilt `compiler_builtins` of `arm-*-linux-*` targets
/// names in its unwind tables (`.ARM.extab` of `__divmoddi4`, `__udivmoddi4`: the standard
/// library for those targets is built with `panic = "unwind"`). Nothing in this library unwinds
/// (`panic = "abort"`), so it is never called; it exists so a C program links without a Rust
/// runtime.
#[cfg(all(target_arch = "arm", target_os = "linux"))]
#[no_mangle]
extern "C" fn rust_eh_personality() {}
