/* speedscope_write.c - streaming speedscope JSON writer (see the header). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json_write.h"
#include "speedscope_write.h"

/* Spooled records of one profile go to the shared temporary file in
 * chunks of at most CHUNK_MAX bytes (a record never straddles chunks). */
#define CHUNK_MAX 65536

struct chunk {
	uint64_t off;
	uint32_t len;
};

struct spool {
	unsigned char *buf;
	size_t len, cap;
	struct chunk *chunks;
	size_t nchunks, chunks_cap;
};

struct open_frame {
	uint32_t frame;
};

struct prof {
	char *name;
	enum ss_unit unit;
	bool sampled;
	bool has_start, has_end, any;
	uint64_t start, end;
	struct spool sp;
	struct ss_profile_stats st;
	/* sampled: the pending (not yet spooled) sample */
	uint32_t *pend;
	size_t pend_depth, pend_cap;
	uint64_t pend_weight;
	bool has_pend;
	/* frames the profile uses (bitset) */
	uint64_t *used;
	size_t used_words;
	/* evented */
	uint32_t *open;
	size_t nopen, open_cap;
	uint64_t last_at, first_at;
};

struct frame {
	char *name;
	char *file;
	int64_t line, col;
	uint64_t hash;
};

struct ss_writer {
	struct frame *frames;
	uint32_t nframes, frames_cap;
	uint32_t *table; /* frame index + 1; 0 = empty */
	size_t table_size;
	struct prof *profs;
	int nprofs, profs_cap;
	FILE *spool;
	uint64_t spool_end;
	uint32_t *remap; /* while writing: frame -> index in the output */
	int spool_errno;
};

/* ---- frames ---------------------------------------------------------- */

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

static uint64_t
frame_hash(const char *name, size_t nlen, const char *file, int64_t line,
	   int64_t col)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv(h, name, nlen);
	h = fnv(h, "\0", 1);
	if (file != NULL)
		h = fnv(h, file, strlen(file));
	h = fnv(h, "\0", 1);
	h = fnv(h, &line, sizeof line);
	h = fnv(h, &col, sizeof col);
	return h;
}

static bool
frame_eq(const struct frame *f, const char *name, size_t nlen,
	 const char *file, int64_t line, int64_t col)
{
	if (f->line != line || f->col != col)
		return false;
	if (strlen(f->name) != nlen || memcmp(f->name, name, nlen) != 0)
		return false;
	if ((f->file == NULL) != (file == NULL))
		return false;
	return file == NULL || strcmp(f->file, file) == 0;
}

static void
table_rebuild(struct ss_writer *w, size_t n)
{
	uint32_t *t = pk_xcalloc(n, sizeof *t);

	for (uint32_t i = 0; i < w->nframes; i++) {
		size_t j = w->frames[i].hash & (n - 1);

		while (t[j] != 0)
			j = (j + 1) & (n - 1);
		t[j] = i + 1;
	}
	free(w->table);
	w->table = t;
	w->table_size = n;
}

static void
table_grow(struct ss_writer *w)
{
	table_rebuild(w, w->table_size ? w->table_size * 2 : 256);
}

uint32_t
ss_framen(struct ss_writer *w, const char *name, size_t nlen,
	  const char *file, int64_t line, int64_t col)
{
	uint64_t h;
	size_t j;
	struct frame *f;

	if (line < 0)
		line = 0;
	if (col < 0)
		col = 0;
	h = frame_hash(name, nlen, file, line, col);
	if ((size_t)w->nframes * 2 >= w->table_size)
		table_grow(w);
	for (j = h & (w->table_size - 1); w->table[j] != 0;
	     j = (j + 1) & (w->table_size - 1)) {
		f = &w->frames[w->table[j] - 1];
		if (f->hash == h && frame_eq(f, name, nlen, file, line, col))
			return w->table[j] - 1;
	}
	if (w->nframes == w->frames_cap) {
		w->frames_cap = w->frames_cap ? w->frames_cap * 2 : 64;
		w->frames = pk_xreallocarray(w->frames, w->frames_cap,
					     sizeof *w->frames);
	}
	f = &w->frames[w->nframes];
	f->name = pk_xstrndup(name, nlen);
	f->file = file != NULL ? pk_xstrdup(file) : NULL;
	f->line = line;
	f->col = col;
	f->hash = h;
	w->table[j] = ++w->nframes;
	return w->nframes - 1;
}

uint32_t
ss_frame(struct ss_writer *w, const char *name, const char *file,
	 int64_t line, int64_t col)
{
	return ss_framen(w, name, strlen(name), file, line, col);
}

void
ss_set_frame_name(struct ss_writer *w, uint32_t frame, const char *name)
{
	struct frame *f;

	if (frame >= w->nframes)
		return;
	f = &w->frames[frame];
	free(f->name);
	f->name = pk_xstrdup(name);
	f->hash = frame_hash(name, strlen(name), f->file, f->line, f->col);
	table_rebuild(w, w->table_size);
}

uint32_t
ss_frame_count(const struct ss_writer *w)
{
	return w->nframes;
}

const char *
ss_frame_name(const struct ss_writer *w, uint32_t frame)
{
	return frame < w->nframes ? w->frames[frame].name : NULL;
}

/* ---- writer and profiles --------------------------------------------- */

struct ss_writer *
ss_new(void)
{
	struct ss_writer *w = pk_xcalloc(1, sizeof *w);

	table_grow(w);
	return w;
}

void
ss_free(struct ss_writer *w)
{
	if (w == NULL)
		return;
	for (uint32_t i = 0; i < w->nframes; i++) {
		free(w->frames[i].name);
		free(w->frames[i].file);
	}
	free(w->frames);
	free(w->table);
	for (int i = 0; i < w->nprofs; i++) {
		struct prof *p = &w->profs[i];

		free(p->name);
		free(p->sp.buf);
		free(p->sp.chunks);
		free(p->pend);
		free(p->open);
		free(p->used);
	}
	free(w->profs);
	if (w->spool != NULL)
		fclose(w->spool);
	free(w);
}

static int
new_prof(struct ss_writer *w, const char *name, enum ss_unit unit,
	 bool sampled)
{
	struct prof *p;

	if (w->nprofs == w->profs_cap) {
		w->profs_cap = w->profs_cap ? w->profs_cap * 2 : 8;
		w->profs = pk_xreallocarray(w->profs, (size_t)w->profs_cap,
					    sizeof *w->profs);
	}
	p = &w->profs[w->nprofs];
	memset(p, 0, sizeof *p);
	p->name = pk_xstrdup(name != NULL ? name : "");
	p->unit = unit;
	p->sampled = sampled;
	p->st.sampled = sampled;
	return w->nprofs++;
}

int
ss_sampled(struct ss_writer *w, const char *name, enum ss_unit unit)
{
	return new_prof(w, name, unit, true);
}

int
ss_evented(struct ss_writer *w, const char *name, enum ss_unit unit)
{
	return new_prof(w, name, unit, false);
}

int
ss_profile_count(const struct ss_writer *w)
{
	return w->nprofs;
}

const char *
ss_profile_name(const struct ss_writer *w, int prof)
{
	return w->profs[prof].name;
}

void
ss_set_profile_name(struct ss_writer *w, int prof, const char *name)
{
	free(w->profs[prof].name);
	w->profs[prof].name = pk_xstrdup(name);
}

void
ss_set_start(struct ss_writer *w, int prof, uint64_t start)
{
	w->profs[prof].start = start;
	w->profs[prof].has_start = true;
}

void
ss_set_end(struct ss_writer *w, int prof, uint64_t end)
{
	w->profs[prof].end = end;
	w->profs[prof].has_end = true;
}

const char *
ss_unit_name(enum ss_unit unit)
{
	switch (unit) {
	case SS_NANOSECONDS: return "nanoseconds";
	case SS_MICROSECONDS: return "microseconds";
	case SS_MILLISECONDS: return "milliseconds";
	case SS_SECONDS: return "seconds";
	case SS_BYTES: return "bytes";
	case SS_NONE: break;
	}
	return "none";
}

/* ---- spool ------------------------------------------------------------ */

static void
spool_flush(struct ss_writer *w, struct spool *sp)
{
	if (sp->len == 0)
		return;
	if (w->spool == NULL && w->spool_errno == 0) {
		w->spool = tmpfile();
		if (w->spool == NULL)
			w->spool_errno = errno ? errno : EIO;
	}
	if (w->spool != NULL &&
	    fwrite(sp->buf, 1, sp->len, w->spool) != sp->len && w->spool_errno == 0)
		w->spool_errno = errno ? errno : EIO;
	if (sp->nchunks == sp->chunks_cap) {
		sp->chunks_cap = sp->chunks_cap ? sp->chunks_cap * 2 : 16;
		sp->chunks = pk_xreallocarray(sp->chunks, sp->chunks_cap,
					      sizeof *sp->chunks);
	}
	sp->chunks[sp->nchunks].off = w->spool_end;
	sp->chunks[sp->nchunks].len = (uint32_t)sp->len;
	sp->nchunks++;
	w->spool_end += sp->len;
	sp->len = 0;
}

/* Make room for a record of at most `need` bytes. */
static unsigned char *
spool_reserve(struct ss_writer *w, struct spool *sp, size_t need)
{
	if (sp->len + need > CHUNK_MAX && sp->len > 0)
		spool_flush(w, sp);
	if (sp->len + need > sp->cap) {
		size_t cap = sp->cap ? sp->cap : 64;

		while (cap < sp->len + need)
			cap *= 2;
		sp->buf = pk_xrealloc(sp->buf, cap);
		sp->cap = cap;
	}
	return sp->buf + sp->len;
}

static size_t
put_varint(unsigned char *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static uint64_t
get_varint(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp;
	uint64_t v = 0;
	unsigned shift = 0;

	while (p < end) {
		unsigned char c = *p++;

		if (shift < 64)
			v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
		if (!(c & 0x80))
			break;
	}
	*pp = p;
	return v;
}

/* ---- sampled ---------------------------------------------------------- */

static inline void
mark_used(struct prof *p, uint32_t f)
{
	size_t word = f / 64;

	if (word >= p->used_words) {
		size_t n = p->used_words ? p->used_words : 4;

		while (n <= word)
			n *= 2;
		p->used = pk_xreallocarray(p->used, n, sizeof *p->used);
		memset(p->used + p->used_words, 0,
		       (n - p->used_words) * sizeof *p->used);
		p->used_words = n;
	}
	p->used[word] |= 1ULL << (f % 64);
}

static void
spool_sample(struct ss_writer *w, struct prof *p)
{
	size_t need = 20 + 5 * p->pend_depth;
	unsigned char *b = spool_reserve(w, &p->sp, need), *q = b;

	q += put_varint(q, p->pend_weight);
	q += put_varint(q, p->pend_depth);
	for (size_t i = 0; i < p->pend_depth; i++) {
		q += put_varint(q, p->pend[i]);
		mark_used(p, p->pend[i]);
	}
	p->sp.len += (size_t)(q - b);
	p->st.samples++;
	p->has_pend = false;
}

void
ss_sample(struct ss_writer *w, int prof, const uint32_t *stack, size_t depth,
	  uint64_t weight, uint64_t at)
{
	struct prof *p = &w->profs[prof];

	if (!p->any) {
		p->any = true;
		p->first_at = at;
	}
	p->st.raw_samples++;
	p->st.total_weight += weight;
	if (p->has_pend && p->pend_depth == depth &&
	    (depth == 0 || memcmp(p->pend, stack, depth * sizeof *stack) == 0)) {
		p->pend_weight += weight;
		return;
	}
	if (p->has_pend)
		spool_sample(w, p);
	if (depth > p->pend_cap) {
		p->pend_cap = depth < 16 ? 16 : depth * 2;
		p->pend = pk_xreallocarray(p->pend, p->pend_cap, sizeof *p->pend);
	}
	if (depth > 0)
		memcpy(p->pend, stack, depth * sizeof *stack);
	p->pend_depth = depth;
	p->pend_weight = weight;
	p->has_pend = true;
}

bool
ss_sample_again(struct ss_writer *w, int prof, uint64_t weight)
{
	struct prof *p = &w->profs[prof];

	if (!p->has_pend)
		return false;
	p->st.raw_samples++;
	p->st.total_weight += weight;
	p->pend_weight += weight;
	return true;
}

/* ---- evented ---------------------------------------------------------- */

static void
spool_event(struct ss_writer *w, struct prof *p, bool close, uint32_t frame,
	    uint64_t at)
{
	unsigned char *b = spool_reserve(w, &p->sp, 20), *q = b;

	if (!p->any) {
		p->any = true;
		p->first_at = at;
		p->last_at = at;
	}
	if (at < p->last_at)
		at = p->last_at;
	q += put_varint(q, (uint64_t)frame << 1 | (close ? 1 : 0));
	q += put_varint(q, at - p->last_at);
	p->sp.len += (size_t)(q - b);
	p->last_at = at;
	p->st.events++;
}

void
ss_open(struct ss_writer *w, int prof, uint32_t frame, uint64_t at)
{
	struct prof *p = &w->profs[prof];

	mark_used(p, frame);
	spool_event(w, p, false, frame, at);
	if (p->nopen == p->open_cap) {
		p->open_cap = p->open_cap ? p->open_cap * 2 : 16;
		p->open = pk_xreallocarray(p->open, p->open_cap, sizeof *p->open);
	}
	p->open[p->nopen++] = frame;
}

bool
ss_is_open(const struct ss_writer *w, int prof, uint32_t frame)
{
	const struct prof *p = &w->profs[prof];

	for (size_t i = p->nopen; i-- > 0;)
		if (p->open[i] == frame)
			return true;
	return false;
}

size_t
ss_open_depth(const struct ss_writer *w, int prof)
{
	return w->profs[prof].nopen;
}

/* Where frame is open, innermost first; (size_t)-1 when it is not. */
static size_t
innermost_open(const struct prof *p, uint32_t frame)
{
	size_t i;

	for (i = p->nopen; i-- > 0;)
		if (p->open[i] == frame)
			break;
	return i;
}

enum ss_close_result
ss_close(struct ss_writer *w, int prof, uint32_t frame, uint64_t at)
{
	struct prof *p = &w->profs[prof];
	size_t i, top;

	i = innermost_open(p, frame);
	if (i == (size_t)-1) {
		p->st.unmatched++;
		return SS_UNMATCHED;
	}
	top = p->nopen;
	/* close the frames above it, innermost first, then it */
	for (size_t k = top; k-- > i;)
		spool_event(w, p, true, p->open[k], at);
	if (i + 1 == top) {
		p->nopen--;
		return SS_CLOSED;
	}
	/* re-open the frames that were above it, in their order */
	for (size_t k = i + 1; k < top; k++) {
		spool_event(w, p, false, p->open[k], at);
		p->open[k - 1] = p->open[k];
	}
	p->nopen--;
	p->st.repaired++;
	return SS_REPAIRED;
}

enum ss_close_result
ss_close_unwind(struct ss_writer *w, int prof, uint32_t frame, uint64_t at)
{
	struct prof *p = &w->profs[prof];
	size_t i, top = p->nopen;

	i = innermost_open(p, frame);
	if (i == (size_t)-1) {
		p->st.unmatched++;
		return SS_UNMATCHED;
	}
	while (p->nopen > i)
		spool_event(w, p, true, p->open[--p->nopen], at);
	if (i + 1 == top)
		return SS_CLOSED;
	p->st.repaired++;
	return SS_REPAIRED;
}

void
ss_close_all(struct ss_writer *w, int prof, uint64_t at)
{
	struct prof *p = &w->profs[prof];

	while (p->nopen > 0)
		spool_event(w, p, true, p->open[--p->nopen], at);
}

/* ---- figures ---------------------------------------------------------- */

static uint64_t
prof_start(const struct prof *p)
{
	if (p->has_start)
		return p->start;
	return p->any ? p->first_at : 0;
}

static uint64_t
prof_end(const struct prof *p)
{
	uint64_t s = prof_start(p), e;

	if (p->sampled) /* saturating: damaged times can be near 2^64 */
		return p->st.total_weight > UINT64_MAX - s
			       ? UINT64_MAX
			       : s + p->st.total_weight;
	e = p->has_end ? p->end : (p->any ? p->last_at : s);
	if (p->any && e < p->last_at)
		e = p->last_at;
	return e < s ? s : e;
}

void
ss_stats(const struct ss_writer *w, int prof, struct ss_profile_stats *st)
{
	const struct prof *p = &w->profs[prof];

	*st = p->st;
	if (p->has_pend)
		st->samples++;
	st->start = prof_start(p);
	st->end = prof_end(p);
}

/* ---- output ----------------------------------------------------------- */

/* A small output buffer: formatting numbers by hand is the hot path. */
struct obuf {
	FILE *f;
	char b[65536];
	size_t n;
};

static void
ob_flush(struct obuf *o)
{
	if (o->n > 0)
		fwrite(o->b, 1, o->n, o->f);
	o->n = 0;
}

static inline void
ob_reserve(struct obuf *o, size_t need)
{
	if (o->n + need > sizeof o->b)
		ob_flush(o);
}

static inline void
ob_char(struct obuf *o, char c)
{
	ob_reserve(o, 1);
	o->b[o->n++] = c;
}

static inline void
ob_str(struct obuf *o, const char *s)
{
	size_t n = strlen(s);

	ob_reserve(o, n);
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

static inline void
ob_uint(struct obuf *o, uint64_t v)
{
	char tmp[24];
	size_t n = 0;

	ob_reserve(o, 21);
	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	while (n > 0)
		o->b[o->n++] = tmp[--n];
}

/* Iterate over a profile's spooled records, chunk by chunk. */
struct spool_rd {
	struct ss_writer *w;
	struct prof *p;
	size_t ci;          /* next chunk */
	bool tail_done;
	unsigned char *buf;
	const unsigned char *pos, *end;
};

static void
rd_init(struct spool_rd *r, struct ss_writer *w, struct prof *p,
	unsigned char *buf)
{
	r->w = w;
	r->p = p;
	r->ci = 0;
	r->tail_done = false;
	r->buf = buf;
	r->pos = r->end = buf;
}

/* Load the next chunk; false at the end, or on read error (err set). */
static bool
rd_next_chunk(struct spool_rd *r, struct pk_err *err, bool *failed)
{
	struct prof *p = r->p;

	if (r->ci < p->sp.nchunks) {
		struct chunk *c = &p->sp.chunks[r->ci++];

		if (r->w->spool == NULL ||
		    fseeko(r->w->spool, (off_t)c->off, SEEK_SET) != 0 ||
		    fread(r->buf, 1, c->len, r->w->spool) != c->len) {
			pk_err_set(err, "temporary file: read failed: %s",
				   strerror(errno ? errno : EIO));
			*failed = true;
			return false;
		}
		r->pos = r->buf;
		r->end = r->buf + c->len;
		return true;
	}
	if (!r->tail_done) {
		r->tail_done = true;
		if (p->sp.len == 0)
			return false; /* sp.buf may be NULL: no NULL + 0 */
		r->pos = p->sp.buf;
		r->end = p->sp.buf + p->sp.len;
		return true;
	}
	return false;
}

static bool
rd_more(struct spool_rd *r, struct pk_err *err, bool *failed)
{
	while (r->pos >= r->end)
		if (!rd_next_chunk(r, err, failed))
			return false;
	return true;
}

static int
write_samples(struct ss_writer *w, struct prof *p, struct obuf *o,
	      unsigned char *rbuf, bool weights, struct pk_err *err)
{
	struct spool_rd r;
	bool failed = false, first = true;

	rd_init(&r, w, p, rbuf);
	ob_char(o, '[');
	while (rd_more(&r, err, &failed)) {
		uint64_t weight = get_varint(&r.pos, r.end);
		uint64_t depth = get_varint(&r.pos, r.end);

		if (!first)
			ob_char(o, ',');
		first = false;
		if (weights) {
			ob_uint(o, weight);
			for (uint64_t i = 0; i < depth; i++)
				(void)get_varint(&r.pos, r.end);
			continue;
		}
		ob_char(o, '[');
		for (uint64_t i = 0; i < depth; i++) {
			if (i > 0)
				ob_char(o, ',');
			ob_uint(o, w->remap[get_varint(&r.pos, r.end)]);
		}
		ob_char(o, ']');
	}
	ob_char(o, ']');
	return failed ? -1 : 0;
}

static int
write_events(struct ss_writer *w, struct prof *p, struct obuf *o,
	     unsigned char *rbuf, uint64_t start, struct pk_err *err)
{
	struct spool_rd r;
	bool failed = false, first = true;
	uint64_t at = p->first_at;

	rd_init(&r, w, p, rbuf);
	ob_char(o, '[');
	while (rd_more(&r, err, &failed)) {
		uint64_t fc = get_varint(&r.pos, r.end);

		at += get_varint(&r.pos, r.end);
		if (!first)
			ob_char(o, ',');
		first = false;
		ob_str(o, fc & 1 ? "{\"type\":\"C\",\"frame\":"
			     : "{\"type\":\"O\",\"frame\":");
		ob_uint(o, w->remap[fc >> 1]);
		ob_str(o, ",\"at\":");
		ob_uint(o, at < start ? start : at);
		ob_char(o, '}');
	}
	ob_char(o, ']');
	return failed ? -1 : 0;
}

/* Write an array as raw text through the jw writer's stream. */
static int
raw_array(struct jw *j, struct obuf *o, const char *key,
	  int (*fn)(struct ss_writer *, struct prof *, struct obuf *,
		    unsigned char *, bool, struct pk_err *),
	  struct ss_writer *w, struct prof *p, unsigned char *rbuf, bool flag,
	  struct pk_err *err)
{
	int rc;

	jw_key(j, key);
	jw_raw(j, "");
	rc = fn(w, p, o, rbuf, flag, err);
	ob_flush(o);
	return rc;
}

static int
write_profile(struct ss_writer *w, struct jw *j, struct obuf *o,
	      struct prof *p, unsigned char *rbuf, struct pk_err *err)
{
	uint64_t start, end;

	if (p->sampled && p->has_pend)
		spool_sample(w, p);
	if (!p->sampled)
		ss_close_all(w, (int)(p - w->profs), p->last_at);
	start = prof_start(p);
	end = prof_end(p);
	jw_object_begin(j);
	jw_kstring(j, "type", p->sampled ? "sampled" : "evented");
	jw_kstring(j, "name", p->name);
	jw_kstring(j, "unit", ss_unit_name(p->unit));
	jw_kuint(j, "startValue", start);
	jw_kuint(j, "endValue", end);
	if (p->sampled) {
		if (raw_array(j, o, "samples", write_samples, w, p, rbuf,
			      false, err) != 0 ||
		    raw_array(j, o, "weights", write_samples, w, p, rbuf,
			      true, err) != 0)
			return -1;
	} else {
		jw_key(j, "events");
		jw_raw(j, "");
		if (write_events(w, p, o, rbuf, start, err) != 0)
			return -1;
		ob_flush(o);
	}
	jw_object_end(j);
	return 0;
}

int
ss_write(struct ss_writer *w, FILE *f, const struct ss_meta *meta,
	 struct pk_err *err)
{
	struct jw j;
	struct obuf *o;
	unsigned char *rbuf;
	int rc = 0, n;
	uint32_t nused;

	if (w->spool_errno != 0) {
		pk_err_set(err, "temporary file: %s", strerror(w->spool_errno));
		return -1;
	}
	if (w->spool != NULL && fflush(w->spool) != 0) {
		pk_err_set(err, "temporary file: %s", strerror(errno));
		return -1;
	}
	/* only the frames the written profiles use, in order of creation */
	n = meta->order != NULL ? meta->norder : w->nprofs;
	w->remap = pk_xcalloc((size_t)w->nframes + 1, sizeof *w->remap);
	for (int i = 0; i < n; i++) {
		int k = meta->order != NULL ? meta->order[i] : i;
		struct prof *p;

		if (k < 0 || k >= w->nprofs)
			continue;
		p = &w->profs[k];
		if (p->sampled && p->has_pend)
			spool_sample(w, p);
		for (size_t word = 0; word < p->used_words; word++)
			for (unsigned b = 0; b < 64; b++)
				if (p->used[word] >> b & 1)
					w->remap[word * 64 + b] = 1;
	}
	nused = 0;
	for (uint32_t i = 0; i < w->nframes; i++)
		w->remap[i] = w->remap[i] ? nused++ : UINT32_MAX;
	o = pk_xmalloc(sizeof *o);
	o->f = f;
	o->n = 0;
	rbuf = pk_xmalloc(CHUNK_MAX + 64);
	jw_init(&j, f, meta->indent);
	jw_object_begin(&j);
	jw_kstring(&j, "$schema", SS_SCHEMA_URL);
	if (meta->exporter != NULL)
		jw_kstring(&j, "exporter", meta->exporter);
	if (meta->name != NULL)
		jw_kstring(&j, "name", meta->name);
	jw_kint(&j, "activeProfileIndex",
		meta->active_profile >= 0 && meta->active_profile < n
			? meta->active_profile : 0);
	jw_key(&j, "profiles");
	jw_array_begin(&j);
	for (int i = 0; i < n && rc == 0; i++) {
		int k = meta->order != NULL ? meta->order[i] : i;

		if (k >= 0 && k < w->nprofs)
			rc = write_profile(w, &j, o, &w->profs[k], rbuf, err);
	}
	jw_array_end(&j);
	if (rc == 0) {
		jw_key(&j, "shared");
		jw_object_begin(&j);
		jw_key(&j, "frames");
		jw_array_begin(&j);
		for (uint32_t i = 0; i < w->nframes; i++) {
			const struct frame *fr = &w->frames[i];

			if (w->remap[i] == UINT32_MAX)
				continue;
			jw_object_begin(&j);
			jw_kstring(&j, "name", fr->name);
			if (fr->file != NULL)
				jw_kstring(&j, "file", fr->file);
			if (fr->line > 0)
				jw_kint(&j, "line", fr->line);
			if (fr->col > 0)
				jw_kint(&j, "col", fr->col);
			jw_object_end(&j);
		}
		jw_array_end(&j);
		jw_object_end(&j);
		jw_object_end(&j);
		putc('\n', f);
	}
	jw_free(&j);
	free(w->remap);
	w->remap = NULL;
	free(rbuf);
	free(o);
	if (rc == 0 && ferror(f)) {
		pk_err_set(err, "write error: %s", strerror(errno ? errno : EIO));
		rc = -1;
	}
	return rc;
}
