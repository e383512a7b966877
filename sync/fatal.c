// sync/fatal.c: ft_fatal(), the exit for broken invariants. Stateless, so safe from any thread.
#include "sync/fatal.h"

#include <stdarg.h>   // va_list
#include <stdio.h>    // vfprintf
#include <stdlib.h>   // abort

void
ft_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("ftpy: fatal error: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    fflush(stderr);
    abort();
}
