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
#include "describe.h"
#include "sqlbuild.h"
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

/* The usage, to stderr after a bad option, to stdout for --help. */
static void
usage(FILE *out, const char *name)
{
	fprintf(out, "usage: %s [--socket PATH] [--workers N]\n"
	    "       %s --describe | --version | --help\n"
	    "Without --socket, serves FastCGI on standard input (as spawned by\n"
	    "lighttpd or mod_fcgid); --workers N forks N workers sharing the\n"
	    "socket (default 2 with --socket, else 1). The database is RMI_DB\n"
	    "(a libpq connection string) or libpq's PG* defaults; the URL\n"
	    "prefix is RMI_PREFIX (default /RI/rmi); RMI_STATEMENT_TIMEOUT\n"
	    "(milliseconds) and RMI_WORK_MEM (default 32MB) set the database\n"
	    "session's limits.\n"
	    "Database timeouts: connect_timeout=%ss statement_timeout=%sms.\n"
	    "--describe prints the program's routes and resource tables as "
	    "JSON.\n", name, name, RMI_CONNECT_TIMEOUT_S,
	    RMI_STATEMENT_TIMEOUT_MS);
}

/*
 * The options that answer and exit: 0 or 1 (the exit status) when argv
 * is one of them, else -1.
 */
static int
informational(const struct rmi_program *prog, int argc, char **argv)
{
	if (argc != 2)
		return -1;
	if (strcmp(argv[1], "--describe") == 0)
		return rmi_describe(prog, stdout) == 0 ? 0 : 1;
	if (strcmp(argv[1], "--version") == 0)
		return printf("%s (rmi) %s\n", prog->name,
		    PACKAGE_VERSION) < 0 || fflush(stdout) != 0;
	if (strcmp(argv[1], "--help") == 0) {
		usage(stdout, argv[0]);
		return fflush(stdout) != 0;
	}
	return -1;
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

/*
 * A resource table beyond the bounds the statements are built for would
 * answer some requests 500: such a program refuses to start instead, so
 * every test run (which starts every program) checks every table.
 */
static int
check_tables(const struct rmi_program *prog)
{
	char	 why[256];
	size_t	 i;

	for (i = 0; i < prog->nroutes; i++)
		if (prog->routes[i].resource != NULL &&
		    rmi_sql_check(prog->routes[i].resource, why,
		    sizeof(why)) == -1) {
			fprintf(stderr, "%s: bad resource table: %s\n",
			    prog->name, why);
			return -1;
		}
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

	if ((i = informational(prog, argc, argv)) != -1)
		return i;
	if (check_tables(prog) == -1)
		return 1;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--socket") == 0 && i + 1 < argc)
			path = argv[++i];
		else if (strcmp(argv[i], "--workers") == 0 && i + 1 < argc) {
			if (rmi_parse_uint(argv[++i], MAX_WORKERS, &workers) ==
			    -1 || workers < 1) {
				usage(stderr, argv[0]);
				return 2;
			}
		} else {
			usage(stderr, argv[0]);
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
		usage(stderr, argv[0]);
		return 2;
	}
	if (workers > 1)
		return serve_workers(prog, 0, (int)workers);
	return serve_fd(prog, 0);
}
