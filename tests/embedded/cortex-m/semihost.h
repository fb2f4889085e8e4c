/* Semihosting output and exit (startup.c). */
#ifndef SEMIHOST_H
#define SEMIHOST_H
void semihost_write(const char *text);
void semihost_exit(int status) __attribute__((noreturn));
#endif
