import React from 'react';
import { Box, H4, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';

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
  headers: string[];
  /** One table row per item (with its key). */
  row: (item: T) => React.ReactNode;
  /** Above the table (e.g. a link to add to the section). */
  children?: React.ReactNode;
}

/** A section of the organization or resource card: a title, then a load error, "nothing here", or a table. */
function CardSection<T>({ testId, title, failedMessage, emptyText, items, failed, headers, row, children }: CardSectionProps<T>) {
  return (
    <Box mb="xl" data-testid={testId}>
      <H4>{title}</H4>
      {children}
      {failed ? <MessageBox variant="danger" message={failedMessage} /> : null}
      {items && items.length === 0 ? <Text color="grey60">{emptyText}</Text> : null}
      {items && items.length > 0 ? (
        <Table>
          <TableHead>
            <TableRow>
              {headers.map((header, index) => (
                <TableCell key={index}>{header}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>{items.map(row)}</TableBody>
        </Table>
      ) : null}
    </Box>
  );
}

export default CardSection;
