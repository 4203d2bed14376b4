import React, { useEffect } from 'react';
import { BasePropertyComponent, type EditPropertyProps } from 'adminjs';

/**
 * A field of incoming letters only (the sender's number and date, the answer's due date): hidden for an outgoing
 * letter, and emptied when the letter becomes outgoing, so the form never sends what the server would refuse.
 * Otherwise the field's usual editor.
 */
const IncomingOnlyEdit: React.FC<EditPropertyProps> = (props) => {
  const { property, record, onChange } = props;
  const outgoing = record.params?.direction === 'outgoing';
  const value = record.params?.[property.path];
  useEffect(() => {
    if (outgoing && value !== undefined && value !== null && value !== '') onChange(property.path, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [outgoing]);
  if (outgoing) return null;
  const plain = { ...property, components: undefined } as unknown as EditPropertyProps['property'];
  return <BasePropertyComponent {...props} property={plain} where="edit" />;
};

export default IncomingOnlyEdit;
