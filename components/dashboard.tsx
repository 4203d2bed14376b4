import React, { useEffect, useState } from 'react';
import { Box, H2, H5, Link, Text } from '@adminjs/design-system';
import { ApiClient } from 'adminjs';

interface Section {
  resourceId: string;
  label: string;
  count: number;
  hint: string;
}

/** The home page: what the registry holds, with links to each section (instead of AdminJS's marketing page). */
const Dashboard: React.FC = () => {
  const [sections, setSections] = useState<Section[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    new ApiClient()
      .getDashboard()
      .then((response) => setSections((response.data as { sections: Section[] }).sections))
      .catch(() => setFailed(true));
  }, []);
  return (
    <Box variant="grey" data-testid="dashboard">
      <H2>Реестр организаций</H2>
      <Text mb="xl">Организации, переписка, документы и информационные ресурсы.</Text>
      {failed ? <Text>Не удалось загрузить сводку.</Text> : null}
      <Box flex flexDirection="row" flexWrap="wrap">
        {(sections ?? []).map((section) => (
          <Box key={section.resourceId} variant="white" width={[1, 1 / 2, 1 / 3]} m="default" p="xl">
            <H5>
              <Link href={`/admin/resources/${section.resourceId}`}>{section.label}</Link>
            </H5>
            <Text fontSize="xl" my="default">
              {section.count.toLocaleString('ru-RU')}
            </Text>
            <Text color="grey60">{section.hint}</Text>
          </Box>
        ))}
      </Box>
    </Box>
  );
};

export default Dashboard;
