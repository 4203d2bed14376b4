import React, { useEffect, useState } from 'react';
import { Box, H4, MessageBox, Pagination, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

/** A column header; with `sortKey` it sorts the section by that column (a second click reverses). */
export type CardHeader = string | { label: string; sortKey: string };

/** The section's rows come page by page from the server: which page, how many in all. */
export interface ServerPages {
  page: number;
  perPage: number;
  total: number;
  onPage: (page: number) => void;
}

interface CardSectionProps<T> {
  testId: string;
  title: string;
  /** Shown when the section's data could not be loaded. */
  failedMessage: string;
  /** Shown when there is nothing to list. */
  emptyText: string;
  items: T[] | null;
  failed: boolean;
  /** Column headers (an empty string for a column without one). */
  headers: CardHeader[];
  /** One table row per item (with its key). */
  row: (item: T) => React.ReactNode;
  /** Above the table (e.g. a link to add to the section). */
  children?: React.ReactNode;
  /** The current sort of a server-paged section, and what a header's click asks for. */
  sort?: { key: string; direction: 'asc' | 'desc'; onSort: (key: string) => void };
  /** Server-side pages (letters); without it the section shows its items ten to a page. */
  pages?: ServerPages;
}

/** Rows a card's section shows at once: a card with 300 letters is one screen of each section, not 34. */
export const CARD_PAGE_SIZE = 10;

function SortHeader({ header, sort }: { header: CardHeader; sort: CardSectionProps<unknown>['sort'] }) {
  if (typeof header === 'string' || !sort) return <>{typeof header === 'string' ? header : header.label}</>;
  const active = sort.key === header.sortKey;
  const arrow = active ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : '';
  return (
    <button
      type="button"
      onClick={() => sort.onSort(header.sortKey)}
      title="Упорядочить"
      style={{ border: 0, background: 'transparent', padding: 0, font: 'inherit', color: 'inherit', cursor: 'pointer', whiteSpace: 'nowrap' }}
      data-testid={`card-sort-${header.sortKey}`}
    >
      {header.label}
      {arrow}
    </button>
  );
}

/** A sorted column's header says so to a screen reader. */
function ariaSort(header: CardHeader, sort: CardSectionProps<unknown>['sort']): 'ascending' | 'descending' | undefined {
  if (typeof header === 'string' || !sort || sort.key !== header.sortKey) return undefined;
  return sort.direction === 'asc' ? 'ascending' : 'descending';
}

/**
 * A section of the organization or resource card: a title, then a load error, "nothing here", or a table, paged
 * (by the server for letters, here ten rows at a time for the rest), with «1–10 из 37» under it.
 */
function CardSection<T>({ testId, title, failedMessage, emptyText, items, failed, headers, row, children, sort, pages }: CardSectionProps<T>) {
  const [localPage, setLocalPage] = useState(1);
  useEffect(() => setLocalPage(1), [items]);
  const total = pages ? pages.total : (items?.length ?? 0);
  const perPage = pages ? pages.perPage : CARD_PAGE_SIZE;
  const page = pages ? pages.page : localPage;
  const shown = items ? (pages ? items : items.slice((page - 1) * perPage, page * perPage)) : null;
  const from = (page - 1) * perPage + 1;
  const to = Math.min(total, page * perPage);
  return (
    <Box mb="xl" data-testid={testId}>
      <H4>{title}</H4>
      {children}
      {failed ? <MessageBox variant="danger" message={failedMessage} /> : null}
      {items && total === 0 ? <Text color="grey60">{emptyText}</Text> : null}
      {shown && shown.length > 0 ? (
        <>
          <Table>
            <TableHead>
              <TableRow>
                {headers.map((header, index) => (
                  <TableCell key={index} role="columnheader" aria-sort={ariaSort(header, sort)}>
                    <SortHeader header={header} sort={sort} />
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>{shown.map(row)}</TableBody>
          </Table>
          {total > perPage ? (
            <Box flex flexDirection="row" alignItems="center" mt="default" style={{ gap: 16 }} data-testid={`${testId}-pages`}>
              <Pagination page={page} perPage={perPage} total={total} onChange={(next: number) => (pages ? pages.onPage(next) : setLocalPage(next))} />
              <Text color="grey60" data-testid={`${testId}-range`}>{`${from}–${to} из ${total}`}</Text>
            </Box>
          ) : null}
        </>
      ) : null}
    </Box>
  );
}

export default CardSection;
