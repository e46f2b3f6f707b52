/* health.c: /health (GET), for monitoring; no authentication, no data. */
#include "app.h"

static const struct rmi_route routes[] = {
	{ RMI_M_GET, "/health", rmi_handle_health, NULL },
};

static const struct rmi_program program = {
	"health", routes, sizeof(routes) / sizeof(routes[0])
};

int
main(int argc, char **argv)
{
	return rmi_main(&program, argc, argv);
}
