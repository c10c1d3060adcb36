#!/usr/bin/env bash
# Make sure PostgreSQL and RabbitMQ (with its management API) answer. Local servers that are down are
# started the way this machine starts them; anything else fails with a message saying what is missing.
set -uo pipefail
pg_host="${ERP_PG_HOST:-127.0.0.1}"; pg_port="${ERP_PG_PORT:-5432}"
mq_host="${ERP_MQ_HOST:-127.0.0.1}"; mgmt="${ERP_MQ_MANAGEMENT:-http://guest:guest@127.0.0.1:15672}"
local_host() { [[ "$1" == "127.0.0.1" || "$1" == "localhost" ]]; }
# A cold RabbitMQ on a busy 2-core machine can take minutes to boot its quorum-queue machinery.
limit="${ERP_INFRA_WAIT_SECONDS:-240}"
wait_for() { local what="$1" check="$2" n=0; until eval "$check" >/dev/null 2>&1; do
  n=$((n+1)); [ $n -gt "$limit" ] && { echo "ensure-infra: $what did not come up within $limit s" >&2; return 1; }
  sleep 1; done; }
mq_log_tail() { local f; for f in /var/log/rabbitmq/*.log; do [ -f "$f" ] && { echo "--- tail of $f" >&2; tail -n 30 "$f" >&2; }; done; }

if ! pg_isready -q -h "$pg_host" -p "$pg_port"; then
  if local_host "$pg_host" && command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    echo "ensure-infra: starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  else
    echo "ensure-infra: PostgreSQL is not reachable at $pg_host:$pg_port and cannot be started from here" >&2; exit 1
  fi
  wait_for PostgreSQL "pg_isready -q -h $pg_host -p $pg_port" || exit 1
fi

mq_up() { python3 -c "import socket; socket.create_connection(('$mq_host', 5672), 2)"; }
if ! mq_up 2>/dev/null; then
  if local_host "$mq_host" && command -v rabbitmq-server >/dev/null; then
    echo "ensure-infra: starting RabbitMQ"
    # If it is already booting (started by the machine), a second start fails harmlessly; the wait decides.
    rabbitmq-server -detached || echo "ensure-infra: rabbitmq-server -detached exited non-zero; waiting anyway"
    wait_for RabbitMQ mq_up || { mq_log_tail; exit 1; }
    rabbitmqctl await_startup >/dev/null 2>&1 || true
  else
    echo "ensure-infra: RabbitMQ is not reachable at $mq_host:5672 and cannot be started from here" >&2; exit 1
  fi
fi

mgmt_up() { python3 -c "import urllib.request,base64,sys; u='$mgmt'; from urllib.parse import urlsplit; p=urlsplit(u); r=urllib.request.Request(f'{p.scheme}://{p.hostname}:{p.port}/api/overview'); r.add_header('Authorization','Basic '+base64.b64encode(f'{p.username}:{p.password}'.encode()).decode()); urllib.request.urlopen(r, timeout=3)"; }
if ! mgmt_up 2>/dev/null; then
  if local_host "$mq_host" && command -v rabbitmq-plugins >/dev/null; then
    echo "ensure-infra: enabling the RabbitMQ management plugin"
    rabbitmq-plugins enable rabbitmq_management >/dev/null
    wait_for "RabbitMQ management API" mgmt_up || exit 1
  else
    echo "ensure-infra: the RabbitMQ management API is not reachable at $mgmt (policies and vhosts need it)" >&2; exit 1
  fi
fi
echo "ensure-infra: PostgreSQL and RabbitMQ are up"
