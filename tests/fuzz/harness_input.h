/* harness_input.h - the bytes of one execution as the input layer's stream:
 * the memory source (no file per execution), or, where the read(2)
 * paths must stay covered, a memfd read through pk_in_fdopen.  *fd is the
 * memfd (-1 when none): the caller closes it after pk_in_close. */
#ifndef PK_HARNESS_INPUT_H
#define PK_HARNESS_INPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "input.h"

static inline struct pk_in *
fuzz_in_open(const uint8_t *data, size_t size, bool via_fd,
	     const char *name, int *fd, struct pk_err *err)
{
	*fd = -1;
	if (!via_fd)
		return pk_in_memopen(data, size, name, err);
	if ((*fd = memfd_create(name, 0)) < 0)
		abort();
	if (size > 0 && write(*fd, data, size) != (ssize_t)size)
		abort();
	if (lseek(*fd, 0, SEEK_SET) != 0)
		abort();
	return pk_in_fdopen(*fd, name, err);
}

#endif
