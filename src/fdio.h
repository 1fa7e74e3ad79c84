/* fdio.h - whole reads and writes on file descriptors (prefix fd_):
 * short transfers continue, EINTR retries.  Pipes between forked workers
 * (bench_run.c), extracted members (archive_extract.c), copied artifacts
 * (run.c), a child's output (history.c). */
#ifndef PK_FDIO_H
#define PK_FDIO_H

#include <stddef.h>
#include <sys/types.h>

/* All n bytes of buf to fd: 0, or -1 with errno set. */
int fd_write_all(int fd, const void *buf, size_t n);
/* Exactly n bytes from fd: 0, or -1 on an error (errno set) or when the
 * input ends first (errno 0). */
int fd_read_all(int fd, void *buf, size_t n);
/* Up to n bytes, until the input ends: the count, or -1 with errno set
 * (what was read before the error is in buf). */
ssize_t fd_read_upto(int fd, void *buf, size_t n);
/* Everything from in to out: 0, or -1 with errno set. */
int fd_copy(int in, int out);

#endif
