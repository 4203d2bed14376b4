import React from 'react';
import { Link } from 'react-router-dom';
import type { BasePropertyProps } from 'adminjs';

/**
 * A list row's name, as a link to its card: the row is reached by Tab and opened by Enter, like any link.
 * `props.shows` lists the record's fields to show, the first one filled (an organization's short name, else its full
 * name); the tooltip is the last one filled (the full name: the card shows it whole).
 */
const RecordLinkValue: React.FC<BasePropertyProps> = ({ property, record, resource }) => {
  const shows = (property.props as { shows?: string[] } | undefined)?.shows ?? [property.path];
  const filled = shows.map((path) => String(record?.params?.[path] ?? '').trim()).filter((value) => value !== '');
  const text = filled[0] ?? `№ ${record?.id ?? ''}`;
  return (
    <Link
      to={`/admin/resources/${resource.id}/records/${record?.id}/show`}
      title={filled[filled.length - 1] ?? text}
      data-testid="row-link"
      style={{ whiteSpace: 'nowrap' }}
    >
      {text}
    </Link>
  );
};

export default RecordLinkValue;
