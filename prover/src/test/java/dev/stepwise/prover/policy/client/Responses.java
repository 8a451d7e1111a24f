package dev.stepwise.prover.policy.client;

/** Completion replies in the exact shapes the three servers send (fields as in their docs and recorded replies). */
final class Responses {
    private Responses() {
    }

    /** vLLM: legacy log-prob arrays, stop_reason (a string, or null for EOS), extra fields. */
    static final String VLLM = """
            {"id":"cmpl-8f2","object":"text_completion","created":1763800000,"model":"bfs","system_fingerprint":null,
             "choices":[
              {"index":1,"text":" linarith [h]","logprobs":{"tokens":[" lin","arith"," [","h","]"],
                 "token_logprobs":[-0.5,-0.25,-0.125,-0.0625,-0.0625],
                 "top_logprobs":[{" lin":-0.5},{"arith":-0.25},{" [":-0.125},{"h":-0.0625},{"]":-0.0625}],
                 "text_offset":[0,4,9,11,12]},
               "finish_reason":"stop","stop_reason":null,"prompt_logprobs":null},
              {"index":0,"text":" norm_num","logprobs":{"tokens":[" norm","_num"],"token_logprobs":[-0.11,-0.02],
                 "top_logprobs":[{" norm":-0.11},{"_num":-0.02}],"text_offset":[0,5]},
               "finish_reason":"stop","stop_reason":"\\n","prompt_logprobs":null},
              {"index":2,"text":" nlinarith [sq_nonneg (a - b), sq_non","logprobs":{"tokens":[" nl","inarith"],
                 "token_logprobs":[-1.0,-9999.0],"top_logprobs":[{" nl":-1.0},{"inarith":-9999.0}],"text_offset":[0,3]},
               "finish_reason":"length","stop_reason":null}
             ],
             "usage":{"prompt_tokens":25,"completion_tokens":60,"total_tokens":85},"kv_transfer_params":null}
            """;

    /** SGLang: offsets of -1, matched_stop instead of stop_reason, top_logprobs without the sampled token. */
    static final String SGLANG = """
            {"id":"a1b2","object":"text_completion","created":1763800000,"model":"default",
             "choices":[
              {"index":0,"text":"simp","logprobs":{"text_offset":[-1],"token_logprobs":[-0.3],"tokens":["simp"],
                 "top_logprobs":[{"omega":-0.2}]},"finish_reason":"stop","matched_stop":"\\n"},
              {"index":1,"text":"omega","logprobs":{"text_offset":[-1,-1],"token_logprobs":[-0.7,-0.1],"tokens":["om","ega"],
                 "top_logprobs":[{"om":-0.7},{"ega":-0.1}]},"finish_reason":"stop","matched_stop":151643}
             ],
             "usage":{"prompt_tokens":30,"completion_tokens":3,"total_tokens":33,"prompt_tokens_details":null}}
            """;

    /** llama-server: one choice, log-probs in the chat shape content[]. */
    static String llama(String text, double... logprobs) {
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < logprobs.length; i++) {
            if (i > 0) {
                content.append(',');
            }
            content.append("{\"id\":").append(100 + i).append(",\"token\":\"t").append(i).append("\",\"logprob\":")
                    .append(logprobs[i]).append(",\"bytes\":[116],\"top_logprobs\":[{\"id\":").append(100 + i)
                    .append(",\"token\":\"t").append(i).append("\",\"logprob\":").append(logprobs[i]).append(",\"bytes\":[116]}]}");
        }
        return "{\"choices\":[{\"text\":\"" + text + "\",\"index\":0,\"logprobs\":{\"content\":[" + content
                + "]},\"finish_reason\":\"stop\"}],\"created\":1763800000,\"model\":\"gguf\",\"system_fingerprint\":\"b6000\","
                + "\"object\":\"text_completion\",\"usage\":{\"completion_tokens\":" + logprobs.length
                + ",\"prompt_tokens\":12,\"total_tokens\":" + (12 + logprobs.length) + "},\"id\":\"chatcmpl-x\","
                + "\"timings\":{\"prompt_n\":12,\"predicted_n\":" + logprobs.length + "}}";
    }
}
