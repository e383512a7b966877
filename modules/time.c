// modules/time.c: the `time` module's clocks and sleep (CPython's Modules/timemodule.c, the part that
// programs and benchmarks use: time, monotonic, perf_counter, process_time, thread_time (each with its
// _ns twin) and sleep).
//
// Concurrency: the functions keep no state; sleep() detaches the calling thread while it waits, so
// it never holds up a stop-the-world and other threads keep running. TODO(#4): struct_time,
// localtime/gmtime/strftime/mktime, get_clock_info, timezone data.
#include <errno.h>    // EINTR
#include <math.h>     // isnan floor
#include <time.h>     // clock_gettime nanosleep

#include "modules/modules_internal.h"   // ft_args_real
#include "objects/error.h"              // ft_error_* ft_exc_*
#include "objects/float.h"              // ft_float_from_double_ref
#include "objects/int.h"                // ft_int_from_int64_ref
#include "objects/method_def.h"         // FtMethodDef ft_cfunction_new_ref
#include "objects/module.h"             // ft_module_*
#include "objects/object.h"             // ft_none_ref
#include "runtime/thread_state.h"       // ft_thread_state_current ft_thread_detach ft_thread_attach

// The clock's reading in nanoseconds, or -1 with OSError.
static int64_t
clock_ns(clockid_t clock)
{
    struct timespec ts;
    if (clock_gettime(clock, &ts) != 0) {
        ft_error_set_string(&ft_exc_os_error, "clock_gettime failed");
        return -1;
    }
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static FtObject *
clock_seconds_ref(clockid_t clock)
{
    int64_t ns = clock_ns(clock);
    return ns < 0 ? NULL : ft_float_from_double_ref((double)ns * 1e-9);
}

static FtObject *
clock_ns_ref(clockid_t clock)
{
    int64_t ns = clock_ns(clock);
    return ns < 0 ? NULL : ft_int_from_int64_ref(ns);
}

static FtObject *time_time(FtObject *self) { return clock_seconds_ref(CLOCK_REALTIME); }
static FtObject *time_time_ns(FtObject *self) { return clock_ns_ref(CLOCK_REALTIME); }
static FtObject *time_monotonic(FtObject *self) { return clock_seconds_ref(CLOCK_MONOTONIC); }
static FtObject *time_monotonic_ns(FtObject *self) { return clock_ns_ref(CLOCK_MONOTONIC); }
static FtObject *time_process_time(FtObject *self) { return clock_seconds_ref(CLOCK_PROCESS_CPUTIME_ID); }
static FtObject *time_process_time_ns(FtObject *self) { return clock_ns_ref(CLOCK_PROCESS_CPUTIME_ID); }
static FtObject *time_thread_time(FtObject *self) { return clock_seconds_ref(CLOCK_THREAD_CPUTIME_ID); }
static FtObject *time_thread_time_ns(FtObject *self) { return clock_ns_ref(CLOCK_THREAD_CPUTIME_ID); }

// sleep(secs): waits with the thread detached, resuming after EINTR (PEP 475). TODO(#4): a pending
// KeyboardInterrupt should end the wait on the main thread.
static FtObject *
time_sleep(FtObject *self, FtObject *arg)
{
    double secs;
    if (ft_args_real(arg, 1, &secs) < 0)
        return NULL;
    if (isnan(secs)) {
        ft_error_set_string(&ft_exc_value_error, "Invalid value NaN (not a number)");
        return NULL;
    }
    if (secs < 0) {
        ft_error_set_string(&ft_exc_value_error, "sleep length must be non-negative");
        return NULL;
    }
    if (secs > 9.2e9) {
        ft_error_set_string(&ft_exc_overflow_error, "sleep length is too large");
        return NULL;
    }
    struct timespec left = {(time_t)floor(secs), (long)((secs - floor(secs)) * 1e9)};
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
    ft_thread_attach(ts);
    return ft_none_ref();
}

static const FtMethodDef time_methods[] = {
    {"time", {.noargs = time_time}, FT_METH_NOARGS, "Return the current time in seconds since the Epoch."},
    {"time_ns", {.noargs = time_time_ns}, FT_METH_NOARGS, "Return the current time in nanoseconds since the Epoch."},
    {"monotonic", {.noargs = time_monotonic}, FT_METH_NOARGS, "Monotonic clock, cannot go backward."},
    {"monotonic_ns", {.noargs = time_monotonic_ns}, FT_METH_NOARGS, "Monotonic clock, cannot go backward, as nanoseconds."},
    {"perf_counter", {.noargs = time_monotonic}, FT_METH_NOARGS, "Performance counter for benchmarking."},
    {"perf_counter_ns", {.noargs = time_monotonic_ns}, FT_METH_NOARGS, "Performance counter for benchmarking as nanoseconds."},
    {"process_time", {.noargs = time_process_time}, FT_METH_NOARGS, "Process time for profiling: sum of the kernel and user-space CPU time."},
    {"process_time_ns", {.noargs = time_process_time_ns}, FT_METH_NOARGS, "Process time for profiling as nanoseconds."},
    {"thread_time", {.noargs = time_thread_time}, FT_METH_NOARGS, "Thread time for profiling: sum of the kernel and user-space CPU time."},
    {"thread_time_ns", {.noargs = time_thread_time_ns}, FT_METH_NOARGS, "Thread time for profiling as nanoseconds."},
    {"sleep", {.o = time_sleep}, FT_METH_O, "Delay execution for a given number of seconds."},
    {NULL, {NULL}, 0, NULL},
};

FtObject *
ft_time_module_create_ref(void)
{
    FtObject *module = ft_module_new_cstr_ref("time");
    if (module == NULL)
        return NULL;
    for (const FtMethodDef *def = time_methods; def->name != NULL; def++) {
        if (ft_module_add_object_steal(module, def->name, ft_cfunction_new_ref(def, module)) < 0) {
            ft_decref(module);
            return NULL;
        }
    }
    return module;
}
