/* eventlog_speedscope.c - GHC eventlog to speedscope JSON (see the header). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eventlog.h"
#include "eventlog_speedscope.h"
#include "speedscope_write.h"

#define NONE UINT32_MAX
/* GHC's tick interval when PROF_BEGIN is missing (1 ms: -V default). */
#define DEFAULT_TICK_NS 1000000ULL
/* Warnings of one kind printed before they are only counted. */
#define MAX_WARN 5

/* ---- a small uint32 -> uint32 hash map -------------------------------- */

struct map {
	uint32_t *keys, *vals;
	size_t size, n;
};

static uint32_t
hash32(uint32_t x)
{
	x ^= x >> 16;
	x *= 0x7feb352dU;
	x ^= x >> 15;
	x *= 0x846ca68bU;
	x ^= x >> 16;
	return x;
}

static void map_put(struct map *m, uint32_t k, uint32_t v);

static void
map_grow(struct map *m)
{
	struct map old = *m;

	m->size = old.size ? old.size * 2 : 64;
	m->n = 0;
	m->keys = pk_xreallocarray(NULL, m->size, sizeof *m->keys);
	m->vals = pk_xreallocarray(NULL, m->size, sizeof *m->vals);
	memset(m->vals, 0xff, m->size * sizeof *m->vals);
	for (size_t i = 0; i < old.size; i++)
		if (old.vals[i] != NONE)
			map_put(m, old.keys[i], old.vals[i]);
	free(old.keys);
	free(old.vals);
}

static uint32_t
map_get(const struct map *m, uint32_t k)
{
	if (m->size == 0)
		return NONE;
	for (size_t j = hash32(k) & (m->size - 1);; j = (j + 1) & (m->size - 1)) {
		if (m->vals[j] == NONE)
			return NONE;
		if (m->keys[j] == k)
			return m->vals[j];
	}
}

/* v must not be NONE. */
static void
map_put(struct map *m, uint32_t k, uint32_t v)
{
	size_t j;

	if ((m->n + 1) * 2 > m->size)
		map_grow(m);
	for (j = hash32(k) & (m->size - 1); m->vals[j] != NONE;
	     j = (j + 1) & (m->size - 1))
		if (m->keys[j] == k) {
			m->vals[j] = v;
			return;
		}
	m->keys[j] = k;
	m->vals[j] = v;
	m->n++;
}

static void
map_free(struct map *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}

/* ---- source spans ----------------------------------------------------- */

/* Parse digits [p, end) into *v (no sign, no overflow). */
static bool
num(const char *p, const char *end, int64_t *v)
{
	int64_t x = 0;

	if (p >= end)
		return false;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || x > (INT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (*p - '0');
	}
	*v = x;
	return true;
}

static const char *
rfind(const char *s, const char *end, char c)
{
	while (end > s)
		if (*--end == c)
			return end;
	return NULL;
}

bool
el2ss_parse_srcloc(const char *s, size_t n, size_t *file_len, int64_t *line,
		   int64_t *col)
{
	const char *end = s + n, *p, *q, *c;
	int64_t l, k, dummy;

	*line = *col = 0;
	*file_len = 0;
	if (n == 0 || s[0] == '<')
		return false;
	*file_len = n;
	if (end[-1] == ')') {
		/* F.hs:(L,C)-(L,C) or F.hs:(L,C) */
		p = NULL;
		for (q = end - 1; q > s; q--)
			if (q[-1] == ':' && q[0] == '(') {
				p = q;
				break;
			}
		if (p == NULL)
			return false;
		q = memchr(p, ')', (size_t)(end - p));
		c = memchr(p, ',', (size_t)(end - p));
		if (q == NULL || c == NULL || c > q || !num(p + 1, c, &l) ||
		    !num(c + 1, q, &k))
			return false;
		*file_len = (size_t)(p - 1 - s);
		*line = l;
		*col = k;
		return *file_len > 0;
	}
	/* F.hs:L:C-C or F.hs:L:C */
	if ((c = rfind(s, end, ':')) == NULL || (p = rfind(s, c, ':')) == NULL)
		return false;
	q = memchr(c + 1, '-', (size_t)(end - c - 1));
	if (!num(p + 1, c, &l) || !num(c + 1, q ? q : end, &k) ||
	    (q != NULL && !num(q + 1, end, &dummy)))
		return false;
	*file_len = (size_t)(p - s);
	*line = l;
	*col = k;
	return *file_len > 0;
}

/* ---- conversion state ------------------------------------------------- */

struct cc {
	uint32_t frame;
	bool idle;
};

struct last_sample {
	uint32_t *ids;
	unsigned depth, cap;
	bool valid, dropped;
};

struct span_ev {
	uint64_t time, seq, offset;
	uint32_t key;   /* thread id, or capability when by_cap */
	uint32_t frame;
	bool by_cap, open;
};

struct cvt {
	const struct el2ss_opts *o;
	struct ss_writer *w;
	const char *input;
	char *program;

	/* cost centres: id -> index into ccs (dense table for small ids,
	 * GHC numbers them from 1; the map for the rest) */
	struct map cc_ids;
	uint32_t *cc_dense;
	size_t ncc_dense;
	struct cc *ccs;
	size_t nccs, ccs_cap;
	uint64_t tick_ns;
	bool have_tick;
	uint32_t *stack;
	size_t stack_cap;
	uint64_t undefined_cc;

	/* sampled profiles per capability (payload's capability) */
	struct map cap_prof;
	int cap_cache[64];        /* profile + 1 for small capabilities */
	struct last_sample last[64]; /* previous raw stack per capability */
	int merged_prof;
	uint64_t samples_seen;

	/* spans */
	struct map thread_prof;   /* thread -> profile */
	struct map span_threads;  /* threads that sent span events */
	struct map capspan_prof;  /* cap -> profile (no scheduler events) */
	struct map labels;        /* thread -> index into label strings */
	char **label;
	size_t nlabels, labels_cap;
	uint32_t *cur_thread;     /* per cap: running thread, or NONE */
	size_t ncaps;
	int *span_profs;          /* profiles that hold spans */
	uint32_t *span_keys;      /* thread id or cap, per span profile */
	bool *span_is_cap;
	size_t nspan, span_cap;
	uint64_t spans_seen;
	struct span_stream **streams; /* span events per capability */
	size_t nstreams;
	FILE *span_file;
	uint64_t span_end, seq;
	char *span_err;
	struct pre_track *pre;    /* spans open before the window */
	size_t npre;
	uint64_t warn_mismatch, warn_unmatched;

	/* threads timeline */
	struct map tl_prof;       /* cap -> profile */
	struct map tl_frames;     /* thread -> frame */
	uint32_t *tl_thread;      /* per cap: thread frame open, or NONE */
	uint64_t sched_seen;
	uint32_t gc_frame;

	/* window */
	/* window [lo, hi] in ns; with -s/-e it is known only at the end
	 * (GHC may write a marker's block after the samples it precedes),
	 * so samples and timeline events are held in a temporary file and
	 * replayed through the window then */
	uint64_t lo, hi, max_time;
	bool markers, have_start;
	uint64_t start_time;      /* first (earliest) start marker */
	uint64_t *end_times;      /* every end marker */
	size_t nend;
	FILE *held;
	int held_errno;
	uint32_t *raw;            /* a sample's stack ids, innermost first */
	size_t raw_cap;
};

static bool
want_samples(const struct cvt *c)
{
	return c->o->mode == EL2SS_AUTO || c->o->mode == EL2SS_SAMPLES;
}

static bool
want_spans(const struct cvt *c)
{
	return c->o->mode == EL2SS_AUTO || c->o->mode == EL2SS_SPANS;
}

static void
grow_caps(struct cvt *c, size_t cap)
{
	size_t n = c->ncaps;

	if (cap < n)
		return;
	c->ncaps = cap + 8;
	c->cur_thread = pk_xreallocarray(c->cur_thread, c->ncaps,
					 sizeof *c->cur_thread);
	c->tl_thread = pk_xreallocarray(c->tl_thread, c->ncaps,
					sizeof *c->tl_thread);
	for (size_t i = n; i < c->ncaps; i++)
		c->cur_thread[i] = c->tl_thread[i] = NONE;
}

static const char *
thread_label(const struct cvt *c, uint32_t thread)
{
	uint32_t i = map_get(&c->labels, thread);

	return i == NONE ? NULL : c->label[i];
}

static char *
thread_name(const struct cvt *c, uint32_t thread)
{
	const char *l = thread_label(c, thread);

	return l != NULL ? pk_xasprintf("thread %" PRIu32 " (%s)", thread, l)
			 : pk_xasprintf("thread %" PRIu32, thread);
}

/* ---- cost-centre samples --------------------------------------------- */

#define DENSE_MAX (1u << 20)

static uint32_t
cc_index(const struct cvt *c, uint32_t id)
{
	if (id < c->ncc_dense)
		return c->cc_dense[id];
	return id < DENSE_MAX ? NONE : map_get(&c->cc_ids, id);
}

static void
cc_set_index(struct cvt *c, uint32_t id, uint32_t i)
{
	if (id >= DENSE_MAX) {
		map_put(&c->cc_ids, id, i);
		return;
	}
	if (id >= c->ncc_dense) {
		size_t n = c->ncc_dense ? c->ncc_dense : 256;

		while (n <= id)
			n *= 2;
		c->cc_dense = pk_xreallocarray(c->cc_dense, n, sizeof *c->cc_dense);
		memset(c->cc_dense + c->ncc_dense, 0xff,
		       (n - c->ncc_dense) * sizeof *c->cc_dense);
		c->ncc_dense = n;
	}
	c->cc_dense[id] = i;
}

static void
define_cc(struct cvt *c, const union el_fields *f)
{
	struct el_str lab = f->cost_centre.label;
	struct el_str mod = f->cost_centre.module;
	struct el_str loc = f->cost_centre.srcloc;
	size_t flen;
	int64_t line, col;
	char *name, *file = NULL;
	uint32_t i;

	name = pk_xmalloc(mod.n + lab.n + 2);
	memcpy(name, mod.p, mod.n);
	name[mod.n] = '.';
	memcpy(name + mod.n + 1, lab.p, lab.n);
	name[mod.n + lab.n + 1] = '\0';
	el2ss_parse_srcloc(loc.p, loc.n, &flen, &line, &col);
	if (flen > 0)
		file = pk_xstrndup(loc.p, flen);
	if ((i = cc_index(c, f->cost_centre.id)) == NONE) {
		if (c->nccs == c->ccs_cap) {
			c->ccs_cap = c->ccs_cap ? c->ccs_cap * 2 : 256;
			c->ccs = pk_xreallocarray(c->ccs, c->ccs_cap, sizeof *c->ccs);
		}
		i = (uint32_t)c->nccs++;
		cc_set_index(c, f->cost_centre.id, i);
	}
	c->ccs[i].frame = ss_framen(c->w, name, mod.n + lab.n + 1, file, line, col);
	c->ccs[i].idle = lab.n == 4 && memcmp(lab.p, "IDLE", 4) == 0 &&
			 mod.n == 4 && memcmp(mod.p, "IDLE", 4) == 0;
	free(name);
	free(file);
}

static const struct cc *
lookup_cc(struct cvt *c, uint32_t id)
{
	uint32_t i = cc_index(c, id);

	if (i == NONE) {
		char *name = pk_xasprintf("<cost centre %" PRIu32 ">", id);

		if (c->undefined_cc++ < MAX_WARN)
			pk_warn("%s: cost centre %" PRIu32
				" is used by a sample but never defined",
				c->input, id);
		if (c->nccs == c->ccs_cap) {
			c->ccs_cap = c->ccs_cap ? c->ccs_cap * 2 : 256;
			c->ccs = pk_xreallocarray(c->ccs, c->ccs_cap, sizeof *c->ccs);
		}
		i = (uint32_t)c->nccs++;
		cc_set_index(c, id, i);
		c->ccs[i].frame = ss_frame(c->w, name, NULL, 0, 0);
		c->ccs[i].idle = false;
		free(name);
	}
	return &c->ccs[i];
}

static int
sample_profile(struct cvt *c, uint32_t cap)
{
	uint32_t p;

	if (c->o->merge) {
		if (c->merged_prof < 0)
			c->merged_prof = ss_sampled(c->w, "", SS_NANOSECONDS);
		return c->merged_prof;
	}
	if (cap < 64 && c->cap_cache[cap] > 0)
		return c->cap_cache[cap] - 1;
	if ((p = map_get(&c->cap_prof, cap)) == NONE) {
		p = (uint32_t)ss_sampled(c->w, "", SS_NANOSECONDS);
		map_put(&c->cap_prof, cap, p);
	}
	if (cap < 64)
		c->cap_cache[cap] = (int)p + 1;
	return (int)p;
}

/* One cost-centre sample: ids innermost first, as GHC writes them. */
static void
sample(struct cvt *c, uint32_t capability, uint64_t time, const uint32_t *ids,
       unsigned depth)
{
	const struct cc *cc;
	struct last_sample *last = capability < 64 ? &c->last[capability] : NULL;
	uint64_t weight = c->have_tick ? c->tick_ns : DEFAULT_TICK_NS;

	c->samples_seen++;
	/* most samples repeat their capability's previous stack */
	if (last != NULL && last->valid && last->depth == depth &&
	    (depth == 0 || memcmp(last->ids, ids, depth * sizeof *ids) == 0)) {
		if (last->dropped ||
		    ss_sample_again(c->w, sample_profile(c, capability), weight))
			return;
	}
	if (last != NULL) {
		if (depth > last->cap) {
			last->cap = depth * 2;
			last->ids = pk_xreallocarray(last->ids, last->cap,
						     sizeof *last->ids);
		}
		if (depth > 0)
			memcpy(last->ids, ids, depth * sizeof *ids);
		last->depth = depth;
		last->valid = true;
		last->dropped = false;
	}
	if (depth > c->stack_cap) {
		c->stack_cap = depth * 2;
		c->stack = pk_xreallocarray(c->stack, c->stack_cap,
					    sizeof *c->stack);
	}
	for (unsigned i = 0; i < depth; i++) {
		cc = lookup_cc(c, ids[i]);
		c->stack[depth - 1 - i] = cc->frame;
		if (depth == 1 && cc->idle && c->o->drop_idle) {
			if (last != NULL)
				last->dropped = true;
			return;
		}
	}
	ss_sample(c->w, sample_profile(c, capability), c->stack, depth,
		  weight, time);
}

/* ---- spans ------------------------------------------------------------ */

static bool
span_wanted(const struct cvt *c, const char *name, size_t n)
{
	const struct el2ss_opts *o = c->o;
	bool keep = o->nmatch == 0;

	for (size_t i = 0; i < o->nmatch && !keep; i++)
		if (memmem(name, n, o->match[i], strlen(o->match[i])) != NULL)
			keep = true;
	for (size_t i = 0; i < o->nexclude && keep; i++)
		if (memmem(name, n, o->exclude[i], strlen(o->exclude[i])) != NULL)
			keep = false;
	return keep;
}

static int
span_profile(struct cvt *c, uint32_t key, bool by_cap)
{
	struct map *m = by_cap ? &c->capspan_prof : &c->thread_prof;
	uint32_t p = map_get(m, key);
	char *name;

	if (p != NONE)
		return (int)p;
	if (by_cap)
		name = key == EL_NO_CAP ? pk_xstrdup("global")
					: pk_xasprintf("cap %" PRIu32, key);
	else
		name = thread_name(c, key);
	p = (uint32_t)ss_evented(c->w, name, SS_NANOSECONDS);
	free(name);
	map_put(m, key, p);
	if (c->nspan == c->span_cap) {
		c->span_cap = c->span_cap ? c->span_cap * 2 : 16;
		c->span_profs = pk_xreallocarray(c->span_profs, c->span_cap,
						 sizeof *c->span_profs);
		c->span_keys = pk_xreallocarray(c->span_keys, c->span_cap,
						sizeof *c->span_keys);
		c->span_is_cap = pk_xreallocarray(c->span_is_cap, c->span_cap,
						  sizeof *c->span_is_cap);
	}
	c->span_profs[c->nspan] = (int)p;
	c->span_keys[c->nspan] = key;
	c->span_is_cap[c->nspan] = by_cap;
	c->nspan++;
	return (int)p;
}

/* Span events are applied in time order at the end.  GHC writes each
 * capability's events in order, but a block of one capability can reach
 * the file after later events of another (a thread that migrates, a span
 * closed on another capability), and which capabilities exist is only
 * known late.  So each capability's span events are spooled in order to
 * a temporary file (memory: one small buffer per capability) and merged
 * by time at the end. */
#define SPAN_CHUNK 256 /* records per chunk */

static bool
span_before(const struct span_ev *x, const struct span_ev *y)
{
	return x->time != y->time ? x->time < y->time : x->seq < y->seq;
}

struct span_stream {
	uint32_t cap;
	struct span_ev buf[SPAN_CHUNK];
	size_t n;
	uint64_t *chunks;     /* file offsets of full chunks */
	size_t nchunks, chunks_cap;
	/* merge cursor */
	size_t ci, pos, len;
};

static int
stream_flush(struct cvt *c, struct span_stream *st, struct pk_err *err)
{
	if (c->span_file == NULL && (c->span_file = tmpfile()) == NULL) {
		pk_err_set(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	if (fseeko(c->span_file, (off_t)c->span_end, SEEK_SET) != 0 ||
	    fwrite(st->buf, sizeof st->buf[0], SPAN_CHUNK, c->span_file) !=
		    SPAN_CHUNK) {
		pk_err_set(err, "temporary file: write failed: %s",
			   strerror(errno));
		return -1;
	}
	if (st->nchunks == st->chunks_cap) {
		st->chunks_cap = st->chunks_cap ? st->chunks_cap * 2 : 16;
		st->chunks = pk_xreallocarray(st->chunks, st->chunks_cap,
					      sizeof *st->chunks);
	}
	st->chunks[st->nchunks++] = c->span_end;
	c->span_end += sizeof st->buf;
	st->n = 0;
	return 0;
}

static struct span_stream *
stream_for(struct cvt *c, uint32_t cap)
{
	for (size_t i = 0; i < c->nstreams; i++)
		if (c->streams[i]->cap == cap)
			return c->streams[i];
	c->streams = pk_xreallocarray(c->streams, c->nstreams + 1,
				      sizeof *c->streams);
	c->streams[c->nstreams] = pk_xcalloc(1, sizeof **c->streams);
	c->streams[c->nstreams]->cap = cap;
	return c->streams[c->nstreams++];
}

/* Next record of a stream in the merge (loads chunks as needed): NULL at
 * its end.  Only full chunks are in the file; the tail is in memory. */
static const struct span_ev *
stream_peek(struct cvt *c, struct span_stream *st, struct span_ev *chunk,
	    struct pk_err *err, bool *failed)
{
	if (st->pos < st->len)
		return &chunk[st->pos];
	if (st->ci < st->nchunks) {
		if (fseeko(c->span_file, (off_t)st->chunks[st->ci], SEEK_SET) != 0 ||
		    fread(chunk, sizeof *chunk, SPAN_CHUNK, c->span_file) !=
			    SPAN_CHUNK) {
			pk_err_set(err, "temporary file: read failed");
			*failed = true;
			return NULL;
		}
		st->ci++;
		st->pos = 0;
		st->len = SPAN_CHUNK;
		return &chunk[0];
	}
	if (st->ci == st->nchunks && st->n > 0) {
		memcpy(chunk, st->buf, st->n * sizeof *chunk);
		st->ci++;
		st->pos = 0;
		st->len = st->n;
		return &chunk[0];
	}
	return NULL;
}

static void
span_apply(struct cvt *c, const struct span_ev *e)
{
	int p;
	const char *name;
	enum ss_close_result r;

	if (e->frame == NONE) {
		/* the thread finished (or was killed): its spans end here */
		uint32_t q = map_get(&c->thread_prof, e->key);

		if (q != NONE && ss_open_depth(c->w, (int)q) > 0)
			ss_close_all(c->w, (int)q, e->time);
		return;
	}
	p = span_profile(c, e->key, e->by_cap);
	if (e->open) {
		ss_open(c->w, p, e->frame, e->time);
		return;
	}
	if (!ss_is_open(c->w, p, e->frame)) {
		/* opened elsewhere: a thread that moved between capabilities
		 * (logs without scheduler events), or a span closed by another
		 * thread: close the innermost open span of that name */
		for (size_t i = c->nspan; i-- > 0;)
			if (ss_is_open(c->w, c->span_profs[i], e->frame)) {
				p = c->span_profs[i];
				break;
			}
	}
	/* Per thread, a close that skips inner spans means an exception
	 * unwound them: they end here.  Per capability (no scheduler
	 * events) it means threads interleaved: the inner ones go on. */
	r = e->by_cap ? ss_close(c->w, p, e->frame, e->time)
		      : ss_close_unwind(c->w, p, e->frame, e->time);
	name = ss_frame_name(c->w, e->frame);
	if (r == SS_REPAIRED && c->warn_mismatch++ < MAX_WARN)
		pk_warn_offset(c->input, e->offset,
			       e->by_cap
			       ? "span '%.200s' closed while spans opened after "
				 "it are still open; closed and re-opened them"
			       : "span '%.200s' closed while spans opened after "
				 "it are still open (an exception?); closed them too",
			       name);
	if (r == SS_UNMATCHED && c->warn_unmatched++ < MAX_WARN)
		pk_warn_offset(c->input, e->offset,
			       "span '%.200s' closed but not open; ignored", name);
}

/* Spans opened before the window starts: kept per track (nesting depth
 * only) and opened at the window's start when the window begins. */
struct pre_track {
	uint32_t key;
	bool by_cap;
	uint32_t *frames;
	size_t n, cap;
};

static struct pre_track *
pre_track(struct cvt *c, uint32_t key, bool by_cap)
{
	struct pre_track *t;

	for (size_t i = 0; i < c->npre; i++)
		if (c->pre[i].key == key && c->pre[i].by_cap == by_cap)
			return &c->pre[i];
	c->pre = pk_xreallocarray(c->pre, c->npre + 1, sizeof *c->pre);
	t = &c->pre[c->npre++];
	memset(t, 0, sizeof *t);
	t->key = key;
	t->by_cap = by_cap;
	return t;
}

static bool
pre_remove(struct pre_track *t, uint32_t frame)
{
	for (size_t i = t->n; i-- > 0;)
		if (t->frames[i] == frame) {
			memmove(t->frames + i, t->frames + i + 1,
				(t->n - i - 1) * sizeof *t->frames);
			t->n--;
			return true;
		}
	return false;
}

static void
pre_window(struct cvt *c, const struct span_ev *e)
{
	struct pre_track *t;

	if (e->frame == NONE) {
		for (size_t i = 0; i < c->npre; i++)
			if (c->pre[i].key == e->key && !c->pre[i].by_cap)
				c->pre[i].n = 0;
		return;
	}
	t = pre_track(c, e->key, e->by_cap);
	if (e->open) {
		if (t->n == t->cap) {
			t->cap = t->cap ? t->cap * 2 : 8;
			t->frames = pk_xreallocarray(t->frames, t->cap,
						     sizeof *t->frames);
		}
		t->frames[t->n++] = e->frame;
		return;
	}
	if (pre_remove(t, e->frame))
		return;
	for (size_t i = 0; i < c->npre; i++)
		if (pre_remove(&c->pre[i], e->frame))
			return;
}

static void
pre_flush(struct cvt *c, uint64_t at)
{
	for (size_t i = 0; i < c->npre; i++) {
		struct pre_track *t = &c->pre[i];

		if (t->n > 0) {
			int p = span_profile(c, t->key, t->by_cap);

			for (size_t k = 0; k < t->n; k++)
				ss_open(c->w, p, t->frames[k], at);
		}
		free(t->frames);
	}
	free(c->pre);
	c->pre = NULL;
	c->npre = 0;
}

/* Merge the capabilities' span streams by time and apply them. */
static int
span_merge(struct cvt *c, struct pk_err *err)
{
	size_t k = c->nstreams;
	struct span_ev *chunks;
	bool failed = false, flushed = false;
	uint64_t lo = c->lo, hi = c->hi;

	if (k == 0 || lo > hi)
		return 0;
	if (c->span_file != NULL && fflush(c->span_file) != 0) {
		pk_err_set(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	chunks = pk_xreallocarray(NULL, k * SPAN_CHUNK, sizeof *chunks);
	for (;;) {
		const struct span_ev *best = NULL;
		size_t bi = 0;

		for (size_t i = 0; i < k; i++) {
			const struct span_ev *e = stream_peek(
				c, c->streams[i], chunks + i * SPAN_CHUNK, err,
				&failed);

			if (failed)
				goto out;
			if (e != NULL && (best == NULL || span_before(e, best))) {
				best = e;
				bi = i;
			}
		}
		if (best == NULL || best->time > hi)
			break;
		if (best->time < lo) {
			pre_window(c, best);
		} else {
			if (!flushed)
				pre_flush(c, lo);
			flushed = true;
			span_apply(c, best);
		}
		c->streams[bi]->pos++;
	}
	if (!flushed)
		pre_flush(c, lo);
out:
	free(chunks);
	return failed ? -1 : 0;
}

static void
span_push(struct cvt *c, uint16_t cap, const struct span_ev *e)
{
	struct span_stream *st = stream_for(c, cap);

	if (st->n == SPAN_CHUNK && c->span_err == NULL) {
		struct pk_err err = { NULL };

		if (stream_flush(c, st, &err) != 0)
			c->span_err = err.msg;
	}
	if (st->n < SPAN_CHUNK)
		st->buf[st->n++] = *e;
}

/* A thread that finished: close whatever spans it left open. */
static void
thread_finished(struct cvt *c, const struct el_event *ev,
		const union el_fields *f)
{
	struct span_ev e;

	if (map_get(&c->span_threads, f->stop.thread) == NONE)
		return; /* it never had spans */
	memset(&e, 0, sizeof e);
	e.time = ev->time;
	e.seq = c->seq++;
	e.offset = ev->offset;
	e.frame = NONE;
	e.key = f->stop.thread;
	span_push(c, ev->cap, &e);
}

static void
span_event(struct cvt *c, const struct el_event *ev, bool open,
	   const char *name, size_t n)
{
	uint16_t cap = ev->cap;
	uint32_t thread = cap < c->ncaps ? c->cur_thread[cap] : NONE;
	struct span_ev e;

	if (!span_wanted(c, name, n))
		return;
	c->spans_seen++;
	e.time = ev->time;
	e.seq = c->seq++;
	e.offset = ev->offset;
	e.frame = ss_framen(c->w, name, n, NULL, 0, 0);
	e.by_cap = thread == NONE;
	e.key = e.by_cap ? cap : thread;
	if (!e.by_cap)
		map_put(&c->span_threads, thread, 1);
	e.open = open;
	span_push(c, cap, &e);
}

static bool
has_prefix(struct el_str s, const char *pre, size_t n)
{
	return s.n >= n && memcmp(s.p, pre, n) == 0;
}

static void
on_message(struct cvt *c, const struct el_event *ev,
	   const union el_fields *f, bool binary)
{
	struct el_str t = f->msg.text;

	if (binary) {
		if (has_prefix(t, "START", 5))
			span_event(c, ev, true, t.p + 5, t.n - 5);
		else if (has_prefix(t, "STOP ", 5))
			span_event(c, ev, false, t.p + 5, t.n - 5);
		return;
	}
	size_t on = strlen(c->o->open_prefix), cn = strlen(c->o->close_prefix);

	if (on > 0 && has_prefix(t, c->o->open_prefix, on))
		span_event(c, ev, true, t.p + on, t.n - on);
	else if (cn > 0 && has_prefix(t, c->o->close_prefix, cn))
		span_event(c, ev, false, t.p + cn, t.n - cn);
}

/* ---- threads timeline ------------------------------------------------- */

static int
timeline_profile(struct cvt *c, uint16_t cap)
{
	uint32_t p = map_get(&c->tl_prof, cap);

	if (p == NONE) {
		p = (uint32_t)ss_evented(c->w, "", SS_NANOSECONDS);
		map_put(&c->tl_prof, cap, p);
	}
	return (int)p;
}

/* One frame per thread, named when first run; renamed at the end if the
 * thread got its label later (labelThread runs inside the thread). */
static uint32_t
thread_frame(struct cvt *c, uint32_t thread)
{
	uint32_t f = map_get(&c->tl_frames, thread);
	char *name;

	if (f != NONE)
		return f;
	name = pk_xasprintf("thread %" PRIu32, thread);
	f = ss_frame(c->w, name, NULL, 0, 0);
	free(name);
	map_put(&c->tl_frames, thread, f);
	return f;
}

static void
timeline(struct cvt *c, uint16_t type, uint16_t cap, uint64_t time,
	 uint32_t thread)
{
	int p;

	if (cap == EL_NO_CAP)
		return;
	grow_caps(c, cap);
	switch (type) {
	case EL_RUN_THREAD:
		p = timeline_profile(c, cap);
		if (c->tl_thread[cap] != NONE)
			ss_close(c->w, p, c->tl_thread[cap], time);
		c->tl_thread[cap] = thread_frame(c, thread);
		ss_open(c->w, p, c->tl_thread[cap], time);
		break;
	case EL_STOP_THREAD:
		if (c->tl_thread[cap] == NONE)
			break;
		p = timeline_profile(c, cap);
		ss_close(c->w, p, c->tl_thread[cap], time);
		c->tl_thread[cap] = NONE;
		break;
	case EL_GC_START:
		p = timeline_profile(c, cap);
		if (c->gc_frame == NONE)
			c->gc_frame = ss_frame(c->w, "GC", NULL, 0, 0);
		if (!ss_is_open(c->w, p, c->gc_frame))
			ss_open(c->w, p, c->gc_frame, time);
		break;
	case EL_GC_END:
		p = timeline_profile(c, cap);
		if (c->gc_frame != NONE && ss_is_open(c->w, p, c->gc_frame))
			ss_close(c->w, p, c->gc_frame, time);
		break;
	}
}

/* ---- held events (marker windows) ------------------------------------ */

struct held {
	uint64_t time;
	uint32_t a;      /* sample: capability; timeline: thread */
	uint32_t n;      /* sample: stack depth (ids follow) */
	uint16_t type;   /* event type */
	uint16_t cap;    /* block capability */
};

static void
hold(struct cvt *c, const struct held *h, const uint32_t *ids)
{
	if (c->held == NULL && c->held_errno == 0 &&
	    (c->held = tmpfile()) == NULL)
		c->held_errno = errno ? errno : EIO;
	if (c->held == NULL || c->held_errno != 0)
		return;
	if (fwrite(h, sizeof *h, 1, c->held) != 1 ||
	    (h->n > 0 && fwrite(ids, sizeof *ids, h->n, c->held) != h->n))
		c->held_errno = errno ? errno : EIO;
}

static bool
in_window(const struct cvt *c, uint64_t t)
{
	return t >= c->lo && t <= c->hi;
}

/* The window from the markers: from the earliest start marker to the
 * earliest end marker after it (hs-speedscope's -s/-e, on time order). */
static void
marker_window(struct cvt *c)
{
	uint64_t end = UINT64_MAX;

	if (c->o->start_marker != NULL) {
		if (!c->have_start) {
			c->lo = UINT64_MAX; /* never started: empty */
			c->hi = 0;
			return;
		}
		if (c->start_time > c->lo)
			c->lo = c->start_time;
	}
	for (size_t i = 0; i < c->nend; i++)
		if (c->end_times[i] < end &&
		    (!c->have_start || c->end_times[i] >= c->start_time))
			end = c->end_times[i];
	if (end < c->hi)
		c->hi = end;
}

static int
replay_held(struct cvt *c, struct pk_err *err)
{
	struct held h;

	if (c->held_errno != 0) {
		pk_err_set(err, "temporary file: %s", strerror(c->held_errno));
		return -1;
	}
	if (c->held == NULL)
		return 0;
	if (fflush(c->held) != 0 || fseeko(c->held, 0, SEEK_SET) != 0) {
		pk_err_set(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	while (fread(&h, sizeof h, 1, c->held) == 1) {
		if (h.n > c->raw_cap) {
			c->raw_cap = h.n * 2;
			c->raw = pk_xreallocarray(c->raw, c->raw_cap, sizeof *c->raw);
		}
		if (h.n > 0 && fread(c->raw, sizeof *c->raw, h.n, c->held) != h.n)
			break;
		if (!in_window(c, h.time))
			continue;
		if (h.type == EL_PROF_SAMPLE_COST_CENTRE)
			sample(c, h.a, h.time, c->raw, h.n);
		else
			timeline(c, h.type, h.cap, h.time, h.a);
	}
	if (ferror(c->held)) {
		pk_err_set(err, "temporary file: read failed");
		return -1;
	}
	return 0;
}

/* ---- the event loop --------------------------------------------------- */

static void
program_name(struct cvt *c, const union el_fields *f)
{
	struct el_str t = f->capset_text.text;
	const char *end, *base;
	size_t n;

	if (c->program != NULL || c->o->name != NULL)
		return;
	end = memchr(t.p, '\0', t.n);
	n = end != NULL ? (size_t)(end - t.p) : t.n;
	base = t.p;
	for (size_t i = 0; i < n; i++)
		if (t.p[i] == '/')
			base = t.p + i + 1;
	n -= (size_t)(base - t.p);
	if (n > 0)
		c->program = pk_xstrndup(base, n);
}

static bool
marker_has_prefix(const union el_fields *f, const char *pre)
{
	return pre != NULL && has_prefix(f->msg.text, pre, strlen(pre));
}

/* Note the markers that bound the window. */
static void
on_marker(struct cvt *c, const struct el_event *ev,
	  const union el_fields *f)
{
	const struct el2ss_opts *o = c->o;

	if (marker_has_prefix(f, o->start_marker) &&
	    (!c->have_start || ev->time < c->start_time)) {
		c->have_start = true;
		c->start_time = ev->time;
	}
	if (marker_has_prefix(f, o->end_marker)) {
		c->end_times = pk_xreallocarray(c->end_times, c->nend + 1,
						sizeof *c->end_times);
		c->end_times[c->nend++] = ev->time;
	}
}

static void
on_event(struct cvt *c, const struct el_event *ev)
{
	/* NULL when the payload is too short for its type's fields: such
	 * an event is only a time stamp (GC_START/END have no fields) */
	const union el_fields *f = el_fields(ev);

	if (f == NULL && ev->type != EL_GC_START && ev->type != EL_GC_END) {
		if (ev->time > c->max_time)
			c->max_time = ev->time;
		return;
	}
	/* definitions and metadata count whatever the window */
	switch (ev->type) {
	case EL_PROGRAM_ARGS:
		program_name(c, f);
		return;
	case EL_HEAP_PROF_COST_CENTRE:
		define_cc(c, f);
		return;
	case EL_PROF_BEGIN:
		c->tick_ns = f->prof_begin.tick_interval;
		c->have_tick = c->tick_ns > 0;
		return;
	case EL_THREAD_LABEL: {
		struct el_str l = f->thread_label.label;
		uint32_t i = map_get(&c->labels, f->thread_label.thread);

		if (i != NONE) {
			free(c->label[i]);
			c->label[i] = pk_xstrndup(l.p, l.n);
			return;
		}
		if (c->nlabels == c->labels_cap) {
			c->labels_cap = c->labels_cap ? c->labels_cap * 2 : 16;
			c->label = pk_xreallocarray(c->label, c->labels_cap,
						    sizeof *c->label);
		}
		c->label[c->nlabels] = pk_xstrndup(l.p, l.n);
		map_put(&c->labels, f->thread_label.thread,
			(uint32_t)c->nlabels++);
		return;
	}
	case EL_RUN_THREAD:
		if (ev->cap != EL_NO_CAP) {
			grow_caps(c, ev->cap);
			c->cur_thread[ev->cap] = f->thread.thread;
		}
		c->sched_seen++;
		break;
	case EL_STOP_THREAD:
		if (ev->cap != EL_NO_CAP) {
			grow_caps(c, ev->cap);
			c->cur_thread[ev->cap] = NONE;
		}
		c->sched_seen++;
		if (f->stop.status == EL_STOP_FINISHED && want_spans(c))
			thread_finished(c, ev, f);
		break;
	}
	if (ev->time > c->max_time)
		c->max_time = ev->time;
	switch (ev->type) {
	case EL_USER_MARKER:
		if (c->markers)
			on_marker(c, ev, f);
		break;
	case EL_USER_MSG:
	case EL_USER_BINARY_MSG:
		/* windowed by time in span_merge: spans open when the window
		 * starts must still be opened */
		if (want_spans(c))
			on_message(c, ev, f, ev->type == EL_USER_BINARY_MSG);
		break;
	case EL_PROF_SAMPLE_COST_CENTRE: {
		struct el_ccs s = f->prof_sample.stack;

		if (!want_samples(c))
			break;
		if (!c->markers && !in_window(c, ev->time))
			break;
		if (s.depth > c->raw_cap) {
			c->raw_cap = s.depth * 2;
			c->raw = pk_xreallocarray(c->raw, c->raw_cap, sizeof *c->raw);
		}
		for (unsigned i = 0; i < s.depth; i++)
			c->raw[i] = el_ccs_at(s, i);
		if (c->markers)
			hold(c, &(struct held){ .time = ev->time, .type = ev->type,
				.a = f->prof_sample.capability, .n = s.depth,
				.cap = ev->cap }, c->raw);
		else
			sample(c, f->prof_sample.capability, ev->time, c->raw,
			       s.depth);
		break;
	}
	case EL_RUN_THREAD:
	case EL_STOP_THREAD:
	case EL_GC_START:
	case EL_GC_END: {
		uint32_t thread = ev->type == EL_RUN_THREAD ? f->thread.thread
				  : ev->type == EL_STOP_THREAD ? f->stop.thread : 0;

		if (!c->o->threads)
			break;
		if (c->markers)
			hold(c, &(struct held){ .time = ev->time, .type = ev->type,
				.a = thread, .cap = ev->cap }, NULL);
		else if (in_window(c, ev->time))
			timeline(c, ev->type, ev->cap, ev->time, thread);
		break;
	}
	}
}

void
el2ss_opts_init(struct el2ss_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mode = EL2SS_AUTO;
	o->open_prefix = "O";
	o->close_prefix = "C";
	o->exporter = "eventlog2speedscope";
}

static void
print_stats(struct cvt *c, const int *order, int n)
{
	FILE *f = c->o->stats;

	for (int i = 0; i < n; i++) {
		struct ss_profile_stats st;

		ss_stats(c->w, order[i], &st);
		if (st.sampled)
			fprintf(f, "%s: %" PRIu64 " samples (%" PRIu64
				" after merging repeats), total weight %" PRIu64
				" ns\n", ss_profile_name(c->w, order[i]),
				st.raw_samples, st.samples, st.total_weight);
		else
			fprintf(f, "%s: %" PRIu64 " events, %" PRIu64
				" ns, %" PRIu64 " repaired closes, %" PRIu64
				" unmatched closes\n",
				ss_profile_name(c->w, order[i]), st.events,
				st.end - st.start, st.repaired, st.unmatched);
	}
}

struct keyed {
	uint32_t key;
	int prof;
	int group;
};

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->group != y->group)
		return (x->group > y->group) - (x->group < y->group);
	return (x->key > y->key) - (x->key < y->key);
}

static void
add_map(struct keyed *k, int *n, const struct map *m, int group)
{
	for (size_t i = 0; i < m->size; i++)
		if (m->vals[i] != NONE) {
			k[*n].key = m->keys[i];
			k[*n].prof = (int)m->vals[i];
			k[*n].group = group;
			(*n)++;
		}
}

/* Choose the profiles to write, in order: the sampled profiles by
 * capability (or the merged one), else the span profiles (per-capability
 * ones first, then by thread id); then the thread timelines by capability.
 * Returns their count. */
static int
choose(struct cvt *c, int *order)
{
	struct keyed *k = pk_xcalloc((size_t)ss_profile_count(c->w) + 1,
				     sizeof *k);
	int n = 0, out = 0;
	bool samples = c->merged_prof >= 0 || c->cap_prof.n > 0;

	if (samples) {
		if (c->merged_prof >= 0) {
			k[n].prof = c->merged_prof;
			k[n++].group = 0;
		}
		add_map(k, &n, &c->cap_prof, 0);
	} else {
		add_map(k, &n, &c->capspan_prof, 1);
		add_map(k, &n, &c->thread_prof, 2);
	}
	add_map(k, &n, &c->tl_prof, 3);
	qsort(k, (size_t)n, sizeof *k, cmp_keyed);
	for (int i = 0; i < n; i++) {
		struct ss_profile_stats st;

		ss_stats(c->w, k[i].prof, &st);
		if (k[i].group == 3 && st.events == 0)
			continue;
		order[out++] = k[i].prof;
	}
	free(k);
	return out;
}

static bool
is_timeline(const struct cvt *c, int prof)
{
	for (size_t i = 0; i < c->tl_prof.size; i++)
		if (c->tl_prof.vals[i] == (uint32_t)prof)
			return true;
	return false;
}

/* Profile names use the program name, which GHC's global block (holding
 * PROGRAM_ARGS) may deliver only at the end of the log. */
static void
name_map(struct cvt *c, const struct map *m, const char *what)
{
	for (size_t i = 0; i < m->size; i++)
		if (m->vals[i] != NONE) {
			char *name = pk_xasprintf("%s%s (cap %" PRIu32 ")",
						  c->program, what, m->keys[i]);

			ss_set_profile_name(c->w, (int)m->vals[i], name);
			free(name);
		}
}

static void
final_names(struct cvt *c)
{
	if (c->merged_prof >= 0)
		ss_set_profile_name(c->w, c->merged_prof, c->program);
	name_map(c, &c->cap_prof, "");
	name_map(c, &c->tl_prof, " threads");
	for (size_t i = 0; i < c->tl_frames.size; i++)
		if (c->tl_frames.vals[i] != NONE &&
		    thread_label(c, c->tl_frames.keys[i]) != NULL) {
			char *name = thread_name(c, c->tl_frames.keys[i]);

			ss_set_frame_name(c->w, c->tl_frames.vals[i], name);
			free(name);
		}
}

static void
cvt_free(struct cvt *c)
{
	map_free(&c->cc_ids);
	free(c->cc_dense);
	for (size_t i = 0; i < 64; i++)
		free(c->last[i].ids);
	map_free(&c->cap_prof);
	map_free(&c->thread_prof);
	map_free(&c->span_threads);
	map_free(&c->capspan_prof);
	map_free(&c->labels);
	map_free(&c->tl_prof);
	map_free(&c->tl_frames);
	for (size_t i = 0; i < c->nlabels; i++)
		free(c->label[i]);
	free(c->label);
	free(c->ccs);
	free(c->stack);
	free(c->cur_thread);
	free(c->tl_thread);
	free(c->span_profs);
	free(c->span_keys);
	free(c->span_is_cap);
	for (size_t i = 0; i < c->nstreams; i++) {
		free(c->streams[i]->chunks);
		free(c->streams[i]);
	}
	free(c->streams);
	if (c->span_file != NULL)
		fclose(c->span_file);
	free(c->span_err);
	free(c->end_times);
	free(c->raw);
	if (c->held != NULL)
		fclose(c->held);
	for (size_t i = 0; i < c->npre; i++)
		free(c->pre[i].frames);
	free(c->pre);
	free(c->program);
	ss_free(c->w);
}

int
el2ss_convert(const struct el2ss_opts *o, struct pk_in *in, FILE *out,
	      struct pk_err *err)
{
	struct cvt c;
	struct el_reader *r;
	struct el_event ev;
	int rc, n, active = 0, *order = NULL;
	uint64_t best = 0, start, end;
	char *exporter;

	memset(&c, 0, sizeof c);
	c.o = o;
	c.input = pk_in_name(in);
	c.merged_prof = -1;
	c.markers = o->start_marker != NULL || o->end_marker != NULL;
	c.lo = o->has_from ? o->from_ns : 0;
	c.hi = o->has_to ? o->to_ns : UINT64_MAX;
	c.gc_frame = NONE;
	if ((r = el_open(in, err)) == NULL)
		return -1;
	c.w = ss_new();
	while ((rc = el_next(r, &ev, err)) > 0)
		on_event(&c, &ev);
	if (rc < 0)
		goto fail;
	if (c.span_err != NULL) {
		pk_err_set(err, "%s", c.span_err);
		goto fail;
	}
	if (c.markers) {
		marker_window(&c);
		if (replay_held(&c, err) != 0)
			goto fail;
	}
	/* evented profiles end at the window's end or the log's last event */
	end = c.max_time < c.hi ? c.max_time : c.hi;
	start = c.lo <= end ? c.lo : end;
	/* spans count only when there are no samples (or with --spans) */
	if (!(c.merged_prof >= 0 || c.cap_prof.n > 0) &&
	    span_merge(&c, err) != 0)
		goto fail;
	if (el_truncated(r))
		pk_warn_offset(c.input, el_offset(r),
			       "the eventlog ends early (the program was "
			       "killed?); converting the events before it");
	if (c.program == NULL)
		c.program = pk_xstrdup(o->name != NULL ? o->name : "eventlog");
	final_names(&c);

	if (c.undefined_cc > MAX_WARN)
		pk_warn("%s: %" PRIu64 " samples used undefined cost centres",
			c.input, c.undefined_cc);
	if (c.warn_mismatch > MAX_WARN)
		pk_warn("%s: %" PRIu64 " span closes repaired in all",
			c.input, c.warn_mismatch);
	if (c.warn_unmatched > MAX_WARN)
		pk_warn("%s: %" PRIu64 " unmatched span closes ignored in all",
			c.input, c.warn_unmatched);

	/* evented profiles share the window: same start and end */
	for (size_t i = 0; i < c.nspan; i++) {
		ss_set_start(c.w, c.span_profs[i], start);
		ss_set_end(c.w, c.span_profs[i], end);
		ss_close_all(c.w, c.span_profs[i], end);
		if (!c.span_is_cap[i] && thread_label(&c, c.span_keys[i])) {
			char *name = thread_name(&c, c.span_keys[i]);

			ss_set_profile_name(c.w, c.span_profs[i], name);
			free(name);
		}
	}
	/* ncaps reaches 65535 + 8: a uint16_t k would never get there */
	for (size_t k = 0; k < c.ncaps; k++) {
		uint32_t p = map_get(&c.tl_prof, (uint32_t)k);

		if (p == NONE)
			continue;
		ss_set_start(c.w, (int)p, start);
		ss_set_end(c.w, (int)p, end);
		ss_close_all(c.w, (int)p, end);
	}
	order = pk_xcalloc((size_t)ss_profile_count(c.w) + 1, sizeof *order);
	n = choose(&c, order);
	if (n == 0) {
		if (o->threads && c.sched_seen == 0)
			pk_err_set(err, "%s: no scheduler events for --threads; "
				   "run the program with +RTS -l (not -l-au)",
				   c.input);
		else if (o->mode == EL2SS_SPANS)
			pk_err_set(err, "%s: no spans (user messages '%s<name>'/"
				   "'%s<name>' or binary START/STOP messages)%s",
				   c.input, o->open_prefix, o->close_prefix,
				   o->nmatch + o->nexclude > 0
					   ? " left after --match/--exclude" : "");
		else
			pk_err_set(err, "%s: no cost-centre samples or spans%s; "
				   "run a profiled program (ghc -prof) with "
				   "+RTS -p -l-au to record cost-centre samples",
				   c.input, o->start_marker || o->end_marker ||
				   o->has_from || o->has_to ? " in the window" : "");
		goto fail;
	}
	if (o->stats != NULL)
		print_stats(&c, order, n);
	/* speedscope opens on the busiest profile (most weight, most events),
	 * a thread timeline only when there is nothing else */
	for (int i = 0; i < n; i++) {
		struct ss_profile_stats st;
		uint64_t v;

		if (i > 0 && is_timeline(&c, order[i]))
			break;
		ss_stats(c.w, order[i], &st);
		v = st.sampled ? st.total_weight : st.events;
		if (i == 0 || v > best) {
			best = v;
			active = i;
		}
	}
	exporter = pk_xasprintf("%s@%s", o->exporter ? o->exporter
				: "eventlog2speedscope", PACKAGE_VERSION);
	rc = ss_write(c.w, out, &(struct ss_meta){
		.name = c.program, .exporter = exporter, .active_profile = active,
		.indent = o->indent, .order = order, .norder = n }, err);
	free(exporter);
	free(order);
	el_close(r);
	cvt_free(&c);
	return rc;
fail:
	free(order);
	el_close(r);
	cvt_free(&c);
	return -1;
}
