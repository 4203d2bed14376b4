import type { LayoutElement } from 'adminjs';

/**
 * A form or card in titled groups, as the original's fieldsets ("form rules" with an <h3> each). A group may have
 * notes: virtual properties shown under its title before its fields (the group is still named by its first field).
 */
export function fieldsets(groups: [title: string, properties: string[], notes?: string[]][], after: string[] = []): LayoutElement[] {
  return [
    ...groups.map(([title, properties, notes = []]): LayoutElement => [
      { mb: 'xl', 'data-testid': `fieldset-${properties[0]}` } as Record<string, unknown>,
      [['@H3', { children: title, mb: 'lg', fontSize: 'xl', fontWeight: 'bold' }], ...notes, ...properties],
    ]),
    ...after,
  ];
}
