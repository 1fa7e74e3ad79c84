/* fuzz_hp.c - fuzz target for the .hp reader (and what heap2svg does with
 * its result: band selection and the JSON export). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "heap_convert.h"
#include "hp.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fds[2];
	FILE *tmp = tmpfile();
	struct pk_err err = {0};
	struct pk_in *in;
	struct hp_profile *p;

	(void)fds;
	if (tmp == NULL)
		return 0;
	if (fwrite(data, 1, size, tmp) != size || fflush(tmp) != 0) {
		fclose(tmp);
		return 0;
	}
	rewind(tmp);
	in = pk_in_fdopen(fileno(tmp), "fuzz.hp", &err);
	if (in == NULL) {
		pk_err_clear(&err);
		fclose(tmp);
		return 0;
	}
	p = hp_read(in, &err);
	pk_in_close(in);
	fclose(tmp);
	if (p == NULL) {
		pk_err_clear(&err);
		return 0;
	}
	struct heap_opts o;
	heap_opts_init(&o);
	o.bands = 3;
	struct heap_view *v = heap_select(&o, p);
	FILE *null = fopen("/dev/null", "w");
	if (null) {
		heap_write_json(v, null, &err);
		heap_write_csv(v, null, &err);
		fclose(null);
	}
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
