import type { Citation } from '../domain/plan.js';
import { frenchTypography } from '../domain/typography.js';
import type { TextResult } from '../providers/types.js';

/**
 * A post from a news item names its source. The writer is asked to; when its text does not
 * carry the link (or the title, for a source without one), a source line is added before the
 * closing hashtags, so no variant ever goes out without it.
 */
export const withCitation = (result: TextResult, citation: Citation | null | undefined): TextResult => {
  if (!citation) return result;
  const text = result.draft.text;
  const cited = citation.url ? text.includes(citation.url) : text.includes(citation.title);
  if (cited) return result;
  // Typography applies to the words only: a link keeps its ? and ' as they are. The title comes
  // right after the colon, so a publisher's name (« Les Affaires ») never loses its capital to
  // the no-capital-after-a-colon rule.
  const line =
    frenchTypography(`Source : « ${citation.title} »${citation.publisher ? ` (${citation.publisher})` : ''}`) +
    (citation.url ? ` ${citation.url}` : '');
  const paragraphs = text.split(/\n{2,}/);
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const hashtagsLast = paragraphs.length > 1 && /^(#\S+\s*)+$/.test(last.trim());
  const body = hashtagsLast ? [...paragraphs.slice(0, -1), line, last] : [...paragraphs, line];
  return { ...result, draft: { ...result.draft, text: body.join('\n\n') } };
};
