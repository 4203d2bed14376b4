import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { PropertyLabel, ViewHelpers, type BasePropertyProps } from 'adminjs';

const h = new ViewHelpers();

/**
 * An organization's contacts in the list and on the card: the text as typed (line breaks kept; React escapes it),
 * with "изменить" opening the contacts editor in a drawer for whoever may edit the organization. In a list the text is
 * one line cut with «…» (the whole of it in the tooltip), and «✎» stays in sight beside it.
 */
const ContactsValue: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const navigate = useNavigate();
  const { search } = useLocation();
  const text = (record?.params?.[property.path] as string | null | undefined) ?? '';
  // a phone number («8-800-555-35-35») is one piece: the line never breaks at its hyphens (the text stays as typed)
  const shown = text.split(/(\d[\d-]*-\d+)/).map((part, index) =>
    index % 2 === 1 ? (
      <span key={index} style={{ whiteSpace: 'nowrap' }}>
        {part}
      </span>
    ) : (
      part
    ),
  );
  const canEdit = Boolean(record?.recordActions?.some((action) => action.name === 'editContacts'));
  // from the card the editor returns to the card, from the list to the list with its filters and page
  const back = where === 'show' ? '?from=show' : search;
  const editUrl = record ? h.recordActionUrl({ resourceId: resource.id, recordId: String(record.id), actionName: 'editContacts', search: back }) : '';
  const edit = (event: React.MouseEvent) => {
    event.preventDefault();
    event.stopPropagation(); // a click in a list row would open the card
    navigate(editUrl);
  };
  const editLink = canEdit ? (
    <a
      href={editUrl}
      onClick={edit}
      style={{ marginLeft: 8, whiteSpace: 'nowrap' }}
      title="Изменить контакты"
      aria-label="Изменить контакты"
      data-testid="contacts-edit-link"
    >
      {where === 'list' ? '✎' : '✎ изменить'}
    </a>
  ) : null;
  // in a list: one line, its lines joined by «·» and cut with «…», the whole text in the tooltip, «✎» beside it
  const value =
    where === 'list' ? (
      <div data-testid="contacts-cell" style={{ display: 'flex', alignItems: 'baseline', maxWidth: 240 }}>
        <span
          title={text}
          data-testid="contacts-text"
          style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', minWidth: 0, flex: '0 1 auto' }}
        >
          {text === '' ? (
            <Text as="span" color="grey60">
              —
            </Text>
          ) : (
            text.split(/\n+/).filter(Boolean).join(' · ')
          )}
        </span>
        {editLink}
      </div>
    ) : (
      <Text as="div" style={{ whiteSpace: 'pre-line' }} data-testid="contacts-text">
        {text === '' ? (
          <Text as="span" color="grey60">
            —
          </Text>
        ) : (
          shown
        )}
        {editLink}
      </Text>
    );
  if (where !== 'show') return value;
  return (
    <Box mb="xl" data-testid="property-show-contacts">
      <PropertyLabel property={property} />
      {value}
    </Box>
  );
};

export default ContactsValue;
