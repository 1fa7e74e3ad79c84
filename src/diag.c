/* diag.c - diagnostics, error objects and checked allocation. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

static const char *progname = "profkit";
static bool quiet;

void
pk_set_progname(const char *argv0)
{
	const char *slash = argv0 ? strrchr(argv0, '/') : NULL;

	if (argv0 != NULL)
		progname = slash ? slash + 1 : argv0;
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
vmsg(const char *where, const char *fmt, va_list ap)
{
	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	if (where != NULL)
		fputs(where, stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
pk_warn(const char *fmt, ...)
{
	va_list ap;

	if (quiet)
		return;
	va_start(ap, fmt);
	vmsg("warning: ", fmt, ap);
	va_end(ap);
}

void
pk_warn_line(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;
	char *where;

	if (quiet)
		return;
	where = pk_xasprintf("%s:%llu: warning: ", file,
			     (unsigned long long)line);
	va_start(ap, fmt);
	vmsg(where, fmt, ap);
	va_end(ap);
	free(where);
}

void
pk_warn_offset(const char *file, uint64_t off, const char *fmt, ...)
{
	va_list ap;
	char *where;

	if (quiet)
		return;
	where = pk_xasprintf("%s: offset %llu: warning: ", file,
			     (unsigned long long)off);
	va_start(ap, fmt);
	vmsg(where, fmt, ap);
	va_end(ap);
	free(where);
}

void
pk_die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	exit(status);
}

void
pk_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(NULL, fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(PK_EXIT_USAGE);
}

void
pk_err_setv(struct pk_err *e, const char *fmt, va_list ap)
{
	char *msg;

	if (e == NULL)
		return;
	if (vasprintf(&msg, fmt, ap) < 0)
		pk_die(PK_EXIT_INPUT, "out of memory");
	free(e->msg);
	e->msg = msg;
}

void
pk_err_set(struct pk_err *e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pk_err_setv(e, fmt, ap);
	va_end(ap);
}

void
pk_err_line(struct pk_err *e, const char *file, uint64_t line,
	    const char *fmt, ...)
{
	va_list ap;
	char *body;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&body, fmt, ap) < 0)
		pk_die(PK_EXIT_INPUT, "out of memory");
	va_end(ap);
	pk_err_set(e, "%s:%llu: %s", file, (unsigned long long)line, body);
	free(body);
}

void
pk_err_offset(struct pk_err *e, const char *file, uint64_t off,
	      const char *fmt, ...)
{
	va_list ap;
	char *body;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	if (vasprintf(&body, fmt, ap) < 0)
		pk_die(PK_EXIT_INPUT, "out of memory");
	va_end(ap);
	pk_err_set(e, "%s: offset %llu: %s", file, (unsigned long long)off,
		   body);
	free(body);
}

void
pk_err_clear(struct pk_err *e)
{
	if (e != NULL) {
		free(e->msg);
		e->msg = NULL;
	}
}

void
pk_err_die(struct pk_err *e, int status)
{
	pk_die(status, "%s", e && e->msg ? e->msg : "unknown error");
}

static void *
oom(void)
{
	pk_die(PK_EXIT_INPUT, "out of memory");
}

void *
pk_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	return p ? p : oom();
}

void *
pk_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	return p ? p : oom();
}

void *
pk_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	return q ? q : oom();
}

void *
pk_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return oom();
	return pk_xrealloc(p, n * size);
}

char *
pk_xstrdup(const char *s)
{
	char *p = strdup(s);

	return p ? p : oom();
}

char *
pk_xstrndup(const char *s, size_t n)
{
	char *p = strndup(s, n);

	return p ? p : oom();
}

char *
pk_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int r;

	va_start(ap, fmt);
	r = vasprintf(&s, fmt, ap);
	va_end(ap);
	return r < 0 ? oom() : s;
}
