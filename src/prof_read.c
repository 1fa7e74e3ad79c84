/* prof_read.c - read GHC cost-centre profiles (.prof) into struct prof.
 *
 * Text profiles (+RTS -p, -P, -pa).  GHC prints the two tables with
 * columns padded to the widest entry, counted in code points
 * (strlen_utf8) by GHC >= 9.x and in bytes by older ones.  So a row is read
 * the way GHC wrote it:
 *   - the table header gives the code-point column of MODULE (and SRC)
 *     and, word by word, the meaning of the numeric columns that end the
 *     row (no., entries, %time, %alloc, %time, %alloc, ticks, bytes);
 *   - the numeric columns are taken from the right end of the row, so a
 *     source path with spaces ("src dir/Main.hs:1:1-5") stays whole;
 *   - the label is everything before the MODULE column: labels with
 *     operators, "\", UTF-8 and the empty label are read as they are;
 *   - the tree depth is the label's indentation.  An empty label has no
 *     visible indentation: it is placed under the previous row when its
 *     source span lies inside that row's, else beside it (and corrected
 *     when the next row's indentation proves otherwise).
 * When the code-point column does not fit a row (an old GHC that padded in
 * bytes), the byte column is tried, then a split at blanks.
 *
 * JSON profiles (+RTS -pj) are read with jansson.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <jansson.h>

#include "prof.h"

/* ------------------------------------------------------------------ */
/* Interning cost centres by (label, module, src). */

struct intern {
	uint32_t *slots; /* cc index + 1; 0 = empty */
	uint64_t *hash;  /* per cc */
	uint8_t *sys;    /* per cc: prof_cc_is_system */
	uint8_t *used;   /* per cc: has a tree row */
	uint32_t (*len)[3]; /* per cc: label, module, src lengths */
	uintptr_t pop_base; /* nodes array prefaulted up to populated */
	size_t populated;
	size_t cap;      /* power of two */
	size_t hcap;
};

/* A word at a time (a row's label, module and source are hashed for
 * every row of the tree: a byte-wise FNV chain was a tenth of the read). */
static uint64_t
hash_part(uint64_t h, const char *s, size_t n)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t w;
	uint32_t a, b;
	size_t len = n;

	if (n >= 8) {
		for (; n > 8; s += 8, n -= 8) {
			memcpy(&w, s, 8);
			h = (h ^ w) * k;
			h ^= h >> 29;
		}
		memcpy(&w, s + n - 8, 8); /* the last 8 (may overlap) */
	} else if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		w = (uint64_t)a << 32 | b;
	} else if (n > 0) {
		w = (uint64_t)(unsigned char)s[0] << 16 |
		    (uint64_t)(unsigned char)s[n >> 1] << 8 |
		    (unsigned char)s[n - 1];
	} else {
		w = 0;
	}
	h = (h ^ w ^ ((uint64_t)len << 56)) * k;
	return h ^ (h >> 32);
}

static uint64_t
hash3(const char *a, size_t an, const char *b, size_t bn, const char *c,
      size_t cn)
{
	uint64_t h = 1469598103934665603ULL;

	h = hash_part(h, a, an);
	h = hash_part(h, b, bn);
	h = hash_part(h, c, cn);
	return h ^ (h >> 29);
}

static void
intern_grow(struct prof *p, struct intern *t)
{
	size_t ncap = t->cap ? t->cap * 2 : 1024;
	uint32_t *ns = pk_xcalloc(ncap, sizeof *ns);

	for (size_t i = 0; i < p->nccs; i++) {
		size_t j = t->hash[i] & (ncap - 1);

		while (ns[j] != 0)
			j = (j + 1) & (ncap - 1);
		ns[j] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = ns;
	t->cap = ncap;
}

static uint32_t
intern_cc(struct prof *p, const char *l, size_t ln, const char *m, size_t mn,
	  const char *s, size_t sn)
{
	struct intern *t = p->priv;
	uint64_t h = hash3(l, ln, m, mn, s, sn);
	size_t j;
	struct prof_cc *cc;

	if (t->cap == 0 || (p->nccs + 1) * 2 > t->cap)
		intern_grow(p, t);
	for (j = h & (t->cap - 1); t->slots[j] != 0; j = (j + 1) & (t->cap - 1)) {
		uint32_t k = t->slots[j] - 1;

		cc = &p->ccs[k];
		if (t->hash[k] == h && t->len[k][0] == ln &&
		    t->len[k][1] == mn && t->len[k][2] == sn &&
		    memcmp(cc->label, l, ln) == 0 &&
		    memcmp(cc->module, m, mn) == 0 && memcmp(cc->src, s, sn) == 0)
			return k;
	}
	if (p->nccs == t->hcap) {
		t->hcap = t->hcap ? t->hcap * 2 : 256;
		p->ccs = pk_xreallocarray(p->ccs, t->hcap, sizeof *p->ccs);
		t->hash = pk_xreallocarray(t->hash, t->hcap, sizeof *t->hash);
		t->sys = pk_xreallocarray(t->sys, t->hcap, sizeof *t->sys);
		t->used = pk_xreallocarray(t->used, t->hcap, sizeof *t->used);
		t->len = pk_xreallocarray(t->len, t->hcap, sizeof *t->len);
	}
	cc = &p->ccs[p->nccs];
	cc->label = pk_xstrndup(l, ln);
	cc->module = pk_xstrndup(m, mn);
	cc->src = pk_xstrndup(s, sn);
	cc->id = -1;
	cc->is_caf = ln == 3 && memcmp(l, "CAF", 3) == 0;
	t->hash[p->nccs] = h;
	t->sys[p->nccs] = prof_cc_is_system(cc);
	t->used[p->nccs] = 0;
	t->len[p->nccs][0] = (uint32_t)ln;
	t->len[p->nccs][1] = (uint32_t)mn;
	t->len[p->nccs][2] = (uint32_t)sn;
	t->slots[j] = (uint32_t)p->nccs + 1;
	return (uint32_t)p->nccs++;
}

static struct prof *
prof_new(enum prof_format fmt, const char *name)
{
	struct prof *p = pk_xcalloc(1, sizeof *p);

	p->format = fmt;
	p->name = pk_xstrdup(name ? name : "<stdin>");
	p->priv = pk_xcalloc(1, sizeof(struct intern));
	return p;
}

void
prof_free(struct prof *p)
{
	struct intern *t;

	if (p == NULL)
		return;
	for (size_t i = 0; i < p->nccs; i++) {
		free(p->ccs[i].label);
		free(p->ccs[i].module);
		free(p->ccs[i].src);
	}
	free(p->ccs);
	free(p->nodes);
	free(p->flat);
	free(p->name);
	free(p->date);
	free(p->program);
	free(p->command);
	free(p->problem);
	if ((t = p->priv) != NULL) {
		free(t->slots);
		free(t->hash);
		free(t->sys);
		free(t->used);
		free(t->len);
		free(t);
	}
	free(p);
}

/* The tree of a big profile is tens of MB written once, in order.  Taking
 * its pages one fault at a time costs more than parsing the text; so the
 * next stretch is prefaulted with one call (advisory: a kernel without
 * MADV_POPULATE_WRITE faults them in as usual). */
static void
populate_ahead(struct prof *p, size_t cap)
{
#ifdef MADV_POPULATE_WRITE
	struct intern *t = p->priv;
	const size_t step = 2u << 20, pg = 4096;
	uintptr_t base = (uintptr_t)p->nodes;
	size_t used = p->nnodes * sizeof *p->nodes;
	size_t end = cap * sizeof *p->nodes;

	if (end < 4 * step)
		return; /* small profiles: not worth a system call */
	if (base != t->pop_base) {
		t->pop_base = base;
		t->populated = used;
	}
	if (used + step / 2 < t->populated)
		return;
	{
		uintptr_t a = (base + t->populated + pg - 1) & ~(uintptr_t)(pg - 1);
		uintptr_t e = (base + (used + step < end ? used + step : end)) &
			      ~(uintptr_t)(pg - 1);

		if (e > a)
			(void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
		t->populated = e - base;
	}
#else
	(void)p;
	(void)cap;
#endif
}

static struct prof_node *
add_node(struct prof *p, size_t *cap)
{
	struct prof_node *n;

	if (p->nnodes == *cap) {
		*cap = *cap ? *cap * 2 : 1024;
		p->nodes = pk_xreallocarray(p->nodes, *cap, sizeof *p->nodes);
	}
	if ((p->nnodes & 1023) == 0)
		populate_ahead(p, *cap);
	n = &p->nodes[p->nnodes++];
	memset(n, 0, sizeof *n);
	n->parent = n->first_child = n->next_sibling = PROF_NONE;
	n->no = -1;
	return n;
}

bool
prof_cc_is_system(const struct prof_cc *cc)
{
	static const char *const sys[][2] = {
		{ "GC", "GC" },          { "SYSTEM", "SYSTEM" },
		{ "IDLE", "IDLE" },      { "PINNED", "SYSTEM" },
		{ "OVERHEAD_of", "PROFILING" }, { "DONT_CARE", "MAIN" },
	};

	for (size_t i = 0; i < sizeof sys / sizeof sys[0]; i++)
		if (strcmp(cc->label, sys[i][0]) == 0 &&
		    strcmp(cc->module, sys[i][1]) == 0)
			return true;
	return false;
}

/* Links and inherited counts (unless the reader made them while reading),
 * percentages from counts: the same for both readers. */
static void
finish(struct prof *p, bool pct_from_counts, bool linked)
{
	if (!linked) {
		uint32_t *last = pk_xmalloc((p->nnodes + 1) * sizeof *last);
		uint32_t prev_root = PROF_NONE;

		for (size_t i = 0; i < p->nnodes; i++) {
			struct prof_node *n = &p->nodes[i];

			last[i] = PROF_NONE;
			n->first_child = n->next_sibling = PROF_NONE;
			if (n->parent != PROF_NONE) {
				uint32_t par = n->parent;

				if (last[par] == PROF_NONE)
					p->nodes[par].first_child = (uint32_t)i;
				else
					p->nodes[last[par]].next_sibling =
						(uint32_t)i;
				last[par] = (uint32_t)i;
			} else {
				/* roots are chained too */
				if (prev_root != PROF_NONE)
					p->nodes[prev_root].next_sibling =
						(uint32_t)i;
				prev_root = (uint32_t)i;
			}
			if (prof_cc_is_system(&p->ccs[n->cc]))
				p->has_system = true;
		}
		free(last);
	}
	for (size_t i = linked ? 0 : p->nnodes; i-- > 0;) {
		struct prof_node *n = &p->nodes[i];

		/* children come after their parent: theirs are final */
		n->inh_ticks += n->ticks;
		n->inh_bytes += n->bytes;
		if (n->parent != PROF_NONE) {
			p->nodes[n->parent].inh_ticks += n->inh_ticks;
			p->nodes[n->parent].inh_bytes += n->inh_bytes;
		}
	}
	if (pct_from_counts)
		for (size_t i = 0; i < p->nnodes; i++) {
			struct prof_node *n = &p->nodes[i];
			double tt = (double)p->total_ticks;
			double ta = (double)p->total_alloc;

			n->time_pct = tt > 0 ? 100.0 * (double)n->ticks / tt : 0;
			n->inh_time_pct =
				tt > 0 ? 100.0 * (double)n->inh_ticks / tt : 0;
			n->alloc_pct = ta > 0 ? 100.0 * (double)n->bytes / ta : 0;
			n->inh_alloc_pct =
				ta > 0 ? 100.0 * (double)n->inh_bytes / ta : 0;
		}
}

static void
set_problem(struct prof *p, const char *fmt, ...) PK_PRINTF(2, 3);

static void
set_problem(struct prof *p, const char *fmt, ...)
{
	va_list ap;
	struct pk_err e = { 0 };

	if (p->problem != NULL)
		return;
	va_start(ap, fmt);
	pk_err_setv(&e, fmt, ap);
	va_end(ap);
	p->problem = e.msg;
}

/* ------------------------------------------------------------------ */
/* Small scanners.  Every number is checked: digits only, no overflow. */

static bool
scan_u64(const char *s, size_t n, uint64_t *out)
{
	uint64_t v = 0;

	if (n == 0)
		return false;
	if (n <= 19) {
		/* below 10^19: no overflow to check */
		for (size_t i = 0; i < n; i++) {
			unsigned d = (unsigned char)s[i] - '0';

			if (d > 9)
				return false;
			v = v * 10 + d;
		}
		*out = v;
		return true;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return false;
		if (__builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v))
			return false;
	}
	*out = v;
	return true;
}

/* "12.3", "100.0", "0", "-0.0"? (never negative in GHC output). */
static bool
scan_decimal(const char *s, size_t n, double *out)
{
	uint64_t mant = 0;
	int frac = -1, digits = 0;

	if (n == 0)
		return false;
	if (n >= 3 && n <= 18 && s[n - 2] == '.') {
		/* GHC's "%.1f": digits, '.', one digit (the same value as
		 * below, without its branches) */
		size_t i;
		unsigned d;

		for (i = 0; i < n - 2; i++) {
			d = (unsigned char)s[i] - '0';
			if (d > 9)
				break;
			mant = mant * 10 + d;
		}
		d = (unsigned char)s[n - 1] - '0';
		if (i == n - 2 && d <= 9) {
			*out = (double)(mant * 10 + d) / 10.0;
			return true;
		}
		mant = 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.') {
			if (frac >= 0)
				return false;
			frac = 0;
			continue;
		}
		unsigned d = (unsigned char)s[i] - '0';

		if (d > 9)
			return false;
		if (++digits > 18) {
			/* Unusually long: let strtod do it. */
			char *tmp = pk_xstrndup(s, n), *end;
			double v;

			errno = 0;
			v = strtod(tmp, &end);
			bool okv = *end == '\0' && errno == 0 && isfinite(v);
			free(tmp);
			if (!okv)
				return false;
			*out = v;
			return true;
		}
		mant = mant * 10 + d;
		if (frac >= 0)
			frac++;
	}
	if (digits == 0)
		return false;
	{
		static const double p10[] = { 1,   1e1, 1e2,  1e3,  1e4,  1e5,
					      1e6, 1e7, 1e8,  1e9,  1e10, 1e11,
					      1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
					      1e18 };
		*out = frac > 0 ? (double)mant / p10[frac] : (double)mant;
	}
	return true;
}

/* Byte index of code point cp in s[0..n), or n if the row is shorter. */
static size_t
cp_to_byte(const char *s, size_t n, size_t cp)
{
	size_t i = 0;

	/* the hot path: an ASCII prefix, 8 bytes at a time */
	while (i + 8 <= n && i + 8 <= cp) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			break;
		i += 8;
	}
	cp -= i;
	for (; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (cp == 0)
				return i;
			cp--;
		}
	}
	return n;
}

#define SPACES8 0x2020202020202020ULL

/* Runs of spaces (the padding of GHC's aligned columns and of the call
 * tree's indentation), 8 bytes at a time. */
static size_t
spaces_fwd(const char *s, size_t i, size_t n)
{
	uint64_t w;

	while (i + 8 <= n) {
		memcpy(&w, s + i, 8);
		if (w != SPACES8)
			break;
		i += 8;
	}
	return i;
}

/* SWAR on 8 bytes read as a little-endian word (byte j = s[j]): a high
 * bit per byte, exact per byte (no borrow crosses bytes). */
#define ONES8 0x0101010101010101ULL
#define HIGH8 0x8080808080808080ULL
static inline uint64_t
bytes_above_space(uint64_t w) /* byte > ' ' (unsigned) */
{
	uint64_t y = (w & ~HIGH8) + ONES8 * (0x80 - 0x21);

	return (y | w) & HIGH8;
}
static inline uint64_t
bytes_not(uint64_t w, unsigned char c) /* byte != c */
{
	uint64_t x = w ^ (ONES8 * c);

	return (((x & ~HIGH8) + ~HIGH8) | x) & HIGH8;
}
static inline uint64_t
load_le(const char *s)
{
	uint64_t w;

	memcpy(&w, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/* The end of s[0, e) without its trailing blanks (' ', '\t'). */
static size_t
blanks_back(const char *s, size_t e)
{
	while (e >= 8) {
		uint64_t w = load_le(s + e - 8);
		uint64_t m = bytes_not(w, ' ') & bytes_not(w, '\t');

		if (m != 0)
			return e - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3) + 1;
		e -= 8;
	}
	while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e;
}

/* The end of s[lo, e) without its trailing spaces. */
static size_t
spaces_trim(const char *s, size_t lo, size_t e)
{
	while (e >= lo + 8) {
		uint64_t m = bytes_not(load_le(s + e - 8), ' ');

		if (m != 0)
			return e - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3) + 1;
		e -= 8;
	}
	while (e > lo && s[e - 1] == ' ')
		e--;
	return e;
}

/* The first byte of s[i, n) that is not a space (n if none). */
static size_t
spaces_skip(const char *s, size_t i, size_t n)
{
	while (i + 8 <= n) {
		uint64_t m = bytes_not(load_le(s + i), ' ');

		if (m != 0)
			return i + (size_t)(__builtin_ctzll(m) >> 3);
		i += 8;
	}
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* The start of the run of bytes above ' ' that ends at e. */
static size_t
word_back(const char *s, size_t e)
{
	while (e >= 8) {
		uint64_t m = ~bytes_above_space(load_le(s + e - 8)) & HIGH8;

		if (m != 0)
			return e - 8 + (size_t)((63 - __builtin_clzll(m)) >> 3) + 1;
		e -= 8;
	}
	while (e > 0 && (unsigned char)s[e - 1] > ' ')
		e--;
	return e;
}

static bool
is_blank_line(const char *s, size_t n)
{
	for (size_t i = spaces_fwd(s, 0, n); i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static const char *
skip_ws(const char *s, const char *end)
{
	s += spaces_fwd(s, 0, (size_t)(end - s));
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

static const char *
find_sub(const char *s, size_t n, const char *needle)
{
	size_t m = strlen(needle);

	for (size_t i = 0; i + m <= n; i++)
		if (memcmp(s + i, needle, m) == 0)
			return s + i;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Text profiles. */

enum col_kind { COL_NO, COL_ENTRIES, COL_TIME, COL_ALLOC, COL_ITIME,
		COL_IALLOC, COL_TICKS, COL_BYTES, COL_OTHER };

#define MAX_NUM_COLS 16

struct cols {
	size_t mod_cp;    /* code-point column of MODULE */
	bool has_src;
	bool tree;        /* has no./entries: the call tree */
	int nnum;
	enum col_kind kind[MAX_NUM_COLS];
	bool counts;      /* ticks and bytes columns */
};

struct tp {
	struct prof *p;
	const char *buf;
	size_t len, pos;
	uint64_t lineno;
	size_t node_cap, flat_cap;
	uint32_t stack_cap;
	uint32_t *stack; /* last node index per depth */
	bool last_empty_label;
	uint32_t empty_sibling; /* the row an empty label was put beside */
	uint64_t tick_sum;      /* individual ticks of the tree rows */
};

/* Parse a "COST CENTRE MODULE [SRC] no. entries ..." header line. */
static bool
parse_cols(const char *s, size_t n, struct cols *c)
{
	const char *end = s + n, *w;
	int ntime = 0, nalloc = 0;
	bool seen_module = false;

	memset(c, 0, sizeof *c);
	w = s + strlen("COST CENTRE");
	while ((w = skip_ws(w, end)) < end) {
		const char *e = w;
		size_t wl;

		while (e < end && *e != ' ' && *e != '\t')
			e++;
		wl = (size_t)(e - w);
		if (!seen_module) {
			if (wl == 6 && memcmp(w, "MODULE", 6) == 0) {
				/* header lines are ASCII: bytes = code points */
				c->mod_cp = (size_t)(w - s);
				seen_module = true;
			}
		} else if (!c->has_src && c->nnum == 0 && wl == 3 &&
			   memcmp(w, "SRC", 3) == 0) {
			c->has_src = true;
		} else {
			enum col_kind k = COL_OTHER;

			if (c->nnum == MAX_NUM_COLS)
				return false;
			if (wl == 3 && memcmp(w, "no.", 3) == 0) {
				k = COL_NO;
				c->tree = true;
			} else if (wl == 7 && memcmp(w, "entries", 7) == 0) {
				k = COL_ENTRIES;
				c->tree = true;
			} else if (wl == 5 && memcmp(w, "%time", 5) == 0)
				k = ntime++ == 0 ? COL_TIME : COL_ITIME;
			else if (wl == 6 && memcmp(w, "%alloc", 6) == 0)
				k = nalloc++ == 0 ? COL_ALLOC : COL_IALLOC;
			else if (wl == 5 && memcmp(w, "ticks", 5) == 0)
				k = COL_TICKS;
			else if (wl == 5 && memcmp(w, "bytes", 5) == 0)
				k = COL_BYTES;
			c->kind[c->nnum++] = k;
		}
		w = e;
	}
	if (!seen_module || c->nnum == 0)
		return false;
	{
		bool ticks = false, bytes = false;

		for (int i = 0; i < c->nnum; i++) {
			ticks |= c->kind[i] == COL_TICKS;
			bytes |= c->kind[i] == COL_BYTES;
		}
		c->counts = ticks && bytes;
	}
	return true;
}

static const char *const col_name[] = {
	"no.", "entries", "%time", "%alloc", "inherited %time",
	"inherited %alloc", "ticks", "bytes", "numeric",
};

struct row {
	const char *label, *module, *src;
	size_t label_n, module_n, src_n;
	uint32_t indent;
	int64_t no;
	uint64_t entries, ticks, bytes;
	double time, alloc, itime, ialloc;
};

/* Is byte index m a plausible start of the MODULE field? */
static bool
module_at(const char *s, size_t tail, size_t m)
{
	return m > 0 && m < tail && s[m - 1] == ' ' && s[m] != ' ';
}

static bool
parse_row(struct tp *t, const struct cols *c, const char *s, size_t n,
	  struct row *r)
{
	size_t e = n, tail;
	const char *tok[MAX_NUM_COLS];
	size_t tokn[MAX_NUM_COLS];

	memset(r, 0, sizeof *r);
	/* Numeric columns, right to left. */
	for (int k = c->nnum - 1; k >= 0; k--) {
		size_t b;

		e = blanks_back(s, e);
		/* a number: every byte above ' ' (TAB and the other control
		 * bytes end it, and then fail as a number) */
		b = word_back(s, e);
		if (b == e) {
			set_problem(t->p, "%s:%llu: garbled row: expected %d "
				    "numeric columns", t->p->name,
				    (unsigned long long)t->lineno, c->nnum);
			return false;
		}
		tok[k] = s + b;
		tokn[k] = e - b;
		e = b;
	}
	tail = e;
	for (int k = 0; k < c->nnum; k++) {
		bool okv = true;
		uint64_t u = 0;

		switch (c->kind[k]) {
		case COL_NO:
			okv = scan_u64(tok[k], tokn[k], &u) && u <= INT64_MAX;
			r->no = (int64_t)u;
			break;
		case COL_ENTRIES:
			okv = scan_u64(tok[k], tokn[k], &r->entries);
			break;
		case COL_TICKS:
			okv = scan_u64(tok[k], tokn[k], &r->ticks);
			break;
		case COL_BYTES:
			okv = scan_u64(tok[k], tokn[k], &r->bytes);
			break;
		case COL_TIME:
			okv = scan_decimal(tok[k], tokn[k], &r->time);
			break;
		case COL_ALLOC:
			okv = scan_decimal(tok[k], tokn[k], &r->alloc);
			break;
		case COL_ITIME:
			okv = scan_decimal(tok[k], tokn[k], &r->itime);
			break;
		case COL_IALLOC:
			okv = scan_decimal(tok[k], tokn[k], &r->ialloc);
			break;
		case COL_OTHER: {
			double d;

			okv = scan_decimal(tok[k], tokn[k], &d);
			break;
		}
		}
		if (!okv) {
			set_problem(t->p, "%s:%llu: garbled row: \"%.*s\" is "
				    "not a number (column %s)", t->p->name,
				    (unsigned long long)t->lineno,
				    (int)(tokn[k] > 40 ? 40 : tokn[k]), tok[k],
				    col_name[c->kind[k]]);
			return false;
		}
	}

	/* MODULE: the code-point column, else the byte column. */
	size_t m = cp_to_byte(s, tail, c->mod_cp);
	size_t i;

	if (!module_at(s, tail, m)) {
		if (module_at(s, tail, c->mod_cp))
			m = c->mod_cp;
		else
			m = SIZE_MAX;
	}
	if (m != SIZE_MAX) {
		i = spaces_skip(s, 0, m);
		r->indent = (uint32_t)i;
		r->label = s + i;
		r->label_n = spaces_trim(s, i, m) - i;
	} else {
		/* Split at blanks: label, module, src. */
		for (i = spaces_fwd(s, 0, tail); i < tail && s[i] == ' '; i++)
			;
		r->indent = (uint32_t)i;
		r->label = s + i;
		while (i < tail && s[i] != ' ')
			i++;
		r->label_n = (size_t)(s + i - r->label);
		while (i < tail && s[i] == ' ')
			i++;
		m = i;
		if (m >= tail) {
			set_problem(t->p, "%s:%llu: garbled row: no module "
				    "name", t->p->name,
				    (unsigned long long)t->lineno);
			return false;
		}
	}
	r->module = s + m;
	for (i = m; i < tail && s[i] != ' '; i++)
		;
	r->module_n = i - m;
	if (c->has_src) {
		i = spaces_skip(s, i, tail);
		size_t se = spaces_trim(s, i, tail);

		r->src = s + i;
		r->src_n = se - i;
	} else {
		r->src = "";
		r->src_n = 0;
		while (i < tail && s[i] == ' ')
			i++;
		if (i != tail) {
			set_problem(t->p, "%s:%llu: garbled row: text after "
				    "the module name", t->p->name,
				    (unsigned long long)t->lineno);
			return false;
		}
	}
	return true;
}

/* Does span a lie inside span b (same file)?  Both as "F:l:c-c" or
 * "F:(l,c)-(l,c)". */
static bool
span_parse(const char *s, size_t n, size_t *flen, long v[4])
{
	/* find the last ':' before the position */
	size_t i = n;
	char buf[96];
	int a, b, cc, d;

	while (i > 0 && s[i - 1] != ':')
		i--;
	if (i == 0 || n - i >= sizeof buf)
		return false;
	memcpy(buf, s + i, n - i);
	buf[n - i] = '\0';
	*flen = i - 1;
	/* "l:c-c" has another ':' before; handle "F:l:c-c" */
	if (sscanf(buf, "(%d,%d)-(%d,%d)", &a, &b, &cc, &d) == 4) {
		v[0] = a; v[1] = b; v[2] = cc; v[3] = d;
		return true;
	}
	/* buf is "c-c" or "c": the line is before the previous ':' */
	{
		size_t j = i - 1;
		int col1, col2;
		long line;
		char *end;

		while (j > 0 && s[j - 1] != ':')
			j--;
		if (j == 0)
			return false;
		errno = 0;
		line = strtol(s + j, &end, 10);
		if (end != s + i - 1 || errno != 0)
			return false;
		*flen = j - 1;
		if (sscanf(buf, "%d-%d", &col1, &col2) == 2) {
			v[0] = line; v[1] = col1; v[2] = line; v[3] = col2;
			return true;
		}
		if (sscanf(buf, "%d", &col1) == 1) {
			v[0] = line; v[1] = col1; v[2] = line; v[3] = col1;
			return true;
		}
	}
	return false;
}

static bool
span_inside(const char *a, size_t an, const char *b, size_t bn)
{
	size_t fa, fb;
	long va[4], vb[4];

	if (!span_parse(a, an, &fa, va) || !span_parse(b, bn, &fb, vb))
		return false;
	if (fa != fb || memcmp(a, b, fa) != 0)
		return false;
	bool start = va[0] > vb[0] || (va[0] == vb[0] && va[1] >= vb[1]);
	bool end = va[2] < vb[2] || (va[2] == vb[2] && va[3] <= vb[3]);
	return start && end;
}

/* Rows at depth >= d of the current chain are complete: their inherited
 * counts are final, so hand them to their parents (still on the chain). */
static void
pop_chain(struct tp *t, uint32_t d)
{
	struct prof *p = t->p;

	if (p->nnodes == 0)
		return;
	for (uint32_t k = p->nodes[p->nnodes - 1].depth + 1; k-- > d;) {
		struct prof_node *n = &p->nodes[t->stack[k]];

		n->inh_ticks += n->ticks;
		n->inh_bytes += n->bytes;
		if (n->parent != PROF_NONE) {
			p->nodes[n->parent].inh_ticks += n->inh_ticks;
			p->nodes[n->parent].inh_bytes += n->inh_bytes;
		}
	}
}

static void
add_tree_row(struct tp *t, const struct cols *c, const struct row *r)
{
	struct prof *p = t->p;
	uint32_t depth = r->indent;
	struct prof_node *n;
	size_t idx;

	/* No row is more than one level below the previous one; allow two
	 * here for the empty-label correction below. */
	if (p->nnodes == 0)
		depth = 0;
	else if (depth > p->nodes[p->nnodes - 1].depth + 2)
		depth = p->nodes[p->nnodes - 1].depth + 2;
	{
		/* room for this depth and for the correction below */
		uint32_t need = depth + 2;

		if (p->nnodes > 0 && p->nodes[p->nnodes - 1].depth + 3 > need)
			need = p->nodes[p->nnodes - 1].depth + 3;
		if (need >= t->stack_cap) {
			uint32_t ncap = t->stack_cap ? t->stack_cap * 2 : 64;

			while (ncap <= need)
				ncap *= 2;
			t->stack = pk_xreallocarray(t->stack, ncap,
						    sizeof *t->stack);
			for (uint32_t k = t->stack_cap; k < ncap; k++)
				t->stack[k] = PROF_NONE;
			t->stack_cap = ncap;
		}
	}
	if (r->label_n == 0) {
		/* No visible indentation: guess from the source spans. */
		depth = 0;
		if (p->nnodes > 0) {
			struct prof_node *prev = &p->nodes[p->nnodes - 1];
			const struct prof_cc *pc = &p->ccs[prev->cc];

			depth = prev->depth;
			if (span_inside(r->src, r->src_n, pc->src,
					strlen(pc->src)))
				depth++;
		}
	} else if (p->nnodes > 0 && t->last_empty_label) {
		/* The guess for the previous (empty) row was "beside the row
		 * before it"; a row two levels deeper proves it was under
		 * that row instead. */
		struct prof_node *prev = &p->nodes[p->nnodes - 1];
		uint32_t sib = t->empty_sibling;

		if (depth == prev->depth + 2 && sib != PROF_NONE &&
		    p->nodes[sib].depth == prev->depth) {
			/* sib was completed when prev arrived beside it: take
			 * its figures back from its parent, it is open again */
			struct prof_node *sn = &p->nodes[sib];

			if (sn->parent != PROF_NONE) {
				p->nodes[sn->parent].inh_ticks -= sn->inh_ticks;
				p->nodes[sn->parent].inh_bytes -= sn->inh_bytes;
			}
			sn->inh_ticks -= sn->ticks;
			sn->inh_bytes -= sn->bytes;
			/* prev was linked as sib's next sibling */
			p->nodes[sib].next_sibling = PROF_NONE;
			p->nodes[sib].first_child = (uint32_t)(p->nnodes - 1);
			prev->parent = sib;
			t->stack[prev->depth] = sib;
			prev->depth++;
			t->stack[prev->depth] = (uint32_t)(p->nnodes - 1);
		}
	}
	if (p->nnodes == 0 && depth != 0)
		depth = 0; /* the first row is the root whatever its indent */
	if (p->nnodes > 0 && depth > p->nodes[p->nnodes - 1].depth + 1) {
		/* Indentation jumps: keep the row as a child of the last. */
		depth = p->nodes[p->nnodes - 1].depth + 1;
	}
	if (depth >= t->stack_cap) {
		uint32_t ncap = t->stack_cap ? t->stack_cap * 2 : 64;

		while (ncap <= depth)
			ncap *= 2;
		t->stack = pk_xreallocarray(t->stack, ncap, sizeof *t->stack);
		for (uint32_t k = t->stack_cap; k < ncap; k++)
			t->stack[k] = PROF_NONE;
		t->stack_cap = ncap;
	}
	pop_chain(t, depth);
	idx = p->nnodes;
	n = add_node(p, &t->node_cap);
	n->cc = intern_cc(p, r->label, r->label_n, r->module, r->module_n,
			  r->src, r->src_n);
	n->depth = depth;
	n->parent = depth > 0 ? t->stack[depth - 1] : PROF_NONE;
	/* Link: the last row at this depth is the previous sibling when it
	 * has the same parent; else this is the parent's first child. */
	{
		uint32_t sib = t->stack[depth];

		if (sib != PROF_NONE && p->nodes[sib].parent == n->parent &&
		    p->nodes[sib].depth == depth)
			p->nodes[sib].next_sibling = (uint32_t)idx;
		else if (n->parent != PROF_NONE)
			p->nodes[n->parent].first_child = (uint32_t)idx;
	}
	{
		struct intern *in = p->priv;

		if (in->sys[n->cc])
			p->has_system = true;
		in->used[n->cc] = 1;
		t->tick_sum += r->ticks;
	}
	n->no = r->no;
	n->entries = r->entries;
	n->ticks = r->ticks;
	n->bytes = r->bytes;
	n->time_pct = r->time;
	n->alloc_pct = r->alloc;
	n->inh_time_pct = r->itime;
	n->inh_alloc_pct = r->ialloc;
	t->empty_sibling = PROF_NONE;
	if (r->label_n == 0 && idx > 0 && p->nodes[idx - 1].depth == depth)
		t->empty_sibling = (uint32_t)(idx - 1);
	t->stack[depth] = (uint32_t)idx;
	t->last_empty_label = r->label_n == 0;
	(void)c;
}

static void
add_flat_row(struct tp *t, const struct row *r)
{
	struct prof *p = t->p;
	struct prof_flat *f;

	if (p->nflat == t->flat_cap) {
		t->flat_cap = t->flat_cap ? t->flat_cap * 2 : 64;
		p->flat = pk_xreallocarray(p->flat, t->flat_cap,
					   sizeof *p->flat);
	}
	f = &p->flat[p->nflat++];
	f->cc = intern_cc(p, r->label, r->label_n, r->module, r->module_n,
			  r->src, r->src_n);
	f->time_pct = r->time;
	f->alloc_pct = r->alloc;
	f->ticks = r->ticks;
	f->bytes = r->bytes;
}

/* "total time  =        0.02 secs   (23 ticks @ 1000 us, 1 processor)" */
static bool
parse_total_time(struct prof *p, const char *s, size_t n)
{
	const char *end = s + n, *q;
	char buf[256], *e;
	double v;
	unsigned long long u;

	if (n >= sizeof buf)
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	end = buf + n;
	q = strchr(buf, '=');
	if (q == NULL)
		return false;
	errno = 0;
	v = strtod(q + 1, &e);
	if (e == q + 1 || errno != 0 || !isfinite(v) || v < 0)
		return false;
	p->total_time_s = v;
	q = strchr(e, '(');
	if (q == NULL)
		return false;
	q = skip_ws(q + 1, end);
	if (*q < '0' || *q > '9')
		return false;
	errno = 0;
	u = strtoull(q, &e, 10);
	if (errno != 0)
		return false;
	p->total_ticks = u;
	q = skip_ws(e, end);
	if (strncmp(q, "ticks", 5) != 0)
		return false;
	q = skip_ws(q + 5, end);
	if (*q != '@')
		return false;
	q = skip_ws(q + 1, end);
	errno = 0;
	v = strtod(q, &e);
	if (e == q || errno != 0 || !isfinite(v) || v < 0)
		return false;
	q = skip_ws(e, end);
	if (strncmp(q, "us", 2) == 0)
		p->tick_interval_us = v;
	else if (strncmp(q, "ms", 2) == 0)
		p->tick_interval_us = v * 1000;
	else if (strncmp(q, "ns", 2) == 0)
		p->tick_interval_us = v / 1000;
	else if (*q == 's')
		p->tick_interval_us = v * 1e6;
	else
		return false;
	q = strchr(q, ',');
	if (q != NULL) {
		q = skip_ws(q + 1, end);
		errno = 0;
		u = strtoull(q, &e, 10);
		if (e != q && errno == 0 && u <= UINT32_MAX)
			p->processors = (uint32_t)u;
	}
	return true;
}

/* "total alloc =   7,673,432 bytes  (excludes profiling overheads)" */
static bool
parse_total_alloc(struct prof *p, const char *s, size_t n)
{
	const char *q = memchr(s, '=', n), *end = s + n;
	uint64_t v = 0;
	int digits = 0;

	if (q == NULL)
		return false;
	q = skip_ws(q + 1, end);
	for (; q < end && ((*q >= '0' && *q <= '9') || *q == ','); q++) {
		if (*q == ',')
			continue;
		unsigned d = (unsigned)(*q - '0');

		if (v > (UINT64_MAX - d) / 10)
			return false;
		v = v * 10 + d;
		digits++;
	}
	if (digits == 0)
		return false;
	p->total_alloc = v;
	return true;
}

static void
take_command(struct prof *p, const char *s, size_t n)
{
	const char *end = s + n, *b = skip_ws(s, end), *e;

	while (end > b && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	p->command = pk_xstrndup(b, (size_t)(end - b));
	for (e = b; e < end && *e != ' '; e++)
		;
	p->program = pk_xstrndup(b, (size_t)(e - b));
}

static bool
starts_with_cost_centre(const char *s, size_t n)
{
	return n >= 11 && memcmp(s, "COST CENTRE", 11) == 0;
}

/* The text reader is a line-at-a-time state machine, so that a file is
 * read in fixed-size chunks (prof_read) or from memory (prof_parse_text)
 * by the same code. */
struct tstate {
	struct tp t;
	enum { S_TITLE, S_HEAD, S_TABLE } st;
	struct cols cols;
	bool have_cols, in_tree, seen_tree, ends_nl, fatal;
};

static void
text_begin(struct tstate *ts, const char *name)
{
	memset(ts, 0, sizeof *ts);
	ts->t.p = prof_new(PROF_TEXT, name);
	ts->st = S_TITLE;
}

/* One line without its "\n" (has_nl false for a last line without one).
 * Returns true to go on, false to stop (problem or fatal error set). */
static bool
text_line(struct tstate *ts, const char *s, size_t n, bool has_nl,
	  struct pk_err *err)
{
	struct tp *t = &ts->t;
	struct prof *p = t->p;

	t->lineno++;
	ts->ends_nl = has_nl;
	if (n > 0 && s[n - 1] == '\r')
		n--;
	if (!has_nl && ts->st == S_TABLE) {
		set_problem(p, "%s:%llu: the file ends in the middle of a line "
			    "(truncated); the rest of the profile is missing",
			    p->name, (unsigned long long)t->lineno);
		return false;
	}
	if (is_blank_line(s, n))
		return true;
	if (memchr(s, '\0', n) != NULL) {
		if (ts->st == S_TITLE) {
			pk_err_set(err, "%s:%llu: not a GHC .prof profile "
				   "(binary data)", p->name,
				   (unsigned long long)t->lineno);
			ts->fatal = true;
			return false;
		}
		set_problem(p, "%s:%llu: garbled line (NUL byte); the rest of "
			    "the profile is ignored", p->name,
			    (unsigned long long)t->lineno);
		return false;
	}
	switch (ts->st) {
	case S_TITLE: {
		const char *x = find_sub(s, n, "Profiling Report");
		const char *d, *de;

		if (x == NULL) {
			pk_err_set(err, "%s:%llu: not a GHC .prof profile (no "
				   "\"Time and Allocation Profiling Report\" "
				   "title)", p->name,
				   (unsigned long long)t->lineno);
			ts->fatal = true;
			return false;
		}
		if (memchr(s, '\r', n) != NULL) {
			/* CR-only line endings: the whole file is "line 1" */
			pk_err_set(err, "%s:%llu: lines end in a bare CR, not "
				   "LF as GHC writes them (convert with tr "
				   "'\\r' '\\n')", p->name,
				   (unsigned long long)t->lineno);
			ts->fatal = true;
			return false;
		}
		d = skip_ws(s, s + n);
		de = find_sub(s, n, "Time and Allocation");
		if (de == NULL)
			de = x;
		while (de > d && de[-1] == ' ')
			de--;
		if (de > d)
			p->date = pk_xstrndup(d, (size_t)(de - d));
		ts->st = S_HEAD;
		return true;
	}
	case S_HEAD: {
		const char *w = skip_ws(s, s + n);
		size_t wn = (size_t)(s + n - w);

		if (wn >= 10 && memcmp(w, "total time", 10) == 0) {
			if (!parse_total_time(p, w, wn)) {
				set_problem(p, "%s:%llu: cannot read the total "
					    "time line", p->name,
					    (unsigned long long)t->lineno);
				return false;
			}
			p->has_header = true;
			return true;
		}
		if (wn >= 11 && memcmp(w, "total alloc", 11) == 0) {
			if (!parse_total_alloc(p, w, wn)) {
				set_problem(p, "%s:%llu: cannot read the total "
					    "alloc line", p->name,
					    (unsigned long long)t->lineno);
				return false;
			}
			return true;
		}
		if (!starts_with_cost_centre(s, n)) {
			if (p->command == NULL)
				take_command(p, s, n);
			return true;
		}
		ts->st = S_TABLE;
		break;
	}
	case S_TABLE:
		break;
	}
	/* S_TABLE */
	if (starts_with_cost_centre(s, n)) {
		if (!parse_cols(s, n, &ts->cols)) {
			set_problem(p, "%s:%llu: cannot read the table header",
				    p->name, (unsigned long long)t->lineno);
			return false;
		}
		ts->have_cols = true;
		ts->in_tree = ts->cols.tree;
		if (ts->in_tree) {
			ts->seen_tree = true;
			p->has_src = ts->cols.has_src;
			p->has_counts = ts->cols.counts;
		}
		return true;
	}
	if (!ts->have_cols)
		return true;
	if (!ts->in_tree) {
		const char *w = skip_ws(s, s + n);

		if ((size_t)(s + n - w) >= 10 &&
		    memcmp(w, "individual", 10) == 0)
			return true; /* "individual  inherited" */
	}
	{
		struct row r;

		if (!parse_row(t, &ts->cols, s, n, &r))
			return false;
		if (ts->in_tree)
			add_tree_row(t, &ts->cols, &r);
		else
			add_flat_row(t, &r);
	}
	return true;
}

/* After the last line: checks, links, inherited figures.  NULL (err set)
 * when the input was not a profile. */
static struct prof *
text_end(struct tstate *ts, struct pk_err *err)
{
	struct tp *t = &ts->t;
	struct prof *p = t->p;

	if (!ts->fatal)
		pop_chain(t, 0);
	free(t->stack);
	t->stack = NULL;
	if (ts->fatal || ts->st == S_TITLE) {
		if (!ts->fatal)
			pk_err_set(err, "%s: not a GHC .prof profile (no report "
				   "title)", p->name);
		prof_free(p);
		return NULL;
	}
	if (p->problem == NULL && !ts->seen_tree)
		set_problem(p, "%s:%llu: the profile ends before its cost-"
			    "centre tree (truncated?)", p->name,
			    (unsigned long long)t->lineno);
	if (p->problem == NULL && !ts->ends_nl)
		set_problem(p, "%s:%llu: the file does not end with a newline "
			    "(truncated?)", p->name,
			    (unsigned long long)t->lineno);
	finish(p, false, true);
	if (p->problem == NULL && p->nflat > 0) {
		/* Every cost centre of the flat table with a non-zero figure
		 * has a row in the tree; one that does not means the tree
		 * was cut short. */
		const uint8_t *seen = ((struct intern *)p->priv)->used;

		for (size_t i = 0; i < p->nflat; i++)
			if (!seen[p->flat[i].cc] &&
			    (p->flat[i].time_pct > 0 || p->flat[i].alloc_pct > 0 ||
			     p->flat[i].ticks > 0 || p->flat[i].bytes > 0)) {
				const struct prof_cc *cc = &p->ccs[p->flat[i].cc];

				set_problem(p, "%s:%llu: cost centre %s.%s of the "
					    "flat table has no row in the tree: "
					    "rows are missing (truncated?)",
					    p->name, (unsigned long long)t->lineno,
					    cc->module, cc->label);
				break;
			}
	}
	if (p->problem == NULL && p->has_counts && p->nnodes > 0) {
		uint64_t tk = t->tick_sum;

		if (tk < p->total_ticks)
			set_problem(p, "%s:%llu: the tree's ticks sum to %llu "
				    "but the header says %llu: rows are "
				    "missing (truncated?)", p->name,
				    (unsigned long long)t->lineno,
				    (unsigned long long)tk,
				    (unsigned long long)p->total_ticks);
	}
	return p;
}

struct prof *
prof_parse_text(const char *buf, size_t len, const char *name,
		struct pk_err *err)
{
	struct tstate ts;
	size_t pos = 0;

	if (len == 0) {
		pk_err_set(err, "%s: %s", name ? name : "<stdin>",
			   PROF_EMPTY_MSG);
		return NULL;
	}
	text_begin(&ts, name);
	while (pos < len) {
		const char *s = buf + pos;
		const char *nl = memchr(s, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - s) : len - pos;

		pos += n + (nl != NULL);
		if (!text_line(&ts, s, n, nl != NULL, err))
			break;
	}
	return text_end(&ts, err);
}

/* Stream a text profile from in, in fixed-size chunks. */
static struct prof *
read_text(struct pk_in *in, struct pk_err *err)
{
	enum { CHUNK = 1 << 20 };
	size_t cap = CHUNK, have = 0;
	char *buf = pk_xmalloc(cap);
	struct tstate ts;
	bool go = true, any = false;

	text_begin(&ts, pk_in_name(in));
	for (;;) {
		ssize_t r;
		size_t pos = 0;

		if (have == cap) { /* one line longer than the buffer */
			if (cap > PK_LINE_MAX) {
				pk_err_line(err, pk_in_name(in), ts.t.lineno + 1,
					    "a line longer than %u MiB: not a "
					    "GHC .prof profile",
					    PK_LINE_MAX >> 20);
				ts.fatal = true;
				break;
			}
			cap *= 2;
			buf = pk_xrealloc(buf, cap);
		}
		r = pk_in_read(in, buf + have, cap - have, err);
		if (r < 0) {
			ts.fatal = true;
			break;
		}
		if (r == 0) {
			if (have > 0 && go)
				go = text_line(&ts, buf, have, false, err);
			break;
		}
		/* binary input is refused before more of it is buffered */
		if (!any &&
		    memchr(buf, '\0', (size_t)r < PK_SNIFF_MAX ? (size_t)r
							    : PK_SNIFF_MAX) != NULL) {
			pk_err_set(err, "%s:1: not a GHC .prof profile (binary "
				   "data)", pk_in_name(in));
			ts.fatal = true;
			break;
		}
		any = true;
		have += (size_t)r;
		while (go && pos < have) {
			const char *s = buf + pos;
			const char *nl = memchr(s, '\n', have - pos);

			if (nl == NULL)
				break;
			go = text_line(&ts, s, (size_t)(nl - s), true, err);
			pos = (size_t)(nl - buf) + 1;
		}
		if (!go)
			break;
		memmove(buf, buf + pos, have - pos);
		have -= pos;
	}
	free(buf);
	if (!any && !ts.fatal) {
		pk_err_set(err, "%s: %s", pk_in_name(in), PROF_EMPTY_MSG);
		ts.fatal = true;
	}
	{
		uint64_t raw;

		if (!ts.fatal && ts.st != S_TITLE && pk_in_cut(in, &raw))
			set_problem(ts.t.p, "%s:%llu: offset %llu: the compressed "
				    "data ends early (cut after %llu compressed "
				    "bytes; truncated?)", pk_in_name(in),
				    (unsigned long long)ts.t.lineno,
				    (unsigned long long)pk_in_offset(in),
				    (unsigned long long)raw);
	}
	if (ts.fatal && err->msg == NULL)
		pk_err_set(err, "%s: read error", pk_in_name(in));
	return text_end(&ts, err);
}

/* ------------------------------------------------------------------ */
/* JSON profiles (-pj). */

static bool
json_u64(json_t *o, const char *key, uint64_t *out)
{
	json_t *v = json_object_get(o, key);

	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return false;
	*out = (uint64_t)json_integer_value(v);
	return true;
}

static int
cmp_idmap(const void *a, const void *b)
{
	const int64_t *x = a, *y = b;

	return x[0] < y[0] ? -1 : x[0] > y[0];
}

static bool
json_header(struct prof *p, json_t *root)
{
	json_t *v;
	uint64_t u;

	if ((v = json_object_get(root, "program")) && json_is_string(v))
		p->program = pk_xstrdup(json_string_value(v));
	if ((v = json_object_get(root, "end_time")) && json_is_string(v))
		p->date = pk_xstrdup(json_string_value(v));
	{
		/* "prog +RTS -pj -RTS args" like the text header */
		json_t *args = json_object_get(root, "arguments");
		json_t *rts = json_object_get(root, "rts_arguments");
		size_t cap = 256, len = 0, i;
		char *cmd = pk_xmalloc(cap);
		json_t *a;

		cmd[0] = '\0';
#define APPEND(str) do { \
		const char *s_ = (str); size_t l_ = strlen(s_); \
		while (len + l_ + 2 > cap) cap *= 2; \
		cmd = pk_xrealloc(cmd, cap); \
		if (len) cmd[len++] = ' '; \
		memcpy(cmd + len, s_, l_ + 1); len += l_; } while (0)
		if (p->program)
			APPEND(p->program);
		if (json_is_array(rts) && json_array_size(rts) > 0) {
			APPEND("+RTS");
			json_array_foreach(rts, i, a)
				if (json_is_string(a))
					APPEND(json_string_value(a));
			APPEND("-RTS");
		}
		if (json_is_array(args))
			json_array_foreach(args, i, a)
				if (i > 0 && json_is_string(a))
					APPEND(json_string_value(a));
#undef APPEND
		if (len > 0)
			p->command = cmd;
		else
			free(cmd);
	}
	v = json_object_get(root, "total_time");
	if (json_is_number(v) && json_number_value(v) >= 0)
		p->total_time_s = json_number_value(v);
	if (json_u64(root, "initial_capabilities", &u) && u <= UINT32_MAX)
		p->processors = (uint32_t)u;
	v = json_object_get(root, "tick_interval");
	if (json_is_number(v) && json_number_value(v) >= 0)
		p->tick_interval_us = json_number_value(v);
	if (!json_u64(root, "total_ticks", &p->total_ticks) ||
	    !json_u64(root, "total_alloc", &p->total_alloc))
		return false;
	p->has_header = true;
	return true;
}

struct prof *
prof_parse_json(const char *buf, size_t len, const char *name,
		struct pk_err *err)
{
	json_error_t je;
	json_t *root, *ccs, *tree;
	struct prof *p = prof_new(PROF_JSON, name);
	int64_t *idmap = NULL;
	size_t nid = 0, node_cap = 0;

	p->has_src = true;
	p->has_counts = true;
	root = json_loadb(buf, len, 0, &je);
	if (root == NULL) {
		/* Salvage the header facts of a truncated file: they come
		 * before the cost centres. */
		const char *cc = find_sub(buf, len, "\"cost_centres\"");

		if (cc != NULL) {
			size_t hl = (size_t)(cc - buf);
			char *h = pk_xmalloc(hl + 16);
			json_t *hr;

			memcpy(h, buf, hl);
			memcpy(h + hl, "\"x\": 0}", 8);
			hr = json_loadb(h, hl + 7, 0, NULL);
			free(h);
			if (hr != NULL && json_is_object(hr) &&
			    json_header(p, hr)) {
				json_decref(hr);
				set_problem(p, "%s:%d: JSON: %s; only the header "
					    "was read", p->name, je.line,
					    je.text);
				finish(p, true, false);
				return p;
			}
			json_decref(hr);
		}
		pk_err_set(err, "%s:%d: JSON: %s", p->name, je.line, je.text);
		prof_free(p);
		return NULL;
	}
	if (!json_is_object(root) || !json_header(p, root)) {
		pk_err_set(err, "%s: not a GHC -pj profile (no total_ticks/"
			   "total_alloc)", p->name);
		goto fail;
	}
	ccs = json_object_get(root, "cost_centres");
	tree = json_object_get(root, "profile");
	if (!json_is_array(ccs)) {
		set_problem(p, "%s: JSON: no \"cost_centres\" array", p->name);
		goto out;
	}
	idmap = pk_xcalloc(json_array_size(ccs) + 1, 2 * sizeof *idmap);
	{
		size_t i;
		json_t *c;

		json_array_foreach(ccs, i, c) {
			json_t *id = json_object_get(c, "id");
			json_t *l = json_object_get(c, "label");
			json_t *m = json_object_get(c, "module");
			json_t *s = json_object_get(c, "src_loc");
			uint32_t k;

			if (!json_is_integer(id) || !json_is_string(l) ||
			    !json_is_string(m)) {
				set_problem(p, "%s: JSON: cost_centres[%zu] "
					    "lacks id/label/module", p->name,
					    i);
				goto out;
			}
			k = intern_cc(p, json_string_value(l),
				      json_string_length(l),
				      json_string_value(m),
				      json_string_length(m),
				      json_is_string(s) ? json_string_value(s)
							: "",
				      json_is_string(s) ? json_string_length(s)
							: 0);
			p->ccs[k].id = json_integer_value(id);
			if (json_is_true(json_object_get(c, "is_caf")))
				p->ccs[k].is_caf = true;
			else if (json_is_false(json_object_get(c, "is_caf")))
				p->ccs[k].is_caf = false;
			idmap[2 * nid] = json_integer_value(id);
			idmap[2 * nid + 1] = k;
			nid++;
		}
		qsort(idmap, nid, 2 * sizeof *idmap, cmp_idmap);
	}
	if (!json_is_object(tree)) {
		set_problem(p, "%s: JSON: no \"profile\" tree", p->name);
		goto out;
	}
	{
		/* Pre-order walk with an explicit stack. */
		struct fr { json_t *kids; size_t next; uint32_t node; } *stk;
		size_t sp = 0, scap = 64;
		json_t *cur = tree;
		uint32_t parent = PROF_NONE;
		uint32_t depth = 0;

		stk = pk_xmalloc(scap * sizeof *stk);
		for (;;) {
			if (cur != NULL) {
				int64_t key[2];
				const int64_t *hit;
				struct prof_node *n;
				json_t *id = json_object_get(cur, "id");
				uint64_t ent, alloc, ticks;

				if (!json_is_integer(id) ||
				    !json_u64(cur, "entries", &ent) ||
				    !json_u64(cur, "alloc", &alloc) ||
				    !json_u64(cur, "ticks", &ticks)) {
					set_problem(p, "%s: JSON: profile node "
						    "%zu lacks id/entries/"
						    "alloc/ticks", p->name,
						    p->nnodes);
					break;
				}
				key[0] = json_integer_value(id);
				hit = bsearch(key, idmap, nid, 2 * sizeof *idmap,
					      cmp_idmap);
				if (hit == NULL) {
					set_problem(p, "%s: JSON: profile node "
						    "%zu names unknown cost "
						    "centre %lld", p->name,
						    p->nnodes,
						    (long long)key[0]);
					break;
				}
				n = add_node(p, &node_cap);
				n->cc = (uint32_t)hit[1];
				n->parent = parent;
				n->depth = depth;
				n->entries = ent;
				n->bytes = alloc;
				n->ticks = ticks;
				if (sp == scap) {
					scap *= 2;
					stk = pk_xreallocarray(stk, scap,
							       sizeof *stk);
				}
				stk[sp].kids = json_object_get(cur, "children");
				stk[sp].next = 0;
				stk[sp].node = (uint32_t)(p->nnodes - 1);
				sp++;
				cur = NULL;
			}
			if (sp == 0)
				break;
			{
				struct fr *f = &stk[sp - 1];

				if (json_is_array(f->kids) &&
				    f->next < json_array_size(f->kids)) {
					cur = json_array_get(f->kids, f->next++);
					parent = f->node;
					depth = (uint32_t)sp;
					if (!json_is_object(cur)) {
						set_problem(p, "%s: JSON: a "
							    "child is not an "
							    "object", p->name);
						break;
					}
				} else {
					sp--;
				}
			}
		}
		free(stk);
	}
out:
	finish(p, true, false);
	json_decref(root);
	free(idmap);
	return p;
fail:
	json_decref(root);
	free(idmap);
	prof_free(p);
	return NULL;
}

/* ------------------------------------------------------------------ */

static bool
looks_json(const char *buf, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n' ||
			   buf[i] == '\r'))
		i++;
	return i < len && buf[i] == '{';
}

bool
prof_sniff(const char *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096;

	if (looks_json(buf, len))
		return find_sub(buf, n, "\"total_ticks\"") != NULL ||
		       find_sub(buf, n, "\"cost_centres\"") != NULL;
	return find_sub(buf, n, "Profiling Report") != NULL;
}

struct prof *
prof_parse(const char *buf, size_t len, const char *name, struct pk_err *err)
{
	if (len == 0) {
		pk_err_set(err, "%s: %s", name ? name : "<stdin>",
			   PROF_EMPTY_MSG);
		return NULL;
	}
	if (looks_json(buf, len))
		return prof_parse_json(buf, len, name, err);
	return prof_parse_text(buf, len, name, err);
}

struct prof *
prof_read(struct pk_in *in, struct pk_err *err)
{
	char head[64], *buf;
	ssize_t hn = pk_in_peek(in, head, sizeof head, err);
	size_t len;
	struct prof *p;

	if (hn < 0)
		return NULL;
	if (hn == 0) {
		pk_err_set(err, "%s: %s", pk_in_name(in), PROF_EMPTY_MSG);
		return NULL;
	}
	if (!looks_json(head, (size_t)hn))
		return read_text(in, err);
	if (pk_in_slurp(in, &buf, &len, err) != 0)
		return NULL;
	p = prof_parse(buf, len, pk_in_name(in), err);
	free(buf);
	return p;
}

struct prof *
prof_read_file(const char *path, struct pk_err *err)
{
	struct pk_in *in = pk_in_open(path, err);
	struct prof *p;

	if (in == NULL)
		return NULL;
	p = prof_read(in, err);
	pk_in_close(in);
	return p;
}

/* ------------------------------------------------------------------ */

bool
prof_src_split(const char *src, char **file, long *line, long *col)
{
	size_t fl, n = src ? strlen(src) : 0;
	long v[4];

	*file = NULL;
	*line = *col = 0;
	if (n == 0)
		return false;
	if (src[0] == '<' || !span_parse(src, n, &fl, v)) {
		*file = pk_xstrdup(src);
		return false;
	}
	*file = pk_xstrndup(src, fl);
	*line = v[0];
	*col = v[1];
	return true;
}

double
prof_node_time_frac(const struct prof *p, size_t i)
{
	if (p->has_counts)
		return p->total_ticks ? (double)p->nodes[i].ticks /
						(double)p->total_ticks : 0;
	return p->nodes[i].time_pct / 100.0;
}

double
prof_node_alloc_frac(const struct prof *p, size_t i)
{
	if (p->has_counts)
		return p->total_alloc ? (double)p->nodes[i].bytes /
						(double)p->total_alloc : 0;
	return p->nodes[i].alloc_pct / 100.0;
}

double
prof_node_inh_time_frac(const struct prof *p, size_t i)
{
	if (p->has_counts)
		return p->total_ticks ? (double)p->nodes[i].inh_ticks /
						(double)p->total_ticks : 0;
	return p->nodes[i].inh_time_pct / 100.0;
}

double
prof_node_inh_alloc_frac(const struct prof *p, size_t i)
{
	if (p->has_counts)
		return p->total_alloc ? (double)p->nodes[i].inh_bytes /
						(double)p->total_alloc : 0;
	return p->nodes[i].inh_alloc_pct / 100.0;
}
