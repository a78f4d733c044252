import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenLoopback, readText } from './loopback.js';

/**
 * Loopback fake of the Anthropic Messages API (and kie.ai's compatible endpoint): plain JSON
 * and SSE streaming, prompt-cache accounting, GET /v1/models, and injectable faults.
 */
export type AnthropicFault =
  | { kind: 'status'; status: number; type?: string; message?: string; headers?: Record<string, string> }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'envelope'; code: number; msg: string }
  | { kind: 'stream-error'; type?: string; message?: string }
  | { kind: 'stream-cut' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: any;
}

export interface AnthropicFakeOptions {
  /** Delay before answering each request (ms): time to first byte. */
  latencyMs?: number;
  /** Time spread over the streamed chunks after the first byte (ms). */
  streamMs?: number;
  /** Builds the JSON answer for a request (default: a Quebec French post or a judge verdict). */
  answer?: (body: any) => unknown;
  models?: string[];
  /** Extra fields put on the message (kie.ai: credits_consumed). */
  extra?: Record<string, unknown>;
}

export interface AnthropicFake {
  url: string;
  requests: RecordedRequest[];
  /** Requests to POST /v1/messages only. */
  messageRequests(): RecordedRequest[];
  /** Faults consumed one per message request, in order. */
  enqueue(...faults: AnthropicFault[]): void;
  setLatency(ms: number): void;
  /** Requests matching this predicate are never answered (a provider that stalls mid-run). */
  setHang(predicate: ((body: any) => boolean) | undefined): void;
  close(): Promise<void>;
}

export const DEFAULT_POST =
  'Il est 19 h, un mardi. Le téléphone sonne chez une clinique dentaire de Laval et personne ne répond.\n\nAvant, 38 % des appels du soir tombaient dans la boîte vocale. Depuis l’arrivée de la réceptionniste IA, chaque appel trouve une réponse et les rendez-vous se prennent même après la fermeture.\n\nRésultat : 22 rendez-vous de plus par mois, sans embauche.\n\nÉcrivez-nous pour une démonstration de 15 minutes.\n\n#PME #Québec';

/** What the independent judge answers by default: natural, with no cliché span. */
export const DEFAULT_VERDICT = {
  naturalness: 96,
  specificity: 92,
  quebec_french: 95,
  hook: 90,
  call_to_action: 92,
  facebook_compliance: 100,
  cliche_spans: [] as { quote: string; why: string }[],
  quebec_french_issues: [] as { quote: string; issue: string; suggestion: string }[],
  reasons: ['Scène précise, chiffres vérifiables.'],
};

export const DEFAULT_PLAN = {
  angle: 'une clinique dentaire de Laval, le soir',
  fact: 'Avant, 38 % des appels du soir tombaient dans la boîte vocale.',
  hook: 'Il est 19 h, un mardi.',
  cta: 'Écrivez-nous pour une démonstration de 15 minutes.',
};

/** The JSON schema the client asked for (structured outputs or forced tool). */
export const requestedSchema = (body: any): any =>
  body?.output_config?.format?.schema ?? body?.tools?.[0]?.input_schema ?? body?.response_format?.json_schema?.schema;

/** Answers the shape asked for: the judge's verdict, or a post with its plan. */
export const defaultAnswer = (body: any): unknown => {
  const schema = requestedSchema(body);
  if (schema?.properties?.naturalness) return DEFAULT_VERDICT;
  const post = { text: DEFAULT_POST, headline: 'Plus d’appels manqués le soir' };
  return schema?.properties?.plan ? { plan: DEFAULT_PLAN, ...post } : post;
};

// Structured outputs compile the schema to a grammar: these keywords are refused (the SDK's
// transform moves them into descriptions), and every object must be closed.
const UNSUPPORTED_KEYWORDS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
];
const schemaProblem = (schema: any, path = 'output_config.format.schema'): string | undefined => {
  if (!schema || typeof schema !== 'object') return undefined;
  for (const k of UNSUPPORTED_KEYWORDS)
    if (k in schema) return `${path}: For '${String(schema.type)}' type, property '${k}' is not supported`;
  if (typeof schema.minItems === 'number' && schema.minItems > 1)
    return `${path}: For 'array' type, 'minItems' values other than 0 or 1 are not supported`;
  if (schema.type === 'object' && schema.additionalProperties !== false)
    return `${path}: For 'object' type, 'additionalProperties' must be explicitly set to false`;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const p = schemaProblem(sub, `${path}.properties.${key}`);
    if (p) return p;
  }
  return schemaProblem(schema.items, `${path}.items`);
};

/** Claude 5.x models accept only the default temperature, as the real API does (400 invalid_request_error). */
const rejectsTemperature = (model: string) =>
  /claude-(?:opus|sonnet|haiku)-(\d+)/.exec(model)?.[1] !== undefined &&
  Number(/claude-(?:opus|sonnet|haiku)-(\d+)/.exec(model)![1]) >= 5;

const tokens = (s: string) => Math.max(1, Math.ceil(s.length / 4));

export const startAnthropicFake = async (options: AnthropicFakeOptions = {}): Promise<AnthropicFake> => {
  const requests: RecordedRequest[] = [];
  const faults: AnthropicFault[] = [];
  const cached = new Set<string>();
  let latency = options.latencyMs ?? 0;
  let counter = 0;
  let hang: ((body: any) => boolean) | undefined;

  const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_fake_${++counter}`, ...headers });
    res.end(JSON.stringify(body));
  };
  const apiError = (
    res: ServerResponse,
    status: number,
    type: string,
    message: string,
    headers: Record<string, string> = {},
  ) => sendJson(res, status, { type: 'error', error: { type, message } }, headers);

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

    const authed = req.headers['x-api-key'] || (req.headers.authorization ?? '').startsWith('Bearer ');
    if (!authed) return apiError(res, 401, 'authentication_error', 'invalid x-api-key');

    if (req.method === 'GET' && path === '/v1/models') {
      const ids = options.models ?? ['claude-sonnet-4-6', 'claude-opus-4-8', 'claude-haiku-4-5', 'claude-sonnet-5'];
      const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' }));
      return sendJson(res, 200, { data, has_more: false, first_id: ids[0] ?? null, last_id: ids.at(-1) ?? null });
    }
    if (req.method !== 'POST' || path !== '/v1/messages')
      return apiError(res, 404, 'not_found_error', `no route ${path}`);

    // Requests the real API refuses with 400, whatever the fault plan says.
    if (typeof body?.temperature === 'number' && body.temperature !== 1 && rejectsTemperature(String(body.model)))
      return apiError(
        res,
        400,
        'invalid_request_error',
        `temperature: ${body.model} only supports the default temperature`,
      );
    const badSchema = body?.output_config?.format?.schema ? schemaProblem(body.output_config.format.schema) : undefined;
    if (badSchema) return apiError(res, 400, 'invalid_request_error', badSchema);

    // Prompt caching as the API does it: the lookup happens when the request arrives, and an
    // entry only exists once an earlier response has begun (message_start).
    const system: any[] = Array.isArray(body.system)
      ? body.system
      : body.system
        ? [{ type: 'text', text: body.system }]
        : [];
    const systemText = system.map((b) => b.text).join('');
    const marked = system.some((b) => b.cache_control);
    const hit = marked && cached.has(systemText);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    if (hang?.(body)) return;
    const fault = faults.shift();
    if (fault?.kind === 'hang') return; // never answers: the client's timeout must fire
    if (fault?.kind === 'status') {
      return apiError(
        res,
        fault.status,
        fault.type ??
          (fault.status === 429
            ? 'rate_limit_error'
            : fault.status === 529
              ? 'overloaded_error'
              : fault.status === 401
                ? 'authentication_error'
                : 'api_error'),
        fault.message ?? `injected ${fault.status}`,
        fault.headers,
      );
    }
    if (fault?.kind === 'envelope') return sendJson(res, 200, { code: fault.code, msg: fault.msg });

    let cacheWrite = 0;
    let cacheRead = 0;
    let input = tokens(JSON.stringify(body.messages));
    if (marked) {
      if (hit) cacheRead = tokens(systemText);
      else cacheWrite = tokens(systemText);
      cached.add(systemText);
    } else input += tokens(systemText);

    const answer = (options.answer ?? defaultAnswer)(body);
    const useTool = Array.isArray(body.tools) && body.tool_choice?.type === 'tool';
    const textOut = fault?.kind === 'malformed' ? '{"text": "Voici votre publication' : JSON.stringify(answer);
    const content =
      useTool && fault?.kind !== 'malformed'
        ? [{ type: 'tool_use', id: `toolu_${counter}`, name: body.tool_choice.name, input: answer }]
        : [{ type: 'text', text: textOut }];
    const usage = {
      input_tokens: input,
      output_tokens: tokens(textOut),
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: cacheRead,
    };
    const message = {
      id: `msg_fake_${++counter}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content,
      stop_reason: useTool ? 'tool_use' : 'end_turn',
      stop_sequence: null,
      usage,
      ...options.extra,
    };
    if (!body.stream) return sendJson(res, 200, message);

    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'request-id': `req_fake_${counter}`,
    });
    const event = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    event('message_start', {
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } },
    });
    if (fault?.kind === 'stream-error') {
      event('error', {
        type: 'error',
        error: { type: fault.type ?? 'overloaded_error', message: fault.message ?? 'Overloaded' },
      });
      return res.end();
    }
    const block = content[0]!;
    const isTool = block.type === 'tool_use';
    event('content_block_start', {
      type: 'content_block_start',
      index: 0,
      content_block: isTool ? { ...block, input: {} } : { type: 'text', text: '' },
    });
    const payload = isTool ? JSON.stringify(answer) : textOut;
    const chunks = payload.match(/[\s\S]{1,40}/g) ?? [];
    const gap = (options.streamMs ?? 0) / Math.max(1, chunks.length);
    for (const [i, chunk] of chunks.entries()) {
      if (gap > 0) await new Promise((r) => setTimeout(r, gap));
      event('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: isTool ? { type: 'input_json_delta', partial_json: chunk } : { type: 'text_delta', text: chunk },
      });
      if (fault?.kind === 'stream-cut' && i === 1) {
        res.socket?.destroy();
        return;
      }
    }
    event('content_block_stop', { type: 'content_block_stop', index: 0 });
    event('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: null },
      usage: { output_tokens: usage.output_tokens },
    });
    event('message_stop', { type: 'message_stop' });
    res.end();
  });
  const { port, close } = await listenLoopback(server);
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    messageRequests: () => requests.filter((r) => r.path === '/v1/messages'),
    enqueue: (...f) => faults.push(...f),
    setLatency: (ms) => (latency = ms),
    setHang: (p) => (hang = p),
    close,
  };
};
