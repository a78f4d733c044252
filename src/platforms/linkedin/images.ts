import type { LinkedinClient } from './client.js';
import { restliEncode } from './client.js';
import { LinkedinError } from './errors.js';

export interface ImageUploadOptions {
  pollMs: number;
  timeoutMs: number;
  sleep?: (ms: number) => Promise<void>;
  nowMs?: () => number;
}

/**
 * The Images API: `initializeUpload` for the organization, the bytes `PUT` to the upload URL
 * LinkedIn returned, then the image's status read until AVAILABLE. An image that is never
 * used by a post publishes nothing, so every step may be repeated safely.
 */
export const uploadImage = async (
  client: LinkedinClient,
  owner: string,
  image: { data: Buffer; contentType: string },
  o: ImageUploadOptions,
): Promise<string> => {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const nowMs = o.nowMs ?? Date.now;
  const { body } = await client.request<{ value?: { uploadUrl?: string; image?: string } }>({
    method: 'POST',
    path: '/images',
    query: 'action=initializeUpload',
    json: { initializeUploadRequest: { owner } },
    retry: 'safe',
  });
  const uploadUrl = body.value?.uploadUrl;
  const urn = body.value?.image;
  if (!uploadUrl || !urn)
    throw new LinkedinError({
      category: 'transient',
      message: 'initializeUpload answered without an upload URL',
      sent: false,
    });
  await client.request({ method: 'PUT', url: uploadUrl, binary: image, retry: 'safe' });
  const deadline = nowMs() + o.timeoutMs;
  for (;;) {
    const { body: status } = await client.request<{ status?: string }>({
      method: 'GET',
      path: `/images/${restliEncode(urn)}`,
      retry: 'safe',
    });
    if (status.status === 'AVAILABLE') return urn;
    if (status.status === 'PROCESSING_FAILED')
      throw new LinkedinError({ category: 'media_failed', message: `image ${urn} failed processing`, sent: false });
    if (nowMs() >= deadline)
      throw new LinkedinError({
        category: 'media_failed',
        message: `image ${urn} was not available after ${Math.round(o.timeoutMs / 1000)} s (${status.status ?? 'unknown'})`,
        sent: false,
      });
    await sleep(o.pollMs);
  }
};
