import React from 'react';
import { Box, Button, Icon, Text } from '@adminjs/design-system';
import { useLocation } from 'react-router-dom';
import { useTranslation, type ActionProps } from 'adminjs';

/** "Выгрузить": the current list (its filters and sort, carried in the address) as CSV or XLSX. */
const ExportLinks: React.FC<ActionProps> = ({ resource }) => {
  const { search } = useLocation();
  const { translateLabel } = useTranslation();
  const params = new URLSearchParams(search);
  params.delete('page');
  params.delete('perPage');
  const query = params.toString();
  const filtered = [...params.keys()].some((key) => key.startsWith('filters.'));
  const href = (format: 'csv' | 'xlsx') => `/admin/data/export/${resource.id}.${format}${query ? `?${query}` : ''}`;
  return (
    <Box variant="white" data-testid="export-links">
      <Text mb="lg">
        {filtered ? 'Будет выгружен текущий отфильтрованный список' : 'Будет выгружен весь список'} «{translateLabel(resource.name, resource.id)}» в текущем
        порядке сортировки, со всеми столбцами и заголовками на русском.
      </Text>
      <Box flex flexDirection="row">
        <Button as="a" href={href('xlsx')} variant="contained" mr="default" data-testid="export-xlsx">
          <Icon icon="Download" /> XLSX (Excel)
        </Button>
        <Button as="a" href={href('csv')} variant="outlined" data-testid="export-csv">
          <Icon icon="Download" /> CSV (разделитель «;», UTF-8)
        </Button>
      </Box>
    </Box>
  );
};

export default ExportLinks;
