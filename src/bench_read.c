/* bench_read.c - readers for benchmark result files (see bench.h). */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "bench_private.h"
#include "input.h"
#include "prof.h"

static const char *const format_names[] = {
	[BENCH_FMT_AUTO] = "auto",         [BENCH_FMT_KEVM] = "kevm",
	[BENCH_FMT_HYPERFINE] = "hyperfine", [BENCH_FMT_GBENCH] = "gbench",
	[BENCH_FMT_CRITERION] = "criterion", [BENCH_FMT_LLAMA] = "llama",
	[BENCH_FMT_PYTEST] = "pytest",     [BENCH_FMT_CSV] = "csv",
	[BENCH_FMT_BMF] = "bmf",           [BENCH_FMT_GAB] = "gab",
	[BENCH_FMT_LIBTEST] = "libtest",   [BENCH_FMT_PROF] = "prof",
	[BENCH_FMT_EVENTLOG] = "eventlog", [BENCH_FMT_HP] = "hp",
	[BENCH_FMT_PROFBENCH] = "profbench", [BENCH_FMT_BASEMAP] = "basemap",
};
#define N_FORMATS (sizeof format_names / sizeof format_names[0])

const char *
bench_format_name(enum bench_format f)
{
	return (unsigned)f < N_FORMATS ? format_names[f] : "?";
}

int
bench_format_parse(const char *s, enum bench_format *f)
{
	for (size_t i = 0; i < N_FORMATS; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum bench_format)i;
			return 0;
		}
	return -1;
}

const char *
bench_format_list(void)
{
	return "auto, kevm, hyperfine, gbench, criterion, llama, pytest, "
	       "csv, bmf, gab, libtest, prof, eventlog, hp, profbench, basemap";
}

static void
entry_set_unit(struct bench_entry *e, const char *unit)
{
	free(e->unit);
	e->unit = pk_xstrdup(unit);
}

/* Mark an entry failed; keep the worst status seen. */
static void
entry_fail(struct bench_entry *e, enum bench_status st, int code)
{
	if (e->status == BENCH_OK || st == BENCH_TIMEOUT) {
		e->status = st;
		e->exit_code = code;
	}
}

double
bench_time_unit_scale(const char *u)
{
	if (u == NULL)
		return 0;
	if (strcmp(u, "ns") == 0 || strcmp(u, "nanoseconds") == 0)
		return 1e-9;
	if (strcmp(u, "us") == 0 || strcmp(u, "\xc2\xb5s") == 0 ||
	    strcmp(u, "\xce\xbcs") == 0 || strcmp(u, "microseconds") == 0)
		return 1e-6;
	if (strcmp(u, "ms") == 0 || strcmp(u, "milliseconds") == 0)
		return 1e-3;
	if (strcmp(u, "s") == 0 || strcmp(u, "sec") == 0 ||
	    strcmp(u, "seconds") == 0)
		return 1;
	if (strcmp(u, "min") == 0 || strcmp(u, "minutes") == 0)
		return 60;
	if (strcmp(u, "h") == 0 || strcmp(u, "hours") == 0)
		return 3600;
	return 0;
}

bool
bench_unit_higher_is_better(const char *u)
{
	size_t n;

	if (u == NULL)
		return false;
	n = strlen(u);
	if (n >= 2 && strcmp(u + n - 2, "/s") == 0)
		return true;
	return strstr(u, "per_second") != NULL ||
	       strstr(u, "per second") != NULL || strcmp(u, "ops") == 0 ||
	       strcmp(u, "Hz") == 0;
}

bool
bench_pct_higher_is_better(const char *name, const char *u)
{
	static const char *const good[] = { "hit", "accuracy", "coverage",
					    "success", "efficiency" };
	char low[128];
	size_t i;

	if (u == NULL || name == NULL ||
	    (strcmp(u, "%") != 0 && strcmp(u, "percent") != 0 &&
	     strcmp(u, "pct") != 0))
		return false;
	for (i = 0; name[i] != '\0' && i + 1 < sizeof low; i++)
		low[i] = (char)tolower((unsigned char)name[i]);
	low[i] = '\0';
	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		if (strstr(low, good[i]) != NULL)
			return true;
	return false;
}

/* Add a value in unit u: time units are converted to seconds. */
static void
entry_add_unit(struct bench_entry *e, double v, const char *u)
{
	double sc = bench_time_unit_scale(u);

	if (sc > 0) {
		entry_set_unit(e, "s");
		bench_entry_add(e, v * sc);
		return;
	}
	if (u != NULL)
		entry_set_unit(e, u);
	if (bench_unit_higher_is_better(u) ||
	    bench_pct_higher_is_better(e->name, u))
		e->dir = BENCH_HIGHER_IS_BETTER;
	bench_entry_add(e, v);
}

/* ---- small text helpers ------------------------------------------ */

/* strtod of the whole token [s, end); 0 or -1. */
static int
parse_num(const char *s, size_t n, double *out)
{
	char tmp[64], *end;

	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= sizeof tmp)
		return -1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	/* decimal only: strtod would take "0x10" as 16 */
	if (strpbrk(tmp, "xXpP") != NULL)
		return -1;
	errno = 0;
	*out = strtod(tmp, &end);
	if (*end != '\0' || errno == ERANGE || !isfinite(*out))
		return -1;
	return 0;
}

/* Iterate over lines of a NUL-terminated buffer. */
struct lines {
	const char *p, *end;
	unsigned long lineno;
	char *buf;
	size_t cap;
};

static const char *
next_line(struct lines *l, size_t *len)
{
	const char *s, *nl;
	size_t n;

	if (l->p >= l->end)
		return NULL;
	s = l->p;
	nl = memchr(s, '\n', (size_t)(l->end - s));
	n = nl ? (size_t)(nl - s) : (size_t)(l->end - s);
	l->p = nl ? nl + 1 : l->end;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (n + 1 > l->cap) {
		l->cap = n + 1;
		l->buf = pk_xrealloc(l->buf, l->cap);
	}
	memcpy(l->buf, s, n);
	l->buf[n] = '\0';
	l->lineno++;
	*len = n;
	return l->buf;
}

static bool
blank(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return *s == '\0';
}

/* ---- KEVM timing files ------------------------------------------- */

struct kevm_line {
	long long exit;
	double elapsed;
	const char *cmd;
};

/* "%x %es %Us %Ss %MKB %C" */
static bool
kevm_parse_line(char *s, struct kevm_line *k)
{
	char *end, *tok[5];
	char *p = s;

	for (int i = 0; i < 5; i++) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return false;
		tok[i] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p == '\0')
			return false;
		*p++ = '\0';
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0')
		return false;
	errno = 0;
	k->exit = strtoll(tok[0], &end, 10);
	if (*end != '\0' || end == tok[0] || errno)
		return false;
	for (int i = 1; i <= 3; i++) {
		size_t n = strlen(tok[i]);
		double v;

		if (n < 2 || tok[i][n - 1] != 's' ||
		    parse_num(tok[i], n - 1, &v) != 0 || v < 0)
			return false;
		if (i == 1)
			k->elapsed = v;
	}
	{
		size_t n = strlen(tok[4]);
		double v;

		if (n < 3 || strcmp(tok[4] + n - 2, "KB") != 0 ||
		    parse_num(tok[4], n - 2, &v) != 0)
			return false;
	}
	k->cmd = p;
	return true;
}

/* Test id: last 3 path components of the argument after prove/interpret. */
char *
bench_kevm_test_id(const char *cmd)
{
	const char *p = cmd, *path = NULL;
	size_t plen = 0;
	bool next = false;

	while (*p) {
		const char *t;
		size_t n;

		while (*p == ' ' || *p == '\t')
			p++;
		t = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		n = (size_t)(p - t);
		if (n == 0)
			break;
		if (next) {
			path = t;
			plen = n;
			break;
		}
		if ((n == 5 && memcmp(t, "prove", 5) == 0) ||
		    (n == 9 && memcmp(t, "interpret", 9) == 0))
			next = true;
	}
	if (path == NULL)
		return pk_xstrdup(cmd);
	{
		const char *s = path + plen;
		int slashes = 0;

		while (s > path) {
			if (s[-1] == '/' && ++slashes == 3)
				break;
			s--;
		}
		return pk_xstrndup(s, (size_t)(path + plen - s));
	}
}

static bool
kevm_noise_line(const char *s)
{
	/* GNU time's own lines before a failed command's format line. */
	return strncmp(s, "Command exited with non-zero status", 35) == 0 ||
	       strncmp(s, "Command terminated by signal", 28) == 0;
}

/* A line that starts like a GNU time line (an exit status, then a
 * number): a broken timing line, never part of the --version header. */
static bool
kevm_timing_like(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	if (!isdigit((unsigned char)*s))
		return false;
	while (isdigit((unsigned char)*s))
		s++;
	if (*s != ' ' && *s != '\t')
		return false;
	while (*s == ' ' || *s == '\t')
		s++;
	return isdigit((unsigned char)*s) || *s == '-' || *s == '.';
}

static int
read_kevm(const char *name, const char *buf, size_t len,
	  struct bench_set *set, struct pk_err *err)
{
	struct lines l = {buf, buf + len, 0, NULL, 0};
	const char *s;
	size_t n;
	char *hdr = NULL;
	size_t hdrlen = 0;
	int nhdr = 0, ntimed = 0, rc = 0;

	while ((s = next_line(&l, &n)) != NULL) {
		struct kevm_line k;
		struct bench_entry *e;
		char *id;

		if (blank(s) || kevm_noise_line(s))
			continue;
		/* before kevm_parse_line cuts the line into tokens */
		bool timing_like = kevm_timing_like(s);

		if (!kevm_parse_line(l.buf, &k)) {
			if (ntimed == 0 && nhdr < 5 && !timing_like) {
				/* the kore-exec --version header */
				hdr = pk_xrealloc(hdr, hdrlen + n + 2);
				memcpy(hdr + hdrlen, s, n);
				hdrlen += n;
				hdr[hdrlen++] = '\n';
				hdr[hdrlen] = '\0';
				nhdr++;
				continue;
			}
			pk_err_line(err, name, l.lineno,
				    "not a timing line "
				    "(want \"%%x %%es %%Us %%Ss %%MKB %%C\")%s",
				    ntimed == 0 && nhdr > 0
					    ? "; the lines before it were taken "
					      "as the kore-exec --version header"
					    : "");
			rc = -1;
			break;
		}
		ntimed++;
		id = bench_kevm_test_id(k.cmd);
		e = bench_set_entry(set, id, "time");
		free(id);
		if (e->line == 0)
			e->line = l.lineno;
		bench_entry_add(e, k.elapsed);
		if (k.exit == 124 || k.exit == 137)
			entry_fail(e, BENCH_TIMEOUT, (int)k.exit);
		else if (k.exit != 0)
			entry_fail(e, BENCH_FAILED, (int)k.exit);
	}
	if (rc == 0 && ntimed == 0) {
		pk_err_line(err, name, l.lineno, "no timing lines");
		rc = -1;
	}
	if (rc == 0 && hdr != NULL) {
		free(set->header);
		set->header = hdr;
		hdr = NULL;
	}
	free(hdr);
	free(l.buf);
	return rc;
}

/* ---- libtest bencher lines --------------------------------------- */

static int
read_libtest(const char *name, const char *buf, size_t len,
	     struct bench_set *set, struct pk_err *err)
{
	struct lines l = {buf, buf + len, 0, NULL, 0};
	const char *s;
	size_t n;
	int found = 0;

	while ((s = next_line(&l, &n)) != NULL) {
		const char *b, *q, *u;
		char num[64];
		size_t k = 0;
		double v;
		struct bench_entry *e;
		char *bn;

		if (strncmp(s, "test ", 5) != 0 ||
		    (b = strstr(s, " ... bench:")) == NULL)
			continue;
		q = b + 11;
		while (*q == ' ')
			q++;
		for (; *q && *q != ' ' && k + 1 < sizeof num; q++)
			if (*q != ',')
				num[k++] = *q;
		num[k] = '\0';
		while (*q == ' ')
			q++;
		u = q;
		if (parse_num(num, k, &v) != 0 || strncmp(u, "ns/iter", 7) != 0) {
			pk_err_line(err, name, l.lineno,
				    "bad bench line (want \"N ns/iter\")");
			free(l.buf);
			return -1;
		}
		bn = pk_xstrndup(s + 5, (size_t)(b - (s + 5)));
		e = bench_set_entry(set, bn, "time");
		free(bn);
		if (e->line == 0)
			e->line = l.lineno;
		entry_add_unit(e, v, "ns");
		found++;
	}
	free(l.buf);
	if (!found) {
		pk_err_set(err, "%s: no \"test ... bench:\" lines", name);
		return -1;
	}
	return 0;
}

/* ---- CSV --------------------------------------------------------- */

/* Split one CSV line into fields (quotes, "" escapes).  Returns count. */
static size_t
csv_split(const char *s, char ***fields, size_t *cap)
{
	size_t nf = 0;

	for (;;) {
		char *f = pk_xmalloc(strlen(s) + 1);
		size_t k = 0;

		while (*s == ' ')
			s++;
		if (*s == '"') {
			s++;
			while (*s) {
				if (*s == '"' && s[1] == '"') {
					f[k++] = '"';
					s += 2;
				} else if (*s == '"') {
					s++;
					break;
				} else {
					f[k++] = *s++;
				}
			}
			while (*s && *s != ',')
				s++;
		} else {
			while (*s && *s != ',')
				f[k++] = *s++;
			while (k > 0 && f[k - 1] == ' ')
				k--;
		}
		f[k] = '\0';
		if (nf == *cap) {
			*cap = *cap ? 2 * *cap : 8;
			*fields = pk_xreallocarray(*fields, *cap, sizeof **fields);
		}
		(*fields)[nf++] = f;
		if (*s != ',')
			break;
		s++;
	}
	return nf;
}

static void
csv_free(char **f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(f[i]);
}

static long
csv_col(char **f, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i], name) == 0)
			return (long)i;
	return -1;
}


/* llama-bench CSV: a header with avg_ts; one value (avg_ts) per row. */
/* The configuration columns of llama-bench that make a test distinct,
 * with the value llama-bench uses by default (NULL: always shown, as
 * llama-bench's own table shows threads and layers). */
static const struct {
	const char *key, *label, *dflt;
} llama_params[] = {
	{"n_threads", "threads", NULL},     {"n_gpu_layers", "ngl", NULL},
	{"n_batch", "n_batch", "2048"},     {"n_ubatch", "n_ubatch", "512"},
	{"type_k", "type_k", "f16"},        {"type_v", "type_v", "f16"},
	{"flash_attn", "fa", "0"},          {"split_mode", "sm", "layer"},
	{"main_gpu", "mg", "0"},            {"no_kv_offload", "nkvo", "0"},
	{"tensor_split", "ts", "0.00"},     {"use_mmap", "mmap", "1"},
	{"embeddings", "embd", "0"},        {"n_depth", "depth", "0"},
	{"cpu_mask", "cpu_mask", "0x0"},    {"cpu_strict", "cpu_strict", "0"},
	{"poll", "poll", "50"},             {"f16_kv", "f16_kv", "1"},
	{"mul_mat_q", "mmq", "1"},
};

/* value of a configuration key in one row, as text (NULL: absent) */
typedef const char *(*llama_get_fn)(void *ctx, const char *key, char *buf,
				    size_t n);

/* "MODEL pp512 threads=16 ngl=99 n_batch=512": the whole configuration,
 * so that rows differing only in a parameter stay apart. */
static char *
llama_name(const char *model, double np, double ng, llama_get_fn get,
	   void *ctx)
{
	char *s, buf[128];

	if (np > 0 && ng > 0)
		s = pk_xasprintf("%s pp%.0f+tg%.0f", model, np, ng);
	else if (ng > 0)
		s = pk_xasprintf("%s tg%.0f", model, ng);
	else
		s = pk_xasprintf("%s pp%.0f", model, np);
	for (size_t i = 0; i < sizeof llama_params / sizeof llama_params[0];
	     i++) {
		const char *v = get(ctx, llama_params[i].key, buf, sizeof buf);
		char *t;

		if (v == NULL || (llama_params[i].dflt != NULL &&
				  strcmp(v, llama_params[i].dflt) == 0))
			continue;
		t = pk_xasprintf("%s %s=%s", s, llama_params[i].label, v);
		free(s);
		s = t;
	}
	return s;
}

static const char *
llama_json_get(void *ctx, const char *key, char *buf, size_t n)
{
	json_t *v = json_object_get((json_t *)ctx, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, n, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_real(v)) {
		snprintf(buf, n, "%g", json_real_value(v));
		return buf;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "1" : "0";
	return NULL;
}

struct llama_csv_row {
	char **hdr, **f;
	size_t nh;
	long off;
};

static const char *
llama_csv_get(void *ctx, const char *key, char *buf, size_t n)
{
	struct llama_csv_row *r = ctx;
	long c = csv_col(r->hdr, r->nh, key);

	(void)buf;
	(void)n;
	if (c < 0)
		return NULL;
	/* the CSV writes booleans as "1"/"0" already */
	return r->f[c + r->off];
}

static int
read_llama_csv(const char *name, const char *buf, size_t len,
	       struct bench_set *set, struct pk_err *err)
{
	struct lines l = {buf, buf + len, 0, NULL, 0};
	const char *s;
	size_t n, nh = 0, cap = 0, hcap = 0;
	char **hdr = NULL, **f = NULL;
	long c_model, c_np, c_ng, c_ts, off;
	int rc = 0, rows = 0;
	bool warned = false;

	if ((s = next_line(&l, &n)) == NULL)
		return pk_err_set(err, "%s: empty file", name), -1;
	nh = csv_split(s, &hdr, &hcap);
	c_model = csv_col(hdr, nh, "model_type");
	c_np = csv_col(hdr, nh, "n_prompt");
	c_ng = csv_col(hdr, nh, "n_gen");
	c_ts = csv_col(hdr, nh, "avg_ts");
	if (c_ts < 0) {
		pk_err_line(err, name, 1, "llama-bench CSV without avg_ts");
		rc = -1;
	}
	while (rc == 0 && (s = next_line(&l, &n)) != NULL) {
		size_t nf;
		double ts, np = 0, ng = 0;
		char *bn;
		struct bench_entry *e;

		if (blank(s))
			continue;
		nf = csv_split(s, &f, &cap);
		/* llama.cpp's own README example has one field more than its
		 * header (an extra backend flag): match columns from the end. */
		if (nf > nh && nf - nh <= 2) {
			if (!warned)
				pk_warn_line(name, l.lineno,
					     "%zu fields, the header has %zu: "
					     "matching columns from the end",
					     nf, nh);
			warned = true;
		}
		off = nf > nh ? (long)(nf - nh) : 0;
		if (nf < nh || nf - nh > 2) {
			pk_err_line(err, name, l.lineno,
				    "%zu fields, the header has %zu", nf, nh);
			rc = -1;
		} else if (parse_num(f[c_ts + off], strlen(f[c_ts + off]), &ts) != 0 ||
			   (c_np >= 0 &&
			    parse_num(f[c_np + off], strlen(f[c_np + off]), &np) != 0) ||
			   (c_ng >= 0 &&
			    parse_num(f[c_ng + off], strlen(f[c_ng + off]), &ng) != 0)) {
			pk_err_line(err, name, l.lineno, "bad number");
			rc = -1;
		} else {
			struct llama_csv_row row = {hdr, f, nh, off};

			bn = llama_name(c_model >= 0 ? f[c_model + off] : "model",
					np, ng, llama_csv_get, &row);
			e = bench_set_entry(set, bn, "tokens/s");
			free(bn);
			if (e->line == 0)
				e->line = l.lineno;
			entry_set_unit(e, "t/s");
			e->dir = BENCH_HIGHER_IS_BETTER;
			bench_entry_add(e, ts);
			rows++;
		}
		csv_free(f, nf);
	}
	if (rc == 0 && rows == 0) {
		pk_err_line(err, name, l.lineno, "no data rows");
		rc = -1;
	}
	csv_free(hdr, nh);
	free(hdr);
	free(f);
	free(l.buf);
	return rc;
}

/* Simple CSV: name,value[,unit] with an optional header line. */
static int
read_csv(const char *name, const char *buf, size_t len,
	 struct bench_set *set, struct pk_err *err)
{
	struct lines l = {buf, buf + len, 0, NULL, 0};
	const char *s;
	size_t n, cap = 0;
	char **f = NULL;
	int rc = 0, rows = 0;

	while (rc == 0 && (s = next_line(&l, &n)) != NULL) {
		size_t nf;
		double v;

		if (blank(s) || s[0] == '#')
			continue;
		nf = csv_split(s, &f, &cap);
		if (nf < 2 || nf > 3) {
			pk_err_line(err, name, l.lineno,
				    "want name,value[,unit], got %zu fields",
				    nf);
			rc = -1;
		} else if (parse_num(f[1], strlen(f[1]), &v) != 0) {
			if (rows > 0 || l.lineno > 1) {
				pk_err_line(err, name, l.lineno,
					    "bad number \"%s\"", f[1]);
				rc = -1;
			} /* else: the header line */
		} else {
			const char *unit = nf == 3 ? f[2] : "";
			bool is_time = bench_time_unit_scale(unit) > 0;
			struct bench_entry *e =
				bench_set_entry(set, f[0], is_time ? "time" : "value");

			if (e->line == 0)
				e->line = l.lineno;
			/* without a unit: a plain number, lower is better */
			entry_add_unit(e, v, unit);
			rows++;
		}
		csv_free(f, nf);
	}
	if (rc == 0 && rows == 0) {
		pk_err_line(err, name, l.lineno, "no data rows");
		rc = -1;
	}
	free(f);
	free(l.buf);
	return rc;
}

/* ---- JSON -------------------------------------------------------- */

static bool
tok_boundary(char c)
{
	return c == '\0' || c == ',' || c == ']' || c == '}' || c == ':' ||
	       c == '[' || isspace((unsigned char)c);
}

/* google-benchmark (and Python's json) write bare NaN / Infinity, which
 * JSON does not allow and jansson 2.14 rejects.  Replace them, outside
 * strings, by null (the value is then skipped with a warning).  Newlines
 * are kept, so jansson's line numbers stay right.  Returns NULL if the
 * buffer has no such token. */
static char *
json_nan_filter(const char *buf, size_t len, size_t *outlen, size_t *count)
{
	static const char *const toks[] = {"-Infinity", "Infinity", "-NaN",
					   "NaN", "-inf", "inf", "-nan", "nan"};
	char *out = NULL;
	size_t o = 0;
	bool instr = false;

	*count = 0;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];

		if (instr) {
			if (c == '\\' && i + 1 < len) {
				if (out) {
					out[o++] = c;
					out[o++] = buf[i + 1];
				}
				i++;
				continue;
			}
			if (c == '"')
				instr = false;
		} else if (c == '"') {
			instr = true;
		} else if ((c == 'N' || c == 'I' || c == '-' || c == 'n' ||
			    c == 'i') &&
			   (i == 0 || tok_boundary(buf[i - 1]))) {
			for (size_t t = 0; t < sizeof toks / sizeof *toks; t++) {
				size_t tl = strlen(toks[t]);

				if (i + tl <= len &&
				    memcmp(buf + i, toks[t], tl) == 0 &&
				    (i + tl == len || tok_boundary(buf[i + tl]))) {
					if (out == NULL) {
						out = pk_xmalloc(len + 8 * (len / 3 + 1) + 1);
						memcpy(out, buf, i);
						o = i;
					}
					memcpy(out + o, "null", 4);
					o += 4;
					i += tl - 1;
					(*count)++;
					goto next;
				}
			}
		}
		if (out)
			out[o++] = c;
next:;
	}
	if (out) {
		out[o] = '\0';
		*outlen = o;
	}
	return out;
}

static json_t *
json_parse(const char *name, const char *buf, size_t len, size_t flags,
	   struct pk_err *err)
{
	json_error_t je;
	size_t flen = 0, nnan = 0;
	char *f = json_nan_filter(buf, len, &flen, &nnan);
	json_t *j;

	j = json_loadb(f ? f : buf, f ? flen : len, flags | JSON_DECODE_ANY,
		       &je);
	free(f);
	if (j == NULL) {
		if (je.line > 0)
			pk_err_line(err, name, (uint64_t)je.line,
				    "invalid JSON: %s", je.text);
		else
			pk_err_set(err, "%s: invalid JSON: %s", name, je.text);
	}
	return j;
}

static bool
jnum(json_t *v, double *out)
{
	if (!json_is_number(v))
		return false;
	*out = json_number_value(v);
	return isfinite(*out);
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
warn_skipped(const char *name, const char *bench, size_t k)
{
	if (k > 0)
		pk_warn("%s: %s: %zu non-numeric sample%s skipped", name, bench,
			k, k == 1 ? "" : "s");
}

/* hyperfine --export-json */
/* " [k=v, k2=v2]" for a JSON object of parameters (hyperfine
 * "parameters", pytest-benchmark "params"), "" when there are none. */
static char *
params_suffix(json_t *params)
{
	const char *k;
	json_t *v;
	char *s = pk_xstrdup("");

	if (!json_is_object(params) || json_object_size(params) == 0)
		return s;
	json_object_foreach(params, k, v) {
		char *val = json_is_string(v) ? pk_xstrdup(json_string_value(v))
						: json_dumps(v, JSON_ENCODE_ANY |
								     JSON_COMPACT);
		char *t = pk_xasprintf("%s%s%s=%s", s, s[0] ? ", " : " [", k,
				       val ? val : "?");

		free(val);
		free(s);
		s = t;
	}
	{
		char *t = pk_xasprintf("%s]", s);

		free(s);
		s = t;
	}
	return s;
}

static int
read_hyperfine(const char *name, json_t *root, struct bench_set *set,
	       struct pk_err *err)
{
	json_t *res = json_object_get(root, "results"), *r;
	size_t i;

	if (!json_is_array(res) || json_array_size(res) == 0) {
		pk_err_set(err, "%s: hyperfine JSON without results", name);
		return -1;
	}
	json_array_foreach(res, i, r) {
		const char *cmd = jstr(r, "command");
		json_t *times = json_object_get(r, "times"), *codes, *v;
		struct bench_entry *e;
		size_t k, skipped = 0;
		double d;

		if (cmd == NULL) {
			pk_err_set(err, "%s: results[%zu]: no \"command\"", name,
				   i);
			return -1;
		}
		{
			/* a parameter scan: the parameters are part of the
			 * identity (a -n name may not carry them) */
			char *suf = params_suffix(json_object_get(r, "parameters"));
			char *id = pk_xasprintf("%s%s", cmd, suf);

			e = bench_set_entry(set, id, "time");
			free(suf);
			free(id);
		}
		if (json_is_array(times) && json_array_size(times) > 0) {
			json_array_foreach(times, k, v) {
				if (jnum(v, &d))
					bench_entry_add(e, d);
				else
					skipped++;
			}
		} else if (jnum(json_object_get(r, "mean"), &d)) {
			bench_entry_add(e, d);
		} else {
			pk_err_set(err, "%s: results[%zu] (%s): no times", name,
				   i, cmd);
			return -1;
		}
		warn_skipped(name, cmd, skipped);
		codes = json_object_get(r, "exit_codes");
		json_array_foreach(codes, k, v) {
			if (json_is_integer(v) && json_integer_value(v) != 0) {
				entry_fail(e, BENCH_FAILED,
					   (int)json_integer_value(v));
				break;
			}
		}
	}
	return 0;
}

/* google-benchmark JSON */
static int
read_gbench(const char *name, json_t *root, bool cpu, struct bench_set *set,
	    struct pk_err *err)
{
	json_t *bl = json_object_get(root, "benchmarks"), *b;
	const char *field = cpu ? "cpu_time" : "real_time";
	size_t i;
	int pass;

	if (!json_is_array(bl)) {
		pk_err_set(err, "%s: google-benchmark JSON without benchmarks",
			   name);
		return -1;
	}
	/* Pass 0: iterations (and old-schema entries without run_type).
	 * Pass 1: aggregates, only for runs that had no iterations; the
	 * median aggregate, else the mean, else every aggregate. */
	for (pass = 0; pass < 2; pass++) {
		json_array_foreach(bl, i, b) {
			const char *rt = jstr(b, "run_type");
			const char *bn = jstr(b, "name");
			const char *run = jstr(b, "run_name");
			const char *agg = jstr(b, "aggregate_name");
			const char *unit = jstr(b, "time_unit");
			bool is_agg = rt != NULL && strcmp(rt, "aggregate") == 0;
			struct bench_entry *e;
			json_t *tv;
			double d;

			if (bn == NULL) {
				pk_err_set(err, "%s: benchmarks[%zu]: no \"name\"",
					   name, i);
				return -1;
			}
			if (is_agg != (pass == 1))
				continue;
			if (is_agg) {
				const struct bench_entry *it;
				char *key = pk_xstrdup(run ? run : bn);
				bool has_median = false, has_mean = false;
				size_t j;
				json_t *o;

				it = bench_set_find(set, key, field);
				if (it != NULL && it->line == 0) {
					free(key);
					continue; /* has iterations */
				}
				if (agg != NULL) {
					json_array_foreach(bl, j, o) {
						const char *r2 = jstr(o, "run_name");
						const char *a2 = jstr(o, "aggregate_name");

						if (r2 && a2 && strcmp(r2, key) == 0) {
							has_median |= strcmp(a2, "median") == 0;
							has_mean |= strcmp(a2, "mean") == 0;
						}
					}
					if (!(has_median ? strcmp(agg, "median") == 0
					      : has_mean ? strcmp(agg, "mean") == 0
							 : false)) {
						free(key);
						continue;
					}
				}
				tv = json_object_get(b, field);
				if (tv == NULL) { /* BigO, RMS: no time */
					free(key);
					continue;
				}
				if (agg != NULL) {
					/* the aggregate kind is part of the
					 * identity: a median is not a mean */
					char *k2 = pk_xasprintf("%s [%s]", key, agg);

					free(key);
					key = k2;
				}
				e = bench_set_entry(set, key, field);
				free(key);
				e->line = 1; /* marks "from aggregates" */
			} else {
				tv = json_object_get(b, field);
				if (tv == NULL)
					continue;
				e = bench_set_entry(set, bn, field);
			}
			{
				json_t *eo = json_object_get(b, "error_occurred");

				if (json_is_true(eo)) {
					entry_fail(e, BENCH_FAILED, 0);
					continue;
				}
			}
			if (!jnum(tv, &d)) {
				warn_skipped(name, bn, 1);
				continue;
			}
			if (unit == NULL)
				unit = "ns";
			if (bench_time_unit_scale(unit) == 0) {
				pk_err_set(err, "%s: %s: unknown time_unit \"%s\"",
					   name, bn, unit);
				return -1;
			}
			entry_add_unit(e, d, unit);
		}
	}
	for (i = 0; i < set->n; i++)
		set->v[i].line = 0;
	if (set->n == 0) {
		pk_err_set(err, "%s: no google-benchmark results with %s", name,
			   field);
		return -1;
	}
	return 0;
}

static int
llama_one(const char *name, size_t idx, json_t *o, struct bench_set *set,
	  struct pk_err *err)
{
	const char *model = jstr(o, "model_type");
	double np = 0, ng = 0, d;
	json_t *samples = json_object_get(o, "samples_ts"), *v;
	struct bench_entry *e;
	char *bn;
	size_t k, skipped = 0;

	jnum(json_object_get(o, "n_prompt"), &np);
	jnum(json_object_get(o, "n_gen"), &ng);
	bn = llama_name(model ? model : "model", np, ng, llama_json_get, o);
	e = bench_set_entry(set, bn, "tokens/s");
	entry_set_unit(e, "t/s");
	e->dir = BENCH_HIGHER_IS_BETTER;
	if (json_is_array(samples) && json_array_size(samples) > 0) {
		json_array_foreach(samples, k, v) {
			if (jnum(v, &d))
				bench_entry_add(e, d);
			else
				skipped++;
		}
	} else if (jnum(json_object_get(o, "avg_ts"), &d)) {
		bench_entry_add(e, d);
	} else {
		pk_err_set(err, "%s: test %zu (%s): no samples_ts or avg_ts",
			   name, idx + 1, bn);
		free(bn);
		return -1;
	}
	warn_skipped(name, bn, skipped);
	free(bn);
	return 0;
}

static int
read_llama_json(const char *name, json_t *root, struct bench_set *set,
		struct pk_err *err)
{
	size_t i;
	json_t *o;

	json_array_foreach(root, i, o) {
		if (llama_one(name, i, o, set, err) != 0)
			return -1;
	}
	return 0;
}

static int
read_llama_jsonl(const char *name, const char *buf, size_t len,
		 struct bench_set *set, struct pk_err *err)
{
	struct lines l = {buf, buf + len, 0, NULL, 0};
	const char *s;
	size_t n, idx = 0;
	int rc = 0;

	while (rc == 0 && (s = next_line(&l, &n)) != NULL) {
		json_error_t je;
		json_t *o;

		if (blank(s))
			continue;
		o = json_loadb(s, n, 0, &je);
		if (o == NULL || !json_is_object(o)) {
			pk_err_line(err, name, l.lineno, "invalid JSON line: %s",
				    o ? "not an object" : je.text);
			rc = -1;
		} else {
			rc = llama_one(name, idx++, o, set, err);
		}
		json_decref(o);
	}
	free(l.buf);
	return rc;
}

/* pytest-benchmark JSON */
static int
read_pytest(const char *name, json_t *root, struct bench_set *set,
	    struct pk_err *err)
{
	json_t *bl = json_object_get(root, "benchmarks"), *b;
	size_t i;

	json_array_foreach(bl, i, b) {
		const char *bn = jstr(b, "fullname");
		json_t *st = json_object_get(b, "stats"), *data, *v;
		struct bench_entry *e;
		bool all = true;
		size_t k;
		double d = 0;

		if (bn == NULL)
			bn = jstr(b, "name");
		if (bn == NULL || !json_is_object(st)) {
			pk_err_set(err, "%s: benchmarks[%zu]: no name or stats",
				   name, i);
			return -1;
		}
		if (strchr(bn, '[') == NULL) {
			/* params not in the test id: add them */
			char *suf = params_suffix(json_object_get(b, "params"));
			char *id = pk_xasprintf("%s%s", bn, suf);

			e = bench_set_entry(set, id, "time");
			free(suf);
			free(id);
		} else {
			e = bench_set_entry(set, bn, "time");
		}
		data = json_object_get(st, "data");
		json_array_foreach(data, k, v) {
			if (!jnum(v, &d))
				all = false;
		}
		if (json_is_array(data) && json_array_size(data) > 0 && all) {
			json_array_foreach(data, k, v) {
				jnum(v, &d);
				bench_entry_add(e, d);
			}
		} else if (jnum(json_object_get(st, "median"), &d)) {
			if (json_is_array(data) && !all)
				pk_warn("%s: %s: stats.data is incomplete; "
					"using stats.median",
					name, bn);
			bench_entry_add(e, d);
		} else {
			pk_err_set(err, "%s: %s: no stats.data or stats.median",
				   name, bn);
			return -1;
		}
	}
	return 0;
}

/* Bencher Metric Format */
static int
read_bmf(const char *name, json_t *root, struct bench_set *set,
	 struct pk_err *err)
{
	const char *bn, *mn;
	json_t *measures, *m;

	json_object_foreach(root, bn, measures) {
		if (!json_is_object(measures)) {
			pk_err_set(err, "%s: %s: not an object of measures", name,
				   bn);
			return -1;
		}
		json_object_foreach(measures, mn, m) {
			struct bench_entry *e;
			double d;

			if (!jnum(json_object_get(m, "value"), &d)) {
				pk_err_set(err, "%s: %s: %s: no numeric \"value\"",
					   name, bn, mn);
				return -1;
			}
			e = bench_set_entry(set, bn, mn);
			if (strcmp(mn, "latency") == 0) {
				entry_add_unit(e, d, "ns");
			} else if (strcmp(mn, "throughput") == 0) {
				entry_add_unit(e, d, "ops/s");
			} else if (strcmp(mn, "build-time") == 0) {
				entry_add_unit(e, d, "s");
			} else if (strcmp(mn, "file-size") == 0) {
				entry_add_unit(e, d, "B");
			} else {
				entry_add_unit(e, d, "");
			}
		}
	}
	return 0;
}

/* github-action-benchmark "customSmallerIsBetter" JSON */
static int
read_gab(const char *name, json_t *root, struct bench_set *set,
	 struct pk_err *err)
{
	size_t i;
	json_t *o;

	json_array_foreach(root, i, o) {
		const char *bn = jstr(o, "name"), *unit = jstr(o, "unit");
		struct bench_entry *e;
		double d;

		if (bn == NULL || !jnum(json_object_get(o, "value"), &d)) {
			pk_err_set(err, "%s: entry %zu: no name or numeric value",
				   name, i + 1);
			return -1;
		}
		e = bench_set_entry(set, bn,
				    bench_time_unit_scale(unit) > 0 ? "time"
								    : "value");
		entry_add_unit(e, d, unit ? unit : "");
		e->dir = BENCH_LOWER_IS_BETTER; /* smaller is better */
	}
	return 0;
}


/* ---- baseline map (a Criterion system's baselines/main.json) ----- */

/* {"NAME": {"value": V, "unit": U, "description": ..., "date": ...}}, as
 * detect_regression.py's save_baseline writes it.  Like that script, a
 * member may also be {"time_ms": V} or a bare number (both in ms); a
 * member without "unit" is in ms.  Other members (a "notes" array, a
 * description string) are not benchmarks and are skipped; extra numeric
 * fields of an entry ("code_size_bytes") are not compared. */
static bool
basemap_entry(json_t *v, double *d, const char **unit)
{
	if (json_is_number(v)) {
		*unit = "ms";
		if (!jnum(v, d))
			*d = NAN;
		return true;
	}
	if (!json_is_object(v))
		return false;
	if (json_object_get(v, "value") != NULL) {
		*unit = jstr(v, "unit") ? jstr(v, "unit") : "ms";
		if (!jnum(json_object_get(v, "value"), d))
			*d = NAN;
		return true;
	}
	if (json_object_get(v, "time_ms") != NULL) {
		*unit = "ms";
		if (!jnum(json_object_get(v, "time_ms"), d))
			*d = NAN;
		return true;
	}
	return false;
}

static bool
is_basemap(json_t *j)
{
	const char *k;
	json_t *v;
	bool any = false;

	if (!json_is_object(j) || json_object_size(j) == 0)
		return false;
	json_object_foreach(j, k, v) {
		if (json_is_array(v) || json_is_string(v) || json_is_number(v))
			continue;
		if (!json_is_object(v) ||
		    !json_is_number(json_object_get(v, "value")) ||
		    !json_is_string(json_object_get(v, "unit")))
			return false;
		any = true;
	}
	return any;
}

static int
read_basemap(const char *name, json_t *root, struct bench_set *set,
	     struct pk_err *err)
{
	const char *bn;
	json_t *v;

	if (!json_is_object(root)) {
		pk_err_set(err, "%s: baseline map: not an object", name);
		return -1;
	}
	json_object_foreach(root, bn, v) {
		struct bench_entry *e;
		const char *unit;
		double d;

		if (json_is_array(v) || json_is_string(v) || json_is_null(v))
			continue; /* "notes": [...] and the like */
		if (!basemap_entry(v, &d, &unit)) {
			pk_err_set(err, "%s: %s: want {\"value\": N, \"unit\": U} "
				   "or a number", name, bn);
			return -1;
		}
		if (isnan(d)) {
			pk_err_set(err, "%s: %s: \"value\" is not a finite "
				   "number", name, bn);
			return -1;
		}
		e = bench_set_entry(set, bn,
				    bench_time_unit_scale(unit) > 0 ? "time"
								    : "value");
		entry_add_unit(e, d, unit);
	}
	return 0;
}

/* ---- prof-bench's bench.json ----------------------------------- */

static int
read_profbench(const char *name, json_t *root, const char *build,
	       struct bench_set *set, struct pk_err *err)
{
	json_t *builds = json_object_get(root, "builds");
	json_t *tests = json_object_get(root, "tests");
	json_t *samples = json_object_get(root, "samples");
	json_t *v;
	size_t i;

	if (!json_is_array(builds) || !json_is_array(tests) ||
	    !json_is_array(samples)) {
		pk_err_set(err, "%s: prof-bench: want builds, tests and samples "
			   "arrays", name);
		return -1;
	}
	if (build == NULL) {
		if (json_array_size(builds) != 1) {
			char *list = pk_xstrdup("");

			json_array_foreach(builds, i, v) {
				const char *bn = json_string_value(
					json_object_get(v, "name"));
				char *t = pk_xasprintf("%s%s%s", list,
						       i ? ", " : "",
						       bn ? bn : "?");

				free(list);
				list = t;
			}
			pk_err_set(err, "%s: %zu builds (%s): name one as "
				   "%s#BUILD", name, json_array_size(builds),
				   list, name);
			free(list);
			return -1;
		}
		build = json_string_value(
			json_object_get(json_array_get(builds, 0), "name"));
		if (build == NULL) {
			pk_err_set(err, "%s: prof-bench: a build without a name",
				   name);
			return -1;
		}
	} else {
		bool found = false;

		json_array_foreach(builds, i, v) {
			const char *bn = json_string_value(
				json_object_get(v, "name"));

			if (bn && strcmp(bn, build) == 0)
				found = true;
		}
		if (!found) {
			pk_err_set(err, "%s: no build '%s' in the file", name,
				   build);
			return -1;
		}
	}
	/* tests in suite order, then their samples in run order */
	json_array_foreach(tests, i, v) {
		const char *tn = json_string_value(json_object_get(v, "name"));
		size_t k;
		json_t *s;

		if (tn == NULL) {
			pk_err_set(err, "%s: prof-bench: tests[%zu] has no name",
				   name, i);
			return -1;
		}
		json_array_foreach(samples, k, s) {
			const char *st = json_string_value(
				json_object_get(s, "test"));
			const char *sb = json_string_value(
				json_object_get(s, "build"));
			json_t *wall = json_object_get(s, "wall");
			struct bench_entry *e;
			json_int_t code;

			if (st == NULL || sb == NULL || !json_is_number(wall)) {
				pk_err_set(err, "%s: prof-bench: samples[%zu] "
					   "wants test, build and wall", name,
					   k);
				return -1;
			}
			if (strcmp(st, tn) != 0 || strcmp(sb, build) != 0 ||
			    json_is_true(json_object_get(s, "warmup")))
				continue;
			e = bench_set_entry(set, tn, "time");
			bench_entry_add(e, json_number_value(wall));
			code = json_integer_value(json_object_get(s, "status"));
			if (json_is_true(json_object_get(s, "timed_out")))
				entry_fail(e, BENCH_TIMEOUT, (int)code);
			else if (code != 0)
				entry_fail(e, BENCH_FAILED, (int)code);
		}
	}
	return 0;
}

static enum bench_format
detect_json(json_t *j)
{
	if (json_is_object(j)) {
		json_t *b = json_object_get(j, "benchmarks");
		json_t *r = json_object_get(j, "results");
		const char *k;
		json_t *v;
		bool bmf = json_object_size(j) > 0;

		if (json_is_string(json_object_get(j, "tool")) &&
		    strcmp(json_string_value(json_object_get(j, "tool")),
			   "prof-bench") == 0)
			return BENCH_FMT_PROFBENCH;
		if (json_is_array(r) &&
		    json_object_get(json_array_get(r, 0), "command") != NULL)
			return BENCH_FMT_HYPERFINE;
		if (json_is_array(b)) {
			json_t *b0 = json_array_get(b, 0);

			if (json_object_get(j, "machine_info") != NULL ||
			    json_object_get(b0, "stats") != NULL)
				return BENCH_FMT_PYTEST;
			return BENCH_FMT_GBENCH;
		}
		if (json_object_get(j, "n_prompt") != NULL ||
		    json_object_get(j, "avg_ts") != NULL)
			return BENCH_FMT_LLAMA; /* one JSONL line */
		json_object_foreach(j, k, v) {
			const char *k2;
			json_t *v2;

			if (!json_is_object(v) || json_object_size(v) == 0) {
				bmf = false;
				break;
			}
			json_object_foreach(v, k2, v2) {
				if (!json_is_object(v2) ||
				    json_object_get(v2, "value") == NULL)
					bmf = false;
			}
		}
		if (bmf)
			return BENCH_FMT_BMF;
		if (is_basemap(j))
			return BENCH_FMT_BASEMAP;
	} else if (json_is_array(j) && json_array_size(j) > 0) {
		json_t *o = json_array_get(j, 0);

		if (json_object_get(o, "avg_ts") != NULL ||
		    json_object_get(o, "samples_ts") != NULL ||
		    json_object_get(o, "n_prompt") != NULL)
			return BENCH_FMT_LLAMA;
		if (json_object_get(o, "name") != NULL &&
		    json_object_get(o, "value") != NULL)
			return BENCH_FMT_GAB;
	}
	return BENCH_FMT_AUTO;
}

static const char *
skip_ws(const char *s, const char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	return s;
}

enum bench_format
bench_detect(const char *buf, size_t len)
{
	const char *end = buf + len, *s = skip_ws(buf, end);
	struct lines l;
	const char *ln;
	size_t n;
	int seen = 0;
	enum bench_format f = BENCH_FMT_AUTO;

	/* llama-bench -o sql, or an SQLite database filled from it */
	if (bench_llama_sql_is_db(buf, len) || bench_llama_sql_is_text(buf, len))
		return BENCH_FMT_LLAMA;
	if (s < end && (*s == '{' || *s == '[')) {
		json_error_t je;
		json_t *j;
		size_t flen, nnan;
		char *flt = json_nan_filter(buf, len, &flen, &nnan);

		j = json_loadb(flt ? flt : buf, flt ? flen : len,
			       JSON_DECODE_ANY, &je);
		if (j == NULL && *s == '{') {
			/* JSONL: judge by the first line */
			const char *nl = memchr(s, '\n', (size_t)(end - s));

			j = json_loadb(s, nl ? (size_t)(nl - s) : (size_t)(end - s),
				       0, &je);
		}
		free(flt);
		if (j != NULL) {
			f = detect_json(j);
			json_decref(j);
			return f;
		}
		/* Broken JSON: say which reader would have taken it. */
		if (memmem(buf, len, "\"benchmarks\"", 12) != NULL)
			return memmem(buf, len, "\"machine_info\"", 14)
				       ? BENCH_FMT_PYTEST
				       : BENCH_FMT_GBENCH;
		if (memmem(buf, len, "\"results\"", 9) != NULL)
			return BENCH_FMT_HYPERFINE;
		if (memmem(buf, len, "\"avg_ts\"", 8) != NULL)
			return BENCH_FMT_LLAMA;
		return BENCH_FMT_AUTO;
	}
	l = (struct lines){buf, end, 0, NULL, 0};
	while ((ln = next_line(&l, &n)) != NULL && seen < 40) {
		struct kevm_line k;

		if (blank(ln))
			continue;
		seen++;
		if (seen == 1 && strstr(ln, "avg_ts") != NULL &&
		    strchr(ln, ',') != NULL) {
			f = BENCH_FMT_LLAMA;
			break;
		}
		if (strncmp(ln, "test ", 5) == 0 &&
		    strstr(ln, " ... bench:") != NULL) {
			f = BENCH_FMT_LIBTEST;
			break;
		}
		if (kevm_parse_line(l.buf, &k)) {
			f = BENCH_FMT_KEVM;
			break;
		}
		if (kevm_noise_line(ln) || seen > 2)
			continue;
		{
			/* name,value[,unit]: the first or second line */
			char **fl = NULL;
			size_t cap = 0, nf = csv_split(ln, &fl, &cap);
			double v;

			if ((nf == 2 || nf == 3) &&
			    parse_num(fl[1], strlen(fl[1]), &v) == 0 &&
			    fl[0][0] != '\0')
				f = BENCH_FMT_CSV;
			csv_free(fl, nf);
			free(fl);
			if (f != BENCH_FMT_AUTO)
				break;
		}
	}
	free(l.buf);
	return f;
}

/* Is this a llama CSV (header with avg_ts)? */
static bool
is_llama_csv(const char *buf, size_t len)
{
	const char *nl = memchr(buf, '\n', len);
	size_t n = nl ? (size_t)(nl - buf) : len;

	return memmem(buf, n, "avg_ts", 6) != NULL;
}

/* llama-bench -o sql text or its SQLite database: the rows as llama-bench
 * JSON, then read as that. */
static int
read_llama_sql(const char *name, const char *buf, size_t len,
	       const struct bench_read_opts *opts, struct bench_set *set,
	       struct pk_err *err)
{
	struct bench_read_opts o = {0};
	char *js;
	int rc;

	if (bench_llama_sql_to_json(name, buf, len, &js, err) != 0)
		return -1;
	if (opts != NULL)
		o = *opts;
	o.format = BENCH_FMT_LLAMA;
	rc = bench_read_buf(name, js, strlen(js), &o, set, err);
	free(js);
	return rc;
}

static int
read_buf_any(const char *name, const char *buf, size_t len,
	       const struct bench_read_opts *opts, struct bench_set *set,
	       struct pk_err *err)
{
	enum bench_format f = opts ? opts->format : BENCH_FMT_AUTO;
	json_t *j = NULL;
	int rc;

	if (memchr(buf, '\0', len) != NULL) {
		pk_err_set(err, "%s: binary data (NUL byte at offset %zu): not "
				"a benchmark result file",
			   name, (size_t)((const char *)memchr(buf, '\0', len) - buf));
		return -1;
	}
	if (f == BENCH_FMT_AUTO) {
		f = bench_detect(buf, len);
		if (f == BENCH_FMT_AUTO) {
			pk_err_set(err,
				   "%s: unrecognised benchmark result format "
				   "(use --input-format: %s)",
				   name, bench_format_list());
			return -1;
		}
	}
	set->format = f;
	switch (f) {
	case BENCH_FMT_KEVM:
		return read_kevm(name, buf, len, set, err);
	case BENCH_FMT_CSV:
		return read_csv(name, buf, len, set, err);
	case BENCH_FMT_LIBTEST:
		return read_libtest(name, buf, len, set, err);
	case BENCH_FMT_CRITERION:
		pk_err_set(err, "%s: criterion input is a directory "
				"(target/criterion or one benchmark's)",
			   name);
		return -1;
	case BENCH_FMT_PROF:
		return bench_read_prof_buf(buf, len, name, set, err);
	case BENCH_FMT_EVENTLOG:
	case BENCH_FMT_HP:
		pk_err_set(err, "%s: %s input is read from a file "
				"(bench_read_path)",
			   name, bench_format_name(f));
		return -1;
	case BENCH_FMT_LLAMA: {
		const char *s = skip_ws(buf, buf + len);

		if (bench_llama_sql_is_db(buf, len) ||
		    bench_llama_sql_is_text(buf, len))
			return read_llama_sql(name, buf, len, opts, set, err);

		if (s == buf + len || (*s != '[' && *s != '{'))
			return is_llama_csv(buf, len)
				       ? read_llama_csv(name, buf, len, set, err)
				       : (pk_err_line(err, name, 1,
						      "llama-bench CSV without "
						      "avg_ts"),
					  -1);
		if (*s == '{')
			return read_llama_jsonl(name, buf, len, set, err);
		break;
	}
	default:
		break;
	}
	j = json_parse(name, buf, len, 0, err);
	if (j == NULL)
		return -1;
	switch (f) {
	case BENCH_FMT_HYPERFINE:
		rc = read_hyperfine(name, j, set, err);
		break;
	case BENCH_FMT_GBENCH:
		rc = read_gbench(name, j, opts && opts->gbench_cpu_time, set,
				 err);
		break;
	case BENCH_FMT_PYTEST:
		rc = read_pytest(name, j, set, err);
		break;
	case BENCH_FMT_BMF:
		rc = json_is_object(j) ? read_bmf(name, j, set, err)
				       : (pk_err_set(err, "%s: BMF: not an object",
						     name),
					  -1);
		break;
	case BENCH_FMT_PROFBENCH:
		rc = json_is_object(j)
			     ? read_profbench(name, j, opts ? opts->build : NULL,
					      set, err)
			     : (pk_err_set(err, "%s: prof-bench: not an object",
					   name),
				-1);
		break;
	case BENCH_FMT_BASEMAP:
		rc = read_basemap(name, j, set, err);
		break;
	case BENCH_FMT_GAB:
		rc = json_is_array(j) ? read_gab(name, j, set, err)
				      : (pk_err_set(err, "%s: not an array",
						    name),
					 -1);
		break;
	case BENCH_FMT_LLAMA:
		rc = json_is_array(j) ? read_llama_json(name, j, set, err)
				      : (pk_err_set(err, "%s: not an array",
						    name),
					 -1);
		break;
	default:
		pk_err_set(err, "%s: no reader for format %s", name,
			   bench_format_name(f));
		rc = -1;
	}
	json_decref(j);
	if (rc == 0 && set->n == 0) {
		pk_err_set(err, "%s: no benchmarks in the file", name);
		rc = -1;
	}
	return rc;
}

/* ---- Criterion directories -------------------------------------- */

static bool
is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
is_file(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* One benchmark: dir/which/{sample,estimates,benchmark}.json */
static int
criterion_one(const char *dir, const char *rel, const char *which,
	      struct bench_set *set, struct pk_err *err)
{
	char *p = pk_xasprintf("%s/%s/benchmark.json", dir, which);
	char *bname = NULL, *buf;
	size_t len;
	json_t *j;
	struct bench_entry *e;
	int rc = 0;

	if (is_file(p) && pk_in_slurp_file(p, &buf, &len, err) == 0) {
		j = json_parse(p, buf, len, 0, err);
		free(buf);
		if (j == NULL) {
			free(p);
			return -1;
		}
		if (jstr(j, "full_id"))
			bname = pk_xstrdup(jstr(j, "full_id"));
		json_decref(j);
	}
	free(p);
	if (bname == NULL)
		bname = pk_xstrdup(rel[0] ? rel : ".");
	e = bench_set_entry(set, bname, "time");
	p = pk_xasprintf("%s/%s/sample.json", dir, which);
	if (is_file(p)) {
		json_t *iters, *times;

		if (pk_in_slurp_file(p, &buf, &len, err) != 0 ||
		    (j = json_parse(p, buf, len, 0, err)) == NULL) {
			free(buf);
			free(p);
			free(bname);
			return -1;
		}
		free(buf);
		if (json_is_array(j)) { /* old: [[iters], [times]] */
			iters = json_array_get(j, 0);
			times = json_array_get(j, 1);
		} else { /* new: {"sampling_mode", "iters", "times"} */
			iters = json_object_get(j, "iters");
			times = json_object_get(j, "times");
		}
		if (!json_is_array(iters) || !json_is_array(times) ||
		    json_array_size(iters) != json_array_size(times) ||
		    json_array_size(times) == 0) {
			pk_err_set(err, "%s: want iters and times arrays of the "
					"same length",
				   p);
			rc = -1;
		} else {
			for (size_t i = 0; i < json_array_size(times); i++) {
				double it, t;

				if (!jnum(json_array_get(iters, i), &it) ||
				    !jnum(json_array_get(times, i), &t) ||
				    it <= 0) {
					pk_err_set(err, "%s: sample %zu: bad number",
						   p, i);
					rc = -1;
					break;
				}
				bench_entry_add(e, t / it * 1e-9);
			}
		}
		json_decref(j);
	} else {
		json_t *med;
		double d;

		free(p);
		p = pk_xasprintf("%s/%s/estimates.json", dir, which);
		if (pk_in_slurp_file(p, &buf, &len, err) != 0 ||
		    (j = json_parse(p, buf, len, 0, err)) == NULL) {
			free(buf);
			free(p);
			free(bname);
			return -1;
		}
		free(buf);
		med = json_object_get(j, "median");
		if (med == NULL)
			med = json_object_get(j, "Median");
		if (!jnum(json_object_get(med, "point_estimate"), &d)) {
			pk_err_set(err, "%s: no median.point_estimate", p);
			rc = -1;
		} else {
			bench_entry_add(e, d * 1e-9);
		}
		json_decref(j);
	}
	free(p);
	free(bname);
	return rc;
}

static bool
criterion_bench_dir(const char *dir, const char *which)
{
	char *a = pk_xasprintf("%s/%s/sample.json", dir, which);
	char *b = pk_xasprintf("%s/%s/estimates.json", dir, which);
	bool r = is_file(a) || is_file(b);

	free(a);
	free(b);
	return r;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (no dot files); NULL on error. */
static char **
list_dir(const char *dir, size_t *n, struct pk_err *err)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL) {
		pk_err_set(err, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			v = pk_xreallocarray(v, cap, sizeof *v);
		}
		v[(*n)++] = pk_xstrdup(de->d_name);
	}
	closedir(d);
	if (*n > 0)
		qsort(v, *n, sizeof *v, name_cmp);
	if (v == NULL)
		v = pk_xcalloc(1, sizeof *v);
	return v;
}

static void
free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static int
criterion_walk(const char *dir, const char *rel, const char *which,
	       int depth, int *found, struct bench_set *set,
	       struct pk_err *err)
{
	char **v;
	size_t n;
	int rc = 0;

	if (criterion_bench_dir(dir, which)) {
		(*found)++;
		return criterion_one(dir, rel, which, set, err);
	}
	if (depth > 8)
		return 0;
	if ((v = list_dir(dir, &n, err)) == NULL)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *p, *r;

		if (strcmp(v[i], "report") == 0 || strcmp(v[i], "new") == 0 ||
		    strcmp(v[i], "base") == 0 || strcmp(v[i], "change") == 0)
			continue;
		p = pk_xasprintf("%s/%s", dir, v[i]);
		r = rel[0] ? pk_xasprintf("%s/%s", rel, v[i]) : pk_xstrdup(v[i]);
		if (is_dir(p))
			rc = criterion_walk(p, r, which, depth + 1, found, set,
					    err);
		free(p);
		free(r);
	}
	free_list(v, n);
	return rc;
}

/* Is dir/name a Criterion measurement directory (new/, base/ or a
 * baseline saved with --save-baseline NAME: benchmark.json next to
 * estimates.json or sample.json)? */
static bool
criterion_named(const char *dir, const char *name)
{
	char *b = pk_xasprintf("%s/%s/benchmark.json", dir, name);
	bool r = strcmp(name, "change") != 0 && strcmp(name, "report") != 0 &&
		 is_file(b) && criterion_bench_dir(dir, name);

	free(b);
	return r;
}

/* The names of the measurement directories below dir (a few levels),
 * appended to buf as "a, b" without repeats. */
static void
criterion_names(const char *dir, int depth, char *buf, size_t nb)
{
	char **v;
	size_t n;
	struct pk_err e = {0};

	if (depth > 8 || (v = list_dir(dir, &n, &e)) == NULL) {
		pk_err_clear(&e);
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *p = pk_xasprintf("%s/%s", dir, v[i]);

		if (is_dir(p) && criterion_named(dir, v[i])) {
			char *pat = pk_xasprintf(", %s,", v[i]);
			char *have = pk_xasprintf(", %s,", buf);

			if (strstr(have, pat) == NULL) {
				size_t l = strlen(buf);

				snprintf(buf + l, nb - l, "%s%s", l ? ", " : "",
					 v[i]);
			}
			free(pat);
			free(have);
		} else if (is_dir(p)) {
			criterion_names(p, depth + 1, buf, nb);
		}
		free(p);
	}
	free_list(v, n);
}

/* Any benchmark directory with new/ or base/ below dir (a few levels)? */
static bool
criterion_probe(const char *dir, int depth)
{
	char **v;
	size_t n;
	bool r = false;
	struct pk_err e = {0};

	if (criterion_bench_dir(dir, "new") || criterion_bench_dir(dir, "base"))
		return true;
	if (depth > 3 || (v = list_dir(dir, &n, &e)) == NULL) {
		pk_err_clear(&e);
		return false;
	}
	for (size_t i = 0; i < n && !r; i++) {
		char *p = pk_xasprintf("%s/%s", dir, v[i]);

		/* a named baseline (cargo bench -- --save-baseline NAME) */
		if (is_dir(p) && criterion_named(dir, v[i]))
			r = true;
		else if (is_dir(p))
			r = criterion_probe(p, depth + 1);
		free(p);
	}
	free_list(v, n);
	return r;
}

bool
bench_is_criterion_dir(const char *path)
{
	return is_dir(path) && criterion_probe(path, 0);
}

static int
read_file(const char *path, const struct bench_read_opts *opts,
	  struct bench_set *set, struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	enum bench_format f = opts ? opts->format : BENCH_FMT_AUTO;
	const char *name;
	char head[64], *buf = NULL;
	ssize_t nh;
	size_t len;
	int rc;

	if (in == NULL)
		return -1;
	name = pk_in_name(in);
	/* GHC artifacts first: an eventlog is streamed, never slurped */
	if (f == BENCH_FMT_AUTO) {
		nh = pk_in_peek(in, head, sizeof head, err);
		if (nh < 0) {
			pk_in_close(in);
			return -1;
		}
		f = bench_artifact_sniff(head, (size_t)nh);
		if (f == BENCH_FMT_PROF)
			f = BENCH_FMT_AUTO; /* needs the whole text: below */
	}
	if (f == BENCH_FMT_EVENTLOG || f == BENCH_FMT_HP) {
		rc = bench_read_artifact(in, name, f, set, err);
		pk_in_close(in);
		return rc;
	}
	/* an SQLite database (llama-bench results): binary, read whole */
	if (f == BENCH_FMT_AUTO || f == BENCH_FMT_LLAMA) {
		nh = pk_in_peek(in, head, sizeof head, err);
		if (nh < 0) {
			pk_in_close(in);
			return -1;
		}
		if (nh >= 16 && memcmp(head, "SQLite format 3", 16) == 0) {
			size_t cap = 1 << 20;

			buf = pk_xmalloc(cap);
			len = 0;
			for (;;) {
				ssize_t r;

				if (cap - len < 65536) {
					if (cap >= (size_t)256 << 20) {
						pk_err_set(err, "%s: SQLite "
							   "database larger "
							   "than 256 MiB",
							   name);
						free(buf);
						pk_in_close(in);
						return -1;
					}
					cap *= 2;
					buf = pk_xrealloc(buf, cap);
				}
				r = pk_in_read(in, buf + len, cap - len, err);
				if (r < 0) {
					free(buf);
					pk_in_close(in);
					return -1;
				}
				if (r == 0)
					break;
				len += (size_t)r;
			}
			rc = read_llama_sql(name, buf, len, opts, set, err);
			free(buf);
			pk_in_close(in);
			return rc;
		}
	}
	if (pk_in_slurp(in, &buf, &len, err) != 0) {
		pk_in_close(in);
		return -1;
	}
	if (f == BENCH_FMT_PROF ||
	    (f == BENCH_FMT_AUTO && prof_sniff(buf, len))) {
		rc = bench_read_prof_buf(buf, len, name, set, err);
	} else {
		rc = bench_read_buf(name, buf, len, opts, set, err);
	}
	free(buf);
	pk_in_close(in);
	return rc;
}

static int
read_path_any(const char *path, const struct bench_read_opts *opts,
	      struct bench_set *set, struct pk_err *err)
{
	free(set->source);
	set->source = pk_xstrdup(path);
	if (strcmp(path, "-") != 0 && is_dir(path)) {
		const char *which = opts && opts->criterion_dir
					    ? opts->criterion_dir
					    : "new";
		char **v;
		size_t n;
		int rc = 0, found = 0;

		if ((!opts || opts->format == BENCH_FMT_AUTO ||
		     opts->format == BENCH_FMT_CRITERION) &&
		    bench_is_criterion_dir(path)) {
			set->format = BENCH_FMT_CRITERION;
			rc = criterion_walk(path, "", which, 0, &found, set, err);
			if (rc == 0 && found == 0) {
				char names[256] = "";

				criterion_names(path, 0, names, sizeof names);
				pk_err_set(err, "%s: Criterion directory without "
						"%s/ results (measurements here: "
						"%s; a baseline saved with "
						"--save-baseline NAME is read "
						"with --criterion-baseline NAME)",
					   path, which, names[0] ? names : "none");
				rc = -1;
			}
			return rc;
		}
		if (opts && opts->format == BENCH_FMT_CRITERION) {
			pk_err_set(err, "%s: not a Criterion directory", path);
			return -1;
		}
		/* a directory of result files, merged */
		if ((v = list_dir(path, &n, err)) == NULL)
			return -1;
		for (size_t i = 0; i < n && rc == 0; i++) {
			char *p = pk_xasprintf("%s/%s", path, v[i]);

			if (is_file(p)) {
				rc = read_file(p, opts, set, err);
				found++;
			}
			free(p);
		}
		free_list(v, n);
		if (rc == 0 && found == 0) {
			pk_err_set(err, "%s: empty directory", path);
			rc = -1;
		}
		free(set->source);
		set->source = pk_xstrdup(path);
		return rc;
	}
	{
		/* "bench.json#BUILD": one build of a prof-bench file */
		const char *hash = strrchr(path, '#');
		struct stat sb;

		if (hash != NULL && hash[1] != '\0' && stat(path, &sb) != 0) {
			char *file = pk_xstrndup(path, (size_t)(hash - path));
			struct bench_read_opts o2;
			int rc;

			if (opts != NULL)
				o2 = *opts;
			else
				memset(&o2, 0, sizeof o2);
			o2.build = hash + 1;
			rc = read_file(file, &o2, set, err);
			free(file);
			return rc;
		}
	}
	return read_file(path, opts, set, err);
}

/* ---- sample values ------------------------------------------------ */

/* Every sample is checked once a reader is done: a time cannot be
 * negative, and no value may exceed BENCH_VALUE_MAX in magnitude (1e308
 * "seconds" would print 300-digit interval bounds). */
static int
check_values(const char *name, const struct bench_set *set,
	     struct pk_err *err)
{
	for (size_t i = 0; i < set->n; i++) {
		const struct bench_entry *e = &set->v[i];
		bool time = strcmp(e->unit, "s") == 0;

		if (e->n == 0 && e->status == BENCH_OK) {
			/* every value was NaN or infinite: not a result */
			if (e->line > 0)
				pk_err_line(err, name, e->line, "benchmark %s: "
					    "no finite sample (every value is "
					    "NaN or infinite)", e->name);
			else
				pk_err_set(err, "%s: benchmark %s: no finite "
					   "sample (every value is NaN or "
					   "infinite)", name, e->name);
			return -1;
		}

		for (size_t k = 0; k < e->n; k++) {
			double v = e->samples[k];
			const char *why = !isfinite(v) ? "is not a number"
				: fabs(v) > BENCH_VALUE_MAX ? "is beyond 1e15"
				: time && v < 0 ? "is a negative time" : NULL;

			if (why == NULL)
				continue;
			if (e->line > 0)
				pk_err_line(err, name, e->line, "benchmark %s: "
					    "sample %zu (%g) %s", e->name,
					    k + 1, v, why);
			else
				pk_err_set(err, "%s: benchmark %s: sample %zu "
					   "(%g) %s", name, e->name, k + 1, v,
					   why);
			return -1;
		}
	}
	return 0;
}

int
bench_read_buf(const char *name, const char *buf, size_t len,
	       const struct bench_read_opts *opts, struct bench_set *set,
	       struct pk_err *err)
{
	if (read_buf_any(name, buf, len, opts, set, err) != 0)
		return -1;
	return check_values(name, set, err);
}

int
bench_read_path(const char *path, const struct bench_read_opts *opts,
		struct bench_set *set, struct pk_err *err)
{
	if (read_path_any(path, opts, set, err) != 0)
		return -1;
	return check_values(path, set, err);
}
