import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { defaultAnswer, type RecordedRequest } from './anthropic-fake.js';
import { listenLoopback, readText } from './loopback.js';

/**
 * Loopback fake of OpenAI-compatible Chat Completions (JSON and SSE), embeddings
 * (deterministic hashed character trigrams, so similar texts get similar vectors) and
 * GET /v1/models, with injectable faults.
 */
export type OpenAIFault =
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'stream-error'; message?: string }
  | { kind: 'stream-cut' };

export interface OpenAIFake {
  url: string;
  requests: RecordedRequest[];
  chatRequests(): RecordedRequest[];
  embeddingRequests(): RecordedRequest[];
  enqueue(...faults: OpenAIFault[]): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export const hashedTrigramVector = (text: string, dims = 1536): number[] => {
  const v = new Array<number>(dims).fill(0);
  const t = ` ${text.toLowerCase().replace(/\s+/g, ' ')} `;
  for (let i = 0; i + 3 <= t.length; i += 1) {
    const h = createHash('md5')
      .update(t.slice(i, i + 3))
      .digest();
    v[h.readUInt32LE(0) % dims]! += 1;
  }
  const norm = Math.sqrt(v.reduce((a, b) => a + b * b, 0)) || 1;
  return v.map((x) => x / norm);
};

export const startOpenAIChatFake = async (
  options: { latencyMs?: number; answer?: (body: any) => unknown; models?: string[] } = {},
): Promise<OpenAIFake> => {
  const requests: RecordedRequest[] = [];
  const faults: OpenAIFault[] = [];
  let latency = options.latencyMs ?? 0;
  let counter = 0;
  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${++counter}`, ...headers });
    res.end(JSON.stringify(body));
  };
  const apiError = (res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) =>
    sendJson(
      res,
      status,
      { error: { message, type: status === 429 ? 'rate_limit_exceeded' : 'server_error', param: null, code: null } },
      headers,
    );

  const server = createServer(async (req, res) => {
    const raw = await readText(req);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const path = (req.url ?? '').split('?')[0]!;
    requests.push({ method: req.method ?? '', path, headers: req.headers, body });
    if (!(req.headers.authorization ?? '').startsWith('Bearer ')) return apiError(res, 401, 'Missing bearer token');
    if (req.method === 'GET' && path === '/v1/models') {
      return sendJson(res, 200, {
        object: 'list',
        data: (options.models ?? ['gpt-5-mini', 'text-embedding-3-small']).map((id) => ({
          id,
          object: 'model',
          created: 0,
          owned_by: 'fake',
        })),
      });
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      const input: string[] = Array.isArray(body.input) ? body.input : [body.input];
      return sendJson(res, 200, {
        object: 'list',
        model: body.model,
        data: input.map((t, index) => ({ object: 'embedding', index, embedding: hashedTrigramVector(t) })),
        usage: {
          prompt_tokens: input.reduce((a, t) => a + tokens(t), 0),
          total_tokens: input.reduce((a, t) => a + tokens(t), 0),
        },
      });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') return apiError(res, 404, `no route ${path}`);
    // Reasoning models (o-series, gpt-5 family) accept only the default temperature, as the API does.
    if (typeof body?.temperature === 'number' && body.temperature !== 1 && /^(?:o\d|gpt-5)/.test(String(body.model)))
      return sendJson(res, 400, {
        error: {
          message: `Unsupported value: 'temperature' does not support ${body.temperature} with this model. Only the default (1) value is supported.`,
          type: 'invalid_request_error',
          param: 'temperature',
          code: 'unsupported_value',
        },
      });
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const fault = faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      if (fault.status === 401)
        return sendJson(res, 401, {
          error: {
            message: 'Incorrect API key provided',
            type: 'invalid_request_error',
            param: null,
            code: 'invalid_api_key',
          },
        });
      return apiError(res, fault.status, fault.message ?? `injected ${fault.status}`, fault.headers);
    }
    const answer = (options.answer ?? defaultAnswer)(body);
    const content = fault?.kind === 'malformed' ? '{"text": "Voici' : JSON.stringify(answer);
    const prompt = tokens(JSON.stringify(body.messages));
    const usage = {
      prompt_tokens: prompt,
      completion_tokens: tokens(content),
      total_tokens: prompt + tokens(content),
      prompt_tokens_details: { cached_tokens: 0 },
    };
    const id = `chatcmpl-${++counter}`;
    if (!body.stream) {
      return sendJson(res, 200, {
        id,
        object: 'chat.completion',
        created: 0,
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage,
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const chunk = (delta: unknown, finish: string | null, extra: Record<string, unknown> = {}) =>
      res.write(
        `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: 0, model: body.model, choices: delta === null ? [] : [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`,
      );
    chunk({ role: 'assistant', content: '' }, null);
    if (fault?.kind === 'stream-error') {
      res.write(
        `data: ${JSON.stringify({ error: { message: fault.message ?? 'The server had an error while processing your request.', type: 'server_error' } })}\n\n`,
      );
      return res.end();
    }
    const parts = content.match(/[\s\S]{1,40}/g) ?? [];
    for (const [i, p] of parts.entries()) {
      chunk({ content: p }, null);
      if (fault?.kind === 'stream-cut' && i === 1) {
        res.socket?.destroy();
        return;
      }
    }
    chunk({}, 'stop');
    if (body.stream_options?.include_usage) chunk(null, null, { usage });
    res.write('data: [DONE]\n\n');
    res.end();
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter((r) => r.path === '/v1/chat/completions'),
    embeddingRequests: () => requests.filter((r) => r.path === '/v1/embeddings'),
    enqueue: (...f) => faults.push(...f),
    setLatency: (ms) => (latency = ms),
    close,
  };
};
