/* fuzz_eventlog2speedscope.c - libFuzzer target for the eventlog to
 * speedscope conversion (src/eventlog_speedscope.c + the writer).
 *
 * The input goes through the input layer's memory source (pk_in_memopen;
 * an input whose size is a multiple of 8 through a memfd, so the read(2)
 * paths stay covered) into the real reader, is converted into a memory stream
 * (open_memstream: no file per execution) in three configurations (default; --spans --threads --merge
 * with a time window; --drop-idle with marker windows), and each output
 * that is written must parse as JSON (jansson; numbers read as doubles,
 * as JavaScript does: times from a damaged log can exceed 2^63) with balanced evented
 * profiles whose times never decrease and frame indices in range: the
 * guarantees speedscope's importer relies on.  Compressed inputs are left
 * to fuzz_eventlog (a tiny zstd frame can expand without bound).
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <jansson.h>

#include "diag.h"
#include "eventlog_speedscope.h"
#include "harness_input.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_output(const char *buf, size_t len)
{
	json_error_t jerr;
	json_t *doc, *profiles, *frames;
	size_t nframes;

	if ((doc = json_loadb(buf, len, JSON_DECODE_INT_AS_REAL, &jerr)) == NULL)
		abort(); /* not JSON */
	profiles = json_object_get(doc, "profiles");
	frames = json_object_get(json_object_get(doc, "shared"), "frames");
	if (!json_is_array(profiles) || !json_is_array(frames) ||
	    json_array_size(profiles) == 0)
		abort();
	nframes = json_array_size(frames);
	for (size_t i = 0; i < json_array_size(profiles); i++) {
		json_t *p = json_array_get(profiles, i);
		json_t *ev = json_object_get(p, "events");
		json_t *ss = json_object_get(p, "samples");
		json_t *ws = json_object_get(p, "weights");
		double last = 0;
		long depth = 0;

		if (json_number_value(json_object_get(p, "endValue")) <
		    json_number_value(json_object_get(p, "startValue")))
			abort();
		if (ss != NULL) {
			if (json_array_size(ss) != json_array_size(ws))
				abort();
			for (size_t k = 0; k < json_array_size(ss); k++) {
				json_t *s = json_array_get(ss, k);

				for (size_t j = 0; j < json_array_size(s); j++)
					if (json_number_value(json_array_get(s, j)) >= (double)nframes)
						abort();
			}
			continue;
		}
		for (size_t k = 0; k < json_array_size(ev); k++) {
			json_t *e = json_array_get(ev, k);
			double at = json_number_value(json_object_get(e, "at"));
			const char *t = json_string_value(json_object_get(e, "type"));

			if (at < last || t == NULL ||
			    json_number_value(json_object_get(e, "frame")) >= (double)nframes)
				abort();
			last = at;
			depth += t[0] == 'O' ? 1 : -1;
			if (depth < 0)
				abort();
		}
		if (depth != 0)
			abort();
	}
	json_decref(doc);
}

static void
convert(const uint8_t *data, size_t size, const struct el2ss_opts *o)
{
	struct pk_err err = { NULL };
	struct pk_in *in;
	FILE *out;
	char *buf = NULL;
	size_t len = 0;

	int fd = -1;

	in = fuzz_in_open(data, size, size % 8 == 0, "fuzz", &fd, &err);
	if (in == NULL) {
		pk_err_clear(&err);
		if (fd >= 0)
			close(fd);
		return;
	}
	if ((out = open_memstream(&buf, &len)) == NULL)
		abort();
	if (el2ss_convert(o, in, out, &err) == 0) {
		if (fflush(out) != 0)
			abort();
		check_output(buf, len);
	}
	pk_err_clear(&err);
	fclose(out);
	free(buf);
	pk_in_close(in);
	if (fd >= 0)
		close(fd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *match[] = { "round" }, *exclude[] = { "6" };
	struct el2ss_opts o;

	if (size >= 2 && ((data[0] == 0x1f && data[1] == 0x8b) ||
			  (size >= 4 && memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0)))
		return 0;
	/* no message sink installed: the library stays silent */

	el2ss_opts_init(&o);
	convert(data, size, &o);

	el2ss_opts_init(&o);
	o.mode = EL2SS_SPANS;
	o.threads = true;
	o.merge = true;
	o.has_from = true;
	o.from_ns = 1000000;
	o.has_to = true;
	o.to_ns = 400000000;
	o.match = match;
	o.nmatch = 1;
	o.exclude = exclude;
	o.nexclude = 1;
	convert(data, size, &o);

	el2ss_opts_init(&o);
	o.drop_idle = true;
	o.start_marker = "START";
	o.end_marker = "END";
	o.open_prefix = "S";
	o.close_prefix = "E";
	convert(data, size, &o);
	return 0;
}
