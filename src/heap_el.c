/* heap_el.c - heap-profile samples from an eventlog, into struct hp_profile. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "eventlog.h"
#include "heap_el.h"
#include "heap_private.h"

#define MAX_CC_ID (1u << 24)

struct cc {
	char *label, *module, *srcloc;
	bool caf;
};

struct el_state {
	struct hp_profile *p;
	struct cc *cc;
	size_t ncc;
	bool in_sample;
	uint64_t sample_off;
	long size, live; /* overlay index + 1 */
	char *name;
	size_t name_cap;
	size_t samples_begun;
	bool has_end;   /* the log declares HEAP_PROF_SAMPLE_END (GHC >= 8.6) */
	const char *file;
};

static double
secs(uint64_t ns)
{
	return (double)ns / 1e9;
}

static void
str_put(struct el_state *st, size_t *len, const char *s, size_t n)
{
	if (*len + n + 1 > st->name_cap) {
		st->name_cap = (*len + n + 1) * 2;
		st->name = pk_xrealloc(st->name, st->name_cap);
	}
	memcpy(st->name + *len, s, n);
	*len += n;
	st->name[*len] = '\0';
}

/* (innermost id)label/label/... and the full stack for the detail */
static uint32_t
ccs_band(struct el_state *st, struct el_ccs s)
{
	size_t len = 0;
	char num[32];

	if (s.depth == 0)
		return hp_intern(st->p, "MAIN", 4);
	snprintf(num, sizeof num, "(%u)", el_ccs_at(s, 0));
	str_put(st, &len, num, strlen(num));
	for (unsigned i = 0; i < s.depth; i++) {
		uint32_t id = el_ccs_at(s, i);

		if (i)
			str_put(st, &len, "/", 1);
		if (id < st->ncc && st->cc[id].label) {
			str_put(st, &len, st->cc[id].label, strlen(st->cc[id].label));
		} else {
			snprintf(num, sizeof num, "cc%u", id);
			str_put(st, &len, num, strlen(num));
		}
	}
	/* names never hold TAB or newline (as in .hp) */
	for (size_t i = 0; i < len; i++)
		if (st->name[i] == '\t' || st->name[i] == '\n')
			st->name[i] = ' ';
	uint32_t b = hp_intern(st->p, st->name, len);
	struct hp_band *bd = &st->p->bands[b];
	if (bd->detail == NULL) {
		size_t dl = 0;
		char *save = st->name;
		size_t savecap = st->name_cap;

		st->name = NULL;
		st->name_cap = 0;
		str_put(st, &dl, "cost-centre stack (innermost first):", 36);
		for (unsigned i = 0; i < s.depth; i++) {
			uint32_t id = el_ccs_at(s, i);
			const struct cc *c = id < st->ncc ? &st->cc[id] : NULL;
			char *line = pk_xasprintf("\n%s (%s, %s)%s",
				c && c->label ? c->label : "?",
				c && c->module ? c->module : "?",
				c && c->srcloc ? c->srcloc : "?",
				c && c->caf ? " CAF" : "");
			str_put(st, &dl, line, strlen(line));
			free(line);
		}
		bd->detail = st->name;
		st->name = save;
		st->name_cap = savecap;
	}
	return b;
}

static void
end_sample(struct el_state *st)
{
	st->in_sample = false;
}

static void
begin_sample(struct el_state *st, double t, uint64_t off)
{
	if (st->in_sample && st->has_end)
		hp_warn(st->p, "%s: offset %llu: heap sample begins before the previous one ended",
			st->file, (unsigned long long)off);
	hp_add_sample(st->p, t);
	st->in_sample = true;
	st->sample_off = off;
	st->samples_begun++;
}

struct hp_profile *
hp_read_eventlog(struct pk_in *in, struct heap_ipe *ipe, struct pk_err *err)
{
	return hp_read_eventlog_max(in, ipe, 0, err);
}

struct hp_profile *
hp_read_eventlog_max(struct pk_in *in, struct heap_ipe *ipe,
		     size_t max_samples, struct pk_err *err)
{
	struct el_state st = {0};
	struct el_reader *r = el_open(in, err);
	struct el_event ev;
	int rc;
	bool have_args = false;

	if (r == NULL)
		return NULL;
	st.p = hp_new();
	st.p->max_samples = max_samples;
	st.file = el_name(r);
	{
		const struct el_type *t = el_type_info(r, EL_HEAP_PROF_SAMPLE_END);
		st.has_end = t != NULL && t->declared;
	}
	st.p->clock = "elapsed seconds";
	st.p->source = "eventlog";
	hp_set_string(&st.p->job, "");
	while ((rc = el_next(r, &ev, err)) > 0) {
		const union el_fields *f = el_fields(&ev);

		if (f == NULL)
			continue;
		switch (ev.type) {
		case EL_PROGRAM_ARGS:
			if (!have_args) {
				size_t n = f->capset_text.text.n;
				char *a = pk_xmalloc(n + 1);
				memcpy(a, f->capset_text.text.p, n);
				a[n] = '\0';
				/* NUL-separated */
				while (n > 0 && a[n - 1] == '\0')
					n--;
				for (size_t i = 0; i < n; i++)
					if (a[i] == '\0')
						a[i] = ' ';
				a[n] = '\0';
				hp_set_string(&st.p->job, a);
				free(a);
				have_args = true;
			}
			break;
		case EL_WALL_CLOCK_TIME: {
			time_t t = (time_t)f->wall_clock.sec;
			struct tm tm;
			char buf[64];
			if (gmtime_r(&t, &tm) &&
			    strftime(buf, sizeof buf, "%a %b %d %H:%M %Y UTC", &tm))
				hp_set_string(&st.p->date, buf);
			break;
		}
		case EL_HEAP_PROF_BEGIN:
			st.p->breakdown = el_breakdown_name(f->heap_prof_begin.breakdown);
			break;
		case EL_HEAP_PROF_COST_CENTRE: {
			uint32_t id = f->cost_centre.id;
			if (id >= MAX_CC_ID)
				break;
			if (id >= st.ncc) {
				size_t n = id + 1 > st.ncc * 2 ? id + 1 : st.ncc * 2;
				st.cc = pk_xreallocarray(st.cc, n, sizeof *st.cc);
				memset(st.cc + st.ncc, 0, (n - st.ncc) * sizeof *st.cc);
				st.ncc = n;
			}
			struct cc *c = &st.cc[id];
			free(c->label);
			free(c->module);
			free(c->srcloc);
			c->label = el_strdup(f->cost_centre.label);
			c->module = el_strdup(f->cost_centre.module);
			c->srcloc = el_strdup(f->cost_centre.srcloc);
			c->caf = f->cost_centre.flags & 1;
			break;
		}
		case EL_HEAP_PROF_SAMPLE_BEGIN:
			begin_sample(&st, secs(ev.time), ev.offset);
			break;
		case EL_HEAP_BIO_PROF_SAMPLE_BEGIN:
			begin_sample(&st, secs(f->bio_sample.time), ev.offset);
			break;
		case EL_HEAP_PROF_SAMPLE_END:
			end_sample(&st);
			break;
		case EL_HEAP_PROF_SAMPLE_COST_CENTRE:
			if (!st.in_sample)
				begin_sample(&st, secs(ev.time), ev.offset);
			hp_add_value(st.p, ccs_band(&st, f->heap_sample_ccs.stack),
				     f->heap_sample_ccs.residency);
			break;
		case EL_HEAP_PROF_SAMPLE_STRING: {
			struct el_str l = f->heap_sample_string.label;
			char *nm;
			if (!st.in_sample)
				begin_sample(&st, secs(ev.time), ev.offset);
			nm = pk_xmalloc(l.n + 1);
			memcpy(nm, l.p, l.n);
			for (size_t i = 0; i < l.n; i++)
				if (nm[i] == '\t' || nm[i] == '\n')
					nm[i] = ' ';
			hp_add_value(st.p, hp_intern(st.p, nm, l.n),
				     f->heap_sample_string.residency);
			free(nm);
			break;
		}
		case EL_USER_MARKER: {
			char *m = el_strdup(f->msg.text);
			hp_add_mark(st.p, secs(ev.time), m);
			free(m);
			break;
		}
		case EL_HEAP_SIZE:
			if (st.size == 0) {
				hp_add_overlay(st.p, "heap size");
				st.size = (long)st.p->noverlays;
			}
			hp_series_push(&st.p->overlays[st.size - 1], secs(ev.time),
				       (double)f->heap.bytes);
			break;
		case EL_HEAP_LIVE:
			if (st.live == 0) {
				hp_add_overlay(st.p, "live data");
				st.live = (long)st.p->noverlays;
			}
			hp_series_push(&st.p->overlays[st.live - 1], secs(ev.time),
				       (double)f->heap.bytes);
			break;
		case EL_IPE:
			if (ipe) {
				struct heap_ipe_entry e = {.addr = f->ipe.info};
				e.table_name = el_strdup(f->ipe.table_name);
				e.closure_desc = el_strdup(f->ipe.closure_desc);
				e.ty_desc = el_strdup(f->ipe.ty_desc);
				e.label = el_strdup(f->ipe.label);
				e.module = el_strdup(f->ipe.module);
				/* GHC 9.6+ write ":" (file and span both
				 * empty) for entries without a location */
				if (f->ipe.srcloc.n == 1 && f->ipe.srcloc.p[0] == ':')
					e.srcloc = pk_xstrdup("");
				else if (f->ipe.srcloc.n)
					e.srcloc = el_strdup(f->ipe.srcloc);
				else if (f->ipe.src_file.n) {
					char *file = el_strdup(f->ipe.src_file);
					char *s = el_strdup(f->ipe.src_span);
					e.srcloc = pk_xasprintf("%s:%s", file, s);
					free(file);
					free(s);
				} else
					e.srcloc = pk_xstrdup("");
				heap_ipe_add(ipe, &e);
				free(e.table_name);
				free(e.closure_desc);
				free(e.ty_desc);
				free(e.label);
				free(e.module);
				free(e.srcloc);
			}
			break;
		default:
			break;
		}
	}
	if (rc < 0) {
		hp_free(st.p);
		st.p = NULL;
		goto out;
	}
	if (el_truncated(r))
		hp_warn(st.p, "%s: offset %llu: the eventlog ends early (killed run?); everything before the cut is kept",
			el_name(r), (unsigned long long)el_offset(r));
	if (st.in_sample && (st.has_end || el_truncated(r)))
		hp_warn(st.p, "%s: offset %llu: last heap sample has no end event; the sample is kept",
			el_name(r), (unsigned long long)st.sample_off);
	if ((st.in_sample && st.has_end) || el_truncated(r))
		st.p->truncated = true;
	if (st.samples_begun == 0)
		hp_warn(st.p, "%s: no heap-profile samples in this eventlog (run the program with +RTS -h -l)",
			el_name(r));
	hp_finish(st.p);
out:
	for (size_t i = 0; i < st.ncc; i++) {
		free(st.cc[i].label);
		free(st.cc[i].module);
		free(st.cc[i].srcloc);
	}
	free(st.cc);
	free(st.name);
	el_close(r);
	return st.p;
}
