import type Anthropic from '@anthropic-ai/sdk';
import type { AnthropicClient } from './anthropic-sdk.js';
import { callWithRepair, generateViaStructured, repairMessage, type RawAnswer } from './compose.js';
import { acceptsTemperature } from './model-caps.js';
import { BrokenStreamError, toExternalError, withRetries, type RetryPolicy } from './retry.js';
import type { StructuredRequest, StructuredResult, TextProvider, TextRequest, Usage } from './types.js';

export interface AnthropicOptions {
  /** `anthropic` or `kie` (names the provider in messages and the ledger). */
  id: string;
  model: string;
  baseURL: string | undefined;
  /** x-api-key auth (Anthropic). */
  apiKey?: string | undefined;
  /** Bearer auth (kie.ai and other proxies). */
  authToken?: string | undefined;
  timeoutMs: number;
  retry: RetryPolicy;
  /** json_schema (structured outputs) or a forced tool, for proxies that drop output_config. */
  structuredMode: 'json_schema' | 'tool';
  /** USD per kie.ai credit, when the endpoint reports `credits_consumed`. */
  creditUsd?: number | undefined;
  /** Mark the brand system block for prompt caching (default true; off only to measure it). */
  promptCache?: boolean | undefined;
  fetch?: typeof fetch | undefined;
}

const usageOf = (u: Partial<Anthropic.Messages.Usage> | undefined): Usage => ({
  inputTokens: u?.input_tokens ?? 0,
  outputTokens: u?.output_tokens ?? 0,
  cacheWriteTokens: u?.cache_creation_input_tokens ?? 0,
  cacheReadTokens: u?.cache_read_input_tokens ?? 0,
});

/**
 * kie.ai (and some proxies) answer HTTP 200 with their own `{code, msg}` envelope instead of a
 * message. Turn it into the HTTP error it stands for so the SDK and our retry table treat it
 * like any other: 401/402 stop, 429/5xx retry, 455 (maintenance) counts as 503.
 */
export const envelopeAwareFetch =
  (inner: typeof fetch = fetch): typeof fetch =>
  async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const res = await inner(input, init);
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || !type.includes('json')) return res;
    const text = await res.text();
    const headers = new Headers(res.headers);
    headers.delete('content-length');
    headers.delete('content-encoding');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return new Response(text, { status: res.status, headers });
    }
    if (body && typeof body === 'object' && 'code' in body && 'msg' in body && !('type' in body)) {
      const env = body as { code: unknown; msg: unknown; data?: unknown };
      const code = Number(env.code);
      if (code === 200 && env.data && typeof env.data === 'object')
        return new Response(JSON.stringify(env.data), { status: 200, headers });
      const status = code === 455 ? 503 : code >= 400 && code <= 599 ? code : 502;
      const kind =
        status === 401
          ? 'authentication_error'
          : status === 402
            ? 'billing_error'
            : status === 429
              ? 'rate_limit_error'
              : 'api_error';
      return new Response(
        JSON.stringify({
          type: 'error',
          error: { type: kind, message: `envelope code ${String(env.code)}: ${String(env.msg)}` },
        }),
        {
          status,
          headers,
        },
      );
    }
    return new Response(text, { status: res.status, headers });
  };

/** The SDK is loaded on first use so that offline runs and --help never pay for it. Its own retries are off: ours apply. */
export const anthropicClient = async (
  o: Pick<AnthropicOptions, 'apiKey' | 'authToken' | 'baseURL' | 'timeoutMs' | 'fetch'>,
): Promise<AnthropicClient> => {
  const { AnthropicClient: Client } = await import('./anthropic-sdk.js');
  return new Client({
    apiKey: o.authToken ? null : (o.apiKey ?? null),
    authToken: o.authToken ?? null,
    ...(o.baseURL ? { baseURL: o.baseURL } : {}),
    timeout: o.timeoutMs,
    maxRetries: 0,
    fetch: envelopeAwareFetch(o.fetch),
  });
};

/** Claude through the official SDK (Anthropic, kie.ai, or any Messages-compatible base URL). */
export const createAnthropicTextProvider = (o: AnthropicOptions): TextProvider => {
  let clientP: Promise<AnthropicClient> | undefined;
  const getClient = () => (clientP ??= anthropicClient(o));

  const once = async <T>(
    request: StructuredRequest<T>,
    repair: { previous: string; problem: string } | undefined,
  ): Promise<RawAnswer> => {
    const messages: Anthropic.Messages.MessageParam[] = [{ role: 'user', content: request.user }];
    if (repair) {
      messages.push(
        { role: 'assistant', content: repair.previous || '(vide)' },
        { role: 'user', content: repairMessage(repair.problem) },
      );
    }
    // Structured outputs accept a subset of JSON Schema (no numeric, length or item bounds):
    // the SDK's own transform moves them into descriptions; zod still enforces them on parse.
    const { transformJSONSchema } = await import('@anthropic-ai/sdk/lib/transform-json-schema');
    const schema = transformJSONSchema(request.jsonSchema);
    const format =
      o.structuredMode === 'tool'
        ? {
            tools: [
              {
                name: request.schemaName,
                description: 'Return the answer through this tool.',
                input_schema: schema as Anthropic.Messages.Tool.InputSchema,
              },
            ],
            tool_choice: { type: 'tool' as const, name: request.schemaName },
          }
        : { output_config: { format: { type: 'json_schema' as const, schema } } };
    const temperature =
      request.temperature !== undefined && acceptsTemperature('anthropic', o.model)
        ? { temperature: request.temperature }
        : {};
    return withRetries(
      o.id,
      o.retry,
      async (_attempt, signal) => {
        let chars = 0;
        const client = await getClient();
        const stream = client.messages.stream(
          {
            model: o.model,
            max_tokens: request.maxTokens ?? 1500,
            system: [
              {
                type: 'text',
                text: request.system,
                ...(o.promptCache === false ? {} : { cache_control: { type: 'ephemeral' as const } }),
              },
            ],
            messages,
            ...temperature,
            ...format,
          },
          { signal },
        );
        request.onSent?.();
        stream.on('streamEvent', (event) => {
          if (event.type === 'message_start') request.onStart?.();
          if (event.type !== 'content_block_delta') return;
          const d = event.delta;
          chars += d.type === 'text_delta' ? d.text.length : d.type === 'input_json_delta' ? d.partial_json.length : 0;
          request.onProgress?.({ outputTokens: Math.round(chars / 4) });
        });
        let message: Anthropic.Messages.Message;
        try {
          message = await stream.finalMessage();
        } catch (error) {
          const e = error as { name?: string; status?: number };
          // The SDK's plain AnthropicError here means the SSE stream ended early (no message_stop).
          if (e.name === 'AnthropicError' && e.status === undefined)
            throw new BrokenStreamError((error as Error).message);
          throw error;
        }
        const tool = message.content.find((b) => b.type === 'tool_use');
        const text = message.content
          .filter((b) => b.type === 'text')
          .map((b) => b.text)
          .join('');
        const extra = message as unknown as { credits_consumed?: number; usage?: { credits_consumed?: number } };
        const credits = extra.credits_consumed ?? extra.usage?.credits_consumed;
        return {
          raw: o.structuredMode === 'tool' && tool ? tool.input : text,
          usage: usageOf(message.usage),
          model: message.model || o.model,
          requestId: stream.request_id ?? undefined,
          reportedCostUsd: typeof credits === 'number' && o.creditUsd !== undefined ? credits * o.creditUsd : undefined,
        };
      },
      { signal: request.signal },
    );
  };

  const structured = <T>(request: StructuredRequest<T>): Promise<StructuredResult<T>> =>
    callWithRepair(request, (repair) => once(request, repair)).catch((error: unknown) => {
      throw toExternalError(o.id, error, 1);
    });

  return {
    id: o.id,
    model: o.model,
    offline: false,
    structured,
    generate: (request: TextRequest) => generateViaStructured(structured, request),
    prepare: () => void getClient().catch(() => undefined),
  };
};

/** Model ids the key can use (`GET /v1/models`), for doctor. */
export const listAnthropicModels = async (
  o: Pick<AnthropicOptions, 'apiKey' | 'authToken' | 'baseURL' | 'timeoutMs' | 'fetch'>,
): Promise<string[]> => {
  const client = await anthropicClient(o);
  const ids: string[] = [];
  for await (const m of client.models.list({ limit: 100 })) ids.push(m.id);
  return ids;
};
