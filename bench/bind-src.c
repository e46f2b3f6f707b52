/*
 * bind-src.c: an LD_PRELOAD shim that binds every IPv4 socket a program
 * connects to the address in BIND_SRC first, so that a tool without a
 * source-address option (slowhttptest) attacks from another loopback
 * address (127.0.0.2) than the probe (127.0.0.1). bench/slow-clients
 * builds and uses it.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

int
connect(int fd, const struct sockaddr *sa, socklen_t len)
{
	static int	(*real)(int, const struct sockaddr *, socklen_t);
	struct sockaddr_in	 src;
	const char		*addr = getenv("BIND_SRC");
	int			 one = 1;

	if (real == NULL)
		real = (int (*)(int, const struct sockaddr *, socklen_t))
		    dlsym(RTLD_NEXT, "connect");
	if (addr != NULL && sa != NULL && sa->sa_family == AF_INET) {
		memset(&src, 0, sizeof(src));
		src.sin_family = AF_INET;
		if (inet_pton(AF_INET, addr, &src.sin_addr) == 1) {
			/* The port is chosen at connect(), not reserved now. */
			setsockopt(fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT,
			    &one, sizeof(one));
			bind(fd, (struct sockaddr *)&src, sizeof(src));
		}
	}
	return real(fd, sa, len);
}
