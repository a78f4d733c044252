import type { ApprovedInfo, EditOutcome, ReviewActions, SlotProposal } from '../../src/tui/actions.js';
import type { PostModel, VariantModel } from '../../src/tui/view-model.js';

const TEXT = [
  'Les rendez-vous manqués ont baissé de 22 % en deux mois.',
  '',
  'Dans le paysage numérique actuel, la réceptionniste IA répond à chaque appel.',
  '',
  'Écrivez-nous « DÉMO » en message privé.',
].join('\n');

export const variant = (idx: number, style: string, extra: Partial<VariantModel> = {}): VariantModel => ({
  id: `v${idx}`,
  idx,
  style,
  headline: `Titre ${idx}`,
  text: `${style}: ${TEXT}`,
  chars: [...`${style}: ${TEXT}`].length,
  versionNo: 1,
  score: 70 + idx,
  reasons: [],
  findings: [],
  staleFindings: 0,
  gate: null,
  versions: [
    {
      versionNo: 1,
      text: `${style}: ${TEXT}`,
      headline: `Titre ${idx}`,
      source: 'generated',
      note: null,
      author: 'me@host',
      createdAt: '2026-11-24T15:00:00.000Z',
    },
  ],
  ...extra,
});

export const post = (id: string, extra: Partial<PostModel> = {}): PostModel => ({
  id,
  shortId: id.slice(-8),
  brand: 'autoscale-ai',
  contentType: 'case_study',
  topic: null,
  targetDate: '2026-11-25',
  state: 'in_review',
  timeZone: 'America/Toronto',
  chosenVariantId: null,
  image: undefined,
  variants: [variant(1, 'professional'), variant(2, 'storytelling'), variant(3, 'question')],
  ...extra,
});

export interface Call {
  name: string;
  args: unknown[];
}

/** In-memory actions recording every call; each can be overridden to fail or hang. */
export const fakeActions = (posts: PostModel[], overrides: Partial<ReviewActions> = {}) => {
  const calls: Call[] = [];
  const byId = new Map(posts.map((p) => [p.id, p]));
  const record = (name: string, args: unknown[]) => calls.push({ name, args });
  const proposal: SlotProposal = {
    at: '2026-11-25T19:07:00.000Z',
    local: '2026-11-25 14:07',
    timeZone: 'America/Toronto',
    mode: 'native',
    seed: 'seed-1',
  };
  const actions: ReviewActions = {
    loadQueue: async () => posts.map((p) => p.id),
    loadPost: async (id) => {
      const p = byId.get(id);
      if (!p) throw new Error(`no post ${id}`);
      return p;
    },
    proposeSlot: async (postId, seed) => {
      record('proposeSlot', [postId, seed]);
      return { ...proposal, seed };
    },
    describeSlot: (_post, at) => ({
      at: at.toISOString(),
      local: `local(${at.toISOString().slice(0, 16)})`,
      timeZone: 'America/Toronto',
      mode: 'native',
    }),
    approve: async (postId, v, when): Promise<ApprovedInfo> => {
      record('approve', [postId, v, when]);
      return {
        at: 'at' in when ? when.at : proposal.at,
        local: 'at' in when ? when.at : proposal.local,
        timeZone: 'America/Toronto',
        mode: 'native',
        variant: v,
        drawn: !('at' in when),
      };
    },
    reject: async (postId, reason) => {
      record('reject', [postId, reason]);
    },
    edit: async (postId, v, text): Promise<EditOutcome> => {
      record('edit', [postId, v, text]);
      return { versionNo: 2, changed: true };
    },
    regenerate: async (postId, v, instruction, progress) => {
      record('regenerate', [postId, v, instruction]);
      progress('offline');
      return { versionNo: 2, changed: true };
    },
    restore: async (postId, v, versionNo) => {
      record('restore', [postId, v, versionNo]);
      return { versionNo: 3, changed: true };
    },
    newSeed: () => 'seed-1',
    ...overrides,
  };
  return { actions, calls };
};

export const KEYS = {
  left: '\u001b[D',
  right: '\u001b[C',
  up: '\u001b[A',
  down: '\u001b[B',
  enter: '\r',
  escape: '\u001b',
  backspace: '\u007f',
  ctrlS: '\u0013',
};

/** A promise the test settles itself: an action that finishes when the test says so. */
export const deferred = <T = void>() => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

/** What ink-testing-library's `render` returns, as far as the helpers below use it. */
interface TestApp {
  stdin: { write: (data: string) => void };
  stdout: { write: (frame: string) => void };
  lastFrame: () => string | undefined;
}

/**
 * Drives an app rendered by ink-testing-library without sleeping on the wall clock. Ink (in the
 * library's debug mode) writes a frame on every render, synchronously; `until` checks the frame
 * on screen and then each frame written after it, so it resolves as soon as the screen shows the
 * state (its timer only bounds a failure). `press` writes each key as its own read; keys may run
 * ahead of the screen (the studio queues them for their mode), except a lone Esc, which Ink
 * holds until the next turn of the event loop in case it starts a sequence.
 */
export const driver = (app: TestApp, failAfterMs = 10_000) => {
  const watchers = new Set<() => void>();
  const write = app.stdout.write;
  app.stdout.write = (frame: string) => {
    write(frame);
    for (const watcher of [...watchers]) watcher();
  };
  const frame = () => app.lastFrame() ?? '';
  const until = (check: (f: string) => boolean, what: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const f = frame();
        if (!check(f)) return;
        stop();
        resolve(f);
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out waiting for ${what}; last frame:\n${frame()}`));
      }, failAfterMs);
      const stop = () => {
        clearTimeout(timer);
        watchers.delete(attempt);
      };
      watchers.add(attempt);
      attempt();
    });
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      app.stdin.write(key);
      if (key === KEYS.escape) await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { frame, until, press };
};
