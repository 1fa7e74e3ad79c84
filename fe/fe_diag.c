/* fe_diag.c - the program name, messages on stderr, dying. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fe.h"

static const char *progname = "profkit";
static bool quiet;

static void
print_line(const char *text)
{
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", progname, text);
}

/* The library's messages (diag.h) end up here. */
static void
sink(enum pk_msg_kind kind, const char *text)
{
	if (kind == PK_MSG_FATAL) {
		print_line(text);
		exit(PK_EXIT_INPUT);
	}
	if (!quiet)
		print_line(text);
}

void
pk_set_progname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0 != NULL)
		progname = slash ? slash + 1 : argv0;
	pk_set_msg_sink(sink);
}

const char *
pk_progname(void)
{
	return progname;
}

void
pk_set_quiet(bool q)
{
	quiet = q;
}

bool
pk_quiet(void)
{
	return quiet;
}

static void
vmsg(const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
pk_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(status);
}

void
pk_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(PK_EXIT_USAGE);
}

void
pk_err_die(struct pk_err *e, int status)
{
	pk_die(status, "%s", e && e->msg ? e->msg : "unknown error");
}
