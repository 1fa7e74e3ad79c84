/* eventlog.h - streaming reader for GHC's binary eventlog (+RTS -l).
 *
 * The reader pulls events one at a time from a struct pk_in (file, stdin,
 * pipe, .gz, .zst) through a fixed-size window: memory stays bounded
 * whatever the log size, and no event list is ever built.
 *
 * Sizes come from the log's own header: an event type the header declares
 * with a fixed size is skipped by that size when unknown; a variable-size
 * event carries its own 16-bit length; a known event whose declared size
 * is larger than the layout decoded here keeps its extra bytes skipped.
 * Block markers are consumed by the reader and give every event in the
 * block its capability (EL_NO_CAP outside blocks and for global events).
 *
 *   struct el_reader *r = el_open(in, &err);
 *   struct el_event ev;
 *   int rc;
 *   while ((rc = el_next(r, &ev, &err)) > 0) {
 *           const union el_fields *f = el_fields(&ev);
 *           if (f == NULL) continue;   (payload too short, or unknown)
 *           switch (ev.type) { case EL_USER_MSG: ... f->msg.text ... }
 *   }
 *   if (rc < 0) error; if (el_truncated(r)) warn;
 *   el_close(r);
 *
 * Strings (struct el_str) point into the reader's window: they are valid
 * until the next el_next() and are NOT NUL-terminated.  Byte order in the
 * file is big-endian; decoded fields are in host order.
 */
#ifndef PK_EVENTLOG_H
#define PK_EVENTLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "input.h"

#define EL_NO_CAP 0xffff

/* Only the decoder (eventlog_read.c) names the union of decoded fields;
 * everyone else reads it through el_fields() below. */
#ifdef PK_EVENTLOG_DECODER
#define EL_FIELDS_MEMBER u
#else
#define EL_FIELDS_MEMBER u_read_through_el_fields_
#endif

/* Event type ids (GHC rts/include/rts/EventLogFormat.h). */
enum el_type_id {
	EL_CREATE_THREAD = 0,
	EL_RUN_THREAD = 1,
	EL_STOP_THREAD = 2,
	EL_THREAD_RUNNABLE = 3,
	EL_MIGRATE_THREAD = 4,
	EL_THREAD_WAKEUP = 8,
	EL_GC_START = 9,
	EL_GC_END = 10,
	EL_REQUEST_SEQ_GC = 11,
	EL_REQUEST_PAR_GC = 12,
	EL_CREATE_SPARK_THREAD = 15,
	EL_LOG_MSG = 16,
	EL_STARTUP = 17,
	EL_BLOCK_MARKER = 18,
	EL_USER_MSG = 19,
	EL_GC_IDLE = 20,
	EL_GC_WORK = 21,
	EL_GC_DONE = 22,
	EL_CAPSET_CREATE = 25,
	EL_CAPSET_DELETE = 26,
	EL_CAPSET_ASSIGN_CAP = 27,
	EL_CAPSET_REMOVE_CAP = 28,
	EL_RTS_IDENTIFIER = 29,
	EL_PROGRAM_ARGS = 30,
	EL_PROGRAM_ENV = 31,
	EL_OSPROCESS_PID = 32,
	EL_OSPROCESS_PPID = 33,
	EL_SPARK_COUNTERS = 34,
	EL_WALL_CLOCK_TIME = 43,
	EL_THREAD_LABEL = 44,
	EL_CAP_CREATE = 45,
	EL_CAP_DELETE = 46,
	EL_CAP_DISABLE = 47,
	EL_CAP_ENABLE = 48,
	EL_HEAP_ALLOCATED = 49,
	EL_HEAP_SIZE = 50,
	EL_HEAP_LIVE = 51,
	EL_HEAP_INFO_GHC = 52,
	EL_GC_STATS_GHC = 53,
	EL_GC_GLOBAL_SYNC = 54,
	EL_TASK_CREATE = 55,
	EL_TASK_MIGRATE = 56,
	EL_TASK_DELETE = 57,
	EL_USER_MARKER = 58,
	EL_MEM_RETURN = 90,
	EL_BLOCKS_SIZE = 91,
	EL_HEAP_PROF_BEGIN = 160,
	EL_HEAP_PROF_COST_CENTRE = 161,
	EL_HEAP_PROF_SAMPLE_BEGIN = 162,
	EL_HEAP_PROF_SAMPLE_COST_CENTRE = 163,
	EL_HEAP_PROF_SAMPLE_STRING = 164,
	EL_HEAP_PROF_SAMPLE_END = 165,
	EL_HEAP_BIO_PROF_SAMPLE_BEGIN = 166,
	EL_PROF_SAMPLE_COST_CENTRE = 167,
	EL_PROF_BEGIN = 168,
	EL_IPE = 169,
	EL_USER_BINARY_MSG = 181,
};

/* STOP_THREAD status values that tools care about. */
enum el_stop_status {
	EL_STOP_HEAP_OVERFLOW = 1,
	EL_STOP_STACK_OVERFLOW = 2,
	EL_STOP_YIELDING = 3,
	EL_STOP_BLOCKED = 4,
	EL_STOP_FINISHED = 5,
};

/* HEAP_PROF_BEGIN breakdown values (-hc, -hm, ...). */
enum el_heap_breakdown {
	EL_HEAP_BY_CCS = 1,
	EL_HEAP_BY_MOD = 2,
	EL_HEAP_BY_DESCR = 3,
	EL_HEAP_BY_TYPE = 4,
	EL_HEAP_BY_RETAINER = 5,
	EL_HEAP_BY_LDV = 6,
	EL_HEAP_BY_CLOSURE_TYPE = 7,
	EL_HEAP_BY_INFO_TABLE = 8,
	EL_HEAP_BY_ERA = 9,
};

struct el_str {
	const char *p; /* not NUL-terminated */
	size_t n;
};

/* One event type as the log's header declares it. */
struct el_type {
	uint16_t id;
	int32_t size;     /* payload bytes, or -1 for variable size */
	struct el_str desc;
	bool declared;
};

/* A list of big-endian 32-bit cost-centre ids inside the window. */
struct el_ccs {
	const unsigned char *raw;
	unsigned depth;
};
/* The i-th id of a cost-centre stack (0 = innermost, as GHC writes). */
uint32_t el_ccs_at(struct el_ccs s, unsigned i);

struct el_event {
	uint16_t type;
	uint16_t cap;       /* capability from the enclosing block, or EL_NO_CAP */
	uint64_t time;      /* nanoseconds since the RTS started */
	uint64_t offset;    /* byte offset of the event in the (decompressed) log */
	const unsigned char *payload;
	uint32_t size;      /* payload bytes */
	bool decoded;       /* the payload was long enough for its fields */
	/* The typed fields: read them only through el_fields(), which
	 * returns NULL when the payload was not decoded (too short for its
	 * type, or a type this reader does not know).  Outside
	 * eventlog_read.c the member has a name no consumer can type, so
	 * stale fields of an earlier event cannot be read by mistake. */
	union el_fields {
		/* CREATE_THREAD, RUN_THREAD, THREAD_RUNNABLE,
		 * CREATE_SPARK_THREAD */
		struct { uint32_t thread; } thread;
		/* STOP_THREAD; blocked_on is 0 when the log has no field */
		struct { uint32_t thread; uint16_t status; uint32_t blocked_on; } stop;
		/* MIGRATE_THREAD, THREAD_WAKEUP: other_cap = new/target cap */
		struct { uint32_t thread; uint16_t other_cap; } migrate;
		/* THREAD_LABEL */
		struct { uint32_t thread; struct el_str label; } thread_label;
		/* LOG_MSG, USER_MSG, USER_MARKER, USER_BINARY_MSG (bytes) */
		struct { struct el_str text; } msg;
		/* RTS_IDENTIFIER, PROGRAM_ARGS, PROGRAM_ENV: args/env are
		 * NUL-separated */
		struct { uint32_t capset; struct el_str text; } capset_text;
		/* CAPSET_CREATE (type), CAPSET_ASSIGN_CAP/REMOVE_CAP (cap) */
		struct { uint32_t capset; uint16_t value; } capset;
		/* OSPROCESS_PID/PPID */
		struct { uint32_t capset; uint32_t pid; } process;
		/* CAP_CREATE, CAP_DELETE, CAP_DISABLE, CAP_ENABLE */
		struct { uint16_t cap; } cap;
		/* WALL_CLOCK_TIME */
		struct { uint32_t capset; uint64_t sec; uint32_t nsec; } wall_clock;
		/* HEAP_ALLOCATED, HEAP_SIZE, HEAP_LIVE, BLOCKS_SIZE */
		struct { uint32_t capset; uint64_t bytes; } heap;
		/* HEAP_INFO_GHC */
		struct {
			uint32_t capset;
			uint16_t gens;
			uint64_t max_heap, alloc_area, mblock_size, block_size;
		} heap_info;
		/* GC_STATS_GHC; fields the log lacks are 0 */
		struct {
			uint32_t capset;
			uint16_t gen;
			uint64_t copied, slop, frag;
			uint32_t par_n_threads;
			uint64_t par_max_copied, par_tot_copied, par_balanced_copied;
		} gc_stats;
		/* PROF_BEGIN */
		struct { uint64_t tick_interval; } prof_begin;
		/* PROF_SAMPLE_COST_CENTRE */
		struct { uint32_t capability; uint64_t tick; struct el_ccs stack; } prof_sample;
		/* HEAP_PROF_BEGIN */
		struct {
			uint8_t profile_id;
			uint64_t sampling_period;
			uint32_t breakdown;
			struct el_str module_filter, closure_filter, type_filter,
				cc_filter, ccs_filter, retainer_filter, bio_filter;
		} heap_prof_begin;
		/* HEAP_PROF_COST_CENTRE */
		struct {
			uint32_t id;
			struct el_str label, module, srcloc;
			uint8_t flags; /* bit 0: CAF */
		} cost_centre;
		/* HEAP_PROF_SAMPLE_BEGIN, HEAP_PROF_SAMPLE_END */
		struct { uint64_t era; } heap_sample;
		/* HEAP_BIO_PROF_SAMPLE_BEGIN */
		struct { uint64_t era; uint64_t time; } bio_sample;
		/* HEAP_PROF_SAMPLE_COST_CENTRE */
		struct { uint8_t profile_id; uint64_t residency; struct el_ccs stack; } heap_sample_ccs;
		/* HEAP_PROF_SAMPLE_STRING */
		struct { uint8_t profile_id; uint64_t residency; struct el_str label; } heap_sample_string;
		/* IPE.  GHC 9.2 to 9.10 write one srcloc "file:span" (":" when
		 * there is no location); a seventh string, if a writer adds
		 * one, is read as src_span with src_file the sixth, and then
		 * srcloc is empty. */
		struct {
			uint64_t info;
			struct el_str table_name, closure_desc, ty_desc, label,
				module, srcloc, src_file, src_span;
		} ipe;
	} EL_FIELDS_MEMBER;
};

/* The decoded fields of ev (for the fields of ev->type), or NULL when
 * the payload was not decoded: every consumer goes through this. */
static inline const union el_fields *
el_fields(const struct el_event *ev)
{
	return ev->decoded ? &ev->EL_FIELDS_MEMBER : NULL;
}

struct el_reader;

/* Read and check the header.  NULL with err set ("FILE: offset N: ...")
 * when the input is not an eventlog or uses the pre-7.0 layout. */
struct el_reader *el_open(struct pk_in *in, struct pk_err *err);
void el_close(struct el_reader *r);

/* Next event: 1 with *ev filled, 0 at the end of the log, -1 on corrupt
 * input (err names the byte offset).  A log that stops without its end
 * marker, or in the middle of an event, ends with 0 and el_truncated()
 * true: every complete event before the cut has been delivered. */
int el_next(struct el_reader *r, struct el_event *ev, struct pk_err *err);

/* After el_next returned 0: did the log end early (killed program)? */
bool el_truncated(const struct el_reader *r);
/* Byte offset just past the last complete event. */
uint64_t el_offset(const struct el_reader *r);
/* The name of the input, for messages. */
const char *el_name(const struct el_reader *r);

/* Header declarations: the type for id, or NULL when undeclared. */
const struct el_type *el_type_info(const struct el_reader *r, uint16_t id);
/* Number of block markers seen so far (not delivered as events). */
uint64_t el_block_count(const struct el_reader *r);

/* Copy a string out of the window (malloc'd, NUL-terminated). */
char *el_strdup(struct el_str s);
/* Human name of a heap breakdown ("cost centre stack", ...). */
const char *el_breakdown_name(uint32_t breakdown);

#endif
