import type { ContentType } from './content.js';
/** One generation request and how far it got (resumed by its request key after a crash). */
export interface GenerationRun {
  id: string;
  brand: string;
  contentType: ContentType;
  topic: string | null;
  targetDate: string;
  variantCount: number;
  requestKey: string;
  status: 'running' | 'completed' | 'failed';
  postId: string | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
  /** Key of the user's request before the optimizer chose; null for named (daemon) runs. */
  planKey: string | null;
  /** JSON GenerationPlan: the type, style order and decision the run was started with. */
  plan: string | null;
}
