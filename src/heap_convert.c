/* heap_convert.c - load, filter, select and export heap profiles. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "heap_convert.h"
#include "heap_el.h"
#include "heap_private.h"
#include "json_write.h"
#include "output.h"

void
heap_opts_init(struct heap_opts *o)
{
	memset(o, 0, sizeof *o);
	o->bands = 15;
	o->from = -INFINITY;
	o->to = INFINITY;
	o->style = CHART_STACKED;
}

static int
lookup(const char *name, const char *const *names, int n)
{
	for (int i = 0; i < n; i++)
		if (name && strcmp(name, names[i]) == 0)
			return i;
	return -1;
}

int
heap_format_parse(const char *name, enum heap_format *f)
{
	static const char *const n[] = {"auto", "svg", "png", "pdf", "html",
					"json", "csv"};
	int i = lookup(name, n, 7);

	if (i < 0)
		return -1;
	*f = (enum heap_format)i;
	return 0;
}

int
heap_sort_parse(const char *name, enum heap_sort *s)
{
	static const char *const n[] = {"size", "stddev", "name", "growth",
					"peak"};
	int i = lookup(name, n, 5);

	if (i < 0)
		return -1;
	*s = (enum heap_sort)i;
	return 0;
}

int
heap_group_parse(const char *name, enum heap_group *g)
{
	static const char *const n[] = {"none", "srcloc", "module", "type"};
	int i = lookup(name, n, 4);

	if (i < 0)
		return -1;
	*g = (enum heap_group)i;
	return 0;
}

int
heap_style_parse(const char *name, enum chart_style *s)
{
	static const char *const n[] = {"stacked", "line", "normalized"};
	int i = lookup(name, n, 3);

	if (i < 0)
		return -1;
	*s = (enum chart_style)i;
	return 0;
}

int
heap_format_of_path(const char *path, enum heap_format *f)
{
	static const struct { const char *ext; enum heap_format f; } m[] = {
		{".svg", HEAP_FMT_SVG}, {".png", HEAP_FMT_PNG},
		{".pdf", HEAP_FMT_PDF}, {".html", HEAP_FMT_HTML},
		{".htm", HEAP_FMT_HTML}, {".json", HEAP_FMT_JSON},
		{".csv", HEAP_FMT_CSV},
	};
	if (path == NULL || strcmp(path, "-") == 0) {
		*f = HEAP_FMT_SVG;
		return 0;
	}
	const char *dot = strrchr(path, '.');
	const char *slash = strrchr(path, '/');
	if (dot == NULL || (slash && dot < slash))
		return -1;
	for (size_t i = 0; i < sizeof m / sizeof *m; i++)
		if (strcasecmp(dot, m[i].ext) == 0) {
			*f = m[i].f;
			return 0;
		}
	return -1;
}

/* ---- IPE tables ----------------------------------------------------- */

static int
parse_addr(const char *s, size_t n, uint64_t *addr)
{
	uint64_t v = 0;

	if (n < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
		return -1;
	for (size_t i = 2; i < n; i++) {
		int d;
		if (s[i] >= '0' && s[i] <= '9') d = s[i] - '0';
		else if (s[i] >= 'a' && s[i] <= 'f') d = s[i] - 'a' + 10;
		else if (s[i] >= 'A' && s[i] <= 'F') d = s[i] - 'A' + 10;
		else return -1;
		if (v >> 60)
			return -1;
		v = v << 4 | (uint64_t)d;
	}
	*addr = v;
	return 0;
}

int
heap_ipe_read(struct heap_ipe *t, const char *path, struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	uint64_t lineno = 0;
	unsigned char magic[4];

	if (in == NULL)
		return -1;
	if (pk_in_peek(in, magic, 4, err) == 4 && memcmp(magic, "hdrb", 4) == 0) {
		/* an eventlog: its IPE events */
		struct hp_profile *p = hp_read_eventlog_max(in, t, 16, err);

		pk_in_close(in);
		if (p == NULL)
			return -1;
		hp_free(p);
		return 0;
	}
	/* A record is "0x…" and five more TAB-separated fields; a field may
	 * hold newlines (long Haskell types), so a line that does not start
	 * with an address continues the record before it. */
	char *rec = NULL;
	size_t reclen = 0;
	uint64_t recline = 0;
	for (;;) {
		n = pk_in_getline(in, &line, &cap, err);
		if (n == -2)
			break;
		uint64_t a;
		size_t al = 0;
		if (n >= 0) {
			lineno++;
			while (al < (size_t)n && line[al] != '\t')
				al++;
		}
		bool is_start = n >= 0 && parse_addr(line, al, &a) == 0;
		if (n >= 0 && !is_start) {
			if (lineno == 1 || (n == 0 && rec == NULL) ||
			    (rec == NULL && line[0] == '#'))
				continue; /* header row, blank or comment */
			if (rec == NULL) {
				pk_err_line(err, pk_in_name(in), lineno,
					    "IPE table: bad address '%.40s' (want 0x…)",
					    line);
				goto fail;
			}
			rec = pk_xrealloc(rec, reclen + (size_t)n + 2);
			rec[reclen++] = '\n';
			memcpy(rec + reclen, line, (size_t)n);
			reclen += (size_t)n;
			rec[reclen] = '\0';
			continue;
		}
		if (rec != NULL) {
			char *f[6] = {0};
			int nf = 0;
			char *p = rec;

			while (nf < 6) {
				char *tab = strchr(p, '\t');
				f[nf++] = p;
				if (tab == NULL)
					break;
				*tab = '\0';
				p = tab + 1;
			}
			struct heap_ipe_entry e = {0};
			parse_addr(f[0], strlen(f[0]), &e.addr);
			e.table_name = f[1];
			e.closure_desc = f[2];
			e.ty_desc = f[3];
			e.module = f[4];
			e.srcloc = f[5];
			/* an address with no fields says "no IPE entry" */
			if ((f[1] && *f[1]) || (f[4] && *f[4]) || (f[5] && *f[5]))
				heap_ipe_add(t, &e);
			free(rec);
			rec = NULL;
			(void)recline;
		}
		if (n < 0)
			break;
		rec = pk_xstrndup(line, (size_t)n);
		reclen = strlen(rec);
		recline = lineno;
	}
	free(rec);
	if (n == -2)
		goto fail;
	free(line);
	pk_in_close(in);
	return 0;
fail:
	free(line);
	pk_in_close(in);
	return -1;
}

/* "tests/Golden.hs:40:46-55" -> 40 (0 if none) */
static long
srcloc_line(const char *s)
{
	const char *c = strchr(s, ':');

	return c ? strtol(c + 1, NULL, 10) : 0;
}

/* "tests/Golden.hs:40:46-55" -> "40:46-55" ("" if none) */
static const char *
srcloc_span(const char *s)
{
	const char *c = strchr(s, ':');

	return c ? c + 1 : "";
}

/* GHC's closure types (rts/include/rts/storage/ClosureTypes.h, the same
 * numbers from GHC 8.2 to 9.10).  GHC 9.6+ IPE entries give the closure
 * type as its number. */
static const char *const closure_types[] = {
	"INVALID_OBJECT", "CONSTR", "CONSTR_1_0", "CONSTR_0_1", "CONSTR_2_0",
	"CONSTR_1_1", "CONSTR_0_2", "CONSTR_NOCAF", "FUN", "FUN_1_0",
	"FUN_0_1", "FUN_2_0", "FUN_1_1", "FUN_0_2", "FUN_STATIC", "THUNK",
	"THUNK_1_0", "THUNK_0_1", "THUNK_2_0", "THUNK_1_1", "THUNK_0_2",
	"THUNK_STATIC", "THUNK_SELECTOR", "BCO", "AP", "PAP", "AP_STACK", "IND",
	"IND_STATIC", "RET_BCO", "RET_SMALL", "RET_BIG", "RET_FUN",
	"UPDATE_FRAME", "CATCH_FRAME", "UNDERFLOW_FRAME", "STOP_FRAME",
	"BLOCKING_QUEUE", "BLACKHOLE", "MVAR_CLEAN", "MVAR_DIRTY", "TVAR",
	"ARR_WORDS", "MUT_ARR_PTRS_CLEAN", "MUT_ARR_PTRS_DIRTY",
	"MUT_ARR_PTRS_FROZEN_DIRTY", "MUT_ARR_PTRS_FROZEN_CLEAN",
	"MUT_VAR_CLEAN", "MUT_VAR_DIRTY", "WEAK", "PRIM", "MUT_PRIM", "TSO",
	"STACK", "TREC_CHUNK", "ATOMICALLY_FRAME", "CATCH_RETRY_FRAME",
	"CATCH_STM_FRAME", "WHITEHOLE", "SMALL_MUT_ARR_PTRS_CLEAN",
	"SMALL_MUT_ARR_PTRS_DIRTY", "SMALL_MUT_ARR_PTRS_FROZEN_DIRTY",
	"SMALL_MUT_ARR_PTRS_FROZEN_CLEAN", "COMPACT_NFDATA", "CONTINUATION",
};

/* "16" -> "THUNK_1_0 (16)"; any other description as it is (malloc). */
char *
heap_closure_type(const char *desc)
{
	char *end;
	unsigned long n;

	if (*desc < '0' || *desc > '9')
		return pk_xstrdup(desc);
	n = strtoul(desc, &end, 10);
	if (*end != '\0' || n >= sizeof closure_types / sizeof *closure_types)
		return pk_xstrdup(desc);
	return pk_xasprintf("%s (%lu)", closure_types[n], n);
}

struct ipe_lab {
	size_t band;
	const char *label;
};

static int
cmp_ipe_lab(const void *a, const void *b)
{
	const struct ipe_lab *x = a, *y = b;
	int c = strcmp(x->label, y->label);

	if (c != 0)
		return c;
	return x->band < y->band ? -1 : x->band > y->band;
}

/* Marks the bands whose label another band also has: dup[band]. */
static void
find_dups(const struct hp_profile *p, const bool *matched, bool *dup)
{
	struct ipe_lab *l = pk_xcalloc(p->nbands + 1, sizeof *l);
	size_t n = 0;

	for (size_t b = 0; b < p->nbands; b++) {
		dup[b] = false;
		if (matched[b])
			l[n++] = (struct ipe_lab){b, p->bands[b].label};
	}
	qsort(l, n, sizeof *l, cmp_ipe_lab);
	for (size_t i = 0; i + 1 < n; i++)
		if (strcmp(l[i].label, l[i + 1].label) == 0)
			dup[l[i].band] = dup[l[i + 1].band] = true;
	free(l);
}

/* Names -hi bands after their IPE entries: "label (Module:line)"; bands
 * that would share a name get the whole span ("Module:line:cols"), then
 * the table name, then the address, until the names differ. */
static void
ipe_join(struct hp_profile *p, struct heap_ipe *t,
	 struct heap_ipe_coverage *cov)
{
	struct heap_ipe_coverage c = {0};
	const struct heap_ipe_entry **ent = pk_xcalloc(p->nbands + 1,
							sizeof *ent);
	bool *matched = pk_xcalloc(p->nbands + 1, sizeof *matched);
	bool *dup = pk_xcalloc(p->nbands + 1, sizeof *dup);

	for (size_t b = 0; b < p->nbands; b++) {
		struct hp_band *bd = &p->bands[b];
		uint64_t addr;

		if (parse_addr(bd->name, bd->len, &addr) != 0)
			continue;
		c.bands++;
		c.bytes += bd->total;
		const struct heap_ipe_entry *e = heap_ipe_find(t, addr);
		if (e == NULL)
			continue;
		ent[b] = e;
		matched[b] = true;
		c.bands_matched++;
		c.bytes_matched += bd->total;
		const char *nm = *e->label ? e->label : *e->table_name ?
				 e->table_name : e->closure_desc;
		long line = srcloc_line(e->srcloc);
		free(bd->label);
		if (*e->module && line > 0)
			bd->label = pk_xasprintf("%s (%s:%ld)", nm, e->module, line);
		else if (*e->module)
			bd->label = pk_xasprintf("%s (%s)", nm, e->module);
		else
			bd->label = pk_xstrdup(nm);
		char *ct = heap_closure_type(e->closure_desc);
		free(bd->detail);
		bd->detail = pk_xasprintf(
			"info table %s\ntable: %s\nclosure: %s\ntype: %s\nlabel: %s\nmodule: %s%s%s",
			bd->name, e->table_name, ct, e->ty_desc, e->label,
			e->module, *e->srcloc ? "\nsource: " : "", e->srcloc);
		free(ct);
	}
	for (int round = 0; round < 3; round++) {
		bool any = false;

		find_dups(p, matched, dup);
		for (size_t b = 0; b < p->nbands; b++) {
			struct hp_band *bd = &p->bands[b];
			const struct heap_ipe_entry *e = ent[b];
			char *l;

			if (!dup[b])
				continue;
			any = true;
			if (round == 0 && *srcloc_span(e->srcloc)) {
				const char *nm = *e->label ? e->label :
						 *e->table_name ? e->table_name :
						 e->closure_desc;
				l = pk_xasprintf("%s (%s:%s)", nm, *e->module ?
						 e->module : e->srcloc,
						 srcloc_span(e->srcloc));
			} else if (round <= 1 && *e->table_name) {
				l = pk_xasprintf("%s %s", bd->label,
						 e->table_name);
			} else {
				l = pk_xasprintf("%s %s", bd->label, bd->name);
			}
			free(bd->label);
			bd->label = l;
		}
		if (!any)
			break;
	}
	free(ent);
	free(matched);
	free(dup);
	if (cov)
		*cov = c;
}

/* The -hi bands without an IPE entry (code built without
 * -finfo-table-map: base and the other libraries, usually) merged into
 * one band, when some other band has an entry: a new profile, or NULL
 * when there is nothing to merge. */
#define NO_IPE_BAND "(no IPE entry)"
static struct hp_profile *
group_no_ipe(const struct hp_profile *p, struct heap_ipe *t)
{
	const char **names = pk_xcalloc(p->nbands + 1, sizeof *names);
	size_t nmiss = 0, nhit = 0;
	char *detail = NULL;
	size_t dlen = 0;
	FILE *d;

	for (size_t b = 0; b < p->nbands; b++) {
		uint64_t addr;

		names[b] = p->bands[b].name;
		if (parse_addr(p->bands[b].name, p->bands[b].len, &addr) != 0)
			continue;
		if (heap_ipe_find(t, addr) != NULL) {
			nhit++;
			continue;
		}
		names[b] = NO_IPE_BAND;
		nmiss++;
	}
	if (nmiss == 0 || nhit == 0) {
		free(names);
		return NULL;
	}
	struct hp_profile *q = hp_regroup(p, names, NULL);
	d = open_memstream(&detail, &dlen);
	if (d == NULL)
		pk_oom();
	fprintf(d, "%zu info tables without an IPE entry: code built without -finfo-table-map (base and other libraries, usually)\n", nmiss);
	for (size_t b = 0, k = 0; b < p->nbands; b++) {
		if (names[b] != (const char *)NO_IPE_BAND)
			continue;
		if (k++ == 40) {
			fputs(" …", d);
			break;
		}
		fprintf(d, "%s%s", k > 1 ? " " : "", p->bands[b].name);
	}
	fclose(d);
	for (size_t b = 0; b < p->nbands; b++) {
		const struct hp_band *o = &p->bands[b];
		struct hp_band *nb;

		if (names[b] == (const char *)NO_IPE_BAND)
			continue;
		nb = &q->bands[hp_intern(q, o->name, o->len)];
		if (o->label && nb->label == NULL)
			nb->label = pk_xstrdup(o->label);
		if (o->detail && nb->detail == NULL)
			nb->detail = pk_xstrdup(o->detail);
	}
	{
		struct hp_band *g = &q->bands[hp_intern(q, NO_IPE_BAND,
						     strlen(NO_IPE_BAND))];

		free(g->label);
		g->label = pk_xasprintf("no IPE entry (%zu info tables)", nmiss);
		free(g->detail);
		g->detail = detail;
	}
	for (size_t i = 0; i < p->nwarnings; i++)
		hp_warn(q, "%s", p->warnings[i]);
	free(names);
	return q;
}

/* ---- loading -------------------------------------------------------- */

size_t
heap_max_samples(const struct heap_opts *o)
{
	if (o->resolution == HEAP_RESOLUTION_FULL)
		return 0;
	if (o->resolution > 0)
		return (size_t)o->resolution;
	return 2 * (size_t)(o->width > 0 ? o->width : 1000);
}

struct hp_profile *
heap_load(const struct heap_opts *o, const char *path,
	  struct heap_ipe_coverage *cov, struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	struct hp_profile *p;
	struct heap_ipe ipe = {0};
	unsigned char magic[4];
	ssize_t k;

	if (cov)
		memset(cov, 0, sizeof *cov);
	if (in == NULL)
		return NULL;
	k = pk_in_peek(in, magic, 4, err);
	if (k < 0) {
		pk_in_close(in);
		return NULL;
	}
	if (k == 4 && memcmp(magic, "hdrb", 4) == 0)
		p = hp_read_eventlog_max(in, &ipe, heap_max_samples(o), err);
	else
		p = hp_read_max(in, heap_max_samples(o), err);
	pk_in_close(in);
	if (p == NULL) {
		heap_ipe_free(&ipe);
		return NULL;
	}
	if (o->ipe_path && heap_ipe_read(&ipe, o->ipe_path, err) != 0) {
		heap_ipe_free(&ipe);
		hp_free(p);
		return NULL;
	}
	if (ipe.n > 0 || o->ipe_path) {
		ipe_join(p, &ipe, cov);
		if (o->group_by == HEAP_GROUP_NONE) {
			struct hp_profile *q = group_no_ipe(p, &ipe);

			if (q != NULL) {
				hp_free(p);
				p = q;
			}
		}
	}
	if (o->group_by != HEAP_GROUP_NONE) {
		if (ipe.n == 0) {
			pk_err_set(err, "%s: --group-by needs IPE entries (an -hi eventlog with IPE events, or --ipe TABLE)",
				   path ? path : "<stdin>");
			heap_ipe_free(&ipe);
			hp_free(p);
			return NULL;
		}
		const char **names = pk_xcalloc(p->nbands + 1, sizeof *names);
		char **own = pk_xcalloc(p->nbands + 1, sizeof *own);
		for (size_t b = 0; b < p->nbands; b++) {
			uint64_t addr;
			const struct heap_ipe_entry *e = NULL;

			if (parse_addr(p->bands[b].name, p->bands[b].len, &addr) == 0)
				e = heap_ipe_find(&ipe, addr);
			const char *g = e == NULL ? NULL :
				o->group_by == HEAP_GROUP_SRCLOC ? e->srcloc :
				o->group_by == HEAP_GROUP_MODULE ? e->module :
				e->ty_desc;
			if (g == NULL || *g == '\0')
				g = "(no IPE entry)";
			names[b] = g;
		}
		struct hp_profile *q = hp_regroup(p, names, NULL);
		free(names);
		free(own);
		for (size_t i = 0; i < p->nwarnings; i++)
			hp_warn(q, "%s", p->warnings[i]);
		hp_free(p);
		p = q;
	}
	heap_ipe_free(&ipe);
	return p;
}

struct hp_profile *
heap_prepare(const struct heap_opts *o, const struct hp_profile *p,
	     struct pk_err *err)
{
	struct hp_profile *q = NULL, *r;

	if (o->from > o->to) {
		pk_err_set(err, "--from %g is after --to %g", o->from, o->to);
		return NULL;
	}
	if (isfinite(o->from) || isfinite(o->to))
		q = hp_slice(p, o->from, o->to);
	if (o->ninclude || o->nexclude) {
		const struct hp_profile *src = q ? q : p;
		bool *keep = pk_xcalloc(src->nbands + 1, sizeof *keep);

		for (size_t b = 0; b < src->nbands; b++) {
			const char *nm = src->bands[b].name;
			const char *lb = src->bands[b].label;
			bool k = o->ninclude == 0;

			for (size_t i = 0; i < o->ninclude && !k; i++)
				if (strstr(nm, o->include[i]) ||
				    (lb && strstr(lb, o->include[i])))
					k = true;
			for (size_t i = 0; i < o->nexclude && k; i++)
				if (strstr(nm, o->exclude[i]) ||
				    (lb && strstr(lb, o->exclude[i])))
					k = false;
			keep[b] = k;
		}
		r = hp_filter(src, keep);
		free(keep);
		hp_free(q);
		q = r;
	}
	/* nothing to do: p itself (no copy of a large profile) */
	return q ? q : (struct hp_profile *)p;
}

/* ---- selection ------------------------------------------------------ */

struct sort_ctx {
	const struct hp_profile *p;
	enum heap_sort key;
};

static double
sort_value(const struct hp_band *b, enum heap_sort key)
{
	switch (key) {
	case HEAP_SORT_STDDEV: return b->stddev;
	case HEAP_SORT_GROWTH: return b->growth;
	case HEAP_SORT_PEAK: return (double)b->peak;
	default: return (double)b->total;
	}
}

static int
name_cmp(const struct hp_band *x, const struct hp_band *y)
{
	const char *a = x->label ? x->label : x->name;
	const char *b = y->label ? y->label : y->name;
	int c = strcmp(a, b);

	if (c == 0) {
		size_t n = x->len < y->len ? x->len : y->len;
		c = memcmp(x->name, y->name, n);
		if (c == 0)
			c = (x->len > y->len) - (x->len < y->len);
	}
	return c;
}

static const struct sort_ctx *g_sort; /* qsort has no context argument */

static int
cmp_rank(const void *a, const void *b)
{
	const struct hp_band *x = &g_sort->p->bands[*(const uint32_t *)a];
	const struct hp_band *y = &g_sort->p->bands[*(const uint32_t *)b];

	if (g_sort->key != HEAP_SORT_NAME) {
		double u = sort_value(x, g_sort->key), v = sort_value(y, g_sort->key);
		if (u != v)
			return u > v ? -1 : 1;
		/* ties: bigger total first, then name */
		if (x->total != y->total)
			return x->total > y->total ? -1 : 1;
	}
	return name_cmp(x, y);
}

static void
vseries_stats(struct heap_vseries *s, const struct hp_profile *p)
{
	size_t n = p->nsamples;
	double sum = 0, ss = 0, tm = 0, tv = 0, sxy = 0;
	size_t lastdata = SIZE_MAX;

	for (size_t i = 0; i < n; i++)
		if (p->samples[i].n > 0)
			lastdata = i;
	s->total = s->peak = s->last = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t v = s->values[i];
		if (__builtin_add_overflow(s->total, v, &s->total))
			s->total = UINT64_MAX;
		if (v > s->peak)
			s->peak = v;
		sum += (double)v;
		ss += (double)v * (double)v;
		tm += p->samples[i].time;
	}
	if (lastdata != SIZE_MAX)
		s->last = s->values[lastdata];
	if (n == 0)
		return;
	tm /= (double)n;
	double mean = sum / (double)n, var = ss / (double)n - mean * mean;
	s->stddev = var > 0 ? sqrt(var) : 0;
	for (size_t i = 0; i < n; i++) {
		double d = p->samples[i].time - tm;
		tv += d * d;
		sxy += d * (double)s->values[i];
	}
	s->growth = tv > 0 ? sxy / tv : 0;
}

struct heap_view *
heap_select(const struct heap_opts *o, const struct hp_profile *p)
{
	struct heap_view *v = pk_xcalloc(1, sizeof *v);
	size_t nb = p->nbands, ns = p->nsamples;
	uint32_t *order = pk_xmalloc((nb + 1) * sizeof *order);
	struct sort_ctx ctx = {p, o->sort == HEAP_SORT_NAME ? HEAP_SORT_SIZE : o->sort};

	v->p = p;
	for (size_t b = 0; b < nb; b++)
		order[b] = (uint32_t)b;
	/* choose: the first N by the sort key (name: by size) */
	g_sort = &ctx;
	qsort(order, nb, sizeof *order, cmp_rank);
	size_t nsel = o->bands > 0 && (size_t)o->bands < nb ? (size_t)o->bands : nb;
	/* order the chosen ones */
	ctx.key = o->sort;
	qsort(order, nsel, sizeof *order, cmp_rank);
	g_sort = NULL;
	if (o->reverse)
		for (size_t i = 0; i < nsel / 2; i++) {
			uint32_t t = order[i];
			order[i] = order[nsel - 1 - i];
			order[nsel - 1 - i] = t;
		}
	bool other = nsel < nb;
	v->n = nsel + (other ? 1 : 0);
	v->s = pk_xcalloc(v->n + 1, sizeof *v->s);
	v->rank = pk_xcalloc(v->n + 1, sizeof *v->rank);
	/* stack order bottom first: OTHER, then rank nsel-1 .. rank 0 */
	size_t at = 0;
	if (other) {
		struct heap_vseries *s = &v->s[at++];
		s->name = s->label = "OTHER";
		s->other = true;
		s->band = UINT32_MAX;
		s->merged = nb - nsel;
		s->values = pk_xcalloc(ns + 1, sizeof *s->values);
		uint64_t *col = pk_xcalloc(ns + 1, sizeof *col);
		for (size_t i = nsel; i < nb; i++) {
			hp_column(p, order[i], col);
			for (size_t j = 0; j < ns; j++)
				if (__builtin_add_overflow(s->values[j], col[j],
							   &s->values[j]))
					s->values[j] = UINT64_MAX;
		}
		free(col);
		vseries_stats(s, p);
		v->rank[nsel] = 0;
	}
	for (size_t r = nsel; r-- > 0;) {
		const struct hp_band *b = &p->bands[order[r]];
		struct heap_vseries *s = &v->s[at];

		s->name = b->name;
		s->label = b->label ? b->label : b->name;
		s->detail = b->detail;
		s->band = order[r];
		s->values = pk_xcalloc(ns + 1, sizeof *s->values);
		hp_column(p, order[r], s->values);
		s->total = b->total;
		s->peak = b->peak;
		s->last = b->last;
		s->stddev = b->stddev;
		s->growth = b->growth;
		v->rank[r] = at++;
	}
	free(order);
	return v;
}

void
heap_view_free(struct heap_view *v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < v->n; i++)
		free(v->s[i].values);
	free(v->s);
	free(v->rank);
	free(v);
}

/* ---- JSON and CSV ----------------------------------------------------- */

static double
round3(double v)
{
	double r = round(v * 1000) / 1000;

	return r == 0 ? 0 : r; /* no "-0" */
}

int
heap_write_json(const struct heap_view *v, FILE *f, struct pk_err *err)
{
	const struct hp_profile *p = v->p;
	struct jw w;

	jw_init(&w, f, 0);
	jw_object_begin(&w);
	jw_kstring(&w, "job", p->job);
	jw_kstring(&w, "date", p->date);
	jw_kstring(&w, "sample_unit", p->sample_unit);
	jw_kstring(&w, "value_unit", p->value_unit);
	jw_kstring(&w, "clock", p->clock);
	jw_kstring(&w, "source", p->source);
	if (p->breakdown)
		jw_kstring(&w, "breakdown", p->breakdown);
	jw_kbool(&w, "truncated", p->truncated);
	fputc('\n', f);
	jw_key(&w, "times");
	jw_array_begin(&w);
	for (size_t i = 0; i < p->nsamples; i++)
		jw_double(&w, p->samples[i].time);
	jw_array_end(&w);
	fputc('\n', f);
	jw_key(&w, "sample_totals");
	jw_array_begin(&w);
	for (size_t i = 0; i < p->nsamples; i++)
		jw_uint(&w, p->samples[i].total);
	jw_array_end(&w);
	fputc('\n', f);
	jw_key(&w, "bands");
	jw_array_begin(&w);
	/* sort order: rank 0 first; OTHER last */
	for (size_t r = 0; r < v->n; r++) {
		const struct heap_vseries *s = &v->s[v->rank[r]];

		fputc('\n', f);
		jw_object_begin(&w);
		jw_key(&w, "name");
		jw_stringn(&w, s->name, s->other ? 5 : p->bands[s->band].len);
		if (s->label != s->name)
			jw_kstring(&w, "label", s->label);
		if (s->other) {
			jw_kbool(&w, "other", true);
			jw_kuint(&w, "merged", s->merged);
		}
		jw_kuint(&w, "total", s->total);
		jw_kuint(&w, "peak", s->peak);
		jw_kuint(&w, "last", s->last);
		/* three decimals: stable across platforms' rounding */
		jw_kdouble(&w, "stddev", round3(s->stddev));
		jw_kdouble(&w, "growth", round3(s->growth));
		if (s->detail)
			jw_kstring(&w, "detail", s->detail);
		jw_key(&w, "values");
		jw_array_begin(&w);
		for (size_t i = 0; i < p->nsamples; i++)
			jw_uint(&w, s->values[i]);
		jw_array_end(&w);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	fputc('\n', f);
	jw_key(&w, "marks");
	jw_array_begin(&w);
	for (size_t m = 0; m < p->nmarks; m++) {
		jw_object_begin(&w);
		jw_kdouble(&w, "time", p->marks[m].time);
		if (p->marks[m].label)
			jw_kstring(&w, "label", p->marks[m].label);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	if (p->noverlays) {
		jw_key(&w, "overlays");
		jw_array_begin(&w);
		for (size_t k = 0; k < p->noverlays; k++) {
			const struct hp_series *o = &p->overlays[k];
			jw_object_begin(&w);
			jw_kstring(&w, "name", o->name);
			jw_key(&w, "times");
			jw_array_begin(&w);
			for (size_t i = 0; i < o->n; i++)
				jw_double(&w, o->time[i]);
			jw_array_end(&w);
			jw_key(&w, "values");
			jw_array_begin(&w);
			for (size_t i = 0; i < o->n; i++)
				jw_double(&w, o->value[i]);
			jw_array_end(&w);
			jw_object_end(&w);
		}
		jw_array_end(&w);
	}
	jw_object_end(&w);
	fputc('\n', f);
	jw_free(&w);
	if (ferror(f)) {
		pk_err_set(err, "write error");
		return -1;
	}
	return 0;
}

static void
csv_field(FILE *f, const char *s, size_t n)
{
	bool q = false;

	for (size_t i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\n' || s[i] == '\r')
			q = true;
	if (!q) {
		fwrite(s, 1, n, f);
		return;
	}
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			fputc('"', f);
		fputc(s[i], f);
	}
	fputc('"', f);
}

int
heap_write_csv(const struct heap_view *v, FILE *f, struct pk_err *err)
{
	const struct hp_profile *p = v->p;

	fputs("time", f);
	for (size_t r = 0; r < v->n; r++) {
		const struct heap_vseries *s = &v->s[v->rank[r]];
		fputc(',', f);
		csv_field(f, s->name, s->other ? 5 : p->bands[s->band].len);
	}
	fputs("\r\n", f);
	for (size_t i = 0; i < p->nsamples; i++) {
		char t[40];
		snprintf(t, sizeof t, "%.17g", p->samples[i].time);
		/* shortest form that reads back the same */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(t, sizeof t, "%.*g", prec, p->samples[i].time);
			if (strtod(t, NULL) == p->samples[i].time)
				break;
		}
		fputs(t, f);
		for (size_t r = 0; r < v->n; r++)
			fprintf(f, ",%llu", (unsigned long long)
				v->s[v->rank[r]].values[i]);
		fputs("\r\n", f);
	}
	if (ferror(f)) {
		pk_err_set(err, "write error");
		return -1;
	}
	return 0;
}

/* ---- the whole conversion ------------------------------------------- */

static int
write_one(const struct heap_opts *o, const struct heap_view *v,
	  const struct heap_ipe_coverage *cov, enum heap_format fmt,
	  const char *out, unsigned out_flags, struct pk_err *err)
{
	struct pk_out *po = pk_out_open(out, out_flags, err);
	int rc;

	if (po == NULL)
		return -1;
	FILE *f = pk_out_file(po);
	switch (fmt) {
	case HEAP_FMT_JSON:
		rc = heap_write_json(v, f, err);
		break;
	case HEAP_FMT_CSV:
		rc = heap_write_csv(v, f, err);
		break;
	case HEAP_FMT_HTML:
		rc = heap_write_html(o, v, cov->bands ? cov : NULL, f, err);
		break;
	default: {
		struct chart c;
		struct heap_chart_store st;

		heap_chart_of(o, v, &c, &st);
		rc = chart_render(&c, fmt == HEAP_FMT_PNG ? CHART_PNG :
				  fmt == HEAP_FMT_PDF ? CHART_PDF : CHART_SVG,
				  f, err);
		heap_chart_store_free(&st);
		break;
	}
	}
	if (rc == 0)
		return pk_out_commit(po, err);
	/* name the file and the reason (a full disk), whatever layer
	 * (cairo, libxml2, stdio) noticed it */
	{
		int e = errno ? errno : EIO;
		char *msg = err->msg;

		err->msg = NULL;
		if (ferror(f))
			pk_err_set(err, "%s: write error: %s", pk_out_name(po),
				   strerror(e));
		else
			pk_err_set(err, "%s: %s", pk_out_name(po),
				   msg ? msg : "cannot write");
		free(msg);
	}
	pk_out_abort(po);
	return -1;
}

int
heap_convert_many(const struct heap_opts *o, const char *in,
		  const char *const *outs, size_t nout, unsigned out_flags,
		  struct pk_err *err)
{
	enum heap_format *fmts = pk_xcalloc(nout + 1, sizeof *fmts);
	struct heap_ipe_coverage cov;
	struct hp_profile *p, *q;
	struct heap_view *v;
	int rc = 0;

	for (size_t i = 0; i < nout; i++) {
		fmts[i] = o->format;
		if (fmts[i] == HEAP_FMT_AUTO &&
		    heap_format_of_path(outs[i], &fmts[i]) != 0) {
			pk_err_set(err, "%s: unknown output extension (use .svg, .png, .pdf, .html, .json or .csv, or --format)",
				   outs[i]);
			free(fmts);
			return -1;
		}
	}
	p = heap_load(o, in, &cov, err);
	if (p == NULL) {
		free(fmts);
		return -1;
	}
	hp_report_warnings(p);
	if (cov.bands > 0)
		pk_warn("%s: IPE coverage: %zu of %zu info-table bands (%.1f %%), %.1f %% of the bytes",
			in ? in : "<stdin>", cov.bands_matched, cov.bands,
			100.0 * (double)cov.bands_matched / (double)cov.bands,
			cov.bytes ? 100.0 * (double)cov.bytes_matched / (double)cov.bytes : 0.0);
	if (p->nsamples == 0 || hp_grand_total(p) == 0)
		pk_warn("%s: the profile has no heap data; drawing an empty chart",
			in ? in : "<stdin>");
	q = heap_prepare(o, p, err);
	if (q == NULL) {
		hp_free(p);
		free(fmts);
		return -1;
	}
	v = heap_select(o, q);
	for (size_t i = 0; i < nout && rc == 0; i++)
		rc = write_one(o, v, &cov, fmts[i], outs[i], out_flags, err);
	heap_view_free(v);
	if (q != p)
		hp_free(q);
	hp_free(p);
	free(fmts);
	return rc;
}

int
heap_convert(const struct heap_opts *o, const char *in, const char *out,
	     unsigned out_flags, struct pk_err *err)
{
	return heap_convert_many(o, in, &out, 1, out_flags, err);
}
