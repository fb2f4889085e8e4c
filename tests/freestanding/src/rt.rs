//! The runtime a freestanding program provides itself: the entry point, `write`/`exit` system
//! calls, and the memory functions the compiler may call (`memcpy`, `memmove`, `memset`,
//! `memcmp`, `bcmp`), written with volatile accesses so they cannot be turned back into calls
//! to themselves.

use core::arch::{asm, global_asm};

// The kernel enters at `_start` with the stack 16-byte aligned and no return address; align it
// again (for the ABI of the call) and never return.
global_asm!(
    ".globl _start",
    "_start:",
    "xor ebp, ebp",
    "and rsp, -16",
    "call {main}",
    "ud2",
    main = sym super::harness_main,
);

/// The current stack pointer.
pub fn stack_pointer() -> usize {
    let sp: usize;
    // SAFETY: reads a register.
    unsafe { asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags)) };
    sp
}

/// Fills `len` bytes from `start` with `pattern` (volatile: the writes must happen).
pub fn paint(start: usize, len: usize, pattern: u8) {
    for i in 0..len {
        // SAFETY: the region is below the current frame, inside the process stack mapping,
        // which the kernel grows on access; nothing live is there yet.
        unsafe { core::ptr::write_volatile((start + i) as *mut u8, pattern) };
    }
}

/// The lowest address in `[start, start + len)` whose byte is no longer `pattern`.
pub fn first_dirty(start: usize, len: usize, pattern: u8) -> usize {
    for i in 0..len {
        // SAFETY: the region painted by `paint`.
        if unsafe { core::ptr::read_volatile((start + i) as *const u8) } != pattern {
            return start + i;
        }
    }
    start + len
}

/// `write(fd, buf, len)`.
fn sys_write(fd: usize, buf: &[u8]) -> isize {
    let ret: isize;
    // SAFETY: the Linux x86_64 write system call on a live buffer.
    unsafe {
        asm!("syscall", inlateout("rax") 1isize => ret, in("rdi") fd, in("rsi") buf.as_ptr(), in("rdx") buf.len(),
             lateout("rcx") _, lateout("r11") _, options(nostack));
    }
    ret
}

/// Writes all of `buf` to stdout.
pub fn write_all(mut buf: &[u8]) {
    while !buf.is_empty() {
        let n = sys_write(1, buf);
        if n <= 0 {
            return;
        }
        buf = buf.get(n as usize..).unwrap_or_default();
    }
}

/// Writes `n` in decimal.
pub fn write_u64(mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        if let Some(d) = digits.get_mut(i) {
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    write_all(digits.get(i..).unwrap_or_default());
}

/// `exit_group(code)`.
pub fn exit(code: i32) -> ! {
    // SAFETY: the Linux x86_64 exit_group system call; does not return.
    unsafe { asm!("syscall", in("rax") 231, in("rdi") code, options(noreturn, nostack)) }
}

#[no_mangle]
unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    for i in 0..n {
        // SAFETY: the caller's memcpy contract.
        unsafe { core::ptr::write_volatile(dst.add(i), core::ptr::read_volatile(src.add(i))) };
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dst as usize) < (src as usize) {
        for i in 0..n {
            // SAFETY: the caller's memmove contract; forward copy is safe when dst < src.
            unsafe { core::ptr::write_volatile(dst.add(i), core::ptr::read_volatile(src.add(i))) };
        }
    } else {
        for i in (0..n).rev() {
            // SAFETY: as above, backward when dst >= src.
            unsafe { core::ptr::write_volatile(dst.add(i), core::ptr::read_volatile(src.add(i))) };
        }
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    for i in 0..n {
        // SAFETY: the caller's memset contract.
        unsafe { core::ptr::write_volatile(dst.add(i), c as u8) };
    }
    dst
}

#[no_mangle]
unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: the caller's memcmp contract.
        let (x, y) = unsafe { (core::ptr::read_volatile(a.add(i)), core::ptr::read_volatile(b.add(i))) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}

#[no_mangle]
unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: same contract.
    unsafe { memcmp(a, b, n) }
}
