#!/usr/bin/env bash
# The merge benchmark (not a test): builds the project, then runs io.codarestore.bench.MergeBench,
# which generates a chain (full dump + two incrementals) per configuration, checks it (verify, and
# coda-dumpgen check when small enough), then alternates, each run after `sync`:
#   cat FULL INCR1 INCR2 > OUT                       (the reference)
#   a JVM that only copies the inputs as the merge copies (128 KiB buffer)
#   the merge again in a JVM that has run it twice already (the engine warm)
#   coda-restore merge --out OUT FULL INCR1 INCR2    (the real command, child JVM, -Xmx128m)
# and prints wall times (median/best), the throughput ratio merge/cat, CPU times, peak heap, max
# RSS and the smallest -Xmx that still works. Big files go to --dir (default
# /tmp/coda-merge-bench) and are deleted afterwards unless --keep. Needs /usr/bin/time for CPU and
# RSS figures.
#
#   src/test/bench/merge-bench.sh                         # sizes 256m,1g,2g and 10k/100k/1M vnodes
#   src/test/bench/merge-bench.sh --sizes 2g --vnodes ''  # just the 2 GiB chain
#   src/test/bench/merge-bench.sh --repeat 5 --xmx 64m --dir /var/tmp/bench
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -B -DskipTests package
exec java -Xmx3g -cp "target/test-classes:target/coda-restore.jar" \
  io.codarestore.bench.MergeBench "$@"
