import type { Weekday } from '../domain/content.js';
import type { Lang } from '../i18n/localized.js';
import type { CalendarData } from '../plan/calendar.js';
import type { ImageModel, PostModel } from './view-model.js';

/**
 * Everything the studio can do to the world. Components never touch the store: they call
 * these, which the CLI handler builds on the same services as `approve`, `reject` and `edit`
 * (src/tui/service-actions.ts). Optional members are capabilities: a key whose action is
 * missing is neither shown nor active.
 */

export type PublishMode = 'native' | 'queue';

export interface SlotView {
  /** ISO instant (UTC). */
  at: string;
  /** "YYYY-MM-DD HH:MM" in the brand's time zone (what the `t` prompt accepts back). */
  local: string;
  timeZone: string;
  mode: PublishMode;
  /** Local weekday, shown before the date. */
  weekday?: Weekday | undefined;
  /** Whether the time is inside the brand's posting window ("13:00–16:00") and on a posting day. */
  inWindow?: boolean | undefined;
  postingDay?: boolean | undefined;
  window?: string | undefined;
}

export interface SlotProposal extends SlotView {
  /** Seed the service used to draw it; passing it back reproduces the same slot. */
  seed: string;
  movedFrom?: string | undefined;
  movedBecause?: 'past' | 'not_posting_day' | 'full' | undefined;
}

export interface ApprovedInfo extends SlotView {
  variant: number;
  drawn: boolean;
}

export interface EditOutcome {
  versionNo: number;
  changed: boolean;
}

export type ProgressFn = (detail: string) => void;

/** One tab of the platforms view. */
export interface PlatformTab {
  platform: string;
  text: string;
  limit: number;
  length: number;
  /** The platform rule the text breaks, if any (too long, too many hashtags, a link on Instagram). */
  problem: string | null;
  /** A person wrote this platform's text for the variant (it no longer follows the variant). */
  own: boolean;
}

export interface ReviewActions {
  /** Ids of the posts to review, oldest first. */
  loadQueue(): Promise<string[]>;
  loadPost(id: string): Promise<PostModel>;
  proposeSlot(postId: string, seed: string): Promise<SlotProposal>;
  /** Local time and publish mode of an instant, for a slot the user moved. */
  describeSlot(post: PostModel, at: Date): SlotView;
  /**
   * `override` carries the gate flags the reviewer saw in the confirmation and accepted; without
   * it, a variant below the quality gate is refused.
   */
  approve(
    postId: string,
    variant: number,
    when: { seed: string } | { at: string },
    override?: { acknowledge: string[] },
  ): Promise<ApprovedInfo>;
  reject(postId: string, reason: string): Promise<void>;
  edit(postId: string, variant: number, text: string): Promise<EditOutcome>;
  regenerate(postId: string, variant: number, instruction: string, progress: ProgressFn): Promise<EditOutcome>;
  restore(postId: string, variant: number, versionNo: number): Promise<EditOutcome>;
  /** Opens the text in $VISUAL/$EDITOR (the app is suspended meanwhile); absent without one. */
  externalEditor?: ((text: string) => Promise<string>) | undefined;
  /** Remakes the post's image (wired to the image service when it is present). */
  remakeImage?: ((postId: string, progress: ProgressFn) => Promise<void>) | undefined;
  /** Lines (may hold ANSI colour) that draw the image in a box of this size, when the terminal can. */
  previewImage?:
    ((image: ImageModel, box: { columns: number; rows: number }) => Promise<string[] | undefined>) | undefined;
  /** A new random seed for a slot draw. */
  newSeed(): string;
  /**
   * The text each platform of the post's brand would publish from this variant text (Facebook
   * unchanged, Instagram and LinkedIn adapted), with its limit and any rule it breaks.
   */
  platformTexts?:
    | ((post: { brand: string }, variant: { text: string; platformTexts: Record<string, string> }) => PlatformTab[])
    | undefined;
  /** Saves a platform's own text of a variant before approval, or `null` to follow the variant again. */
  editPlatformText?:
    | ((postId: string, variant: number, platform: 'instagram' | 'linkedin', text: string | null) => Promise<void>)
    | undefined;
  /** The editorial calendar screen (`c`); absent when the studio runs without a store. */
  calendar?: CalendarActions | undefined;
  /** Keeps a variant's angle (its headline and opening) as an idea for the plan; once per variant. */
  saveIdea?: ((postId: string, variant: number) => Promise<{ shortId: string; text: string }>) | undefined;
}

/** What the calendar screen reads and changes: the same services as `plan` and `publish`. */
export interface CalendarActions {
  /** From this week's Monday, `weeks` weeks. */
  load(weeks: number): Promise<CalendarData>;
  /** Moves a planned entry to another posting day (exchanging with the entry there; both fixed). */
  moveEntry(platform: string, from: string, to: string): Promise<void>;
  /** Moves an approved post's slot, inside the posting window. */
  moveSlot(postId: string, at: Date): Promise<void>;
  /** The brand's posting window, to keep a move inside it while it is drawn. */
  window: { start: string; end: string; timeZone: string };
}

export interface ReviewOptions {
  lang: Lang;
  colour: boolean;
}
