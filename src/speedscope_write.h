/* speedscope_write.h - streaming writer for speedscope's JSON file format
 * (https://www.speedscope.app/file-format-schema.json).
 *
 * Memory does not grow with the number of samples or events: frames are
 * interned in a hash table (bounded by the distinct frames), and each
 * profile's samples, weights and events are spooled in compact binary
 * form to one temporary file (tmpfile()) while the caller reads its
 * input.  ss_write() then streams everything out: the header fields,
 * "profiles", and "shared": {"frames"} last (JSON key order is free).
 *
 *   struct ss_writer *w = ss_new();
 *   uint32_t main_f = ss_frame(w, "Main.main", "Main.hs", 3, 1);
 *   int p = ss_sampled(w, "prog (cap 0)", SS_NANOSECONDS);
 *   ss_sample(w, p, stack, depth, 1000000, at);    (stack root-first)
 *   int q = ss_evented(w, "thread 1", SS_NANOSECONDS);
 *   ss_open(w, q, main_f, t0);  ss_close(w, q, main_f, t1);
 *   ss_write(w, out, &(struct ss_meta){ .name = "prog", .exporter =
 *            "eventlog2speedscope@0.1.0" }, &err);
 *   ss_free(w);
 *
 * Guarantees of the output (speedscope refuses anything else):
 * - no null anywhere; frames have "name" and, when known, "file",
 *   "line", "col";
 * - sampled: consecutive identical stacks are merged into one sample
 *   with the summed weight; endValue - startValue == total weight;
 * - evented: events are balanced and their "at" never decreases: a close
 *   of a frame that is open but not innermost closes the frames above it,
 *   closes it and re-opens them (SS_REPAIRED); a close of a frame that is
 *   not open is dropped (SS_UNMATCHED); frames still open at the end are
 *   closed at the profile's last time; an "at" earlier than the previous
 *   event is raised to it.
 */
#ifndef PK_SPEEDSCOPE_WRITE_H
#define PK_SPEEDSCOPE_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "diag.h"

#define SS_SCHEMA_URL "https://www.speedscope.app/file-format-schema.json"

enum ss_unit {
	SS_NONE,
	SS_NANOSECONDS,
	SS_MICROSECONDS,
	SS_MILLISECONDS,
	SS_SECONDS,
	SS_BYTES,
};

/* What ss_close() did. */
enum ss_close_result {
	SS_CLOSED = 0,     /* closed the innermost open frame */
	SS_REPAIRED = 1,   /* frame was open deeper: frames above re-opened */
	SS_UNMATCHED = -1, /* frame was not open: ignored */
};

struct ss_writer;

struct ss_writer *ss_new(void);
void ss_free(struct ss_writer *w);

/* Intern a frame; returns its index in shared.frames.  file may be NULL
 * (no "file" key); line/col <= 0 means unknown (key omitted).  The same
 * (name, file, line, col) always gets the same index.  name_len is the
 * byte length (the name need not be NUL-terminated). */
uint32_t ss_frame(struct ss_writer *w, const char *name, const char *file,
		  int64_t line, int64_t col);
uint32_t ss_framen(struct ss_writer *w, const char *name, size_t name_len,
		   const char *file, int64_t line, int64_t col);
uint32_t ss_frame_count(const struct ss_writer *w);
const char *ss_frame_name(const struct ss_writer *w, uint32_t frame);

/* New profile; returns its index (order of creation = order written). */
int ss_sampled(struct ss_writer *w, const char *name, enum ss_unit unit);
int ss_evented(struct ss_writer *w, const char *name, enum ss_unit unit);
int ss_profile_count(const struct ss_writer *w);
const char *ss_profile_name(const struct ss_writer *w, int prof);
void ss_set_profile_name(struct ss_writer *w, int prof, const char *name);

/* Sampled: one sample of `depth` frame indices, root first.  `at` is the
 * sample's time (only the first one matters: it becomes startValue unless
 * ss_set_start() was called).  An empty stack (depth 0) is allowed. */
void ss_sample(struct ss_writer *w, int prof, const uint32_t *stack,
	       size_t depth, uint64_t weight, uint64_t at);

/* Evented: open/close a frame at time `at`. */
void ss_open(struct ss_writer *w, int prof, uint32_t frame, uint64_t at);
enum ss_close_result ss_close(struct ss_writer *w, int prof, uint32_t frame,
			      uint64_t at);
/* Is frame open anywhere in the profile's open stack? */
bool ss_is_open(const struct ss_writer *w, int prof, uint32_t frame);
/* Number of frames currently open. */
size_t ss_open_depth(const struct ss_writer *w, int prof);
/* Close every open frame at `at` (innermost first). */
void ss_close_all(struct ss_writer *w, int prof, uint64_t at);

/* Override startValue / endValue (evented: endValue is raised to the last
 * event's time if smaller; sampled: endValue is always start + total). */
void ss_set_start(struct ss_writer *w, int prof, uint64_t start);
void ss_set_end(struct ss_writer *w, int prof, uint64_t end);

/* Per-profile figures (for --stats). */
struct ss_profile_stats {
	bool sampled;
	uint64_t raw_samples;   /* ss_sample calls */
	uint64_t samples;       /* after merging identical consecutive stacks */
	uint64_t total_weight;  /* sampled: sum of weights */
	uint64_t events;        /* evented: O and C events (so far) */
	uint64_t repaired;      /* evented: closes that needed repair */
	uint64_t unmatched;     /* evented: closes without an open frame */
	uint64_t start, end;    /* startValue, endValue as they will be written */
};
void ss_stats(const struct ss_writer *w, int prof, struct ss_profile_stats *st);

struct ss_meta {
	const char *name;       /* top-level "name" (NULL: omitted) */
	const char *exporter;   /* e.g. "eventlog2speedscope@0.1.0" (NULL: omitted) */
	int active_profile;     /* activeProfileIndex (index in the output) */
	int indent;             /* 0 = compact (sample arrays are always compact) */
	const int *order;       /* profiles to write, in this order (NULL: */
	int norder;             /*   all, in order of creation) */
};

/* Write the whole document to f.  Open evented frames are closed first.
 * Returns 0, or -1 with err set (spool read failure, write error). */
int ss_write(struct ss_writer *w, FILE *f, const struct ss_meta *meta,
	     struct pk_err *err);

/* The speedscope "unit" string. */
const char *ss_unit_name(enum ss_unit unit);

#endif
