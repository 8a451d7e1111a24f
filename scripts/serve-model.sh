#!/usr/bin/env bash
# Starts a vLLM OpenAI-compatible server for a step-prover model, with what every Stepwise feature needs:
# log-probs, sampling fields from the request (not the model's generation_config.json), runtime LoRA loading
# for expert iteration, the context the model's released search served, remote code for InternLM models,
# one replica per GPU.
# Usage: scripts/serve-model.sh MODEL [GPUS]   (make serve-model MODEL=… GPUS=… [TEMPLATE=…])
# Environment: TEMPLATE (default: guessed from MODEL, else bfs-prover), PORT (8000), MAX_MODEL_LEN (the
# template's released context), MAX_LORA_RANK (16, Stepwise's iterate.lora-rank default), LOGPROBS_MODE
# (raw or processed, Stepwise's model.logprobs-mode), VLLM_ARGS (appended as they are).
# Sources of every flag: docs/evidence/model-servers.md.
set -euo pipefail

model=${1:-}
gpus=${2:-1}
port=${PORT:-8000}

if [ -z "$model" ]; then
  echo "serve-model: no model given; e.g. make serve-model MODEL=ByteDance-Seed/BFS-Prover-V2-7B GPUS=1" >&2
  exit 2
fi
if ! [[ "$gpus" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve-model: GPUS must be a positive number of GPUs, got '$gpus'" >&2
  exit 2
fi

template=${TEMPLATE:-}
if [ -z "$template" ]; then
  case "${model,,}" in
    *internlm2_5-step-prover*|*internlm2.5-step-prover*) template=internlm25-stepprover ;;
    *internlm2-step-prover*) template=internlm2-stepprover ;;
    *) template=bfs-prover ;;
  esac
fi
# The context each template's released search served (Stepwise's ReleasedSettings.contextTokens; a test
# keeps the two in step). Empty: the release left it to the model's own configuration.
case "$template" in
  bfs-prover) released_len=16384 ;;                        # BFS-Prover-V2 src/search/prover_manager.py
  internlm25-stepprover|internlm2-stepprover) released_len= ;;  # InternLM-Math minif2f/proofsearch_*.py
  reprover-vllm|custom) released_len= ;;                   # ReProver's VllmGenerator sets none
  lean-star) released_len= ;;                              # Lean-STaR gpt-accelera/cot_search.py sets none
  reprover-byt5)
    echo "serve-model: TEMPLATE=reprover-byt5 is ReProver's ByT5 encoder-decoder model, which vLLM does not serve;" \
      "run it behind a server of its own that answers /v1/completions" >&2
    exit 2 ;;
  *)
    echo "serve-model: unknown TEMPLATE '$template'; use bfs-prover, internlm25-stepprover, internlm2-stepprover," \
      "reprover-vllm, lean-star or custom" >&2
    exit 2 ;;
esac
max_len=${MAX_MODEL_LEN:-$released_len}
if [ -n "$max_len" ] && ! [[ "$max_len" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve-model: MAX_MODEL_LEN must be a positive number of tokens, got '$max_len'" >&2
  exit 2
fi
lora_rank=${MAX_LORA_RANK:-16}
if ! [[ "$lora_rank" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve-model: MAX_LORA_RANK must be a positive rank (at least iterate.lora-rank), got '$lora_rank'" >&2
  exit 2
fi
case "${LOGPROBS_MODE:-raw}" in
  raw) logprobs_mode= ;;                      # vLLM's default, raw_logprobs: not passed, so older vLLM works too
  processed) logprobs_mode=processed_logprobs ;;
  *) echo "serve-model: LOGPROBS_MODE must be raw or processed, got '$LOGPROBS_MODE'" >&2; exit 2 ;;
esac

if ! command -v vllm >/dev/null 2>&1; then
  cat >&2 <<'MSG'
serve-model: vLLM is not installed (no 'vllm' command on PATH).
  vLLM needs a Linux machine with an NVIDIA GPU and a recent CUDA driver. Install it in a virtual environment:
    python3 -m venv ~/vllm-env && . ~/vllm-env/bin/activate && pip install vllm
  (or: uv venv ~/vllm-env && . ~/vllm-env/bin/activate && uv pip install vllm)
  then run 'make serve-model MODEL=… GPUS=…' again from that shell.
  Stepwise itself needs no GPU: point it at any vLLM, SGLang or llama-server with --set model.url=http://HOST:PORT.
MSG
  exit 3
fi

# -dp: one data-parallel replica per GPU behind this one endpoint (a 7B prover fits one GPU).
# --max-logprobs: Stepwise scores every sampled token. --generation-config vllm: the request's fields rule.
# --enable-lora --max-lora-rank and VLLM_ALLOW_RUNTIME_LORA_UPDATING=True: without them POST /v1/load_lora_adapter
# answers 404 and expert iteration cannot serve the adapter it trained.
args=(serve "$model" --gpu-memory-utilization 0.9 -tp 1 -dp "$gpus" --max-logprobs 20 --generation-config vllm
  --port "$port" --enable-lora --max-lora-rank "$lora_rank")
if [ -n "$max_len" ]; then
  args+=(--max-model-len "$max_len")
fi
# InternLM2 models ship their modelling code with the weights (InternLM-Math loads them with trust_remote_code=True).
case "${model,,}:$template" in
  *internlm*|*:internlm25-stepprover|*:internlm2-stepprover) args+=(--trust-remote-code) ;;
esac
if [ -n "$logprobs_mode" ]; then
  args+=(--logprobs-mode "$logprobs_mode")
fi

echo "serve-model: vllm serve $model (template $template${max_len:+, context $max_len}) on port $port with $gpus replica(s);"
echo "  point Stepwise at it with --set model.url=http://$(hostname -f 2>/dev/null || hostname):$port --set model.name=$model" \
  "--set model.template=$template${LOGPROBS_MODE:+ --set model.logprobs-mode=$LOGPROBS_MODE}"
export VLLM_ALLOW_RUNTIME_LORA_UPDATING=True
# shellcheck disable=SC2086 # VLLM_ARGS is a list of words on purpose
exec vllm "${args[@]}" ${VLLM_ARGS:-}
