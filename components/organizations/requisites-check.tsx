import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import { requisiteProblems } from '../../src/domain/organization';

/**
 * On the card and in the form: the organization's stored INN, KPP or OGRN that do not pass the checks (EGRUL
 * holds such values), marked «не прошли проверку». They are kept and saved as they are; a changed value is checked.
 * Nothing is shown when they pass.
 */
const RequisitesCheck: React.FC<BasePropertyProps> = ({ record, where }) => {
  // in the form the marks concern the values as saved (when the form opened), not what is being typed
  const [saved] = React.useState(() => ({ inn: record?.params?.inn, kpp: record?.params?.kpp, ogrn: record?.params?.ogrn }));
  const problems = requisiteProblems(saved);
  if (problems.length === 0 || (where === 'edit' && !record?.id)) return null;
  return (
    <Box data-testid="requisites-check" mb="xl" p="lg" style={{ background: '#fff8e1', border: '1px solid #f0c36d', borderRadius: 4 }}>
      <Text fontWeight="bold" mb="sm">
        Реквизиты не прошли проверку
      </Text>
      {problems.map((problem) => (
        <Text key={problem}>{problem}</Text>
      ))}
      <Text mt="sm" fontSize="sm" style={{ color: '#6b6b6b' }}>
        Так они записаны в ЕГРЮЛ или в реестре раньше; они сохраняются как есть. Изменённое значение будет проверено.
      </Text>
    </Box>
  );
};

export default RequisitesCheck;
