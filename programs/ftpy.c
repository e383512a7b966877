// programs/ftpy.c: the `ftpy` program, CPython 3.14's command line (Modules/main.c,
// Python/initconfig.c's option parsing, Python/pythonrun.c's running of a file, -c and stdin).
//
//   ftpy [option] ... [-c cmd | -m mod | file | -] [arg] ...
//
// The program parses the options into an FtModulesConfig, starts the runtime (runtime, main thread
// state, objects, eval, modules), makes __main__, compiles and runs the program text, hands an
// uncaught exception to ft_exception_handle_uncaught_steal, flushes sys.stdout/sys.stderr and
// exits with CPython's status: 0, 1 for an uncaught exception, SystemExit's code, 2 for a usage
// error or an unreadable file, 120 when flushing the standard streams fails, and death by SIGINT
// after an uncaught KeyboardInterrupt.
//
// Concurrency: main() runs on the main thread; nothing here is shared. The option state lives in
// main's locals (no mutable globals).
//
// Missing (TODO(#4)): the interactive REPL (a tty stdin is read to its end and run like a pipe);
// -m (needs runpy: prints "No module named ..."); -i; -W and most -X options are accepted and
// ignored; SIGINT is routed to the thread it interrupts, not always the main thread (needs an
// FtInterp field naming the main thread state); waiting for non-daemon threads at exit;
// a directory or zip file as the script; "-x" with CRLF files.
#include <errno.h>      // errno
#include <limits.h>     // PATH_MAX
#include <signal.h>     // sigaction signal kill SIGINT SIG_DFL
#include <stdbool.h>    // bool
#include <stdio.h>      // fprintf fopen fread
#include <stdlib.h>     // getenv realpath malloc free
#include <string.h>     // strcmp strrchr strerror
#include <unistd.h>     // getcwd getpid isatty

#include "compiler/compile.h"       // ft_compile_source_ref ft_compile_set_default_optimize
#include "eval/eval.h"              // ft_eval_init ft_eval_thread_init ft_eval_code_ref
#include "modules/modules.h"        // ft_modules_init ft_exception_handle_uncaught_steal
#include "objects/dict.h"           // ft_dict_set_item_str ft_dict_get_item_str_ref
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/frame.h"          // ft_frame_init_types
#include "objects/module.h"         // ft_module_new_cstr_ref ft_module_dict_borrow
#include "objects/object.h"         // ft_objects_init
#include "objects/str.h"            // ft_str_from_cstr_ref
#include "runtime/thread_state.h"   // ft_runtime_init ft_thread_state_* ft_interp_main

// modules/exception_print.c's variant of ft_exception_handle_uncaught_steal that shows the -c
// text's lines for "<string>" frames (declared there; TODO(#4): an interpreter-wide linecache).
int ft_exception_handle_uncaught_source_steal(FtObject *exc, const char *filename,
                                              const char *source);

// What the oracle prints for `python3.14 -V`.
static const char version_text[] = "Python 3.14.10";

static const char usage_line[] = "[option] ... [-c cmd | -m mod | file | -] [arg] ...";

static const char help_text[] =
    "Options (and corresponding environment variables):\n"
    "-b     : issue warnings about converting bytes/bytearray to str and comparing\n"
    "         bytes/bytearray with str or bytes with int. (-bb: issue errors)\n"
    "-B     : don't write .pyc files on import; also PYTHONDONTWRITEBYTECODE=x\n"
    "-c cmd : program passed in as string (terminates option list)\n"
    "-d     : turn on parser debugging output (for experts only, only works on\n"
    "         debug builds); also PYTHONDEBUG=x\n"
    "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
    "-h     : print this help message and exit (also -? or --help)\n"
    "-i     : inspect interactively after running script; forces a prompt even\n"
    "         if stdin does not appear to be a terminal; also PYTHONINSPECT=x\n"
    "-I     : isolate Python from the user's environment (implies -E, -P and -s)\n"
    "-m mod : run library module as a script (terminates option list)\n"
    "-O     : remove assert and __debug__-dependent statements; add .opt-1 before\n"
    "         .pyc extension; also PYTHONOPTIMIZE=x\n"
    "-OO    : do -O changes and also discard docstrings; add .opt-2 before\n"
    "         .pyc extension\n"
    "-P     : don't prepend a potentially unsafe path to sys.path; also\n"
    "         PYTHONSAFEPATH\n"
    "-q     : don't print version and copyright messages on interactive startup\n"
    "-s     : don't add user site directory to sys.path; also PYTHONNOUSERSITE=x\n"
    "-S     : don't imply 'import site' on initialization\n"
    "-u     : force the stdout and stderr streams to be unbuffered;\n"
    "         this option has no effect on stdin; also PYTHONUNBUFFERED=x\n"
    "-v     : verbose (trace import statements); also PYTHONVERBOSE=x\n"
    "         can be supplied multiple times to increase verbosity\n"
    "-V     : print the Python version number and exit (also --version)\n"
    "         when given twice, print more information about the build\n"
    "-W arg : warning control; arg is action:message:category:module:lineno\n"
    "         also PYTHONWARNINGS=arg\n"
    "-x     : skip first line of source, allowing use of non-Unix forms of #!cmd\n"
    "-X opt : set implementation-specific option\n"
    "--check-hash-based-pycs always|default|never:\n"
    "         control how Python invalidates hash-based .pyc files\n"
    "--help-env: print help about Python environment variables and exit\n"
    "--help-xoptions: print help about implementation-specific -X options and exit\n"
    "--help-all: print complete help information and exit\n"
    "\n"
    "Arguments:\n"
    "file   : program read from script file\n"
    "-      : program read from stdin (default; interactive mode if a tty)\n"
    "arg ...: arguments passed to program in sys.argv[1:]\n";

enum { EXIT_USAGE = 2, EXIT_FLUSH_FAILED = 120 };

typedef enum RunKind { RUN_STDIN, RUN_FILE, RUN_COMMAND, RUN_MODULE } RunKind;

// The parsed command line.
typedef struct Options {
    RunKind kind;
    const char *target;     // the file, the -c command or the -m module (NULL for stdin)
    int rest;               // argv index of the program's first argument
    int version;            // -V count
    bool skip_first_line;   // -x
    FtModulesConfig config;
} Options;

static const char *
base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash != NULL ? slash + 1 : path;
}

static int
usage_error(const char *program, const char *fmt, const char *arg)
{
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nusage: %s %s\nTry `%s -h' for more information.\n", program, usage_line,
            base_name(program));
    return EXIT_USAGE;
}

static bool
env_flag(const Options *opt, const char *name)
{
    if (opt->config.ignore_environment)
        return false;
    const char *v = getenv(name);
    return v != NULL && v[0] != '\0';
}

// Parses argv as CPython's _PyOS_GetOpt does ("bBc:dEhiIm:OPqRsStuvVW:xX:?" and the long options).
// Returns -1 to go on, else the exit status (help, version, usage errors).
static int
parse_options(int argc, char **argv, Options *opt)
{
    const char *program = argc > 0 ? argv[0] : "ftpy";
    int i = 1;
    while (i < argc) {
        const char *arg = argv[i];
        if (arg[0] != '-' || arg[1] == '\0')
            break;   // the script, or "-" for stdin
        i++;
        if (strcmp(arg, "--") == 0)
            break;
        if (arg[1] == '-') {
            const char *name = arg + 2;
            if (strcmp(name, "version") == 0) {
                opt->version++;
            } else if (strcmp(name, "help") == 0 || strcmp(name, "help-all") == 0 ||
                       strcmp(name, "help-env") == 0 || strcmp(name, "help-xoptions") == 0) {
                printf("usage: %s %s\n%s", program, usage_line, help_text);
                return 0;
            } else if (strcmp(name, "check-hash-based-pycs") == 0) {
                if (i >= argc)
                    return usage_error(program, "Argument expected for the %s option", arg);
                i++;
            } else {
                return usage_error(program, "Unknown option: %s", arg);
            }
            continue;
        }
        for (const char *p = arg + 1; *p != '\0'; p++) {
            char c = *p;
            const char *value = NULL;
            if (c == 'c' || c == 'm' || c == 'W' || c == 'X') {
                if (p[1] != '\0') {
                    value = p + 1;
                } else if (i < argc) {
                    value = argv[i++];
                } else {
                    char optname[3] = {'-', c, '\0'};
                    return usage_error(program, "Argument expected for the %s option", optname);
                }
            }
            switch (c) {
            case 'c':
                opt->kind = RUN_COMMAND;
                opt->target = value;
                opt->rest = i;
                return -1;
            case 'm':
                opt->kind = RUN_MODULE;
                opt->target = value;
                opt->rest = i;
                return -1;
            case 'W':
            case 'X':
                break;   // TODO(#4): warning filters and -X options (utf8, dev, tlbc, ...)
            case 'b':
                opt->config.bytes_warning = true;
                continue;
            case 'B':
                opt->config.dont_write_bytecode = true;
                continue;
            case 'd':
            case 'R':
                continue;
            case 'E':
                opt->config.ignore_environment = true;
                continue;
            case 'h':
            case '?':
                printf("usage: %s %s\n%s", program, usage_line, help_text);
                return 0;
            case 'i':
                opt->config.inspect = true;
                continue;
            case 'I':
                opt->config.isolated = true;
                opt->config.ignore_environment = true;
                opt->config.safe_path = true;
                continue;
            case 'O':
                opt->config.optimize++;
                continue;
            case 'P':
                opt->config.safe_path = true;
                continue;
            case 'q':
                opt->config.quiet = true;
                continue;
            case 's':
                continue;   // TODO(#4): the user site directory
            case 'S':
                opt->config.no_site = true;
                continue;
            case 't':
                continue;
            case 'u':
                opt->config.unbuffered = true;
                continue;
            case 'v':
                opt->config.verbose++;
                continue;
            case 'V':
                opt->version++;
                continue;
            case 'x':
                opt->skip_first_line = true;
                continue;
            default: {
                char optname[3] = {'-', c, '\0'};
                return usage_error(program, "Unknown option: %s", optname);
            }
            }
            break;   // the rest of this argument was the option's value
        }
    }
    if (opt->version > 0) {
        // TODO(#4): -VV's build details.
        printf("%s\n", version_text);
        return 0;
    }
    if (i < argc) {
        opt->target = argv[i];
        opt->kind = strcmp(argv[i], "-") == 0 ? RUN_STDIN : RUN_FILE;
        opt->rest = i + 1;
    } else {
        opt->kind = RUN_STDIN;
        opt->rest = argc;
    }
    return -1;
}

// path made absolute by joining it to the working directory (CPython's _Py_abspath: no
// normalization). A malloc'd string, or NULL.
static char *
absolute_path(const char *path)
{
    if (path[0] == '/')
        return strdup(path);
    char cwd[PATH_MAX];
    if (getcwd(cwd, sizeof cwd) == NULL)
        return strdup(path);
    size_t n = strlen(cwd) + strlen(path) + 2;
    char *full = malloc(n);
    if (full != NULL)
        snprintf(full, n, "%s/%s", cwd, path);
    return full;
}

// The whole of a stream; NULL with errno set.
static char *
read_all(FILE *f, size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap + 1);
    while (buf != NULL) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap) {
            if (ferror(f)) {
                free(buf);
                return NULL;
            }
            break;
        }
        char *bigger = realloc(buf, cap * 2 + 1);
        if (bigger == NULL)
            free(buf);
        buf = bigger;
        cap *= 2;
    }
    if (buf == NULL)
        return NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

// The current exception, taken off the thread (a new reference).
static FtObject *
take_exception(void)
{
    FtObject *exc = ft_error_occurred_borrow();
    if (exc == NULL)
        return NULL;
    ft_incref(exc);
    ft_error_restore_steal(NULL);
    return exc;
}

// What the program runs: the text and the file name its code objects carry.
typedef struct Program {
    const char *source;
    size_t len;
    const char *filename;    // co_filename
    const char *main_file;   // __main__.__file__, or NULL
    bool show_source;        // tracebacks show `source` for filename (the -c text)
} Program;

// Handles an uncaught exception: its exit status, and whether it was a KeyboardInterrupt.
static int
handle_uncaught(const Program *prog, bool *interrupted)
{
    FtObject *exc = take_exception();
    if (exc == NULL)
        return 1;
    if (ft_object_type_check(exc, &ft_exc_keyboard_interrupt))
        *interrupted = true;
    if (prog != NULL && prog->show_source)
        return ft_exception_handle_uncaught_source_steal(exc, prog->filename, prog->source);
    return ft_exception_handle_uncaught_steal(exc);
}

// Makes sys.modules['__main__'] with __file__ (when given), __builtins__ and __cached__; returns
// its dict (borrowed from the module kept in sys.modules), or NULL with an exception.
static FtObject *
make_main_module(const char *file)
{
    FtObject *module = ft_module_new_cstr_ref("__main__");
    if (module == NULL)
        return NULL;
    FtObject *dict = ft_module_dict_borrow(module);
    FtInterp *interp = ft_interp_main();
    FtObject *builtins = NULL;
    if (interp->modules_dict != NULL &&
        ft_dict_get_item_str_ref(interp->modules_dict, "builtins", &builtins) < 0)
        goto error;
    if (ft_dict_set_item_str(dict, "__builtins__",
                             builtins != NULL ? builtins : interp->builtins_dict) < 0)
        goto error;
    if (file != NULL) {
        FtObject *f = ft_str_from_cstr_ref(file);
        int r = f != NULL ? ft_dict_set_item_str(dict, "__file__", f) : -1;
        ft_xdecref(f);
        if (r < 0)
            goto error;
    }
    if (ft_dict_set_item_str(dict, "__cached__", FT_NONE) < 0)
        goto error;
    if (interp->modules_dict != NULL &&
        ft_dict_set_item_str(interp->modules_dict, "__main__", module) < 0)
        goto error;
    ft_xdecref(builtins);
    ft_decref(module);   // sys.modules keeps it
    return dict;
error:
    ft_xdecref(builtins);
    ft_decref(module);
    return NULL;
}

// Compiles and runs the program in __main__. Returns the exit status.
static int
run_program(const Program *prog, bool *interrupted)
{
    FtObject *globals = make_main_module(prog->main_file);
    if (globals == NULL)
        return handle_uncaught(prog, interrupted);
    FtObject *name = ft_str_from_cstr_ref(prog->filename);
    if (name == NULL)
        return handle_uncaught(prog, interrupted);
    FtObject *code = ft_compile_source_ref(prog->source, (Ft_ssize)prog->len, name,
                                           FT_COMPILE_EXEC, 0, -1);
    ft_decref(name);
    if (code == NULL)
        return handle_uncaught(prog, interrupted);
    FtObject *result = ft_eval_code_ref(code, globals, NULL);
    ft_decref(code);
    if (result == NULL)
        return handle_uncaught(prog, interrupted);
    ft_decref(result);
    return 0;
}

static bool
is_blank_line(const char *line, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (strchr(" \t\r\f\v", line[i]) == NULL)
            return false;
    }
    return true;
}

// The -c text with its common leading spaces and tabs removed and blank lines emptied, as CPython
// 3.14 does before compiling it (textwrap.dedent's rules). A malloc'd string, or NULL.
static char *
dedent_command(const char *text)
{
    const char *lo = NULL, *hi = NULL;
    size_t lo_n = 0, hi_n = 0;
    for (const char *line = text;;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
        if (n > 0 && !is_blank_line(line, n)) {
            int c_lo = lo == NULL ? -1 : memcmp(line, lo, n < lo_n ? n : lo_n);
            if (lo == NULL || c_lo < 0 || (c_lo == 0 && n < lo_n)) {
                lo = line;
                lo_n = n;
            }
            int c_hi = hi == NULL ? 1 : memcmp(line, hi, n < hi_n ? n : hi_n);
            if (hi == NULL || c_hi > 0 || (c_hi == 0 && n > hi_n)) {
                hi = line;
                hi_n = n;
            }
        }
        if (nl == NULL)
            break;
        line = nl + 1;
    }
    size_t margin = 0;
    while (lo != NULL && margin < lo_n && margin < hi_n && lo[margin] == hi[margin] &&
           (lo[margin] == ' ' || lo[margin] == '\t'))
        margin++;
    char *out = malloc(strlen(text) + 1);
    if (out == NULL)
        return NULL;
    size_t k = 0;
    for (const char *line = text;;) {
        const char *nl = strchr(line, '\n');
        size_t n = nl != NULL ? (size_t)(nl - line) : strlen(line);
        if (!is_blank_line(line, n)) {
            memcpy(out + k, line + margin, n - margin);
            k += n - margin;
        }
        if (nl == NULL)
            break;
        out[k++] = '\n';
        line = nl + 1;
    }
    out[k] = '\0';
    return out;
}

static int
run_file(const char *program, const Options *opt, bool *interrupted)
{
    char *path = absolute_path(opt->target);
    if (path == NULL)
        return 1;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        int err = errno;
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", base_name(program), path, err,
                strerror(err));
        free(path);
        return EXIT_USAGE;
    }
    size_t len = 0;
    char *source = read_all(f, &len);
    fclose(f);
    if (source == NULL) {
        fprintf(stderr, "%s: can't open file '%s': [Errno %d] %s\n", base_name(program), path,
                errno, strerror(errno));
        free(path);
        return EXIT_USAGE;
    }
    const char *text = source;
    if (opt->skip_first_line) {
        // The line stays counted: CPython keeps line numbers by leaving the newline in place.
        char *nl = strchr(source, '\n');
        size_t skip = nl != NULL ? (size_t)(nl - source) : len;
        text = source + skip;
        len -= skip;
    }
    Program prog = {text, len, path, path, false};
    int status = run_program(&prog, interrupted);
    free(source);
    free(path);
    return status;
}

static int
run_stdin(bool *interrupted)
{
    // TODO(#4): the interactive REPL when stdin is a terminal.
    size_t len = 0;
    char *source = read_all(stdin, &len);
    if (source == NULL)
        return 1;
    Program prog = {source, len, "<stdin>", NULL, false};
    int status = run_program(&prog, interrupted);
    free(source);
    return status;
}

// Fills the parts of the configuration that come from the environment and the program path.
static void
finish_config(Options *opt, int argc, char **argv, char **sys_argv, char *executable,
              char *script_dir)
{
    FtModulesConfig *c = &opt->config;
    if (env_flag(opt, "PYTHONUNBUFFERED"))
        c->unbuffered = true;
    if (env_flag(opt, "PYTHONDONTWRITEBYTECODE"))
        c->dont_write_bytecode = true;
    if (env_flag(opt, "PYTHONSAFEPATH"))
        c->safe_path = true;
    if (env_flag(opt, "PYTHONINSPECT"))
        c->inspect = true;
    if (env_flag(opt, "PYTHONOPTIMIZE") && c->optimize == 0) {
        int level = atoi(getenv("PYTHONOPTIMIZE"));
        c->optimize = level > 0 ? level : 1;
    }
    if (env_flag(opt, "PYTHONVERBOSE") && c->verbose == 0) {
        int level = atoi(getenv("PYTHONVERBOSE"));
        c->verbose = level > 0 ? level : 1;
    }
    int n = 0;
    switch (opt->kind) {
    case RUN_COMMAND:
        sys_argv[n++] = (char *)"-c";
        break;
    case RUN_MODULE:
        sys_argv[n++] = (char *)"-m";   // TODO(#4): runpy replaces it with the module's path
        break;
    case RUN_FILE:
        sys_argv[n++] = (char *)opt->target;
        break;
    case RUN_STDIN:
        sys_argv[n++] = (char *)(opt->target != NULL ? opt->target : "");
        break;
    }
    for (int i = opt->rest; i < argc; i++)
        sys_argv[n++] = argv[i];
    sys_argv[n] = NULL;
    c->argc = n;
    c->argv = sys_argv;
    c->executable = realpath("/proc/self/exe", executable) != NULL ? executable : NULL;
    c->script_dir = "";
    if (opt->kind == RUN_FILE) {
        char *abs = absolute_path(opt->target);
        if (abs != NULL && realpath(abs, script_dir) != NULL) {
            char *slash = strrchr(script_dir, '/');
            if (slash != NULL)
                *(slash == script_dir ? slash + 1 : slash) = '\0';
            c->script_dir = script_dir;
        }
        free(abs);
    }
    if (c->safe_path)
        c->script_dir = NULL;
    c->interactive = opt->kind == RUN_STDIN && isatty(0);
}

// SIGINT: ask the interrupted thread's eval loop to raise KeyboardInterrupt at its next poll
// (ft_eval_request_keyboard_interrupt is async-signal-safe; the thread state is a TLS read).
// TODO(#4): always the main thread, as CPython; a signal landing on a thread with no state is lost.
static void
sigint_handler(int signo)
{
    (void)signo;
    FtThreadState *ts = ft_thread_state_current();
    if (ts != NULL)
        ft_eval_request_keyboard_interrupt(ts);
}

static int
start_runtime(const FtModulesConfig *config)
{
    if (ft_runtime_init() != 0)
        return -1;
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        return -1;
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    if (ft_objects_init() < 0 || ft_frame_init_types() < 0 || ft_eval_init() < 0 ||
        ft_eval_thread_init() < 0)
        return -1;
    ft_compile_set_default_optimize(config->optimize);
    return ft_modules_init(config);
}

int
main(int argc, char **argv)
{
    const char *program = argc > 0 ? argv[0] : "ftpy";
    Options opt;
    memset(&opt, 0, sizeof opt);
    int status = parse_options(argc, argv, &opt);
    if (status >= 0)
        return status;
    char **sys_argv = malloc((size_t)(argc + 2) * sizeof(char *));
    char executable[PATH_MAX], script_dir[PATH_MAX];
    if (sys_argv == NULL)
        return 1;
    finish_config(&opt, argc, argv, sys_argv, executable, script_dir);
    if (start_runtime(&opt.config) < 0) {
        fprintf(stderr, "Fatal Python error: init_interp_main: failed to start the runtime\n");
        if (ft_error_occurred()) {
            bool ignored = false;
            handle_uncaught(NULL, &ignored);
        }
        free(sys_argv);
        return 1;
    }
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = sigint_handler;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    bool interrupted = false;
    switch (opt.kind) {
    case RUN_FILE:
        status = run_file(program, &opt, &interrupted);
        break;
    case RUN_COMMAND: {
        char *command = dedent_command(opt.target);
        if (command == NULL) {
            status = 1;
            break;
        }
        Program prog = {command, strlen(command), "<string>", NULL, true};
        status = run_program(&prog, &interrupted);
        free(command);
        break;
    }
    case RUN_MODULE:
        fprintf(stderr, "%s: No module named %s\n", base_name(program), opt.target);
        status = 1;
        break;
    case RUN_STDIN:
        status = run_stdin(&interrupted);
        break;
    }
    ft_modules_finalize_main();
    if (ft_modules_flush_std_files() < 0 && status == 0)
        status = EXIT_FLUSH_FAILED;
    // TODO(#4): wait for non-daemon threads, run atexit callbacks, finalize the runtime.
    ft_modules_thread_fini();
    ft_eval_thread_fini();
    free(sys_argv);
    fflush(stdout);
    fflush(stderr);
    if (interrupted) {
        // Die of SIGINT as CPython does, so that a shell sees the interruption (status 130).
        signal(SIGINT, SIG_DFL);
        kill(getpid(), SIGINT);
        return 130;
    }
    return status;
}
