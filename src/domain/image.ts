/** A finished image of a post (content-addressed file under the media folder). */
export interface PostImage {
  id: string;
  postId: string;
  variantId: string | null;
  kind: string;
  sha256: string;
  path: string;
  format: string;
  width: number;
  height: number;
  bytes: number;
  originalSha256: string | null;
  originalPath: string | null;
  provider: string;
  model: string | null;
  prompt: string | null;
  headline: string | null;
  costUsd: number;
  createdAt: string;
}
