import type { Db } from '../store/database.js';
import { getMeta } from '../store/meta-repo.js';
import { recentFailedJobs } from '../store/jobs-repo.js';
import { countPostsByState, listPosts, scheduledPosts } from '../store/posts-repo.js';
import { listOpenRuns } from '../store/runs-repo.js';
import { shortId } from '../store/ids.js';

export interface StatusReport {
  brand: string | null;
  counts: Record<string, number>;
  total: number;
  next: { id: string; shortId: string; state: string; scheduledAt: string; mode: string | null }[];
  attention: { id: string; shortId: string; state: string; reason: string | null; resolve: string }[];
  resumableRuns: { id: string; contentType: string; targetDate: string; status: string; error: string | null }[];
  failedJobs: { id: string; kind: string; subjectId: string | null; attempts: number; lastError: string | null }[];
  daemon: { heartbeat: unknown } | null;
}

/** The command that resolves a post needing attention (`publish` reconciles with the Page first). */
const RESOLVE: Record<string, (id: string) => string> = {
  failed: (id) => `autoscale show ${id}`,
  unconfirmed: (id) => `autoscale publish ${id}`,
  publishing: (id) => `autoscale publish ${id}`,
};

export const statusReport = async (db: Db, brand: string | undefined, now: Date): Promise<StatusReport> => {
  const counts = await countPostsByState(db, brand);
  const next = await scheduledPosts(db, { brand, after: now.toISOString(), limit: 5 });
  const attentionRows = await listPosts(db, { brand, states: ['failed', 'unconfirmed', 'publishing'], limit: 20 });
  const runs = await listOpenRuns(db);
  const failedJobs = await recentFailedJobs(db, 10);
  const heartbeat = await getMeta(db, 'daemon_heartbeat');
  return {
    brand: brand ?? null,
    counts,
    total: Object.values(counts).reduce((a, b) => a + b, 0),
    next: next.map((p) => ({
      id: p.id,
      shortId: shortId(p.id),
      state: p.state,
      scheduledAt: p.scheduledAt!,
      mode: p.publishMode,
    })),
    attention: attentionRows.map((p) => ({
      id: p.id,
      shortId: shortId(p.id),
      state: p.state,
      reason: p.failureReason,
      resolve: (RESOLVE[p.state] ?? ((id: string) => `autoscale show ${id}`))(shortId(p.id)),
    })),
    resumableRuns: runs
      .filter((r) => !brand || r.brand === brand)
      .map((r) => ({
        id: r.id,
        contentType: r.contentType,
        targetDate: r.targetDate,
        status: r.status,
        error: r.error,
      })),
    failedJobs: failedJobs.map((j) => ({
      id: j.id,
      kind: j.kind,
      subjectId: j.subjectId,
      attempts: j.attempts,
      lastError: j.lastError,
    })),
    daemon: heartbeat ? { heartbeat: JSON.parse(heartbeat) as unknown } : null,
  };
};
