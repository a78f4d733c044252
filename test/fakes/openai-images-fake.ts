import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import sharp from 'sharp';
import { listenLoopback } from './loopback.js';

/** One scripted answer; when the script is empty the fake answers `success`. */
export type Fault =
  /**
   * `bodyAfterMs`: the status line and headers go out at once and the JSON body only after this
   * pause (a large answer still arriving); `cutBody`: half the body, then the connection drops.
   */
  | { kind: 'success'; image?: Buffer; revisedPrompt?: string; bodyAfterMs?: number; cutBody?: boolean }
  | { kind: 'rate_limit'; retryAfter?: number }
  | { kind: 'server_error'; status?: number }
  | { kind: 'timeout' }
  | { kind: 'content_policy' }
  | { kind: 'bad_request'; message: string; code?: string }
  | { kind: 'not_an_image' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface OpenAIImagesFake {
  /** Base URL for the SDK (`baseURL`, or OPENAI_BASE_URL), ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** The picture bytes of each successful answer, in the format the request asked for. */
  served: Buffer[];
  script(...faults: Fault[]): void;
  /** The image answered by default (set before tests). */
  setImage(image: Buffer): void;
  /** Time the fake takes to answer each generation (benchmarks: a provider's round trip). */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const errorBody = (message: string, type: string, code: string | null, param: string | null = null) =>
  JSON.stringify({ error: { message, type, param, code } });

const FORMATS = ['png', 'jpeg', 'webp'] as const;
type OutputFormat = (typeof FORMATS)[number];

const formatOf = (bytes: Buffer): string =>
  bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    ? 'png'
    : bytes[0] === 0xff && bytes[1] === 0xd8
      ? 'jpeg'
      : bytes.subarray(8, 12).toString('latin1') === 'WEBP'
        ? 'webp'
        : 'other';

/**
 * The picture in the format the request asked for, as the real API encodes it (`output_format`,
 * `output_compression` for jpeg/webp, 100 by default). Encoded once per picture and setting.
 */
const encodings = new WeakMap<Buffer, Map<string, Promise<Buffer>>>();
const encoded = (bytes: Buffer, format: OutputFormat, compression: number): Promise<Buffer> => {
  if (formatOf(bytes) === format && (format === 'png' || compression === 100)) return Promise.resolve(bytes);
  const byKey = encodings.get(bytes) ?? new Map<string, Promise<Buffer>>();
  encodings.set(bytes, byKey);
  const key = `${format}:${compression}`;
  let out = byKey.get(key);
  if (!out) {
    const img = sharp(bytes);
    out = (
      format === 'png'
        ? img.png()
        : format === 'jpeg'
          ? img.jpeg({ quality: compression })
          : img.webp({ quality: compression })
    ).toBuffer();
    byKey.set(key, out);
  }
  return out;
};

/** The real API's 400 for an output format or compression it does not accept; undefined when valid. */
const outputError = (body: Record<string, unknown>): string | undefined => {
  const format = body.output_format ?? 'png';
  if (!FORMATS.includes(format as OutputFormat)) {
    return errorBody(
      `Invalid value: ${JSON.stringify(format)}. Supported values are: 'png', 'jpeg', and 'webp'.`,
      'invalid_request_error',
      'invalid_value',
      'output_format',
    );
  }
  const compression = body.output_compression;
  if (compression === undefined || compression === null) return undefined;
  if (typeof compression !== 'number' || !Number.isInteger(compression) || compression < 0 || compression > 100) {
    return errorBody(
      `Invalid 'output_compression': expected an integer between 0 and 100, got ${JSON.stringify(compression)}.`,
      'invalid_request_error',
      'invalid_value',
      'output_compression',
    );
  }
  if (format === 'png' && compression < 100) {
    return errorBody(
      'Compression less than 100 is not supported for PNG output format.',
      'invalid_request_error',
      'invalid_value',
      'output_compression',
    );
  }
  return undefined;
};

/**
 * A loopback fake of POST /v1/images/generations speaking the real wire format: JSON body in,
 * `{created, data:[{b64_json}], usage, ...}` out, OpenAI error envelopes, `retry-after` on 429,
 * and a request left hanging for timeouts.
 */
export const startOpenAIImagesFake = async (defaultImage: Buffer): Promise<OpenAIImagesFake> => {
  let image = defaultImage;
  const queue: Fault[] = [];
  const requests: RecordedRequest[] = [];
  const served: Buffer[] = [];
  const hanging = new Set<ServerResponse>();
  let latency = 0;

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        body = {};
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const json = (status: number, payload: string, headers: Record<string, string> = {}) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          'x-request-id': `req_fake_${requests.length}`,
          ...headers,
        });
        res.end(payload);
      };
      // The headers first, flushed, then the body in two halves (or only the first one).
      const splitJson = (payload: string, pauseMs: number, cut: boolean) => {
        const bytes = Buffer.from(payload, 'utf8');
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(bytes.length),
          'x-request-id': `req_fake_${requests.length}`,
        });
        res.flushHeaders();
        setTimeout(() => {
          const half = Math.floor(bytes.length / 2);
          res.write(bytes.subarray(0, half));
          if (cut) setTimeout(() => res.destroy(), 20);
          else res.end(bytes.subarray(half));
        }, pauseMs);
      };
      if (req.method !== 'POST' || req.url !== '/v1/images/generations') {
        json(404, errorBody(`Unknown request URL: ${req.method} ${req.url}`, 'invalid_request_error', 'unknown_url'));
        return;
      }
      if (req.headers.authorization !== 'Bearer sk-test-fake-key-123456') {
        json(401, errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'));
        return;
      }
      if ('response_format' in body && String(body.model).startsWith('gpt-image')) {
        json(
          400,
          errorBody(
            "Unknown parameter: 'response_format'.",
            'invalid_request_error',
            'unknown_parameter',
            'response_format',
          ),
        );
        return;
      }
      const invalidOutput = outputError(body);
      if (invalidOutput) {
        json(400, invalidOutput);
        return;
      }
      const format = (body.output_format ?? 'png') as OutputFormat;
      const compression = typeof body.output_compression === 'number' ? body.output_compression : 100;
      const respond = async (fault: Fault) => {
        switch (fault.kind) {
          case 'success':
          case 'not_an_image': {
            const bytes =
              fault.kind === 'success'
                ? await encoded(fault.image ?? image, format, compression)
                : Buffer.from('this is not an image');
            if (fault.kind === 'success') served.push(bytes);
            const pause = fault.kind === 'success' ? fault.bodyAfterMs : undefined;
            const cut = fault.kind === 'success' && fault.cutBody === true;
            (pause !== undefined || cut
              ? (payload: string) => splitJson(payload, pause ?? 0, cut)
              : (payload: string) => json(200, payload))(
              JSON.stringify({
                created: 1764000000,
                background: 'opaque',
                output_format: format,
                quality: body.quality ?? 'medium',
                size: body.size ?? '1536x1024',
                data: [
                  {
                    b64_json: bytes.toString('base64'),
                    ...(fault.kind === 'success' && fault.revisedPrompt ? { revised_prompt: fault.revisedPrompt } : {}),
                  },
                ],
                usage: {
                  input_tokens: 120,
                  output_tokens: 1056,
                  total_tokens: 1176,
                  input_tokens_details: { text_tokens: 120, image_tokens: 0 },
                },
              }),
            );
            return;
          }
          case 'rate_limit':
            json(429, errorBody('Rate limit reached for images per minute.', 'requests', 'rate_limit_exceeded'), {
              'retry-after': String(fault.retryAfter ?? 0),
            });
            return;
          case 'server_error':
            json(
              fault.status ?? 500,
              errorBody('The server had an error while processing your request.', 'server_error', null),
            );
            return;
          case 'timeout':
            hanging.add(res);
            res.on('close', () => hanging.delete(res));
            return;
          case 'content_policy':
            json(
              400,
              errorBody(
                'Your request was rejected as a result of our safety system. Your request may contain content that is not allowed by our safety system.',
                'image_generation_user_error',
                'moderation_blocked',
              ),
            );
            return;
          case 'bad_request':
            json(400, errorBody(fault.message, 'invalid_request_error', fault.code ?? null));
            return;
        }
      };
      const fault = queue.shift() ?? { kind: 'success' };
      const answer = () =>
        void respond(fault).catch((error: Error) => json(500, errorBody(error.message, 'server_error', null)));
      if (latency > 0 && fault.kind !== 'timeout') setTimeout(answer, latency);
      else answer();
    });
  };

  const server: Server = createServer(handler);
  const listener = await listenLoopback(server);
  const { port } = listener;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    served,
    script: (...faults) => queue.push(...faults),
    setImage: (next) => (image = next),
    setLatency: (ms) => (latency = ms),
    close: async () => {
      for (const res of hanging) res.destroy();
      await listener.close();
    },
  };
};

/** The fake's key: tests pass it as OPENAI_API_KEY. */
export const FAKE_OPENAI_KEY = 'sk-test-fake-key-123456';
