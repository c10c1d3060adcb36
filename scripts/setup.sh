#!/usr/bin/env bash
# Everything `make run` needs before the processes start: keys, databases, migrations, broker topology,
# and the admin user. Safe to run again: every step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p var
python -m gateway.keys
erp-manage create-db procurement inventory sales manufacturing finance hr gateway
erp-manage migrate procurement inventory sales manufacturing finance hr gateway
erp-manage declare-topology
export ERP_ADMIN_USER="${ERP_ADMIN_USER:-admin}"
if [ -z "${ERP_ADMIN_PASSWORD:-}" ]; then
  if [ ! -s var/admin-password ]; then
    (umask 077; python -c "import secrets; print(secrets.token_urlsafe(18))" > var/admin-password)
  fi
  ERP_ADMIN_PASSWORD="$(cat var/admin-password)"
  echo "setup: ERP_ADMIN_PASSWORD was not set; the admin password is in var/admin-password"
fi
export ERP_ADMIN_PASSWORD
python -m gateway.bootstrap
