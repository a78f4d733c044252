import type { Lang } from '../i18n/localized.js';
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
  /** "YYYY-MM-DD HH:MM" in the brand's time zone. */
  local: string;
  timeZone: string;
  mode: PublishMode;
}

export interface SlotProposal extends SlotView {
  /** Seed the service used to draw it; passing it back reproduces the same slot. */
  seed: string;
  movedFrom?: string | undefined;
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
}

export interface ReviewOptions {
  lang: Lang;
  colour: boolean;
}
