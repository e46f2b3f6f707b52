# tools/packages.sh: the Debian packages rmi needs; sourced by tools/check and tools/demo.
#
# rmi_packages installs, as root, exactly the packages of RMI_PACKAGES that
# are missing (apt-get update first); with nothing missing it never runs
# apt. Not root and something missing: says what to install and fails.

RMI_PACKAGES="build-essential autoconf automake pkg-config libfcgi-dev
libpq-dev libjson-c-dev libxml2-dev check postgresql lighttpd apache2
apache2-utils libapache2-mod-fcgid libapache2-mod-qos lighttpd-modules-lua
curl python3 clang libclang-rt-14-dev"
# TLS and directory authentication (tests/integration/test_tls_ldap.py): a
# throwaway slapd and its client tools, lighttpd's TLS and LDAP modules.
RMI_PACKAGES="$RMI_PACKAGES openssl slapd ldap-utils lighttpd-mod-openssl
lighttpd-modules-ldap"

rmi_packages() {
	local p missing=
	for p in $RMI_PACKAGES; do
		if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
			missing="$missing $p"
		fi
	done
	[ -n "$missing" ] || return 0
	if [ "$(id -u)" -ne 0 ]; then
		printf 'missing packages:%s\nrun as root: apt-get install --no-install-recommends%s\n' \
		    "$missing" "$missing" >&2
		return 1
	fi
	printf 'installing:%s\n' "$missing"
	# slapd's package would create and start a directory of its own: the
	# tests start their own (servers.sh, slapd_start).
	echo 'slapd slapd/no_configuration boolean true' | debconf-set-selections
	# shellcheck disable=SC2086 # word splitting intended
	DEBIAN_FRONTEND=noninteractive apt-get update &&
	    DEBIAN_FRONTEND=noninteractive apt-get install -y \
	    --no-install-recommends $missing
}
