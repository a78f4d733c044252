/**
 * The one redactor: everything autoscale stores (error columns, audit rows, job errors) and
 * everything it prints (stderr, daemon logs, --json errors) goes through it.
 *
 * Two layers, because upstream services echo requests back in their error bodies:
 * - the configured secret values themselves, and the parts of them that travel alone (the
 *   password of a database URL, the secret path of a Slack webhook, URL-encoded forms);
 * - the shapes of secrets, for values autoscale was never told about (a rotated key still in an
 *   old error, a token a provider put in its answer).
 */
export type Redactor = (text: string) => string;

const MASK = '***';
const MIN_SECRET_LENGTH = 6;

/** The parts of a secret that may appear without the rest of it. */
export const secretFragments = (value: string): string[] => {
  const out = new Set<string>([value]);
  const encoded = encodeURIComponent(value);
  if (encoded !== value) out.add(encoded);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      if (url.password) {
        out.add(url.password);
        out.add(decodeURIComponent(url.password));
      }
      // Slack incoming webhooks: the path is the credential (/services/T…/B…/secret).
      const services = /\/(?:services|workflows|triggers)\/(.+)$/.exec(url.pathname);
      if (services) {
        out.add(services[1]!);
        const last = services[1]!.split('/').pop();
        if (last) out.add(last);
      }
      // A DSN's public key (Sentry) is its username.
      if (url.username && url.username.length >= 16) out.add(url.username);
    } catch {
      // Not a URL after all: the value alone is scrubbed.
    }
  }
  return [...out].filter((s) => s.length >= MIN_SECRET_LENGTH);
};

/** Shapes of secrets, replaced whatever their value. */
const SHAPES: [RegExp, string][] = [
  // Authorization headers.
  [/\b(Bearer|Basic|Token)(\s+)[A-Za-z0-9._~+/=-]{8,}/g, `$1$2${MASK}`],
  // Credentials in query strings and form bodies (access_token=…, client_secret=…).
  [
    /\b((?:access_token|refresh_token|input_token|client_secret|appsecret_proof|api_key|apikey|key|token|password|secret|signature|sig)=)[^&\s"'<>]+/gi,
    `$1${MASK}`,
  ],
  // The same in JSON or header form ("x-api-key":"…", apikey: …).
  [
    /((?:["'])?(?:x-api-key|api-key|apikey|api_key|authorization|access_token|refresh_token|client_secret|service_key|signing_secret|password|secret)["']?:\s*["']?)(?!\*\*\*)[^"'\s,;}]{4,}/gi,
    `$1${MASK}`,
  ],
  // URLs with a password: scheme://user:password@host.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@"'<>]*:)[^\s@/"'<>]+@/gi, `$1${MASK}@`],
  // Slack webhook secret paths, on Slack's host or any other.
  [/(\/(?:services|workflows|triggers)\/[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/)[A-Za-z0-9]+/g, `$1${MASK}`],
  [/(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[^\s"'<>]+/gi, `$1${MASK}`],
  // Well-known key formats: Anthropic, OpenAI, Slack bot/app tokens, Meta tokens, JWTs (the
  // Supabase service key), Supabase secret keys, LinkedIn tokens.
  [/\bsk-ant-[A-Za-z0-9_-]{10,}/g, MASK],
  [/\bsk-(?:proj-|svcacct-)?[A-Za-z0-9_-]{20,}/g, MASK],
  [/\bxox[abpres]-[A-Za-z0-9-]{6,}/g, MASK],
  [/\bxapp-[A-Za-z0-9-]{6,}/g, MASK],
  [/\bEAA[A-Za-z0-9]{20,}/g, MASK],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, MASK],
  [/\bsb_secret_[A-Za-z0-9_-]{10,}/g, MASK],
  [/\bAQ[A-Za-z0-9_-]{60,}/g, MASK],
];

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces the known values only (for user content, where shapes could match ordinary words). */
export const createValueRedactor = (secrets: readonly string[]): Redactor => {
  const fragments = [...new Set(secrets.flatMap(secretFragments))].sort((a, b) => b.length - a.length);
  if (fragments.length === 0) return (text) => text;
  const pattern = new RegExp(fragments.map(escapeRegExp).join('|'), 'g');
  return (text) => (text.length < MIN_SECRET_LENGTH ? text : text.replace(pattern, MASK));
};

/** Known values first (longest first, so a URL goes before its path), then the shapes. */
export const createRedactor = (secrets: readonly string[]): Redactor => {
  const values = createValueRedactor(secrets);
  return (text) => {
    let out = values(text);
    for (const [pattern, replacement] of SHAPES) out = out.replace(pattern, replacement);
    return out;
  };
};

/** One-off form; keep a `createRedactor` result when redacting many lines. */
export const redact = (text: string, secrets: readonly string[]): string => createRedactor(secrets)(text);
