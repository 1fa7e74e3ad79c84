/* eventlog_summary.c - the report behind prof-summarize --events. */
#include "config.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "eventlog.h"
#include "eventlog_summary.h"

/* Split PROGRAM_ARGS text (NUL-separated) into a NULL-terminated array. */
static char **
split_args(struct el_str t)
{
	size_t n = 1, k = 0, start = 0;
	char **v;

	for (size_t i = 0; i < t.n; i++)
		n += t.p[i] == '\0';
	v = pk_xcalloc(n + 1, sizeof *v);
	for (size_t i = 0; i <= t.n; i++) {
		if (i == t.n || t.p[i] == '\0') {
			v[k++] = pk_xstrndup(t.p + start, i - start);
			start = i + 1;
		}
	}
	return v;
}

static void
free_args(char **v)
{
	if (v == NULL)
		return;
	for (size_t i = 0; v[i] != NULL; i++)
		free(v[i]);
	free(v);
}

int
el_summary_collect(struct pk_in *in, struct el_summary *s, struct pk_err *err)
{
	struct el_reader *r;
	struct el_event ev;
	uint64_t *count;
	uint8_t *capseen;
	int rc;

	memset(s, 0, sizeof *s);
	s->name = pk_xstrdup(pk_in_name(in));
	if ((r = el_open(in, err)) == NULL) {
		el_summary_free(s);
		return -1;
	}
	count = pk_xcalloc(65536, sizeof *count);
	capseen = pk_xcalloc(65536 / 8, 1);
	while ((rc = el_next(r, &ev, err)) > 0) {
		count[ev.type]++;
		if (ev.cap != EL_NO_CAP)
			capseen[ev.cap >> 3] |= (uint8_t)(1u << (ev.cap & 7));
		if (!s->have_time) {
			s->first_time = s->last_time = ev.time;
			s->have_time = true;
		} else if (ev.time < s->first_time) {
			s->first_time = ev.time;
		} else if (ev.time > s->last_time) {
			s->last_time = ev.time;
		}
		const union el_fields *f = el_fields(&ev);

		if (f == NULL)
			continue;
		switch (ev.type) {
		case EL_RTS_IDENTIFIER:
			if (s->rts_id == NULL)
				s->rts_id = el_strdup(f->capset_text.text);
			break;
		case EL_PROGRAM_ARGS:
			if (s->args == NULL)
				s->args = split_args(f->capset_text.text);
			break;
		/* capabilities: block owners, CAP_CREATE and the
		 * capability of time-profile samples (prof_summary_el.c
		 * counts the same) */
		case EL_CAP_CREATE:
			if (f->cap.cap != EL_NO_CAP)
				capseen[f->cap.cap >> 3] |=
					(uint8_t)(1u << (f->cap.cap & 7));
			break;
		case EL_PROF_SAMPLE_COST_CENTRE:
			if (f->prof_sample.capability < EL_NO_CAP)
				capseen[f->prof_sample.capability >> 3] |=
					(uint8_t)(1u << (f->prof_sample.capability & 7));
			break;
		default:
			break;
		}
	}
	if (rc == 0) {
		s->truncated = el_truncated(r);
		s->bytes = el_offset(r);
		s->blocks = el_block_count(r);
		for (unsigned c = 0; c < EL_NO_CAP; c++)
			if (capseen[c >> 3] & (1u << (c & 7))) {
				s->ncaps++;
				s->max_cap = (uint16_t)c;
			}
		for (unsigned id = 0; id < 65536; id++) {
			const struct el_type *t = el_type_info(r, (uint16_t)id);
			struct el_summary_type *st;

			if (t == NULL && count[id] == 0)
				continue;
			s->types = pk_xreallocarray(s->types, s->ntypes + 1,
						    sizeof *s->types);
			st = &s->types[s->ntypes++];
			st->id = (uint16_t)id;
			st->size = t ? t->size : -1;
			st->name = t ? el_strdup(t->desc) : pk_xstrdup("?");
			st->count = count[id];
			s->events += count[id];
		}
	}
	free(count);
	free(capseen);
	el_close(r);
	if (rc < 0) {
		el_summary_free(s);
		return -1;
	}
	return 0;
}

void
el_summary_free(struct el_summary *s)
{
	free(s->name);
	free(s->rts_id);
	free_args(s->args);
	for (size_t i = 0; i < s->ntypes; i++)
		free(s->types[i].name);
	free(s->types);
	memset(s, 0, sizeof *s);
}

static void
print_text(const struct el_summary *s, FILE *out)
{
	fprintf(out, "eventlog: %s\n", s->name);
	fprintf(out, "ghc: %s\n", s->rts_id ? s->rts_id : "(unknown)");
	fputs("program:", out);
	if (s->args == NULL)
		fputs(" (unknown)", out);
	for (size_t i = 0; s->args && s->args[i] != NULL; i++)
		fprintf(out, " %s", s->args[i]);
	fputc('\n', out);
	if (s->ncaps > 0)
		fprintf(out, "capabilities: %u (0..%u)\n", s->ncaps,
			(unsigned)s->max_cap);
	else
		fputs("capabilities: 0\n", out);
	if (s->have_time)
		fprintf(out, "time span: %" PRIu64 " .. %" PRIu64
			" ns (%.6f s)\n", s->first_time, s->last_time,
			(double)(s->last_time - s->first_time) / 1e9);
	else
		fputs("time span: (no events)\n", out);
	fprintf(out, "events: %" PRIu64 "\n", s->events);
	fprintf(out, "blocks: %" PRIu64 "\n", s->blocks);
	fprintf(out, "bytes: %" PRIu64 "%s\n", s->bytes,
		s->truncated ? " (truncated: the log ends early)" : "");
	fputs("event types:\n", out);
	fprintf(out, "  %5s %10s %6s  %s\n", "id", "count", "size", "name");
	for (size_t i = 0; i < s->ntypes; i++) {
		const struct el_summary_type *t = &s->types[i];
		char size[16];

		if (t->count == 0)
			continue;
		if (t->size < 0)
			strcpy(size, "var");
		else
			snprintf(size, sizeof size, "%d", (int)t->size);
		fprintf(out, "  %5u %10" PRIu64 " %6s  %s\n", t->id, t->count,
			size, t->name);
	}
}

void
el_summary_print(const struct el_summary *s, FILE *out,
		 enum el_summary_format fmt)
{
	switch (fmt) {
	case EL_SUMMARY_TOTAL:
		fprintf(out, "%" PRIu64 "\n", s->events);
		break;
	case EL_SUMMARY_TEXT:
		print_text(s, out);
		break;
	}
}
