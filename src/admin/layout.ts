import type { LayoutElement } from 'adminjs';

/** A form or card in titled groups, as the original's fieldsets ("form rules" with an <h3> each). */
export function fieldsets(groups: [title: string, properties: string[]][], after: string[] = []): LayoutElement[] {
  return [
    ...groups.map(([title, properties]): LayoutElement => [
      { mb: 'xl', 'data-testid': `fieldset-${properties[0]}` } as Record<string, unknown>,
      [['@H3', { children: title, mb: 'lg', fontSize: 'xl', fontWeight: 'bold' }], ...properties],
    ]),
    ...after,
  ];
}
