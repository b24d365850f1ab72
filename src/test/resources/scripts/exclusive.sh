#!/bin/sh
# Fails (exit 3) if another run holds the lock directory $1: proof that two runs overlapped.
mkdir -p "$(dirname "$1")"
mkdir "$1" || exit 3
sleep 1
rmdir "$1"
