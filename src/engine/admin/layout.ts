import type { LayoutElement } from 'adminjs';

/**
 * A form or card in titled groups, as the original's fieldsets ("form rules" with an <h3> each). A group may have
 * notes: virtual properties shown under its title before its fields (the group is still named by its first field).
 */
export function fieldsets(groups: [title: string, properties: string[], notes?: string[]][], after: string[] = []): LayoutElement[] {
  return [
    ...groups.map(
      ([title, properties, notes = []]): LayoutElement => [
        { mb: 'xl', 'data-testid': `fieldset-${properties[0]}` } as Record<string, unknown>,
        [['@H3', { children: title, mb: 'lg', fontSize: 'xl', fontWeight: 'bold' }], ...notes, ...properties],
      ],
    ),
    ...after,
  ];
}

/**
 * A card's groups side by side: three to a row from 1200 px, two from 769 px, one on narrow screens; under the `before`
 * elements (the card's section bar) and above the `after` ones (its lists): the requisites fit in one screen.
 */
export function cardFieldsets(groups: [title: string, properties: string[], notes?: string[]][], before: string[] = [], after: string[] = []): LayoutElement[] {
  return [
    ...before,
    [
      { flex: true, flexDirection: 'row', flexWrap: 'wrap', mb: 'lg', 'data-testid': 'card-requisites' } as Record<string, unknown>,
      groups.map(
        ([title, properties, notes = []]): LayoutElement => [
          { width: [1, 1, 1 / 2, 1 / 2, 1 / 3], pr: 'xl', mb: 'lg', 'data-testid': `fieldset-${properties[0]}` } as Record<string, unknown>,
          [['@H3', { children: title, mb: 'default', fontSize: 'lg', fontWeight: 'bold' }], ...notes, ...properties],
        ],
      ),
    ],
    ...after,
  ];
}
