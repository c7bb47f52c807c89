#!/usr/bin/env bash
# Installs and starts what the test suite needs beyond Python: Debian's PostgreSQL
# (a running cluster with a `trivsel` role and database), Debian's Chromium and nginx, and
# what the PDF exports need (WeasyPrint's Pango and the DejaVu fonts).
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=""
apt_install() {
    if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# The PDF exports (actionplans/exports/pdf.py): WeasyPrint renders with Pango and the
# DejaVu fonts found through fontconfig; nothing is ever downloaded while rendering.
if ! ldconfig -p | grep -q 'libpangoft2-1.0.so.0' || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
    echo "Installing Debian's Pango and fonts-dejavu-core for the PDF exports"
    apt_install libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core
fi

if [ ! -x /usr/bin/chromium ]; then
    echo "Installing Debian's chromium for the browser tests"
    apt_install chromium
fi

if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    echo "Installing Debian's postgresql for the PostgreSQL test run"
    apt_install postgresql
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    read -r version cluster _ < <(pg_lsclusters --no-header | head -1)
    echo "Starting PostgreSQL cluster $version/$cluster"
    as_root pg_ctlcluster "$version" "$cluster" start
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -qtAc \"$1\""; }
if [ "$(psql_admin "SELECT 1 FROM pg_roles WHERE rolname='trivsel'")" != 1 ]; then
    psql_admin "CREATE ROLE trivsel LOGIN CREATEDB PASSWORD 'trivsel'"
fi
if [ "$(psql_admin "SELECT 1 FROM pg_database WHERE datname='trivsel'")" != 1 ]; then
    psql_admin "CREATE DATABASE trivsel OWNER trivsel"
fi

# The two-app-servers test (bench/cluster.py, `make test-cluster`): Debian's nginx as the load
# balancer and openssl for its self-signed certificate. Only the binaries are used: the test
# runs nginx with its own configuration and ports, never the system's service.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
    echo "Installing Debian's nginx for the load-balancer test"
    apt_install nginx openssl
elif ! command -v openssl >/dev/null; then
    apt_install openssl
fi
