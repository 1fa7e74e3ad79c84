/* test_heap.c - unit tests of the heap modules: the .hp reader and model,
 * band selection, the chart's numbers and colours, rendering. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "heap_chart.h"
#include "heap_convert.h"
#include "hp.h"
#include "html_doc.h"
#include "input.h"
#include "output.h"
#include "prof_summary.h"

static struct hp_profile *
read_text(const char *text, size_t len, struct pk_err *err)
{
	char path[] = "/tmp/pk-heap-unit-XXXXXX";
	int fd = mkstemp(path);
	struct hp_profile *p;

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	p = hp_read_file(path, err);
	unlink(path);
	return p;
}

#define READ(s, e) read_text((s), sizeof(s) - 1, (e))

static void
test_reader_edge_cases(void **state)
{
	struct pk_err err = {0};
	/* CRLF, blank lines, header after samples, names with any bytes but
	 * TAB, a name listed twice in one sample, a 63-bit value */
	static const char text[] =
		"DATE \"d\"\r\n"
		"BEGIN_SAMPLE 0\r\n"
		"END_SAMPLE 0\r\n"
		"\r\n"
		"BEGIN_SAMPLE 1.5\n"
		"a \"<&>\\ b\t10\n"
		"0x4a\t9223372036854775807\n"
		"a \"<&>\\ b\t5\n"
		"END_SAMPLE 1.5\n"
		"JOB \"x \"\"y\"\"\"\n"
		"BEGIN_SAMPLE 2\n"
		"END_SAMPLE 2\n";
	struct hp_profile *p = READ(text, &err);

	(void)state;
	assert_non_null(p);
	assert_string_equal(p->job, "x \"y\"");
	assert_string_equal(p->date, "d");
	assert_int_equal(p->nsamples, 3);
	assert_int_equal(p->nbands, 2);
	assert_string_equal(p->bands[0].name, "a \"<&>\\ b");
	assert_int_equal(p->bands[0].total, 15);
	assert_true(p->bands[1].total == 9223372036854775807ULL);
	assert_true(p->samples[1].total == 9223372036854775807ULL + 15);
	assert_int_equal(p->samples[1].n, 2);
	assert_int_equal(p->nwarnings, 0);
	assert_false(p->truncated);
	hp_free(p);
}

static void
test_reader_damage(void **state)
{
	struct pk_err err = {0};
	struct hp_profile *p;

	(void)state;
	/* killed: last sample without END_SAMPLE is kept */
	p = READ("JOB \"j\"\nBEGIN_SAMPLE 0\nx\t1\nEND_SAMPLE 0\nBEGIN_SAMPLE 1\nx\t2\n", &err);
	assert_non_null(p);
	assert_int_equal(p->nsamples, 2);
	assert_true(p->truncated);
	assert_true(p->nwarnings >= 1);
	hp_free(p);
	/* a cut last line is dropped with a warning */
	p = READ("JOB \"j\"\nBEGIN_SAMPLE 0\nx\t1\nEND_SAMPLE 0\nBEGIN_SAMPLE 1\nx\t2\nEND_SAM", &err);
	assert_non_null(p);
	assert_true(p->truncated);
	hp_free(p);
	/* a bad value in the middle is an error naming the line */
	p = READ("JOB \"j\"\nBEGIN_SAMPLE 0\nx\t1z\nEND_SAMPLE 0\n", &err);
	assert_null(p);
	assert_non_null(strstr(err.msg, ":3: bad value"));
	pk_err_clear(&err);
	/* more than 64 bits */
	p = READ("JOB \"j\"\nBEGIN_SAMPLE 0\nx\t18446744073709551616\nEND_SAMPLE 0\n", &err);
	assert_null(p);
	assert_non_null(strstr(err.msg, "64 bits"));
	pk_err_clear(&err);
	/* not a heap profile at all */
	p = READ("hello world\nthis is text\n", &err);
	assert_null(p);
	pk_err_clear(&err);
	/* times going backwards: sorted */
	p = READ("BEGIN_SAMPLE 1\nx\t1\nEND_SAMPLE 1\nBEGIN_SAMPLE 0.5\nx\t2\nEND_SAMPLE 0.5\n", &err);
	assert_non_null(p);
	assert_true(p->samples[0].time == 0.5);
	assert_int_equal(p->samples[0].total, 2);
	hp_free(p);
}

static struct hp_profile *
three_bands(void)
{
	struct hp_profile *p = hp_new();
	uint32_t a = hp_intern(p, "a", 1), b = hp_intern(p, "b", 1),
		 c = hp_intern(p, "c", 1);

	for (int i = 0; i < 4; i++) {
		hp_add_sample(p, i);
		hp_add_value(p, a, 100 * (uint64_t)i);   /* grows */
		hp_add_value(p, b, 50);                 /* flat */
		if (i == 1)
			hp_add_value(p, c, 400);        /* one peak */
	}
	hp_finish(p);
	return p;
}

static void
test_select_other(void **state)
{
	struct hp_profile *p = three_bands();
	struct heap_opts o;
	struct heap_view *v;

	(void)state;
	heap_opts_init(&o);
	o.bands = 1;
	v = heap_select(&o, p);
	assert_int_equal(v->n, 2);
	assert_true(v->s[0].other);              /* OTHER at the bottom */
	assert_string_equal(v->s[1].name, "a"); /* largest total: 600 */
	for (size_t i = 0; i < p->nsamples; i++)
		assert_true(v->s[0].values[i] + v->s[1].values[i] ==
			    p->samples[i].total);
	heap_view_free(v);

	o.sort = HEAP_SORT_PEAK;
	v = heap_select(&o, p);
	assert_string_equal(v->s[1].name, "c");
	heap_view_free(v);
	o.sort = HEAP_SORT_GROWTH;
	o.bands = 0;
	v = heap_select(&o, p);
	assert_int_equal(v->n, 3);
	assert_string_equal(v->s[v->rank[0]].name, "a");
	heap_view_free(v);

	/* regrouping keeps every byte */
	const char *names[] = {"g", "g", "h"};
	struct hp_profile *q = hp_regroup(p, names, NULL);
	assert_int_equal(q->nbands, 2);
	assert_true(hp_grand_total(q) == hp_grand_total(p));
	hp_free(q);
	q = hp_slice(p, 1, 2);
	assert_int_equal(q->nsamples, 2);
	hp_free(q);
	hp_free(p);
}

static void
test_chart_numbers(void **state)
{
	char buf[64];

	(void)state;
	assert_true(html_tick_step(0, 83, 5) == 20);
	assert_true(html_tick_step(0, 9, 5) == 2);
	assert_true(html_tick_step(0, 0.9, 5) == 0.2);
	assert_true(html_tick_step(0, 0, 5) == 1);
	chart_format_value(buf, sizeof buf, 3.0 * 1048576, CHART_UNITS_BINARY,
			   "B", 1048576);
	assert_string_equal(buf, "3 MiB");
	chart_format_value(buf, sizeof buf, 1500, CHART_UNITS_SI, NULL, 500);
	assert_string_equal(buf, "1.5 k");
	chart_format_value(buf, sizeof buf, 0, CHART_UNITS_BINARY, "B", 1);
	assert_string_equal(buf, "0");
	/* stable, name-dependent colours */
	assert_int_equal(chart_colour("(304)main"), chart_colour("(304)main"));
	assert_int_not_equal(chart_colour("(304)main"), chart_colour("(305)main"));
	char *c = chart_clean_text("a\xff\tb", 4);
	assert_string_equal(c, "a\xef\xbf\xbd\xef\xbf\xbd" "b");
	free(c);
}

static void
test_chart_render(void **state)
{
	double x[3] = {0, 1, 2}, y1[3] = {1, 2, 3}, y2[3] = {3, 2, 1};
	struct chart_series s[2] = {
		{.name = "OTHER", .colour = CHART_GREY, .n = 3, .x = x, .y = y1},
		{.name = "a very long band name that will have to be elided in the key because it is long",
		 .colour = CHART_HASH, .n = 3, .x = x, .y = y2},
	};
	struct chart_marker m = {.x = 1, .label = "mark"};
	struct chart c = {.title = "t", .series = s, .nseries = 2,
			  .markers = &m, .nmarkers = 1,
			  .y_units = CHART_UNITS_BINARY, .y_unit = "B"};
	struct pk_err err = {0};
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	(void)state;
	assert_int_equal(chart_render(&c, CHART_SVG, f, &err), 0);
	fclose(f);
	assert_non_null(strstr(buf, "<svg"));
	free(buf);
	/* nothing to draw: still a chart, never NaN */
	struct chart e = {.title = "empty", .message = "no data"};
	f = open_memstream(&buf, &len);
	assert_int_equal(chart_render(&e, CHART_SVG, f, &err), 0);
	fclose(f);
	assert_null(strstr(buf, "nan"));
	free(buf);
	/* the xml tree: one path per series, stacked top = totals */
	struct chart_geom g;
	xmlNodePtr n = chart_svg_node(&c, &g);
	assert_non_null(n);
	assert_int_equal(g.nidx, 3);
	assert_true(g.ymax >= 4);
	chart_geom_free(&g);
	xmlFreeNode(n);
}

static int nwarn;
static void
count_warning(enum pk_msg_kind kind, const char *msg)
{
	(void)msg;
	if (kind == PK_MSG_WARNING)
		nwarn++;
}

/* the library entry point prof-pipeline uses: one read, two outputs,
 * warnings through the sink (nothing printed) */
static void
test_convert_many(void **state)
{
	char dir[] = "/tmp/pk-heap-conv-XXXXXX";
	struct heap_opts o;
	struct pk_err err = {0};
	static const char text[] =
		"JOB \"t\"\nBEGIN_SAMPLE 0\na\t1\nEND_SAMPLE 0\nBEGIN_SAMPLE 1\na\t2\n";

	(void)state;
	assert_non_null(mkdtemp(dir));
	char *in = pk_xasprintf("%s/in.hp", dir);
	char *svg = pk_xasprintf("%s/heap.svg", dir);
	char *html = pk_xasprintf("%s/heap.html", dir);
	FILE *f = fopen(in, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	heap_opts_init(&o);
	pk_set_msg_sink(count_warning);
	const char *outs[] = {svg, html};
	assert_int_equal(heap_convert_many(&o, in, outs, 2, 0, &err), 0);
	assert_int_equal(access(svg, R_OK), 0);
	assert_int_equal(access(html, R_OK), 0);
	assert_true(nwarn >= 1); /* the killed run */
	/* prof-pipeline's summary of the same killed run: written, with the
	 * warning through the sink (not a failure) */
	{
		struct prof_summary_opts so;
		struct pk_in *pin = pk_in_open(in, &err);
		char *md = NULL;
		size_t mdlen = 0;
		FILE *mf = open_memstream(&md, &mdlen);
		int before = nwarn;

		assert_non_null(pin);
		assert_non_null(mf);
		prof_summary_opts_init(&so);
		so.format = PS_MARKDOWN;
		assert_int_equal(ps_heap(mf, NULL, pin, &so, &err), 0);
		fclose(mf);
		pk_in_close(pin);
		assert_non_null(strstr(md, "Heap profile"));
		assert_int_equal(nwarn, before + 1);
		free(md);
	}
	pk_set_msg_sink(NULL);
	/* an existing output is not replaced without PK_OUT_FORCE */
	assert_int_not_equal(heap_convert(&o, in, svg, 0, &err), 0);
	pk_err_clear(&err);
	assert_int_equal(heap_convert(&o, in, svg, PK_OUT_FORCE, &err), 0);
	unlink(in);
	unlink(svg);
	unlink(html);
	rmdir(dir);
	free(in);
	free(svg);
	free(html);
}

/* Bounded memory: a profile built with max_samples keeps at most
 * max_samples + 3 samples (the first, each bucket's time-weighted mean,
 * the peak as read, the last), the means weigh what every sample does,
 * and the band statistics are those of every sample. */
static void
fill_profile(struct hp_profile *p, size_t n)
{
	uint32_t a = hp_intern(p, "a", 1), b = hp_intern(p, "b", 1);

	for (size_t i = 0; i < n; i++) {
		hp_add_sample(p, (double)i * 0.5);
		hp_add_value(p, a, i == 777 ? 1000000 : 100 + i % 7);
		if (i % 3 == 0)
			hp_add_value(p, b, i);
		if (i % 3 == 0)
			hp_add_value(p, b, 1); /* a duplicate band: summed */
	}
	hp_add_sample(p, (double)n * 0.5); /* GHC's empty last census */
	hp_finish(p);
}

static void
test_bounded_samples(void **state)
{
	(void)state;
	struct hp_profile *full = hp_new(), *small = hp_new();
	struct hp_series *ov;
	uint64_t top = 0;

	small->max_samples = 64;
	fill_profile(full, 5000);
	fill_profile(small, 5000);
	assert_int_equal(full->nsamples, 5001);
	assert_false(full->reduced);
	assert_true(small->reduced);
	assert_true(small->nsamples <= 64 + 3);
	assert_true(small->nsamples >= 32);
	assert_int_equal(small->raw_samples, 5001);
	assert_true(small->samples[0].time == 0);
	assert_true(small->samples[small->nsamples - 1].time == 2500);
	assert_int_equal(small->samples[small->nsamples - 1].n, 0);
	for (size_t s = 1; s < small->nsamples; s++)
		assert_true(small->samples[s].time > small->samples[s - 1].time);
	for (size_t s = 0; s < small->nsamples; s++)
		if (small->samples[s].total > top)
			top = small->samples[s].total;
	assert_true(top == full->samples[777].total); /* the spike, as read */
	{
		/* the means: sum of weight x total over the buckets is that
		 * of every sample but the first and the last, each weighing
		 * the time since the one before (0.5 s here) */
		double want = 0, got = 0, wsum = 0;

		for (size_t s = 1; s + 1 < full->nsamples; s++)
			want += 0.5 * (double)full->samples[s].total;
		for (size_t s = 0; s < small->nsamples; s++) {
			got += small->samples[s].weight *
			       (double)small->samples[s].total;
			wsum += small->samples[s].weight;
		}
		assert_true(fabs(wsum - 0.5 * 4999) < 1e-6);
		/* each mean is rounded to a whole value per band */
		assert_true(fabs(got - want) <= wsum * 2);
	}
	for (size_t b = 0; b < 2; b++) {
		const struct hp_band *x = &full->bands[b], *y = &small->bands[b];

		assert_true(x->total == y->total);
		assert_true(x->peak == y->peak);
		assert_int_equal(x->nonzero, y->nonzero);
		assert_true(x->last == y->last);
		assert_true(fabs(x->stddev - y->stddev) <= 1e-6 * x->stddev);
		assert_true(fabs(x->growth - y->growth) <=
			    1e-6 * fabs(x->growth) + 1e-12);
	}
	/* overlays are bounded the same way */
	ov = hp_add_overlay(small, "heap size");
	for (size_t i = 0; i < 100000; i++)
		hp_series_push(ov, (double)i, i == 4321 ? 1e9 : 1.0);
	assert_true(ov->n <= 2 * 8 * 64); /* 8 x finer buckets */
	{
		/* each bucket keeps its lowest and highest point, in time
		 * order: the spike and the troughs */
		double m = 0, lo = 1e300;

		for (size_t i = 0; i < ov->n; i++) {
			m = ov->value[i] > m ? ov->value[i] : m;
			lo = ov->value[i] < lo ? ov->value[i] : lo;
			if (i > 0)
				assert_true(ov->time[i] >= ov->time[i - 1]);
		}
		assert_true(m == 1e9);
		assert_true(lo == 1.0);
	}
	hp_free(full);
	hp_free(small);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reader_edge_cases),
		cmocka_unit_test(test_reader_damage),
		cmocka_unit_test(test_select_other),
		cmocka_unit_test(test_chart_numbers),
		cmocka_unit_test(test_chart_render),
		cmocka_unit_test(test_convert_many),
		cmocka_unit_test(test_bounded_samples),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	html_cairo_cleanup();
	return rc;
}
