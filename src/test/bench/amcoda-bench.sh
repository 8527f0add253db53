#!/usr/bin/env bash
# The amcoda backup benchmark (not a test): builds the project, then
#  1. the data path (volutil's output -> fd 1 with verification and index) against
#     `cat | cat > /dev/null` and `cat | cat | cat > /dev/null` (runs interleaved, medians),
#     for a 2 GiB dump of 40 000 files and for 1 000 000 small files,
#     in a JVM limited to -Xmx64m (the index heap target at 1M files) with the launcher's
#     collector (-XX:+UseSerialGC);
#  2. JVM start-up per call: `amcoda support` through the installed launcher, ten times.
# Big files go to --dir (default /tmp/amcoda-bench) and stay there for a rerun.
#
#   src/test/bench/amcoda-bench.sh [--dir DIR] [--runs N]
set -euo pipefail
cd "$(dirname "$0")/../../.."
dir=/tmp/amcoda-bench
runs=7
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: $0 [--dir DIR] [--runs N]" >&2; exit 2 ;;
  esac
done
mvn -q -B -o -DskipTests package
cp="target/test-classes:target/coda-restore.jar"
echo "== 2 GiB, 40 000 files (40 directories x 1000 files of 52 KiB)"
java -Xmx64m -XX:+UseSerialGC -cp "$cp" io.codarestore.bench.AmcodaBench "$dir/big" 40 1000 53687 "$runs"
echo "== 1 000 000 small files (1000 directories x 1000 files of 100 bytes)"
java -Xmx64m -XX:+UseSerialGC -cp "$cp" io.codarestore.bench.AmcodaBench "$dir/many" 1000 1000 100 "$runs"
echo "== JVM start-up per call (amcoda support through the launcher, 10 calls)"
bin=$(mktemp -d)
java -jar target/coda-restore.jar amcoda install --dir "$bin" >/dev/null
start=$(date +%s%N)
for i in 1 2 3 4 5 6 7 8 9 10; do "$bin/amcoda" support >/dev/null; done
end=$(date +%s%N)
echo "support: $(( (end - start) / 10000000 )) ms per call"
rm -rf "$bin"
