/* input.h - read a file, "-" (stdin) or a pipe, decompressing gzip and
 * zstd transparently (detected by magic bytes, not by the name).
 *
 * Reads are streaming: memory is bounded by the buffers here whatever the
 * input size.  Offsets reported by readers are offsets into the
 * decompressed stream.
 */
#ifndef PK_INPUT_H
#define PK_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "diag.h"

enum pk_compression { PK_COMP_NONE, PK_COMP_GZIP, PK_COMP_ZSTD };

/* Documented size limits (README "Limits"): past them a reader stops
 * with a clear error instead of buffering without bound.
 *   PK_SNIFF_MAX  bytes a text reader looks at for a NUL byte before it
 *                 buffers any more (binary input is refused after 4 KiB)
 *   PK_LINE_MAX   longest line of a text format (.hp, .prof, IPE map)
 *   PK_SLURP_MAX  largest text file read whole (-pj JSON, benchmark
 *                 results, history imports and budgets) */
#define PK_SNIFF_MAX 4096u
#define PK_LINE_MAX (1u << 20)
#define PK_SLURP_MAX (256u << 20)

struct pk_in;

/* Open PATH ("-" or NULL means stdin).  NULL with err set on failure. */
struct pk_in *pk_in_open(const char *path, struct pk_err *err);
/* Wrap an already open descriptor (not closed by pk_in_close). */
struct pk_in *pk_in_fdopen(int fd, const char *name, struct pk_err *err);
/* Read N bytes at DATA (copied: DATA may go away) as if they were a file
 * named NAME: the fuzz targets' input, without a file or a 256 KiB buffer. */
struct pk_in *pk_in_memopen(const void *data, size_t n, const char *name,
			    struct pk_err *err);
void pk_in_close(struct pk_in *in);

/* The name for messages: the path, or "<stdin>". */
const char *pk_in_name(const struct pk_in *in);
enum pk_compression pk_in_compression(const struct pk_in *in);
/* Bytes consumed from the underlying file (compressed size). */
uint64_t pk_in_raw_bytes(const struct pk_in *in);
/* Decompressed bytes delivered so far. */
uint64_t pk_in_offset(const struct pk_in *in);

/* After the end of input: did a .gz/.zst input stop inside a gzip member
 * or zstd frame (a cut file)?  Its decoded bytes up to the cut were
 * delivered and reading ended there, as for a cut raw file; *raw_off gets
 * the compressed size read.  Readers report it as a truncation warning. */
bool pk_in_cut(const struct pk_in *in, uint64_t *raw_off);

/* Read up to n bytes.  Returns the count, 0 at end of input, -1 on error.
 * Short counts happen before the end; loop or use pk_in_read_full. */
ssize_t pk_in_read(struct pk_in *in, void *buf, size_t n, struct pk_err *err);
/* Read exactly n bytes unless the input ends first; returns the count. */
ssize_t pk_in_read_full(struct pk_in *in, void *buf, size_t n,
			struct pk_err *err);

/* Peek at the first bytes without consuming them (n <= 64). */
ssize_t pk_in_peek(struct pk_in *in, void *buf, size_t n, struct pk_err *err);

/* Read one line into *line (grown as needed), without the "\n" and
 * without a trailing "\r".  Returns the length, -1 at end of input, -2 on
 * error (also for a line longer than PK_LINE_MAX).  A NUL inside a line is
 * kept (the length counts it). */
ssize_t pk_in_getline(struct pk_in *in, char **line, size_t *cap,
		      struct pk_err *err);

/* Read everything that is left of a text input into a NUL-terminated
 * malloc'd buffer.  Refuses (-1, err "FILE: offset N: binary data ...")
 * input with a NUL byte in its first PK_SNIFF_MAX bytes, before reading
 * more, and input larger than PK_SLURP_MAX. */
int pk_in_slurp(struct pk_in *in, char **buf, size_t *len,
		struct pk_err *err);
/* Open PATH, slurp it and close it: 0, or -1 with err set (and *buf
 * NULL). */
int pk_in_slurp_file(const char *path, char **buf, size_t *len,
		     struct pk_err *err);

#endif
