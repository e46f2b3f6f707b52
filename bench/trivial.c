/*
 * trivial.c: the ceiling of the benchmarks: a FastCGI responder that
 * answers every request with a fixed ~300-byte JSON body, no database, in
 * one write, the way the suite's programs answer a small response.
 *
 *   trivial                         serve FastCGI on fd 0 (lighttpd, mod_fcgid)
 *   trivial --socket PATH [--workers N]
 *                                   listen on PATH, N pre-forked processes
 *                                   (like the suite's pools; SIGTERM stops all)
 *   trivial --workers N             fd 0 shared by N pre-forked processes
 *                                   (like the programs under lighttpd)
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcgiapp.h>

static const char body[] =
	"[{\"id\":\"11111111111111111111111111111111\",\"name\":\"Alpha Sales\","
	"\"type\":\"Phone\",\"inQueue\":3,\"waitingDurationMax\":45000,"
	"\"inQueueCurrent\":2,\"waitingDurationCurrentMax\":30000,"
	"\"agentsServing\":6,\"agentsFree\":2,\"agentsBusy\":1,"
	"\"agentsWrapUp\":1,\"agentsNotReady\":1,\"agentsPause\":1}]";

int
main(int argc, char **argv)
{
	FCGX_Request	 r;
	char		 resp[1024];
	int		 n, i, fd = 0, workers = 0;
	pid_t		 pids[64];

	if (FCGX_Init() != 0)
		return 1;
	if (argc >= 3 && strcmp(argv[1], "--socket") == 0) {
		unlink(argv[2]);
		if ((fd = FCGX_OpenSocket(argv[2], 128)) < 0)
			return 1;
		workers = 1;
		if (argc == 5 && strcmp(argv[3], "--workers") == 0)
			workers = atoi(argv[4]);
		if (workers < 1 || workers > 64)
			return 2;
	} else if (argc == 3 && strcmp(argv[1], "--workers") == 0) {
		/* fd 0 shared by N workers, as the programs under lighttpd. */
		workers = atoi(argv[2]);
		if (workers < 1 || workers > 64)
			return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if (workers > 1) {
		sigset_t	 set;
		int		 sig;

		sigemptyset(&set);
		sigaddset(&set, SIGTERM);
		sigaddset(&set, SIGINT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		for (i = 0; i < workers; i++)
			if ((pids[i] = fork()) == 0) {
				sigprocmask(SIG_UNBLOCK, &set, NULL);
				break;
			}
		if (i == workers) {	/* the master: wait for SIGTERM */
			sigwait(&set, &sig);
			for (i = 0; i < workers; i++)
				if (pids[i] > 0)
					kill(pids[i], SIGTERM);
			while (wait(NULL) > 0)
				continue;
			if (fd != 0)
				unlink(argv[2]);
			return 0;
		}
	}
	n = snprintf(resp, sizeof(resp), "Status: 200 OK\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n%s",
	    sizeof(body) - 1, body);
	if (FCGX_InitRequest(&r, fd, 0) != 0)
		return 1;
	while (FCGX_Accept_r(&r) >= 0) {
		FCGX_PutStr(resp, n, r.out);
		FCGX_Finish_r(&r);
	}
	return 0;
}
