/* diag.c - diagnostics, error objects and checked allocation. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "diag.h"

static pk_msg_sink *sink;

void
pk_set_msg_sink(pk_msg_sink *fn)
{
	sink = fn;
}

/* Format "WHERE" + message and hand it to the sink; no sink, no message. */
static void
vemit(enum pk_msg_kind kind, const char *where, const char *fmt, va_list ap)
{
	char *body, *text;

	if (sink == NULL)
		return;
	if (vasprintf(&body, fmt, ap) < 0)
		pk_oom();
	if (asprintf(&text, "%s%s", where ? where : "", body) < 0)
		pk_oom();
	free(body);
	sink(kind, text);
	free(text);
}

void
pk_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(PK_MSG_WARNING, "warning: ", fmt, ap);
	va_end(ap);
}

void
pk_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vemit(PK_MSG_NOTE, NULL, fmt, ap);
	va_end(ap);
}

/* A warning located by where (malloc'd, freed here). */
static void
vwarn_at(char *where, const char *fmt, va_list ap)
{
	vemit(PK_MSG_WARNING, where, fmt, ap);
	free(where);
}

void
pk_warn_line(const char *file, uint64_t line, const char *fmt, ...)
{
	va_list ap;

	if (sink == NULL)
		return;
	va_start(ap, fmt);
	vwarn_at(pk_xasprintf("%s:%llu: warning: ", file,
			      (unsigned long long)line), fmt, ap);
	va_end(ap);
}

void
pk_warn_offset(const char *file, uint64_t off, const char *fmt, ...)
{
	va_list ap;

	if (sink == NULL)
		return;
	va_start(ap, fmt);
	vwarn_at(pk_xasprintf("%s: offset %llu: warning: ", file,
			      (unsigned long long)off), fmt, ap);
	va_end(ap);
}

void
pk_oom(void)
{
	if (sink != NULL)
		sink(PK_MSG_FATAL, "out of memory"); /* the front end exits */
	abort();
}

void
pk_err_setv(struct pk_err *e, const char *fmt, va_list ap)
{
	char *msg;

	if (e == NULL)
		return;
	if (vasprintf(&msg, fmt, ap) < 0)
		pk_oom();
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

/* An error located by where (malloc'd, freed here). */
static void
verr_at(struct pk_err *e, char *where, const char *fmt, va_list ap)
{
	char *body;

	if (vasprintf(&body, fmt, ap) < 0)
		pk_oom();
	pk_err_set(e, "%s%s", where, body);
	free(body);
	free(where);
}

void
pk_err_line(struct pk_err *e, const char *file, uint64_t line,
	    const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	verr_at(e, pk_xasprintf("%s:%llu: ", file, (unsigned long long)line),
		fmt, ap);
	va_end(ap);
}

void
pk_err_offset(struct pk_err *e, const char *file, uint64_t off,
	      const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return;
	va_start(ap, fmt);
	verr_at(e, pk_xasprintf("%s: offset %llu: ", file,
				(unsigned long long)off), fmt, ap);
	va_end(ap);
}

void
pk_err_clear(struct pk_err *e)
{
	if (e != NULL) {
		free(e->msg);
		e->msg = NULL;
	}
}

static void *
oom(void)
{
	pk_oom();
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

char *
pk_xutc_now(const char *layout)
{
	char buf[64];
	time_t t = time(NULL);
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL)
		return pk_xstrdup("");
	/* layout is checked where pk_xutc_now is called (diag.h) */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (strftime(buf, sizeof buf, layout, &tm) == 0)
		buf[0] = '\0';
#pragma GCC diagnostic pop
	return pk_xstrdup(buf);
}
