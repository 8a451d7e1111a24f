#!/usr/bin/env bash
# SIMULATED comparison of expert-iteration methods: for each seed, a simulated world of the first N
# miniF2F-test statements, and for each method the same rounds of 'stepwise iterate --simulate' in a data
# directory of its own. Prints one table: per method and seed, the held-out statements proved by each
# round's candidate (summed over the rounds) and the statements proved in total after the last round,
# then each method's rank per seed. Figures come from the simulator's model of learning
# (docs/world-format.md), never from a real model. The worlds have no never-ending or crashing tactics
# (--timeout-rate 0 --crash-rate 0), as in 'stepwise bench iterate': this compares learning, not faults.
#
# Usage: scripts/compare-methods.sh [--problems N] [--rounds R] [--seeds "1 2 3"] [--budget AxWxN]
#                                   [--eval-fraction F] [--out DIR]
# Defaults: 244 statements, 3 rounds, seeds 1 2 3, budget 1x4x30 (the issue's), 40% held out, DIR a new
# temporary directory (kept, so every round's files can be read afterwards). A method and seed whose
# rounds DIR already holds are read back instead of run again, so seeds can run in parallel (one call per
# seed with --seeds S and the same DIR) and a last call with every seed prints the whole table.
set -euo pipefail

home=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
stepwise="$home/bin/stepwise"
problems=244
rounds=3
seeds="1 2 3"
budget=1x4x30
fraction=0.4
out=""

while [ $# -gt 0 ]; do
  case "$1" in
    --problems) problems=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --seeds) seeds=$2; shift 2 ;;
    --budget) budget=$2; shift 2 ;;
    --eval-fraction) fraction=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare-methods: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
if ! [[ "$problems" =~ ^[1-9][0-9]*$ && "$rounds" =~ ^[1-9][0-9]*$ ]]; then
  echo "compare-methods: --problems and --rounds take positive whole numbers" >&2
  exit 2
fi
[ -n "$out" ] || out=$(mktemp -d "${TMPDIR:-/tmp}/stepwise-methods.XXXXXX")
mkdir -p "$out"

# Each method is the defaults with one choice changed; the settings are passed as they are to iterate.
methods=(default filters-off easy-kept dpo)
settings_of() {
  case "$1" in
    default) echo "" ;;
    filters-off) echo "--set iterate.perplexity-drop-low=0 --set iterate.perplexity-drop-high=0" ;;
    easy-kept) echo "--set iterate.easy-proofs=keep" ;;
    dpo) echo "--set iterate.method=dpo" ;;
  esac
}

dataset="$home/datasets/minif2f/test.jsonl"
# A figure of a round's evaluate.json (written by the evaluate stage).
figure() { sed -n "s/^ *\"$2\" : \([0-9]*\),\{0,1\}$/\1/p" "$1"; }

declare -A heldout total
for seed in $seeds; do
  for m in "${methods[@]}"; do
    dir="$out/seed-$seed/$m"
    last="$dir/.stepwise/rounds/$(printf 'round-%04d' "$rounds")/evaluate.json"
    # A method and seed whose rounds an earlier call finished in DIR is read back, not run again.
    [ -f "$last" ] || (
      rm -rf "$dir"
      mkdir -p "$dir/.stepwise"
      cd "$dir"
      awk -v n="$problems" 'NF && ++k <= n' "$dataset" > .stepwise/pool.jsonl
      "$stepwise" sim generate --from .stepwise/pool.jsonl --out .stepwise/world.json --seed "$seed" --crash-rate 0 --timeout-rate 0 > /dev/null
      common=(--simulate .stepwise/world.json --set "iterate.eval-fraction=$fraction" --set "iterate.search-budget=$budget"
        --set "search.seed=$seed")
      # shellcheck disable=SC2046 # the method's settings are separate words on purpose
      for _ in $(seq "$rounds"); do
        "$stepwise" iterate --pool .stepwise/pool.jsonl "${common[@]}" $(settings_of "$m") >> iterate.log 2>&1 \
          || "$stepwise" iterate --resume "${common[@]}" >> iterate.log 2>&1 \
          || { echo "compare-methods: a round of $m, seed $seed failed twice; see $dir/iterate.log" >&2; exit 3; }
      done
    )
    sum=0
    for r in $(seq "$rounds"); do
      c=$(figure "$dir/.stepwise/rounds/$(printf 'round-%04d' "$r")/evaluate.json" candidateSolved)
      sum=$((sum + c))
    done
    heldout[$seed,$m]=$sum
    total[$seed,$m]=$(cd "$dir" && "$stepwise" rounds list 2>/dev/null | awk 'NR > 1 && $4 ~ /^[0-9]+$/ {s += $4} END {print s + 0}')
    echo "seed $seed, $m: held-out proved by the candidates $sum, proved in total ${total[$seed,$m]}" >&2
  done
done

echo "SIMULATED method comparison: first $problems miniF2F-test statements, $rounds rounds, budget $budget, held out $fraction"
printf '%-12s' "method"
for seed in $seeds; do printf ' | %-19s' "seed $seed: held/total"; done
printf ' | %s\n' "rank per seed"
for m in "${methods[@]}"; do
  printf '%-12s' "$m"
  ranks=""
  for seed in $seeds; do
    printf ' | %-19s' "${heldout[$seed,$m]} / ${total[$seed,$m]}"
    # Rank by held-out proved, then by the total; 1 is best.
    rank=1
    for o in "${methods[@]}"; do
      if [ "${heldout[$seed,$o]}" -gt "${heldout[$seed,$m]}" ] \
        || { [ "${heldout[$seed,$o]}" -eq "${heldout[$seed,$m]}" ] && [ "${total[$seed,$o]}" -gt "${total[$seed,$m]}" ]; }; then
        rank=$((rank + 1))
      fi
    done
    ranks="$ranks $rank"
  done
  printf ' |%s\n' "$ranks"
done
# The same held-out statements searched with the base model (round 1's model in service), for scale.
printf '%-12s' "base model"
for seed in $seeds; do
  printf ' | %-19s' "$(figure "$out/seed-$seed/default/.stepwise/rounds/round-0001/evaluate.json" currentSolved) (round 1)"
done
printf ' |\n'
echo "held: held-out statements proved by the $rounds rounds' candidates, summed; total: pool statements proved after round $rounds"
echo "rounds and their files: $out"
