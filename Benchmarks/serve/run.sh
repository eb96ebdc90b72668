#!/usr/bin/env bash
# eligo serve under load: wrk POSTs a typical applicant to /v1/check (docs/serve.md, "Capacity").
# Usage: Benchmarks/serve/run.sh [seconds=60] [connections=64] [threads=2]
# Builds the release binary, starts it on a free loopback port, runs wrk --latency, and prints the
# server's peak memory (VmHWM). Needs Debian's wrk (apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-60}; connections=${2:-64}; threads=${3:-2}
command -v wrk >/dev/null || { apt-get update && apt-get install -y --no-install-recommends wrk; }
swift build -c release --product eligo
log=$(mktemp)
.build/release/eligo serve --port 0 --log-level warning 2>"$log" >/dev/null &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do grep -q "ready on" "$log" && break; sleep 0.1; done
url=$(grep -o 'http://[^ ]*/' "$log" | head -1)
[ -n "$url" ] || { cat "$log"; exit 1; }
# One request first: the answer must be a decision, or the numbers below mean nothing.
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @Benchmarks/serve/applicant.json "${url}v1/check" | grep -q '"decision":"eligible"'
echo "wrk -t$threads -c$connections -d${seconds}s --latency POST ${url}v1/check ($(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency -s Benchmarks/serve/check.lua "${url}v1/check"
grep -E 'VmHWM|VmRSS' /proc/$server/status
# The server's CPU time (user + system, in clock ticks of 1/100 s) over the run: divided by the
# requests wrk made, the CPU one check costs, which load on a shared machine does not hide.
echo "server CPU: $(awk '{printf "%.2f s", ($14 + $15) / 100}' /proc/$server/stat)"
