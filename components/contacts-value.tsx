import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import { useLocation, useNavigate } from 'react-router-dom';
import { PropertyLabel, ViewHelpers, type BasePropertyProps } from 'adminjs';

const h = new ViewHelpers();

/**
 * An organization's contacts in the list and on the card: the text as typed (line breaks kept; React escapes it),
 * with "изменить" opening the contacts editor in a drawer for whoever may edit the organization.
 */
const ContactsValue: React.FC<BasePropertyProps> = ({ property, record, resource, where }) => {
  const navigate = useNavigate();
  const { search } = useLocation();
  const text = (record?.params?.[property.path] as string | null | undefined) ?? '';
  const canEdit = Boolean(record?.recordActions?.some((action) => action.name === 'editContacts'));
  // from the card the editor returns to the card, from the list to the list with its filters and page
  const back = where === 'show' ? '?from=show' : search;
  const editUrl = record ? h.recordActionUrl({ resourceId: resource.id, recordId: String(record.id), actionName: 'editContacts', search: back }) : '';
  const edit = (event: React.MouseEvent) => {
    event.preventDefault();
    event.stopPropagation(); // a click in a list row would open the card
    navigate(editUrl);
  };
  const value = (
    <Text as="div" style={{ whiteSpace: 'pre-line', ...(where === 'list' ? { maxHeight: '4.5em', overflow: 'hidden' } : {}) }} data-testid="contacts-text">
      {text === '' ? <Text as="span" color="grey60">—</Text> : text}
      {canEdit ? (
        <a href={editUrl} onClick={edit} style={{ marginLeft: 8, whiteSpace: 'nowrap' }} title="Изменить контакты" data-testid="contacts-edit-link">
          ✎ изменить
        </a>
      ) : null}
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
