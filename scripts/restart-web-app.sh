#!/bin/sh
# Playbook for "Application down": restart the web app.
# Called as: restart-web-app.sh --instance=<host:port> --job=<job>, with the alert as JSON on stdin.
# The demo web app runs under compose/web-app/supervisor.py, which listens on the app's port + 1 and
# starts the app again on POST /restart. Replace this with what restarts your own application.
#
# The instance comes from an alert label, and labels come from whoever can create alerts (anyone who reaches
# Alertmanager's API). So only instances on the allowlist are restarted: RESTART_WEB_APP_INSTANCES, host:port
# entries separated by spaces or commas, default the demo's web-app:8000. alerthook passes the variable on only
# if alerthook.healing.inherit-env names it.
set -euf   # -f: the allowlist is split on spaces, never globbed

allowed=${RESTART_WEB_APP_INSTANCES:-web-app:8000}
instance=""
job=""
for arg in "$@"; do
  case "$arg" in
    --instance=*) instance=${arg#--instance=} ;;
    --job=*) job=${arg#--job=} ;;
    *) echo "restart-web-app: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

known=no
for entry in $(printf '%s' "$allowed" | tr ',' ' '); do
  [ "$entry" = "$instance" ] && known=yes
done
if [ "$known" != yes ]; then
  echo "restart-web-app: refused: instance '$instance' is not in RESTART_WEB_APP_INSTANCES ($allowed)" >&2
  exit 3
fi

host=${instance%:*}
port=${instance##*:}
case "$port" in
  ''|*[!0-9]*) echo "restart-web-app: instance '$instance' has no port" >&2; exit 2 ;;
esac

echo "restart-web-app: restarting job '$job' on $instance"
curl -fsS --max-time 5 -X POST "http://$host:$((port + 1))/restart"
