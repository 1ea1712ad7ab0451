#!/usr/bin/env bash
# Batch throughput of the real binary: `factbot ask --json` answering 10,000
# questions read from stdin, and the peak memory of a one-question `ask`.
#
#   benches/batch.sh            # builds target/release/factbot first
#   N=50000 benches/batch.sh    # another number of questions
#
# The questions cycle through a fixed mix of direct, typo, Russian and
# off-topic questions about the shipped document (the list the `ask` and
# `report` benchmarks use, benches/common/synthetic.rs: SHIPPED_QUESTIONS).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-10000}"
cargo build --release --quiet
bin=target/release/factbot
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# The questions are the second string of each ("kind", "question") pair
# (rustfmt may put a pair on one line or three).
sed -n '/^pub const SHIPPED_QUESTIONS/,/^];/p' benches/common/synthetic.rs |
    grep -o '"[^"]*"' | sed 's/^"//; s/"$//' | awk 'NR % 2 == 0' > "$tmp/mix.txt"
kinds=$(wc -l < "$tmp/mix.txt")
awk -v n="$N" '{ q[NR] = $0 } END { for (i = 0; i < n; i++) print q[i % NR + 1] }' "$tmp/mix.txt" > "$tmp/questions.txt"
echo "questions: $N (cycling $kinds distinct)"

# Time: best of three runs of the whole batch (start-up included), with
# recording off and on (into a fresh database each run, in the temp folder).
for db in off on; do
    best=""
    for run in 1 2 3; do
        rm -f "$tmp"/batch.db*
        if [ "$db" = off ]; then export FACTBOT_DB=off; else export FACTBOT_DB="$tmp/batch.db"; fi
        start=$(date +%s.%N)
        "$bin" ask --json < "$tmp/questions.txt" > "$tmp/out.jsonl"
        end=$(date +%s.%N)
        t=$(echo "$end - $start" | bc -l)
        if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best=$t; fi
    done
    lines=$(wc -l < "$tmp/out.jsonl")
    [ "$lines" -eq "$N" ] || { echo "expected $N answers, got $lines" >&2; exit 1; }
    printf 'batch, recording %s: %.3f s for %d questions = %.0f questions/s (best of 3, start-up included)\n' \
        "$db" "$best" "$N" "$(echo "$N / $best" | bc -l)"
done
# The rest as before recording existed.
export FACTBOT_DB=off

# Start-up and peak memory of one question (`ask` loads and indexes first):
# wall time of the whole process, best of ten.
best=""
for run in 1 2 3 4 5 6 7 8 9 10; do
    start=$(date +%s%N)
    "$bin" ask --json "What was the volume of trade with China in 2013?" > /dev/null
    end=$(date +%s%N)
    t=$(( (end - start) / 1000 ))
    if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
done
printf 'one question: %.1f ms for the whole process (best of 10)\n' "$(echo "$best / 1000" | bc -l)"
if [ -x /usr/bin/time ]; then
    /usr/bin/time -v "$bin" ask --json "What was the volume of trade with China in 2013?" \
        > /dev/null 2> "$tmp/time.txt"
    grep -E "Maximum resident set size" "$tmp/time.txt" | sed 's/^\s*/one question: /'
    /usr/bin/time -v "$bin" ask --json < "$tmp/questions.txt" > /dev/null 2> "$tmp/time.txt"
    grep -E "Maximum resident set size" "$tmp/time.txt" | sed "s/^\s*/$N questions: /"
fi
