// A minimal loopback Graph API for benchmarks (plain JS: bench scripts run on node without a
// TypeScript loader). The full fake with fault injection lives in test/fakes/graph-fake.ts.
import { createServer } from 'node:http';

export const startMiniGraph = async ({ pageId = '112233445566', latencyMs = 0 } = {}) => {
  const posts = [];
  let seq = 1000;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const receivedAt = Date.now();
      const url = new URL(req.url, 'http://127.0.0.1');
      const body = Buffer.concat(chunks);
      if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
      res.setHeader('content-type', 'application/json');
      res.setHeader('x-app-usage', '{"call_count":3,"total_time":2,"total_cputime":1}');
      const m = /^\/v\d+\.\d+\/([^/]+)(?:\/([^/]+))?$/.exec(url.pathname);
      if (req.method === 'POST' && m && (m[2] === 'feed' || m[2] === 'photos')) {
        let message;
        const type = req.headers['content-type'] ?? '';
        if (type.startsWith('multipart/')) {
          const form = await new Response(body, { headers: { 'content-type': type } }).formData();
          message = String(form.get('caption') ?? '');
        } else {
          message = new URLSearchParams(body.toString()).get('message') ?? '';
        }
        seq += 1;
        const post = {
          id: `${pageId}_${seq}`,
          photoId: m[2] === 'photos' ? String(7_000_000 + seq) : null,
          message,
          receivedAt,
        };
        posts.push(post);
        res.end(JSON.stringify(m[2] === 'photos' ? { id: post.photoId, post_id: post.id } : { id: post.id }));
        return;
      }
      if (req.method === 'GET' && m && (m[2] === 'posts' || m[2] === 'scheduled_posts')) {
        const data =
          m[2] === 'posts'
            ? posts.map((p) => ({ id: p.id, message: p.message, created_time: new Date(p.receivedAt).toISOString() }))
            : [];
        res.end(JSON.stringify({ data, paging: {} }));
        return;
      }
      res.statusCode = 400;
      res.end(
        JSON.stringify({ error: { message: 'unsupported', code: 100, type: 'GraphMethodException', fbtrace_id: 'x' } }),
      );
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    pageId,
    token: 'EAAbenchtoken000000',
    posts,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(r);
      }),
  };
};

export const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};
