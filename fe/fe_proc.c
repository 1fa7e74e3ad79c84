/* fe_proc.c - process set-up: fds 0-2, signal handlers, exit checks. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fe.h"
#include "output.h"

static void (*interrupt_hook)(int sig);

/* A closed fd 0, 1 or 2 would be handed to the first file we open: our
 * temporary output would receive the warnings, or be "stdout". */
static void
valid_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int nfd;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		nfd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (nfd < 0)
			_exit(PK_EXIT_INPUT); /* cannot even say so */
		if (nfd != fd) {
			dup2(nfd, fd);
			close(nfd);
		}
	}
}

static void
on_signal(int sig)
{
	int saved = errno;

	if (interrupt_hook != NULL && sig != SIGPIPE) {
		interrupt_hook(sig);
		errno = saved;
		return;
	}
	pk_out_remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
	errno = saved;
}

static void
install_handlers(void)
{
	static const int sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		struct sigaction sa, old;

		/* an ignored signal (nohup, a shell's background job) stays
		 * ignored */
		if (sigaction(sigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof sa);
		sa.sa_handler = on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

void
fe_on_interrupt(void (*fn)(int sig))
{
	interrupt_hook = fn;
}

void
fe_die_by_signal(int sig)
{
	pk_out_remove_pending();
	signal(sig, SIG_DFL);
	raise(sig);
	_exit(128 + sig);
}

void fe_opt_setup(const struct fe_tool *tool);

void
fe_init(const struct fe_tool *tool, int argc, char **argv)
{
	valid_std_fds();
	pk_set_progname(argc > 0 ? argv[0] : tool->name);
	atexit(pk_out_remove_pending);
	install_handlers();
	fe_opt_setup(tool);
}
