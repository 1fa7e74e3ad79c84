/* fuzz_hp.c - fuzz target for the .hp reader (and what heap2svg does with
 * its result: band selection and the JSON export). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "heap_convert.h"
#include "hp.h"
#include "harness_input.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	struct pk_err err = {0};
	struct pk_in *in;
	struct hp_profile *p;
	int fd = -1;

	/* The input layer's memory source (no file per execution); an input
	 * whose size is a multiple of 8 through a memfd, so the read(2)
	 * paths stay covered. */
	in = fuzz_in_open(data, size, size % 8 == 0, "fuzz.hp", &fd, &err);
	if (in == NULL) {
		pk_err_clear(&err);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	p = hp_read(in, &err);
	pk_in_close(in);
	if (fd >= 0)
		close(fd);
	if (p == NULL) {
		pk_err_clear(&err);
		return 0;
	}
	struct heap_opts o;
	heap_opts_init(&o);
	o.bands = 3;
	struct heap_view *v = heap_select(&o, p);
	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	heap_write_json(v, null, &err);
	heap_write_csv(v, null, &err);
	pk_err_clear(&err);
	/* every value counted once */
	uint64_t sum = 0;
	for (size_t i = 0; i < v->n; i++)
		sum += v->s[i].total;
	if (!p->overflow && sum != hp_grand_total(p))
		abort();
	heap_view_free(v);
	hp_free(p);
	return 0;
}
