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

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until the frame satisfies the check (Ink renders asynchronously). */
export const waitFor = async (
  frame: () => string | undefined,
  check: (f: string) => boolean,
  what: string,
  timeoutMs = 3000,
): Promise<string> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const f = frame() ?? '';
    if (check(f)) return f;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
    await sleep(10);
  }
};
