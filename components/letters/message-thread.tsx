import React, { useEffect, useState } from 'react';
import { Box, Link, Text } from '@adminjs/design-system';
import { PropertyLabel, ApiClient, type RecordJSON, type ShowPropertyProps } from 'adminjs';
import { formatDate } from '../engine/date-format';

/** A letter's replies (letters whose "основание" it is), as links. */
const MessageThread: React.FC<ShowPropertyProps> = ({ record, property }) => {
  const [children, setChildren] = useState<RecordJSON[] | null>(null);
  useEffect(() => {
    new ApiClient()
      .resourceAction({ resourceId: 'Message', actionName: 'list', params: { 'filters.parentId': record.id, perPage: 100 } })
      .then((response) => setChildren((response.data as { records: RecordJSON[] }).records))
      .catch(() => setChildren([]));
  }, [record.id]);
  return (
    <Box mb="xl" data-testid="message-children">
      <PropertyLabel property={property} />
      {children && children.length === 0 ? <Text color="grey60">—</Text> : null}
      {(children ?? []).map((child) => (
        <Box key={child.id}>
          <Link href={`/admin/resources/Message/records/${child.id}/show`}>
            {[child.params.ourNumber, formatDate(child.params.ourDate), String(child.params.information ?? '').slice(0, 120)].filter(Boolean).join(' · ')}
          </Link>
        </Box>
      ))}
    </Box>
  );
};

export default MessageThread;
