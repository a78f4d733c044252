import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/notify/events.js';
import { gatePreview, gateText } from '../../src/notify/gate-line.js';
import { createFormat } from '../../src/i18n/format.js';
import { gateBadge, overrideFor, parseGate } from '../../src/tui/gate-view.js';

const failing = JSON.stringify({
  score: 62,
  passed: false,
  threshold: 75,
  flags: ['below-threshold', 'too-similar'],
  judge: { method: 'deterministic' },
  similarity: { method: 'char-ngram-tfidf', max: 0.912, postId: 'p1', threshold: 0.85, tooSimilar: true },
});
const passing = JSON.stringify({
  score: 91,
  passed: true,
  threshold: 75,
  flags: [],
  judge: { method: 'llm' },
  similarity: null,
});
const t = (x: { en: string; fr: string }) => x.fr;

describe('the gate next to the score', () => {
  it('studio: a badge, the similarity flag, and the override naming exactly the flags shown', () => {
    const gate = parseGate(failing)!;
    expect(gateBadge(gate, t, createFormat('fr'))).toBe(' ✗ seuil ≈0,91');
    expect(gate.reasons.map(t)).toEqual([
      'score 62 sous le seuil (75)',
      'trop semblable à une publication récente (0.912)',
    ]);
    expect(overrideFor(gate)).toEqual({ acknowledge: ['below-threshold', 'too-similar'] });
    const ok = parseGate(passing)!;
    expect(gateBadge(ok, t, createFormat('fr'))).toBe(' ✓');
    expect(overrideFor(ok)).toBeUndefined();
    expect(parseGate(null)).toBeNull();
  });

  it('notifications: the draft-ready message shows the gate and the similarity flag per variant', () => {
    expect(gateText(gatePreview(passing), 'en')).toBe('✓ passes the quality gate');
    const message = renderMessage(
      { type: 'draft_ready', brand: 'autoscale-ai', postId: '0190aaaa-bbbb-7ccc-8ddd-eeeeffff0001' },
      {
        lang: 'fr',
        timeZone: 'America/Toronto',
        now: new Date('2026-12-01T15:00:00Z'),
        preview: {
          contentType: 'tip',
          targetDate: '2026-12-01',
          variants: [
            { idx: 1, style: 'professional', headline: 'Titre', text: 'Texte', score: 62, gate: gatePreview(failing) },
          ],
        },
      },
    );
    expect(message.text).toMatch(/score 62, ✗ sous le seuil de qualité: score 62 sous le seuil \(75\); trop semblable/);
  });
});
