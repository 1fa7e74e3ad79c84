/* json_write.h - a small streaming JSON writer (RFC 8259).
 *
 * Values are written as they come; nothing is buffered beyond stdio, so a
 * document of any size costs constant memory.  Strings are escaped and any
 * invalid UTF-8 is replaced by U+FFFD, so the output is always valid JSON.
 * Integers are exact 64-bit; doubles are written in the shortest form that
 * reads back to the same value; non-finite doubles are written as 0 and
 * counted in jw.nonfinite (JSON has no NaN).
 */
#ifndef PK_JSON_WRITE_H
#define PK_JSON_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct jw {
	FILE *f;
	int indent;           /* spaces per level; 0 = compact */
	size_t depth;
	size_t cap;
	unsigned char *first; /* per level: no element written yet */
	bool after_key;
	unsigned long nonfinite;
};

void jw_init(struct jw *w, FILE *f, int indent);
void jw_free(struct jw *w);

void jw_object_begin(struct jw *w);
void jw_object_end(struct jw *w);
void jw_array_begin(struct jw *w);
void jw_array_end(struct jw *w);

void jw_key(struct jw *w, const char *key);
void jw_string(struct jw *w, const char *s);
void jw_stringn(struct jw *w, const char *s, size_t n);
void jw_int(struct jw *w, int64_t v);
void jw_uint(struct jw *w, uint64_t v);
void jw_double(struct jw *w, double v);
void jw_bool(struct jw *w, bool v);
void jw_null(struct jw *w);
/* Write already-valid JSON text as one value. */
void jw_raw(struct jw *w, const char *json);

/* key + value shorthands */
void jw_kstring(struct jw *w, const char *key, const char *s);
void jw_kint(struct jw *w, const char *key, int64_t v);
void jw_kuint(struct jw *w, const char *key, uint64_t v);
void jw_kdouble(struct jw *w, const char *key, double v);
void jw_kbool(struct jw *w, const char *key, bool v);
/* "key": s, or null when s is NULL */
void jw_kstring_or_null(struct jw *w, const char *key, const char *s);
/* "key": v, or null when not have */
void jw_kuint_or_null(struct jw *w, const char *key, bool have, uint64_t v);
/* "key": [v[0], ..., v[n-1]] */
void jw_kdoubles(struct jw *w, const char *key, const double *v, size_t n);

/* Write s as the body of a JSON string (no quotes) to f. */
void jw_escape(FILE *f, const char *s, size_t n);

/* Length of the valid UTF-8 sequence at s (1..4), or 0 if invalid. */
size_t pk_utf8_seq(const unsigned char *s, size_t n);

#endif
