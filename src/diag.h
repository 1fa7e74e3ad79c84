/* diag.h - diagnostics and exit statuses shared by every profkit tool.
 *
 * Messages go to stderr as "PROG: message", or with a location:
 *   "PROG: FILE:LINE: message"        (text input)
 *   "PROG: FILE: offset N: message"   (binary input)
 * Library code never prints or exits: it fills a struct pk_err and returns
 * failure, and the tool decides (see pk_err_die).
 */
#ifndef PK_DIAG_H
#define PK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define PK_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* The documented exit statuses (DESIGN.md), the same for every tool. */
enum pk_exit {
	PK_EXIT_OK = 0,
	PK_EXIT_INPUT = 1,      /* bad or unreadable input, output failure */
	PK_EXIT_USAGE = 2,      /* bad command line */
	PK_EXIT_REGRESSION = 3, /* prof-compare/prof-history found one */
	PK_EXIT_TIMEOUT = 124,  /* prof-run: the time limit fired */
	PK_EXIT_RUNNER = 125,   /* prof-run itself failed */
	PK_EXIT_NOEXEC = 126,   /* command found but not executable */
	PK_EXIT_NOTFOUND = 127, /* command not found */
};

/* An error a library function reports; msg is owned (malloc) or NULL. */
struct pk_err {
	char *msg;
};

void pk_set_progname(const char *argv0);
const char *pk_progname(void);

/* -q silences warnings (errors are always printed). */
void pk_set_quiet(bool quiet);
bool pk_quiet(void);

void pk_warn(const char *fmt, ...) PK_PRINTF(1, 2);
void pk_warn_line(const char *file, uint64_t line, const char *fmt, ...)
	PK_PRINTF(3, 4);
void pk_warn_offset(const char *file, uint64_t off, const char *fmt, ...)
	PK_PRINTF(3, 4);
noreturn void pk_die(int status, const char *fmt, ...) PK_PRINTF(2, 3);

/* "PROG: message" then "Try 'PROG --help' for more information.", exit 2 */
noreturn void pk_usage_error(const char *fmt, ...) PK_PRINTF(1, 2);

/* Fill an error.  The *_line/_offset forms prefix the location. */
void pk_err_set(struct pk_err *e, const char *fmt, ...) PK_PRINTF(2, 3);
void pk_err_setv(struct pk_err *e, const char *fmt, va_list ap);
void pk_err_line(struct pk_err *e, const char *file, uint64_t line,
		 const char *fmt, ...) PK_PRINTF(4, 5);
void pk_err_offset(struct pk_err *e, const char *file, uint64_t off,
		   const char *fmt, ...) PK_PRINTF(4, 5);
void pk_err_clear(struct pk_err *e);
/* Print "PROG: msg" and exit with status. */
noreturn void pk_err_die(struct pk_err *e, int status);

/* Allocation that cannot fail (dies with a message on exhaustion). */
void *pk_xmalloc(size_t n);
void *pk_xcalloc(size_t n, size_t size);
void *pk_xrealloc(void *p, size_t n);
void *pk_xreallocarray(void *p, size_t n, size_t size);
char *pk_xstrdup(const char *s);
char *pk_xstrndup(const char *s, size_t n);
char *pk_xasprintf(const char *fmt, ...) PK_PRINTF(1, 2);

#endif
