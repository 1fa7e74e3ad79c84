/* bench_private.h - what the bench files (bench.c, bench_read.c,
 * bench_artifact.c, bench_llama_sql.c, bench_run.c) share and no other
 * module uses: the readers behind bench_read_path() for GHC artifacts
 * (bench_artifact.h) and llama-bench SQL (bench_llama_sql.h), and KEVM's
 * test id. */
#ifndef PK_BENCH_PRIVATE_H
#define PK_BENCH_PRIVATE_H

#include "bench.h"
#include "bench_artifact.h"
#include "bench_llama_sql.h"

/* KEVM's test id of a timing line's command: the last 3 path components
 * of the word after "prove" or "interpret", else the whole command;
 * malloc'd. */
char *bench_kevm_test_id(const char *cmd);

#endif
