import React from 'react';
import { Box } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import { useCardData } from './use-card-data';

interface Counts {
  documents: number;
  letters: number;
  ownResources: number;
  outsourcing: number;
  units: number;
}

/** The card's sections, each with its size, and where it is on the page (data-testid of its block). */
const SECTIONS: { key: keyof Counts | 'requisites' | 'history'; label: string; target: string }[] = [
  { key: 'requisites', label: 'Реквизиты', target: 'fieldset-fullName' },
  { key: 'units', label: 'Филиалы', target: 'organization-units' },
  { key: 'documents', label: 'Документы', target: 'organization-documents' },
  { key: 'letters', label: 'Переписка', target: 'organization-letters' },
  { key: 'ownResources', label: 'Ресурсы', target: 'organization-resources' },
  { key: 'outsourcing', label: 'Аутсорсинг', target: 'outsourcing' },
  { key: 'history', label: 'История', target: 'record-history' },
];

/**
 * A bar at the top of an organization's card: its sections with their counts («Документы 3», «Переписка 12»), each
 * a jump to the section; it stays in sight while the card scrolls.
 */
const CardSectionsNav: React.FC<BasePropertyProps> = ({ record }) => {
  const { body } = useCardData<never>(`/admin/data/organizations/${record?.id}/section-counts`, 'counts');
  const counts = (body as { counts?: Counts } | null)?.counts ?? null;
  const jump = (target: string) => document.querySelector(`[data-testid="${target}"]`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  return (
    <Box
      as="nav"
      aria-label="Разделы карточки"
      data-testid="card-sections"
      flex
      flexDirection="row"
      flexWrap="wrap"
      mb="xl"
      py="default"
      style={{ position: 'sticky', top: 0, zIndex: 5, background: '#fff', gap: 8, borderBottom: '1px solid #eeeeef' }}
    >
      {SECTIONS.filter((section) => section.key !== 'units' || (counts?.units ?? 0) > 0).map((section) => {
        const count = counts && section.key in counts ? counts[section.key as keyof Counts] : null;
        return (
          <button
            key={section.key}
            type="button"
            onClick={() => jump(section.target)}
            data-testid={`card-section-${section.key}`}
            style={{
              border: '1px solid #c0c0ca',
              borderRadius: 16,
              background: '#fff',
              padding: '4px 12px',
              cursor: 'pointer',
              fontSize: 14,
              whiteSpace: 'nowrap',
              color: '#0c1e29',
            }}
          >
            {section.label}
            {count !== null ? <span style={{ marginLeft: 6, color: count > 0 ? '#3040d6' : '#5c5e70', fontWeight: 500 }}>{count}</span> : null}
          </button>
        );
      })}
    </Box>
  );
};

export default CardSectionsNav;
