import React, { useEffect } from 'react';
import { Box, Button, Pagination, Text } from '@adminjs/design-system';
import { useLocation } from 'react-router-dom';
import { RecordsTable, useFilterDrawer, useQueryParams, useSelectedRecords, type ActionProps } from 'adminjs';
import { ListSearch, NothingFound, activeFilterKeys } from './list-search';
import { useListRecords } from './use-list-records';

/** The list sizes the original offered ("20 элементы" / 50 / 100); 20 is the panel's default. */
const PAGE_SIZES = [20, 50, 100];

/**
 * AdminJS's list (same table, selection and paging) under a search box with the active filters as chips
 * (list-search.tsx), with the original's page-size choice under it.
 * The size is kept in the address (`perPage`), so filters, sorting and the export keep it too.
 * A search with very many matches is counted up to a cap: the list then says "more than 1000" (the pages
 * go as far as the cap; the export still takes every match).
 */
/**
 * ↓ from the search box goes to the first row, ↓ and ↑ from a row to the next and previous one (each row's link to its
 * card); Enter opens it.
 */
function moveBetweenRows(event: React.KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const target = event.target as HTMLElement;
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('tbody [data-testid=row-link]'));
  if (links.length === 0) return;
  const at = links.indexOf(target);
  const fromSearch = target.matches('[data-testid=list-search-input]');
  if (at < 0 && !fromSearch) return;
  const next = fromSearch ? (event.key === 'ArrowDown' ? links[0] : undefined) : links[at + (event.key === 'ArrowDown' ? 1 : -1)];
  if (!next) return;
  event.preventDefault();
  next.focus();
}

const ListWithPageSize: React.FC<ActionProps> = ({ resource, setTag }) => {
  const { records, loading, direction, sortBy, page, total, totalIsCapped, fetchData, perPage } = useListRecords(resource.id);
  const { selectedRecords, handleSelect, handleSelectAll, setSelectedRecords } = useSelectedRecords(records);
  const location = useLocation();
  const { storeParams } = useQueryParams();
  const drawer = useFilterDrawer();
  const filtered = activeFilterKeys(location.search).length > 0;

  // «Применить» in the filter drawer changes the address: the drawer closes, the list and its chips stay in sight
  useEffect(() => {
    if (drawer.isVisible) drawer.close();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [location.search]);

  // the closed filter drawer stays in the page, moved off-screen: Tab must not wander into it
  useEffect(() => {
    const form = document.querySelector<HTMLElement>(`[data-css="${resource.id}-filter-drawer"]`);
    if (form) form.inert = !drawer.isVisible;
  }, [drawer.isVisible, resource.id, loading]);
  useEffect(() => {
    setTag?.(totalIsCapped ? `${total}+` : total.toString());
  }, [total, totalIsCapped]);
  useEffect(() => {
    setSelectedRecords([]);
  }, [resource.id]);
  useEffect(() => {
    const recordIds = new URLSearchParams(location.search).get('recordIds')?.split(',') ?? [];
    setSelectedRecords(records.filter((record) => recordIds.includes(record.id.toString())));
  }, [location.search, records]);

  return (
    <Box variant="container" data-css={`${resource.id}-list-table-wrapper`} onKeyDown={moveBetweenRows}>
      <ListSearch resource={resource} />
      {!loading && records.length === 0 && filtered ? (
        <NothingFound />
      ) : (
        <RecordsTable
          resource={resource}
          records={records}
          actionPerformed={() => fetchData()}
          onSelect={handleSelect}
          onSelectAll={handleSelectAll}
          selectedRecords={selectedRecords}
          direction={direction}
          sortBy={sortBy}
          isLoading={loading}
        />
      )}
      <Text mt="xl" textAlign="center">
        <Pagination page={page} perPage={perPage} total={total} onChange={(next: number) => storeParams({ page: next.toString() })} />
      </Text>
      <Box flex flexDirection="row" justifyContent="center" alignItems="center" mt="lg" data-testid="page-size">
        <Text mr="default" color="grey60">
          Записей на странице:
        </Text>
        {PAGE_SIZES.map((size) => (
          <Button
            key={size}
            size="sm"
            mr="sm"
            type="button"
            variant={size === perPage ? 'contained' : 'text'}
            aria-pressed={size === perPage}
            onClick={() => storeParams({ perPage: String(size), page: '1' })}
          >
            {size}
          </Button>
        ))}
        <Text ml="lg" color="grey60" data-testid="list-total">
          {totalIsCapped ? `найдено больше ${total} — уточните поиск, чтобы увидеть все` : `всего: ${total}`}
        </Text>
      </Box>
    </Box>
  );
};

export default ListWithPageSize;
