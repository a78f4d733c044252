import type { CheckStatus } from '../domain/checks.js';
import { CONTENT_TYPES, STYLES, type ContentType, type Style } from '../domain/content.js';
import { JOB_KINDS, JOB_STATES, type JobKind, type JobState } from '../domain/jobs.js';
import { POST_STATES, type PostState } from '../domain/post-state.js';
import type { PublishMode } from '../domain/publish-mode.js';
import { inBoth } from '../i18n/format.js';
import { l, type Lang, type Localized } from '../i18n/localized.js';

/**
 * Every enumeration a person reads, in both languages. Stored values (`in_review`,
 * `case_study`) stay in the database, the JSON output and the flags; screens, messages, the
 * page, Slack and the report show these words. Maps are typed by their domain type, so a new
 * value does not compile until it has its words. French names a post « publication » (feminine).
 */
export const POST_STATE_LABELS: Record<PostState, Localized> = {
  draft: l('draft', 'brouillon'),
  in_review: l('in review', 'en révision'),
  approved: l('approved', 'approuvée'),
  scheduled: l('scheduled', 'programmée'),
  publishing: l('publishing', 'en publication'),
  published: l('published', 'publiée'),
  measured: l('measured', 'mesurée'),
  rejected: l('rejected', 'rejetée'),
  failed: l('failed', 'en échec'),
  unconfirmed: l('unconfirmed', 'non confirmée'),
};

export const CONTENT_TYPE_LABELS: Record<ContentType, Localized> = {
  case_study: l('case study', 'étude de cas'),
  tip: l('tip', 'conseil'),
  faq: l('FAQ', 'FAQ'),
  myth_busting: l('myth busting', 'idée reçue'),
  behind_the_scenes: l('behind the scenes', 'coulisses'),
  testimonial: l('testimonial', 'témoignage'),
  industry_news: l('industry news', 'actualité du secteur'),
  announcement: l('announcement', 'annonce'),
  poll: l('poll', 'sondage'),
};

export const STYLE_LABELS: Record<Style, Localized> = {
  professional: l('professional', 'professionnel'),
  storytelling: l('storytelling', 'récit'),
  question: l('question', 'question'),
};

export const PUBLISH_MODE_LABELS: Record<PublishMode, Localized> = {
  native: l('native', 'natif'),
  queue: l('queue', 'file d’attente'),
};

export const JOB_KIND_LABELS: Record<JobKind, Localized> = {
  generate: l('generation', 'génération'),
  notify: l('notification', 'notification'),
  publish: l('publishing', 'publication'),
  verify: l('verification', 'vérification'),
  metrics: l('metrics', 'mesures'),
  weekly_report: l('weekly report', 'rapport hebdomadaire'),
  token_check: l('token check', 'vérification du jeton'),
  calendar: l('calendar', 'calendrier'),
  publish_platform: l('Instagram/LinkedIn publishing', 'publication Instagram/LinkedIn'),
  platform_metrics: l('Instagram/LinkedIn metrics', 'mesures Instagram/LinkedIn'),
};

export const JOB_STATE_LABELS: Record<JobState, Localized> = {
  queued: l('queued', 'en file'),
  running: l('running', 'en cours'),
  done: l('done', 'terminée'),
  failed: l('failed', 'en échec'),
  skipped: l('skipped', 'sautée'),
};

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITY_LABELS: Record<Severity, Localized> = {
  error: l('error', 'erreur'),
  warning: l('warning', 'avertissement'),
  info: l('note', 'remarque'),
};

export const CHECK_STATUS_LABELS: Record<CheckStatus, Localized> = {
  ok: l('ok', 'ok'),
  warn: l('warning', 'attention'),
  fail: l('failed', 'échec'),
  info: l('info', 'info'),
};

export const PLATFORM_LABELS: Record<'facebook' | 'instagram' | 'linkedin', Localized> = {
  facebook: l('Facebook', 'Facebook'),
  instagram: l('Instagram', 'Instagram'),
  linkedin: l('LinkedIn', 'LinkedIn'),
};

/** A prompt-guidance line's status (guidance_lines.status). */
export const GUIDANCE_STATUS_LABELS: Record<string, Localized> = {
  active: l('active', 'active'),
  pinned: l('pinned', 'épinglée'),
  rejected: l('rejected', 'rejetée'),
  stale: l('no longer supported', 'plus appuyée'),
};

/** A metrics snapshot's window (metric_snapshots.label). */
export const SNAPSHOT_LABELS: Record<string, Localized> = {
  '24h': l('24-hour snapshot', 'relevé à 24 heures'),
  '7d': l('7-day snapshot', 'relevé à 7 jours'),
};

/** What a paid call was for (llm_calls.purpose). */
export const COST_PURPOSE_LABELS: Record<string, Localized> = {
  variant: l('writing', 'rédaction'),
  judge: l('judge', 'évaluation'),
  repair: l('repair', 'réparation'),
  regenerate: l('rewriting', 'réécriture'),
  image: l('image', 'image'),
  embedding: l('embeddings', 'vectorisation'),
};

/** Where a variant version came from (variant_versions.source). */
export const VERSION_SOURCE_LABELS: Record<string, Localized> = {
  generated: l('generated', 'générée'),
  edit: l('edited', 'modifiée'),
  restore: l('restored', 'restaurée'),
  regenerate: l('regenerated', 'régénérée'),
  conflict: l('sync conflict', 'conflit de synchronisation'),
};

/** Quality-gate flags on a variant. */
export const QUALITY_FLAG_LABELS: Record<string, Localized> = {
  'below-threshold': l('below the threshold', 'sous le seuil'),
  'too-similar': l('too similar to a recent post', 'trop semblable à une publication récente'),
};

/** What an audit row records (audit_log.action), as the history shows it. */
export const AUDIT_ACTION_LABELS: Record<string, Localized> = {
  create: l('created', 'créée'),
  submit_for_review: l('sent for review', 'soumise à la révision'),
  approve: l('approved', 'approuvée'),
  reject: l('rejected', 'rejetée'),
  version: l('new version', 'nouvelle version'),
  image: l('image', 'image'),
  image_failed: l('image failed', 'échec de l’image'),
  publish_intent: l('publishing started', 'publication lancée'),
  published: l('published', 'publiée'),
  publish_failed: l('publishing failed', 'échec de la publication'),
  publish_unconfirmed: l('publishing unconfirmed', 'publication non confirmée'),
  publish_dry_run: l('dry run', 'simulation'),
  publish_retry: l('publishing retried', 'publication relancée'),
  publish_repair: l('publishing repaired', 'publication réparée'),
  cancel_scheduled: l('withdrawn from Meta’s schedule', 'retirée de la programmation de Meta'),
  reschedule: l('rescheduled', 'reprogrammée'),
  mode_queue: l('moved to the queue', 'passée en file d’attente'),
  deferred: l('deferred', 'reportée'),
  failed: l('failed', 'en échec'),
  fail: l('failed', 'en échec'),
  measured: l('measured', 'mesurée'),
  retry: l('retried', 'relancée'),
  review_moved: l('moved to the next posting day', 'reportée au prochain jour de publication'),
  skip: l('skipped', 'sautée'),
  decide: l('optimizer decision', 'décision de l’optimiseur'),
  import: l('imported', 'importée'),
  lease_expired: l('lease expired', 'bail expiré'),
  sync_superseded: l('superseded by sync', 'remplacée par la synchronisation'),
  errors: l('errors', 'erreurs'),
};

/** A stored value's words, or the value itself when it has none (say, a newer replica's). */
export const labelOf = (labels: Readonly<Record<string, Localized>>, value: string): Localized =>
  labels[value] ?? l(value.replace(/_/g, ' '), value.replace(/_/g, ' '));

/**
 * An optimizer arm as people read it: a content type, a style, or a slot (`tue-14` →
 * « mardi 14 h », "Tuesday 2 p.m."). An arm the labels do not know reads as stored.
 */
export const armLabel = (space: 'type' | 'style' | 'slot', arm: string): Localized => {
  if (space === 'type') return labelOf(CONTENT_TYPE_LABELS, arm);
  if (space === 'style') return labelOf(STYLE_LABELS, arm);
  const m = /^(sun|mon|tue|wed|thu|fri|sat)-(\d{1,2})$/.exec(arm);
  return m ? inBoth((f) => `${f.weekday(m[1]!)} ${f.hour(Number(m[2]))}`) : l(arm, arm);
};

export const stateLabel = (state: string, lang: Lang): string => labelOf(POST_STATE_LABELS, state)[lang];
export const typeLabel = (type: string, lang: Lang): string => labelOf(CONTENT_TYPE_LABELS, type)[lang];
export const styleLabel = (style: string, lang: Lang): string => labelOf(STYLE_LABELS, style)[lang];
export const modeLabel = (mode: string, lang: Lang): string => labelOf(PUBLISH_MODE_LABELS, mode)[lang];

/**
 * Every enumeration with its values, for the test that fails when one has no translation or
 * when French output shows a raw value.
 */
export const ENUMERATIONS: readonly { name: string; values: readonly string[]; labels: Record<string, Localized> }[] = [
  { name: 'post state', values: POST_STATES, labels: POST_STATE_LABELS },
  { name: 'content type', values: CONTENT_TYPES, labels: CONTENT_TYPE_LABELS },
  { name: 'style', values: STYLES, labels: STYLE_LABELS },
  { name: 'publish mode', values: ['native', 'queue'], labels: PUBLISH_MODE_LABELS },
  { name: 'job kind', values: JOB_KINDS, labels: JOB_KIND_LABELS },
  { name: 'job state', values: JOB_STATES, labels: JOB_STATE_LABELS },
  { name: 'lint severity', values: ['error', 'warning', 'info'], labels: SEVERITY_LABELS },
  { name: 'check status', values: ['ok', 'warn', 'fail', 'info'], labels: CHECK_STATUS_LABELS },
  { name: 'platform', values: ['facebook', 'instagram', 'linkedin'], labels: PLATFORM_LABELS },
  { name: 'cost purpose', values: Object.keys(COST_PURPOSE_LABELS), labels: COST_PURPOSE_LABELS },
  { name: 'version source', values: Object.keys(VERSION_SOURCE_LABELS), labels: VERSION_SOURCE_LABELS },
  { name: 'quality flag', values: Object.keys(QUALITY_FLAG_LABELS), labels: QUALITY_FLAG_LABELS },
  { name: 'audit action', values: Object.keys(AUDIT_ACTION_LABELS), labels: AUDIT_ACTION_LABELS },
  { name: 'guidance status', values: Object.keys(GUIDANCE_STATUS_LABELS), labels: GUIDANCE_STATUS_LABELS },
];
