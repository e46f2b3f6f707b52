/* fcgi_main.c: the accept loop, and the pre-forked pool of socket mode. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "app.h"
#include "db.h"
#include "text.h"

#define MAX_WORKERS 64

static volatile sig_atomic_t	 stopping;

static void
on_term(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Serves requests on fd until the web server goes away or we are stopped. */
static int
serve_fd(const struct rmi_program *prog, int fd)
{
	FCGX_Request	 fr;
	struct rmi_ctx	 ctx;

	if (FCGX_InitRequest(&fr, fd, 0) != 0) {
		fprintf(stderr, "%s: FCGX_InitRequest failed\n", prog->name);
		return 1;
	}
	while (!stopping && FCGX_Accept_r(&fr) >= 0) {
		rmi_serve(prog, &ctx, fr.envp, fr.in, fr.out);
		rmi_ctx_free(&ctx);
		FCGX_Finish_r(&fr);
	}
	FCGX_Free(&fr, 1);
	rmi_db_close();
	return 0;
}

static void
usage(const char *name)
{
	fprintf(stderr, "usage: %s [--socket PATH] [--workers N]\n"
	    "Without --socket, serves FastCGI on standard input (as spawned by\n"
	    "lighttpd or mod_fcgid); --workers N forks N workers sharing the\n"
	    "socket (default 2 with --socket, else 1). The database is RMI_DB\n"
	    "(a libpq connection string) or libpq's PG* defaults; the URL\n"
	    "prefix is RMI_PREFIX (default /RI/rmi).\n"
	    "Database timeouts: connect_timeout=%ss statement_timeout=%sms.\n",
	    name, RMI_CONNECT_TIMEOUT_S, RMI_STATEMENT_TIMEOUT_MS);
}

/*
 * Forks nworkers workers accepting on the listening socket fd and restarts
 * any that dies, until SIGTERM. The workers share one accept queue, so a
 * worker that is killed loses only the request it was serving: the
 * connections still waiting go to the others (with a socket per process,
 * as lighttpd's max-procs makes, they would all fail with it).
 */
static int
serve_workers(const struct rmi_program *prog, int fd, int nworkers)
{
	struct sigaction	 sa;
	pid_t			 pids[MAX_WORKERS], pid;
	int			 i, status;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < nworkers; i++)
		pids[i] = 0;
	while (!stopping) {
		for (i = 0; i < nworkers && !stopping; i++) {
			if (pids[i] != 0)
				continue;
			if ((pid = fork()) == -1) {
				fprintf(stderr, "%s: fork: %s\n", prog->name,
				    strerror(errno));
				sleep(1);
				continue;
			}
			if (pid == 0) {
				signal(SIGTERM, SIG_DFL);
				signal(SIGINT, SIG_DFL);
				_exit(serve_fd(prog, fd));
			}
			pids[i] = pid;
		}
		if ((pid = wait(&status)) == -1) {
			if (errno != EINTR)
				sleep(1);
			continue;
		}
		for (i = 0; i < nworkers; i++)
			if (pids[i] == pid)
				pids[i] = 0;
	}
	for (i = 0; i < nworkers; i++)
		if (pids[i] != 0)
			kill(pids[i], SIGTERM);
	while (wait(&status) > 0)
		continue;
	return 0;
}

/* Socket mode: listen on path and serve it with nworkers workers. */
static int
serve_pool(const struct rmi_program *prog, const char *path, int nworkers)
{
	int	 fd, rc;

	unlink(path);
	if ((fd = FCGX_OpenSocket(path, 128)) < 0) {
		fprintf(stderr, "%s: cannot listen on %s: %s\n", prog->name,
		    path, strerror(errno));
		return 1;
	}
	/* Who may connect is decided by the permissions of the directory. */
	chmod(path, 0666);
	rc = serve_workers(prog, fd, nworkers);
	unlink(path);
	return rc;
}

int
rmi_main(const struct rmi_program *prog, int argc, char **argv)
{
	const char	*path = NULL;
	long long	 workers = 0;
	int		 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			if (rmi_parse_uint(argv[++i], MAX_WORKERS, &workers) ==
			    -1 || workers < 1) {
				usage(argv[0]);
				return 2;
			}
		} else {
			usage(argv[0]);
			return 2;
		}
	}
	if (FCGX_Init() != 0) {
		fprintf(stderr, "%s: FCGX_Init failed\n", prog->name);
		return 1;
	}
	/* A web server that goes away mid-response must not kill us. */
	signal(SIGPIPE, SIG_IGN);
	if (path != NULL)
		return serve_pool(prog, path, workers ? (int)workers : 2);
	if (FCGX_IsCGI()) {
		usage(argv[0]);
		return 2;
	}
	if (workers > 1)
		return serve_workers(prog, 0, (int)workers);
	return serve_fd(prog, 0);
}
