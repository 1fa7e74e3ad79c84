/* fuzz_eventlog.c - libFuzzer target for the streaming eventlog reader.
 *
 * The input is handed to the reader through the input layer, so all of it
 * runs too (gzip and zstd detection and decoding included): a plain log
 * from memory (pk_in_memopen: no file, no 256 KiB buffer per execution);
 * a compressed one, and a plain one whose size is a multiple of 8, through
 * a memfd, so the read(2) paths (raw_fill, the decoder thread's reads)
 * stay covered.  Every event is read,
 * every decoded string and cost-centre stack is touched byte by byte (so
 * that ASan sees any read past the window), and the header declarations
 * are looked up.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "eventlog.h"
#include "harness_input.h"
#include "input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile unsigned sink;

static void
touch(struct el_str s)
{
	for (size_t i = 0; i < s.n; i++)
		sink += (unsigned char)s.p[i];
}

static void
touch_ccs(struct el_ccs c)
{
	for (unsigned i = 0; i < c.depth; i++)
		sink += el_ccs_at(c, i);
}

static void
use(const struct el_event *e)
{
	for (uint32_t i = 0; i < e->size; i++)
		sink += e->payload[i];
	const union el_fields *f = el_fields(e);

	if (f == NULL)
		return;
	switch (e->type) {
	case EL_THREAD_LABEL: touch(f->thread_label.label); break;
	case EL_LOG_MSG: case EL_USER_MSG: case EL_USER_MARKER:
	case EL_USER_BINARY_MSG: touch(f->msg.text); break;
	case EL_RTS_IDENTIFIER: case EL_PROGRAM_ARGS: case EL_PROGRAM_ENV:
		touch(f->capset_text.text);
		break;
	case EL_PROF_SAMPLE_COST_CENTRE: touch_ccs(f->prof_sample.stack); break;
	case EL_HEAP_PROF_SAMPLE_COST_CENTRE:
		touch_ccs(f->heap_sample_ccs.stack);
		break;
	case EL_HEAP_PROF_SAMPLE_STRING: touch(f->heap_sample_string.label); break;
	case EL_HEAP_PROF_BEGIN:
		touch(f->heap_prof_begin.module_filter);
		touch(f->heap_prof_begin.closure_filter);
		touch(f->heap_prof_begin.type_filter);
		touch(f->heap_prof_begin.cc_filter);
		touch(f->heap_prof_begin.ccs_filter);
		touch(f->heap_prof_begin.retainer_filter);
		touch(f->heap_prof_begin.bio_filter);
		sink += (unsigned)strlen(el_breakdown_name(f->heap_prof_begin.breakdown));
		break;
	case EL_HEAP_PROF_COST_CENTRE: {
		char *s = el_strdup(f->cost_centre.label);

		sink += (unsigned)strlen(s);
		free(s);
		touch(f->cost_centre.module);
		touch(f->cost_centre.srcloc);
		break;
	}
	case EL_IPE:
		touch(f->ipe.table_name);
		touch(f->ipe.closure_desc);
		touch(f->ipe.ty_desc);
		touch(f->ipe.label);
		touch(f->ipe.module);
		touch(f->ipe.srcloc);
		touch(f->ipe.src_file);
		touch(f->ipe.src_span);
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pk_err err = { NULL };
	struct pk_in *in;
	struct el_reader *r;
	struct el_event ev;
	unsigned long n = 0;
	int fd = -1, rc;

	in = fuzz_in_open(data, size,
			  (size >= 2 && data[0] == 0x1f && data[1] == 0x8b) ||
			  (size >= 4 &&
			   memcmp(data, "\x28\xb5\x2f\xfd", 4) == 0) ||
			  size % 8 == 0, "fuzz", &fd, &err);
	if (in == NULL) {
		pk_err_clear(&err);
		if (fd >= 0)
			close(fd);
		return 0;
	}
	if ((r = el_open(in, &err)) != NULL) {
		/* a tiny zstd frame can expand a lot: bound the work */
		while (n++ < (1ul << 20) && (rc = el_next(r, &ev, &err)) > 0) {
			const struct el_type *t = el_type_info(r, ev.type);

			if (t == NULL || ev.offset >= el_offset(r))
				abort(); /* delivered events are declared */
			touch(t->desc);
			use(&ev);
		}
		sink += el_truncated(r) + (unsigned)el_block_count(r);
		el_close(r);
	}
	pk_err_clear(&err);
	pk_in_close(in);
	if (fd >= 0)
		close(fd);
	return 0;
}
