import { UsageError } from '../errors/errors.js';
import { l } from '../i18n/localized.js';
import { CONTENT_TYPES, isContentType, type ContentType } from './content.js';

/** A content type typed by a person (`--type`), or a usage error listing the valid ones. */
export const validateContentType = (contentType: string): ContentType => {
  if (!isContentType(contentType)) {
    throw new UsageError(l(`Unknown content type "${contentType}".`, `Type de contenu inconnu « ${contentType} ».`), {
      code: 'unknown_content_type',
      fix: l(`Use one of: ${CONTENT_TYPES.join(', ')}.`, `Utilisez l'un de : ${CONTENT_TYPES.join(', ')}.`),
    });
  }
  return contentType;
};
