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
      # A directory an earlier call left part-way keeps its world and finished work: its rounds are resumed.
      if [ ! -f "$dir/.stepwise/world.json" ]; then
        rm -rf "$dir"
        mkdir -p "$dir/.stepwise"
        awk -v n="$problems" 'NF && ++k <= n' "$dataset" > "$dir/.stepwise/pool.jsonl"
        "$stepwise" sim generate --from "$dir/.stepwise/pool.jsonl" --out "$dir/.stepwise/world.tmp.json" --seed "$seed" \
          --crash-rate 0 --timeout-rate 0 > /dev/null
        mv "$dir/.stepwise/world.tmp.json" "$dir/.stepwise/world.json"
      fi
      cd "$dir"
      common=(--simulate .stepwise/world.json --set "iterate.eval-fraction=$fraction" --set "iterate.search-budget=$budget"
        --set "search.seed=$seed")
      rounds_with() { "$stepwise" rounds list 2>/dev/null | awk -v want="$1" 'NR > 1 && $1 ~ /^[0-9]+$/ && (($2 == "completed") == (want == "completed"))' | wc -l; }
      # A round that stops (on a loaded machine the simulated model server can miss its health checks) is
      # resumed; it keeps the settings it started with. Three stops in a row end the method.
      stops=0
      while [ "$(rounds_with completed)" -lt "$rounds" ]; do
        if [ "$(rounds_with unfinished)" -gt 0 ]; then
          next=(iterate --resume "${common[@]}")
        else
          # shellcheck disable=SC2046 # the method's settings are separate words on purpose
          next=(iterate --pool .stepwise/pool.jsonl "${common[@]}" $(settings_of "$m"))
        fi
        if "$stepwise" "${next[@]}" >> iterate.log 2>&1; then
          stops=0
        else
          stops=$((stops + 1))
          [ "$stops" -lt 3 ] || { echo "compare-methods: a round of $m, seed $seed stopped 3 times; see $dir/iterate.log" >&2; exit 3; }
        fi
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

# A method's rank on a seed: by held-out proved, then by the total; 1 is best, ties share a rank.
rank_of() {
  local rank=1 o
  for o in "${methods[@]}"; do
    if [ "${heldout[$1,$o]}" -gt "${heldout[$1,$2]}" ] \
      || { [ "${heldout[$1,$o]}" -eq "${heldout[$1,$2]}" ] && [ "${total[$1,$o]}" -gt "${total[$1,$2]}" ]; }; then
      rank=$((rank + 1))
    fi
  done
  echo "$rank"
}

echo "SIMULATED method comparison: first $problems miniF2F-test statements, $rounds rounds, budget $budget, held out $fraction"
printf '%-12s' "method"
for seed in $seeds; do printf ' | %-19s' "seed $seed: held/total"; done
printf ' | %s\n' "rank per seed"
for m in "${methods[@]}"; do
  printf '%-12s' "$m"
  ranks=""
  for seed in $seeds; do
    printf ' | %-19s' "${heldout[$seed,$m]} / ${total[$seed,$m]}"
    ranks="$ranks $(rank_of "$seed" "$m")"
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
# Each choice against the defaults, per seed: the held-out difference, and whether its sign is the same on every seed.
for m in "${methods[@]:1}"; do
  printf '%-12s vs default:' "$m"
  signs=""
  for seed in $seeds; do
    d=$((heldout[$seed,$m] - heldout[$seed,default]))
    printf ' %+d' "$d"
    signs="$signs $(( d > 0 ? 1 : d < 0 ? -1 : 0 ))"
  done
  if [ "$(echo $signs | tr ' ' '\n' | sort -u | wc -l)" -eq 1 ] && [ "$(echo $signs | cut -d' ' -f1)" != 0 ]; then
    echo " (held-out, per seed): same sign on every seed"
  else
    echo " (held-out, per seed): NOT the same sign on every seed"
  fi
done
# The whole ranking is stable when every method has the same rank on every seed.
stable=yes
for m in "${methods[@]}"; do
  first=""
  for seed in $seeds; do
    rank=$(rank_of "$seed" "$m")
    [ -z "$first" ] && first=$rank
    [ "$rank" = "$first" ] || stable=no
  done
done
echo "ranking the same on every seed: $stable"
echo "rounds and their files: $out"
