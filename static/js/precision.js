// What an approximate point means, in words; shared by popups and the legend.

import { t } from './i18n.js';

export function precisionNote(precision) {
  switch (precision) {
    case 'approximate':
      return t('Approximate location: placed by hand near the town; expect 0.5 to 3 km of error.');
    case 'district':
      return t('Approximate location: the point is the district (markaz) seat, not the village itself.');
    case 'governorate':
      return t('Approximate location: only the governorate is known; the point is its capital.');
    default:
      return '';
  }
}
