import React from 'react';
import { Box, Link, Text } from '@adminjs/design-system';
import { PropertyLabel, flat, type BasePropertyProps } from 'adminjs';

/** A many-to-many value on the show page and in lists: the related records as links, comma-separated. */
const ReferenceListValue: React.FC<BasePropertyProps> = ({ property, record, where }) => {
  const ids = ((flat.get(record?.params, property.path) as (string | number)[] | undefined) ?? []).map(String);
  const items = ids.map((id, index) => {
    const populated = record?.populated?.[`${property.path}.${index}`];
    return { id, title: populated?.title ?? `#${id}` };
  });
  const content =
    items.length === 0 ? (
      <Text color="grey60">—</Text>
    ) : (
      <Text>
        {items.map((item, index) => (
          <React.Fragment key={item.id}>
            {index > 0 ? ', ' : ''}
            <Link href={`/admin/resources/${property.reference}/records/${item.id}/show`}>{item.title}</Link>
          </React.Fragment>
        ))}
      </Text>
    );
  if (where !== 'show') return content;
  return (
    <Box mb="xl" data-testid={`references-${property.path}`}>
      <PropertyLabel property={property} />
      {content}
    </Box>
  );
};

export default ReferenceListValue;
