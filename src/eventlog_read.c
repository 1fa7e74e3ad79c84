/* eventlog_read.c - streaming reader for GHC's binary eventlog.
 *
 * Layout (GHC rts/include/rts/EventLogFormat.h, users guide "Eventlog
 * encodings"), all big-endian:
 *
 *   "hdrb" "hetb" { "etb\0" u16 id, u16 size (0xffff = variable),
 *                   u32 n, desc[n], u32 m, extra[m], "ete\0" }* "hete"
 *   "hdre" "datb"
 *   events: u16 type, u64 time, [u16 size if variable], payload
 *   u16 0xffff (end of data; GHC >= 9.2 writes it inside the last block)
 *
 * Block markers (type 18: u32 block size including the marker, u64 end
 * time, u16 cap) are consumed here and give the events of their block a
 * capability.
 *
 * The input goes through one window of 64 KiB, grown (once, to at most
 * 10 + 2 + 65535 bytes rounded up) only when one event does not fit.
 * Refills move the unread tail to the front and read in large chunks, so
 * the per-event path is a few loads and one switch.
 *
 * Type ids below 256 (every id GHC has used so far) are looked up in a
 * direct table; other ids in a small sorted list.
 *
 * Where a GHC version writes an event other than its size field says
 * (IPE events of GHC 9.6 and 9.10: ipe_real_size), the reader follows
 * the bytes, as ghc-events does.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#define PK_EVENTLOG_DECODER 1 /* names ev->u: see eventlog.h */
#include "eventlog.h"

#define WINDOW0 (1u << 16)     /* first window size */
#define MAX_EVENT (12u + 65535u) /* header + the largest 16-bit size */
#define MAX_DESC (1u << 16)    /* one description */
#define MAX_DESCS (1u << 24)   /* all of them */

#define UNDECLARED (-2)
#define VARIABLE (-1)

#define EVENT_DATA_END 0xffff

struct hi_id {
	uint16_t id;
	uint32_t ix; /* 1 + index into types */
};

struct el_reader {
	struct pk_in *in;
	const char *name;
	unsigned char *buf;
	size_t wcap;       /* window size */
	size_t pos, len;   /* unread bytes are buf[pos..len) */
	uint64_t base;     /* stream offset of buf[0] */
	bool eof;          /* the input has no more bytes */
	bool ended;        /* saw the end marker or the end of input */
	bool truncated;
	uint16_t cap;      /* capability of the current block */
	uint64_t block_end;
	uint64_t blocks;
	uint32_t tix0[256];      /* ids < 256: 1 + index into types, 0 = none */
	struct hi_id *hi;        /* ids >= 256, sorted by id */
	size_t nhi;
	struct el_type *types;
	size_t ntypes;
	char *descs;             /* every description, back to back */
};

static inline uint16_t
be16(const unsigned char *p)
{
	return (uint16_t)((unsigned)p[0] << 8 | p[1]);
}

static inline uint32_t
be32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}

static inline uint64_t
be64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}

static int
hi_cmp(const void *a, const void *b)
{
	const struct hi_id *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->ix < y->ix ? -1 : x->ix > y->ix;
}

/* 1 + index into r->types of the declaration of id, or 0. */
static inline uint32_t
type_ix(const struct el_reader *r, uint16_t id)
{
	size_t lo = 0, hi;

	if (id < 256)
		return r->tix0[id];
	hi = r->nhi;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->hi[mid].id == id)
			return r->hi[mid].ix;
		if (r->hi[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

uint32_t
el_ccs_at(struct el_ccs s, unsigned i)
{
	return i < s.depth ? be32(s.raw + 4 * (size_t)i) : 0;
}

/* Make at least `need` unread bytes available.  Returns 1, 0 when the
 * input ends first (whatever is there stays readable), -1 on error. */
static int
fill(struct el_reader *r, size_t need, struct pk_err *err)
{
	if (r->len - r->pos >= need)
		return 1;
	if (need > r->wcap) { /* one event larger than the window */
		r->wcap = (need + WINDOW0 - 1) / WINDOW0 * WINDOW0;
		r->buf = pk_xrealloc(r->buf, r->wcap);
	}
	if (r->pos > 0) {
		memmove(r->buf, r->buf + r->pos, r->len - r->pos);
		r->base += r->pos;
		r->len -= r->pos;
		r->pos = 0;
	}
	while (r->len < need && !r->eof) {
		ssize_t n = pk_in_read(r->in, r->buf + r->len, r->wcap - r->len,
				       err);

		if (n < 0)
			return -1;
		if (n == 0)
			r->eof = true;
		r->len += (size_t)n;
	}
	return r->len >= need;
}

static uint64_t
cur_off(const struct el_reader *r)
{
	return r->base + r->pos;
}

/* Header helpers: each needs `n` bytes or fails with "truncated header". */
static int
hdr_need(struct el_reader *r, size_t n, struct pk_err *err)
{
	int rc = fill(r, n, err);

	if (rc == 0)
		pk_err_offset(err, r->name, r->base + r->len,
			      "truncated eventlog header");
	return rc > 0 ? 0 : -1;
}

static int
hdr_magic(struct el_reader *r, const char *magic, const char *what,
	  struct pk_err *err)
{
	if (hdr_need(r, 4, err) < 0)
		return -1;
	if (memcmp(r->buf + r->pos, magic, 4) != 0) {
		pk_err_offset(err, r->name, cur_off(r), "expected %s", what);
		return -1;
	}
	r->pos += 4;
	return 0;
}

static int32_t
decl_size(const struct el_reader *r, uint16_t id)
{
	uint32_t k = type_ix(r, id);

	return k ? r->types[k - 1].size : UNDECLARED;
}

static int
read_header(struct el_reader *r, struct pk_err *err)
{
	size_t cap_types = 0, descs_len = 0, descs_cap = 0, hi_cap = 0;
	size_t *desc_at = NULL; /* offsets into descs until it stops moving */
	int rc = -1;

	if (fill(r, 4, err) < 0)
		return -1;
	if (r->len - r->pos < 4 || memcmp(r->buf, "hdrb", 4) != 0) {
		uint64_t raw;

		if (r->len - r->pos < 4 && pk_in_cut(r->in, &raw))
			pk_err_offset(err, r->name, r->len, "the compressed "
				      "data ends before the eventlog header "
				      "(cut after %llu compressed bytes)",
				      (unsigned long long)raw);
		else
			pk_err_offset(err, r->name, 0, "not a GHC eventlog "
				      "(no \"hdrb\" header)");
		return -1;
	}
	r->pos = 4;
	if (hdr_magic(r, "hetb", "the event type list (\"hetb\")", err) < 0)
		return -1;
	for (;;) {
		uint64_t at;
		uint16_t id, sz;
		uint32_t dlen, xlen;

		if (hdr_need(r, 4, err) < 0)
			goto out;
		if (memcmp(r->buf + r->pos, "hete", 4) == 0) {
			r->pos += 4;
			break;
		}
		at = cur_off(r);
		if (hdr_magic(r, "etb\0", "an event type (\"etb\") or \"hete\"",
			      err) < 0)
			goto out;
		if (hdr_need(r, 8, err) < 0)
			goto out;
		id = be16(r->buf + r->pos);
		sz = be16(r->buf + r->pos + 2);
		dlen = be32(r->buf + r->pos + 4);
		r->pos += 8;
		if (dlen > MAX_DESC) {
			pk_err_offset(err, r->name, at,
				      "event type %u: description of %u bytes "
				      "is too long", id, dlen);
			goto out;
		}
		if (hdr_need(r, (size_t)dlen + 6, err) < 0)
			goto out;
		/* GHC 6.x wrote "u32 id, u32 n, desc, u16 size, ete": the
		 * marker then follows two bytes after the description. */
		if (memcmp(r->buf + r->pos + dlen + 2, "ete\0", 4) == 0 &&
		    memcmp(r->buf + r->pos + dlen, "ete", 3) != 0) {
			pk_err_offset(err, r->name, at,
				      "pre-7.0 eventlog layout (GHC 6.x event "
				      "type header) is not supported");
			goto out;
		}
		if (descs_len + dlen > MAX_DESCS) {
			pk_err_offset(err, r->name, at,
				      "event type descriptions exceed %u bytes",
				      MAX_DESCS);
			goto out;
		}
		if (descs_cap - descs_len < dlen) {
			descs_cap = (descs_cap + dlen) * 2;
			r->descs = pk_xrealloc(r->descs, descs_cap);
		}
		if (dlen > 0)
			memcpy(r->descs + descs_len, r->buf + r->pos, dlen);
		r->pos += dlen;
		if (hdr_need(r, 4, err) < 0)
			goto out;
		xlen = be32(r->buf + r->pos);
		r->pos += 4;
		while (xlen > 0) { /* extra info: skipped */
			size_t k;

			if (hdr_need(r, 1, err) < 0)
				goto out;
			k = r->len - r->pos;
			if (k > xlen)
				k = xlen;
			r->pos += k;
			xlen -= (uint32_t)k;
		}
		if (hdr_magic(r, "ete\0", "the end of an event type (\"ete\")",
			      err) < 0)
			goto out;
		if (r->ntypes == cap_types) {
			if (r->ntypes >= 65536) {
				pk_err_offset(err, r->name, at,
					      "too many event types");
				goto out;
			}
			cap_types = cap_types ? cap_types * 2 : 64;
			r->types = pk_xreallocarray(r->types, cap_types,
						    sizeof *r->types);
			desc_at = pk_xreallocarray(desc_at, cap_types,
						   sizeof *desc_at);
		}
		{
			struct el_type *t = &r->types[r->ntypes];

			t->id = id;
			t->size = sz == 0xffff ? VARIABLE : (int32_t)sz;
			t->declared = true;
			t->desc.n = dlen;
			desc_at[r->ntypes] = descs_len;
			r->ntypes++;
		}
		/* a later declaration of the same id wins */
		if (id < 256) {
			r->tix0[id] = (uint32_t)r->ntypes;
		} else {
			if (r->nhi == hi_cap) {
				hi_cap = hi_cap ? hi_cap * 2 : 16;
				r->hi = pk_xreallocarray(r->hi, hi_cap,
							 sizeof *r->hi);
			}
			r->hi[r->nhi].id = id;
			r->hi[r->nhi].ix = (uint32_t)r->ntypes;
			r->nhi++;
		}
		descs_len += dlen;
	}
	for (size_t i = 0; i < r->ntypes; i++)
		r->types[i].desc.p = r->descs ? r->descs + desc_at[i] : "";
	if (r->nhi > 1) { /* sort by id, keep each id's last declaration */
		size_t k = 0;

		qsort(r->hi, r->nhi, sizeof *r->hi, hi_cmp);
		for (size_t i = 0; i < r->nhi; i++) {
			if (i + 1 < r->nhi && r->hi[i + 1].id == r->hi[i].id)
				continue;
			r->hi[k++] = r->hi[i];
		}
		r->nhi = k;
	}
	/* GHC 6.12 logs: 64-bit thread ids, a capability in every event,
	 * no block markers. */
	if (decl_size(r, EL_CREATE_THREAD) > 4 &&
	    decl_size(r, EL_BLOCK_MARKER) == UNDECLARED) {
		pk_err_offset(err, r->name, 8,
			      "pre-7.0 eventlog layout (GHC 6.x, %d-byte "
			      "thread events, no block markers) is not "
			      "supported", (int)decl_size(r, EL_CREATE_THREAD));
		goto out;
	}
	if (hdr_magic(r, "hdre", "the end of the header (\"hdre\")", err) < 0)
		goto out;
	if (hdr_magic(r, "datb", "the start of the data (\"datb\")", err) < 0)
		goto out;
	rc = 0;
out:
	free(desc_at);
	return rc;
}

struct el_reader *
el_open(struct pk_in *in, struct pk_err *err)
{
	struct el_reader *r = pk_xcalloc(1, sizeof *r);

	r->in = in;
	r->name = pk_in_name(in);
	r->wcap = WINDOW0;
	r->buf = pk_xmalloc(r->wcap);
	r->cap = EL_NO_CAP;
	if (read_header(r, err) < 0) {
		el_close(r);
		return NULL;
	}
	return r;
}

void
el_close(struct el_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r->types);
	free(r->hi);
	free(r->descs);
	free(r);
}

bool
el_truncated(const struct el_reader *r)
{
	/* a .gz/.zst cut inside its stream counts as a cut log too */
	return r->truncated || (r->ended && pk_in_cut(r->in, NULL));
}

uint64_t
el_offset(const struct el_reader *r)
{
	return cur_off(r);
}

const char *
el_name(const struct el_reader *r)
{
	return r->name;
}

const struct el_type *
el_type_info(const struct el_reader *r, uint16_t id)
{
	uint32_t k = type_ix(r, id);

	return k ? &r->types[k - 1] : NULL;
}

uint64_t
el_block_count(const struct el_reader *r)
{
	return r->blocks;
}

char *
el_strdup(struct el_str s)
{
	return pk_xstrndup(s.p ? s.p : "", s.n);
}

const char *
el_breakdown_name(uint32_t b)
{
	switch (b) {
	case EL_HEAP_BY_CCS: return "cost centre stack";
	case EL_HEAP_BY_MOD: return "module";
	case EL_HEAP_BY_DESCR: return "closure description";
	case EL_HEAP_BY_TYPE: return "type description";
	case EL_HEAP_BY_RETAINER: return "retainer set";
	case EL_HEAP_BY_LDV: return "biography";
	case EL_HEAP_BY_CLOSURE_TYPE: return "closure type";
	case EL_HEAP_BY_INFO_TABLE: return "info table";
	case EL_HEAP_BY_ERA: return "era";
	default: return "unknown";
	}
}

/* ---- typed decoding ------------------------------------------------ */

/* The rest of the payload from p as a string, without trailing NULs. */
static struct el_str
rest_str(const unsigned char *p, const unsigned char *end)
{
	struct el_str s = { (const char *)p, p < end ? (size_t)(end - p) : 0 };

	while (s.n > 0 && s.p[s.n - 1] == '\0')
		s.n--;
	return s;
}

/* A NUL-terminated string at *pp; a missing NUL ends at `end`. */
static struct el_str
cstr(const unsigned char **pp, const unsigned char *end)
{
	const unsigned char *p = *pp, *z;
	struct el_str s = { (const char *)p, 0 };

	if (p >= end) {
		s.p = "";
		return s;
	}
	z = memchr(p, 0, (size_t)(end - p));
	if (z == NULL) {
		s.n = (size_t)(end - p);
		*pp = end;
	} else {
		s.n = (size_t)(z - p);
		*pp = z + 1;
	}
	return s;
}

/* Fill ev->u from the payload; leaves ev->decoded false when the payload
 * is too short for the fields of its type. */
static void
decode(struct el_event *ev)
{
	const unsigned char *p = ev->payload, *end = p + ev->size;
	uint32_t n = ev->size;

	switch (ev->type) {
	case EL_CREATE_THREAD:
	case EL_RUN_THREAD:
	case EL_THREAD_RUNNABLE:
	case EL_CREATE_SPARK_THREAD:
		if (n < 4)
			return;
		ev->u.thread.thread = be32(p);
		break;
	case EL_STOP_THREAD:
		if (n < 6)
			return;
		ev->u.stop.thread = be32(p);
		ev->u.stop.status = be16(p + 4);
		ev->u.stop.blocked_on = n >= 10 ? be32(p + 6) : 0;
		break;
	case EL_MIGRATE_THREAD:
	case EL_THREAD_WAKEUP:
		if (n < 6)
			return;
		ev->u.migrate.thread = be32(p);
		ev->u.migrate.other_cap = be16(p + 4);
		break;
	case EL_THREAD_LABEL:
		if (n < 4)
			return;
		ev->u.thread_label.thread = be32(p);
		ev->u.thread_label.label = rest_str(p + 4, end);
		break;
	case EL_LOG_MSG:
	case EL_USER_MSG:
	case EL_USER_MARKER:
		ev->u.msg.text = rest_str(p, end);
		break;
	case EL_USER_BINARY_MSG: /* bytes: keep every one */
		ev->u.msg.text.p = (const char *)p;
		ev->u.msg.text.n = n;
		break;
	case EL_RTS_IDENTIFIER:
	case EL_PROGRAM_ARGS:
	case EL_PROGRAM_ENV:
		if (n < 4)
			return;
		ev->u.capset_text.capset = be32(p);
		ev->u.capset_text.text = rest_str(p + 4, end);
		break;
	case EL_CAPSET_CREATE:
	case EL_CAPSET_ASSIGN_CAP:
	case EL_CAPSET_REMOVE_CAP:
		if (n < 6)
			return;
		ev->u.capset.capset = be32(p);
		ev->u.capset.value = be16(p + 4);
		break;
	case EL_CAPSET_DELETE:
		if (n < 4)
			return;
		ev->u.capset.capset = be32(p);
		ev->u.capset.value = 0;
		break;
	case EL_OSPROCESS_PID:
	case EL_OSPROCESS_PPID:
		if (n < 8)
			return;
		ev->u.process.capset = be32(p);
		ev->u.process.pid = be32(p + 4);
		break;
	case EL_CAP_CREATE:
	case EL_CAP_DELETE:
	case EL_CAP_DISABLE:
	case EL_CAP_ENABLE:
		if (n < 2)
			return;
		ev->u.cap.cap = be16(p);
		break;
	case EL_WALL_CLOCK_TIME:
		if (n < 16)
			return;
		ev->u.wall_clock.capset = be32(p);
		ev->u.wall_clock.sec = be64(p + 4);
		ev->u.wall_clock.nsec = be32(p + 12);
		break;
	case EL_HEAP_ALLOCATED:
	case EL_HEAP_SIZE:
	case EL_HEAP_LIVE:
	case EL_BLOCKS_SIZE:
		if (n < 12)
			return;
		ev->u.heap.capset = be32(p);
		ev->u.heap.bytes = be64(p + 4);
		break;
	case EL_HEAP_INFO_GHC:
		if (n < 38)
			return;
		ev->u.heap_info.capset = be32(p);
		ev->u.heap_info.gens = be16(p + 4);
		ev->u.heap_info.max_heap = be64(p + 6);
		ev->u.heap_info.alloc_area = be64(p + 14);
		ev->u.heap_info.mblock_size = be64(p + 22);
		ev->u.heap_info.block_size = be64(p + 30);
		break;
	case EL_GC_STATS_GHC:
		/* 50 bytes up to GHC 8.4, 58 with par_balanced_copied. */
		if (n < 30)
			return;
		memset(&ev->u.gc_stats, 0, sizeof ev->u.gc_stats);
		ev->u.gc_stats.capset = be32(p);
		ev->u.gc_stats.gen = be16(p + 4);
		ev->u.gc_stats.copied = be64(p + 6);
		ev->u.gc_stats.slop = be64(p + 14);
		ev->u.gc_stats.frag = be64(p + 22);
		if (n >= 34)
			ev->u.gc_stats.par_n_threads = be32(p + 30);
		if (n >= 42)
			ev->u.gc_stats.par_max_copied = be64(p + 34);
		if (n >= 50)
			ev->u.gc_stats.par_tot_copied = be64(p + 42);
		if (n >= 58)
			ev->u.gc_stats.par_balanced_copied = be64(p + 50);
		break;
	case EL_PROF_BEGIN:
		if (n < 8)
			return;
		ev->u.prof_begin.tick_interval = be64(p);
		break;
	case EL_PROF_SAMPLE_COST_CENTRE:
		if (n < 13)
			return;
		ev->u.prof_sample.capability = be32(p);
		ev->u.prof_sample.tick = be64(p + 4);
		ev->u.prof_sample.stack.raw = p + 13;
		ev->u.prof_sample.stack.depth = p[12];
		if ((n - 13) / 4 < p[12])
			ev->u.prof_sample.stack.depth = (n - 13) / 4;
		break;
	case EL_HEAP_PROF_BEGIN: {
		const unsigned char *q = p + 13;

		if (n < 13)
			return;
		ev->u.heap_prof_begin.profile_id = p[0];
		ev->u.heap_prof_begin.sampling_period = be64(p + 1);
		ev->u.heap_prof_begin.breakdown = be32(p + 9);
		ev->u.heap_prof_begin.module_filter = cstr(&q, end);
		ev->u.heap_prof_begin.closure_filter = cstr(&q, end);
		ev->u.heap_prof_begin.type_filter = cstr(&q, end);
		ev->u.heap_prof_begin.cc_filter = cstr(&q, end);
		ev->u.heap_prof_begin.ccs_filter = cstr(&q, end);
		ev->u.heap_prof_begin.retainer_filter = cstr(&q, end);
		ev->u.heap_prof_begin.bio_filter = cstr(&q, end);
		break;
	}
	case EL_HEAP_PROF_COST_CENTRE: {
		const unsigned char *q = p + 4;

		if (n < 4)
			return;
		ev->u.cost_centre.id = be32(p);
		ev->u.cost_centre.label = cstr(&q, end);
		ev->u.cost_centre.module = cstr(&q, end);
		ev->u.cost_centre.srcloc = cstr(&q, end);
		ev->u.cost_centre.flags = q < end ? *q : 0;
		break;
	}
	case EL_HEAP_PROF_SAMPLE_BEGIN:
	case EL_HEAP_PROF_SAMPLE_END:
		if (n < 8)
			return;
		ev->u.heap_sample.era = be64(p);
		break;
	case EL_HEAP_BIO_PROF_SAMPLE_BEGIN:
		if (n < 16)
			return;
		ev->u.bio_sample.era = be64(p);
		ev->u.bio_sample.time = be64(p + 8);
		break;
	case EL_HEAP_PROF_SAMPLE_COST_CENTRE:
		if (n < 10)
			return;
		ev->u.heap_sample_ccs.profile_id = p[0];
		ev->u.heap_sample_ccs.residency = be64(p + 1);
		ev->u.heap_sample_ccs.stack.depth = p[9];
		ev->u.heap_sample_ccs.stack.raw = p + 10;
		if ((n - 10) / 4 < p[9])
			ev->u.heap_sample_ccs.stack.depth = (n - 10) / 4;
		break;
	case EL_HEAP_PROF_SAMPLE_STRING: {
		const unsigned char *q = p + 9;

		if (n < 9)
			return;
		ev->u.heap_sample_string.profile_id = p[0];
		ev->u.heap_sample_string.residency = be64(p + 1);
		ev->u.heap_sample_string.label = cstr(&q, end);
		break;
	}
	case EL_IPE: {
		const unsigned char *q = p + 8;
		struct el_str s6, s7;

		if (n < 8)
			return;
		ev->u.ipe.info = be64(p);
		ev->u.ipe.table_name = cstr(&q, end);
		ev->u.ipe.closure_desc = cstr(&q, end);
		ev->u.ipe.ty_desc = cstr(&q, end);
		ev->u.ipe.label = cstr(&q, end);
		ev->u.ipe.module = cstr(&q, end);
		s6 = cstr(&q, end);
		if (q < end) { /* a seventh string: src_file, src_span */
			s7 = cstr(&q, end);
			ev->u.ipe.src_file = s6;
			ev->u.ipe.src_span = s7;
			ev->u.ipe.srcloc.p = "";
			ev->u.ipe.srcloc.n = 0;
		} else {
			ev->u.ipe.srcloc = s6;
			ev->u.ipe.src_file.p = ev->u.ipe.src_span.p = "";
			ev->u.ipe.src_file.n = ev->u.ipe.src_span.n = 0;
		}
		break;
	}
	default:
		return;
	}
	ev->decoded = true;
}

/* ---- sizes GHC declares wrongly ------------------------------------ */

/* Bytes of an IPE payload as GHC lays it out: u64 info pointer, then six
 * NUL-terminated strings (table name, closure description, type
 * description, label, module, "file:span").  0 when the NULs are not all
 * inside the first `sz` bytes. */
static uint32_t
ipe_parsed_size(const unsigned char *p, uint32_t sz)
{
	uint32_t at = 8;

	for (int i = 0; i < 6; i++) {
		const unsigned char *z;

		if (at >= sz)
			return 0;
		z = memchr(p + at, 0, sz - at);
		if (z == NULL)
			return 0;
		at = (uint32_t)(z - p) + 1;
	}
	return at;
}

/* The number of payload bytes an IPE event really occupies, given the
 * size it declares.  GHC 9.6 and 9.10 (seen in 9.6.6 and 9.10.3;
 * rts/eventlog/EventLog.c, postIPE: "extra_comma") count one byte for the
 * ':' they write between src_file and src_span on top of the NUL they
 * never write after src_file, so the size field is one larger than the
 * bytes that follow, and the event after it would start one byte late.  Like ghc-events, follow the
 * fields: when the six strings end exactly one byte before the declared
 * end, and that byte starts a declared event type (or the end marker),
 * the event ends after the sixth string.  Any other layout (a writer
 * that appends fields) keeps its declared size.  `avail` is how many
 * bytes from p are in the window. */
static uint32_t
ipe_real_size(const struct el_reader *r, const unsigned char *p, uint32_t sz,
	      size_t avail)
{
	uint32_t at = ipe_parsed_size(p, avail < sz ? (uint32_t)avail : sz);
	uint16_t next;

	if (at == 0 || at + 1 != sz)
		return sz;
	if (avail < (size_t)at + 2) /* the input ends here: nothing follows */
		return at;
	next = be16(p + at);
	if (next == EVENT_DATA_END || type_ix(r, next) != 0)
		return at;
	return sz;
}

/* ---- the event loop ------------------------------------------------ */

static int
end_of_input(struct el_reader *r)
{
	/* The log stopped without its end marker: a killed program.  Any
	 * bytes left over are a partial event; el_offset() stays before
	 * them. */
	r->ended = true;
	r->truncated = true;
	return 0;
}

int
el_next(struct el_reader *r, struct el_event *ev, struct pk_err *err)
{
	for (;;) {
		const unsigned char *p;
		uint16_t type;
		uint32_t k;
		int32_t sz;
		size_t hdr, total;
		uint64_t off;

		if (r->ended)
			return 0;
		if (r->len - r->pos < 12) {
			/* 12 covers the header of a variable-size event. */
			int rc = fill(r, 12, err);

			if (rc < 0)
				return -1;
			if (rc == 0 && r->len - r->pos < 2)
				return end_of_input(r);
		}
		p = r->buf + r->pos;
		type = be16(p);
		if (type == EVENT_DATA_END) {
			r->ended = true;
			r->pos += 2;
			return 0;
		}
		off = cur_off(r);
		k = type_ix(r, type);
		if (k == 0) {
			pk_err_offset(err, r->name, off,
				      "event type %u is not declared in the "
				      "header", type);
			return -1;
		}
		sz = r->types[k - 1].size;
		if (sz == VARIABLE) {
			if (r->len - r->pos < 12)
				return end_of_input(r);
			sz = be16(p + 10);
			hdr = 12;
		} else {
			hdr = 10;
		}
		total = hdr + (size_t)sz;
		if (type == EL_IPE && sz > 0) {
			/* the declared size and one byte past it, if there */
			if (fill(r, total + 1, err) < 0)
				return -1;
			p = r->buf + r->pos;
			if (r->len - r->pos >= hdr) {
				uint32_t real = ipe_real_size(r, p + hdr,
					(uint32_t)sz, r->len - r->pos - hdr);

				sz = (int32_t)real;
				total = hdr + real;
			}
		}
		if (r->len - r->pos < total) {
			int rc = fill(r, total, err);

			if (rc < 0)
				return -1;
			if (rc == 0)
				return end_of_input(r);
			p = r->buf + r->pos;
		}
		r->pos += total;
		if (type == EL_BLOCK_MARKER) {
			if (sz >= 14) {
				uint32_t bsize = be32(p + hdr);

				r->cap = be16(p + hdr + 12);
				r->block_end = off + bsize;
			}
			r->blocks++;
			continue;
		}
		ev->type = type;
		ev->cap = off < r->block_end ? r->cap : EL_NO_CAP;
		ev->time = be64(p + 2);
		ev->offset = off;
		ev->payload = p + hdr;
		ev->size = (uint32_t)sz;
		ev->decoded = false;
		decode(ev);
		if (!ev->decoded) /* nothing stale, even for el_fields() misuse */
			memset(&ev->u, 0, sizeof ev->u);
		return 1;
	}
}
