/* bench_artifact.h - .prof files, eventlogs and .hp files read as
 * benchmark results (one value per metric and run); see bench_artifact.c
 * for the metrics.  bench_read_path() calls these when it sees one.
 * Private to the bench files (through bench_private.h). */
#ifndef PK_BENCH_ARTIFACT_H
#define PK_BENCH_ARTIFACT_H

#include <stddef.h>

#include "bench.h"
#include "input.h"

/* BENCH_FMT_EVENTLOG, _HP or _PROF from the first bytes of a file, or
 * BENCH_FMT_AUTO when it is none of them. */
enum bench_format bench_artifact_sniff(const void *head, size_t n);

/* Read the rest of in as fmt into set.  0, or -1 with err set. */
int bench_read_artifact(struct pk_in *in, const char *name,
			enum bench_format fmt, struct bench_set *set,
			struct pk_err *err);

/* A .prof (text or JSON) already in memory. */
int bench_read_prof_buf(const char *buf, size_t len, const char *name,
			struct bench_set *set, struct pk_err *err);

#endif
