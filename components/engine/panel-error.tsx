import React from 'react';
import { Box, Button, H2, Text } from '@adminjs/design-system';
import { Link } from 'react-router-dom';

export interface PanelError {
  code: 403 | 404;
  title: string;
  text: string;
}

interface PageResource {
  id: string;
  name?: string;
  /** Every action of the section, whoever may run it. */
  actions?: { name: string; actionType?: string }[];
  /** The section's own actions this person may run (its list, «new», the export). */
  resourceActions?: { name: string }[];
}

/** The panel's sections as AdminJS's page state holds them: each with all its actions and those allowed to this person. */
function pageResources(): Map<string, PageResource> {
  const state = (globalThis as { REDUX_STATE?: { resources?: PageResource[] } }).REDUX_STATE;
  return new Map((state?.resources ?? []).map((resource) => [resource.id, resource]));
}

/**
 * Why a panel address shows nothing: a section or action that does not exist (404), or one this person may not
 * open (403, saying who may). Null when the address is a section's page this person may see.
 */
export function panelErrorOf(pathname: string, sectionName: (resourceId: string) => string = (id) => id): PanelError | null {
  const match = /^\/admin\/resources\/([^/]+)(?:\/actions\/([^/]+)|\/records\/[^/]+\/([^/]+)|\/bulk\/([^/]+))?\/?$/.exec(pathname);
  if (!pathname.startsWith('/admin/resources/')) return null;
  if (!match) return { code: 404, title: 'Страница не найдена', text: 'Такого адреса в реестре нет.' };
  const [, resourceId = '', resourceAction, recordAction, bulkAction] = match;
  const action = resourceAction ?? recordAction ?? bulkAction ?? 'list';
  const section = pageResources().get(decodeURIComponent(resourceId));
  if (!section) return { code: 404, title: 'Страница не найдена', text: 'Такого раздела в реестре нет.' };
  const label = sectionName(section.id);
  if (!(section.actions ?? []).some((a) => a.name === action)) {
    return { code: 404, title: 'Страница не найдена', text: `В разделе «${label}» нет такого действия.` };
  }
  const allowed = new Set((section.resourceActions ?? []).map((a) => a.name));
  // a section with none of its own actions allowed (its list, «new») is closed to this person as a whole
  if (allowed.size === 0) return { code: 403, title: 'Нет доступа', text: `Раздел «${label}» доступен только администраторам.` };
  if (resourceAction && !allowed.has(action)) {
    return { code: 403, title: 'Нет доступа', text: `Это действие в разделе «${label}» доступно только администраторам.` };
  }
  return null;
}

/**
 * A record's action this person may not run: AdminJS finds the record without that action and says «not found»
 * (the action exists: panelErrorOf has checked), which is a refusal.
 */
export function refusedRecordAction(pathname: string, sectionName: (resourceId: string) => string = (id) => id): PanelError | null {
  const match = /^\/admin\/resources\/([^/]+)\/records\/[^/]+\/[^/]+\/?$/.exec(pathname);
  if (!match) return null;
  return {
    code: 403,
    title: 'Нет доступа',
    text: `Это действие в разделе «${sectionName(decodeURIComponent(match[1] ?? ''))}» доступно только администраторам.`,
  };
}

/** A 403 or 404 page inside the panel, with its menu: what happened, and the ways on. */
export const PanelErrorPage: React.FC<{ error: PanelError }> = ({ error }) => (
  <Box p="xxl" flex flexDirection="column" alignItems="center" data-testid={`panel-error-${error.code}`} role="alert">
    <Text style={{ fontSize: 64, fontWeight: 300, color: '#5c5e70', lineHeight: 1 }}>{error.code}</Text>
    <H2 mt="lg">{error.title}</H2>
    <Text mb="xl">{error.text}</Text>
    <Box flex flexDirection="row" style={{ gap: 12 }}>
      <Button as={Link} to="/admin" variant="contained">
        На главную
      </Button>
      <Button type="button" variant="outlined" onClick={() => window.history.back()}>
        Назад
      </Button>
    </Box>
  </Box>
);
