/**
 * Menu groups (original-app.md §4.1: Организации ▸ Организации, Документы; Письма; Информационные ресурсы),
 * plus reference data and administration. A leaf module: resources import it, it imports nothing.
 * The names are translation keys (labels.*), so AdminJS does not Start-Case them.
 */
export const NAVIGATION = {
  organizations: { name: 'nav.organizations', icon: 'Briefcase' },
  letters: { name: 'nav.letters', icon: 'Mail' },
  resources: { name: 'nav.resources', icon: 'Server' },
  references: { name: 'nav.references', icon: 'Book' },
  administration: { name: 'nav.administration', icon: 'Settings' },
} as const;

export const NAVIGATION_LABELS = {
  'nav.organizations': 'Организации',
  'nav.letters': 'Письма',
  'nav.resources': 'Информационные ресурсы',
  'nav.references': 'Справочники',
  'nav.administration': 'Администрирование',
};
