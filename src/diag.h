/* diag.h - how the library reports: errors, warnings, exit statuses.
 *
 * The library never prints, exits or touches signals.  It reports in
 * exactly two ways:
 *   - an error: the function fills a struct pk_err and returns failure;
 *     the caller decides what to do with it;
 *   - a warning or a progress note: pk_warn*() / pk_note() format the
 *     message and hand it to the one sink the front end installed
 *     (pk_set_msg_sink; fe/fe.h installs one that prints "PROG: TEXT"
 *     on stderr and honours -q).  Without a sink messages are dropped.
 * A model may keep its own problems as data for the reports that list
 * them (hp->warnings, prof->problem, el_summary.truncated); telling the
 * user is still the sink's (hp_report_warnings).  There is no other warning
 * path: no callbacks in option structs, no "return 1 means warning".
 * Locations read "FILE:LINE: " (text input) or "FILE: offset N: "
 * (binary input).  Out of memory is the one fatal case: pk_oom() tells
 * the sink (the front end exits 1) and otherwise aborts.
 * Printing, exiting and usage errors are the front end's (fe/fe.h).
 */
#ifndef PK_DIAG_H
#define PK_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define PK_PRINTF(f, a) __attribute__((format(printf, f, a)))

/* The exit statuses, the same for every tool (each man page lists its own). */
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

enum pk_msg_kind {
	PK_MSG_WARNING, /* text starts with the location and "warning: " */
	PK_MSG_NOTE,    /* a progress line */
	PK_MSG_FATAL,   /* out of memory: the sink should exit */
};
typedef void pk_msg_sink(enum pk_msg_kind kind, const char *text);
void pk_set_msg_sink(pk_msg_sink *fn);

void pk_warn(const char *fmt, ...) PK_PRINTF(1, 2);
void pk_warn_line(const char *file, uint64_t line, const char *fmt, ...)
	PK_PRINTF(3, 4);
void pk_warn_offset(const char *file, uint64_t off, const char *fmt, ...)
	PK_PRINTF(3, 4);
void pk_note(const char *fmt, ...) PK_PRINTF(1, 2);
noreturn void pk_oom(void);

/* Fill an error.  The *_line/_offset forms prefix the location. */
void pk_err_set(struct pk_err *e, const char *fmt, ...) PK_PRINTF(2, 3);
void pk_err_setv(struct pk_err *e, const char *fmt, va_list ap);
void pk_err_line(struct pk_err *e, const char *file, uint64_t line,
		 const char *fmt, ...) PK_PRINTF(4, 5);
void pk_err_offset(struct pk_err *e, const char *file, uint64_t off,
		   const char *fmt, ...) PK_PRINTF(4, 5);
void pk_err_clear(struct pk_err *e);

/* Allocation that cannot fail (dies with a message on exhaustion). */
void *pk_xmalloc(size_t n);
void *pk_xcalloc(size_t n, size_t size);
void *pk_xrealloc(void *p, size_t n);
void *pk_xreallocarray(void *p, size_t n, size_t size);
char *pk_xstrdup(const char *s);
char *pk_xstrndup(const char *s, size_t n);
char *pk_xasprintf(const char *fmt, ...) PK_PRINTF(1, 2);
/* The time now in UTC, formatted by strftime's layout. */
char *pk_xutc_now(const char *layout) __attribute__((format(strftime, 1, 0)));

#endif
