#!/bin/sh
# Test playbook command: keeps what it was given, to be read back by the test.
# Usage: record-args.sh DIR NAME ARGS... ; writes DIR/NAME.argv (NUL-separated ARGS), DIR/NAME.stdin and DIR/NAME.env.
set -eu
dir=$1
name=$2
shift 2
mkdir -p "$dir"
cat > "$dir/$name.stdin"
env > "$dir/$name.env"
printf '%s\0' "$@" > "$dir/$name.argv"
