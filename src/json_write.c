/* json_write.c - streaming JSON writer. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json_write.h"

void
jw_init(struct jw *w, FILE *f, int indent)
{
	memset(w, 0, sizeof *w);
	w->f = f;
	w->indent = indent;
}

void
jw_free(struct jw *w)
{
	free(w->first);
	w->first = NULL;
}

static void
newline(struct jw *w)
{
	if (w->indent <= 0)
		return;
	static const char spaces[] = "                                "
				     "                                ";
	size_t n = w->depth * (size_t)w->indent;

	putc_unlocked('\n', w->f);
	while (n > 0) {
		size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;

		fwrite_unlocked(spaces, 1, k, w->f);
		n -= k;
	}
}

/* Separator before a value or key at the current level. */
static void
before_value(struct jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	if (!w->first[w->depth - 1])
		putc_unlocked(',', w->f);
	w->first[w->depth - 1] = 0;
	newline(w);
}

static void
push(struct jw *w, int c)
{
	before_value(w);
	putc_unlocked(c, w->f);
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->first = pk_xrealloc(w->first, w->cap);
	}
	w->first[w->depth++] = 1;
}

static void
pop(struct jw *w, int c)
{
	bool empty = w->first[w->depth - 1];

	w->depth--;
	if (!empty)
		newline(w);
	putc_unlocked(c, w->f);
}

void jw_object_begin(struct jw *w) { push(w, '{'); }
void jw_object_end(struct jw *w) { pop(w, '}'); }
void jw_array_begin(struct jw *w) { push(w, '['); }
void jw_array_end(struct jw *w) { pop(w, ']'); }

size_t
pk_utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && s[1] < 0xa0)
			return 0; /* overlong */
		if (c == 0xed && s[1] >= 0xa0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && s[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xf4 && s[1] >= 0x90)
			return 0; /* beyond U+10FFFF */
		return 4;
	}
	return 0;
}

void
jw_escape(FILE *f, const char *str, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	while (i < n) {
		unsigned c = s[i];
		size_t len;

		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		if (c >= 0x80 && (len = pk_utf8_seq(s + i, n - i)) > 0) {
			i += len;
			continue;
		}
		fwrite_unlocked(s + run, 1, i - run, f);
		if (c == '"' || c == '\\') {
			putc_unlocked('\\', f);
			putc_unlocked((int)c, f);
		} else if (c < 0x20) {
			putc_unlocked('\\', f);
			switch (c) {
			case '\b': putc_unlocked('b', f); break;
			case '\f': putc_unlocked('f', f); break;
			case '\n': putc_unlocked('n', f); break;
			case '\r': putc_unlocked('r', f); break;
			case '\t': putc_unlocked('t', f); break;
			default:
				fputs_unlocked("u00", f);
				putc_unlocked(hex[c >> 4], f);
				putc_unlocked(hex[c & 15], f);
			}
		} else {
			fputs_unlocked("\xef\xbf\xbd", f); /* U+FFFD */
		}
		i++;
		run = i;
	}
	fwrite_unlocked(s + run, 1, n - run, f);
}

void
jw_key(struct jw *w, const char *key)
{
	before_value(w);
	putc_unlocked('"', w->f);
	jw_escape(w->f, key, strlen(key));
	putc_unlocked('"', w->f);
	putc_unlocked(':', w->f);
	if (w->indent > 0)
		putc_unlocked(' ', w->f);
	w->after_key = true;
}

void
jw_stringn(struct jw *w, const char *s, size_t n)
{
	before_value(w);
	putc_unlocked('"', w->f);
	jw_escape(w->f, s, n);
	putc_unlocked('"', w->f);
}

void
jw_string(struct jw *w, const char *s)
{
	jw_stringn(w, s, strlen(s));
}

void
jw_uint(struct jw *w, uint64_t v)
{
	char buf[24];
	char *p = buf + sizeof buf;

	before_value(w);
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	fwrite_unlocked(p, 1, (size_t)(buf + sizeof buf - p), w->f);
}

void
jw_int(struct jw *w, int64_t v)
{
	if (v < 0) {
		before_value(w);
		putc_unlocked('-', w->f);
		w->after_key = true; /* no separator before the digits */
		jw_uint(w, (uint64_t)0 - (uint64_t)v);
	} else {
		jw_uint(w, (uint64_t)v);
	}
}

void
jw_double(struct jw *w, double v)
{
	char buf[40];

	if (!isfinite(v)) {
		w->nonfinite++;
		v = 0;
	}
	/* the range test first: converting a double beyond int64 is UB */
	if (fabs(v) < 9.007199254740992e15 && v == (double)(int64_t)v) {
		jw_int(w, (int64_t)v);
		return;
	}
	before_value(w);
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	fputs_unlocked(buf, w->f);
}

void
jw_bool(struct jw *w, bool v)
{
	before_value(w);
	fputs_unlocked(v ? "true" : "false", w->f);
}

void
jw_null(struct jw *w)
{
	before_value(w);
	fputs_unlocked("null", w->f);
}

void
jw_raw(struct jw *w, const char *json)
{
	before_value(w);
	fputs_unlocked(json, w->f);
}

void jw_kstring(struct jw *w, const char *k, const char *s) { jw_key(w, k); jw_string(w, s); }
void jw_kint(struct jw *w, const char *k, int64_t v) { jw_key(w, k); jw_int(w, v); }
void jw_kuint(struct jw *w, const char *k, uint64_t v) { jw_key(w, k); jw_uint(w, v); }
void jw_kdouble(struct jw *w, const char *k, double v) { jw_key(w, k); jw_double(w, v); }
void jw_kbool(struct jw *w, const char *k, bool v) { jw_key(w, k); jw_bool(w, v); }

void
jw_kdoubles(struct jw *w, const char *key, const double *v, size_t n)
{
	jw_key(w, key);
	jw_array_begin(w);
	for (size_t i = 0; i < n; i++)
		jw_double(w, v[i]);
	jw_array_end(w);
}

void
jw_kstring_or_null(struct jw *w, const char *key, const char *s)
{
	jw_key(w, key);
	if (s != NULL)
		jw_string(w, s);
	else
		jw_null(w);
}

void
jw_kuint_or_null(struct jw *w, const char *key, bool have, uint64_t v)
{
	jw_key(w, key);
	if (have)
		jw_uint(w, v);
	else
		jw_null(w);
}
