#!/usr/bin/env bash
# The merge benchmark (not a test): builds the project, then runs io.codarestore.bench.MergeBench,
# which generates a chain (full dump + two incrementals) per configuration, times
# `coda-restore merge` in a child JVM (-Xmx128m by default) against `cat` of the same inputs, and
# prints throughputs, their ratio, the peak heap and the maximum RSS. Big files go to --dir
# (default /tmp/coda-merge-bench) and are deleted afterwards unless --keep.
#
#   src/test/bench/merge-bench.sh                         # sizes 256m,1g,2g and 10k/100k/1M vnodes
#   src/test/bench/merge-bench.sh --sizes 2g --vnodes ''  # just the 2 GiB chain
#   src/test/bench/merge-bench.sh --repeat 5 --xmx 64m --dir /var/tmp/bench
set -euo pipefail
cd "$(dirname "$0")/../../.."
mvn -q -B -DskipTests package
exec java -Xmx3g -cp "target/test-classes:target/coda-restore.jar" \
  io.codarestore.bench.MergeBench "$@"
