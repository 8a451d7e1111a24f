#!/usr/bin/env bash
# Starts a vLLM OpenAI-compatible server for a step-prover model, with the flags Stepwise expects:
# log-probs enabled, sampling defaults from the request (not the model's generation_config.json),
# one replica per GPU. Usage: scripts/serve-model.sh MODEL [GPUS] (make serve-model MODEL=… GPUS=…).
set -euo pipefail

model=${1:-}
gpus=${2:-1}
port=${PORT:-8000}
max_len=${MAX_MODEL_LEN:-8192}

if [ -z "$model" ]; then
  echo "serve-model: no model given; e.g. make serve-model MODEL=ByteDance-Seed/BFS-Prover-V2-7B GPUS=1" >&2
  exit 2
fi
if ! [[ "$gpus" =~ ^[1-9][0-9]*$ ]]; then
  echo "serve-model: GPUS must be a positive number of GPUs, got '$gpus'" >&2
  exit 2
fi
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

echo "serve-model: vllm serve $model on port $port with $gpus replica(s); point Stepwise at it with"
echo "  --set model.url=http://$(hostname -f 2>/dev/null || hostname):$port --set model.name=$model"
# -dp: one data-parallel replica per GPU behind this one endpoint (a 7B prover fits one GPU).
# --max-logprobs: Stepwise scores every sampled token. --generation-config vllm: the request's fields rule.
exec vllm serve "$model" \
  --max-model-len "$max_len" \
  --gpu-memory-utilization 0.9 \
  -tp 1 -dp "$gpus" \
  --max-logprobs 20 \
  --generation-config vllm \
  --port "$port" \
  ${VLLM_ARGS:-}
