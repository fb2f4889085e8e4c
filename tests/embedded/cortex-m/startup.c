/* Bare-metal start-up for a Cortex-M4F under QEMU (mps2-an386): the vector table, the reset
 * handler (copy .data, zero .bss, enable the FPU: the library is built for the hard-float ABI),
 * and semihosting (ARM's debug-monitor calls, `bkpt 0xab`), which QEMU answers on the host with
 * `-semihosting`: text out, and the exit status. No OS, no heap. */
#include <stdint.h>
#include <string.h>

#include "semihost.h"

extern uint32_t _estack, _sidata, _sdata, _edata, _sbss, _ebss;
int main(void);

static int semihost_call(int op, const void *arg) {
    register int r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void semihost_write(const char *text) { semihost_call(0x04 /* SYS_WRITE0 */, text); }

void semihost_exit(int status) {
    /* SYS_EXIT with ADP_Stopped_ApplicationExit: QEMU exits 0; RunTimeErrorUnknown: QEMU exits 1. */
    semihost_call(0x18, (const void *)(uintptr_t)(status == 0 ? 0x20026 : 0x20023));
    for (;;) {
    }
}

static void fault(void) {
    semihost_write("FAIL: fault (HardFault, or a panic's udf in the library)\n");
    semihost_exit(1);
}

void Reset_Handler(void) {
    memcpy(&_sdata, &_sidata, (size_t)((uintptr_t)&_edata - (uintptr_t)&_sdata));
    memset(&_sbss, 0, (size_t)((uintptr_t)&_ebss - (uintptr_t)&_sbss));
    /* CPACR: full access to CP10 and CP11 (the FPU). */
    *(volatile uint32_t *)0xE000ED88 |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
    semihost_exit(main());
}

typedef void (*handler)(void);
__attribute__((section(".isr_vector"), used)) static const handler vectors[16] = {
    (handler)(uintptr_t)&_estack, Reset_Handler, fault, fault, fault, fault, fault, 0, 0, 0, 0, fault, fault, 0,
    fault, fault,
};
