#!/bin/sh
# Playbook for "Application down": restart the web app.
# Called as: restart-web-app.sh --instance=<host:port> --job=<job>, with the alert as JSON on stdin.
# The demo web app runs under compose/web-app/supervisor.py, which listens on the app's port + 1 and
# starts the app again on POST /restart. Replace this with what restarts your own application.
set -eu

instance=""
job=""
for arg in "$@"; do
  case "$arg" in
    --instance=*) instance=${arg#--instance=} ;;
    --job=*) job=${arg#--job=} ;;
    *) echo "restart-web-app: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

host=${instance%:*}
port=${instance##*:}
case "$port" in
  ''|*[!0-9]*) echo "restart-web-app: instance '$instance' has no port" >&2; exit 2 ;;
esac

echo "restart-web-app: restarting job '$job' on $instance"
curl -fsS --max-time 5 -X POST "http://$host:$((port + 1))/restart"
