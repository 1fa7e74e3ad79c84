/* pipeline.c - prof-pipeline's stages; see pipeline.h.  Each conversion is
 * one call into the converters' libraries (no shelling out). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "eventlog_speedscope.h"
#include "fmt.h"
#include "heap_convert.h"
#include "input.h"
#include "output.h"
#include "pipeline.h"
#include "prof.h"
#include "prof_speedscope.h"
#include "prof_summary.h"

void
pl_opts_default(struct pl_opts *o)
{
	memset(o, 0, sizeof *o);
	o->modes[0] = RUN_EVENTLOG;
	o->modes[1] = RUN_PROF;
	o->modes[2] = RUN_HEAP;
	o->modes[3] = RUN_INFOTABLES;
	o->nmodes = 4;
	o->timeout = 240;
	o->grace = 30;
	o->kill_after = 5;
	arc_limits_default(&o->limits);
}

int
pl_parse_modes(struct pl_opts *o, const char *list)
{
	char *s = pk_xstrdup(list), *tok, *save = NULL;
	int rc = 0;

	o->nmodes = 0;
	for (tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		enum run_mode m;
		size_t i;

		if (run_mode_parse(tok, &m) != 0 || o->nmodes == PL_MAX_MODES) {
			rc = -1;
			break;
		}
		for (i = 0; i < o->nmodes; i++)
			if (o->modes[i] == m)
				break;
		if (i == o->nmodes)
			o->modes[o->nmodes++] = m;
	}
	free(s);
	return rc == 0 && o->nmodes > 0 ? 0 : -1;
}

/* ---- helpers ---------------------------------------------------------- */

struct pl {
	const struct pl_opts *o;
	char *work, *report, *name, *script;
	const char *flavour;
	struct arc_script sc;
	bool failed;
	bool interrupted;
	struct run_result res[PL_MAX_MODES];
	bool ran[PL_MAX_MODES];
	char *mode_status[PL_MAX_MODES]; /* "ok", "failed: ...", "skipped: ..." */
	char **outputs;                  /* top-level files made, for the tarball */
	size_t noutputs;
};

static void
progress(const struct pl *pl, const char *fmt, ...) PK_PRINTF(2, 3);

static void
progress(const struct pl *pl, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	if (pl->o->quiet)
		return;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		pk_oom();
	va_end(ap);
	pk_note("%s", msg);
	free(msg);
}

static int
rm_cb(const char *p, const struct stat *sb, int type, struct FTW *ftw)
{
	(void)sb; (void)type; (void)ftw;
	remove(p);
	return 0;
}

static char *
outpath(const struct pl *pl, const char *name)
{
	return pk_xasprintf("%s/%s", pl->o->outdir, name);
}

static void
add_output(struct pl *pl, const char *name)
{
	for (size_t i = 0; i < pl->noutputs; i++)
		if (strcmp(pl->outputs[i], name) == 0)
			return;
	pl->outputs = pk_xreallocarray(pl->outputs, pl->noutputs + 1,
				       sizeof *pl->outputs);
	pl->outputs[pl->noutputs++] = pk_xstrdup(name);
}

static bool
exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* Put SRC at OUTDIR/NAME too (a hard link; a copy across filesystems). */
static int
publish(struct pl *pl, const char *src, const char *name, struct pk_err *err)
{
	char *dst = outpath(pl, name);
	int rc = 0;

	if (pl->o->force)
		unlink(dst);
	if (link(src, dst) != 0) {
		if (errno == EEXIST) {
			pk_err_set(err, "%s: already exists (use --force)", dst);
			rc = -1;
		} else {
			struct pk_out *out = pk_out_open(dst, pl->o->force ?
							 PK_OUT_FORCE : 0, err);
			FILE *in = fopen(src, "rb");
			char buf[65536];
			size_t n;

			if (out == NULL || in == NULL) {
				if (in == NULL)
					pk_err_set(err, "%s: %s", src,
						   strerror(errno));
				if (out)
					pk_out_abort(out);
				if (in)
					fclose(in);
				free(dst);
				return -1;
			}
			while ((n = fread(buf, 1, sizeof buf, in)) > 0)
				fwrite(buf, 1, n, pk_out_file(out));
			fclose(in);
			rc = pk_out_commit(out, err);
		}
	}
	if (rc == 0)
		add_output(pl, name);
	free(dst);
	return rc;
}

static const char *
bin_for(const struct pl_opts *o, enum run_mode m)
{
	switch (m) {
	case RUN_PROF: case RUN_PROF_JSON: case RUN_HEAP:
		return o->prof_bin_dir ? o->prof_bin_dir : o->bin_dir;
	case RUN_INFOTABLES:
		return o->infotable_bin_dir ? o->infotable_bin_dir : o->bin_dir;
	default:
		return o->bin_dir;
	}
}

/* ---- stages ----------------------------------------------------------- */

static void
run_mode(struct pl *pl, size_t i)
{
	const struct pl_opts *o = pl->o;
	enum run_mode m = o->modes[i];
	const char *mname = run_mode_name(m);
	struct run_opts ro;
	struct run_result *r = &pl->res[i];
	struct pk_err err = { 0 };
	char *argv[3] = { "sh", pl->script, NULL };
	char *wd = pk_xasprintf("%s/%s", pl->work, mname);
	char *od = outpath(pl, mname);
	char *log = pk_xasprintf("%s/output.log", od);
	const char *bin = bin_for(o, m);
	bool incomplete = false;

	run_opts_default(&ro);
	ro.mode = m;
	ro.argv = argv;
	ro.rts = o->rts;
	ro.name = pl->name;
	ro.workdir = wd;
	ro.copy_from = pl->report;
	ro.outdir = od;
	ro.log = log;
	ro.path_prepend = bin;
	ro.ghc_program = pl->sc.command;
	ro.timeout = o->timeout;
	ro.grace = o->grace;
	ro.kill_after = o->kill_after;
	ro.force = o->force;
	ro.quiet = o->quiet;
	ro.stdin_null = true;
	if (mkdir(od, 0755) != 0 && errno != EEXIST) {
		pl->mode_status[i] = pk_xasprintf("failed: %s: %s", od,
						  strerror(errno));
		pl->failed = true;
		goto out;
	}
	progress(pl, "[%s] running sh %s (RTS %s; limit %gs; PATH+=%s)", mname,
		 pl->script, run_mode_rts(m), o->timeout, bin ? bin : "-");
	pl->ran[i] = true;
	if (run_execute(&ro, r, &err) != 0) {
		if (r->skipped) {
			pl->mode_status[i] = pk_xasprintf("skipped: %s",
							  r->skip_reason);
			progress(pl, "[%s] skipped: %s", mname, r->skip_reason);
		} else {
			pl->mode_status[i] = pk_xasprintf("failed: %s", err.msg);
			progress(pl, "[%s] failed: %s", mname, err.msg);
			pl->failed = true;
		}
		pk_err_clear(&err);
		goto out;
	}
	for (size_t k = 0; k < r->nartifacts; k++)
		if (!r->artifacts[k].complete) {
			incomplete = true;
			progress(pl, "[%s] %s is partial: %s", mname,
				 r->artifacts[k].name, r->artifacts[k].reason);
		}
	if (r->interrupted)
		pl->interrupted = pl->failed = true;
	if (r->timed_out) {
		pl->mode_status[i] = pk_xasprintf("%s: timed out after %gs",
			incomplete ? "failed" : "ok", o->timeout);
	} else if (r->status != 0) {
		pl->mode_status[i] = r->term_signal ?
			pk_xasprintf("failed: killed by signal %d",
				     r->term_signal) :
			pk_xasprintf("failed: exit status %d", r->exit_code);
	} else if (incomplete) {
		pl->mode_status[i] = pk_xstrdup("failed: partial artifacts");
	} else {
		pl->mode_status[i] = pk_xstrdup("ok");
	}
	if (strncmp(pl->mode_status[i], "failed", 6) == 0)
		pl->failed = true;
	progress(pl, "[%s] %s (exit %d, %.1f s wall, %.1f s user, max RSS "
		 "%ld KiB, %zu artifacts)", mname, pl->mode_status[i],
		 r->status, r->wall, r->user, r->max_rss_kb, r->nartifacts);
out:
	free(wd);
	free(od);
	free(log);
}

static void
conv_failed(struct pl *pl, const char *mode, const char *what,
	    struct pk_err *err)
{
	pl->failed = true;
	pk_warn("[%s] %s: %s", mode, what, err->msg ? err->msg : "failed");
	pk_err_clear(err);
}

/* prof-speedscope.json from the .prof; the eventlog's cost-centre
 * samples when the .prof is missing or cannot be read. */
static int
to_speedscope(struct pl *pl, const char *prof, const char *eventlog,
	      const char *out, struct pk_err *err)
{
	struct prof *p = exists(prof) ? prof_read_file(prof, err) : NULL;
	struct pk_out *po;
	int rc;

	if (p == NULL && eventlog != NULL && exists(eventlog)) {
		struct el2ss_opts eo;
		struct pk_in *in;

		pk_err_clear(err);
		el2ss_opts_init(&eo);
		eo.mode = EL2SS_SAMPLES;
		eo.name = pl->name;
		eo.exporter = "prof-pipeline";
		in = pk_in_open(eventlog, err);
		if (in == NULL)
			return -1;
		po = pk_out_open(out, pl->o->force ? PK_OUT_FORCE : 0, err);
		if (po == NULL) {
			pk_in_close(in);
			return -1;
		}
		rc = el2ss_convert(&eo, in, pk_out_file(po), err);
		pk_in_close(in);
		if (rc != 0) {
			pk_out_abort(po);
			return -1;
		}
		return pk_out_commit(po, err);
	}
	if (p == NULL) {
		if (err->msg == NULL)
			pk_err_set(err, "%s: no profile to convert", prof);
		return -1;
	}
	po = pk_out_open(out, pl->o->force ? PK_OUT_FORCE : 0, err);
	if (po == NULL) {
		prof_free(p);
		return -1;
	}
	rc = prof_write_speedscope(p, pk_out_file(po), PROF_W_BOTH,
				   "prof-pipeline", err);
	prof_free(p);
	if (rc != 0) {
		pk_out_abort(po);
		return -1;
	}
	return pk_out_commit(po, err);
}

static int
to_heap(struct pl *pl, const char *in, const char *out, const char *title,
	struct pk_err *err)
{
	struct heap_opts ho;

	heap_opts_init(&ho);
	ho.title = title;
	return heap_convert(&ho, in, out, pl->o->force ? PK_OUT_FORCE : 0, err);
}

static void
convert(struct pl *pl, size_t i)
{
	enum run_mode m = pl->o->modes[i];
	const char *mname = run_mode_name(m);
	struct pk_err err = { 0 };
	char *dir = outpath(pl, mname);
	char *f_el = pk_xasprintf("%s/%s.eventlog", dir, pl->name);
	char *f_prof = pk_xasprintf("%s/%s.prof", dir, pl->name);
	char *f_hp = pk_xasprintf("%s/%s.hp", dir, pl->name);
	char *n_el = pk_xasprintf("%s.eventlog", pl->name);
	char *n_prof = pk_xasprintf("%s.prof", pl->name);
	char *out = NULL, *title = NULL;

	if (!pl->ran[i] || pl->res[i].skipped || !pl->res[i].started)
		goto done;
	switch (m) {
	case RUN_EVENTLOG:
		if (!exists(f_el))
			pk_err_set(&err, "%s: not written by the run (see "
				   "%s/output.log)", f_el, dir);
		if (!exists(f_el) || publish(pl, f_el, n_el, &err) != 0)
			conv_failed(pl, mname, n_el, &err);
		else
			progress(pl, "[%s] %s", mname, n_el);
		break;
	case RUN_PROF:
		if (!exists(f_prof))
			pk_err_set(&err, "%s: not written by the run (see "
				   "%s/output.log)", f_prof, dir);
		if (!exists(f_prof) || publish(pl, f_prof, n_prof, &err) != 0)
			conv_failed(pl, mname, n_prof, &err);
		else
			progress(pl, "[%s] %s", mname, n_prof);
		out = outpath(pl, "prof-speedscope.json");
		if (to_speedscope(pl, f_prof, f_el, out, &err) != 0) {
			conv_failed(pl, mname, "prof-speedscope.json", &err);
		} else {
			add_output(pl, "prof-speedscope.json");
			progress(pl, "[%s] prof-speedscope.json", mname);
		}
		break;
	case RUN_HEAP:
		title = pk_xasprintf("%s: heap by cost centre (-hc)", pl->name);
		out = outpath(pl, "heap-cost-centers.svg");
		if (to_heap(pl, f_hp, out, title, &err) != 0) {
			conv_failed(pl, mname, "heap-cost-centers.svg", &err);
		} else {
			add_output(pl, "heap-cost-centers.svg");
			progress(pl, "[%s] heap-cost-centers.svg", mname);
		}
		free(out);
		out = outpath(pl, "heap-cost-centers.html");
		if (to_heap(pl, f_hp, out, title, &err) != 0) {
			conv_failed(pl, mname, "heap-cost-centers.html", &err);
		} else {
			add_output(pl, "heap-cost-centers.html");
			progress(pl, "[%s] heap-cost-centers.html", mname);
		}
		break;
	case RUN_INFOTABLES:
		/* the eventlog carries the samples and the IPE table */
		title = pk_xasprintf("%s: heap by info table (-hi)", pl->name);
		out = outpath(pl, "heap-infotables.html");
		if (to_heap(pl, exists(f_el) ? f_el : f_hp, out, title,
			    &err) != 0) {
			conv_failed(pl, mname, "heap-infotables.html", &err);
		} else {
			add_output(pl, "heap-infotables.html");
			progress(pl, "[%s] heap-infotables.html", mname);
		}
		break;
	default:
		break;
	}
done:
	free(out);
	free(title);
	free(dir);
	free(f_el);
	free(f_prof);
	free(f_hp);
	free(n_el);
	free(n_prof);
}

static void
md_cell(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}

struct it_row {
	size_t band;
	uint64_t bytes;
};

static int
cmp_it_row(const void *a, const void *b)
{
	const struct it_row *x = a, *y = b;

	if (x->bytes != y->bytes)
		return x->bytes < y->bytes ? 1 : -1;
	return x->band < y->band ? -1 : x->band > y->band;
}

/* "## Heap by info table": the -hi run's eventlog joined with its own IPE
 * entries: peak, coverage, the largest info tables at the peak with their
 * names, types and source locations. */
static void
summary_infotables(FILE *f, const struct pl *pl, struct pk_err *err)
{
	char *el = pk_xasprintf("%s/infotables/%s.eventlog", pl->o->outdir,
				pl->name);
	struct heap_opts ho;
	struct heap_ipe_coverage cov;
	struct heap_ipe ipe = {0};
	struct hp_profile *p = NULL;
	struct it_row *rows = NULL;
	size_t peak = 0, n = 0;
	char pb[40];

	heap_opts_init(&ho);
	fputs("## Heap by info table (-hi)\n\n", f);
	if (!exists(el) || (p = heap_load(&ho, el, &cov, err)) == NULL ||
	    heap_ipe_read(&ipe, el, err) != 0) {
		fprintf(f, "No readable info-table profile: %s\n",
			err->msg ? err->msg : "missing");
		pk_err_clear(err);
		goto out;
	}
	for (size_t s = 1; s < p->nsamples; s++)
		if (p->samples[s].total > p->samples[peak].total)
			peak = s;
	fprintf(f, "| | |\n|---|---|\n| eventlog | `infotables/%s.eventlog` |\n",
		pl->name);
	fprintf(f, "| samples | %zu |\n| bands | %zu |\n", p->nsamples,
		p->nbands);
	if (cov.bands)
		fprintf(f, "| IPE coverage | %zu of %zu info tables (%.1f %%), "
			"%.1f %% of the bytes |\n", cov.bands_matched,
			cov.bands, 100.0 * (double)cov.bands_matched /
			(double)cov.bands, cov.bytes ? 100.0 *
			(double)cov.bytes_matched / (double)cov.bytes : 0.0);
	if (p->nsamples == 0) {
		fputs("\nNo heap samples.\n", f);
		goto out;
	}
	fmt_grouped(pb, sizeof pb, p->samples[peak].total);
	fprintf(f, "| peak | %s bytes at %.2f s |\n\n", pb,
		p->samples[peak].time);
	{
		const struct hp_sample *ps = &p->samples[peak];

		rows = pk_xcalloc(ps->n + 1, sizeof *rows);
		for (size_t i = 0; i < ps->n; i++) {
			rows[n].band = p->entries[ps->first + i].band;
			rows[n].bytes = p->entries[ps->first + i].value;
			n++;
		}
		qsort(rows, n, sizeof *rows, cmp_it_row);
	}
	if (n > 10)
		n = 10;
	fputs("### Top 10 info tables at the peak\n\n"
	      "| bytes | % | info table | type | source |\n"
	      "|---:|---:|---|---|---|\n", f);
	for (size_t i = 0; i < n; i++) {
		const struct hp_band *bd = &p->bands[rows[i].band];
		const struct heap_ipe_entry *e =
			heap_ipe_find(&ipe, strtoull(bd->name, NULL, 16));

		fprintf(f, "| %llu | %.1f | `", (unsigned long long)rows[i].bytes,
			100.0 * (double)rows[i].bytes /
			(double)p->samples[peak].total);
		md_cell(f, bd->label ? bd->label : bd->name);
		fputs("` | ", f);
		md_cell(f, e && *e->ty_desc ? e->ty_desc : "-");
		fputs(" | ", f);
		md_cell(f, e && *e->srcloc ? e->srcloc : e ? "(no location)" :
			"(no IPE entry)");
		fputs(" |\n", f);
	}
out:
	if (p)
		hp_free(p);
	heap_ipe_free(&ipe);
	free(rows);
	free(el);
}

static int
write_summary(struct pl *pl, struct pk_err *err)
{
	char *path = outpath(pl, "summary.md");
	struct pk_out *po = pk_out_open(path, pl->o->force ? PK_OUT_FORCE : 0,
					err);
	struct prof_summary_opts so;
	FILE *f;
	size_t i;
	int heap = -1, prof = -1, infotables = -1;

	free(path);
	if (po == NULL)
		return -1;
	f = pk_out_file(po);
	prof_summary_opts_init(&so);
	so.format = PS_MARKDOWN;
	fprintf(f, "# Profiling report: %s\n\n", pl->name);
	fprintf(f, "Report `");
	md_cell(f, pl->o->tarball);
	fprintf(f, "` (%s flavour), script `%s`: `%s", pl->flavour,
		pl->script, pl->sc.command);
	for (i = 0; i < pl->sc.argc; i++) {
		fputc(' ', f);
		md_cell(f, pl->sc.argv[i]);
	}
	fprintf(f, "`.\n\n## Runs\n\n");
	fprintf(f, "| mode | result | RTS flags | exit | signal | timed out "
		"| wall s | user s | sys s | max RSS KiB | artifacts |\n");
	fprintf(f, "|---|---|---|---:|---|---|---:|---:|---:|---:|---|\n");
	for (i = 0; i < pl->o->nmodes; i++) {
		const struct run_result *r = &pl->res[i];
		enum run_mode m = pl->o->modes[i];

		if (m == RUN_HEAP && r->started)
			heap = (int)i;
		if (m == RUN_PROF && r->started)
			prof = (int)i;
		if (m == RUN_INFOTABLES && r->started && !r->skipped)
			infotables = (int)i;
		fprintf(f, "| %s | ", run_mode_name(m));
		md_cell(f, pl->mode_status[i] ? pl->mode_status[i] : "not run");
		fprintf(f, " | `%s` | ", run_mode_rts(m));
		if (r->exited)
			fprintf(f, "%d", r->exit_code);
		else
			fputs("-", f);
		fprintf(f, " | %s | %s | %.2f | %.2f | %.2f | %ld | ",
			r->term_signal ? (r->term_signal == 2 ? "SIGINT" :
			r->term_signal == 15 ? "SIGTERM" : r->term_signal == 9
			? "SIGKILL" : "other") : "-",
			r->timed_out ? "**yes**" : "no", r->wall, r->user,
			r->sys, r->max_rss_kb);
		for (size_t k = 0; k < r->nartifacts; k++)
			fprintf(f, "%s`%s` %llu B%s", k ? ", " : "",
				r->artifacts[k].name,
				(unsigned long long)r->artifacts[k].size,
				r->artifacts[k].complete ? "" : " (partial)");
		if (r->nartifacts == 0)
			fputs("-", f);
		fputs(" |\n", f);
	}
	if (prof >= 0) {
		char *pp = pk_xasprintf("%s/prof/%s.prof", pl->o->outdir,
					pl->name);
		struct prof *p = exists(pp) ? prof_read_file(pp, err) : NULL;

		fputc('\n', f);
		if (p != NULL) {
			prof_summary_write(f, p, &so); /* has its own heading */
			prof_free(p);
		} else {
			fprintf(f, "## Cost-centre profile\n\n"
				"No readable profile: %s\n",
				err->msg ? err->msg : "missing");
			pk_err_clear(err);
		}
		free(pp);
	}
	if (heap >= 0) {
		char *hp = pk_xasprintf("%s/heap/%s.hp", pl->o->outdir, pl->name);
		struct pk_in *in = exists(hp) ? pk_in_open(hp, err) : NULL;

		fputc('\n', f);
		if (in == NULL || ps_heap(f, NULL, in, &so, err) != 0) {
			fprintf(f, "## Heap profile\n\n"
				"No readable heap profile: %s\n",
				err->msg ? err->msg : "missing");
			pk_err_clear(err);
		}
		if (in)
			pk_in_close(in);
		free(hp);
	}
	if (infotables >= 0) {
		fputc('\n', f);
		summary_infotables(f, pl, err);
	}
	fprintf(f, "\n## Files\n\n");
	for (i = 0; i < pl->noutputs; i++)
		fprintf(f, "- `%s`\n", pl->outputs[i]);
	fprintf(f, "- `summary.md`, `artifacts.tar.zst`, and per mode "
		"`MODE/run.json`, `MODE/output.log`\n");
	if (pk_out_commit(po, err) != 0)
		return -1;
	add_output(pl, "summary.md");
	return 0;
}

/* Everything in OUTDIR: the top-level outputs, then each mode's folder
 * (files already packed under another name, i.e. hard links, skipped). */
static int
pack(struct pl *pl, struct pk_err *err)
{
	char **files = NULL, **names = NULL;
	dev_t *devs = NULL;
	ino_t *inos = NULL;
	size_t n = 0, i;
	char *out = outpath(pl, "artifacts.tar.zst");
	int rc;

#define ADD(path, name) do { \
		struct stat sb_; \
		size_t k_; \
		if (stat((path), &sb_) != 0 || !S_ISREG(sb_.st_mode)) { \
			free(path); free(name); break; } \
		for (k_ = 0; k_ < n; k_++) \
			if (devs[k_] == sb_.st_dev && inos[k_] == sb_.st_ino) \
				break; \
		if (k_ < n) { free(path); free(name); break; } \
		files = pk_xreallocarray(files, n + 1, sizeof *files); \
		names = pk_xreallocarray(names, n + 1, sizeof *names); \
		devs = pk_xreallocarray(devs, n + 1, sizeof *devs); \
		inos = pk_xreallocarray(inos, n + 1, sizeof *inos); \
		files[n] = (path); names[n] = (name); \
		devs[n] = sb_.st_dev; inos[n] = sb_.st_ino; n++; \
	} while (0)

	for (i = 0; i < pl->noutputs; i++) {
		char *p = outpath(pl, pl->outputs[i]);
		char *nm = pk_xstrdup(pl->outputs[i]);

		ADD(p, nm);
	}
	for (i = 0; i < pl->o->nmodes; i++) {
		const char *mname = run_mode_name(pl->o->modes[i]);
		char *dir = outpath(pl, mname);
		DIR *d = opendir(dir);
		struct dirent *de;

		while (d && (de = readdir(d)) != NULL) {
			char *p, *nm;

			if (de->d_name[0] == '.')
				continue;
			p = pk_xasprintf("%s/%s", dir, de->d_name);
			nm = pk_xasprintf("%s/%s", mname, de->d_name);
			ADD(p, nm);
		}
		if (d)
			closedir(d);
		free(dir);
	}
#undef ADD
	rc = arc_pack_zst(out, (const char *const *)files,
			  (const char *const *)names, n,
			  pl->o->force ? PK_OUT_FORCE : 0, err);
	if (rc == 0)
		progress(pl, "packed %zu files into %s", n, out);
	for (i = 0; i < n; i++) {
		free(files[i]);
		free(names[i]);
	}
	free(files);
	free(names);
	free(devs);
	free(inos);
	free(out);
	return rc;
}

static bool
dir_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	bool empty = true;

	if (d == NULL)
		return true;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..")) {
			empty = false;
			break;
		}
	closedir(d);
	return empty;
}

int
pl_run(const struct pl_opts *o, struct pk_err *err)
{
	struct pl pl;
	struct arc_stats st;
	size_t i;
	int rc = -1;
	const char *slash;

	memset(&pl, 0, sizeof pl);
	pl.o = o;
	if (mkdir(o->outdir, 0755) != 0) {
		if (errno != EEXIST) {
			pk_err_set(err, "%s: %s", o->outdir, strerror(errno));
			return -1;
		}
		if (!o->force && !dir_empty(o->outdir)) {
			pk_err_set(err, "%s: not empty (use --force to replace "
				   "a previous run)", o->outdir);
			return -1;
		}
	}
	pl.work = pk_xasprintf("%s/.work.XXXXXX", o->outdir);
	if (mkdtemp(pl.work) == NULL) {
		pk_err_set(err, "%s: %s", pl.work, strerror(errno));
		free(pl.work);
		return -1;
	}
	pl.report = pk_xasprintf("%s/report", pl.work);
	progress(&pl, "[extract] %s", o->tarball);
	if (arc_extract(o->tarball, pl.report, &o->limits, o->extract_flags,
			&st, err) != 0)
		goto out;
	progress(&pl, "[extract] %llu files, %llu bytes",
		 (unsigned long long)st.files, (unsigned long long)st.bytes);
	if (arc_describe_dir(pl.report, &pl.script, &pl.flavour, &pl.sc,
			     err) != 0) {
		if (strcmp(pl.flavour, "rpc") == 0) {
			pk_err_clear(err);
			pk_err_set(err, "%s: an RPC report (server_instance.json)"
				   " has no script to replay", o->tarball);
		}
		goto out;
	}
	slash = strrchr(pl.sc.command, '/');
	pl.name = pk_xstrdup(slash ? slash + 1 : pl.sc.command);
	progress(&pl, "[extract] %s report: %s execs %s", pl.flavour,
		 pl.script, pl.sc.command);
	for (i = 0; i < o->nmodes; i++) {
		if (arc_stop_requested())
			pl.interrupted = true;
		if (pl.interrupted) {
			pl.mode_status[i] = pk_xstrdup("not run: interrupted");
			pl.failed = true;
			continue;
		}
		run_mode(&pl, i);
	}
	for (i = 0; i < o->nmodes && !arc_stop_requested(); i++)
		convert(&pl, i);
	if (arc_stop_requested()) {
		pl.interrupted = true;
		pl.failed = true;
		progress(&pl, "interrupted: stopping after the summary");
	}
	if (write_summary(&pl, err) != 0) {
		pk_warn("%s", err->msg);
		pk_err_clear(err);
		pl.failed = true;
	}
	if (!pl.interrupted && pack(&pl, err) != 0) {
		pk_warn("%s", err->msg);
		pk_err_clear(err);
		pl.failed = true;
	}
	rc = pl.failed ? 1 : 0;
	progress(&pl, "%s", rc == 0 ? "done: every mode succeeded" :
		 "done, with failures (see summary.md)");
out:
	if (!o->keep_work)
		nftw(pl.work, rm_cb, 16, FTW_DEPTH | FTW_PHYS);
	for (i = 0; i < o->nmodes; i++) {
		run_result_free(&pl.res[i]);
		free(pl.mode_status[i]);
	}
	for (i = 0; i < pl.noutputs; i++)
		free(pl.outputs[i]);
	free(pl.outputs);
	arc_script_free(&pl.sc);
	free(pl.work);
	free(pl.report);
	free(pl.name);
	free(pl.script);
	return rc;
}
