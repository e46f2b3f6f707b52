/*
 * trivial.c: the ceiling of the benchmarks: a FastCGI responder that
 * answers every request with a fixed ~300-byte JSON body, no database, in
 * one write, the way the suite's programs answer a small response.
 */
#include <stdio.h>
#include <string.h>

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
	int		 n, fd = 0;

	if (FCGX_Init() != 0)
		return 1;
	if (argc == 3 && strcmp(argv[1], "--socket") == 0 &&
	    (fd = FCGX_OpenSocket(argv[2], 128)) < 0)
		return 1;
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
