import React, { useEffect } from 'react';
import { useTranslation, type ActionHeaderProps } from 'adminjs';
import { recordPageTitle } from './record-page-title';
import { useScrollToFirstError } from './use-scroll-to-first-error';

type Props = ActionHeaderProps & { OriginalComponent: React.ComponentType<ActionHeaderProps> };

/**
 * AdminJS's action header with the record named: a card's heading is the record's title («ПАО Сбербанк»,
 * «Вх. № ВХ-15 от 01.12.2026») instead of «Просмотр», an edit form's «Редактирование — ПАО Сбербанк»; the browser
 * tab reads «{запись} — {раздел} — Реестр»; a form sent back with errors scrolls to the first. AdminJS translates the heading from the action's label, so the title
 * goes in as a translation of its own (a key per record, never parsed as one).
 */
const ActionHeader: React.FC<Props> = (props) => {
  const { OriginalComponent, record, action, resource } = props;
  const { i18n, translateAction, translateLabel } = useTranslation();
  const section = translateLabel(resource.name, resource.id);
  useScrollToFirstError();
  const title = record?.title === undefined || record?.title === null ? '' : String(record.title);
  // a list is headed by its section («Письма»), a new record's form by what it makes («Новое письмо»): the section's
  // own translations of «list» and «new» (src/app/admin-options.ts), which AdminJS's header does not look up
  const sectionHeading = action.name === 'list' || action.name === 'new' ? translateAction(action.name, resource.id) : null;
  const heading = title ? recordPageTitle(action.name, translateAction(action.name, resource.id), title) : sectionHeading;
  useEffect(() => {
    const parts = [heading, section, 'Реестр'].filter(Boolean);
    document.title = parts.join(' — ');
  }, [heading, section]);
  // a card opens with the focus on its heading: the next Tab is its first action («Редактировать»), not the menu
  useEffect(() => {
    if (action.name !== 'show' || action.showInDrawer) return;
    const h2 = document.querySelector<HTMLElement>(`[data-css="${resource.id}-show-action-header"] h2`);
    if (!h2) return;
    h2.tabIndex = -1;
    h2.focus({ preventScroll: true });
  }, [action.name, action.showInDrawer, resource.id, record?.id]);
  // the section's own buttons (import, export) belong to its list, not repeated on a card or a form
  const own = { ...action, showResourceActions: action.name === 'list' && action.showResourceActions };
  if (!heading) return <OriginalComponent {...props} action={own} />;
  const key = `recordTitle_${resource.id}_${action.name}`;
  i18n.addResource(i18n.language, 'translation', `actions.${key}`, heading.replace(/\{\{/g, '{ {'));
  return <OriginalComponent {...props} action={{ ...own, label: key }} />;
};

export default ActionHeader;
