// Model presets: the public architecture of each model, as the inline `workload.model`
// mapping a user would write, each number with its source (the model's config.json, model
// card or paper). Plain data; no logic. `head_dim` is given only where it differs from
// hidden / heads. `max_context` is the context length the model was trained with.

import type { Preset } from './types';

const LLAMA2_PAPER =
  'Touvron et al. 2023, "Llama 2: Open Foundation and Fine-Tuned Chat Models", arXiv:2307.09288 (context length 4k for all sizes; GQA for 34B/70B)';
const LLAMA_UNTIED = 'Llama-family config.json sets "tie_word_embeddings": false (separate lm_head)';
const LLAMA_SWIGLU = 'config.json "hidden_act": "silu" with gate_proj/up_proj/down_proj: SwiGLU (three matrices)';
const LLAMA_SEQUENTIAL = 'Llama decoder layer applies attention then MLP, each with its own RMSNorm and residual (HF LlamaDecoderLayer)';
const MEASURED_CSV = 'validation/sources/measured.csv model_arch';

export const modelPresets: readonly Preset[] = [
  // ---------------------------------------------------------------------------------------
  {
    id: 'llama-2-7b',
    kind: 'model',
    name: 'Llama 2 7B',
    summary: 'Meta Llama 2, 7B dense decoder, MHA, SwiGLU, 4k context (2023)',
    config: {
      layers: 32,
      hidden: 4096,
      heads: 32,
      kv_heads: 32,
      ffn: 11008,
      activation: 'swiglu',
      vocab: 32000,
      max_context: 4096,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/meta-llama/Llama-2-7b-hf config.json "num_hidden_layers": 32; ' +
        MEASURED_CSV +
        ' "L=32 d=4096 H=32 KV=32 FFN=11008(SwiGLU) V=32000 [seen: llama.cpp #2641 log]"',
      hidden: 'huggingface.co/meta-llama/Llama-2-7b-hf config.json "hidden_size": 4096; ' + MEASURED_CSV + ' (seen)',
      heads: 'huggingface.co/meta-llama/Llama-2-7b-hf config.json "num_attention_heads": 32; ' + MEASURED_CSV + ' (seen)',
      kv_heads:
        'huggingface.co/meta-llama/Llama-2-7b-hf config.json "num_key_value_heads": 32 (multi-head attention; GQA only for 34B/70B per ' +
        LLAMA2_PAPER +
        ')',
      ffn: 'huggingface.co/meta-llama/Llama-2-7b-hf config.json "intermediate_size": 11008; ' + MEASURED_CSV + ' (seen)',
      activation: LLAMA_SWIGLU,
      vocab: 'huggingface.co/meta-llama/Llama-2-7b-hf config.json "vocab_size": 32000; ' + MEASURED_CSV + ' (seen)',
      max_context: 'huggingface.co/meta-llama/Llama-2-7b-hf config.json "max_position_embeddings": 4096; ' + LLAMA2_PAPER,
      parallel_attention: LLAMA_SEQUENTIAL,
      tied_embeddings: LLAMA_UNTIED,
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'llama-2-13b',
    kind: 'model',
    name: 'Llama 2 13B',
    summary: 'Meta Llama 2, 13B dense decoder, MHA, SwiGLU, 4k context (2023)',
    config: {
      layers: 40,
      hidden: 5120,
      heads: 40,
      kv_heads: 40,
      ffn: 13824,
      activation: 'swiglu',
      vocab: 32000,
      max_context: 4096,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/meta-llama/Llama-2-13b-hf config.json "num_hidden_layers": 40; agrees with ' +
        MEASURED_CSV +
        ' "L=40 d=5120 H=40 KV=40 FFN=13824(SwiGLU) V=32000"',
      hidden: 'huggingface.co/meta-llama/Llama-2-13b-hf config.json "hidden_size": 5120',
      heads: 'huggingface.co/meta-llama/Llama-2-13b-hf config.json "num_attention_heads": 40',
      kv_heads:
        'huggingface.co/meta-llama/Llama-2-13b-hf config.json "num_key_value_heads": 40 (multi-head attention; ' + LLAMA2_PAPER + ')',
      ffn: 'huggingface.co/meta-llama/Llama-2-13b-hf config.json "intermediate_size": 13824',
      activation: LLAMA_SWIGLU,
      vocab: 'huggingface.co/meta-llama/Llama-2-13b-hf config.json "vocab_size": 32000 (same tokenizer as all Llama 2 sizes)',
      max_context: 'huggingface.co/meta-llama/Llama-2-13b-hf config.json "max_position_embeddings": 4096; ' + LLAMA2_PAPER,
      parallel_attention: LLAMA_SEQUENTIAL,
      tied_embeddings: LLAMA_UNTIED,
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'llama-2-70b',
    kind: 'model',
    name: 'Llama 2 70B',
    summary: 'Meta Llama 2, 70B dense decoder, GQA (8 kv heads), SwiGLU, 4k context (2023)',
    config: {
      layers: 80,
      hidden: 8192,
      heads: 64,
      kv_heads: 8,
      ffn: 28672,
      activation: 'swiglu',
      vocab: 32000,
      max_context: 4096,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/meta-llama/Llama-2-70b-hf config.json "num_hidden_layers": 80; agrees with ' +
        MEASURED_CSV +
        ' "L=80 d=8192 H=64 KV=8 FFN=28672(SwiGLU) V=32000"',
      hidden: 'huggingface.co/meta-llama/Llama-2-70b-hf config.json "hidden_size": 8192',
      heads: 'huggingface.co/meta-llama/Llama-2-70b-hf config.json "num_attention_heads": 64',
      kv_heads:
        'huggingface.co/meta-llama/Llama-2-70b-hf config.json "num_key_value_heads": 8 (grouped-query attention, ' + LLAMA2_PAPER + ')',
      ffn: 'huggingface.co/meta-llama/Llama-2-70b-hf config.json "intermediate_size": 28672',
      activation: LLAMA_SWIGLU,
      vocab: 'huggingface.co/meta-llama/Llama-2-70b-hf config.json "vocab_size": 32000',
      max_context: 'huggingface.co/meta-llama/Llama-2-70b-hf config.json "max_position_embeddings": 4096; ' + LLAMA2_PAPER,
      parallel_attention: LLAMA_SEQUENTIAL,
      tied_embeddings: LLAMA_UNTIED,
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'llama-3-8b',
    kind: 'model',
    name: 'Llama 3 8B',
    summary: 'Meta Llama 3, 8B dense decoder, GQA (8 kv heads), SwiGLU, 128k-token vocabulary, 8k context (2024)',
    config: {
      layers: 32,
      hidden: 4096,
      heads: 32,
      kv_heads: 8,
      ffn: 14336,
      activation: 'swiglu',
      vocab: 128256,
      max_context: 8192,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "num_hidden_layers": 32 (module print of the 8B model: "(0-31): 32 x LlamaDecoderLayer", github Retruth/deontic nlp_models/llama3/README.md)',
      hidden: 'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "hidden_size": 4096 (module print: q_proj Linear(4096, 4096))',
      heads: 'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "num_attention_heads": 32',
      kv_heads:
        'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "num_key_value_heads": 8 (module print: k_proj Linear(4096, 1024) = 8 heads x 128)',
      ffn: 'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "intermediate_size": 14336 (module print: gate_proj Linear(4096, 14336))',
      activation: LLAMA_SWIGLU,
      vocab: 'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "vocab_size": 128256 (module print: Embedding(128256, 4096))',
      max_context:
        'huggingface.co/meta-llama/Meta-Llama-3-8B config.json "max_position_embeddings": 8192 (Llama 3.1 recipes in github oumi-ai/oumi configs/recipes/llama3_1/README.md: "initially trained with 8192")',
      parallel_attention: LLAMA_SEQUENTIAL,
      tied_embeddings: LLAMA_UNTIED + ' (oumi Llama 3.1 8B model info: "Weight tying | False")',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'llama-3-70b',
    kind: 'model',
    name: 'Llama 3 70B',
    summary: 'Meta Llama 3, 70B dense decoder, GQA (8 kv heads), SwiGLU, 128k-token vocabulary, 8k context (2024)',
    config: {
      layers: 80,
      hidden: 8192,
      heads: 64,
      kv_heads: 8,
      ffn: 28672,
      activation: 'swiglu',
      vocab: 128256,
      max_context: 8192,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "num_hidden_layers": 80; same architecture as Llama 3.1 70B (github oumi-ai/oumi configs/recipes/llama3_1/README.md: 80 layers, hidden 8192, 64 heads, 8 KV heads, MLP 28,672, vocab 128,256)',
      hidden: 'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "hidden_size": 8192',
      heads: 'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "num_attention_heads": 64',
      kv_heads: 'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "num_key_value_heads": 8',
      ffn: 'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "intermediate_size": 28672',
      activation: LLAMA_SWIGLU,
      vocab: 'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "vocab_size": 128256',
      max_context:
        'huggingface.co/meta-llama/Meta-Llama-3-70B config.json "max_position_embeddings": 8192 (oumi Llama 3.1 70B: "initially trained with 8192")',
      parallel_attention: LLAMA_SEQUENTIAL,
      tied_embeddings: LLAMA_UNTIED + ' (oumi Llama 3.1 70B model info: "Weight tying | False")',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'mistral-7b',
    kind: 'model',
    name: 'Mistral 7B (v0.1)',
    summary:
      'Mistral AI Mistral 7B v0.1, dense decoder, GQA (8 kv heads), SwiGLU, sliding-window attention 4096 (declared; not modelled: a warning past it), 8k context (2023)',
    config: {
      layers: 32,
      hidden: 4096,
      heads: 32,
      kv_heads: 8,
      ffn: 14336,
      activation: 'swiglu',
      vocab: 32000,
      max_context: 8192,
      sliding_window: 4096,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      sliding_window:
        'Mistral 7B paper (arXiv:2310.06825) Table 1: window_size 4096; §2 "Rolling Buffer Cache" holds W tokens (huggingface.co/mistralai/Mistral-7B-v0.1 config.json "sliding_window": 4096)',
      layers:
        'Jiang et al. 2023, "Mistral 7B", arXiv:2310.06825, Table 1: n_layers 32 (also huggingface.co/mistralai/Mistral-7B-v0.1 config.json)',
      hidden: 'Mistral 7B paper (arXiv:2310.06825) Table 1: dim 4096',
      heads: 'Mistral 7B paper (arXiv:2310.06825) Table 1: n_heads 32 (head_dim 128)',
      kv_heads: 'Mistral 7B paper (arXiv:2310.06825) Table 1: n_kv_heads 8',
      ffn: 'Mistral 7B paper (arXiv:2310.06825) Table 1: hidden_dim 14336',
      activation:
        'huggingface.co/mistralai/Mistral-7B-v0.1 config.json "hidden_act": "silu" with a gated MLP (HF MistralMLP gate/up/down): SwiGLU',
      vocab: 'Mistral 7B paper (arXiv:2310.06825) Table 1: vocab_size 32000',
      max_context:
        'Mistral 7B paper (arXiv:2310.06825) Table 1: context_len 8192 (window_size 4096). config.json sets max_position_embeddings 32768, a positional limit rather than the trained length',
      parallel_attention: 'sequential attention then MLP, as Llama (HF MistralDecoderLayer)',
      tied_embeddings: 'huggingface.co/mistralai/Mistral-7B-v0.1 config.json "tie_word_embeddings": false',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'mixtral-8x7b',
    kind: 'model',
    name: 'Mixtral 8x7B (v0.1)',
    summary: 'Mistral AI Mixtral 8x7B, sparse mixture of experts (8 experts, top-2), GQA (8 kv heads), SwiGLU experts, 32k context (2023)',
    config: {
      layers: 32,
      hidden: 4096,
      heads: 32,
      kv_heads: 8,
      ffn: 14336,
      activation: 'swiglu',
      vocab: 32000,
      experts: 8,
      experts_per_token: 2,
      max_context: 32768,
      parallel_attention: false,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'Jiang et al. 2024, "Mixtral of Experts", arXiv:2401.04088, Table 1: n_layers 32 (also huggingface.co/mistralai/Mixtral-8x7B-v0.1 config.json "num_hidden_layers": 32)',
      hidden: 'Mixtral paper (arXiv:2401.04088) Table 1: dim 4096',
      heads: 'Mixtral paper (arXiv:2401.04088) Table 1: n_heads 32 (head_dim 128)',
      kv_heads: 'Mixtral paper (arXiv:2401.04088) Table 1: n_kv_heads 8',
      ffn: 'Mixtral paper (arXiv:2401.04088) Table 1: hidden_dim 14336 (per expert)',
      activation: 'Mixtral paper (arXiv:2401.04088): each expert is a SwiGLU feed-forward block',
      vocab: 'Mixtral paper (arXiv:2401.04088) Table 1: vocab_size 32000',
      experts: 'Mixtral paper (arXiv:2401.04088) Table 1: num_experts 8 (config.json "num_local_experts": 8)',
      experts_per_token: 'Mixtral paper (arXiv:2401.04088) Table 1: top_k_experts 2 (config.json "num_experts_per_tok": 2)',
      max_context: 'Mixtral paper (arXiv:2401.04088) Table 1: context_len 32768 ("trained with a context size of 32k tokens")',
      parallel_attention: 'sequential attention then MoE block (HF MixtralDecoderLayer)',
      tied_embeddings: 'huggingface.co/mistralai/Mixtral-8x7B-v0.1 config.json "tie_word_embeddings": false',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'gpt-j-6b',
    kind: 'model',
    name: 'GPT-J 6B',
    summary: 'EleutherAI GPT-J 6B, dense decoder, 16 heads of 256 (RoPE on 64 dims), parallel attention + MLP, GeLU, 2k context (2021)',
    config: {
      layers: 28,
      hidden: 4096,
      heads: 16,
      kv_heads: 16,
      ffn: 16384,
      activation: 'gelu',
      vocab: 50400,
      max_context: 2048,
      parallel_attention: true,
      tied_embeddings: false,
    },
    sources: {
      layers:
        'huggingface.co/EleutherAI/gpt-j-6b model card hyperparameter table (n_layers 28; as reproduced in github asgaardlab/model-card-reorganization verified_model_cards/EleutherAI@gpt-j-6b) and config.json "n_layer": 28; ' +
        MEASURED_CSV +
        ' "[L/H/d seen in TRT-LLM build cmd]"',
      hidden: 'GPT-J model card: d_model 4096; config.json "n_embd": 4096',
      heads: 'GPT-J model card: n_heads 16, d_head 256 (= 4096 / 16, so head_dim is the default); config.json "n_head": 16',
      kv_heads: 'GPT-J uses multi-head attention: kv heads = heads = 16 (model card; ' + MEASURED_CSV + ' "KV=16")',
      ffn: 'GPT-J model card: d_ff 16384 (config.json "n_inner": null -> 4 x n_embd)',
      activation: 'config.json "activation_function": "gelu_new" (tanh-approximated GeLU): plain two-matrix GeLU MLP',
      vocab:
        'config.json "vocab_size": 50400; the model card: "the embedding matrix has a size of 50400, only 50257 entries are used by the GPT-2 tokenizer" (weights and LM head are sized by 50400)',
      max_context: 'GPT-J model card: n_ctx 2048 (config.json "n_positions": 2048)',
      parallel_attention:
        'attention and MLP read the same layer-normed input and are summed with the residual (HF GPTJBlock; Mesh Transformer JAX); ' +
        MEASURED_CSV +
        ' "parallel attn+MLP"',
      tied_embeddings: 'config.json "tie_word_embeddings": false (separate lm_head with bias)',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'gpt-3-175b',
    kind: 'model',
    name: 'GPT-3 175B',
    summary:
      'OpenAI GPT-3 175B (davinci), dense decoder, 96 heads of 128, GeLU, 2k context (2020); architecture from the paper (weights not public)',
    config: {
      layers: 96,
      hidden: 12288,
      heads: 96,
      kv_heads: 96,
      ffn: 49152,
      activation: 'gelu',
      vocab: 50257,
      max_context: 2048,
      parallel_attention: false,
      tied_embeddings: true,
    },
    sources: {
      layers:
        'Brown et al. 2020, "Language Models are Few-Shot Learners", arXiv:2005.14165, Table 2.1 (GPT-3 175B): n_layers 96; ' +
        MEASURED_CSV +
        ' "[seen: FT gpt_guide]"',
      hidden: 'GPT-3 paper (arXiv:2005.14165) Table 2.1: d_model 12288',
      heads: 'GPT-3 paper (arXiv:2005.14165) Table 2.1: n_heads 96, d_head 128',
      kv_heads: 'GPT-3 uses multi-head attention (kv heads = heads = 96), the GPT-2 architecture (GPT-3 paper section 2.1)',
      ffn: 'GPT-3 paper (arXiv:2005.14165) section 2.1: "the size of the feedforward layer is always four times the size of the bottleneck layer, d_ff = 4 * d_model" = 49152',
      activation:
        'GeLU: GPT-3 "use[s] the same model and architecture as GPT-2" (paper section 2.1), whose MLP uses GeLU (HF GPT2MLP, activation_function "gelu_new")',
      vocab:
        'GPT-2/GPT-3 byte-level BPE with 50257 tokens (huggingface.co/gpt2 config.json "vocab_size": 50257; OpenAI tiktoken r50k_base, the davinci encoding). FasterTransformer pads it to 51200 (' +
        MEASURED_CSV +
        ')',
      max_context: 'GPT-3 paper (arXiv:2005.14165) section 2.1: "context window of n_ctx = 2048 tokens" for all models',
      parallel_attention: 'sequential GPT-2 layer: attention then MLP, each with pre-LayerNorm and residual (GPT-3 paper section 2.1)',
      tied_embeddings:
        'assumption: tied, as in GPT-2 (HF GPT2LMHeadModel ties lm_head to the token embedding), since GPT-3 uses the GPT-2 architecture; the paper does not state it',
    },
  },
  // ---------------------------------------------------------------------------------------
  {
    id: 'bloom-176b',
    kind: 'model',
    name: 'BLOOM 176B',
    summary: 'BigScience BLOOM 176B, dense decoder, 112 heads of 128, ALiBi positions, GeLU, 250k-token vocabulary, 2k context (2022)',
    config: {
      layers: 70,
      hidden: 14336,
      heads: 112,
      kv_heads: 112,
      ffn: 57344,
      activation: 'gelu',
      vocab: 250880,
      max_context: 2048,
      parallel_attention: false,
      tied_embeddings: true,
    },
    sources: {
      layers:
        'huggingface.co/bigscience/bloom config.json "n_layer": 70; BigScience 2022, "BLOOM: A 176B-Parameter Open-Access Multilingual Language Model", arXiv:2211.05100; ' +
        MEASURED_CSV +
        ' "[L/d/H seen in splitwise-sim config]"',
      hidden: 'huggingface.co/bigscience/bloom config.json "hidden_size": 14336; ' + MEASURED_CSV + ' (seen)',
      heads: 'huggingface.co/bigscience/bloom config.json "n_head": 112 (head_dim 14336 / 112 = 128); ' + MEASURED_CSV + ' (seen)',
      kv_heads:
        'BLOOM uses multi-head attention: kv heads = heads = 112 (fused query_key_value projection of 3 x hidden, HF BloomAttention)',
      ffn: '4 x hidden = 57344: BloomMLP dense_h_to_4h maps hidden -> 4 x hidden (module print of bloom-560m: Linear(1024, 4096), github tenstorrent/tt-metal tests/python_api_testing/models/bloom_old/README.md)',
      activation: 'BloomGelu (tanh-approximated GeLU) in a two-matrix MLP (same module print)',
      vocab: 'huggingface.co/bigscience/bloom config.json "vocab_size": 250880 (module print: Embedding(250880, ...)); ' + MEASURED_CSV,
      max_context: 'BLOOM was trained with a sequence length of 2048 tokens (BigScience 2022, arXiv:2211.05100, training hyperparameters)',
      parallel_attention: 'sequential attention then MLP (HF BloomBlock: post_attention_layernorm before the MLP)',
      tied_embeddings:
        'HF BloomForCausalLM ties lm_head to transformer.word_embeddings (tie_word_embeddings defaults to true in the bloom config.json)',
    },
  },
];
