/* fe_opt.c - one option table per tool: getopt's tables, --help,
 * --version, usage errors and value checks all derive from it. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <archive.h>
#include <cairo.h>
#include <jansson.h>
#include <libxml/xmlversion.h>
#include <sqlite3.h>
#include <zlib.h>
#include <zstd.h>

#include "cli.h"
#include "fe.h"
#include "output.h"

const char FE_HELP_FN[] = "";

static const struct fe_tool *tool;
static struct option *longopts;
static char *shortopts;

void fe_opt_setup(const struct fe_tool *t);

static bool
is_option(const struct fe_opt *o)
{
	return o->id != FE_ID_TEXT;
}

void
fe_opt_setup(const struct fe_tool *t)
{
	size_t n = 0, nl = 0, ns = 0;
	const struct fe_opt *o;

	tool = t;
	if (t->opts == NULL)
		return; /* a helper without options */
	for (o = t->opts; o->id != FE_ID_END; o++)
		n++;
	longopts = pk_xcalloc(n + 1, sizeof *longopts);
	shortopts = pk_xcalloc(3 * n + 3, 1);
	if (t->flags & FE_STOP_AT_OPERAND)
		shortopts[ns++] = '+';
	shortopts[ns++] = ':'; /* ':' for a missing argument, no messages */
	for (o = t->opts; o->id != FE_ID_END; o++) {
		if (!is_option(o))
			continue;
		if (o->name != NULL) {
			longopts[nl].name = o->name;
			longopts[nl].has_arg = o->kind == FE_FLAG ?
				no_argument : required_argument;
			longopts[nl].val = o->id;
			nl++;
		}
		if (o->id > 0 && o->id < 128) {
			shortopts[ns++] = (char)o->id;
			if (o->kind != FE_FLAG)
				shortopts[ns++] = ':';
		}
	}
}

static const struct fe_opt *
find(int id)
{
	for (const struct fe_opt *o = tool->opts; o->id != FE_ID_END; o++)
		if (o->id == id && is_option(o))
			return o;
	return NULL;
}

/* "--name" or "-x": how the user spelled the option. */
static const char *
spelling(const struct fe_opt *o, char *buf, size_t len)
{
	if (o->name != NULL)
		snprintf(buf, len, "--%s", o->name);
	else
		snprintf(buf, len, "-%c", o->id);
	return buf;
}

/* ---- values ------------------------------------------------------------ */

int
pk_parse_duration(const char *s, double *seconds)
{
	static const struct {
		const char *suffix;
		double scale;
	} units[] = {
		{ "ms", 1e-3 }, { "s", 1 }, { "m", 60 }, { "h", 3600 },
		{ "d", 86400 }, { "", 1 },
	};
	char *end;
	double v;

	if (s == NULL || *s == '\0')
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno == ERANGE || !isfinite(v) || v < 0)
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(end, units[i].suffix) == 0) {
			*seconds = v * units[i].scale;
			return 0;
		}
	return -1;
}

int
pk_parse_size(const char *s, unsigned long long *out)
{
	char *end;
	unsigned long long v, mul = 1;

	if (s == NULL || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno == ERANGE)
		return -1;
	switch (*end) {
	case '\0': break;
	case 'k': case 'K': mul = 1ULL << 10; end++; break;
	case 'M': mul = 1ULL << 20; end++; break;
	case 'G': mul = 1ULL << 30; end++; break;
	case 'T': mul = 1ULL << 40; end++; break;
	default: return -1;
	}
	if (*end == 'B' || *end == 'i')
		end += (*end == 'i' && end[1] == 'B') ? 2 : 1;
	if (*end != '\0' || (v != 0 && mul > ~0ULL / v))
		return -1;
	*out = v * mul;
	return 0;
}

static bool
in_range(const struct fe_opt *o, double v)
{
	if ((o->flags & FE_OPEN_LO) ? !(v > o->lo) : !(v >= o->lo))
		return false;
	if ((o->flags & FE_OPEN_HI) ? !(v < o->hi) : !(v <= o->hi))
		return false;
	return true;
}

int
fe_value(const struct fe_opt *o, const char *s, struct fe_val *v)
{
	memset(v, 0, sizeof *v);
	v->s = s;
	v->opt = o;
	switch (o->kind) {
	case FE_FLAG:
	case FE_STRING:
		return 0;
	case FE_COUNT:
		if (pk_parse_ll(s, &v->n) != 0 || !in_range(o, (double)v->n))
			return -1;
		v->d = (double)v->n;
		return 0;
	case FE_SIZE:
		if (pk_parse_size(s, &v->size) != 0 ||
		    !in_range(o, (double)v->size))
			return -1;
		v->d = (double)v->size;
		return 0;
	case FE_PCT: {
		size_t l = strlen(s);
		char buf[64];

		if (l == 0 || l >= sizeof buf)
			return -1;
		memcpy(buf, s, l + 1);
		if (buf[l - 1] == '%')
			buf[l - 1] = '\0';
		return pk_parse_double(buf, &v->d) == 0 && in_range(o, v->d) ?
			0 : -1;
	}
	case FE_REAL:
		return pk_parse_double(s, &v->d) == 0 && in_range(o, v->d) ?
			0 : -1;
	case FE_DURATION:
	case FE_TIME:
		return pk_parse_duration(s, &v->d) == 0 && in_range(o, v->d) ?
			0 : -1;
	}
	return -1;
}

void
fe_parse(const struct fe_opt *o, const char *s, struct fe_val *v)
{
	char name[64];

	if (fe_value(o, s, v) == 0)
		return;
	spelling(o, name, sizeof name);
	switch (o->kind) {
	case FE_COUNT:
		if (o->hi >= FE_COUNT_MAX)
			pk_usage_error("%s: '%s' is not a number >= %.0f", name,
				       s, o->lo);
		pk_usage_error("%s: '%s' is not a number from %.0f to %.0f",
			       name, s, o->lo, o->hi);
	case FE_SIZE:
		pk_usage_error("%s: not a size: '%s'", name, s);
	case FE_PCT:
		pk_usage_error("%s: not a percentage: '%s'", name, s);
	case FE_REAL:
		pk_usage_error("%s: '%s' is not a number %s %g %s %g", name, s,
			       (o->flags & FE_OPEN_LO) ? "above" : "from",
			       o->lo,
			       (o->flags & FE_OPEN_HI) ? "and below" : "to",
			       o->hi);
	case FE_DURATION:
		pk_usage_error("%s: not a duration: '%s'", name, s);
	case FE_TIME:
		pk_usage_error("%s: '%s' is not a time in seconds", name, s);
	default:
		pk_usage_error("%s: bad value '%s'", name, s);
	}
}

/* ---- --help and --version ---------------------------------------------- */

void
fe_help(FILE *f)
{
	int col = tool->help_col;

	fputs(tool->synopsis, f);
	for (const struct fe_opt *o = tool->opts; o->id != FE_ID_END; o++) {
		const char *help = o->help;
		char head[128], *dyn = NULL;
		int n;

		if (help == NULL)
			continue;
		if (help == FE_HELP_FN && tool->help_fn != NULL)
			help = dyn = tool->help_fn(o->id);
		if (!is_option(o)) {
			fprintf(f, "%s\n", o->help);
			continue;
		}
		if (o->id > 0 && o->id < 128 && o->name != NULL)
			n = snprintf(head, sizeof head, "  -%c, --%s", o->id,
				     o->name);
		else if (o->name != NULL)
			n = snprintf(head, sizeof head, "      --%s", o->name);
		else
			n = snprintf(head, sizeof head, "  -%c", o->id);
		if (o->arg != NULL)
			n += snprintf(head + n, sizeof head - (size_t)n, "%c%s",
				      tool->argsep, o->arg);
		fputs(head, f);
		if (n <= col - 1)
			fprintf(f, "%*s", col - n, "");
		else
			fputs("  ", f);
		for (const char *p = help; *p != '\0'; p++) {
			fputc(*p, f);
			if (*p == '\n')
				fprintf(f, "%*s", col, "");
		}
		fputc('\n', f);
		free(dyn);
	}
	if (tool->epilogue != NULL)
		fputs(tool->epilogue, f);
}

void
pk_print_version(FILE *f, const char *prog)
{
	fprintf(f, "%s (profkit) %s\n", prog, PACKAGE_VERSION);
	fprintf(f, "%s, zstd %s, zlib %s, libxml2 %s, cairo %s, jansson %s, "
		"sqlite %s\n",
		"libarchive " ARCHIVE_VERSION_ONLY_STRING, ZSTD_versionString(),
		zlibVersion(), LIBXML_DOTTED_VERSION, CAIRO_VERSION_STRING,
		JANSSON_VERSION, SQLITE_VERSION);
}

/* --help, --version: stdout must take it all (--help >/dev/full fails). */
static noreturn void
answer_and_exit(bool help)
{
	struct pk_err err = { 0 };

	if (help)
		fe_help(stdout);
	else
		pk_print_version(stdout, tool->name);
	if (pk_close_stdout(&err) != 0)
		pk_err_die(&err, PK_EXIT_INPUT);
	exit(PK_EXIT_OK);
}

/* ---- getopt ------------------------------------------------------------ */

int
fe_getopt(int argc, char **argv, struct fe_val *v)
{
	const struct fe_opt *o;
	int c;

	opterr = 0;
	c = getopt_long(argc, argv, shortopts, longopts, NULL);
	memset(v, 0, sizeof *v);
	if (c == -1)
		return -1;
	if (c == '?' || c == ':') {
		const char *arg = argv[optind - 1];
		size_t len = strcspn(arg, "=");

		if (optopt > 0 && optopt < 128 && !(arg[0] == '-' &&
						     arg[1] == '-'))
			pk_usage_error(c == ':' ? "option '-%c' needs an argument"
				       : "unknown option '-%c'", optopt);
		if (c == '?' && arg[len] == '=' && optopt != 0)
			pk_usage_error("option '%.*s' takes no argument",
				       (int)len, arg);
		pk_usage_error(c == ':' ? "option '%.*s' needs an argument" :
			       "unknown option '%.*s'", (int)len, arg);
	}
	o = find(c);
	if (o == NULL)
		pk_usage_error("unknown option");
	if (c == 'h' && o->name != NULL && strcmp(o->name, "help") == 0)
		answer_and_exit(true);
	if (c == FE_VERSION)
		answer_and_exit(false);
	if (o->kind != FE_FLAG)
		fe_parse(o, optarg, v);
	else
		v->opt = o;
	return c;
}
