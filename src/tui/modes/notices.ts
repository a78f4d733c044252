import { l, type Localized } from '../../i18n/localized.js';
import type { Notice } from '../state/screen-state.js';

/** What an edit (inline or in $EDITOR) says once saved. */
export const savedNotice = (changed: boolean, idx: number, versionNo: number): [Notice['tone'], Localized] =>
  changed
    ? [
        'success',
        l(`Saved variant ${idx} as version ${versionNo}.`, `Variante ${idx} enregistrée en version ${versionNo}.`),
      ]
    : ['info', l('No change; no new version.', 'Aucun changement; pas de nouvelle version.')];
