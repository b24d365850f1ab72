#!/bin/sh
# Default playbook for "Application down": restart the web app.
# Called as: restart-web-app.sh --instance=<instance> --job=<job>, with the alert as JSON on stdin.
# In a plain local run there is no web app to restart, so it only says what it would do.
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

echo "restart-web-app: would restart job '$job' on instance '$instance'"
