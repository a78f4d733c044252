import type OpenAI from 'openai';
import { callWithRepair, generateViaStructured, repairMessage, type RawAnswer } from './compose.js';
import { acceptsTemperature } from './model-caps.js';
import { BrokenStreamError, toExternalError, withRetries, type RetryPolicy } from './retry.js';
import type { EmbeddingProvider, StructuredRequest, StructuredResult, TextProvider, TextRequest } from './types.js';

export interface OpenAIOptions {
  id?: string | undefined;
  model: string;
  apiKey: string;
  baseURL: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  fetch?: typeof fetch | undefined;
}

/** Loaded on first use (offline runs never pay for the SDK); its own retries are off: ours apply. */
export const openaiClient = async (
  o: Pick<OpenAIOptions, 'apiKey' | 'baseURL' | 'timeoutMs' | 'fetch'>,
): Promise<OpenAI> =>
  new (await import('openai')).default({
    apiKey: o.apiKey,
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    timeout: o.timeoutMs,
    maxRetries: 0,
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });

/** Any Chat Completions endpoint (OpenAI, OpenRouter, Ollama) with json_schema response_format. */
export const createOpenAITextProvider = (o: OpenAIOptions): TextProvider => {
  let clientP: Promise<OpenAI> | undefined;
  const id = o.id ?? 'openai';

  const once = async <T>(
    request: StructuredRequest<T>,
    repair: { previous: string; problem: string } | undefined,
  ): Promise<RawAnswer> => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
      // A stable first message: OpenAI caches identical prefixes automatically.
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ];
    if (repair)
      messages.push(
        { role: 'assistant', content: repair.previous || '(vide)' },
        { role: 'user', content: repairMessage(repair.problem) },
      );
    return withRetries(
      id,
      o.retry,
      async (_attempt, signal) => {
        const client = await (clientP ??= openaiClient(o));
        const pending = client.chat.completions.create(
          {
            model: o.model,
            messages,
            max_completion_tokens: request.maxTokens ?? 1500,
            ...(request.temperature !== undefined && acceptsTemperature('openai', o.model)
              ? { temperature: request.temperature }
              : {}),
            response_format: {
              type: 'json_schema',
              json_schema: { name: request.schemaName, schema: request.jsonSchema, strict: true },
            },
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal },
        );
        request.onSent?.();
        const stream = await pending;
        let text = '';
        let finished = false;
        let model = o.model;
        let requestId: string | undefined;
        let usage: OpenAI.CompletionUsage | undefined;
        for await (const chunk of stream) {
          if (requestId === undefined) request.onStart?.();
          requestId ??= chunk.id;
          if (chunk.model) model = chunk.model;
          if (chunk.usage) usage = chunk.usage;
          const choice = chunk.choices[0];
          if (choice?.delta?.content) {
            text += choice.delta.content;
            request.onProgress?.({ outputTokens: Math.round(text.length / 4) });
          }
          if (choice?.finish_reason) finished = true;
        }
        if (!finished) throw new BrokenStreamError('the stream ended before finish_reason');
        const cached = usage?.prompt_tokens_details?.cached_tokens ?? 0;
        return {
          raw: text,
          usage: {
            inputTokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cached),
            outputTokens: usage?.completion_tokens ?? 0,
            cacheWriteTokens: 0,
            cacheReadTokens: cached,
          },
          model,
          requestId,
        };
      },
      { signal: request.signal },
    );
  };

  const structured = <T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> =>
    callWithRepair(request, (repair) => once(request, repair)).catch((error: unknown) => {
      throw toExternalError(id, error, 1);
    });
  return {
    id,
    model: o.model,
    offline: false,
    structured,
    generate: (request: TextRequest) => generateViaStructured(structured, request),
    prepare: () => void (clientP ??= openaiClient(o)).catch(() => undefined),
  };
};

export const createOpenAIEmbeddings = (o: OpenAIOptions): EmbeddingProvider => {
  let clientP: Promise<OpenAI> | undefined;
  return {
    id: 'openai',
    model: o.model,
    offline: false,
    async embed(texts) {
      return withRetries('openai', o.retry, async () => {
        const client = await (clientP ??= openaiClient(o));
        const res = await client.embeddings.create({ model: o.model, input: texts, encoding_format: 'float' });
        const vectors = [...res.data].sort((a, b) => a.index - b.index).map((d) => d.embedding);
        return {
          vectors,
          usage: {
            inputTokens: res.usage?.prompt_tokens ?? 0,
            outputTokens: 0,
            cacheWriteTokens: 0,
            cacheReadTokens: 0,
          },
        };
      });
    },
  };
};
