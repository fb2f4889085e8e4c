//! A freestanding x86_64 Linux program: no libc, no Rust standard library, its own `_start`,
//! raw system calls. It links `drmtoken-core` and checks real results against expected bytes,
//! then prints the peak stack the calls used (stack painting) and exits 0 only if every check
//! passed. `unsafe` lives here, in the harness, never in the core.
#![no_std]
#![no_main]
// check.sh also builds the runtime alone (no service), where the checks have nothing to run.
#![cfg_attr(
    not(any(feature = "expressplay", feature = "keywrap", feature = "opentv", feature = "adobe-pass")),
    allow(dead_code, unused_mut)
)]

mod rt;
mod work;

use rt::{exit, write_all, write_u64};

/// Called from `_start` with the initial stack pointer.
#[no_mangle]
extern "C" fn harness_main() -> ! {
    let failures = work::run_all();
    let stack = work::PEAK_STACK.load(core::sync::atomic::Ordering::Relaxed);
    write_all(b"stack_bytes=");
    write_u64(stack as u64);
    write_all(b"\n");
    if failures == 0 {
        write_all(b"all checks passed\n");
        exit(0)
    }
    write_u64(u64::from(failures));
    write_all(b" checks failed\n");
    exit(1)
}

#[cfg(not(feature = "prove-no-panic"))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    write_all(b"panic\n");
    exit(101)
}

/// The no-panic proof: nothing defines this symbol, so the link fails if the optimiser left any
/// path to the panic handler in the code the harness calls.
#[cfg(feature = "prove-no-panic")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    extern "C" {
        fn drmtoken_core_has_a_reachable_panic() -> !;
    }
    // SAFETY: never defined: this call exists only to break the link.
    unsafe { drmtoken_core_has_a_reachable_panic() }
}
