/* bench_llama_sql.h - llama-bench results as SQL: the text of
 * `llama-bench -o sql` (CREATE TABLE IF NOT EXISTS test (...); INSERT INTO
 * test (...) VALUES (...);) and an SQLite database filled from it (what
 * llama.cpp's scripts/compare-llama-bench.py reads).  Each row of table
 * `test` becomes one llama-bench JSON object, read by the JSON reader:
 * the same benchmark names, metrics and samples as -o json.  Private to
 * the bench files (through bench_private.h). */
#ifndef PK_BENCH_LLAMA_SQL_H
#define PK_BENCH_LLAMA_SQL_H

#include <stdbool.h>
#include <stddef.h>

#include "bench.h"

/* Does buf look like llama-bench SQL text, or an SQLite database? */
bool bench_llama_sql_is_text(const char *buf, size_t len);
bool bench_llama_sql_is_db(const char *buf, size_t len);

/* Read either; returns 0, or -1 with err naming name.  The SQL text runs
 * in an in-memory database with an authorizer that allows only CREATE
 * TABLE, INSERT and SELECT (no ATTACH, PRAGMA, triggers, ...). */
/* The rows of llama-bench's `test` table (SQL text run in a memory
 * database that may only create, insert and read, or an SQLite file) as
 * the JSON array llama-bench -o json writes; *json is malloc'ed.  The
 * caller reads it with the JSON reader (no call back into bench_read, so
 * no module loop). */
int bench_llama_sql_to_json(const char *name, const char *buf, size_t len,
			    char **json, struct pk_err *err);

#endif
